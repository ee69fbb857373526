// A new deployed version: the open page says so, saves, and reloads into it on request; other
// tabs of the old version follow; an old version never writes over a newer storage format.
import { assert, openApp, createPostMortem, openHeader, waitSaved, stored, INDEX_KEY, REVISION_KEY } from '../lib.mjs';
import { copyBuild, deployNewVersion, startNginx, workerActive } from '../nginx.mjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(repo, 'dist');
/** The version in Cargo.toml ([workspace.package]), which the footer and the archive carry. */
const VERSION = readFileSync(join(repo, 'Cargo.toml'), 'utf8').match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
const deployed = (page) => page.evaluate(() => document.querySelector('meta[name=followthrough-deploy]')?.content ?? null);

/** A copy of the build behind nginx, for a test that deploys into it. */
async function withSite(fn) {
  const site = copyBuild(dist);
  const server = await startNginx(site.dir);
  try {
    return await fn(server, site.dir);
  } finally {
    await server.close();
    site.remove();
  }
}

/** Opens the app and reloads it once, so that the worker serves it, as for a returning user. */
async function openControlled(page, url) {
  await openApp(page, url);
  await workerActive(page);
  await page.reload();
  await page.getByTestId('app-title').waitFor();
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the worker serves the page');
}

/** What the app does when the tab is shown again: it asks for a new worker. */
const tabShown = (page) => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

export default function (test) {
  test('a new version is announced, and taking it saves the text just typed before reloading into it', async ({ page }) => {
    await withSite(async (server, site) => {
      await openControlled(page, server.url);
      assert.equal(await page.getByTestId('app-version').innerText(), `Followthrough ${VERSION}`);
      await createPostMortem(page, 'Checkout outage', 'SEV1');
      await waitSaved(page);
      assert.equal(await page.getByTestId('update-notice').count(), 0, 'no notice without a new version');

      deployNewVersion(site, 'v2');
      await tabShown(page);
      await page.getByTestId('update-notice').waitFor();
      assert.equal(await deployed(page), null, 'the open page still runs the version it started with');

      // Typed and the button pressed in one go: the debounced save cannot have run yet.
      const typed = 'Typed a moment before taking the update';
      const reloaded = page.waitForEvent('load');
      await page.evaluate((text) => {
        const field = document.querySelector('[data-testid=pm-summary]');
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        document.querySelector('[data-testid=update-reload]').click();
      }, typed);
      await reloaded;
      await page.getByTestId('postmortem-page').waitFor();
      assert.equal(await deployed(page), 'v2', 'the page now runs the new version');
      assert.equal(await page.getByTestId('pm-summary').inputValue(), typed);
      assert.equal(JSON.parse(await stored(page)).postmortems[0].summary, typed);
      assert.equal(await page.getByTestId('update-notice').count(), 0);
    });
  });

  test('when one tab takes the new version, another tab of the old one saves its typing and reloads too', async ({ page, context }) => {
    await withSite(async (server, site) => {
      await openControlled(page, server.url);
      await createPostMortem(page, 'Two tabs open', 'SEV2');
      await waitSaved(page);
      const other = await context.newPage();
      await openApp(other, page.url());
      await other.getByTestId('postmortem-page').waitFor();

      deployNewVersion(site, 'v2');
      await tabShown(page);
      await page.getByTestId('update-notice').waitFor();
      await other.getByTestId('update-notice').waitFor();

      const typed = 'Typed in the other tab';
      const otherReloaded = other.waitForEvent('load');
      const reloaded = page.waitForEvent('load');
      // The other tab's typing is pending when this tab takes the update.
      await other.evaluate((text) => {
        const field = document.querySelector('[data-testid=pm-facilitator]');
        field.value = text;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }, typed);
      await page.getByTestId('update-reload').click();
      await Promise.all([reloaded, otherReloaded]);
      for (const p of [page, other]) {
        await p.getByTestId('postmortem-page').waitFor();
        assert.equal(await deployed(p), 'v2');
        assert.equal(await p.getByTestId('pm-facilitator').inputValue(), typed);
      }
    });
  });

  test('an old version does not write over a workspace stored by a newer one', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Stored by version 1');
    await waitSaved(page);
    // A newer version (another tab, already updated) moved the stored index to its format.
    const newer = await page.evaluate(([key]) => {
      const index = JSON.parse(localStorage.getItem(key));
      index.schema_version = 99;
      index.added_by_v99 = true;
      localStorage.setItem(key, JSON.stringify(index));
      return localStorage.getItem(key);
    }, [INDEX_KEY]);
    const revision = await page.evaluate((key) => localStorage.getItem(key), REVISION_KEY);
    await openHeader(page);
    await page.getByTestId('pm-title').fill('Edited in the old tab');
    const banner = page.getByTestId('storage-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /newer version of Followthrough/);
    assert.equal(await page.getByTestId('save-mark').innerText(), 'Not saved');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), INDEX_KEY), newer, 'the newer index is untouched');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), REVISION_KEY), revision);
  });
}
