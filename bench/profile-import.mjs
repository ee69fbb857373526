// Profiles importing the 10,000-item workspace file (read, check, preview; then confirm and
// render) with the Chrome DevTools Protocol and prints where the time goes: the functions with
// the most self time, and the app's and core's functions inclusive.
//   node bench/profile-import.mjs [items]        (DIST=path for another build than dist/; a
//   build without wasm-opt keeps the function names)
import { join } from 'node:path';
import { root, launchBrowser, startServer, sampleWorkspace, newContext, openApp, importTimed } from './lib.mjs';

const items = Number(process.argv[2] || 10000);
const text = sampleWorkspace(items);
const server = await startServer(process.env.DIST ?? join(root, 'dist'));
const browser = await launchBrowser();
const { context } = await newContext(browser, 'profile-import');
const page = await context.newPage();
await openApp(page, server.url);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const timing = await importTimed(page, `workspace-${items}.json`, text, Math.ceil(items / 10));
const { profile } = await cdp.send('Profiler.stop');
console.log(`read and check ${timing.readCheck.toFixed(1)} ms, render ${timing.render.toFixed(1)} ms`);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${(n.callFrame.functionName || '(anon)').replace(/::h[0-9a-f]{16}$/, '').slice(0, 110)}`;
const self = new Map();
const inclusive = new Map();
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] || 0) / 1000;
  self.set(name(byId.get(id)), (self.get(name(byId.get(id))) || 0) + ms);
  const seen = new Set();
  for (let cur = id; cur; cur = parent.get(cur)) {
    const f = name(byId.get(cur));
    if (/followthrough|serde|miniz|^\(garbage|text|JSON|wasm-to-js|js-to-wasm/i.test(f) && !seen.has(f)) {
      seen.add(f);
      inclusive.set(f, (inclusive.get(f) || 0) + ms);
    }
  }
});
const top = (m, n) => [...m.entries()].filter(([k]) => !/^\((idle|program)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n);
console.log('\nSelf time:');
for (const [k, ms] of top(self, 25)) console.log(ms.toFixed(1).padStart(8), 'ms ', k);
console.log('\nInclusive:');
for (const [k, ms] of top(inclusive, 40)) console.log(ms.toFixed(1).padStart(8), 'ms ', k);
await browser.close();
await server.close();
