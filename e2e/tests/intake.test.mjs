// Round trip with other tools (issue 16): follow-ups in from an incident tool's export, tracker
// statuses back as ticked changes, each import one undo step. Files from core/tests/fixtures/sources/.
import { assert, openApp, createPostMortem, waitSaved, stored, onDemandPart } from '../lib.mjs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paymentsOutage } from '../fixtures/payments-outage.mjs';

const source = async (name) => ({
  name,
  mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json',
  buffer: await readFile(new URL(`../../core/tests/fixtures/sources/${name}`, import.meta.url)),
});

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

const items = async (page, pmId) =>
  JSON.parse(await stored(page)).postmortems.find((p) => p.id === pmId)?.action_items ?? [];

export default function (test) {
  test('incident.io follow-ups come in as new items of the chosen post-mortem, one undo step', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Card payments failing at checkout', 'SEV1');
    await waitSaved(page);
    const pmId = JSON.parse(await stored(page)).postmortems[0].id;
    await page.getByTestId('import-file').setInputFiles(await source('incident_io_follow_ups.json'));
    await page.getByTestId('import-preview').waitFor();
    assert.match(await page.getByTestId('preview-format').innerText(), /incident\.io/);
    const offered = await page.getByTestId('preview-new').count();
    assert.ok(offered >= 2, `follow-ups offered: ${offered}`);
    assert.equal(await page.getByTestId('preview-change').count(), 0, 'an incident tool proposes no changes');
    await page.getByTestId('import-target').selectOption(pmId);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await waitSaved(page);
    const added = await items(page, pmId);
    assert.equal(added.length, offered);
    assert.ok(added.some((i) => i.title.startsWith('Add a circuit breaker')));
    assert.ok(added.some((i) => (i.tags ?? []).some((t) => t.startsWith('source-priority:'))), 'the source priority is a tag');
    assert.equal(JSON.parse(await stored(page)).postmortems.length, 1, 'no other post-mortem was made');
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    assert.equal((await items(page, pmId)).length, 0, 'one undo takes every new item back');
  });

  test('a Jira search result proposes changes; the ticked ones apply as one undo step', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    const ws = structuredClone(paymentsOutage);
    const [first, second] = ws.postmortems[0].action_items;
    Object.assign(first, { tracking_ticket: 'PAY-101', status: 'in_progress' });
    Object.assign(second, { tracking_ticket: 'PAY-102', status: 'not_started' });
    await page.getByTestId('import-file').setInputFiles({ name: 'ws.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ws)) });
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await waitSaved(page);

    await page.getByTestId('import-file').setInputFiles(await source('jira_search_v2.json'));
    await page.getByTestId('import-preview').waitFor();
    assert.match(await page.getByTestId('preview-format').innerText(), /Jira search result/);
    const change = (id, field) => page.locator(`[data-testid="preview-change"][data-item-id="${id}"][data-field="${field}"] input[type=checkbox]`);
    assert.equal(await change(first.id, 'status').isChecked(), false, 'changes start unticked');
    await change(first.id, 'status').check();
    await change(second.id, 'status').check();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await waitSaved(page);
    let after = await items(page, 'PM-2026-0051');
    assert.equal(after[0].status, 'implemented', 'Jira done → implemented, never verified');
    assert.equal(after[1].status, 'in_progress');
    assert.equal(after[0].owner, first.owner, 'an unticked owner change is not applied');

    await page.keyboard.press('Control+z');
    await waitSaved(page);
    after = await items(page, 'PM-2026-0051');
    assert.deepEqual(after.slice(0, 2).map((i) => i.status), ['in_progress', 'not_started'], 'one undo restores both');
  });

  test('the readers of other tools\' files load on demand: not with the page, not for this app\'s own file, once for another tool\'s', async ({ page, baseUrl }) => {
    const part = onDemandPart(dist, 'intake');
    // The page's own requests (the service worker's precaching of every file is not the page's).
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
    await openApp(page, baseUrl);
    await page.waitForLoadState('networkidle');
    assert.ok(fetched.some((f) => f.endsWith('_bg.wasm')), 'the main wasm is fetched');
    assert.ok(!fetched.includes(part), `${part} is not part of the first download`);

    await page.getByTestId('import-file').setInputFiles({ name: 'ws.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(paymentsOutage)) });
    await page.getByTestId('import-preview').waitFor();
    assert.equal(await page.getByTestId('preview-format').innerText(), 'Followthrough JSON');
    assert.ok(!fetched.includes(part), 'this app\'s own file is read without it');
    await page.getByTestId('import-cancel').click();

    await page.getByTestId('import-file').setInputFiles(await source('linear_export.csv'));
    await page.getByTestId('import-preview').waitFor();
    assert.match(await page.getByTestId('preview-format').innerText(), /Linear/);
    assert.equal(fetched.filter((f) => f === part).length, 1, `${part} is fetched when another tool's file is read`);
    await page.getByTestId('import-cancel').click();
    await page.locator('.paste-items summary').click();
    await page.getByTestId('paste-items').fill('Add a timeout to the search client — Jane Doe');
    await page.getByTestId('paste-preview').click();
    await page.getByTestId('preview-new').waitFor();
    assert.equal(fetched.filter((f) => f === part).length, 1, 'and only once');
  });

  test('when the on-demand part cannot be fetched the import says so, and the next try loads it', async ({ browser, baseUrl }) => {
    const part = onDemandPart(dist, 'intake');
    // Without the service worker: once it controls the page it answers from its own copy, which
    // page.route never sees (a race the test could lose on a slow machine).
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await openApp(page, baseUrl);
      const blocked = `**/${part}`;
      await page.route(blocked, (route) => route.abort('internetdisconnected'));
      await page.getByTestId('import-file').setInputFiles(await source('github_issues.json'));
      await page.getByTestId('import-error').filter({ hasText: /could not be loaded/ }).waitFor();
      assert.equal(await page.getByTestId('import-preview').count(), 0);
      await page.unroute(blocked);
      await page.getByTestId('import-file').setInputFiles([]);
      await page.getByTestId('import-file').setInputFiles(await source('github_issues.json'));
      await page.getByTestId('import-preview').waitFor();
      assert.match(await page.getByTestId('preview-format').innerText(), /GitHub/);
      assert.equal(await page.getByTestId('import-error').innerText(), '');
    } finally {
      await context.close();
    }
  });

  test('an action list pasted from the document becomes items with owner, ticket and date, one undo step', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Search latency spike');
    await waitSaved(page);
    const pmId = JSON.parse(await stored(page)).postmortems[0].id;
    await page.locator('.paste-items summary').click();
    await page.getByTestId('paste-items').fill([
      '1. Add a timeout to the search client — Jane Doe, PAY-123, due 2026-12-15',
      '\u2022 Write a runbook for index rebuilds - owner: Lee Chen',
      '',
    ].join('\n'));
    await page.getByTestId('paste-preview').click();
    await page.getByTestId('import-preview').waitFor();
    assert.match(await page.getByTestId('preview-format').innerText(), /Pasted/);
    assert.equal(await page.getByTestId('preview-new').count(), 2);
    await page.getByTestId('import-target').selectOption(pmId);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-preview').waitFor({ state: 'detached' });
    await waitSaved(page);
    const [first, second] = await items(page, pmId);
    assert.equal(first.title, 'Add a timeout to the search client');
    assert.equal(first.owner, 'Jane Doe');
    assert.equal(first.tracking_ticket, 'PAY-123');
    assert.equal(first.due_date, '2026-12-15');
    assert.equal(second.owner, 'Lee Chen');
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    assert.equal((await items(page, pmId)).length, 0, 'one undo takes the pasted items back');
  });
}
