// Lighthouse's mobile performance score of the empty app behind Debian's nginx with the shipped
// configuration (deploy/nginx/followthrough.conf). A benchmark, not a test: it prints the figures
// and writes target/bench/lighthouse.json. Goal: performance ≥ 90.
//   node bench/lighthouse.mjs            (against dist/; DIST=path for another build; RUNS=3)
// Lighthouse is fetched by npm on first use (npx), not a dev dependency: CI never needs it. It
// drives Debian's Chromium (CHROME_PATH) headless, with Lighthouse's default mobile emulation
// (Moto G Power, 4× CPU slowdown, slow 4G: 1.6 Mbps, 150 ms RTT).
// THROTTLING=devtools (the default) applies that throttling while the page loads;
// THROTTLING=simulate is Lighthouse's own default, which loads the page at full speed here on
// 127.0.0.1 and then estimates each paint's time. On 127.0.0.1 the wasm can arrive before the
// static shell is ever painted, so the simulation then takes the app's first screen as the
// largest paint and times it after the whole wasm — a paint a real slow network never delays
// that way: the shell is on screen long before. Both are worth a look; the report says which.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { root, CHROMIUM, CHROMIUM_ARGS, spread } from './lib.mjs';
import { startNginx } from '../e2e/nginx.mjs';

const LIGHTHOUSE = 'lighthouse@12.8.2'; // 13.x needs Node 22
const RUNS = Number(process.env.RUNS ?? 3);
const THROTTLING = process.env.THROTTLING ?? 'devtools';
if (!['devtools', 'simulate'].includes(THROTTLING)) throw new Error(`THROTTLING must be devtools or simulate, not "${THROTTLING}"`);
const DIST = resolve(process.env.DIST ?? join(root, 'dist'));
const GOAL = 90;
if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html is missing: build first (trunk build --release --offline --public-url ./)`);
  process.exit(1);
}

const AUDITS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index', 'interactive', 'cumulative-layout-shift'];
const server = await startNginx(DIST);
const work = mkdtempSync(join(tmpdir(), 'followthrough-lighthouse-'));
const runs = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const out = join(work, `run-${run}.json`);
    process.stdout.write(`Lighthouse run ${run}/${RUNS} … `);
    execFileSync('npx', ['--yes', LIGHTHOUSE, server.url, '--only-categories=performance', '--output=json', `--output-path=${out}`,
      `--throttling-method=${THROTTLING}`, '--quiet', `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`], { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'inherit'] });
    const lhr = JSON.parse(readFileSync(out, 'utf8'));
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const r = { score: Math.round(lhr.categories.performance.score * 100) };
    for (const a of AUDITS) r[a] = lhr.audits[a]?.numericValue ?? null;
    r.warnings = lhr.runWarnings;
    // The element that set the LCP (the first item of the audit's first table).
    const lcp = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
    r.lcpElement = lcp ? `${lcp.selector ?? ''} “${(lcp.nodeLabel ?? '').slice(0, 60)}”` : null;
    runs.push(r);
    console.log(`performance ${r.score}, LCP ${Math.round(r['largest-contentful-paint'])} ms`);
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

const fmt = (s, unit = ' ms', f = (x) => Math.round(x)) => `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
const score = spread(runs.map((r) => r.score));
console.log(`\nLighthouse ${LIGHTHOUSE.split('@')[1]}, mobile, ${THROTTLING} throttling, empty workspace, behind nginx, ${RUNS} run(s): median (min–max)`);
console.log(`  performance        ${fmt(score, '', (x) => x)}   goal ≥ ${GOAL} ${score.median >= GOAL ? '✓' : '✗'}`);
for (const a of AUDITS) {
  const s = spread(runs.map((r) => r[a]));
  console.log(`  ${a.padEnd(26)} ${a === 'cumulative-layout-shift' ? fmt(s, '', (x) => x.toFixed(3)) : fmt(s)}`);
}
for (const e of new Set(runs.map((r) => r.lcpElement).filter(Boolean))) console.log(`  LCP element: ${e}`);
for (const w of new Set(runs.flatMap((r) => r.warnings ?? []))) console.log(`  warning: ${w}`);
mkdirSync(join(root, 'target', 'bench'), { recursive: true });
writeFileSync(join(root, 'target', 'bench', 'lighthouse.json'), JSON.stringify({ lighthouse: LIGHTHOUSE, throttling: THROTTLING, runs }, null, 2));
