// Keystroke latency in the meeting view, in headless Chromium, on seeded sample workspaces.
// A benchmark, not a test: it prints figures and never fails on them.
//   trunk build --release --offline --public-url ./ && node bench/typing.mjs [items…]
// For each workspace size it opens one post-mortem, types 60 characters into an item title and
// measures, per keystroke, keydown → the next frame after the app's update (rAF then a task),
// plus the Event Timing entries Chromium reports (it reports only events ≥ 16 ms).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const ITEMS = sizes.length ? sizes : [100, 1000, 10000];
const KEYS = 60;

function sampleWorkspace(items) {
  const perPm = 10;
  return execFileSync('cargo', ['run', '-q', '--release', '-p', 'followthrough-core', '--example', 'sample', '--',
    String(Math.ceil(items / perPm)), String(perPm), '51'], { cwd: root, maxBuffer: 1 << 30 }).toString();
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const server = await startServer(join(root, 'dist'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
async function measureTyping(page) {
  await page.evaluate(() => {
    window.__lat = [];
    window.__et = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown' || e.name === 'input') window.__et.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
    document.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t0), 0));
    }, true);
  });
  const title = page.getByTestId('action-item').first().getByTestId('item-title');
  await title.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(500);
  const { lat, et } = await page.evaluate(() => ({ lat: window.__lat, et: window.__et }));
  const sorted = [...lat].sort((a, b) => a - b);
  return { p50: pct(sorted, 50), p95: pct(sorted, 95), max: sorted[sorted.length - 1], slowEvents: et.length };
}

const results = [];
{
  const control = await startServer(join(here, 'control'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${control.url}?rows=10`);
  results.push({ items: 'control (vanilla JS, 10 rows)', ...(await measureTyping(page)) });
  await page.close();
  await control.close();
}
for (const items of ITEMS) {
  const json = sampleWorkspace(items);
  const ws = JSON.parse(json);
  const pm = ws.postmortems[ws.postmortems.length - 1];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.evaluate((text) => localStorage.setItem('followthrough.workspace', text), json);
  await page.goto(`${server.url}#/pm/${encodeURIComponent(pm.id)}`);
  await page.reload();
  await page.getByTestId('action-item').first().waitFor({ timeout: 120_000 });
  results.push({ items, ...(await measureTyping(page)) });
  await page.close();
}
await browser.close();
await server.close();
console.log('items\tp50 ms\tp95 ms\tmax ms\tevents ≥16 ms (Event Timing)');
for (const r of results) console.log(`${r.items}\t${r.p50.toFixed(1)}\t${r.p95.toFixed(1)}\t${r.max.toFixed(1)}\t${r.slowEvents}`);
