// Moves Trunk's inline start-up script into an external module, so the page runs under a
// Content-Security-Policy without 'unsafe-inline' (Trunk's nonce placeholder needs a server to
// fill it; a static host has none). The module gets an SRI hash like the rest of Trunk's output.
// Run by scripts/post-build.mjs (the Trunk post_build hook).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Rewrites `dir`/index.html; returns how many scripts were moved. Throws if one stays inline. */
export function externalLoader(dir) {
  const indexPath = join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
  let count = 0;
  html = html.replace(inline, (_, body) => {
    count++;
    const digest = createHash('sha384').update(body).digest();
    const name = `start-${digest.toString('hex').slice(0, 16)}.js`;
    writeFileSync(join(dir, name), body);
    return `<script type="module" src="./${name}" integrity="sha384-${digest.toString('base64')}" crossorigin="anonymous"></script>`;
  });
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
    throw new Error('external-loader: an inline script is left in index.html; the CSP would block it');
  }
  writeFileSync(indexPath, html);
  return count;
}
