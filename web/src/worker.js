// Scans a log (a File or a Blob of any size) off the page's thread. The log is cut into as many
// parts as the machine has cores (up to 4; parts of at least 16 MiB), each part's lines scanned
// by a helper worker (this file again) in pieces of 8 MiB, each piece cut just after a line
// break and scanned by the crate's scanner (as its scan_reader does); this worker sends the
// places back in the log's order with line numbers and byte offsets from its start, and
// progress. It also reads an error text for the page's explain ({ match, ask }): the phrase
// tables are here.
import init, { matchMessage, scanBytes } from "./scan/agora_token_errors.js";
import packed from "./scan/wasm.js";

const PIECE = 8 << 20;
const PART = 16 << 20;

async function start() {
  const gz = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  await init({ module_or_path: bytes });
  // The scanner's automata are built on first use: here, not in the first scan's time. A
  // megabyte with no anchor in it runs the search loop long enough for the engine to compile it
  // with its optimising tier, which it does only for code that has run a while.
  scanBytes(new Uint8Array(1 << 20).fill(0x20), 0);
}
const ready = start();
// The scan under way stops at its next piece when the page asks (the worker is kept: a new one
// would load its scripts again, and the page makes no request after its load).
let job = 0;

/** Where the first line starting at or after `from` starts (after a line break at `from - 1` or later). */
async function lineStart(blob, from) {
  for (let p = from - 1; from > 0 && p < blob.size; ) {
    const chunk = new Uint8Array(await blob.slice(p, p + (1 << 16)).arrayBuffer());
    const i = chunk.indexOf(10);
    if (i >= 0) return p + i + 1;
    p += chunk.length;
  }
  return Math.min(from, blob.size);
}

/** Scans the lines of `blob` that start in [from, to): `send` gets each piece's places (line
 *  numbers from the part's first line, byte offsets from the log's start), its line breaks and
 *  the bytes read. False when a newer job stopped it. */
async function scanPart(blob, from, to, shown, mine, send) {
  let at = await lineStart(blob, from); // bytes of the log before `carry`
  let read = at;
  let lines = 0; // line breaks before `carry`
  let carry = new Uint8Array(0); // a line begun in the last piece
  let budget = shown; // places still to be sent with their line's text
  let columns = 0; // bytes of `carry`'s line before it (a line longer than 8 MiB is cut)
  // The next piece is read while this one is scanned, when the part goes on past it.
  const readPiece = (from) => (from < blob.size ? blob.slice(from, from + PIECE).arrayBuffer() : null);
  let next = readPiece(read);
  // Lines that start before `to`: a line cut into 8 MiB parts (`columns`) is read to its end.
  while ((at < to || columns > 0) && (read < blob.size || carry.length)) {
    const chunk = new Uint8Array((await (next ?? readPiece(read))) ?? 0);
    if (mine !== job) return false;
    read += chunk.length;
    next = read < to ? readPiece(read) : null;
    let piece = chunk;
    if (carry.length) {
      piece = new Uint8Array(carry.length + chunk.length);
      piece.set(carry);
      piece.set(chunk, carry.length);
    }
    // The part ends with the line holding its last byte: cut after its line break.
    const last = to - at <= piece.length ? piece.indexOf(10, Math.max(0, to - at - 1)) : -1;
    const end = last >= 0 ? last + 1 : read >= blob.size ? piece.length : piece.lastIndexOf(10) + 1;
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
    send(result.found, result.lines, read);
    if (last >= 0) break;
  }
  return true;
}

// ---- A helper: scans one part ----
async function helper({ blob, from, to, shown, part }, mine) {
  await ready;
  try {
    const whole = await scanPart(blob, from, to, shown, mine, (found, lines, read) => self.postMessage({ part, found, lines, read }));
    if (whole) self.postMessage({ part, done: true });
  } catch (e) {
    self.postMessage({ part, error: String(e?.message ?? e), done: true });
  }
}

// ---- The page's worker: parts given to helpers, places sent in order ----
const helpers = [];
function helperReady(w) {
  return new Promise((resolve) => w.addEventListener("message", function once({ data }) {
    if (data.ready) { w.removeEventListener("message", once); resolve(w); }
  }));
}
function helpersFor(n) {
  while (helpers.length < n) {
    const w = new Worker(new URL(import.meta.url), { type: "module", name: "helper" });
    helpers.push({ w, ready: helperReady(w) });
  }
  return Promise.all(helpers.slice(0, n).map((h) => h.ready));
}
// Started with the worker, which is ready when they are: a scan never waits for their modules,
// and nothing is loaded after the page is.
const cores = Math.max(1, Math.min(4, self.navigator?.hardwareConcurrency ?? 1));
Promise.all([ready, self.name ? null : helpersFor(cores)]).then(() => self.postMessage({ ready: true }));

async function scan({ blob, shown }, mine) {
  const began = performance.now();
  const n = Math.max(1, Math.min(cores, Math.floor(blob.size / PART)));
  const workers = await helpersFor(n);
  if (mine !== job) return;
  const size = Math.ceil(blob.size / n);
  // Each part's pieces, kept until the parts before it are done (their lines are counted).
  const parts = workers.map(() => ({ pieces: [], lines: 0, read: 0, done: false }));
  let next = 0; // the first part not yet sent whole
  let linesBefore = 0; // line breaks in the parts before `next`
  let sent = 0; // places sent
  let failed = null;
  await new Promise((resolve) => {
    const flush = () => {
      while (next < n) {
        const p = parts[next];
        for (const found of p.pieces) {
          for (const f of found) {
            f.line += linesBefore;
            // Only the log's first `shown` places come with their line.
            if (sent >= shown) {
              delete f.text;
              delete f.from;
              delete f.to;
            }
            sent += 1;
          }
          self.postMessage({ job: mine, found });
        }
        p.pieces = [];
        if (!p.done) break;
        linesBefore += p.lines;
        next += 1;
      }
      if (next === n || failed) resolve();
    };
    workers.forEach((w, part) => {
      w.onmessage = ({ data }) => {
        if (data.part !== part || mine !== job) return;
        const p = parts[part];
        if (data.found) {
          p.pieces.push(data.found);
          p.lines += data.lines;
          p.read = data.read - part * size;
        }
        if (data.error) failed = data.error;
        if (data.done) p.done = true;
        flush();
        const read = Math.min(blob.size, parts.reduce((a, q) => a + q.read, 0));
        self.postMessage({ job: mine, progress: read / Math.max(1, blob.size), read });
      };
      w.postMessage({ blob, from: part * size, to: Math.min(blob.size, (part + 1) * size), shown, part });
    });
    if (blob.size === 0) resolve();
  });
  if (mine !== job) return;
  self.postMessage({ job: mine, ...(failed ? { error: failed } : {}), done: true, ms: performance.now() - began });
}

self.onmessage = async ({ data }) => {
  if (data.ask) {
    await ready;
    let matched;
    try {
      matched = matchMessage(data.match);
    } catch {
      matched = undefined;
    }
    return self.postMessage({ ask: data.ask, matched });
  }
  job += 1;
  const mine = job;
  if (self.name === "helper") return data.cancel ? undefined : helper(data, mine);
  for (const h of helpers) h.w.postMessage({ cancel: true });
  if (data.cancel) return;
  await ready;
  try {
    await scan(data, mine);
  } catch (e) {
    self.postMessage({ job: mine, error: String(e?.message ?? e), done: true, ms: 0 });
  }
};
