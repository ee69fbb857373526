// Transfer size of a release build: every .wasm and .js in DIST (default dist/), raw, gzip -9 and
// brotli -q 11, in two groups: the first download (everything but the parts loaded on demand)
// and the parts loaded on demand (the wasm files index.html does not name: the app fetches them
// when first needed, docs/SIZE.md "Loaded on demand"), each with its total, then both together.
// Issue #7's budget is on the first download's brotli total. Gzip is the `gzip` tool (zlib
// implementations differ by about 1%); brotli is Node's, the reference library.
//   trunk build --release --offline --public-url ./ && node scripts/size.mjs [DIST] [--max KB]
// With `--max KB` it fails (exit 1) when the first download's brotli total is over KB kilobytes
// (1 KB = 1,000 bytes, as the docs count): scripts/test runs it after the release build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk } from './precompress.mjs';
import { onDemandIn } from './on-demand.mjs';
import { brotliCompressSync, constants } from 'node:zlib';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const maxAt = args.indexOf('--max');
const maxKb = maxAt === -1 ? null : Number(args[maxAt + 1]);
if (maxAt !== -1) {
  args.splice(maxAt, 2);
  if (!(maxKb > 0)) {
    console.error('size: --max needs a number of kilobytes, e.g. --max 430');
    process.exit(2);
  }
}
const dist = args[0] ?? 'dist';
const files = walk(dist).filter((f) => /\.(wasm|js)$/.test(f)).sort();
if (files.length === 0) {
  console.error(`size: no .wasm or .js in ${dist}: build first`);
  process.exit(1);
}
const gzip = (bytes) => {
  const run = spawnSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 30 });
  if (run.status !== 0) {
    console.error('size: `gzip` is missing or failed');
    process.exit(1);
  }
  return run.stdout.length;
};
const sizes = (bytes) => [
  bytes.length,
  gzip(bytes),
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length,
];
const row = (name, [raw, gz, br]) =>
  console.log(`${name.padEnd(64)} ${[raw, gz, br].map((n) => n.toLocaleString('en').padStart(10)).join(' ')}`);
const onDemand = onDemandIn(dist);
const group = (title, names) => {
  const total = [0, 0, 0];
  console.log(title);
  for (const f of names) {
    const s = sizes(readFileSync(join(dist, f)));
    s.forEach((n, i) => (total[i] += n));
    row(`  ${f}`, s);
  }
  row(`  total, ${title.replace(/:$/, '')}`, total);
  return total;
};
console.log(`${''.padEnd(64)} ${['raw', 'gzip -9', 'brotli 11'].map((h) => h.padStart(10)).join(' ')}`);
const first = group('first download:', files.filter((f) => !onDemand(f)));
const later = group('loaded on demand:', files.filter(onDemand));
row('total, all', first.map((n, i) => n + later[i]));
if (maxKb !== null) {
  const kb = (first[2] / 1000).toFixed(1);
  if (first[2] > maxKb * 1000) {
    console.error(`size: the first download's brotli total is ${kb} KB, over the limit of ${maxKb} KB (--max)`);
    process.exit(1);
  }
  console.log(`size: the first download's brotli total is ${kb} KB, within the limit of ${maxKb} KB (--max)`);
}
