// Writes `.br` (brotli, quality 11) and `.gz` (gzip, level 9) beside every wasm, JS and CSS file
// of a build, with Node's zlib, so a static server sends them as they are (nginx brotli_static
// and gzip_static, Caddy precompressed, Apache's rewrite rules in docs/HOSTING.md).
// Run by scripts/post-build.mjs for release builds; by hand: node scripts/precompress.mjs dist
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const COMPRESSED = /\.(wasm|js|css)$/;

/** Every file under `dir` (relative paths, `/`-separated). */
export function walk(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(dir, path) : [path];
  });
}

/** Compresses every wasm, JS and CSS file under `dir`; returns the files compressed. */
export function precompress(dir) {
  const files = walk(dir).filter((f) => COMPRESSED.test(f));
  for (const file of files) compress(dir, file);
  return files;
}

/** Writes `file`.br and `file`.gz beside `file` (a path relative to `dir`). */
export function compress(dir, file) {
  const bytes = readFileSync(join(dir, file));
  writeFileSync(join(dir, `${file}.br`), brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: /\.wasm$/.test(file) ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  }));
  writeFileSync(join(dir, `${file}.gz`), gzipSync(bytes, { level: 9 }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  console.log(`precompress: ${precompress(dir).length} file(s) in ${dir}`);
}
