// Profiles typing in the meeting view with the Chrome DevTools Protocol and prints the functions
// with the most self time — to find what a keystroke spends its time on.
//   node bench/profile-typing.mjs [items]        (DIST=path for another build than dist/;
//   CALLERS=regex prints the call paths into the matching functions)
import { join } from 'node:path';
import { root, launchBrowser, startServer, sampleWorkspace, newContext, loadWorkspace, openPostMortem } from './lib.mjs';

const items = Number(process.argv[2] || 1000);
const json = sampleWorkspace(items);
const ws = JSON.parse(json);
const pm = ws.postmortems[ws.postmortems.length - 1];
const server = await startServer(process.env.DIST ?? join(root, 'dist'));
const browser = await launchBrowser();
const { context } = await newContext(browser, 'profile');
const page = await context.newPage();
await loadWorkspace(page, server.url, json);
await openPostMortem(page, pm.id);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const title = page.getByTestId('action-item').first().getByTestId('item-title');
await title.focus();
await cdp.send('Profiler.start');
for (let i = 0; i < 40; i++) { await page.keyboard.press(i % 2 ? 'Backspace' : 'x'); await page.waitForTimeout(20); }
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const dt = profile.timeDeltas;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(key, (self.get(key) || 0) + (dt[i] || 0) / 1000);
});
const top = [...self.entries()].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [k, ms] of top) console.log(ms.toFixed(1).padStart(8), 'ms ', k);
// Inclusive time of the app's own functions (names need a build without wasm-opt; see DIST).
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let cur = id; cur; cur = parent.get(cur)) {
    const f = byId.get(cur).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
    if (/^(followthrough|<followthrough)/.test(f) && !seen.has(f)) {
      seen.add(f);
      inclusive.set(f, (inclusive.get(f) || 0) + (dt[i] || 0) / 1000);
    }
  }
});
console.log('\nInclusive, the app\'s functions:');
for (const [k, ms] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(ms.toFixed(1).padStart(8), 'ms ', k.slice(0, 150));
// CALLERS=regex: the call paths (up to 8 frames) into the functions whose name matches, by time.
if (process.env.CALLERS) {
  const re = new RegExp(process.env.CALLERS);
  const paths = new Map();
  profile.samples.forEach((id, i) => {
    const chain = [];
    for (let cur = id; cur; cur = parent.get(cur)) chain.push(byId.get(cur).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(0, 90));
    const at = chain.findIndex((f) => re.test(f));
    if (at < 0) return;
    const key = chain.slice(at, at + 8).join('\n      <- ');
    paths.set(key, (paths.get(key) || 0) + (dt[i] || 0) / 1000);
  });
  console.log(`\nCallers of /${process.env.CALLERS}/:`);
  for (const [k, ms] of [...paths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(ms.toFixed(1).padStart(8), 'ms ', k);
}
await browser.close();
await server.close();
