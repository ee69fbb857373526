// Meeting mode, measured as a facilitator would (issue 14's Goals): what the room sees on the
// first screen of a projector, and how many keys the facilitator presses outside the quick-add
// line to write a post-mortem's items.
import { assert, openApp, openWorkspace, countInView, expectFocus } from '../lib.mjs';
import { paymentsOutage, paymentsOutageTen } from '../fixtures/payments-outage.mjs';

const focusedTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

/**
 * Presses keys as the facilitator would and keeps the books: `nav` counts a key as navigation,
 * `line` is a key of the quick-add line (Tab between its fields, Enter to add), not counted.
 * After every key, once the app has settled: focus is not on <body>, and the notice, when shown,
 * does not cover the focused control.
 */
function walk(page) {
  const counted = [];
  const problems = [];
  const settle = async (after) => {
    const onBody = await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body,
      null, { timeout: 1500 }).then(() => false, () => true);
    if (onBody) problems.push(`focus on <body> after ${after}`);
    const covered = await page.evaluate(() => {
      const el = document.activeElement;
      const notice = document.querySelector('[data-testid=notice]');
      if (!el || !notice || !notice.checkVisibility()) return null;
      const [a, b] = [el.getBoundingClientRect(), notice.getBoundingClientRect()];
      const overlaps = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return overlaps ? el.dataset.testid ?? el.localName : null;
    });
    if (covered) problems.push(`the notice covers ${covered} after ${after}`);
  };
  return {
    counted,
    problems,
    async nav(key) {
      counted.push(key);
      await page.keyboard.press(key);
      await settle(key);
    },
    async line(key) {
      await page.keyboard.press(key);
      await settle(`${key} in the quick-add line`);
    },
    type: (text) => page.keyboard.type(text),
  };
}

/** One fully filled item through the quick-add line: its keys are the line's, not counted. */
async function quickAdd(page, w, { title, owner, category, impact, effort, ticket }) {
  await expectFocus(page, 'quick-title');
  await w.type(title);
  for (const [next, text] of [['quick-owner', owner], ['quick-category', category], ['quick-impact', String(impact)], ['quick-effort', String(effort)], ['quick-due', null]]) {
    await w.line('Tab');
    await expectFocus(page, next);
    if (text) await w.type(text);
  }
  // Tab walks the date's month, day and year segments, then leaves the field.
  for (let i = 0; i < 4 && (await focusedTestId(page)) === 'quick-due'; i++) await w.line('Tab');
  await expectFocus(page, 'quick-ticket');
  await w.type(ticket);
  await w.line('Enter');
  await expectFocus(page, 'quick-title', 'focus returns to the action field');
}

const FIVE = [
  { title: 'Add a circuit breaker to the card-network client that opens after 20% errors in 30 s', owner: 'Sam Okafor', category: 'p', impact: 4, effort: 2, ticket: 'PAY-1234' },
  { title: 'Add an alert on payment API error rate above 2% for 5 minutes, paging payments on-call', owner: 'Priya Raman', category: 'd', impact: 2, effort: 2, ticket: 'PAY-1235' },
  { title: 'Write a failover runbook for the card network and link it from the paging alert', owner: 'Lee Chen', category: 'm', impact: 3, effort: 2, ticket: 'PAY-1236' },
  { title: 'Cap gateway retries at 2 per request with a 200 ms budget', owner: 'Priya Raman', category: 'm', impact: 3, effort: 1, ticket: 'PAY-1237' },
  { title: 'Load-test the gateway at 3x peak with the card network slowed to 2 s', owner: 'Lee Chen', category: 'p', impact: 3, effort: 3, ticket: 'PAY-1238' },
];

/** The quadrant a board card sits in. */
const zoneOf = (page, id) => page.locator(`[data-testid=board-card][data-item-id="${id}"]`)
  .evaluate((card) => card.closest('[data-testid=board-zone]').dataset.quadrant);

