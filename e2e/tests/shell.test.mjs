import { assert, openApp, createPostMortem, openHeader, listShows, waitSaved, stored, WORKSPACE_KEY } from '../lib.mjs';
import { SUB_PATH } from '../server.mjs';
import { readFile } from 'node:fs/promises';

export default function (test) {
  test('an empty workspace invites a new post-mortem', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('empty-state').waitFor();
    assert.equal(await page.getByTestId('postmortem-row').count(), 0);
    assert.equal(await stored(page), null, 'a first visit writes nothing');
  });

  test('a long list shows a page of post-mortems at a time, and the saved workspace moves to shards', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    const postmortems = Array.from({ length: 120 }, (_, i) => ({
      id: `PM-2025-${String(i + 1).padStart(4, '0')}`,
      title: `Incident number ${i + 1}`,
      incident_date: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    // The older single-key format, as an older version (or a hand-made file) left it.
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [WORKSPACE_KEY, JSON.stringify({ schema_version: 1, postmortems })]);
    await page.reload();
    const rows = page.getByTestId('postmortem-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 100);
    assert.equal(await page.getByTestId('list-count').innerText(), 'Showing 100 of 120');
    await page.getByTestId('show-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=postmortem-row]').length === 120);
    assert.equal(await page.getByTestId('show-more').count(), 0);
    // The first save writes one shard per post-mortem and drops the older key.
    await rows.first().getByTestId('postmortem-title').click();
    await openHeader(page);
    await page.getByTestId('pm-title').fill('Renamed so that it saves');
    await waitSaved(page);
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.ok(!keys.includes(WORKSPACE_KEY), 'the older key is gone');
    assert.equal(keys.filter((k) => k.startsWith('followthrough.pm.')).length, 120);
    const ws = JSON.parse(await stored(page));
    assert.equal(ws.postmortems.length, 120);
    assert.ok(ws.postmortems.some((pm) => pm.title === 'Renamed so that it saves'));
  });

  test('a created post-mortem is still there after a reload', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Checkout outage on 12 May', 'SEV1');
    await waitSaved(page);
    await page.reload();
    await page.getByTestId('postmortem-page').waitFor();
    assert.equal(await page.getByTestId('pm-heading').textContent(), 'Checkout outage on 12 May');
    await listShows(page, 'Checkout outage on 12 May');
    const row = page.getByTestId('postmortem-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.match(await row.first().innerText(), /SEV1[\s\S]*Checkout outage on 12 May/);
    const ws = JSON.parse(await stored(page));
    assert.equal(ws.schema_version, 1);
    assert.equal(ws.postmortems[0].severity, 'SEV1');
    assert.match(ws.postmortems[0].id, /^PM-\d{4}-0001$/);
  });

  test('a blank title is refused with a message', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('new-postmortem').first().click();
    await page.getByTestId('new-postmortem-title').press('Enter');
    await page.getByText('Give the post-mortem a title').waitFor();
    assert.equal(await page.getByTestId('postmortem-row').count(), 0);
  });

  test('the release build works from a sub-path', async ({ page, baseUrl }) => {
    const failedRequests = [];
    page.on('response', (r) => { if (r.status() >= 400) failedRequests.push(r.url()); });
    await openApp(page, new URL(SUB_PATH, baseUrl).href);
    await createPostMortem(page, 'Sub-path check', 'SEV3');
    await waitSaved(page);
    await page.reload();
    await page.getByTestId('postmortem-page').waitFor();
    await listShows(page, 'Sub-path check');
    assert.deepEqual(failedRequests, []);
    const schema = await page.evaluate(async () => (await fetch('schema/v1.json')).status);
    assert.equal(schema, 200, 'the exchange schema is published next to the app');
  });

  test('a corrupt stored value survives a page load untouched and the page says so', async ({ page, baseUrl }) => {
    const corrupt = '{"schema_version":1,"postmortems":[{"id":"PM-1","title":"kept"}, oops';
    await openApp(page, baseUrl);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [WORKSPACE_KEY, corrupt]);
    await page.reload();
    const banner = page.getByTestId('storage-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /could not be read/);
    // Working on does not write over it.
    await createPostMortem(page, 'Made while storage is paused');
    await page.waitForTimeout(600);
    assert.equal(await stored(page), corrupt);
    await page.goto(baseUrl);
    await banner.waitFor();
    assert.equal(await stored(page), corrupt);
    // The raw text is offered as a download, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-unreadable').click(),
    ]);
    assert.equal(await readFile(await download.path(), 'utf8'), corrupt);
  });

  test('setting an unreadable value aside keeps it under a quarantine key', async ({ page, baseUrl }) => {
    const corrupt = 'not json at all';
    await openApp(page, baseUrl);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [WORKSPACE_KEY, corrupt]);
    await page.reload();
    await page.getByTestId('set-aside-unreadable').click();
    await page.getByTestId('storage-banner').waitFor({ state: 'detached' });
    const kept = await page.evaluate((key) => Object.keys(localStorage)
      .filter((k) => k.startsWith(`${key}.quarantine.`))
      .map((k) => localStorage.getItem(k)), WORKSPACE_KEY);
    assert.deepEqual(kept, [corrupt]);
    await createPostMortem(page, 'Fresh start');
    await waitSaved(page);
    assert.equal(JSON.parse(await stored(page)).postmortems[0].title, 'Fresh start');
  });
}
