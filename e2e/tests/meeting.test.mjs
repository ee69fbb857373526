// The meeting view, keyboard only: no clicks, only focus and keys.
import { assert, openApp, createPostMortem, openItem, waitSaved, stored, expectFocus } from '../lib.mjs';

async function focusedTestId(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
}

async function verdict(item, element) {
  return item.getByTestId(`element-${element}`).getAttribute('data-verdict');
}

/** Quick-adds an item with Tab between fields and Enter at the end. */
async function quickAdd(page, { title, owner, category, impact, effort, ticket }) {
  await page.getByTestId('quick-title').focus();
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await expectFocus(page, 'quick-owner');
  await page.keyboard.type(owner);
  await page.keyboard.press('Tab');
  await expectFocus(page, 'quick-category');
  await page.keyboard.type(category);
  await page.keyboard.press('Tab');
  await expectFocus(page, 'quick-impact');
  await page.keyboard.type(String(impact));
  await page.keyboard.press('Tab');
  await expectFocus(page, 'quick-effort');
  await page.keyboard.type(String(effort));
  await page.keyboard.press('Tab');
  await expectFocus(page, 'quick-due');
  // Tab walks the date's month, day and year segments, then leaves the field.
  for (let i = 0; i < 4 && (await focusedTestId(page)) === 'quick-due'; i++) await page.keyboard.press('Tab');
  await expectFocus(page, 'quick-ticket');
  await page.keyboard.type(ticket);
  await page.keyboard.press('Enter');
  await expectFocus(page, 'quick-title', 'focus returns to the action field');
}