export default function (test) {
  test('1024×768 in Large text: quick-add and the five items of the example on the first screen', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await openWorkspace(page, baseUrl, paymentsOutage, '#/pm/PM-2026-0051', { largeText: true });
    await page.getByTestId('action-item').first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), true);
    assert.equal(await page.evaluate(() => scrollY), 0, 'the first view is the top of the page');
    const quickAdd = await countInView(page.getByTestId('quick-title'));
    const items = await countInView(page.getByTestId('action-item'));
    assert.deepEqual({ quickAdd, items }, { quickAdd: 1, items: 5 }, 'quick-add and items wholly on the first screen');
  });

  test('1366×768: eight of ten items and the board\'s four quadrants on the first screen', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openWorkspace(page, baseUrl, paymentsOutageTen, '#/pm/PM-2026-0051');
    await page.getByTestId('action-item').nth(9).waitFor();
    await page.getByTestId('board-card').nth(9).waitFor();
    const items = await countInView(page.getByTestId('action-item'));
    const zones = await countInView(page.getByTestId('board-zone'));
    assert.ok(items >= 8, `${items} of 10 items wholly on the first screen; 8 wanted`);
    assert.equal(zones, 4, `${zones} of the board's 4 quadrants wholly on the first screen`);
  });

  test('keyboard only: a post-mortem, five items, one impact changed and one card moved in at most 25 keys outside the quick-add line', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, baseUrl);
    const w = walk(page);

    // A new post-mortem: its title, then straight to the quick-add line.
    await w.nav('Alt+n');
    await expectFocus(page, 'new-postmortem-title');
    await w.type('Payments outage on 12 May');
    await w.nav('Enter');
    await page.getByTestId('postmortem-page').waitFor();
    await expectFocus(page, 'quick-title', 'a new post-mortem puts focus in the quick-add line');

    // Five items; each new one is on screen and announced.
    const items = page.getByTestId('action-item');
    for (const [n, item] of FIVE.entries()) {
      await quickAdd(page, w, item);
      assert.equal(await items.count(), n + 1);
      const added = items.nth(n);
      const id = await added.getAttribute('data-item-id');
      assert.equal(await countInView(added), 1, `the new item ${id} is scrolled into view`);
      await page.getByTestId('notice').filter({ hasText: `Added ${id}` }).waitFor();
    }

    // The second item's impact, 2 → 3: to the list, one row down, edit, three fields on.
    const second = items.nth(1);
    const secondId = await second.getAttribute('data-item-id');
    assert.equal(await second.getByTestId('priority').textContent(), 'P2');
    await w.nav('Alt+i');
    await expectFocus(page, 'item-open', 'the items shortcut focuses a row');
    await w.nav('ArrowDown');
    await w.nav('Enter');
    await expectFocus(page, 'item-title', 'Enter opens the row\'s editor at its title');
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=action-item]').dataset.itemId), secondId);
    for (let i = 0; i < 3; i++) await w.nav('Tab');
    await expectFocus(page, 'item-impact');
    await w.nav('ArrowDown');
    assert.equal(await second.getByTestId('item-impact').inputValue(), '3');
    await w.nav('Escape');
    await expectFocus(page, 'item-open', 'Escape leaves the editor for its row');
    assert.equal(await second.getByTestId('priority').textContent(), 'P1', 'impact 3, effort 2: P1');

    // The same item on the board: Quick Wins → Major Projects, effort 2 → 3.
    assert.equal(await zoneOf(page, secondId), 'quick-wins');
    await w.nav('Shift+ArrowRight');
    await page.getByTestId('board-announce').filter({ hasText: `Moved ${secondId} to Major Projects` }).waitFor();
    assert.equal(await zoneOf(page, secondId), 'major-projects');
    assert.equal(await second.getByTestId('quadrant').textContent(), 'Major Projects');

    assert.deepEqual(w.problems, []);
    const keys = w.counted.length;
    assert.ok(keys <= 25, `${keys} navigation keys outside the quick-add line (${w.counted.join(', ')}); at most 25`);
    console.log(`      keyboard walk: ${keys} navigation keys outside the quick-add line: ${w.counted.join(', ')}`);
  });
}
