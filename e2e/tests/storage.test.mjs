// Storage that never loses a keystroke: flush on reload, other tabs, a full quota.
import { assert, openApp, createPostMortem, openItem, waitSaved, stored, writeShard, REVISION_KEY } from '../lib.mjs';
import { readFile } from 'node:fs/promises';

/** Another tab's save ends by bumping the revision, which is what the app listens for. */
async function bumpRevision(page) {
  await page.evaluate((rk) => localStorage.setItem(rk, String(Number(localStorage.getItem(rk)) + 1)), REVISION_KEY);
}

async function pmWithItem(page, baseUrl) {
  await openApp(page, baseUrl);
  await createPostMortem(page, 'Storage checks');
  await page.getByTestId('quick-title').fill('Add a synthetic check for the login page every minute');
  await page.getByTestId('quick-title').press('Enter');
  await page.getByTestId('action-item').first().waitFor();
  await waitSaved(page);
}

export default function (test) {
  test('typing then reloading within 50 ms loses nothing (20 times)', async ({ page, baseUrl }) => {
    await pmWithItem(page, baseUrl);
    for (let round = 0; round < 20; round++) {
      const title = (await openItem(page.getByTestId('action-item').first())).getByTestId('item-title');
      await title.focus();
      await page.keyboard.press('End');
      await page.keyboard.type(` r${round}`);
      const expected = await title.inputValue();
      await page.waitForTimeout(round % 5 * 10); // 0–40 ms after the last key
      await page.reload();
      await page.getByTestId('action-item').first().waitFor();
      const after = await (await openItem(page.getByTestId('action-item').first())).getByTestId('item-title').inputValue();
      assert.equal(after, expected, `round ${round}`);
    }
  });

  test('a second tab follows saved changes from the first', async ({ page, context, baseUrl }) => {
    await pmWithItem(page, baseUrl);
    const other = await context.newPage();
    await other.goto(page.url());
    await openItem(other.getByTestId('action-item').first());
    const title = (await openItem(page.getByTestId('action-item').first())).getByTestId('item-title');
    await title.fill('Add a synthetic check for the login page every 30 seconds');
    await waitSaved(page);
    const otherTitle = other.getByTestId('action-item').first().getByTestId('item-title');
    await other.waitForFunction(
      (v) => document.querySelector('[data-testid=item-title]')?.value === v,
      'Add a synthetic check for the login page every 30 seconds',
    );
    assert.equal(await otherTitle.inputValue(), 'Add a synthetic check for the login page every 30 seconds');
    await other.close();
  });

  test('a stale tab never overwrites newer data and asks', async ({ page, context, baseUrl }) => {
    await pmWithItem(page, baseUrl);
    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByTestId('action-item').first().waitFor();
    // This tab has an unsaved edit when the other tab saves a newer revision.
    const title = (await openItem(page.getByTestId('action-item').first())).getByTestId('item-title');
    await title.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' (mine)');
    const theirs = JSON.parse(await stored(other)).postmortems[0];
    theirs.title = 'Renamed in the other tab';
    await writeShard(other, theirs);
    await bumpRevision(other);
    const newer = await stored(other);
    const banner = page.getByTestId('storage-banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-kind'), 'stale');
    await page.waitForTimeout(600);
    assert.equal(await stored(page), newer, 'the newer data is untouched');
    // Keeping this tab's version is a conscious choice.
    await page.getByTestId('stale-keep').click();
    await waitSaved(page);
    const ws = JSON.parse(await stored(page));
    assert.match(ws.postmortems[0].action_items[0].title, /\(mine\)$/);
    await other.close();
  });

  test('a stale tab can load the newer version instead', async ({ page, context, baseUrl }) => {
    await pmWithItem(page, baseUrl);
    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByTestId('action-item').first().waitFor();
    await (await openItem(page.getByTestId('action-item').first())).getByTestId('item-owner').fill('Mina');
    // The other tab saves first (written directly, so the order is certain).
    const theirs = JSON.parse(await stored(other)).postmortems[0];
    theirs.action_items[0].owner = 'Olu';
    await writeShard(other, theirs);
    await bumpRevision(other);
    await page.getByTestId('storage-banner').waitFor();
    await page.getByTestId('stale-load').click();
    await page.getByTestId('storage-banner').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('action-item').first().getByTestId('item-owner').inputValue(), 'Olu');
    await other.close();
  });

  test('a full quota keeps the data in memory, says so and offers an export', async ({ page, context, baseUrl }) => {
    await context.addInitScript(() => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (window.__quotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return real.call(this, key, value);
      };
    });
    await pmWithItem(page, baseUrl);
    const before = await stored(page);
    await page.evaluate(() => { window.__quotaFull = true; });
    await (await openItem(page.getByTestId('action-item').first())).getByTestId('item-owner').fill('Priya Raman');
    const banner = page.getByTestId('storage-banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-kind'), 'quota');
    assert.equal(await stored(page), before, 'nothing half-written');
    // More typing keeps working in memory, and the banner stays.
    await page.getByTestId('action-item').first().getByTestId('item-ticket').fill('WEB-77');
    await page.waitForTimeout(400);
    assert.equal(await banner.getAttribute('data-kind'), 'quota');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('banner-export').click()]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(exported.postmortems[0].action_items[0].owner, 'Priya Raman');
    assert.equal(exported.postmortems[0].action_items[0].tracking_ticket, 'WEB-77');
    // Once there is room again, saving resumes.
    await page.evaluate(() => { window.__quotaFull = false; });
    await page.getByTestId('banner-retry').click();
    await waitSaved(page);
    assert.equal(JSON.parse(await stored(page)).postmortems[0].action_items[0].tracking_ticket, 'WEB-77');
  });

  test('without localStorage the app works in memory and says nothing is saved', async ({ page, context, baseUrl }) => {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
    });
    await openApp(page, baseUrl);
    const banner = page.getByTestId('storage-banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-kind'), 'in-memory');
    await createPostMortem(page, 'In memory only');
    assert.equal(await page.getByTestId('save-mark').innerText(), 'Not saved (no storage)');
  });
}
