// The people roster (settings): paste or import people, preview, add, remove, clear, undo; kept
// in storage and the JSON export; and the meeting's owner chip warning for an owner not on it.
import { readFile } from 'node:fs/promises';
import { assert, openApp, createPostMortem, waitSaved, stored, expectFocus } from '../lib.mjs';

async function entries(page) {
  return page.getByTestId('roster').getByTestId('roster-entry').allInnerTexts();
}

async function listed(page) {
  return JSON.parse(await stored(page)).settings?.people ?? [];
}

export default function (test) {
  test('keyboard only: paste people, preview with unreadable lines by number, add, undo, remove, export', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('nav-people').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('roster').waitFor({ state: 'attached' });
    await page.getByTestId('roster-paste').focus();
    await page.keyboard.type('Ana Smith <ana.smith@corp.example>\nCheckout SRE\nKenji Watanabe,kenji@corp.example\n');
    await page.keyboard.press('Tab');
    await expectFocus(page, 'roster-preview');
    await page.keyboard.press('Enter');
    await page.getByTestId('roster-read').waitFor();
    assert.deepEqual(await page.getByTestId('roster-new').locator('li').allInnerTexts(),
      ['Ana Smith <ana.smith@corp.example>', 'Kenji Watanabe <kenji@corp.example>']);
    assert.match(await page.getByTestId('roster-unreadable').innerText(), /^line 2: .*team.*Checkout SRE/);
    assert.deepEqual(await entries(page), [], 'nothing is added before it is confirmed');

    await page.getByTestId('roster-add').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('roster-read').waitFor({ state: 'detached' });
    assert.equal((await entries(page)).length, 2);
    await waitSaved(page);
    assert.deepEqual(await listed(page), ['Ana Smith <ana.smith@corp.example>', 'Kenji Watanabe <kenji@corp.example>']);

    // Undo and redo, as for any edit.
    await page.keyboard.press('Control+z');
    await page.getByTestId('roster-entry').first().waitFor({ state: 'detached' });
    await waitSaved(page);
    assert.deepEqual(await listed(page), []);
    await page.keyboard.press('Control+Shift+z');
    await page.getByTestId('roster-entry').nth(1).waitFor();

    // Remove the second with the keyboard: focus stays in the list.
    await page.getByTestId('roster-remove').nth(1).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('roster-entry').nth(1).waitFor({ state: 'detached' });
    await expectFocus(page, 'roster-remove', 'focus moves to the remaining entry');
    assert.match((await entries(page))[0], /^Ana Smith <ana\.smith@corp\.example>/);
    await waitSaved(page);
    assert.deepEqual(await listed(page), ['Ana Smith <ana.smith@corp.example>']);

    // The workspace export keeps the roster.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(exported.settings.people, ['Ana Smith <ana.smith@corp.example>']);

    // After a reload it is still there; cleared, and the clear undone.
    await page.reload();
    await page.getByTestId('roster-entry').first().waitFor();
    await page.getByTestId('roster-clear').click();
    await page.getByTestId('roster-entry').first().waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await page.getByTestId('roster-entry').first().waitFor();
  });

  test('an owner not on the roster warns in the meeting and the advice names the nearest person', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('nav-people').click();
    await page.getByTestId('roster-paste').fill('Ana Smith\nBo Chen <bo.chen@corp.example>');
    await page.getByTestId('roster-preview').click();
    await page.getByTestId('roster-add').click();
    await page.getByTestId('roster-entry').nth(1).waitFor();

    await page.getByTestId('nav-list').click();
    await createPostMortem(page, 'Checkout errors');
    await page.getByTestId('quick-title').fill('Add an alert on checkout 5xx above 2% for 5 minutes');
    await page.getByTestId('quick-owner').fill('Ana Smiht');
    await page.getByTestId('quick-title').press('Enter');
    const item = page.getByTestId('action-item').first();
    await item.waitFor();
    const chip = item.getByTestId('element-owner');
    assert.equal(await chip.getAttribute('data-verdict'), 'warn');
    const tip = await chip.locator('.chip-tip').textContent();
    assert.match(tip, /Ana Smiht is not on the workspace's people roster: is it Ana Smith\?/);
    assert.match(tip, /Better: .*Ana Smith/);

    // The typo now owns an item: the roster shows it, marked as an owner.
    await page.getByTestId('nav-people').click();
    const known = page.locator('[data-testid=roster-entry][data-known=owner]');
    await known.first().waitFor();
    assert.deepEqual(await known.allInnerTexts(), ['Ana Smiht (owns items here)']);
  });

  test('a CSV file (Slack member export) is read into the preview', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('nav-people').click();
    const csv = 'username,email,status,fullname,displayname\nana,ana.smith@corp.example,Member,Ana Smith,ana\n'
      + 'oncall,payments-oncall@corp.example,Member,,\n';
    await page.getByTestId('roster-file').setInputFiles({ name: 'slack-members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('roster-read').waitFor();
    assert.deepEqual(await page.getByTestId('roster-new').locator('li').allInnerTexts(), ['Ana Smith <ana.smith@corp.example>']);
    assert.match(await page.getByTestId('roster-unreadable').innerText(), /^line 3: .*shared mailbox/);
    assert.match(await page.getByTestId('roster-paste').inputValue(), /^username,email/, 'the file is shown to correct before adding');
  });

  test('a person on the roster without an address gets the one pasted with their name, as one undo step', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl);
    await page.getByTestId('nav-people').click();
    const addPeople = async (text) => {
      await page.getByTestId('roster-paste').fill(text);
      await page.getByTestId('roster-preview').click();
      await page.getByTestId('roster-read').waitFor();
    };
    await addPeople('Okafor, Dana\nLee Park\n');
    await page.getByTestId('roster-add').click();
    await waitSaved(page);
    await addPeople('Dana Okafor <dana.okafor@corp.example>\nLee Park\nBo Chen <bo@corp.example>\n');
    assert.deepEqual(await page.getByTestId('roster-addressed').locator('li').allInnerTexts(), ['Dana Okafor <dana.okafor@corp.example>']);
    assert.deepEqual(await page.getByTestId('roster-known').locator('li').allInnerTexts(), ['Lee Park']);
    assert.deepEqual(await page.getByTestId('roster-new').locator('li').allInnerTexts(), ['Bo Chen <bo@corp.example>']);
    await page.getByTestId('roster-add').click();
    await page.getByTestId('notice').filter({ hasText: 'and an address to 1 already on it' }).waitFor();
    await waitSaved(page);
    assert.deepEqual(await listed(page), ['Dana Okafor <dana.okafor@corp.example>', 'Lee Park', 'Bo Chen <bo@corp.example>']);
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    assert.deepEqual(await listed(page), ['Okafor, Dana', 'Lee Park']);
  });
}
