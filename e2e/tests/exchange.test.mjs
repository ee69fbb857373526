// Hand-off: JSON export and import (preview, confirm, undo, refusals) and tracker exports.
import { assert, openApp, createPostMortem, waitSaved, stored, onDemandPart } from '../lib.mjs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paymentsOutage } from '../fixtures/payments-outage.mjs';

const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

async function importFile(page, name, text) {
  await page.getByTestId('import-file').setInputFiles(file(name, text));
}

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** Opens the payments outage's post-mortem page with its exports shown. */
async function openExports(page, baseUrl) {
  await openApp(page, baseUrl);
  await page.evaluate((text) => localStorage.setItem('followthrough.workspace', text), JSON.stringify(paymentsOutage));
  await page.goto(`${baseUrl}#/pm/PM-2026-0051`);
  await page.reload();
  await page.getByTestId('action-item').first().waitFor();
  await page.getByTestId('exports').locator('summary').click();
}

async function download(page, testId) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

export default function (test) {
  test('import shows a preview, changes nothing until confirmed, and can be undone', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Already here');
    await waitSaved(page);
    const before = await stored(page);
    await importFile(page, 'payments.json', JSON.stringify(paymentsOutage));
    const previewBox = page.getByTestId('import-preview');
    await previewBox.waitFor();
    assert.match(await page.getByTestId('preview-added').innerText(), /^1 added/);
    await page.waitForTimeout(400);
    assert.equal(await stored(page), before, 'nothing changes before the import is confirmed');
    await page.getByTestId('import-confirm').click();
    await previewBox.waitFor({ state: 'detached' });
    await waitSaved(page);
    const after = JSON.parse(await stored(page));
    assert.deepEqual(after.postmortems.map((p) => p.id).sort(), [JSON.parse(before).postmortems[0].id, 'PM-2026-0051'].sort());
    const imported = after.postmortems.find((p) => p.id === 'PM-2026-0051');
    assert.equal(imported.action_items.length, 5);
    assert.equal(imported.action_items[4].priority, 'P0', 'priorities are recomputed (SEV1 override)');
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    assert.deepEqual(JSON.parse(await stored(page)).postmortems.map((p) => p.id), JSON.parse(before).postmortems.map((p) => p.id));
  });

  test('bad files are refused with a message and stored data stays byte-identical', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Keep me');
    await waitSaved(page);
    const before = await stored(page);
    const error = page.getByTestId('import-error');
    const bad = structuredClone(paymentsOutage);
    bad.postmortems[0].action_items[0].impact = 7;
    const cases = [
      ['wrong-type.json', JSON.stringify(bad), /postmortems\[0\]\.action_items\[0\]\.impact: expected 1–4, found 7/],
      ['newer.json', JSON.stringify({ ...paymentsOutage, schema_version: 99 }), /newer|99/i],
      ['deep.json', '['.repeat(100000) + ']'.repeat(100000), /deep|nest/i],
      ['dupes.json', JSON.stringify({ schema_version: 1, postmortems: [{ id: 'PM-1', title: 'a' }, { id: 'PM-1', title: 'b' }] }), /PM-1/],
      ['garbage.json', '{"postmortems": [', /not valid JSON/i],
      ['big.json', ' '.repeat(33 * 1024 * 1024), /over 32 MiB/i],
    ];
    for (const [name, text, message] of cases) {
      await importFile(page, name, text);
      await error.filter({ hasText: message }).waitFor({ timeout: 10000 });
      assert.equal(await page.getByTestId('import-preview').count(), 0, name);
      assert.equal(await stored(page), before, name);
    }
  });

  test('an item id used in two post-mortems is refused in the preview, naming both places', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Keep me');
    await waitSaved(page);
    const before = await stored(page);
    const clash = structuredClone(paymentsOutage);
    const copy = structuredClone(clash.postmortems[0]);
    copy.id = 'PM-2026-0099';
    copy.action_items = [copy.action_items[0]];
    clash.postmortems.push(copy);
    await importFile(page, 'clash.json', JSON.stringify(clash));
    const refused = page.getByTestId('import-refused');
    await refused.waitFor();
    const id = paymentsOutage.postmortems[0].action_items[0].id;
    assert.match(await refused.innerText(), new RegExp(`${id}.*postmortems\\[1\\]\\.action_items\\[0\\] \\(post-mortem PM-2026-0099\\).*postmortems\\[0\\]\\.action_items\\[0\\] \\(post-mortem PM-2026-0051\\)`));
    assert.equal(await page.getByTestId('import-confirm').isDisabled(), true);
    assert.equal(await stored(page), before);
  });

  test('exports: workspace JSON, and tracker formats with labels, links back and defused cells', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    const ws = structuredClone(paymentsOutage);
    ws.postmortems[0].action_items[0].title = '=HYPERLINK("http://evil.example","click") Add a breaker';
    await page.evaluate((text) => localStorage.setItem('followthrough.workspace', text), JSON.stringify(ws));
    await page.goto(`${baseUrl}#/pm/PM-2026-0051`);
    await page.reload();
    await page.getByTestId('action-item').first().waitFor();

    const whole = await download(page, 'export-json');
    assert.match(whole.name, /^followthrough-workspace-\d{4}-\d{2}-\d{2}\.json$/);
    assert.equal(JSON.parse(whole.text).postmortems[0].id, 'PM-2026-0051');

    await page.getByTestId('exports').locator('summary').click();
    // Leave one item out of the tracker exports.
    await page.locator('[data-testid=export-item][data-item-id="PM-2026-0051-04"]').uncheck();
    const jira = await download(page, 'export-jira');
    assert.match(jira.text, /^Summary,Description,Assignee,Priority,Due date,Labels/);
    assert.match(jira.text, /'=HYPERLINK/, 'a formula is defused with a leading quote');
    assert.match(jira.text, /incident-action/);
    assert.match(jira.text, /PM-2026-0051/);
    assert.match(jira.text, /#\/pm\/PM-2026-0051/, 'the description links back to the post-mortem');
    assert.doesNotMatch(jira.text, /Investigate retry logging/, 'unchosen items are left out');
    const md = await download(page, 'export-markdown');
    assert.match(md.text, /\| PM-2026-0051-01 \|/);
    const ics = await download(page, 'export-ics');
    assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
    const gh = await download(page, 'export-gh');
    assert.match(gh.text, /gh issue create/);
    const one = await download(page, 'export-pm-json');
    assert.equal(JSON.parse(one.text).postmortem.id, 'PM-2026-0051');
  });

  test('the export writers load on demand: not with the page, once when an export button is pressed', async ({ page, baseUrl }) => {
    const part = onDemandPart(dist, 'exports');
    // The page's own requests (the service worker's precaching of every file is not the page's).
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
    await openExports(page, baseUrl);
    await page.waitForLoadState('networkidle');
    assert.ok(fetched.some((f) => f.endsWith('_bg.wasm')), 'the main wasm is fetched');
    assert.ok(!fetched.includes(part), `${part} is not part of the first download`);
    const jira = await download(page, 'export-jira');
    assert.match(jira.text, /^Summary,Description,Assignee,Priority,Due date,Labels/);
    assert.equal(fetched.filter((f) => f === part).length, 1, `${part} is fetched when an export button is pressed`);
    const ics = await download(page, 'export-ics');
    assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
    assert.equal(fetched.filter((f) => f === part).length, 1, 'and only once');
  });

  test('when the export writers cannot be fetched the export says so, and the next press exports', async ({ browser, baseUrl }) => {
    const part = onDemandPart(dist, 'exports');
    // Without the service worker: once it controls the page (after openExports' reload) it
    // answers from its copy, which page.route never sees.
    const context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await openExports(page, baseUrl);
      const blocked = `**/${part}`;
      await page.route(blocked, (route) => route.abort('internetdisconnected'));
      let downloads = 0;
      page.on('download', () => downloads++);
      await page.getByTestId('export-markdown').click();
      await page.getByTestId('export-error').filter({ hasText: /^Not exported: .*could not be loaded/ }).waitFor();
      assert.equal(downloads, 0, 'no file is offered');
      await page.unroute(blocked);
      const md = await download(page, 'export-markdown');
      assert.equal(md.name, 'PM-2026-0051-actions.md');
      assert.match(md.text, /\| PM-2026-0051-01 \|/);
      assert.equal(await page.getByTestId('export-error').innerText(), '');
    } finally {
      await context.close();
    }
  });
}
