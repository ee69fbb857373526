// Reads the app's stored post-mortem shards in tests (the format is documented in
// core/src/storage/shard.rs): `ft1:<bytes>:` then raw-DEFLATE bytes packed 15 bits per
// character as U+0800 + value, most significant bit first; or plain JSON.

/**
 * Decodes one stored shard to the post-mortem object it holds. Plain-JSON shards (first
 * non-blank character `{`) are parsed as they are. Throws an Error naming what is wrong.
 *
 * Self-contained on purpose — no imports and no references outside its own body, only
 * standard web APIs (DecompressionStream('deflate-raw'), Blob, Response, TextDecoder) — so
 * it runs in Node 20 and in a page, where Playwright sends its source text:
 *
 *   const pm = await page.evaluate(decodeShard, await page.evaluate((k) => localStorage.getItem(k), key));
 *
 * Keep it that way: anything it used from outside its body would be undefined in the page.
 */
export async function decodeShard(text) {
  if (typeof text !== 'string') throw new Error('not a Followthrough shard: not a string');
  if (/^\s*\{/.test(text)) return JSON.parse(text);
  const header = /^ft1:(\d{1,15}):/.exec(text);
  if (!header) throw new Error('not a Followthrough shard');
  const length = Number(header[1]);
  const body = text.slice(header[0].length);
  const units = Math.ceil((length * 8) / 15);
  if (body.length !== units) {
    throw new Error(`the stored data is damaged (length: the header says ${length} bytes, ${units} characters; found ${body.length} characters)`);
  }
  const bytes = new Uint8Array(length);
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let i = 0; i < body.length; i++) {
    const value = body.charCodeAt(i) - 0x0800;
    if (value < 0 || value > 0x7fff) {
      throw new Error(`the stored data is damaged (character ${i + 1} is U+${body.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}, outside the packed range U+0800–U+87FF)`);
    }
    // At most 7 bits are carried between characters, so this stays within 22 bits.
    acc = (acc << 15) | value;
    bits += 15;
    while (bits >= 8 && k < length) {
      bits -= 8;
      bytes[k++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  if (acc !== 0) throw new Error("the stored data is damaged (the last character's padding bits are not zero)");
  let json;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const inflated = await new Response(stream).arrayBuffer();
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (e) {
    throw new Error(`the stored data is damaged (deflate: ${e && e.message ? e.message : e})`);
  }
  return JSON.parse(json);
}
