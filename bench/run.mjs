// Measured speed and size: every figure of docs/PERFORMANCE.md, in Debian's headless Chromium
// driven by playwright-core against a release build. A benchmark, not a test: it reports figures
// against their goals and fails only when a measurement could not be made.
//   scripts/bench                       (builds dist/, then runs this)
//   node bench/run.mjs                  (against an existing build)
// Environment: DIST (build folder, default dist/), RUNS (default 5), OUT (default
// docs/PERFORMANCE.md), ONLY (comma list of size,startup,network,typing,control,import,save,memory,core),
// TYPING_ITEMS (default 100,1000,10000), SKIP_CORE=1 (skip the slow criterion benchmarks),
// BENCH_NOTE (a sentence put at the top of the report), CHROMIUM (default /usr/bin/chromium).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import {
  root, launchBrowser, startServer, withTimeout, sleep, sampleWorkspace, splitWorkspace, countPostmortems,
  newContext, checkErrors, openApp, loadWorkspace, saveSettled, importTimed, openPostMortem, measureTyping, typingStats,
  spread, KEYS, CHROMIUM, CHROMIUM_ARGS, IMPORT_PART_BYTES, closeOpenContexts, firstItemTitle,
} from './lib.mjs';
import { coldStart, GOAL_FAST_4G, PROFILES, ROWS as NETWORK_ROWS } from './network.mjs';
import { startNginx } from '../e2e/nginx.mjs';
import { onDemandIn } from '../scripts/on-demand.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`RUNS must be a whole number ≥ 1, not "${process.env.RUNS}"`);
const DIST = resolve(process.env.DIST ?? join(root, 'dist'));
const OUT = resolve(process.env.OUT ?? join(root, 'docs', 'PERFORMANCE.md'));
const ONLY = (process.env.ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const SECTIONS = ['size', 'startup', 'network', 'typing', 'control', 'import', 'save', 'memory', 'core'];
for (const s of ONLY) if (!SECTIONS.includes(s)) throw new Error(`ONLY: unknown section "${s}" (known: ${SECTIONS.join(', ')})`);
const want = (s) => (!ONLY.length || ONLY.includes(s)) && !(s === 'core' && process.env.SKIP_CORE);
const TYPING_ITEMS = (process.env.TYPING_ITEMS ?? '100,1000,10000').split(',').map(Number).filter((n) => n > 0);
const BIG = 10_000;
const STARTUP_ITEMS = 1_000;
const KB = 1000;

/** Every goal, once: the limits (a measurement passes at or under its limit), and how each
 *  reads in the report; the tables, the Goals summary and the prose all quote these. */
const GOALS = {
  brotliTotal: 150 * KB,
  firstPaint: 250,
  interactive1k: 500,
  typingP95: { 1000: 16, 10000: 50 },
  controlRatio: 2,
  importTotal: 300,
};
const within = (limit, unit = ' ms') => `≤ ${limit}${unit}`;
const GOAL_TEXT = {
  brotliTotal: within(GOALS.brotliTotal / KB, ' KB'),
  firstPaint: within(GOALS.firstPaint),
  interactive1k: within(GOALS.interactive1k),
  typingP95: (items) => within(GOALS.typingP95[items]),
  controlRatio: within(GOALS.controlRatio, '×'),
  importTotal: within(GOALS.importTotal),
};

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: run scripts/bench, or build with \`trunk build --release --offline --public-url ./\`, or set DIST`);
  process.exit(1);
}

const started = new Date();
const failures = [];
const results = { runs: RUNS, startup: {}, network: {}, typing: {}, control: [], big: [], size: null, core: null };

/** Runs one measurement; a failure is printed and recorded, never dropped. */
async function attempt(what, run, timeoutMs, fn) {
  const label = run == null ? what : `${what}, run ${run}/${RUNS}`;
  const t0 = Date.now();
  process.stdout.write(`  ${label} … `);
  try {
    const value = await withTimeout(fn(label), timeoutMs, label);
    console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (e) {
    console.log(`FAILED\n    ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n    ')}`);
    await closeOpenContexts();
    failures.push({ what, run, message: String(e?.message ?? e).split('\n')[0] });
    return undefined;
  }
}

const section = (title) => console.log(`\n\x1b[1m== ${title}\x1b[0m`);
const lastPostmortemId = (text) => { const ws = JSON.parse(text); return ws.postmortems[ws.postmortems.length - 1].id; };

// ---------------------------------------------------------------------------------------------
// Size (deterministic: one run)

function measureSize() {
  const files = readdirSync(DIST).filter((f) => /\.(wasm|js|css|html)$/.test(f)).sort();
  // As scripts/size.mjs counts: the first download, not the parts loaded on demand (wasm files
  // index.html does not name, fetched when first needed; docs/SIZE.md).
  const onDemand = onDemandIn(DIST);
  const rows = files.map((name) => {
    const buf = readFileSync(join(DIST, name));
    return {
      name,
      onDemand: onDemand(name),
      counted: /\.(wasm|js)$/.test(name) && !onDemand(name),
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length },
      }).length,
    };
  });
  const sum = (key, filter) => rows.filter(filter).reduce((a, r) => a + r[key], 0);
  const total = (filter) => ({ raw: sum('raw', filter), gzip: sum('gzip', filter), brotli: sum('brotli', filter) });
  return { rows, total: total((r) => r.counted), all: total(() => true) };
}

// ---------------------------------------------------------------------------------------------
// Memory