export default function (test) {
  test('keyboard only: write five items, watch the check, move one on the board, reload', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('new-postmortem').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('new-postmortem-title').waitFor();
    await expectFocus(page, 'new-postmortem-title', 'the title field takes focus');
    await page.keyboard.type('Payments outage on 12 May');
    await page.keyboard.press('Enter');
    await page.getByTestId('postmortem-page').waitFor();

    // A weak item: a process verb fails the verb element.
    await page.getByTestId('quick-title').focus();
    await page.keyboard.type('Investigate the cache');
    await page.keyboard.press('Enter');
    const items = page.getByTestId('action-item');
    await items.first().waitFor();
    const first = items.first();
    assert.equal(await verdict(first, 'verb'), 'fail');
    assert.equal(await verdict(first, 'owner'), 'fail');
    assert.equal(await verdict(first, 'tracker'), 'fail');
    assert.equal(await verdict(first, 'deadline'), 'pass', 'the due date defaults from the priority');

    // Rewrite it in place: Enter on its line opens the editor at the title; the verdicts follow
    // the keystrokes and focus stays put.
    await first.getByTestId('item-open').focus();
    await page.keyboard.press('Enter');
    const title = first.getByTestId('item-title');
    await expectFocus(page, 'item-title');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Add');
    assert.equal(await verdict(first, 'verb'), 'pass');
    assert.equal(await verdict(first, 'outcome'), 'fail', 'a verb alone is not a specific outcome');
    await page.keyboard.type(' an alert on cache hit ratio below 80% for 10 minutes');
    assert.equal(await verdict(first, 'verb'), 'pass');
    assert.equal(await verdict(first, 'outcome'), 'pass');
    await expectFocus(page, 'item-title', 'focus never jumps while typing');
    assert.equal(await title.inputValue(), 'Add an alert on cache hit ratio below 80% for 10 minutes');
    const owner = first.getByTestId('item-owner');
    await owner.focus();
    await page.keyboard.type('Priya Raman');
    assert.equal(await verdict(first, 'owner'), 'pass');
    await first.getByTestId('item-ticket').focus();
    await page.keyboard.type('PAY-1234');
    assert.equal(await verdict(first, 'tracker'), 'pass');
    await first.getByTestId('ready').filter({ hasText: /^Ready$/ }).waitFor();

    // Four more through the quick-add line, Tab between fields.
    await quickAdd(page, { title: 'Add a circuit breaker to the payment gateway client with a 2 s timeout', owner: 'Sam Okafor', category: 'p', impact: 4, effort: 2, ticket: 'PAY-1235' });
    await quickAdd(page, { title: 'Write a failover runbook for the payments database and link it from the alert', owner: 'Lee Chen', category: 'm', impact: 3, effort: 2, ticket: 'PAY-1236' });
    await quickAdd(page, { title: 'Enable retry logging with request ids in the checkout service', owner: 'Ana Lima', category: 'd', impact: 2, effort: 1, ticket: 'PAY-1237' });
    await quickAdd(page, { title: 'Refactor error handling in the payment client into one retry policy', owner: 'Sam Okafor', category: 'p', impact: 3, effort: 4, ticket: 'PAY-1238' });
    assert.equal(await items.count(), 5);
    const breaker = items.nth(1);
    assert.equal(await breaker.getByTestId('priority').textContent(), 'P0');
    assert.equal(await breaker.getByTestId('quadrant').textContent(), 'Quick Wins');
    assert.equal(await items.nth(3).getByTestId('priority').textContent(), 'P1');
    const refactor = items.nth(4);
    assert.equal(await refactor.getByTestId('priority').textContent(), 'P2');
    assert.equal(await refactor.getByTestId('quadrant').textContent(), 'Major Projects');
    assert.equal(await verdict(refactor, 'outcome'), 'warn', 'effort 4 is a project: split it');

    // Move the refactor on the board with the keyboard: left lowers effort to Quick Wins.
    const refactorId = await refactor.getAttribute('data-item-id');
    const card = page.locator(`[data-testid=board-card][data-item-id="${refactorId}"]`);
    await card.focus();
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId('board-announce').filter({ hasText: 'effort 4 → 2' }).waitFor();
    assert.equal(await refactor.getByTestId('quadrant').textContent(), 'Quick Wins');
    await expectFocus(page, 'board-card', 'focus follows the moved card');
    assert.equal(await (await openItem(refactor)).getByTestId('item-effort').inputValue(), '2');
    await page.getByTestId('readiness').filter({ hasText: /of 5 ready/ }).waitFor();

    await waitSaved(page);
    await page.reload();
    await page.getByTestId('postmortem-page').waitFor();
    assert.equal(await items.count(), 5);
    assert.equal(await (await openItem(items.first())).getByTestId('item-title').inputValue(), 'Add an alert on cache hit ratio below 80% for 10 minutes');
    assert.equal(await page.locator(`[data-testid=action-item][data-item-id="${refactorId}"]`).getByTestId('quadrant').textContent(), 'Quick Wins');
    const ws = JSON.parse(await stored(page));
    const saved = ws.postmortems[0].action_items;
    assert.deepEqual(saved.map((i) => i.tracking_ticket), ['PAY-1234', 'PAY-1235', 'PAY-1236', 'PAY-1237', 'PAY-1238']);
    assert.deepEqual(saved.map((i) => i.category), [null, 'prevent', 'mitigate', 'detect', 'prevent']);
  });

  test('a keystroke in a title sets no other control, and the board catches up when typing pauses', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Search latency');
    for (const title of ['Add an alert on search p99 above 800 ms', 'Add a load test for the search index rebuild']) {
      await page.getByTestId('quick-title').fill(title);
      await page.getByTestId('quick-owner').fill('Ana Lima');
      await page.getByTestId('quick-title').press('Enter');
    }
    const items = page.getByTestId('action-item');
    assert.equal(await items.count(), 2);
    // Out of the meeting, so that the items' status moves show (a draft has none).
    await page.getByTestId('pm-to-review').click();
    await page.getByTestId('pm-status').filter({ hasText: 'In review' }).waitFor();
    await openItem(items.first());

    // Every control of the header, the quick-add line and the items belongs to a form: Chromium's
    // autofill re-reads every control outside a form on each keystroke.
    const unowned = await page.evaluate(() => [...document.querySelectorAll(
      '[data-testid=pm-header] :is(input, select, textarea), [data-testid=quick-add] :is(input, select, textarea), [data-testid=action-item] :is(input, select, textarea)')]
      .filter((el) => !el.form).map((el) => el.dataset.testid ?? el.outerHTML.slice(0, 60)));
    assert.deepEqual(unowned, []);

    // Count every value set on a control from here on.
    await page.evaluate(() => {
      window.__sets = [];
      for (const proto of [HTMLInputElement.prototype, HTMLSelectElement.prototype, HTMLTextAreaElement.prototype]) {
        const { get, set } = Object.getOwnPropertyDescriptor(proto, 'value');
        Object.defineProperty(proto, 'value', {
          configurable: true, get,
          set(v) { window.__sets.push(this.dataset.testid ?? this.localName); set.call(this, v); },
        });
      }
    });
    const title = items.first().getByTestId('item-title');
    await title.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' for 5 minutes');
    const sets = await page.evaluate(() => window.__sets);
    assert.ok(sets.length > 0, 'the title itself is a controlled input');
    assert.deepEqual([...new Set(sets)], ['item-title'], 'only the title typed in is set');

    // The board follows the typed title once typing pauses; the title keeps focus.
    const id = await items.first().getAttribute('data-item-id');
    await page.locator(`[data-testid=board-card][data-item-id="${id}"]`).filter({ hasText: 'above 800 ms for 5 minutes' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'item-title');

    // A status move straight after typing starts from the item as typed (the rest of the row
    // does not follow the title keystroke by keystroke, and must not write an old one back).
    await page.keyboard.type(', paged');
    await items.first().getByTestId('move-start').click();
    await items.first().locator('[data-testid=status][data-status=in_progress]').waitFor();
    assert.equal(await title.inputValue(), 'Add an alert on search p99 above 800 ms for 5 minutes, paged');
    await waitSaved(page);
    const saved = JSON.parse(await stored(page)).postmortems[0].action_items[0];
    assert.equal(saved.title, 'Add an alert on search p99 above 800 ms for 5 minutes, paged');
    assert.equal(saved.status, 'in_progress');
  });

  test('rows off screen skip rendering; the row typed in or pointed at renders in full', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await openApp(page, baseUrl);
    await createPostMortem(page, 'Queue backlog');
    // Rows are a line or two: enough of them that the last lies beyond Chromium's margin (1.5
    // screens) in which content-visibility still renders.
    for (let i = 1; i <= 40; i++) {
      await page.getByTestId('quick-title').fill(`Add an alert on queue depth above ${i}000 for 5 minutes`);
      await page.getByTestId('quick-title').press('Enter');
    }
    const items = page.getByTestId('action-item');
    assert.equal(await items.count(), 40);
    // What content-visibility: auto skips (checkVisibility's own test for it).
    const rendered = (item) => item.evaluate((el) => el.querySelector('[data-testid=quadrant]').checkVisibility({ contentVisibilityAuto: true }));
    const frame = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

    await page.evaluate(() => window.scrollTo(0, 0));
    await frame();
    assert.equal(await rendered(items.first()), true, 'a row on screen renders');
    assert.equal(await rendered(items.last()), false, 'a row far below the screen is skipped');
    // Its hooks still read as ever through attributes and textContent (innerText, which depends on
    // rendering, is empty for skipped content until it comes on screen).
    assert.equal(await items.last().getByTestId('priority').textContent(), 'P2');
    assert.equal(await items.last().getByTestId('element-verb').getAttribute('data-verdict'), 'pass');

    // The row being typed in stays rendered when it scrolls away, and typing there still works.
    const last = (await openItem(items.last())).getByTestId('item-title');
    await last.focus();
    await page.keyboard.press('End');
    await page.evaluate(() => window.scrollTo(0, 0));
    await frame();
    assert.equal(await rendered(items.last()), true, 'the row holding focus is never skipped');
    await page.keyboard.type(', paged');
    assert.equal(await last.inputValue(), 'Add an alert on queue depth above 40000 for 5 minutes, paged');

    // A chip's tooltip in a row without focus shows in full on hover, above what follows it.
    const chip = items.nth(1).getByTestId('element-verb');
    await chip.hover();
    const tip = chip.locator('[role=tooltip]');
    assert.equal(await tip.isVisible(), true);
    const box = await tip.boundingBox();
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[role=tooltip]') != null,
      { x: box.x + box.width / 2, y: box.y + box.height - 4 });
    assert.equal(hit, true, 'the tooltip is drawn on top of the rows');
  });

  test('delete with undo and redo from the keyboard', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('new-postmortem').first().focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Undo check');
    await page.keyboard.press('Enter');
    await page.getByTestId('quick-title').focus();
    await page.keyboard.type('Add a dashboard for queue depth per consumer group');
    await page.keyboard.press('Enter');
    const items = page.getByTestId('action-item');
    await items.first().waitFor();
    await items.first().getByTestId('item-open').focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, 'item-title', 'Enter opens the row at its title');
    await items.first().getByTestId('delete-item').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('notice').filter({ hasText: 'Deleted' }).waitFor();
    assert.equal(await items.count(), 0);
    await expectFocus(page, 'quick-title', 'with no item left, focus goes to the quick-add line');
    await page.keyboard.press('Control+z');
    await items.first().waitFor();
    await expectFocus(page, 'item-open', 'undo focuses the item it brought back');
    await page.keyboard.press('Enter');
    const title = items.first().getByTestId('item-title');
    assert.equal(await title.inputValue(), 'Add a dashboard for queue depth per consumer group');
    // Typing is one undo step; redo brings it back.
    await expectFocus(page, 'item-title');
    await page.keyboard.press('End');
    await page.keyboard.type(' and lag');
    await page.keyboard.press('Control+z');
    assert.equal(await title.inputValue(), 'Add a dashboard for queue depth per consumer group');
    await expectFocus(page, 'item-title', 'undo focuses the field it changed');
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await title.inputValue(), 'Add a dashboard for queue depth per consumer group and lag');
  });

  test('the checks panel asks the coverage question and leaving the meeting needs owners', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('new-postmortem').first().focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Checks');
    await page.keyboard.press('Enter');
    await page.getByTestId('quick-title').focus();
    await page.keyboard.type('Fix the connection pool leak in the ledger service');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('p');
    await page.keyboard.press('Enter');
    await page.getByTestId('action-item').first().waitFor();
    const panel = page.getByTestId('checks-panel');
    await panel.locator('[data-kind=only_prevent]').getByText('how do we detect it faster?').waitFor();
    assert.ok(await panel.locator('[data-kind=too_few_items]').count() === 1);
    await page.getByTestId('pm-to-review').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('pm-status-error').filter({ hasText: /owner/i }).waitFor();
    assert.equal(await page.getByTestId('pm-status').innerText(), 'Draft');
  });
}
