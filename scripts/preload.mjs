// Puts the app's downloads first in index.html: Trunk appends its modulepreload (JS) and preload
// (wasm) links at the end of <head>; here they move up to just after <base>, ahead of the
// stylesheet, the manifest and the icons, so the largest file starts downloading with the HTML.
// The wasm preload also loses its `integrity`: Chromium ignores it for as="fetch" (and warns in
// the console), and wasm-bindgen's own fetch of the file carries none to match.
// Run by scripts/post-build.mjs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rewrites `dir`/index.html; returns how many preload links moved. */
export function preloadFirst(dir) {
  const indexPath = join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const links = [];
  html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, (link) => {
    links.push(link.includes('as="fetch"') ? link.replace(/ integrity="[^"]*"/, '') : link);
    return '';
  });
  if (links.length === 0) return 0;
  // The wasm first: it is by far the largest.
  links.sort((a, b) => Number(b.includes('.wasm')) - Number(a.includes('.wasm')));
  const base = html.match(/<base [^>]*>/);
  if (!base) throw new Error('preload: index.html has no <base> to put the preloads after');
  html = html.replace(base[0], `${base[0]}\n    ${links.join('\n    ')}`);
  writeFileSync(indexPath, html);
  return links.length;
}
