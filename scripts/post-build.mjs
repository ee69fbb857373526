// Trunk's post_build hook (Trunk.toml), one script so that the steps run in order (Trunk runs a
// stage's hooks at the same time): the app's wasm is built (scripts/wasm-build.mjs: Trunk's
// Rust pipeline cannot split it), the start-up script leaves index.html (CSP), the downloads
// the first screen needs move to the top of <head>, the service
// worker gets this build's id and file list, and a release build is precompressed last (so the
// worker and the loader are compressed too). By hand, on a build folder: node scripts/post-build.mjs dist
import { externalLoader } from './external-loader.mjs';
import { precompress } from './precompress.mjs';
import { preloadFirst } from './preload.mjs';
import { stampServiceWorker } from './service-worker.mjs';
import { wasmBuild } from './wasm-build.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk hook, or name a build folder)');
  process.exit(1);
}
// `trunk serve` (debug) skips the compression: seconds per rebuild, and no server there uses it.
const release = process.env.TRUNK_PROFILE ? process.env.TRUNK_PROFILE === 'release' : true;

try {
  const built = wasmBuild(dir, { release });
  console.log(built ? `post-build: built the wasm: ${built.join(', ')}` : 'post-build: the wasm is built already');
  console.log(`post-build: moved ${externalLoader(dir)} inline module script(s) out of index.html`);
  console.log(`post-build: moved ${preloadFirst(dir)} preload link(s) to the top of <head>`);
  const build = stampServiceWorker(dir);
  console.log(`post-build: service worker ${build.id} keeps ${build.files.length} file(s)`);
  if (release) console.log(`post-build: wrote .br and .gz beside ${precompress(dir).length} file(s)`);
} catch (e) {
  console.error(`post-build: ${e.message}`);
  process.exit(1);
}
