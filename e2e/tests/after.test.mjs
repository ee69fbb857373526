// After the meeting: an item walked through every status (and every refusal), the review view
// on a fixed day, and the dashboard's metrics on the core's hand-computed fixture.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, openApp, createPostMortem, openItem, waitSaved, stored, WORKSPACE_KEY } from '../lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// The core's fixture, whose answers core/tests/metrics_fixture.rs computes by hand.
const METRICS_FIXTURE = join(here, '..', '..', 'core', 'tests', 'fixtures', 'metrics_workspace.json');

/** Puts a workspace into storage and opens a view on it. */
async function loadWorkspace(page, baseUrl, json, hash) {
  await openApp(page, baseUrl);
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [WORKSPACE_KEY, json]);
  await page.goto(`${baseUrl}${hash}`);
  await page.reload();
  await page.getByTestId('app-title').waitFor();
}

async function statusOf(item) {
  return (await item.getByTestId('status').first().textContent()).trim();
}

/** Opens a move's form (or makes a move that needs nothing). */
async function move(item, kind) {
  await item.getByTestId(`move-${kind}`).click();
}

/** Confirms the open form and expects the core's refusal, word for word in part. */
async function refused(item, text) {
  await item.getByTestId('move-confirm').click();
  const alert = item.getByTestId('move-refusal');
  await alert.filter({ hasText: text }).waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
}

async function accepted(item, kind, status) {
  await item.getByTestId('move-confirm').click();
  await item.getByTestId('status').filter({ hasText: new RegExp(`^${status}$`) }).waitFor();
  assert.equal(await item.getByTestId(`move-form-${kind}`).count(), 0, 'the form closes');
  assert.equal(await item.getByTestId('move-refusal').textContent(), '', 'no refusal is left');
}

