// Takes the README's screenshots of the meeting view from the release build:
//   trunk build --release --offline --public-url ./ && node e2e/screenshots.mjs
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { paymentsOutage } from './fixtures/payments-outage.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const docs = join(here, '..', 'docs');
const server = await startServer(join(here, '..', 'dist'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1500 }, deviceScaleFactor: 1 });
await page.goto(server.url);
await page.evaluate((ws) => localStorage.setItem('followthrough.workspace', JSON.stringify(ws)), paymentsOutage);
await page.goto(`${server.url}#/pm/PM-2026-0051`);
await page.reload();
await page.getByTestId('action-item').first().waitFor();
await page.getByTestId('action-item').nth(3).getByTestId('element-verb').hover();
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: join(docs, 'meeting-editor.png'), fullPage: false });
await page.mouse.move(0, 0);
await page.getByTestId('quadrant-board').screenshot({ path: join(docs, 'quadrant-board.png') });
await page.setViewportSize({ width: 320, height: 900 });
await page.screenshot({ path: join(docs, 'meeting-320px.png') });
await browser.close();
await server.close();
console.log('wrote docs/meeting-editor.png, docs/quadrant-board.png, docs/meeting-320px.png');
