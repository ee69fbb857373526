// Draws the app's PNG icons and favicon.ico from public/icons/icon.svg in headless Chromium
// (already a test dependency: no image tool to install). Run by hand after changing the SVG;
// the results are committed.  node scripts/icons.mjs
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';

const dir = 'public/icons';
const svg = readFileSync(`${dir}/icon.svg`, 'utf8');
// A maskable icon fills its square: the platform cuts its own shape, keeping the middle 80 %.
const maskable = svg.replace(/<rect [^>]*\/>/, '<rect width="64" height="64" fill="#1f5fbf"/>')
  .replace('<path ', '<path transform="translate(6.4 6.4) scale(0.8)" ');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const page = await browser.newPage();
async function png(source, size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
writeFileSync(`${dir}/icon-192.png`, await png(svg, 192));
writeFileSync(`${dir}/icon-512.png`, await png(svg, 512));
writeFileSync(`${dir}/icon-maskable-512.png`, await png(maskable, 512));
writeFileSync(`${dir}/apple-touch-icon.png`, await png(maskable, 180));
// favicon.ico: one 32×32 PNG inside an ICO header (for clients that ask for /favicon.ico).
const ico32 = await png(svg, 32);
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(1, 4);
header.writeUInt8(32, 6); header.writeUInt8(32, 7); header.writeUInt8(0, 8); header.writeUInt8(0, 9);
header.writeUInt16LE(1, 10); header.writeUInt16LE(32, 12);
header.writeUInt32LE(ico32.length, 14); header.writeUInt32LE(22, 18);
writeFileSync('public/favicon.ico', Buffer.concat([header, ico32]));
await browser.close();
console.log('icons: wrote public/icons/*.png and public/favicon.ico');
