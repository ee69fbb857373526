// Profiles start-up with a stored workspace, opened at one post-mortem (as the start-up
// benchmark does): from navigation until the first item's title exists, plus 300 ms. Prints
// the functions with the most self time and the app's and core's functions inclusive.
//   node bench/profile-startup.mjs [items]        (DIST=path for another build than dist/; a
//   build without wasm-opt keeps the function names)
import { join } from 'node:path';
import { root, launchBrowser, startServer, sampleWorkspace, newContext, loadWorkspace, sleep } from './lib.mjs';

const items = Number(process.argv[2] || 1000);
const text = sampleWorkspace(items);
const ws = JSON.parse(text);
const server = await startServer(process.env.DIST ?? join(root, 'dist'));
const browser = await launchBrowser();
const { context } = await newContext(browser, 'profile-startup');
const setup = await context.newPage();
await loadWorkspace(setup, server.url, text);
await setup.close();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const started = Date.now();
await page.goto(`${server.url}#/pm/${encodeURIComponent(ws.postmortems[ws.postmortems.length - 1].id)}`);
await page.locator('[data-testid="action-item"] [data-testid="item-title"]').first().waitFor();
const shown = Date.now() - started;
await sleep(300);
const { profile } = await cdp.send('Profiler.stop');
console.log(`the first item title existed ${shown} ms after navigation started (wall clock, with profiling)`);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => (n.callFrame.functionName || '(anon)').replace(/::h[0-9a-f]{16}$/, '').slice(0, 110);
const self = new Map();
const inclusive = new Map();
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] || 0) / 1000;
  self.set(name(byId.get(id)), (self.get(name(byId.get(id))) || 0) + ms);
  const seen = new Set();
  for (let cur = id; cur; cur = parent.get(cur)) {
    const f = name(byId.get(cur));
    if (/followthrough|^\(garbage|wasm-to-js|js-to-wasm|compile|instantiate/i.test(f) && !seen.has(f)) {
      seen.add(f);
      inclusive.set(f, (inclusive.get(f) || 0) + ms);
    }
  }
});
const top = (m, n) => [...m.entries()].filter(([k]) => !/^\((idle|program)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n);
console.log('\nSelf time:');
for (const [k, ms] of top(self, 20)) console.log(ms.toFixed(1).padStart(8), 'ms ', k);
console.log('\nInclusive:');
for (const [k, ms] of top(inclusive, 40)) console.log(ms.toFixed(1).padStart(8), 'ms ', k);
await browser.close();
await server.close();
