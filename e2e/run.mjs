// End-to-end runner: every e2e/tests/*.test.mjs against the release dist/, in Debian's headless
// Chromium through playwright-core. Each test gets a fresh browser context (empty storage).
// Closes with "N passed, N failed"; exits non-zero on any failure or when no test ran.
import { chromium } from 'playwright-core';
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const TEST_TIMEOUT_MS = 60_000;
const only = process.argv[2];

if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/index.html is missing: run `trunk build --release --offline --public-url ./` first');
  process.exit(1);
}

const tests = [];
for (const file of readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.test.mjs')).sort()) {
  const mod = await import(pathToFileURL(join(here, 'tests', file)));
  mod.default((name, fn) => tests.push({ name: `${file.replace('.test.mjs', '')}: ${name}`, fn }));
}

const server = await startServer(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

let passed = 0;
let failed = 0;
for (const t of tests) {
  if (only && !t.name.includes(only)) continue;
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const started = Date.now();
  try {
    await Promise.race([
      t.fn({ page, context, browser, baseUrl: server.url }),
      new Promise((_, fail) => setTimeout(() => fail(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS)),
    ]);
    if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.join(' | ')}`);
    passed++;
    console.log(`  ✓ ${t.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${t.name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
  } finally {
    await context.close().catch(() => {});
  }
}

await browser.close();
await server.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
