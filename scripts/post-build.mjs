// Trunk's post_build hook (Trunk.toml), one script so that the steps run in order (Trunk runs a
// stage's hooks at the same time): the start-up script leaves index.html (CSP), the service
// worker gets this build's id and file list, and a release build is precompressed last (so the
// worker and the loader are compressed too). By hand, on a build folder: node scripts/post-build.mjs dist
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { externalLoader } from './external-loader.mjs';
import { precompress, walk } from './precompress.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk hook, or name a build folder)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE ? process.env.TRUNK_PROFILE === 'release' : true;

try {
  console.log(`post-build: moved ${externalLoader(dir)} inline module script(s) out of index.html`);
  const build = stampServiceWorker(dir);
  console.log(`post-build: service worker ${build.id} keeps ${build.files.length} file(s)`);
  if (release) console.log(`post-build: wrote .br and .gz beside ${precompress(dir).length} file(s)`);
} catch (e) {
  console.error(`post-build: ${e.message}`);
  process.exit(1);
}

/**
 * Writes the build's id and files into sw.js. The id hashes every file's name and content, so
 * any change to the app is a new worker, which the open pages notice (src/update.rs).
 */
function stampServiceWorker(dir) {
  const swPath = join(dir, 'sw.js');
  const marker = "const BUILD = { id: 'unbuilt', files: [] };";
  const source = readFileSync(swPath, 'utf8');
  if (!source.includes(marker)) throw new Error(`sw.js lacks the line to fill in: ${marker}`);
  const all = walk(dir).filter((f) => f !== 'sw.js' && !/\.(br|gz)$/.test(f)).sort();
  const hash = createHash('sha256');
  for (const f of all) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  // index.html is kept as the folder's own address ('./'), which the worker always adds.
  const build = { id: hash.digest('hex').slice(0, 16), files: all.filter((f) => f !== 'index.html') };
  writeFileSync(swPath, source.replace(marker, `const BUILD = ${JSON.stringify(build)};`));
  return build;
}
