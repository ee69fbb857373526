// Small helpers shared by the end-to-end tests.
import assert from 'node:assert/strict';

export { assert };

export const WORKSPACE_KEY = 'followthrough.workspace';

/** Opens the app and waits until it has mounted. */
export async function openApp(page, url) {
  await page.goto(url);
  await page.getByTestId('app-title').waitFor();
}

/** Creates a post-mortem from the list and waits until its page is open. */
export async function createPostMortem(page, title, severity = 'SEV2') {
  await page.getByTestId('new-postmortem').first().click();
  await page.getByTestId('new-postmortem-title').fill(title);
  await page.getByTestId('new-postmortem-severity').selectOption(severity);
  await page.getByTestId('new-postmortem-title').press('Enter');
  await page.getByTestId('postmortem-page').waitFor();
  assert.equal(await page.getByTestId('pm-title').inputValue(), title);
}

/** Goes back to the post-mortem list and waits for a row with this title. */
export async function listShows(page, title) {
  await page.getByTestId('back-to-list').click();
  await page.getByTestId('postmortem-title').filter({ hasText: title }).waitFor();
}

/** Waits for the debounced save to land. */
export async function waitSaved(page) {
  await page.getByTestId('save-mark').filter({ hasText: /^Saved$/ }).waitFor();
}

export async function stored(page) {
  return page.evaluate((key) => localStorage.getItem(key), WORKSPACE_KEY);
}
