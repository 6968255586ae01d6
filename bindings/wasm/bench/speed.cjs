// Per-call cost of the Node package, beside npm agora-token's own parser measured in the same
// run (the baseline). Run after build.sh, with fixtures/ installed (`npm ci` in fixtures/):
//   node bindings/wasm/bench/speed.cjs
"use strict";
const path = require("node:path");
const wasm = require("../pkg/node/agora_token_errors.js");
const fixtures = path.join(__dirname, "..", "..", "..", "fixtures");
const { AccessToken2 } = require(require.resolve("agora-token/src/AccessToken2", { paths: [fixtures] }));
const data = require("../../../tests/fixtures/tokens.json");

const vectors = data.vectors.filter((v) => v.name.startsWith("rtc_") && typeof v.inputs.uid === "number");
const calls = vectors.map((v) => [v.token, { appId: data.app_id, channel: v.inputs.channel, uid: v.inputs.uid }]);
const text = "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: flag: 4096, message: AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: invalid token, authorized failed";
const now = data.generated_at;

/** Median nanoseconds per call of `f` over `rounds` rounds of `n` calls. */
function time(f, n = 20000, rounds = 7) {
  for (let i = 0; i < n / 4; i++) f(i); // warm-up
  const ns = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f(i);
    ns.push(Number(process.hrtime.bigint() - start) / n);
  }
  return ns.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

const parser = new AccessToken2();
let sink = 0;
const figures = {
  "agora-token AccessToken2.from_string (baseline)": time((i) => { sink += parser.from_string(calls[i % calls.length][0]) ? 1 : 0; }),
  "diagnose(token, join, now)": time((i) => { const [t, j] = calls[i % calls.length]; sink += wasm.diagnose(t, j, now).findings.length; }),
  'explain("110")': time(() => { sink += wasm.explain("110").errors.length; }),
  "explain(error text)": time(() => { sink += wasm.explain(text).errors.length; }),
  "scan(one error line)": time(() => { sink += wasm.scan(text).length; }),
};
const base = figures["agora-token AccessToken2.from_string (baseline)"];
for (const [what, ns] of Object.entries(figures)) {
  console.log(`${what.padEnd(50)} ${(ns / 1000).toFixed(2).padStart(8)} µs/call  ${(ns / base).toFixed(2)}x baseline`);
}
console.log(`(${calls.length} tokens, sink ${sink})`);
