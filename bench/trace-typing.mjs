// Traces typing in the meeting view with Chromium's tracing and prints where a keystroke's time
// goes on the page's main thread: script (event handlers, microtasks), style, layout, paint —
// what a JS profile alone cannot show.
//   node bench/trace-typing.mjs [items] [keystrokes]
// Environment: DIST=path (another build than dist/); CONTROL=1 (trace the vanilla-JS control
// page); STYLE='css' (add a style sheet first, to try a CSS change without a rebuild); DOM=1
// (the page's elements by tag); DETAIL=1 (one keystroke's slices, those of at least MIN_US µs);
// INVALIDATIONS=1 (style, layout and paint invalidations); LAYOUTS=1 (each layout's dirty and
// total objects); MYSTERY=1 (the long tasks that are neither input nor a frame: where they were
// posted from and what they ran).
import { launchBrowser, typingServer, openTypingPage, sampleWorkspace, newContext, sleep } from './lib.mjs';

const items = Number(process.argv[2] || 1000);
const keystrokes = Number(process.argv[3] || 40);
const control = Boolean(process.env.CONTROL);
// CONTROL=1: the vanilla-JS control page, the browser's floor, traced the same way.
const server = await typingServer(control);
const browser = await launchBrowser();
const { context } = await newContext(browser, 'trace');
const page = await context.newPage();
const title = await openTypingPage(page, server.url, { control, json: control ? null : sampleWorkspace(items) });
if (process.env.DOM) {
  console.log(await page.evaluate(() => {
    const tags = {};
    for (const e of document.querySelectorAll('*')) tags[e.localName] = (tags[e.localName] ?? 0) + 1;
    return `${document.querySelectorAll('*').length} elements: ` + Object.entries(tags).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([t, c]) => `${t} ${c}`).join(', ');
  }));
}
// A constructed style sheet: the page's CSP refuses inline <style>.
if (process.env.STYLE) {
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, process.env.STYLE);
}
await title.focus();
await sleep(500);

const cdp = await context.newCDPSession(page);
const chunks = [];
cdp.on('Tracing.dataCollected', ({ value }) => chunks.push(...value));
const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
await cdp.send('Tracing.start', {
  categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,v8.execute,toplevel,disabled-by-default-toplevel.flow,accessibility,renderer.scheduler' + (process.env.INVALIDATIONS ? ',disabled-by-default-devtools.timeline.invalidationTracking' : ''),
  transferMode: 'ReportEvents',
});
for (let i = 0; i < keystrokes; i++) { await page.keyboard.press(i % 2 ? 'Backspace' : 'x'); await sleep(30); }
await sleep(300); // let the last frame and the save timer finish
await cdp.send('Tracing.end');
await done;

