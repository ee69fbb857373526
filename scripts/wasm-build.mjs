// Builds the app's wasm into a build folder, in place of Trunk's Rust pipeline, because a release
// build splits the wasm between cargo and wasm-bindgen, which Trunk 0.21 has no step for
// (trunk-rs/trunk#1022). docs/SIZE.md "Loaded on demand" explains the split.
//
// Release: cargo (feature `split`, the final link with --emit-relocs) → wasm-split-cli (the
// `on_demand!` functions leave the main module for a file of their own, plus the small JS
// module that loads it) → wasm-bindgen on the main module → wasm-opt -Oz on every module →
// every file named after one hash of the whole set. Debug (`trunk serve`): cargo and
// wasm-bindgen only, unsplit (the `on_demand!` functions are then ordinary async functions).
//
// index.html's `<link rel="x-followthrough-wasm">` is replaced by the preloads and an inline
// start-up module, as Trunk's own pipeline writes them (the next post-build steps move them).
// Run by scripts/post-build.mjs (Trunk's post_build hook); tools come from PATH (scripts/setup).
// `WASM_OPT=0 trunk build --release …` leaves wasm-opt out (function names for profiles).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk } from './precompress.mjs';

const CRATE = 'followthrough';
const TARGET = 'wasm32-unknown-unknown';
/** The placeholder in index.html that this step replaces. */
const PLACEHOLDER = /<link rel="x-followthrough-wasm"[^>]*>/;
/** The skipped Rust pipeline's link, which Trunk leaves in the page. */
const SKIPPED = /\s*<link data-trunk rel="rust" data-trunk-skip[^>]*>/;

function run(command, args, what) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
  if (result.error?.code === 'ENOENT') throw new Error(`${command} is not on PATH (run scripts/setup): needed to ${what}`);
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}) while trying to ${what}`);
  return result.stdout.toString();
}

/** Compiles the app; returns the path of the linked wasm. */
function cargo(release) {
  // The link flag goes to the final crate only (`cargo rustc`): in RUSTFLAGS it would rebuild
  // every dependency, and it would drop .cargo/config.toml's flags.
  const args = release
    ? ['rustc', '--release', '--features', 'split']
    : ['build'];
  args.push('--target', TARGET, '-p', CRATE, '--bin', CRATE, '--message-format=json-render-diagnostics');
  if (release) args.push('--', '-C', 'link-arg=--emit-relocs');
  let wasm = null;
  for (const line of run('cargo', args, 'compile the app').split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    if (message.reason === 'compiler-artifact' && message.target?.name === CRATE && message.target.kind.includes('bin')) {
      wasm = message.filenames.find((f) => f.endsWith('.wasm')) ?? wasm;
    }
  }
  if (!wasm) throw new Error('cargo named no wasm file for the app');
  return wasm;
}

/** Replaces the one occurrence of `from` in `text`; fails if there is not exactly one. */
function replaceOnce(text, from, to, where) {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`${where}: expected "${from}" once, found it ${count} time(s) (did a tool's output change?)`);
  return text.replace(from, () => to);
}

