// Profiles start-up with a stored workspace, opened at one post-mortem (as the start-up
// benchmark does): from navigation until the first item's title exists, plus 300 ms. Prints
// the functions with the most self time and the app's and core's functions inclusive.
//   node bench/profile-startup.mjs [items]        (DIST=path for another build than dist/; a
//   build without wasm-opt keeps the function names)
import { join } from 'node:path';
import { root, launchBrowser, startServer, sampleWorkspace, newContext, loadWorkspace, sleep, printProfile } from './lib.mjs';

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
await page.locator('[data-testid="action-item"] [data-testid="item-open"]').first().waitFor();
const shown = Date.now() - started;
await sleep(300);
const { profile } = await cdp.send('Profiler.stop');
console.log(`the first item existed ${shown} ms after navigation started (wall clock, with profiling)`);

printProfile(profile, { inclusive: /followthrough|^\(garbage|wasm-to-js|js-to-wasm|compile|instantiate/i, selfTop: 20, inclusiveTop: 40 });
await browser.close();
await server.close();
