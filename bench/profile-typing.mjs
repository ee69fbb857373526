// Profiles typing in the meeting view with the Chrome DevTools Protocol and prints the functions
// with the most self time — to find what a keystroke spends its time on.
//   node bench/profile-typing.mjs [items]        (DIST=path for another build than dist/;
//   CALLERS=regex prints the call paths into the matching functions)
import { join } from 'node:path';
import { root, launchBrowser, startServer, sampleWorkspace, newContext, loadWorkspace, openPostMortem, printProfile, firstItemTitle } from './lib.mjs';

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
const title = await firstItemTitle(page);
await title.focus();
await cdp.send('Profiler.start');
for (let i = 0; i < 40; i++) { await page.keyboard.press(i % 2 ? 'Backspace' : 'x'); await page.waitForTimeout(20); }
const { profile } = await cdp.send('Profiler.stop');
printProfile(profile, { inclusive: /^(followthrough|<followthrough)/, callers: process.env.CALLERS });
await browser.close();
await server.close();
