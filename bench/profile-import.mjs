// Profiles importing the 10,000-item workspace file (read, check, preview; then confirm and
// render) with the Chrome DevTools Protocol and prints where the time goes: the functions with
// the most self time, and the app's and core's functions inclusive.
//   node bench/profile-import.mjs [items]        (DIST=path for another build than dist/; a
//   build without wasm-opt keeps the function names)
import { join } from 'node:path';
import { root, launchBrowser, startServer, sampleWorkspace, newContext, openApp, importTimed, printProfile } from './lib.mjs';

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

printProfile(profile, { inclusive: /followthrough|serde|miniz|^\(garbage|text|JSON|wasm-to-js|js-to-wasm/i, selfTop: 20, inclusiveTop: 40 });
await browser.close();
await server.close();
