// Meeting mode's keyboard model (issue 14): rows moved through with arrows or j/k, Enter edits,
// Escape leaves; chips one Tab stop; shortcuts and their sheet; where focus lands after each
// action; the notice that closes by itself; the folded header; titles that wrap.
import { assert, openWorkspace, openItem, countInView, focusedOn as focused, expectFocus } from '../lib.mjs';
import { paymentsOutage } from '../fixtures/payments-outage.mjs';

/** The example with its post-mortem out of the meeting: items have status moves. */
const inReview = {
  ...paymentsOutage,
  postmortems: [{
    ...paymentsOutage.postmortems[0],
    status: 'in_review',
    action_items: paymentsOutage.postmortems[0].action_items.map((i) => (i.owner ? i : { ...i, owner: 'Lee Chen' })),
  }],
};

const PM = '#/pm/PM-2026-0051';
const id = (n) => `PM-2026-0051-0${n}`;

export default function (test) {
  test('rows: Alt+I, arrows and j/k between rows, Enter edits, Escape leaves; chips are one Tab stop; Escape closes the popover and the notice', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openWorkspace(page, baseUrl, paymentsOutage, PM);
    await page.getByTestId('action-item').first().waitFor();
    await page.keyboard.press('Alt+i');
    await expectFocus(page, { testid: 'item-open', item: id(1) });
    for (const [key, n] of [['j', 2], ['ArrowDown', 3], ['k', 2], ['End', 5], ['ArrowUp', 4], ['Home', 1]]) {
      await page.keyboard.press(key);
      await expectFocus(page, { testid: 'item-open', item: id(n) }, key);
    }
    // The list is one Tab stop: Tab leaves it.
    await page.keyboard.press('Tab');
    assert.notEqual((await focused(page)).testid, 'item-open');
    await page.keyboard.press('Shift+Tab');
    await expectFocus(page, { testid: 'item-open', item: id(1) });

    // Enter opens the editor at the title, and one row edits at a time.
    await page.keyboard.press('Enter');
    await expectFocus(page, { testid: 'item-title', item: id(1) });
    assert.equal(await page.locator('[data-testid=item-title]:visible').count(), 1);
    // Alt+I on an open row comes back to its title.
    await page.keyboard.press('Alt+a');
    await expectFocus(page, 'quick-title');
    await page.keyboard.press('Alt+i');
    await expectFocus(page, { testid: 'item-title', item: id(1) });
    const row = page.getByTestId('action-item').first();
    for (let i = 0; i < 15 && !(await focused(page)).testid?.startsWith('element-'); i++) await page.keyboard.press('Tab');
    await expectFocus(page, 'element-owner', 'Tab reaches the chips at their first');
    for (const [key, chip] of [['ArrowRight', 'verb'], ['ArrowRight', 'outcome'], ['End', 'deadline'], ['ArrowLeft', 'tracker'], ['Home', 'owner']]) {
      await page.keyboard.press(key);
      await expectFocus(page, `element-${chip}`, key);
    }
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    assert.ok(!(await focused(page)).testid?.startsWith('element-'), 'one Tab leaves the five chips');

    // The priority popover closes on Escape, and focus stays on its badge.
    await row.getByTestId('priority').focus();
    await page.keyboard.press('Enter');
    await row.getByTestId('priority-details').waitFor();
    await page.keyboard.press('Escape');
    await row.getByTestId('priority-details').waitFor({ state: 'detached' });
    await expectFocus(page, { testid: 'priority', item: id(1) });

    // Escape leaves the editor for the row.
    await row.getByTestId('item-owner').focus();
    await page.keyboard.press('Escape');
    await expectFocus(page, { testid: 'item-open', item: id(1) });
    assert.equal(await page.locator('[data-testid=item-title]:visible').count(), 0);

    // Escape closes the notice.
    await page.keyboard.press('Enter');
    await row.getByTestId('delete-item').click();
    const notice = page.getByTestId('notice');
    await notice.filter({ hasText: `Deleted ${id(1)}` }).waitFor();
    assert.equal(await notice.isVisible(), true);
    await page.keyboard.press('Escape');
    await notice.waitFor({ state: 'hidden' });
  });

  test('focus lands usefully: delete → the next item, undo → what changed, a status move → the new status control; the notice closes on the next action and by itself', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openWorkspace(page, baseUrl, inReview, PM);
    const items = page.getByTestId('action-item');
    await items.first().waitFor();
    const notice = page.getByTestId('notice');

    // Delete the second item from the keyboard: focus goes to the item that took its place.
    await items.nth(1).getByTestId('item-open').focus();
    await page.keyboard.press('Enter');
    await expectFocus(page, { testid: 'item-title', item: id(2) });
    await items.nth(1).getByTestId('delete-item').focus();
    await page.keyboard.press('Enter');
    await notice.filter({ hasText: `Deleted ${id(2)}` }).waitFor();
    await expectFocus(page, { testid: 'item-open', item: id(3) });

    // The notice's Undo is at hand, and undoing focuses the item it brought back.
    await notice.getByTestId('undo').focus();
    await page.keyboard.press('Enter');
    await items.nth(4).waitFor();
    await expectFocus(page, { testid: 'item-open', item: id(2) });
    await notice.filter({ hasText: 'Undone' }).waitFor();

    // The next action closes the notice; undoing a field's change focuses that field.
    await page.keyboard.press('Enter');
    await expectFocus(page, { testid: 'item-title', item: id(2) });
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await expectFocus(page, { testid: 'item-impact', item: id(2) });
    await page.keyboard.press('ArrowDown');
    await notice.waitFor({ state: 'hidden' });
    assert.equal(await items.nth(1).getByTestId('item-impact').inputValue(), '4');
    await page.keyboard.press('Escape');
    await expectFocus(page, { testid: 'item-open', item: id(2) });
    await page.keyboard.press('Control+z');
    assert.equal(await items.nth(1).getByTestId('item-impact').inputValue(), '3');
    await expectFocus(page, { testid: 'item-impact', item: id(2) });

    // A status move: focus lands on the moves of the new status.
    const second = items.nth(1);
    await second.getByTestId('move-start').focus();
    await page.keyboard.press('Enter');
    await second.locator('[data-testid=status][data-status=in_progress]').first().waitFor();
    // Focus moves once the new status control is drawn: wait for it, then judge where it is.
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid=status-control]')
      && document.activeElement.dataset.testid?.startsWith('move-'), null, { timeout: 3000 }).catch(() => {});
    const at = await page.evaluate(() => ({
      testid: document.activeElement.dataset.testid,
      inControl: document.activeElement.closest('[data-testid=status-control]') != null,
    }));
    assert.ok(at.inControl && at.testid.startsWith('move-'), `focus on ${at.testid}`);
    assert.notEqual(at.testid, 'move-start', 'a move the new status has');

    // The notice closes by itself.
    await notice.filter({ hasText: 'Not started → In progress' }).waitFor();
    await notice.waitFor({ state: 'hidden', timeout: 20_000 });
  });

  test('shortcuts: Alt+A, Alt+Q, Alt+C and the sheet behind ?, which can turn single keys off', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await openWorkspace(page, baseUrl, paymentsOutage, PM, { largeText: true });
    await page.getByTestId('action-item').first().waitFor();
    await page.keyboard.press('Alt+q');
    await expectFocus(page, 'board-card', 'the board is one keystroke away');
    assert.equal(await countInView(page.locator(':focus')), 1);
    await page.keyboard.press('Alt+c');
    await expectFocus(page, 'checks-panel');
    await page.keyboard.press('Alt+a');
    await expectFocus(page, 'quick-title');

    await page.keyboard.press('Alt+i');
    await page.keyboard.press('?');
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    for (const key of ['Alt+A', 'Alt+I', 'Alt+Q', 'Alt+C', 'j', 'k', 'Enter', 'Escape', 'Shift+Arrow']) {
      assert.ok((await sheet.textContent()).includes(key), key);
    }
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    await expectFocus(page, { testid: 'item-open', item: id(1) });

    // Single-character shortcuts can be turned off (WCAG 2.1.4); the choice is remembered.
    await page.keyboard.press('?');
    await sheet.getByTestId('single-keys').uncheck();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByTestId('action-item').first().getByTestId('item-open').focus();
    await page.keyboard.press('?');
    await page.keyboard.press('j');
    assert.equal(await sheet.isVisible(), false);
    await expectFocus(page, { testid: 'item-open', item: id(1) }, 'j does nothing when single keys are off');
    await page.keyboard.press('ArrowDown');
    await expectFocus(page, { testid: 'item-open', item: id(2) }, 'arrows still move');
  });

  test('the header is one summary line until opened, drafts show no status moves, the board sits beside the list', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openWorkspace(page, baseUrl, paymentsOutage, PM);
    const items = page.getByTestId('action-item');
    await items.first().waitFor();
    const summary = page.getByTestId('pm-summary-line');
    const text = await summary.textContent();
    for (const part of ['Payments API outage', 'SEV1', 'INC-481', paymentsOutage.postmortems[0].incident_date]) assert.ok(text.includes(part), part);
    assert.equal(await page.getByTestId('pm-title').isVisible(), false);
    const box = await summary.boundingBox();
    assert.ok(box.height < 80, `the summary line is ${box.height} px tall`);
    await page.getByTestId('pm-toggle').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('pm-title').waitFor();
    assert.equal(await page.getByTestId('pm-toggle').getAttribute('aria-expanded'), 'true');

    await openItem(items.first());
    assert.equal(await items.first().getByTestId('status-control').isVisible(), false, 'no Start or Close while drafting');
    assert.equal(await page.locator('[data-testid^=move-]:visible').count(), 0);

    const list = await page.getByTestId('item-list').boundingBox();
    const board = await page.getByTestId('quadrant-board').boundingBox();
    assert.ok(board.x >= list.x + list.width, 'the board is beside the list');
  });

  test('titles wrap instead of being cut, and the pickers read "4 critical" with the rubric beside', async ({ page, baseUrl }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await openWorkspace(page, baseUrl, paymentsOutage, PM, { largeText: true });
    const items = page.getByTestId('action-item');
    await items.first().waitFor();
    const cut = (locator) => locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    for (let n = 0; n < 5; n++) assert.equal(await cut(items.nth(n).getByTestId('item-open')), false, `row ${n + 1}`);
    const row = await openItem(items.first());
    assert.equal(await cut(row.getByTestId('item-title')), false, 'the item title field');
    assert.equal(await row.getByTestId('item-title').inputValue(), paymentsOutage.postmortems[0].action_items[0].title);
    await page.getByTestId('pm-toggle').click();
    assert.equal(await cut(page.getByTestId('pm-title')), false, 'the post-mortem title field');
    await page.getByTestId('quick-title').fill(paymentsOutage.postmortems[0].action_items[4].title);
    assert.equal(await cut(page.getByTestId('quick-title')), false, 'the quick-add title');

    const options = (testid) => row.getByTestId(testid).locator('option').allTextContents();
    assert.deepEqual(await options('item-impact'), ['1 low', '2 medium', '3 high', '4 critical']);
    assert.deepEqual(await options('item-effort'), ['1 low', '2 medium', '3 high', '4 very high']);
    assert.equal((await row.getByTestId('impact-rubric').textContent()).trim(), 'removes the root cause or prevents a SEV1 recurrence');
    await row.getByTestId('item-effort').selectOption('3');
    assert.equal((await row.getByTestId('effort-rubric').textContent()).trim(), '1–3 weeks, cross-team');
  });
}
