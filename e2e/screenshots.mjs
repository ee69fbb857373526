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

/** A page on the example's meeting, in Large text or not. */
async function meeting(viewport, largeText = false) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  await page.goto(server.url);
  await page.evaluate(([ws, large]) => {
    localStorage.setItem('followthrough.workspace', JSON.stringify(ws));
    localStorage.setItem('followthrough.large-text', large ? '1' : '0');
  }, [paymentsOutage, largeText]);
  await page.goto(`${server.url}#/pm/PM-2026-0051`);
  await page.reload();
  await page.getByTestId('action-item').first().waitFor();
  return page;
}

// The weak item open in its editor, its verb's advice shown.
const page = await meeting({ width: 1440, height: 900 });
const weak = page.getByTestId('action-item').nth(3);
await weak.getByTestId('item-open').click();
await weak.getByTestId('element-verb').focus();
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: join(docs, 'meeting-editor.png') });
await page.getByTestId('quadrant-board').screenshot({ path: join(docs, 'quadrant-board.png') });
await page.close();

const projector = await meeting({ width: 1024, height: 768 }, true);
await projector.screenshot({ path: join(docs, 'meeting-projector.png') });
await projector.close();

const narrow = await meeting({ width: 320, height: 900 });
await narrow.screenshot({ path: join(docs, 'meeting-320px.png') });

await browser.close();
await server.close();
console.log('wrote docs/meeting-editor.png, docs/quadrant-board.png, docs/meeting-projector.png, docs/meeting-320px.png');