/** Replaces every occurrence of `from` in `text`; fails if there is none. */
function replaceEvery(text, from, to, where) {
  if (!text.includes(from)) throw new Error(`${where}: expected "${from}", found none (did a tool's output change?)`);
  return text.replaceAll(from, () => to);
}

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Builds into `dir` (a Trunk staging folder) and rewrites its index.html. Returns the files written. */
export function wasmBuild(dir, { release }) {
  const indexPath = join(dir, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  if (!PLACEHOLDER.test(html)) return null; // Built already (the step was run again by hand).

  const work = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm-build');
  rmSync(work, { recursive: true, force: true });
  const split = join(work, 'split');
  const out = join(work, 'out');
  mkdirSync(split, { recursive: true });

  const linked = cargo(release);
  let input = linked;
  let parts = [];
  if (release) {
    // Writes split/followthrough.wasm (the main module, still to go through wasm-bindgen),
    // split/split_<part>.wasm for each on-demand part (and chunk_<n>.wasm for code parts share),
    // and split/__wasm_split.js, their loader.
    run('wasm-split-cli', [linked, split, '--out-name', CRATE], 'split the wasm');
    input = join(split, `${CRATE}.wasm`);
    // Each part's file, and with several parts, the code two of them share (chunk_<n>.wasm,
    // loaded before either of them). None when no `on_demand!` function is called: then there is
    // no loader to name either.
    parts = readdirSync(split).filter((f) => /^(split|chunk)_.+\.wasm$/.test(f));
  }
  const splitting = parts.length > 0;
  const bindgenArgs = ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', CRATE];
  // The split main module keeps the exports its parts import (memory, table, shared functions).
  if (splitting) bindgenArgs.push('--keep-lld-exports', '--no-demangle');
  run('wasm-bindgen', [...bindgenArgs, input], 'generate the JS bindings');

  for (const part of parts) cpSync(join(split, part), join(out, part));
  if (splitting) cpSync(join(split, '__wasm_split.js'), join(out, '__wasm_split.js'));
  // WASM_OPT=0 keeps the function names, for profiling (README "Working on it").
  if (release && process.env.WASM_OPT !== '0') {
    for (const wasm of [`${CRATE}_bg.wasm`, ...parts]) {
      run('wasm-opt', ['-Oz', join(out, wasm), '-o', join(out, wasm)], `optimise ${wasm}`);
    }
  }

  // One hash for the set (they only work together), from the bytes before their names go in.
  const hash = createHash('sha256');
  for (const f of walk(out).sort()) hash.update(f).update('\0').update(readFileSync(join(out, f))).update('\0');
  const id = hash.digest('hex').slice(0, 16);
  // Every name ends in `-<hash>` (with `_bg` for the main wasm), the form the service worker
  // and the nginx configuration cache for good.
  const names = {
    js: `${CRATE}-${id}.js`,
    wasm: `${CRATE}-${id}_bg.wasm`,
    loader: `${CRATE}-split-${id}.js`,
  };
  let js = readFileSync(join(out, `${CRATE}.js`), 'utf8');
  renameSync(join(out, `${CRATE}_bg.wasm`), join(out, names.wasm));
  if (splitting) {
    // The wasm imports its loader under the name "./__wasm_split.js" (the key of wasm-bindgen's
    // import object, which stays); only the module specifier changes (once per part: wasm-bindgen
    // imports the module once per imported loading function).
    js = replaceEvery(js, 'from "./__wasm_split.js"', `from "./${names.loader}"`, names.js);
    let loader = readFileSync(join(out, '__wasm_split.js'), 'utf8');
    loader = replaceOnce(loader, `from "./${CRATE}.js"`, `from "./${names.js}"`, names.loader);
    for (const part of parts) {
      const name = `${CRATE}-${part.replace(/^split_/, '').replace(/\.wasm$/, '').replaceAll('_', '-')}-${id}.wasm`;
      loader = replaceOnce(loader, `"./${part}"`, `"./${name}"`, names.loader);
      renameSync(join(out, part), join(out, name));
    }
    rmSync(join(out, '__wasm_split.js'));
    writeFileSync(join(out, names.loader), loader);
  }
  rmSync(join(out, `${CRATE}.js`));
  writeFileSync(join(out, names.js), js);

  const files = walk(out).sort();
  cpSync(out, dir, { recursive: true });

  // As Trunk writes them: preloads of the wasm and of every module the start-up one imports
  // (the main JS, the loader, wasm-bindgen's snippets), and the start-up module itself.
  const modules = files.filter((f) => f.endsWith('.js'));
  const links = [
    `<link rel="preload" href="./${names.wasm}" crossorigin="anonymous" as="fetch" type="application/wasm">`,
    ...modules.map((f) => `<link rel="modulepreload" href="./${f}" crossorigin="anonymous" integrity="${sri(readFileSync(join(out, f)))}">`),
    `<script type="module">import init from './${names.js}'; await init({ module_or_path: './${names.wasm}' });</script>`,
  ];
  writeFileSync(indexPath, html.replace(SKIPPED, '').replace(PLACEHOLDER, () => links.join('\n    ')));
  return files;
}
