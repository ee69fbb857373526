// Hosting: the release build behind Debian's nginx with the shipped configuration
// (deploy/nginx/followthrough.conf), at the root and under a sub-path, as docs/HOSTING.md says.
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { assert, openApp, createPostMortem, waitSaved, onDemandPart, onDemandParts, CHROMIUM, CHROMIUM_ARGS } from '../lib.mjs';
import { startNginx, workerActive } from '../nginx.mjs';
import { SUB_PATH } from '../server.mjs';
import { paymentsOutage } from '../fixtures/payments-outage.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const YEAR = 'public, max-age=31536000, immutable';

/** A GET as a client that sends exactly these headers: no decoding, the bytes as sent. */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

/** The app's own files, by role, as index.html names them, and the parts loaded on demand. */
function builtFiles() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const find = (re, what) => html.match(re)?.[0] ?? assert.fail(`index.html names no ${what}`);
  return {
    wasm: find(/followthrough-[0-9a-f]{8,16}_bg\.wasm/, 'wasm'),
    js: find(/followthrough-[0-9a-f]{8,16}\.js/, 'wasm-bindgen JS'),
    start: find(/start-[0-9a-f]{8,16}\.js/, 'start-up module'),
    css: find(/main-[0-9a-f]{8,16}\.css/, 'stylesheet'),
    loader: find(/followthrough-split-[0-9a-f]{8,16}\.js/, 'loader of the parts loaded on demand'),
    // Every part loaded on demand (and the code two of them share) is served as the app's files.
    ...Object.fromEntries(onDemandParts(dist).map((name) => [`part ${name}`, name])),
  };
}

