// Small helpers shared by the end-to-end tests.
import assert from 'node:assert/strict';

export { assert };

/** Debian's Chromium, headless, as every test runs it. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

import { decodeShard } from './stored.mjs';

export const WORKSPACE_KEY = 'followthrough.workspace';
export const INDEX_KEY = 'followthrough.index';
export const SHARD_PREFIX = 'followthrough.pm.';
export const REVISION_KEY = 'followthrough.workspace.revision';

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

/**
 * The stored workspace as JSON text, or null when nothing is stored. The app stores an index
 * (`followthrough.index`) and one compressed shard per post-mortem (`followthrough.pm.<id>`);
 * this puts them back together (decoded here in Node). A value under the older single key
 * (`followthrough.workspace`) is returned as it is: it takes precedence when present.
 */
export async function stored(page) {
  const raw = await page.evaluate(([legacyKey, indexKey, prefix]) => {
    const legacy = localStorage.getItem(legacyKey);
    if (legacy !== null) return { legacy };
    const shards = Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => [k, localStorage.getItem(k)]);
    return { index: localStorage.getItem(indexKey), shards };
  }, [WORKSPACE_KEY, INDEX_KEY, SHARD_PREFIX]);
  if ('legacy' in raw) return raw.legacy;
  if (raw.index === null && raw.shards.length === 0) return null;
  const index = JSON.parse(raw.index ?? '{"postmortems":[]}');
  const byKey = new Map(raw.shards);
  const postmortems = [];
  for (const id of index.postmortems) {
    const text = byKey.get(SHARD_PREFIX + id);
    if (text !== undefined) postmortems.push(await decodeShard(text));
    byKey.delete(SHARD_PREFIX + id);
  }
  for (const text of byKey.values()) postmortems.push(await decodeShard(text));
  return JSON.stringify({ schema_version: index.schema_version, settings: index.settings, postmortems });
}

/** Writes one post-mortem as another tab would (a plain-JSON shard, which the app reads). */
export async function writeShard(page, pm) {
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [SHARD_PREFIX + pm.id, JSON.stringify(pm)]);
}