async function measureMemory(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    const m = await page.evaluate(() => ({
      used: performance.memory?.usedJSHeapSize ?? null,
      wasm: window.__bench.wasmMemory?.buffer.byteLength ?? null,
    }));
    if (m.wasm == null) throw new Error("the app's WebAssembly.Memory was not found");
    return { jsHeap: m.used ?? usage.usedSize, cdpHeap: usage.usedSize, wasm: m.wasm };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Startup

// A row reads as a line until it is opened (a click on that line); its title field shows then.
const ITEM_ROW = '[data-testid="action-item"] [data-testid="item-open"]';

async function startup(browser, server, items, label) {
  const { context, errors } = await newContext(browser, label);
  try {
    const setup = await context.newPage();
    let url = server.url;
    let probe;
    if (items) {
      const text = sampleWorkspace(items);
      const loaded = await loadWorkspace(setup, server.url, text);
      if (loaded.mark !== 'Saved') {
        throw new Error(`the ${items}-item workspace was not saved (save mark: "${loaded.mark}"), so there is nothing to start up with`);
      }
      url += `#/pm/${encodeURIComponent(lastPostmortemId(text))}`;
      probe = { target: ITEM_ROW, mode: 'item' };
    } else {
      await openApp(setup, server.url);
      probe = { target: '[data-testid="new-postmortem"]', mode: 'list' };
    }
    await setup.close();
    await context.addInitScript((cfg) => window.__bench.armStartup(cfg), probe);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const s = await page.waitForFunction(() => {
      const s = window.__bench?.startup;
      return s && (s.interactive != null || s.error) ? s : null;
    }, null, { polling: 50, timeout: 60_000 }).then((h) => h.jsonValue())
      .catch((e) => { throw new Error(`the app did not become interactive (${probe.target}): ${e.message.split('\n')[0]}`); });
    if (s.error) throw new Error(s.error);
    // First paint is taken at presentation, which can come after the frame "interactive" ends on.
    const fcp = await page.waitForFunction(() => window.__bench.paints.find((p) => p.name === 'first-contentful-paint')?.startTime
      ?? performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { polling: 50, timeout: 10_000 })
      .then((h) => h.jsonValue())
      .catch(() => { throw new Error('Chromium reported no first-contentful-paint within 10 s of the app being interactive'); });
    const memory = items ? undefined : await measureMemory(page);
    checkErrors(errors);
    return { fcp, interactive: s.interactive, present: s.present, pokes: s.pokes, memory };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Typing (100 and 1,000 items; 10,000 in the big session) and the control page

let meetingRows = null;

async function typingSession(page, pmId) {
  await openPostMortem(page, pmId);
  const rows = await page.getByTestId('action-item').count();
  if (meetingRows != null && meetingRows !== rows) console.log(`    note: this meeting view shows ${rows} items, an earlier one ${meetingRows}`);
  meetingRows ??= rows;
  await sleep(500);
  return typingStats(await measureTyping(page));
}

async function typing(browser, server, items, label) {
  const { context, errors } = await newContext(browser, label);
  try {
    const page = await context.newPage();
    const text = sampleWorkspace(items);
    await loadWorkspace(page, server.url, text);
    const stats = await typingSession(page, lastPostmortemId(text));
    checkErrors(errors);
    return stats;
  } finally {
    await context.close().catch(() => {});
  }
}

async function control(browser, controlServer, rows, label) {
  const { context, errors } = await newContext(browser, label);
  try {
    const page = await context.newPage();
    await page.goto(`${controlServer.url}?rows=${rows}`);
    const shown = await page.getByTestId('action-item').count();
    if (shown !== rows) throw new Error(`the control page shows ${shown} rows, expected ${rows}`);
    const stats = typingStats(await measureTyping(page));
    checkErrors(errors);
    return stats;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// The 10,000-item session: import, memory, typing, save

async function measureSave(page) {
  const before = await saveSettled(page);
  const title = await firstItemTitle(page);
  await title.focus();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const B = window.__bench;
    B.writes.length = 0;
    B.tasks = {};
    B.longtasks.length = 0;
    document.addEventListener('keydown', (e) => { B.saveKeydown = e.timeStamp; }, { capture: true, once: true });
  });
  await page.keyboard.press('x');
  // A save is debounced after the keystroke; wait for writes, then for 1 s without one.
  const until = Date.now() + 20_000;
  let w;
  for (;;) {
    await sleep(200);
    w = await page.evaluate(() => {
      const B = window.__bench;
      return { writes: B.writes, tasks: B.tasks, longtasks: B.longtasks, keydown: B.saveKeydown, now: performance.now() };
    });
    if (w.writes.length && w.now - w.writes[w.writes.length - 1].end > 1000) break;
    if (Date.now() > until) {
      const mark = (await page.getByTestId('save-mark').textContent()).trim();
      throw new Error(`no storage write within 20 s of a keystroke (save mark before: "${before}", now: "${mark}")`);
    }
  }
  const writes = w.writes;
  const first = writes[0];
  const last = writes[writes.length - 1];
  const taskIds = [...new Set(writes.map((x) => x.task).filter((x) => x != null))];
  const task = taskIds.length && writes.every((x) => x.task != null)
    ? taskIds.reduce((a, id) => a + (w.tasks[id].end - w.tasks[id].start), 0) : null;
  // Long Tasks report whole milliseconds: take the one overlapping the writes.
  const long = w.longtasks.filter((t) => t.startTime <= last.end && t.startTime + t.duration + 1 >= first.start);
  const error = writes.find((x) => x.error)?.error ?? null;
  const keyEvents = ['keydown', 'keypress', 'beforeinput', 'input', 'keyup'];
  return {
    status: error == null ? 'ok' : error === 'QuotaExceededError' ? 'failed: quota' : `failed: ${error}`,
    task,
    longtask: long.length ? long[0].duration : null,
    longtasksSeen: w.longtasks,
    writeTimes: writes.map((x) => [x.start, x.end]),
    span: last.end - first.start,
    setItem: writes.reduce((a, x) => a + (x.end - x.start), 0),
    writes: writes.length,
    keys: new Set(writes.map((x) => x.key)).size,
    units: writes.reduce((a, x) => a + x.units, 0),
    afterKeystroke: w.keydown != null ? first.start - w.keydown : null,
    offKeystrokePath: !writes.some((x) => keyEvents.includes(x.event)),
    markBefore: before,
    markAfter: (await page.getByTestId('save-mark').textContent()).trim(),
  };
}

async function bigSession(browser, server, label) {
  const { context, errors } = await newContext(browser, label);
  try {
    const page = await context.newPage();
    await openApp(page, server.url);
    const text = sampleWorkspace(BIG);
    const pms = countPostmortems(text);
    const out = { bytes: Buffer.byteLength(text) };
    // The whole file first; when the importer refuses it (over its size limit), in parts.
    try {
      out.import = { parts: [await importTimed(page, `workspace-${BIG}.json`, text, pms)] };
    } catch (e) {
      if (!e.refusal) throw e;
      out.refusal = e.refusal;
      const parts = splitWorkspace(text);
      let rows = 0;
      out.import = { parts: [] };
      for (const [i, part] of parts.entries()) {
        rows += countPostmortems(part);
        out.import.parts.push({ ...(await importTimed(page, `part-${i + 1}-of-${parts.length}.json`, part, rows)), bytes: Buffer.byteLength(part) });
      }
    }
    out.import.readCheck = out.import.parts.reduce((a, p) => a + p.readCheck, 0);
    out.import.render = out.import.parts.reduce((a, p) => a + p.render, 0);
    out.import.total = out.import.readCheck + out.import.render;
    out.markAfterImport = await saveSettled(page);
    // When the workspace was saved, measure the rest in a page that loaded it from storage,
    // as a user reopening the app would; otherwise in the page that imported it.
    if (out.markAfterImport === 'Saved') {
      await page.reload();
      await page.getByTestId('postmortem-row').first().waitFor({ timeout: 60_000 });
      out.reloaded = true;
    }
    if (want('memory')) {
      await sleep(1000);
      out.memory = await measureMemory(page);
    }
    if (want('typing') && TYPING_ITEMS.includes(BIG)) out.typing = await typingSession(page, lastPostmortemId(text));
    else if (want('save')) await openPostMortem(page, lastPostmortemId(text));
    if (want('save')) out.save = await measureSave(page);
    checkErrors(errors);
    return out;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Core benchmarks (criterion)

function walk(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, found);
    else found.push(p);
  }
  return found;
}

function coreBenchmarks() {
  const since = Date.now();
  const run = spawnSync('cargo', ['bench', '-p', 'followthrough-core', '--bench', 'core'], { cwd: root, stdio: 'inherit', timeout: 3_600_000 });
  if (run.error) throw new Error(`cargo bench: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`cargo bench exited with ${run.status ?? run.signal}`);
  const dir = join(process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target'), 'criterion');
  const rows = walk(dir)
    .filter((p) => p.endsWith(join('new', 'estimates.json')) && statSync(p).mtimeMs >= since - 1000)
    .map((p) => {
      const est = JSON.parse(readFileSync(p, 'utf8'));
      const meta = JSON.parse(readFileSync(join(p, '..', 'benchmark.json'), 'utf8'));
      return { id: meta.full_id ?? meta.title, median: est.median.point_estimate, ci: est.median.confidence_interval };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  if (!rows.length) throw new Error(`cargo bench wrote no fresh estimates under ${dir}`);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The report

const tryRun = (cmd, args) => { try { return execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return null; } };

function machine(browserVersion) {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const commit = tryRun('git', ['rev-parse', 'HEAD']);
  const dirty = tryRun('git', ['status', '--porcelain', '--untracked-files=no']);
  return {
    cpu, cores: cpus().length, ram: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    chromium: browserVersion, rustc: tryRun('rustc', ['--version']) ?? 'unknown', node: process.version,
    commit: commit ? `${commit.slice(0, 12)}${dirty ? ' (with uncommitted changes)' : ''}` : 'unknown',
    dist: relative(root, DIST) === 'dist' ? 'dist/ (built by this run with scripts/bench, or before it)' : `${DIST} (DIST; not built by this run)`,
  };
}

const f1 = (x) => (x == null ? '—' : x.toFixed(1));
const f0 = (x) => (x == null ? '—' : String(Math.round(x)));
const kb = (b) => `${(b / KB).toFixed(1)} KB`;
const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const et = (x) => (x == null ? '< 16' : f0(x));
const ok = (pass) => (pass ? '✓' : '✗');
const runsNote = (s) => (s && s.n < RUNS ? ` — ${s.n} of ${RUNS} runs` : '');

/** "median (min–max) unit", or a note that no run succeeded. */
function fig(s, { fmt = f1, unit = ' ms' } = {}) {
  if (!s) return 'no successful run';
  return `${fmt(s.median)}${unit} (${fmt(s.min)}–${fmt(s.max)})${runsNote(s)}`;
}
/** A time goal in a table: the limit as the Goals summary words it, and whether the median meets it. */
function goal(s, limit) {
  if (limit == null) return 'no goal set';
  if (!s || s.median == null) return `${within(limit)} —`;
  return `${within(limit)} ${ok(s.median <= limit)}`;
}
const pick = (list, f) => spread(list.filter(Boolean).map(f));

function report(info) {
  const L = [];
  const line = (s = '') => L.push(s);
  const summary = [];
  line('# Performance');
  line();
  if (process.env.BENCH_NOTE) { line(`> **${process.env.BENCH_NOTE}**`); line(); }
  line(`Produced by \`scripts/bench\` (\`bench/run.mjs\`) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, `
    + `at commit ${info.commit}. Every timed figure is the **median of ${RUNS} run${RUNS > 1 ? 's' : ''}** with the spread `
    + '(min–max) in brackets, next to its goal. A figure marked “k of N runs” had failed runs: see Failures. '
    + 'Times are milliseconds, sizes kilobytes (1 KB = 1,000 bytes). How each figure is taken is described under Method.');
  if (ONLY.length) { line(); line(`Partial run: only ${ONLY.join(', ')}.`); }
  line();
  line('## Machine');
  line();
  line('| | |');
  line('|---|---|');
  line(`| CPU | ${info.cpu} |`);
  line(`| Cores | ${info.cores} |`);
  line(`| RAM | ${info.ram} |`);
  line(`| Browser | Chromium ${info.chromium}, headless (\`${CHROMIUM_ARGS.join(' ')}\`), viewport 1280×900 |`);
  line(`| rustc | ${info.rustc} |`);
  line(`| Node.js | ${info.node} |`);
  line(`| Build | ${info.dist} |`);
  line();
  const body = [];
  const b = (s = '') => body.push(s);

  if (results.size) {
    const { rows, total, all } = results.size;
    b('## Size');
    b();
    b('The built files in `dist/`, compressed as a server would send them: gzip -9 (Node zlib level 9) and brotli');
    b('-q 11 (Node zlib, quality 11, with the size hint). Deterministic: measured once. The goal counts the wasm and');
    b('the JavaScript of the first download, not the parts loaded on demand (as `scripts/size.mjs` does).');
    b();
    b('| File | Raw | gzip -9 | brotli -q 11 |');
    b('|---|---:|---:|---:|');
    for (const r of rows) b(`| \`${r.name}\`${r.counted ? '' : r.onDemand ? ' (on demand, not counted)' : ' (not counted)'} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
    const pass = total.brotli <= GOALS.brotliTotal;
    b(`| **wasm + JS** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** — goal ${GOAL_TEXT.brotliTotal} ${ok(pass)} |`);
    b(`| everything above | ${kb(all.raw)} | ${kb(all.gzip)} | ${kb(all.brotli)} |`);
    b();
    summary.push(['Size, wasm + JS, brotli', kb(total.brotli), GOAL_TEXT.brotliTotal, ok(pass)]);
  }

  if (want('startup')) {
    const empty = results.startup.empty ?? [];
    const full = results.startup[STARTUP_ITEMS] ?? [];
    const e = { fcp: pick(empty, (r) => r.fcp), tti: pick(empty, (r) => r.interactive) };
    const f = { fcp: pick(full, (r) => r.fcp), tti: pick(full, (r) => r.interactive) };
    b('## Startup');
    b();
    b('From the start of navigation, in a fresh browser context per run, everything fetched again (the server sends');
    b('`Cache-Control: no-store`). *First paint* is the first-contentful-paint entry. *Interactive* is when the');
    b('first frame shows the app\'s response to input given the moment its target exists: with an empty workspace,');
    b('a click on “New post-mortem” (the form is shown); with 1,000 items, opened at one post-mortem of 10 items,');
    b(`the first item opened (a click on its line, \`${ITEM_ROW}\`) and an “x” typed into its title (its board card`);
    b('shows the new title). See Method.');
    b();
    b('| Workspace | First paint | Goal | Interactive | Goal |');
    b('|---|---:|---|---:|---|');
    b(`| empty | ${fig(e.fcp)} | ${goal(e.fcp, GOALS.firstPaint)} | ${fig(e.tti)} | no goal set |`);
    b(`| ${STARTUP_ITEMS.toLocaleString('en')} items | ${fig(f.fcp)} | ${goal(f.fcp, GOALS.firstPaint)} | ${fig(f.tti)} | ${goal(f.tti, GOALS.interactive1k)} |`);
    b();
    summary.push(['First paint, empty', fig(e.fcp), GOAL_TEXT.firstPaint, e.fcp ? ok(e.fcp.median <= GOALS.firstPaint) : '—']);
    summary.push([`First paint, ${STARTUP_ITEMS.toLocaleString('en')} items`, fig(f.fcp), GOAL_TEXT.firstPaint, f.fcp ? ok(f.fcp.median <= GOALS.firstPaint) : '—']);
    summary.push([`Interactive, ${STARTUP_ITEMS.toLocaleString('en')} items`, fig(f.tti), GOAL_TEXT.interactive1k, f.tti ? ok(f.tti.median <= GOALS.interactive1k) : '—']);
  }

  if (want('network')) {
    b('## Cold start over the network');
    b();
    b('The release build behind Debian\'s nginx with the shipped configuration (`deploy/nginx/followthrough.conf`:');
    b('precompressed brotli, `application/wasm`), on 127.0.0.1, with Chromium\'s network throttling');
    b('(`Network.emulateNetworkConditions`): ' + Object.entries(PROFILES).map(([n, p]) => `${n} ${(p.downloadThroughput * 8 / 1e6).toFixed(1)} Mbps down, ${p.latency} ms latency`).join('; ') + '.');
    b('Cold: a fresh browser context, empty HTTP cache, no service worker (with items, the workspace is saved first and');
    b('then the cache and worker are cleared, so only storage is warm). *Interactive* as under Startup, for the list');
    b('(a click on “New post-mortem” shows its form); *Transferred*: bytes over the wire by then.');
    b();
    b('| Network | Workspace | First paint | Interactive | Goal | Transferred |');
    b('|---|---|---:|---:|---|---:|');
    for (const [profile, items] of NETWORK_ROWS) {
      const list = results.network[`${profile}, ${items}`] ?? [];
      const tti = pick(list, (r) => r.interactive);
      const limit = profile === 'Fast 4G' && !items ? GOAL_FAST_4G : null;
      const bytes = pick(list, (r) => r.bytes);
      b(`| ${profile} | ${items ? `${items.toLocaleString('en')} items` : 'empty'} | ${fig(pick(list, (r) => r.fcp))} | ${fig(tti)} | ${goal(tti, limit)} | ${bytes ? kb(bytes.median) : '—'} |`);
      if (limit) summary.push([`Interactive, cold, ${profile}, behind nginx`, fig(tti), `≤ ${limit} ms`, tti ? ok(tti.median <= limit) : '—']);
    }
    b();
  }

  const controlStats = {
    p50: pick(results.control, (r) => r.p50), p95: pick(results.control, (r) => r.p95), max: pick(results.control, (r) => r.max),
    et50: pick(results.control, (r) => r.et50), et95: pick(results.control, (r) => r.et95), etMax: pick(results.control, (r) => r.etMax),
    etReported: pick(results.control, (r) => r.etReported),
  };
  const typingOf = (items) => (items === BIG ? results.big.map((r) => r?.typing) : results.typing[items] ?? []);
  if (want('typing') || want('control')) {
    b('## Typing');
    b();
    b(`A keystroke in an item title to the next frame, in the meeting view of one post-mortem of 10 items, in a`);
    b(`workspace of 100, 1,000 or 10,000 items: ${KEYS} keystrokes per run (“x” and Backspace alternately, 30 ms`);
    b('apart). *Frame*: keydown\'s timestamp → the end of the next frame (see *Painted* under Method; exact, every');
    b('keystroke). *Event Timing*: Chromium\'s own keydown → next paint on screen, rounded to 8 ms; it reports');
    b('nothing under 16 ms (after rounding, so “16” means 12 ms or more), so a keystroke with no entry counts as');
    b('“< 16”. Per run p50/p95/max over the keystrokes; then the median (min–max) of those over the runs. The goals');
    b('apply to the Event Timing p95, as the issue states them; the frame p95 is judged against the control page.');
    b();
    b('| Items | Frame p50 | Frame p95 | Frame max | Goal (Event Timing p95) | Event Timing p50 / p95 / max | Event Timing p95, each run | Keystrokes ≥ 16 ms (Event Timing) | Keystrokes ≥ 24 ms |');
    b('|---|---:|---:|---:|---|---|---|---:|---:|');
    const row = (name, list, goalMs) => {
      const s = { p50: pick(list, (r) => r.p50), p95: pick(list, (r) => r.p95), max: pick(list, (r) => r.max),
        et50: pick(list, (r) => r.et50), et95: pick(list, (r) => r.et95), etMax: pick(list, (r) => r.etMax), etReported: pick(list, (r) => r.etReported),
        etLate: pick(list, (r) => r.etLate) };
      // Each run's p95 in run order: the goal is judged on their median, and the spread shows how near it is.
      const eachRun = list.filter(Boolean).map((r) => et(r.et95 ?? null)).join(', ');
      // The goal is judged on the Event Timing p95 (median of the runs; "< 16" passes), as in Goals.
      b(`| ${name} | ${fig(s.p50)} | ${fig(s.p95)} | ${fig(s.max)} | ${goal(pick(list, (r) => r.et95 ?? 0), goalMs)} | `
        + `${s.et50 ? `${et(s.et50.median)} / ${et(s.et95.median)} / ${et(s.etMax.median)} ms` : '—'} | ${eachRun || '—'} | `
        + `${s.etReported ? `${f0(s.etReported.median)} of ${KEYS} (${f0(s.etReported.min)}–${f0(s.etReported.max)})` : '—'} | `
        + `${s.etLate ? `${f0(s.etLate.median)} of ${KEYS} (${f0(s.etLate.min)}–${f0(s.etLate.max)})` : '—'} |`);
      return s;
    };
    const ours = {};
    if (want('typing')) {
      for (const items of TYPING_ITEMS) ours[items] = row(items.toLocaleString('en'), typingOf(items), GOALS.typingP95[items]);
    }
    if (want('control')) row(`control page (vanilla JS, ${meetingRows ?? 10} rows)`, results.control, null);
    b();
    if (want('typing')) {
      for (const items of TYPING_ITEMS) {
        const g = GOALS.typingP95[items];
        if (g == null) continue;
        // The issue's measure is Event Timing (keystroke → next paint): its p95 per run, with
        // "< 16" (no entry) counted as passing; the median over the runs is judged. The frame
        // p95 is shown beside it: it includes the wait for the next 60 Hz frame, so even the
        // control page cannot get under 16 ms by that method.
        const runs = typingOf(items).filter(Boolean);
        const etRuns = runs.map((r) => r.et95 ?? 0).sort((a, b) => a - b);
        const etMedian = etRuns.length ? etRuns[Math.floor((etRuns.length - 1) / 2)] : null;
        const eachRun = runs.map((r) => et(r.et95 ?? null)).join(', ');
        summary.push([`Typing p95 (Event Timing), ${items.toLocaleString('en')} items`, etMedian == null ? '—' : `${et(etMedian || null)} ms (runs: ${eachRun})`, GOAL_TEXT.typingP95(items), etMedian == null ? '—' : ok(etMedian <= g)]);
        summary.push([`Typing p95 (frame), ${items.toLocaleString('en')} items`, fig(ours[items].p95), 'shown; see the control ratio', '—']);
      }
    }
    if (want('typing') && want('control')) {
      b('### Against the control');
      b();
      b(`\`bench/control/\` is a vanilla-JS page with as many title inputs as the meeting view shows (\`?rows=${meetingRows ?? 10}\`),`);
      b('each keystroke updating its own row and one derived label: the browser\'s floor, measured the same way.');
      b(`The ratio is our frame p95 over the control's (medians of the runs). Goal ${GOAL_TEXT.controlRatio}.`);
      b();
      b('| Items | Our p95 | Control p95 | Ratio | Goal |');
      b('|---|---:|---:|---:|---|');
      for (const items of TYPING_ITEMS) {
        const o = ours[items].p95;
        const c = controlStats.p95;
        const ratio = o && c ? o.median / c.median : null;
        b(`| ${items.toLocaleString('en')} | ${f1(o?.median)} ms | ${f1(c?.median)} ms | ${ratio == null ? '—' : `${ratio.toFixed(2)}×`} | ${GOAL_TEXT.controlRatio} ${ratio == null ? '—' : ok(ratio <= GOALS.controlRatio)} |`);
        summary.push([`Typing p95 / control p95, ${items.toLocaleString('en')} items`, ratio == null ? '—' : `${ratio.toFixed(2)}×`, GOAL_TEXT.controlRatio, ratio == null ? '—' : ok(ratio <= GOALS.controlRatio)]);
      }
      b();
    }
  }

  const big = results.big.filter(Boolean);
  if (want('import')) {
    const refusal = big.find((r) => r.refusal)?.refusal;
    const parts = big[0]?.import.parts.length;
    const s = { read: pick(big, (r) => r.import.readCheck), render: pick(big, (r) => r.import.render), total: pick(big, (r) => r.import.total) };
    b('## Import');
    b();
    b(`A ${BIG.toLocaleString('en')}-item workspace file (${big[0] ? mib(big[0].bytes) : '—'}) through the header's Import JSON control into an empty`);
    b('workspace, on the post-mortem list: *read, check* is the file input\'s `change` event → the preview painted;');
    b('*render* is the click on Import → the list painted (its first page of 100 rows and the count of all).');
    if (refusal) {
      b();
      b(`**The importer refuses the whole file**: “${refusal}”.`);
      b(`The figures below are for the same items in ${parts} files of under ${mib(IMPORT_PART_BYTES)}, imported one after the other`);
      b('(merge), summed.');
    }
    b();
    b('| Step | Time | Goal |');
    b('|---|---:|---|');
    b(`| read, check | ${fig(s.read)} | |`);
    b(`| render | ${fig(s.render)} | |`);
    b(`| in all | ${fig(s.total)} | ${goal(s.total, GOALS.importTotal)} |`);
    if (parts > 1) {
      for (let i = 0; i < parts; i++) {
        b(`| part ${i + 1} of ${parts}: read, check / render | ${f1(pick(big, (r) => r.import.parts[i].readCheck)?.median)} / ${f1(pick(big, (r) => r.import.parts[i].render)?.median)} ms | |`);
      }
    }
    b();
    summary.push([`Import ${BIG.toLocaleString('en')} items, in all${refusal ? ` (in ${parts} parts)` : ''}`, fig(s.total), GOAL_TEXT.importTotal, s.total ? ok(s.total.median <= GOALS.importTotal) : '—']);
  }

  if (want('save')) {
    const saves = big.map((r) => r.save).filter(Boolean);
    const statuses = [...new Set(saves.map((s) => s.status))];
    const s = { task: pick(saves, (r) => r.task), span: pick(saves, (r) => r.span), units: pick(saves, (r) => r.units), after: pick(saves, (r) => r.afterKeystroke) };
    const offPath = saves.length ? saves.every((r) => r.offKeystrokePath) : null;
    b('## Save');
    b();
    b(`One save of the ${BIG.toLocaleString('en')}-item workspace after a keystroke in an item title. Every localStorage`);
    b('write is timed in the page, with the timer task it runs in. *Save task*: the whole task that saves (the');
    b('debounce timer\'s callback: serialising, writing, the usage count). *Writes*: first write\'s start → last');
    b('write\'s end. *Off the keystroke path*: no write ran inside a keyboard or input event\'s dispatch.');
    b();
    b('| | |');
    b('|---|---|');
    b(`| Outcome | ${statuses.length ? statuses.join('; ') + (statuses.length === 1 ? ` (${saves.length} of ${RUNS} runs)` : '') : 'no successful run'} |`);
    b(`| Save task | ${s.task ? fig(s.task) : saves.length ? '— (writes ran outside timer callbacks: see Writes and Long task)' : '—'} |`);
    const longs = saves.filter((r) => r.longtask != null);
    b(`| Long task containing the writes | ${longs.length ? fig(spread(longs.map((r) => r.longtask))) + (longs.length < saves.length ? ` (none reported in ${saves.length - longs.length} run(s))` : '') : 'none reported (under 50 ms, or the writes ran in several tasks)'} |`);
    b(`| Writes | ${fig(s.span)} |`);
    b(`| Written (or attempted) | ${s.units ? `${(s.units.median / 1e6).toFixed(2)} M UTF-16 units in ${f0(pick(saves, (r) => r.writes)?.median)} write(s) to ${f0(pick(saves, (r) => r.keys)?.median)} key(s)` : '—'} |`);
    b(`| Started after the keystroke | ${fig(s.after)} |`);
    b(`| Off the keystroke path | ${offPath == null ? '—' : ok(offPath)} |`);
    b(`| Save mark after | ${saves.length ? [...new Set(saves.map((r) => `“${r.markAfter}”`))].join(', ') : '—'} |`);
    b();
    const saved = saves.length > 0 && saves.every((r) => r.status === 'ok');
    summary.push([`Save at ${BIG.toLocaleString('en')} items`, `${statuses.join('; ') || '—'}; task ${fig(s.task)}; ${offPath ? 'off' : 'on'} the keystroke path`,
      'succeeds, off the keystroke path', saves.length ? ok(saved && offPath) : '—']);
  }

  if (want('memory')) {
    const empty = (results.startup.empty ?? []).filter(Boolean).map((r) => r.memory);
    const mem = big.map((r) => r.memory).filter(Boolean);
    const reloaded = big.some((r) => r.reloaded);
    b('## Memory');
    b();
    b('After two forced garbage collections (DevTools protocol): the JS heap (`performance.memory.usedJSHeapSize`,');
    b('with `--enable-precise-memory-info`) and the wasm linear memory (`memory.buffer.byteLength` of the app\'s');
    b('`WebAssembly.Memory`, which only grows: it is the high-water mark, not what is live).');
    b(reloaded
      ? `At ${BIG.toLocaleString('en')} items, in a page that loaded the saved workspace (reloaded after the import).`
      : `At ${BIG.toLocaleString('en')} items, in the page that imported it (the save failed, so a reload would lose it): the wasm memory includes the import's peak and the undo history holds the workspace as it was before the last part.`);
    b();
    b('| Workspace | JS heap | wasm memory |');
    b('|---|---:|---:|');
    if (empty.length) b(`| empty (after startup) | ${fig(spread(empty.map((m) => m.jsHeap)), { fmt: (x) => (x / 2 ** 20).toFixed(1), unit: ' MiB' })} | ${fig(spread(empty.map((m) => m.wasm)), { fmt: (x) => (x / 2 ** 20).toFixed(1), unit: ' MiB' })} |`);
    b(`| ${BIG.toLocaleString('en')} items | ${fig(spread(mem.map((m) => m.jsHeap)), { fmt: (x) => (x / 2 ** 20).toFixed(1), unit: ' MiB' })} | ${fig(spread(mem.map((m) => m.wasm)), { fmt: (x) => (x / 2 ** 20).toFixed(1), unit: ' MiB' })} |`);
    b();
  }

  if (want('core')) {
    b('## Core (criterion)');
    b();
    b('`cargo bench -p followthrough-core --bench core`, natively: criterion\'s median estimate with its 95 % confidence');
    b('interval (criterion samples repeatedly itself, so this is one invocation, not 5).');
    b();
    if (results.core) {
      b('| Benchmark | Median | 95 % CI |');
      b('|---|---:|---|');
      const t = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
      for (const r of results.core) b(`| ${r.id} | ${t(r.median)} | ${t(r.ci.lower_bound)} – ${t(r.ci.upper_bound)} |`);
    } else {
      b('Not run (see Failures).');
    }
    b();
  } else if (!ONLY.length || ONLY.includes('core')) {
    body.push('## Core (criterion)', '', 'Skipped (`SKIP_CORE=1`).', '');
  }

  if (summary.length) {
    line('## Goals');
    line();
    line('| Figure | Measured | Goal | |');
    line('|---|---|---|---|');
    for (const [name, measured, g, mark] of summary) line(`| ${name} | ${measured} | ${g} | ${mark} |`);
    line();
  }
  L.push(...body);

  line('## Method');
  line();
  line('- One headless Chromium; a fresh browser context (empty storage) for every run of every measurement. The');
  line('  app is served from 127.0.0.1 by `e2e/server.mjs`. Workspaces come from the seeded generator');
  line('  (`cargo run --release -p followthrough-core --example sample -- <post-mortems> 10 51 <today>`) and are');
  line('  loaded through the app\'s own Import JSON control, never written to storage directly, so the harness does');
  line('  not depend on the storage format.');
  line('- *Painted* means the first task after the next `requestAnimationFrame` following the DOM change (a');
  line('  `setTimeout 0`): the main thread is done with the frame that shows it. The app\'s own timer callbacks that');
  line('  run in between (all timers are wrapped and timed) are subtracted: a debounced save already due when the');
  line('  frame is drawn runs before that `setTimeout 0` but is not part of the frame (it does count when it runs');
  line('  before the frame). Headless Chromium still paces frames at 60 Hz, so a');
  line('  frame-based time includes up to one frame interval of waiting (the control page measures that floor). The');
  line('  compositor presents the frame a little later, and first paint and Event Timing are taken at presentation,');
  line('  so *Interactive* can come out earlier than *First paint* when both land in the same frame.');
  line('- *Interactive*: an init script watches the DOM (MutationObserver) from the first byte. When the target');
  line('  exists it acts at once as a user would: for the first item it clicks the item\'s line, and once its title');
  line('  field shows, focuses it, appends “x” and dispatches an');
  line('  `input` event (`insertText`) — a synthetic event, so no input-pipeline latency of a real keystroke, which');
  line('  Typing measures — and waits for the app\'s response in the DOM (the item\'s board card shows the new title,');
  line('  or the save mark changes); for the empty list it clicks “New post-mortem” and waits for its form. If the app');
  line('  has not responded within two frames it acts again. Interactive = the first frame after the response. For');
  line('  both workspaces a first page in the same context opens the app (and imports the 1,000 items, waiting for');
  line('  the save) before the measured page is opened.');
  line('- *Typing, Event Timing*: `PerformanceObserver({ type: "event", durationThreshold: 16 })`; 16 ms is the');
  line('  smallest threshold Chromium accepts, and durations are rounded to the nearest 8 ms before the threshold');
  line('  applies, so a 12.1 ms event is reported as 16 and an 11.9 ms one not at all. A keystroke\'s figure is its');
  line('  longest entry (keydown, keypress, beforeinput, input, keyup, each tied to the last keydown at or before it);');
  line('  a keystroke without one is “< 16”. Event Timing ends at presentation, the frame method at the end of the');
  line('  main thread\'s frame, and the frame method\'s closing task can be held up by an unrelated task: the two');
  line('  differ by a few ms either way. The frame columns are the exact figures and carry the goals.');
  line('- Keystrokes go through the DevTools protocol (`Input.dispatchKeyEvent`), which returns only once the');
  line('  renderer has handled the event: a slow keystroke delays the next one instead of letting them queue, so');
  line('  where a keystroke takes longer than the 30 ms gap the figures are per keystroke, not the piled-up');
  line('  latency of someone typing that fast.');
  line('- *Save*: `Storage.prototype.setItem`/`removeItem` and `setTimeout`/`requestIdleCallback` are wrapped in');
  line('  an init script, so each write is timed and tied to the callback it ran in. A write that throws is');
  line('  reported by the exception\'s name (“failed: quota” for `QuotaExceededError`).');
  line('- Figures from a page that threw an error are discarded as failures; each failure is listed below.');
  line();
  line('Regenerate: `scripts/bench` (see README, Contributors). Raw figures of the last run: `target/bench/results.json`.');
  line();
  if (failures.length) {
    line('## Failures');
    line();
    for (const f of failures) line(`- ${f.what}${f.run != null ? `, run ${f.run}` : ''}: ${f.message.replace(/\|/g, '\\|')}`);
    line();
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

console.log(`Benchmarking ${DIST} — ${RUNS} run(s) per figure${ONLY.length ? `, only ${ONLY.join(', ')}` : ''}`);
if (want('size')) {
  section('Size');
  results.size = measureSize();
  console.log(`  wasm + JS: ${kb(results.size.total.raw)} raw, ${kb(results.size.total.gzip)} gzip, ${kb(results.size.total.brotli)} brotli`);
}

const needBig = want('import') || want('save') || want('memory') || (want('typing') && TYPING_ITEMS.includes(BIG));
const needBrowser = needBig || ['startup', 'network', 'typing', 'control'].some(want);
let info;
if (needBrowser) {
  section('Sample workspaces');
  for (const n of new Set([...(want('startup') ? [STARTUP_ITEMS] : []), ...(want('network') ? NETWORK_ROWS.map(([, items]) => items).filter(Boolean) : []), ...(want('typing') ? TYPING_ITEMS : []), ...(needBig ? [BIG] : [])])) {
    const text = sampleWorkspace(n);
    console.log(`  ${n} items: ${mib(Buffer.byteLength(text))}, ${splitWorkspace(text).length} import file(s)`);
  }
  const server = await startServer(DIST);
  const nginx = want('network') ? await startNginx(DIST) : null;
  const controlServer = await startServer(join(root, 'bench', 'control'));
  const browser = await launchBrowser();
  info = machine(browser.version());
  try {
    section('Warm-up (not counted)');
    await attempt('one page load', null, 120_000, async (l) => {
      const { context, errors } = await newContext(browser, l);
      try {
        await openApp(await context.newPage(), server.url);
        checkErrors(errors);
      } finally {
        await context.close().catch(() => {});
      }
    });
    for (let run = 1; run <= RUNS; run++) {
      section(`Run ${run} of ${RUNS}`);
      if (want('startup')) {
        (results.startup.empty ??= []).push(await attempt('startup, empty workspace', run, 180_000, (l) => startup(browser, server, 0, l)));
        (results.startup[STARTUP_ITEMS] ??= []).push(await attempt(`startup, ${STARTUP_ITEMS} items`, run, 180_000, (l) => startup(browser, server, STARTUP_ITEMS, l)));
      }
      if (want('network')) {
        for (const [profile, items] of NETWORK_ROWS) {
          const key = `${profile}, ${items}`;
          (results.network[key] ??= []).push(await attempt(`cold start behind nginx, ${profile}, ${items ? `${items} items` : 'empty'}`, run, 180_000,
            (l) => coldStart(browser, nginx.url, profile, items, l)));
        }
      }
      if (want('typing')) {
        for (const items of TYPING_ITEMS.filter((n) => n !== BIG)) {
          (results.typing[items] ??= []).push(await attempt(`typing, ${items} items`, run, 300_000, (l) => typing(browser, server, items, l)));
        }
      }
      if (want('control')) {
        results.control.push(await attempt('typing, control page', run, 120_000, (l) => control(browser, controlServer, meetingRows ?? 10, l)));
      }
      if (needBig) results.big.push(await attempt(`${BIG} items: import, memory, typing, save`, run, 900_000, (l) => bigSession(browser, server, l)));
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
    await nginx?.close();
    await controlServer.close();
  }
} else {
  info = machine(tryRun(CHROMIUM, ['--version'])?.replace(/^Chromium\s*/, '') ?? 'unknown');
}

if (want('core')) {
  section('Core benchmarks (cargo bench, criterion)');
  results.core = await attempt('cargo bench -p followthrough-core --bench core', null, 3_600_000, async () => coreBenchmarks());
}

mkdirSync(join(root, 'target', 'bench'), { recursive: true });
writeFileSync(join(root, 'target', 'bench', 'results.json'), JSON.stringify({ info, results, failures }, null, 2));
const text = report(info);
mkdirSync(join(OUT, '..'), { recursive: true });
writeFileSync(OUT, text + '\n');
section('Report');
console.log(text.slice(0, text.indexOf('## Method')));
console.log(`Wrote ${OUT}`);
if (failures.length) {
  console.log(`\n${failures.length} measurement(s) failed:`);
  for (const f of failures) console.log(`  - ${f.what}${f.run != null ? `, run ${f.run}` : ''}: ${f.message}`);
  process.exit(1);
}