// The renderer's main thread: the thread that ran the keydown dispatches.
const keydowns = chunks.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
const main = keydowns[0] && `${keydowns[0].pid}:${keydowns[0].tid}`;
const onMain = chunks.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined);
// Top-level slices only (not nested in another slice), so nothing is counted twice.
onMain.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const top = [];
let end = -Infinity;
for (const e of onMain) {
  if (e.ts >= end) { top.push(e); end = e.ts + e.dur; }
}
// Attribute each top-level slice's time to the phases nested inside it.
const phases = ['EventDispatch', 'FunctionCall', 'TimerFire', 'RunMicrotasks', 'v8.callFunction', 'UpdateLayoutTree',
  'Layout', 'PrePaint', 'Paint', 'PaintImage', 'Layerize', 'Commit', 'UpdateLayer', 'HitTest', 'ParseHTML', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER'];
const byName = new Map();
for (const e of onMain) {
  if (!phases.includes(e.name)) continue;
  const key = e.name === 'EventDispatch' ? `EventDispatch ${e.args.data.type}` : e.name;
  byName.set(key, (byName.get(key) ?? 0) + e.dur / 1000);
}
const busy = top.reduce((s, e) => s + e.dur / 1000, 0);
const byTop = new Map();
for (const e of top) byTop.set(e.name, (byTop.get(e.name) ?? 0) + e.dur / 1000);
const n = keydowns.length;
const perKey = (ms) => (ms / n).toFixed(2).padStart(8);
console.log(`${items} items, ${n} keystrokes traced; main thread busy ${(busy / n).toFixed(2)} ms per keystroke`);
console.log('\nTop-level slices, ms per keystroke:');
for (const [k, ms] of [...byTop].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(perKey(ms), k);
console.log('\nPhases (nested slices may overlap), ms per keystroke:');
for (const [k, ms] of [...byName].sort((a, b) => b[1] - a[1])) console.log(perKey(ms), k);
const rendering = ['Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'UpdateLayoutTree'];
const script = ['FunctionCall', 'TimerFire'];
const total = (names) => names.reduce((sum, k) => sum + (byName.get(k) ?? 0), 0);
console.log(`\nper keystroke: rendering (${rendering.join(', ')}) ${(total(rendering) / n).toFixed(2)} ms, script ${(total(script) / n).toFixed(2)} ms`);

if (process.env.DETAIL) {
  // The middle keystroke: its slices, indented by nesting.
  const k = keydowns[Math.floor(n / 2)];
  const next = keydowns[Math.floor(n / 2) + 1];
  const slices = onMain.filter((e) => e.ts >= k.ts - 2000 && e.ts < (next?.ts ?? Infinity) && e.dur >= Number(process.env.MIN_US ?? 50));
  const stack = [];
  for (const e of slices) {
    while (stack.length && e.ts >= stack[stack.length - 1]) stack.pop();
    const label = e.name === 'EventDispatch' ? `EventDispatch ${e.args.data.type}` : e.name === 'FunctionCall' ? `FunctionCall ${e.args?.data?.functionName ?? ''}` : e.name;
    console.log(`${((e.ts - k.ts) / 1000).toFixed(2).padStart(7)} ${'  '.repeat(stack.length)}${label} ${(e.dur / 1000).toFixed(2)} ms`);
    stack.push(e.ts + e.dur);
  }
}

if (process.env.INVALIDATIONS) {
  const inv = new Map();
  for (const e of chunks) {
    if (!/Invalidat/.test(e.name)) continue;
    const d = e.args?.data ?? {};
    const key = `${e.name} | ${d.reason ?? ''} | ${(d.nodeName ?? d.name ?? '').slice(0, 80)}`;
    inv.set(key, (inv.get(key) ?? 0) + 1);
  }
  console.log('\nInvalidations per keystroke:');
  for (const [k, c] of [...inv].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log((c / n).toFixed(1).padStart(6), k);
}

if (process.env.LAYOUTS) {
  console.log('\nLayouts (ms, what was dirty):');
  for (const e of onMain.filter((x) => x.name === 'Layout').slice(0, 12)) {
    console.log((e.dur / 1000).toFixed(2).padStart(7), JSON.stringify(e.args?.beginData ?? {}).slice(0, 160));
  }
}

if (process.env.MYSTERY) {
  // Tasks over 2 ms that dispatch no event and draw no frame: what posted them, what they ran.
  const within = (t) => onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const others = top.filter((t) => t.dur >= 2000
    && !within(t).some((e) => e.name === 'EventDispatch' || e.name === 'WebFrameWidgetImpl::UpdateLifecycle'));
  const tally = (entries) => {
    const m = new Map();
    for (const [key, ms] of entries) { const v = m.get(key) ?? [0, 0]; m.set(key, [v[0] + 1, v[1] + ms]); }
    return [...m].sort((a, b) => b[1][1] - a[1][1]);
  };
  const print = (title, rows, count) => {
    console.log(`\n${title} (count, ms in all):`);
    for (const [k, [c, ms]] of rows.slice(0, count)) console.log(String(c).padStart(6), ms.toFixed(2).padStart(8), k);
  };
  print('Other long tasks, by where they were posted from', tally(others.map((t) => {
    const from = onMain.find((e) => e.name === 'ThreadControllerImpl::RunTask' && Math.abs(e.ts - t.ts) <= 50);
    return [from ? `${from.args.src_file}:${from.args.src_func}` : '(unknown)', t.dur / 1000];
  })), 15);
  print('Other long tasks, by slice name', tally(others.flatMap((t) => within(t).map((e) => [e.name, e.dur / 1000]))), 30);
}
await browser.close();
await server.close();
