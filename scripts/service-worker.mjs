// Fills in public/sw.js's BUILD line for a build folder: an id that hashes every file's name and
// content, and the files to keep offline. Any change to the app is then a changed worker, which
// open pages notice (src/update.rs). Run by scripts/post-build.mjs; the e2e suite runs it again
// on a changed copy of the build to deploy a "new version".
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk } from './precompress.mjs';

/** The line in sw.js, as written in public/sw.js or as a build filled it in. */
const BUILD_LINE = /^const BUILD = \{.*\};$/m;

/** Stamps `dir`/sw.js; returns { id, files }. */
export function stampServiceWorker(dir) {
  const swPath = join(dir, 'sw.js');
  const source = readFileSync(swPath, 'utf8');
  if (!BUILD_LINE.test(source)) throw new Error('sw.js lacks its `const BUILD = { … };` line to fill in');
  const all = walk(dir).filter((f) => f !== 'sw.js' && !/\.(br|gz)$/.test(f)).sort();
  const hash = createHash('sha256');
  for (const f of all) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  // index.html is kept as the folder's own address ('./'), which the worker always adds.
  const build = { id: hash.digest('hex').slice(0, 16), files: all.filter((f) => f !== 'index.html') };
  writeFileSync(swPath, source.replace(BUILD_LINE, () => `const BUILD = ${JSON.stringify(build)};`));
  return build;
}
