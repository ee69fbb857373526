// Checks e2e/stored.mjs's decodeShard against shards the Rust core really writes:
//   node e2e/stored.check.mjs
// Runs `cargo run -q -p followthrough-core --example shard` (a seeded sample, and a workspace
// of awkward text on stdin) and exits non-zero on any mismatch.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeShard } from './stored.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Pairs of [post-mortem JSON, shard] printed by the example. */
function shards(args, input) {
  const run = spawnSync(
    'cargo',
    ['run', '-q', '-p', 'followthrough-core', '--example', 'shard', '--', ...args],
    { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  if (run.status !== 0) throw new Error(`cargo run --example shard failed (${run.status ?? run.signal})`);
  const lines = run.stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length % 2, 0, 'the example prints JSON and shard lines in pairs');
  const pairs = [];
  for (let i = 0; i < lines.length; i += 2) pairs.push([lines[i], lines[i + 1]]);
  return pairs;
}

async function rejects(text, message) {
  await assert.rejects(decodeShard(text), (e) => e instanceof Error && message.test(e.message));
}

// The function as a page gets it: rebuilt from its source text alone, in the global scope.
const inPage = new Function(`return (${decodeShard.toString()})`)();

const awkward = {
  postmortems: [
    {
      id: 'PM-2026-0001',
      title: 'Checkout 🔥 \u0000 \u2028\u2029 עברית العربية \u202e "quoted" \\ \ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb',
      summary: 'x'.repeat(70000),
      tags: ['<script>', '{', '\t\r\n'],
      action_items: [{ id: 'PM-2026-0001-01', title: 'Add an alert', owner: 'Zoë' }],
    },
    { id: '', title: '' },
  ],
};

const pairs = [...shards(['3', '10', '51']), ...shards(['-'], JSON.stringify(awkward))];
assert.equal(pairs.length, 5);
let units = 0;
for (const [json, shard] of pairs) {
  assert.match(shard, /^ft1:\d+:[\u0800-\u87ff]*$/);
  const expected = JSON.parse(json);
  assert.deepEqual(await decodeShard(shard), expected);
  assert.deepEqual(await inPage(shard), expected);
  assert.deepEqual(await decodeShard(json), expected, 'a plain-JSON shard');
  units += shard.length;
}
assert.equal((await decodeShard(pairs[3][1])).summary.length, 70000);

// Damage is refused, never misread.
const [, shard] = pairs[0];
const [, length] = /^ft1:(\d+):/.exec(shard);
await rejects('hello', /^not a Followthrough shard$/);
await rejects('ft2:3:\u0800\u0800', /^not a Followthrough shard$/);
await rejects(shard.slice(0, -1), /damaged \(length: .* found \d+ characters\)/);
await rejects(`${shard}\u0800`, /damaged \(length:/);
await rejects(shard.replace(`ft1:${length}:`, `ft1:${Number(length) + 2}:`), /damaged \(length:/);
await rejects(shard.slice(0, 20) + '\ud800' + shard.slice(21), /character 1\d is U\+D800/);
await rejects(`ft1:4:${String.fromCharCode(0x0800 + 0x7fff, 0x0800 + 0x7ff8, 0x0800)}`, /damaged \(deflate:/);
await rejects('{"id": ', /JSON/);

console.log(`stored.check: ${pairs.length} shards (${units} UTF-16 units) decode to their post-mortems; damage is refused`);
