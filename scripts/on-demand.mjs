// Which files of a build are loaded on demand: the wasm files its index.html does not name (the
// parts `on_demand!` splits off, fetched when first needed; docs/SIZE.md "Loaded on demand").
// The rule scripts/size.mjs, the benchmarks and the e2e tests count and find them by.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A test of `file` (a path relative to `dist`): whether the build loads it on demand. */
export function onDemandIn(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return (file) => file.endsWith('.wasm') && !html.includes(file);
}