async function withNginx(fn) {
  const server = await startNginx(dist);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

export default function (test) {
  test('nginx sends brotli to a client that asks and gzip to one that does not, with types and cache rules', async () => {
    const files = builtFiles();
    const script = /^(application|text)\/javascript/;
    const types = { wasm: /^application\/wasm$/, js: script, start: script, css: /^text\/css/, loader: script, part: /^application\/wasm$/ };
    await withNginx(async (server) => {
      for (const base of [server.url, server.subUrl]) {
        for (const [role, name] of Object.entries(files)) {
          const original = readFileSync(join(dist, name));
          const url = base + name;
          const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
          assert.equal(br.status, 200, url);
          assert.equal(br.headers['content-encoding'], 'br', `${url} to a client that accepts brotli`);
          assert.ok(brotliDecompressSync(br.body).equals(original), `${url}: the brotli body is the file`);
          const gz = await get(url, { 'accept-encoding': 'gzip, deflate' });
          assert.equal(gz.headers['content-encoding'], 'gzip', `${url} to a client that accepts only gzip`);
          assert.ok(gunzipSync(gz.body).equals(original), `${url}: the gzip body is the file`);
          const plain = await get(url);
          assert.equal(plain.headers['content-encoding'], undefined, `${url} to a client that accepts neither`);
          assert.ok(plain.body.equals(original));
          for (const res of [br, gz, plain]) {
            assert.match(res.headers['content-type'], types[role.split(' ')[0]], `${url}: type`);
            assert.equal(res.headers['cache-control'], YEAR, `${url}: a hashed file is cached for good`);
          }
          assert.match(br.headers.vary ?? '', /Accept-Encoding/i, `${url}: Vary`);
        }
        const page = await get(base, { 'accept-encoding': 'gzip, br' });
        assert.equal(page.status, 200);
        assert.match(page.headers['content-type'], /^text\/html/);
        assert.equal(page.headers['cache-control'], 'no-cache', 'index.html is revalidated');
        const meta = readFileSync(join(dist, 'index.html'), 'utf8').match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
        assert.equal(page.headers['content-security-policy'], `${meta}; frame-ancestors 'none'`, 'the CSP header is the page\'s own, plus frame-ancestors');
        assert.equal(page.headers['x-content-type-options'], 'nosniff');
        const sw = await get(`${base}sw.js`, { 'accept-encoding': 'br' });
        assert.equal(sw.headers['cache-control'], 'no-cache', 'the service worker is revalidated');
        assert.match(sw.headers['content-type'], /javascript/);
        assert.equal(sw.headers['content-encoding'], 'br');
        const manifest = await get(`${base}manifest.webmanifest`);
        assert.equal(manifest.headers['content-type'], 'application/manifest+json');
        assert.equal(manifest.headers['cache-control'], 'no-cache');
        assert.equal((await get(`${base}icons/icon.svg`)).headers['content-type'], 'image/svg+xml');
        assert.equal((await get(`${base}favicon.ico`)).headers['content-type'], 'image/x-icon');
        assert.equal((await get(`${base}schema/v1.json`)).headers['content-type'], 'application/json');
      }
      const bare = await get(server.subUrl.replace(/\/$/, ''));
      assert.equal(bare.status, 301, 'the sub-path without its slash is redirected');
      assert.equal(new URL(bare.headers.location, server.url).pathname, SUB_PATH);
    });
  });

  test('behind nginx the browser gets compressed files, and the manifest and favicon load with no console error', async ({ browser }) => {
    await withNginx(async (server) => {
      // A first visit at each place, each in a browser of its own.
      for (const base of [server.url, server.subUrl]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const problems = [];
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
        // A reload cancels what is still loading (ERR_ABORTED); anything else is a failure.
        page.on('requestfailed', (r) => { if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`); });
        page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
        const wasm = [];
        page.on('response', async (r) => {
          if (r.url().endsWith('_bg.wasm') && !r.fromServiceWorker()) {
            wasm.push({ asked: (await r.request().allHeaders())['accept-encoding'] ?? '', sent: (await r.allHeaders())['content-encoding'] });
          }
        });
        try {
          await openApp(page, base);
          await workerActive(page);
          const cdp = await context.newCDPSession(page);
          const manifest = await cdp.send('Page.getAppManifest');
          await cdp.detach();
          assert.equal(manifest.url, `${base}manifest.webmanifest`);
          assert.deepEqual(manifest.errors, [], 'Chromium reads the manifest without complaint');
          const parsed = JSON.parse(manifest.data);
          assert.equal(parsed.display, 'standalone');
          // Every icon the page and the manifest name loads, with an image type.
          const icons = await page.evaluate(async (names) => {
            const hrefs = [...document.querySelectorAll('link[rel~=icon]')].map((l) => l.href)
              .concat(names.map((n) => new URL(n, document.querySelector('link[rel=manifest]').href).href), new URL('favicon.ico', document.baseURI).href);
            return Promise.all(hrefs.map(async (href) => {
              const res = await fetch(href);
              return { href, status: res.status, type: res.headers.get('content-type') };
            }));
          }, parsed.icons.map((i) => i.src));
          assert.ok(icons.length >= 5);
          for (const icon of icons) {
            assert.equal(icon.status, 200, icon.href);
            assert.match(icon.type, /^image\//, icon.href);
          }
          await page.reload();
          await page.getByTestId('app-title').waitFor();
          assert.equal(wasm.length, 1, `${base}: one download of the wasm (the preload is used; the reload is served by the worker)`);
          assert.equal(wasm[0].sent, /\bbr\b/.test(wasm[0].asked) ? 'br' : 'gzip', `asked "${wasm[0].asked}"`);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      }
    });
  });

  test('Chromium can install the app from nginx, at the root and under the sub-path', async () => {
    // A test context is incognito, where nothing installs: this one has a profile of its own.
    const profile = mkdtempSync(join(tmpdir(), 'followthrough-profile-'));
    const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      await withNginx(async (server) => {
        for (const base of [server.url, server.subUrl]) {
          const page = await browser.newPage();
          await openApp(page, base);
          await workerActive(page);
          const cdp = await browser.newCDPSession(page);
          // Chromium checks the manifest, its icons and the worker in the background.
          let errors;
          for (let tries = 0; tries < 50; tries++) {
            errors = (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors;
            if (errors.length === 0) break;
            await page.waitForTimeout(100);
          }
          assert.deepEqual(errors, [], `installable at ${base}: ${JSON.stringify(errors)}`);
          await page.close();
        }
      });
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
  test('offline: with nginx stopped and the network off, a reload under the sub-path opens the app with its data', async ({ page, context }) => {
    const server = await startNginx(dist);
    try {
      await openApp(page, server.subUrl);
      await createPostMortem(page, 'Written before the Wi-Fi dropped', 'SEV2');
      await waitSaved(page);
      await workerActive(page);
    } finally {
      await server.close();
    }
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('postmortem-page').waitFor();
    assert.equal(await page.getByTestId('pm-title').inputValue(), 'Written before the Wi-Fi dropped');
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('postmortem-title').filter({ hasText: 'Written before the Wi-Fi dropped' }).waitFor();
    assert.equal(await page.evaluate(async () => (await fetch('schema/v1.json')).status), 200, 'the schema is kept too');
    await context.setOffline(false);
  });

  test('offline: another tool\'s file imports with the network off, its reader taken from the worker\'s copy', async ({ page, context }) => {
    const part = onDemandPart(dist, 'intake');
    const server = await startNginx(dist);
    try {
      await openApp(page, server.subUrl);
      await workerActive(page);
    } finally {
      await server.close();
    }
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('app-title').waitFor();
    const served = page.waitForResponse((r) => r.url().endsWith(`/${part}`));
    await page.getByTestId('import-file').setInputFiles({
      name: 'rootly_action_items.json',
      mimeType: 'application/json',
      buffer: readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'core', 'tests', 'fixtures', 'sources', 'rootly_action_items.json')),
    });
    const response = await served;
    assert.ok(response.fromServiceWorker(), `${part} comes from the service worker's cache`);
    await page.getByTestId('import-preview').waitFor();
    assert.match(await page.getByTestId('preview-format').innerText(), /Rootly/);
    assert.ok(await page.getByTestId('preview-new').count() > 0, 'its items are offered');
    await context.setOffline(false);
  });

  test('offline: a tracker export works with the network off, its writers taken from the worker\'s copy', async ({ page, context }) => {
    const part = onDemandPart(dist, 'exports');
    const server = await startNginx(dist);
    try {
      await openApp(page, server.subUrl);
      await page.evaluate((text) => localStorage.setItem('followthrough.workspace', text), JSON.stringify(paymentsOutage));
      await workerActive(page);
    } finally {
      await server.close();
    }
    await context.setOffline(true);
    await page.goto(`${server.subUrl}#/pm/PM-2026-0051`);
    await page.reload();
    await page.getByTestId('action-item').first().waitFor();
    await page.getByTestId('exports').locator('summary').click();
    const served = page.waitForResponse((r) => r.url().endsWith(`/${part}`));
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-linear').click()]);
    const response = await served;
    assert.ok(response.fromServiceWorker(), `${part} comes from the service worker's cache`);
    assert.equal(file.suggestedFilename(), 'PM-2026-0051-linear.csv');
    assert.match(readFileSync(await file.path(), 'utf8'), /PM-2026-0051/);
    assert.equal(await page.getByTestId('export-error').innerText(), '');
    await context.setOffline(false);
  });
}
