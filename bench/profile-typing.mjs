// Profiles typing in the meeting view with the Chrome DevTools Protocol and prints the functions
// with the most self time — to find what a keystroke spends its time on.
//   node bench/profile-typing.mjs [items]
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const items = Number(process.argv[2] || 1000);
const json = execFileSync('cargo', ['run', '-q', '--release', '-p', 'followthrough-core', '--example', 'sample', '--',
  String(Math.ceil(items / 10)), '10', '51'], { cwd: root, maxBuffer: 1 << 30 }).toString();
const ws = JSON.parse(json);
const pm = ws.postmortems[ws.postmortems.length - 1];
const server = await startServer(process.env.DIST ?? join(root, 'dist'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage();
await page.goto(server.url);
await page.evaluate((text) => localStorage.setItem('followthrough.workspace', text), json);
await page.goto(`${server.url}#/pm/${encodeURIComponent(pm.id)}`);
await page.reload();
await page.getByTestId('action-item').first().waitFor();
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
await browser.close();
await server.close();
