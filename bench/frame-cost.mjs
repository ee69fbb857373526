// Paired CSS experiments on the meeting page: for each variant (a style sheet), types keystrokes
// under a trace and prints the keystroke frame's main-thread cost (BeginMainFrame and its parts)
// and the precise Event Timing duration. Variants alternate within one page, so machine drift
// affects them alike.
//   VARIANTS='[{"name":"base","css":""},{"name":"x","css":"..."}]' node bench/frame-cost.mjs [items] [rounds]
// Environment: KEYS (per variant per round, default 40), CONTROL=1, DIST=path, MOUSE=x,y (park the
// pointer there first). Columns, ms per frame unless said: bmf (BeginMainFrame), hover (the hit test
// Chromium runs when layout changed under the pointer), draw (the display compositor's draw and
// swap), paint, layerize, prepaint, commit; tickToPresent (the 60 Hz tick the keystroke's frame
// began at → on screen), handlers (the keystroke's event handlers), dur (Event Timing, unrounded)
// and late (% of keystrokes at 20 ms or more, which Event Timing reports as 24). Tracing adds its
// own cost: compare variants with each other, and use bench/latency.mjs for the figures.
import { launchBrowser, typingServer, openTypingPage, sampleWorkspace, newContext, sleep } from './lib.mjs';
const items = Number(process.argv[2] || 1000);
const rounds = Number(process.argv[3] || 3);
const KEYS = Number(process.env.KEYS ?? 40);
const variants = JSON.parse(process.env.VARIANTS ?? '[{"name":"base","css":""}]');
const control = Boolean(process.env.CONTROL);
const server = await typingServer(control);
const browser = await launchBrowser();
const { context } = await newContext(browser, 'frame-cost');
const page = await context.newPage();
const title = await openTypingPage(page, server.url, { control, json: control ? null : sampleWorkspace(items) });
if (process.env.MOUSE) { const [x, y] = process.env.MOUSE.split(',').map(Number); await page.mouse.move(x, y); }
await page.evaluate(() => { window.__sheet = new CSSStyleSheet(); document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.__sheet]; });
const cdp = await context.newCDPSession(page);
const results = Object.fromEntries(variants.map((v) => [v.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const v of variants) {
    await page.evaluate((css) => window.__sheet.replaceSync(css), v.css);
    await title.focus(); await page.keyboard.press('End'); await sleep(400);
    const chunks = [];
    const onData = ({ value }) => chunks.push(...value);
    cdp.on('Tracing.dataCollected', onData);
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,benchmark,viz', transferMode: 'ReportEvents' });
    for (let i = 0; i < KEYS; i++) { await page.keyboard.press(i % 2 ? 'Backspace' : 'x'); await sleep(30); }
    await sleep(300);
    await cdp.send('Tracing.end'); await done;
    cdp.off('Tracing.dataCollected', onData);
    results[v.name].push(analyse(chunks));
  }
}
const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
const cols = ['bmf', 'hover', 'draw', 'paint', 'layerize', 'prepaint', 'commit', 'tickToPresent', 'handlers', 'dur', 'late'];
console.log('variant'.padEnd(22) + cols.map((c) => c.padStart(9)).join(''));
for (const v of variants) {
  const rs = results[v.name];
  console.log(v.name.padEnd(22) + cols.map((c) => mean(rs.map((x) => x[c])).toFixed(2).padStart(9)).join(''));
}
console.log(await page.evaluate(() => `${document.querySelectorAll('*').length} elements`));
await browser.close(); await server.close?.();
process.exit(0);

function analyse(c) {
  const bmf = c.filter((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X');
  const thr = `${bmf[0].pid}:${bmf[0].tid}`;
  const on = c.filter((e) => `${e.pid}:${e.tid}` === thr && e.ph === 'X');
  const sum = (name) => on.filter((e) => e.name === name).reduce((s, e) => s + e.dur / 1000, 0) / bmf.length;
  const et = c.filter((e) => e.name === 'EventTiming' && e.ph === 'b' && e.args?.data?.type).map((e) => e.args.data);
  const keys = et.filter((d) => d.type === 'keydown');
  const durs = keys.map((k) => Math.max(...et.filter((d) => d.timeStamp >= k.timeStamp && d.timeStamp < k.timeStamp + 25 && d.type !== 'keyup' && (d.type !== 'keydown' || d === k)).map((d) => d.timeStamp + d.duration)) - k.timeStamp);
  const handlers = keys.map((k) => Math.max(...et.filter((d) => d.timeStamp >= k.timeStamp && d.timeStamp < k.timeStamp + 25 && d.type !== 'keyup').map((d) => d.processingEnd)) - k.processingStart);
  // tick → presentation: from each keydown, the frame that presented it began at the last cc BeginFrame before its BMF
  const off = c.find((e) => e.name === 'EventTiming' && e.ph === 'b' && e.args?.data?.type === 'keydown');
  const offset = off.ts - off.args.data.timeStamp * 1000;
  const begins = c.filter((e) => e.name === 'Scheduler::BeginFrame').map((e) => (e.ts - offset) / 1000).sort((a, b) => a - b);
  const bmfStarts = bmf.map((e) => (e.ts - offset) / 1000).sort((a, b) => a - b);
  const t2p = keys.map((k, i) => {
    const present = k.timeStamp + durs[i];
    const b = bmfStarts.filter((t) => t > k.timeStamp && t < present).pop();
    const tick = b == null ? null : begins.filter((t) => t <= b).pop();
    return tick == null ? null : present - tick;
  }).filter((x) => x != null);
  return {
    bmf: bmf.reduce((s, e) => s + e.dur / 1000, 0) / bmf.length,
    hover: sum('HitTest'),
    draw: c.filter((e) => e.name === 'Display::DrawAndSwap').reduce((s, e) => s + e.dur / 1000, 0) / bmf.length,
    paint: sum('Paint') ,
    layerize: sum('Layerize'),
    prepaint: sum('PrePaint'),
    commit: sum('ProxyMain::BeginMainFrame::commit'),
    tickToPresent: t2p.reduce((s, x) => s + x, 0) / t2p.length,
    handlers: handlers.reduce((s, x) => s + x, 0) / handlers.length,
    dur: durs.reduce((s, x) => s + x, 0) / durs.length,
    late: durs.filter((d) => d >= 20).length / durs.length * 100,
  };
}
