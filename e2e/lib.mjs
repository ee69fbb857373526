// Small helpers shared by the end-to-end tests.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { onDemandIn } from '../scripts/on-demand.mjs';
import { createRequire } from 'node:module';

export { assert };

/** Debian's Chromium, headless, as every test runs it. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

import { decodeShard } from './stored.mjs';

/**
 * The build's parts loaded on demand: the wasm files its index.html does not name (the rule
 * scripts/size.mjs counts them by). Fails when there is none, so a build that stopped splitting
 * is noticed.
 */
export function onDemandParts(dist) {
  const parts = readdirSync(dist).filter(onDemandIn(dist));
  assert.ok(parts.length > 0, `${dist} has no wasm loaded on demand: is the release build split (docs/SIZE.md)?`);
  return parts;
}

/** The file of the on-demand part `name` (`on_demand!(name: …)`): followthrough-<name>-<hash>.wasm. */
export function onDemandPart(dist, name) {
  const part = onDemandParts(dist).find((f) => new RegExp(`^followthrough-${name}-[0-9a-f]{8,16}\\.wasm$`).test(f));
  assert.ok(part, `${dist} has no on-demand part "${name}"`);
  return part;
}

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
  assert.equal(await page.getByTestId('pm-heading').textContent(), title);
}

/**
 * Opens an item row's editor (a click on its line) unless it is open, and returns the row. A
 * row reads as a line or two; its fields show while it is open.
 */
export async function openItem(item) {
  if (!(await item.getByTestId('item-title').isVisible())) await item.getByTestId('item-open').click();
  await item.getByTestId('item-title').waitFor();
  return item;
}

/** Unfolds the post-mortem's header (its summary line) into its fields, unless it is open. */
export async function openHeader(page) {
  if (!(await page.getByTestId('pm-title').isVisible())) await page.getByTestId('pm-toggle').click();
  await page.getByTestId('pm-title').waitFor();
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

/**
 * Stores a workspace (an object) as the older single key, which the app reads at start, and
 * opens a view on it. `largeText` turns on the projector's Large text first.
 */
export async function openWorkspace(page, baseUrl, workspace, hash = '#/', { largeText = false } = {}) {
  await page.goto(baseUrl);
  await page.evaluate(([key, text, large]) => {
    localStorage.setItem(key, text);
    localStorage.setItem('followthrough.large-text', large ? '1' : '0');
  }, [WORKSPACE_KEY, JSON.stringify(workspace), largeText]);
  await page.goto(`${baseUrl}${hash}`);
  await page.reload();
  await page.getByTestId('app-title').waitFor();
}

/** How many of these elements lie wholly inside the viewport (top to bottom, left to right). */
export async function countInView(locator) {
  return locator.evaluateAll((els) => els.filter((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  }).length);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now (every rule axe runs by default: WCAG 2 A and
 * AA and its best practices), one line per failing element. The script is evaluated through the
 * DevTools protocol, which the page's CSP does not govern, so the page itself stays as shipped.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`));
  });
}

/** Where focus is: its element's data-testid and the id of the item row it is in, if any. */
export function focusedOn(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { testid: el?.getAttribute('data-testid') ?? null, item: el?.closest('[data-testid=action-item]')?.dataset.itemId ?? null };
  });
}

/**
 * Asserts where focus lands after an action: `expected` is a data-testid, or { testid, item }.
 * The app moves focus once the page has rendered the action's effect, so this waits (up to
 * 3 s) for focus to get there before it compares.
 */
export async function expectFocus(page, expected, message) {
  const want = typeof expected === 'string' ? { testid: expected } : expected;
  const same = (got) => Object.entries(want).every(([k, v]) => got[k] === v);
  let got = await focusedOn(page);
  for (const end = Date.now() + 3000; !same(got) && Date.now() < end; got = await focusedOn(page)) {
    await page.waitForTimeout(25);
  }
  assert.deepEqual(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]])), want, message);
}
