// Scans a log (a File or a Blob of any size) off the page's thread: read in pieces of 8 MiB,
// each cut just after a line break, scanned by the crate's scanner (as its scan_reader does),
// places sent back with line numbers and byte offsets from the start of the log, and progress.
// Also reads an error text for the page's explain ({ match, ask }): the phrase tables are here.
import init, { matchMessage, scanBytes } from "./scan/agora_token_errors.js";
import packed from "./scan/wasm.js";

const PIECE = 8 << 20;

async function start() {
  const gz = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  await init({ module_or_path: bytes });
}
const ready = start().then(() => self.postMessage({ ready: true }));
// The scan under way stops at its next piece when the page asks (the worker is kept: a new one
// would load its scripts again, and the page makes no request after its load).
let job = 0;

self.onmessage = async ({ data: { blob, shown, cancel, match, ask } }) => {
  if (ask) {
    await ready;
    let matched;
    try {
      matched = matchMessage(match);
    } catch {
      matched = undefined;
    }
    return self.postMessage({ ask, matched });
  }
  job += 1;
  if (cancel) return;
  const mine = job;
  await ready;
  const began = performance.now();
  let at = 0; // bytes of the log before `carry`
  let lines = 0; // line breaks before `carry`
  let carry = new Uint8Array(0); // a line begun in the last piece
  let budget = shown; // places still to be sent with their line's text
  let columns = 0; // bytes of `carry`'s line before it (a line longer than 8 MiB is cut)
  try {
    for (let read = 0; read < blob.size || carry.length; ) {
      const chunk = read < blob.size ? new Uint8Array(await blob.slice(read, read + PIECE).arrayBuffer()) : new Uint8Array(0);
      if (mine !== job) return;
      read += chunk.length;
      let piece = chunk;
      if (carry.length) {
        piece = new Uint8Array(carry.length + chunk.length);
        piece.set(carry);
        piece.set(chunk, carry.length);
      }
      const end = read >= blob.size ? piece.length : piece.lastIndexOf(10) + 1;
      // A piece with no line break yet waits for more, up to 8 MiB (then it is scanned as is,
      // as the crate's scan_reader scans a line longer than that in parts).
      if (end === 0 && piece.length < PIECE) {
        carry = piece;
        continue;
      }
      const cut = end === 0 ? piece.length : end;
      const result = scanBytes(piece.subarray(0, cut), budget);
      budget = Math.max(0, budget - result.found.length);
      for (const f of result.found) {
        if (f.line === 1) f.column += columns;
        f.line += lines;
        f.start += at;
        f.end += at;
      }
      lines += result.lines;
      columns = end === 0 ? columns + cut : 0;
      at += cut;
      carry = piece.slice(cut);
      self.postMessage({ job: mine, found: result.found, progress: Math.min(1, read / Math.max(1, blob.size)), read });
      if (read >= blob.size && !carry.length) break;
    }
    self.postMessage({ job: mine, done: true, ms: performance.now() - began });
  } catch (e) {
    self.postMessage({ job: mine, error: String(e?.message ?? e), done: true, ms: performance.now() - began });
  }
};