export default function (test) {
  test('one item through every state, with each refusal, a win and its timeline', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Checkout 502s during deploy');
    await page.getByTestId('quick-title').fill('Add a readiness probe to the checkout service');
    await page.getByTestId('quick-owner').fill('Priya Raman');
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await item.waitFor();
    // While drafting, an item has no status moves; they come once the meeting is over.
    await openItem(item);
    assert.equal(await item.getByTestId('status-control').isVisible(), false);
    await page.getByTestId('pm-to-review').click();
    await item.getByTestId('status-control').waitFor();
    assert.equal(await statusOf(item), 'Not started');

    // A move the state does not allow: the core says which are possible.
    await item.getByTestId('other-moves-toggle').click();
    await item.getByTestId('move-verify').click();
    const alert = item.getByTestId('move-refusal');
    await alert.filter({ hasText: 'An item that is “Not started” cannot move to “Verified”' }).waitFor();
    assert.match(await alert.textContent(), /From here you can: start, block, defer, close\./);
    await item.getByTestId('move-reopen').click();
    await alert.filter({ hasText: 'cannot move to “In progress”' }).waitFor();
    await item.getByTestId('other-moves-toggle').click();

    // Closing: a resolution is needed; "completed" only for verified items; others need a reason.
    await move(item, 'close');
    await refused(item, 'Choose how the item ends');
    await item.getByTestId('move-resolution').selectOption('completed');
    await refused(item, 'Only a verified item can be closed as completed; this one is “Not started”');
    await item.getByTestId('move-resolution').selectOption('wont_do');
    await refused(item, 'Closing as “Won\'t do” needs a written reason');
    await item.getByTestId('move-cancel').click();

    await move(item, 'start');
    await item.getByTestId('status').filter({ hasText: /^In progress$/ }).waitFor();

    // Blocked: a kind, a note, and a new owner when the owner left.
    await move(item, 'block');
    await refused(item, 'Say what blocks the item');
    await item.getByTestId('move-blocked-kind').selectOption('owner_left');
    await refused(item, 'Write a short note saying why.');
    await item.getByTestId('move-note').fill('Priya moved to the data team');
    await refused(item, 'Name the one person who takes the item over');
    // The new owner passes the validator's owner check: a placeholder or a team is refused.
    await item.getByTestId('move-new-owner').fill('TBD');
    await refused(item, 'The new owner “TBD” is not one named person');
    await item.getByTestId('move-new-owner').fill('');
    await item.getByTestId('move-blocked-kind').selectOption('other_team_dependency');
    await item.getByTestId('move-note').fill('Waiting on the platform team to expose the probe port');
    await accepted(item, 'block', 'Blocked');
    assert.match(await item.getByTestId('status-facts').textContent(), /Another team's dependency since \d{4}-\d\d-\d\d: Waiting on the platform team/);

    await move(item, 'unblock');
    await item.getByTestId('status').filter({ hasText: /^In progress$/ }).waitFor();
    await move(item, 'implement');
    await item.getByTestId('status').filter({ hasText: /^Implemented$/ }).waitFor();

    // Deferred: a reason, a trigger or a date, and the risk acknowledged.
    await move(item, 'defer');
    await refused(item, 'Write why the item is deferred');
    await item.getByTestId('move-reason').fill('The service moves to the new cluster first');
    await refused(item, 'Say what brings the item back');
    await item.getByTestId('move-trigger').fill('When the cluster migration ships');
    await refused(item, 'Tick that you acknowledge the risk');
    await item.getByTestId('move-risk').check();
    await accepted(item, 'defer', 'Deferred');

    await move(item, 'resume');
    await item.getByTestId('status').filter({ hasText: /^In progress$/ }).waitFor();
    await move(item, 'implement');
    await item.getByTestId('status').filter({ hasText: /^Implemented$/ }).waitFor();

    // No win before the item is completed.
    assert.equal(await item.getByTestId('win-record').count(), 0);

    // Verified: a method and evidence.
    await move(item, 'verify');
    await refused(item, 'Choose how the fix was verified');
    await item.getByTestId('move-method').selectOption('game_day');
    await refused(item, 'Give the evidence');
    await item.getByTestId('move-evidence').fill('Game day: killing a pod removed it from the load balancer in 3 s');
    await accepted(item, 'verify', 'Verified');

    await move(item, 'close');
    await item.getByTestId('move-resolution').selectOption('completed');
    await accepted(item, 'close', 'Closed');

    // A win: only for a completed item, with a note.
    await item.getByTestId('win-record').click();
    await item.getByTestId('win-incident').fill('INC-612');
    await item.getByTestId('win-save').click();
    await item.getByTestId('win-error').filter({ hasText: 'Say what happened' }).waitFor();
    await item.getByTestId('win-note').fill('The probe took the bad pod out before customers saw errors');
    await item.getByTestId('win-save').click();
    await item.getByTestId('item-win').filter({ hasText: 'Caught INC-612' }).waitFor();

    // Reopen needs a note.
    await move(item, 'reopen');
    await refused(item, 'Write a short note saying why.');
    await item.getByTestId('move-note').fill('The probe path changed in the 4.2 release');
    await accepted(item, 'reopen', 'In progress');

    await move(item, 'close');
    await item.getByTestId('move-resolution').selectOption('superseded');
    await item.getByTestId('move-note').fill('Replaced by the mesh health checks, PM-2026-0070-01');
    await accepted(item, 'close', 'Closed');

    // The timeline: every accepted move, newest first, and nothing refused.
    await item.getByTestId('history-toggle').click();
    const entries = item.getByTestId('history-entry');
    const expected = ['closed', 'in_progress', 'closed', 'verified', 'implemented', 'in_progress',
      'deferred', 'implemented', 'in_progress', 'blocked', 'in_progress'];
    assert.equal(await entries.count(), expected.length);
    for (let i = 0; i < expected.length; i++) {
      assert.equal(await entries.nth(i).getAttribute('data-to'), expected[i], `entry ${i}`);
    }
    assert.match(await entries.nth(0).textContent(), /In progress → Closed.*Superseded: Replaced by the mesh/);
    assert.match(await entries.nth(6).textContent(), /trigger: When the cluster migration ships/);

    // Kept across a reload.
    await waitSaved(page);
    const saved = JSON.parse(await stored(page));
    const savedItem = saved.postmortems[0].action_items[0];
    assert.equal(savedItem.status, 'closed');
    assert.equal(savedItem.resolution, 'superseded');
    assert.equal(savedItem.wins[0].incident_ref, 'INC-612');
    await page.reload();
    await page.getByTestId('action-item').first().getByTestId('status').filter({ hasText: /^Closed$/ }).waitFor();

    // The dashboard lists the win.
    await page.getByTestId('nav-dashboard').click();
    const win = page.getByTestId('win-entry');
    await win.waitFor();
    assert.match(await win.textContent(), /Caught INC-612 — The probe took the bad pod out/);
    assert.match(await page.getByTestId('leadership-summary').textContent(), /1 win: a finished item caught or prevented a later incident/);
  });

  test('an owner edited after the meeting is recorded once in the history, not per keystroke', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Ledger replica lag');
    await page.getByTestId('quick-title').fill('Add an alert on replica lag above 30 s to the ledger database');
    await page.getByTestId('quick-owner').fill('Priya Raman');
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await item.waitFor();
    await page.getByTestId('pm-to-review').click();
    await page.getByTestId('pm-status').filter({ hasText: 'In review' }).waitFor();
    await openItem(item);
    const owner = item.getByTestId('item-owner');
    await owner.fill('');
    await owner.pressSequentially('Dev Sharma');
    await owner.press('Tab');
    await item.getByTestId('history-toggle').click();
    const entries = item.getByTestId('history-entry');
    await entries.first().waitFor();
    assert.equal(await entries.count(), 1, 'one entry for the whole change');
    assert.equal(await entries.first().getAttribute('data-field'), 'owner');
    assert.equal(await entries.first().getAttribute('data-to'), 'Dev Sharma');
    assert.match(await entries.first().textContent(), /Priya Raman/);
  });

  test('a systemic item shows and edits its escalation on the item', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Expired certificate on the edge');
    await page.getByTestId('quick-title').fill('Assign an owning team for the shared load balancers');
    await page.getByTestId('quick-owner').fill('Priya Raman');
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await openItem(item);
    const panel = item.getByTestId('escalation');
    assert.equal(await panel.getAttribute('data-set'), 'false');
    await item.getByTestId('escalation-toggle').click();
    await item.getByTestId('escalation-gap').fill(' No team owns the shared load balancers ');
    await item.getByTestId('escalation-consequence').fill('Certificate expiries go unnoticed');
    await item.getByTestId('escalation-proposal').fill('Give them to the edge team');
    await item.getByTestId('escalation-decision-maker').fill('VP Engineering');
    await item.getByTestId('escalation-save').click();
    await item.getByTestId('escalation-toggle').filter({ hasText: 'Escalation: asks VP Engineering' }).waitFor();
    assert.equal(await panel.getAttribute('data-set'), 'true');
    await waitSaved(page);
    const saved = JSON.parse(await stored(page)).postmortems[0].action_items[0];
    assert.deepEqual(saved.escalation, {
      gap: 'No team owns the shared load balancers',
      consequence: 'Certificate expiries go unnoticed',
      proposal: 'Give them to the edge team',
      decision_maker: 'VP Engineering',
    });
    // Kept across a reload, and shown in the form again.
    await page.reload();
    await openItem(item);
    await item.getByTestId('escalation-toggle').click();
    assert.equal(await item.getByTestId('escalation-proposal').inputValue(), 'Give them to the edge team');
  });

  test('the portfolio filters and groups every item of every post-mortem', async ({ page, baseUrl }) => {
    const json = await readFile(METRICS_FIXTURE, 'utf8');
    await loadWorkspace(page, baseUrl, json, '#/items');
    await page.getByTestId('portfolio').waitFor();
    const count = page.getByTestId('portfolio-count');
    const ids = () => page.getByTestId('portfolio-item').evaluateAll((rows) => rows.map((r) => r.dataset.itemId).sort());
    assert.equal(await count.textContent(), '12 of 12 items');
    await page.getByTestId('filter-owner').selectOption('Bob');
    assert.deepEqual(await ids(), ['PM-2025-0040-02', 'PM-2026-0003-02', 'PM-2026-0003-05', 'PM-2026-0011-02']);
    await page.getByTestId('filter-status').selectOption('in_progress');
    assert.deepEqual(await ids(), ['PM-2026-0011-02']);
    assert.equal(await page.getByTestId('portfolio-item').getByTestId('status').textContent(), 'In progress');
    await page.getByTestId('filter-clear').click();
    await count.filter({ hasText: '12 of 12 items' }).waitFor();
    await page.getByTestId('filter-team').selectOption('sre');
    assert.deepEqual(await ids(), ['PM-2025-0040-02', 'PM-2025-0040-03', 'PM-2026-0003-02', 'PM-2026-0003-05', 'PM-2026-0011-02']);
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('filter-priority').selectOption('P0');
    assert.deepEqual(await ids(), ['PM-2025-0040-01', 'PM-2026-0003-01', 'PM-2026-0011-01']);
    await page.getByTestId('filter-clear').click();
    await page.getByTestId('filter-category').selectOption('detect');
    assert.deepEqual(await ids(), ['PM-2025-0040-02', 'PM-2026-0003-02', 'PM-2026-0003-05', 'PM-2026-0011-02']);
    await page.getByTestId('filter-clear').click();
    // Overdue on today's date (every due date of the fixture is in the past): the open items
    // that are not deferred.
    await page.getByTestId('filter-overdue').check();
    assert.deepEqual(await ids(), ['PM-2025-0040-03', 'PM-2026-0003-04', 'PM-2026-0011-01', 'PM-2026-0011-02', 'PM-2026-0011-03']);
    await page.getByTestId('filter-clear').click();

    await page.getByTestId('group-by').selectOption('postmortem');
    const groups = () => page.getByTestId('portfolio-group').evaluateAll((g) => g.map((x) => [x.dataset.group, x.querySelectorAll('[data-testid=portfolio-item]').length]));
    assert.deepEqual(await groups(), [
      ['PM-2025-0040 — Checkout payments failed for 47 minutes', 4],
      ['PM-2026-0003 — Search index went stale for three hours', 5],
      ['PM-2026-0011 — Checkout payments failed again', 3],
    ]);
    await page.getByTestId('group-by').selectOption('owner');
    assert.deepEqual(await groups(), [['Alice', 3], ['Bob', 4], ['Carol', 1], ['Dan', 1], ['Erin', 2], ['Frank', 1]]);
    await page.getByTestId('group-by').selectOption('team');
    assert.deepEqual((await groups()).map(([g]) => g), ['(no team)', 'payments', 'platform', 'sre']);
    await page.getByTestId('group-by').selectOption('theme');
    assert.deepEqual(await groups(), [['(no theme)', 12]]);
  });

  test('recurrence and related items: mark, link, and the priority goes up', async ({ page, baseUrl }) => {
    const json = await readFile(METRICS_FIXTURE, 'utf8');
    await loadWorkspace(page, baseUrl, json, '#/');
    await createPostMortem(page, 'Payment gateway pool exhausted');
    const panel = page.getByTestId('related-panel');
    const related = () => panel.getByTestId('related-item').evaluateAll((r) => r.map((x) => x.dataset.itemId));
    await panel.getByTestId('related-item').first().waitFor();
    // Open items of earlier post-mortems that share most of the words typed.
    assert.deepEqual(await related(), ['PM-2026-0011-01', 'PM-2026-0011-02']);

    await panel.getByTestId('recurrence-select').selectOption('PM-2026-0011');
    await panel.getByTestId('recurrence-add').click();
    await panel.getByTestId('recurrence-chip').filter({ hasText: 'PM-2026-0011' }).waitFor();

    await page.getByTestId('quick-title').fill('Raise the payment gateway pool limit to 400 connections');
    await page.getByTestId('quick-owner').fill('Alice');
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await item.waitFor();
    assert.equal(await item.getByTestId('priority').textContent(), 'P2');
    const row = panel.getByTestId('related-item').filter({ hasText: 'PM-2026-0011-01' });
    await row.getByTestId('related-link').click();
    await row.getByTestId('related-linked').waitFor();
    assert.equal(await item.getByTestId('priority').textContent(), 'P1', 'the same action in two post-mortems goes one level up');

    await waitSaved(page);
    const saved = JSON.parse(await stored(page));
    const all = saved.postmortems.flatMap((pm) => pm.action_items);
    const mine = all.find((i) => i.title.startsWith('Raise the payment gateway pool limit to 400'));
    assert.deepEqual(mine.linked_items, ['PM-2026-0011-01']);
    assert.deepEqual(all.find((i) => i.id === 'PM-2026-0011-01').linked_items, [mine.id]);
    const pm = saved.postmortems.find((p) => p.title === 'Payment gateway pool exhausted');
    assert.deepEqual(pm.recurrence_of, ['PM-2026-0011']);
  });

  test('the dashboard shows the hand-computed metrics of the core fixture', async ({ page, baseUrl }) => {
    const json = await readFile(METRICS_FIXTURE, 'utf8');
    await loadWorkspace(page, baseUrl, json, '#/dashboard');
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('dashboard-window').selectOption('90');
    await page.getByTestId('dashboard-date').fill('2026-03-31');
    await page.getByTestId('dashboard-window-label').filter({ hasText: '2026-01-01 to 2026-03-31' }).waitFor();

    // core/tests/metrics_fixture.rs, last_90_days.
    const expected = {
      'completion-rate': [3 / 9, 'red'],
      'on-time-rate': [1 / 8, 'red'],
      'time-to-close': [40.8, 'amber'],
      'backlog-size': [6, 'green'],
      'backlog-age-p90': [139, 'red'],
      'created-closed-ratio': [1.6, 'amber'],
      decay: [2, 'red'],
      recurrence: [1, 'red'],
    };
    for (const [name, [value, status]] of Object.entries(expected)) {
      const card = page.getByTestId(`metric-${name}`);
      const got = Number(await card.getAttribute('data-value'));
      assert.ok(Math.abs(got - value) < 1e-9, `${name}: ${got} is not ${value}`);
      assert.equal(await card.getAttribute('data-status'), status, name);
    }
    assert.match(await page.getByTestId('metric-completion-rate').textContent(), /33%.*Red flag/);
    assert.match(await page.getByTestId('metric-time-to-close').textContent(), /Median 27 d/);

    // The charts are inline SVG drawn from the same numbers.
    assert.equal(await page.getByTestId('chart-created-closed').locator('svg rect.series-created').count(), 3);
    assert.equal(await page.getByTestId('chart-age').locator('svg rect').count(), 5);
    assert.equal(await page.getByTestId('chart-ttc').locator('svg rect.chart-bar').count(), 3, 'P2 closed nothing');
    const states = await page.getByTestId('pm-completion-row').evaluateAll((rows) => rows.map((r) => [r.dataset.pmId, r.dataset.state]));
    assert.deepEqual(Object.fromEntries(states), {
      'PM-2025-0040': 'some', 'PM-2026-0003': 'some', 'PM-2026-0011': 'none',
    });
    assert.match(await page.getByTestId('summary-red-flags').textContent(), /Red flags: Completion rate \(33%\)/);
    // The backlog per team, each with its own status (all under the green line of 20).
    const teams = await page.getByTestId('team-backlog').evaluateAll((rows) => rows.map((r) => [r.dataset.team, r.dataset.open, r.dataset.status]));
    assert.deepEqual(teams, [
      ['(no team)', '1', 'green'], ['payments', '1', 'green'], ['platform', '1', 'green'], ['sre', '3', 'green'],
    ]);
    assert.match(await page.getByTestId('backlog-by-team').textContent(), /sre 3 · On target/);

    // Last 30 days: nothing closed, so time to close has no data — green, with no value.
    await page.getByTestId('dashboard-window').selectOption('30');
    await page.getByTestId('dashboard-window-label').filter({ hasText: '2026-03-02 to 2026-03-31' }).waitFor();
    const ttc = page.getByTestId('metric-time-to-close');
    assert.equal(await ttc.getAttribute('data-value'), '');
    assert.equal(await ttc.getAttribute('data-status'), 'green');
    assert.equal(await ttc.getAttribute('data-no-data'), 'true');
    assert.match(await ttc.textContent(), /No data.*Nothing was closed in this window/);
    assert.equal(Number(await page.getByTestId('metric-completion-rate').getAttribute('data-value')), 0);
    assert.equal(await page.getByTestId('metric-completion-rate').getAttribute('data-status'), 'red');
    assert.equal(await page.getByTestId('metric-created-closed-ratio').getAttribute('data-value'), 'Infinity');
    assert.equal(await page.getByTestId('metric-created-closed-ratio').getAttribute('data-status'), 'red');
  });

  test('the review view on a fixed day lists the right items in each list', async ({ page, baseUrl, context }) => {
    const json = await readFile(METRICS_FIXTURE, 'utf8');
    await loadWorkspace(page, baseUrl, json, '#/review');
    await page.getByTestId('review-view').waitFor();
    await page.getByTestId('review-date').fill('2026-03-31');
    await page.getByTestId('agenda').filter({ hasText: '2026-03-31' }).waitFor();

    const list = async (id) => page.getByTestId(id).getByTestId('review-item')
      .evaluateAll((rows) => rows.map((r) => r.dataset.itemId));
    const why = async (id) => page.getByTestId(id).getByTestId('review-why').allTextContents();

    // By hand, on 2026-03-31 (see core/tests/metrics_fixture.rs for the items):
    // overdue = open, not deferred, due before the day, most overdue first.
    assert.deepEqual(await list('review-overdue'), ['PM-2025-0040-03', 'PM-2026-0003-04', 'PM-2026-0011-01', 'PM-2026-0011-02']);
    assert.deepEqual(await why('review-overdue'), ['109 days overdue', '38 days overdue', '20 days overdue', '13 days overdue']);
    // Escalations, P0 first: every overdue item is past its escalation period (P0 2, P1 7, P2 14).
    assert.deepEqual(await list('review-escalations'), ['PM-2026-0011-01', 'PM-2026-0011-02', 'PM-2025-0040-03', 'PM-2026-0003-04']);
    assert.match((await why('review-escalations'))[0], /^20 days overdue, more than the 2-day escalation period of P0/);
    assert.deepEqual(await list('review-blocked'), ['PM-2026-0003-04']);
    assert.deepEqual(await why('review-blocked'), ['Other: waiting for the new org chart (49 days)']);
    // Decaying: more than 30 days past due with no progress since.
    assert.deepEqual(await list('review-decaying'), ['PM-2025-0040-03', 'PM-2026-0003-04']);
    // B5's revisit date (2026-04-15) has not come yet.
    assert.deepEqual(await list('review-revisit'), []);
    // Clean-up: open and older than 90 days (A3, 139 days).
    assert.deepEqual(await list('review-cleanup'), ['PM-2025-0040-03']);
    assert.equal(await page.getByTestId('review-overdue-count').locator('.count').textContent(), '4');

    // One nudge per owner with something needing attention; Erin's P3 waits, Bob's deferred item too.
    const owners = await page.getByTestId('nudge').evaluateAll((n) => n.map((x) => x.dataset.owner));
    assert.deepEqual(owners, ['Alice', 'Bob', 'Carol', 'Frank']);
    const bob = await page.getByTestId('nudge').filter({ hasText: 'Bob' }).getByTestId('nudge-text').inputValue();
    assert.match(bob, /^Subject: Follow-up: 1 post-mortem action item \(1 overdue\)/);
    assert.match(bob, /PM-2026-0011-02/);
    assert.doesNotMatch(bob, /PM-2026-0003-05/);

    // The weekly agenda as Markdown: copy and download.
    const agenda = await page.getByTestId('agenda').textContent();
    assert.match(agenda, /^# Weekly review of post-mortem action items, 2026-03-31/);
    for (const heading of ['## New items this week', '## P0 status', '## P1 status', '## Overdue and blocked', '## Metrics']) {
      assert.ok(agenda.includes(heading), heading);
    }
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    await page.getByTestId('agenda-copy').click();
    await page.getByTestId('agenda-status').filter({ hasText: 'Copied.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), agenda);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('agenda-download').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'weekly-review-2026-03-31.md');

    // On 2026-04-15 the deferred item is due for revisit.
    await page.getByTestId('review-date').fill('2026-04-15');
    await page.getByTestId('review-revisit').getByTestId('review-item').first().waitFor();
    assert.deepEqual(await list('review-revisit'), ['PM-2026-0003-05']);
    assert.match((await why('review-revisit'))[0], /^revisit on 2026-04-15: /);
  });
}
