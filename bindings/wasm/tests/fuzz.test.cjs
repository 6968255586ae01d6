// The Node package under random and hostile inputs, seeded so that a failure repeats:
//  - buildToken with random valid and oversized inputs: every token it signs fits the SDKs'
//    2,047 characters and diagnoses clean, with the certificate, for the join it was built for;
//    every refusal is a TypeError or a BuildError that never carries the certificate;
//  - every function with random JSON-like values (wrong types, huge strings, prototype keys,
//    getters that throw, nested objects): it answers or throws a TypeError/BuildError, never
//    anything else (a WebAssembly trap is a RuntimeError), and no answer holds a token whole.
// Run after build.sh: `node --test bindings/wasm/tests/`. FUZZ_ROUNDS and FUZZ_SEED change the run.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const wasm = require("../pkg/node/agora_token_errors.js");

const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

// mulberry32: a small seeded generator.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APP = "970CA35de60c44645bbae8a215061b33";
const CERT = "5CFd2fd1755d40ecb72977518be15d3b";
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()+-:;<=.>?@[]^_{|}~, ";

test("buildToken: whatever it signs fits and diagnoses clean; whatever it refuses says why", () => {
  const rand = generator(SEED);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const int = (n) => Math.floor(rand() * n);
  const word = (max) => Array.from({ length: int(max) }, () => ALPHABET[int(ALPHABET.length)]).join("");
  let signed = 0, refused = 0, longest = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const lengths = pick([8, 64, 400, 3000]);
    const service = pick(["rtc", "rtm", "chat", "rtc+rtm"]);
    const options = { appId: APP, certificate: CERT, expireIn: pick([1, 60, 3600, 86400, 86401, 0]), issuedAt: 1700000000 + int(1e8), salt: 1 + int(0xfffffffe) };
    const channel = word(lengths) || "c";
    const uid = pick([0, 1, 42, 0xffffffff]);
    const account = rand() < 0.3 ? word(lengths) : undefined;
    const userId = word(lengths) || "u";
    if (service.includes("rtc")) options.rtc = account ? { channel, account, role: pick(["publisher", "subscriber"]) } : { channel, uid, role: pick(["publisher", "subscriber"]) };
    if (service.includes("rtm")) options.rtm = { userId };
    if (service === "chat") options.chat = { userId };
    let token;
    try {
      token = wasm.buildToken(options).token;
    } catch (e) {
      assert.ok(e instanceof TypeError || e.name === "BuildError", `${e.name}: ${e.message}`);
      assert.ok(!String(e.message).includes(CERT), "a refusal shows the certificate");
      refused += 1;
      continue;
    }
    assert.ok(token.length <= 2047, `${token.length} characters signed`);
    longest = Math.max(longest, token.length);
    const join = service.includes("rtc")
      ? { appId: APP, channel, certificate: CERT, ...(account ? { account } : { uid }) }
      : service === "rtm" ? { appId: APP, rtmUser: userId, certificate: CERT } : { appId: APP, chatUser: userId, certificate: CERT };
    // Judged at its issue time: a token built for one second is good for that second.
    const findings = wasm.diagnose(token, join, { nowUnix: options.issuedAt }).findings;
    const errors = findings.filter((f) => f.severity === "error");
    const shown = JSON.stringify({ ...options, certificate: "(the test's)" }).slice(0, 300);
    assert.deepEqual(errors, [], shown);
    signed += 1;
  }
  console.log(`buildToken (node, seed ${SEED}): ${signed} signed and diagnosed clean (longest ${longest} characters), ${refused} refused before signing`);
  assert.ok(signed > ROUNDS / 4 && refused > 0, `${signed} signed, ${refused} refused`);
});

test("every function answers random values or throws a TypeError, and never shows a token whole", () => {
  const rand = generator(SEED + 1);
  const int = (n) => Math.floor(rand() * n);
  const pick = (xs) => xs[int(xs.length)];
  const token = wasm.buildToken({ appId: APP, certificate: CERT, expireIn: 3600, issuedAt: 1700000000, salt: 7, rtc: { channel: "lobby", uid: 42, role: "publisher" } }).token;
  const keys = ["reported", "nowUnix", "appId", "channel", "uid", "account", "rtmUser", "chatUser", "certificate", "platform", "space", "product", "rtc", "rtm", "chat", "expireIn", "issuedAt", "salt", "role", "userId", "__proto__", "constructor", "toString", "x"];
  const value = (depth) => {
    switch (int(depth > 2 ? 8 : 11)) {
      case 0: return null;
      case 1: return undefined;
      case 2: return pick([0, -0, -1, 1.5, 42, 2 ** 32, 2 ** 53, NaN, Infinity, -Infinity]);
      case 3: return pick(["", "110", "web", "publisher", APP, CERT, token, token.slice(0, 40), "x".repeat(1 << 16)]);
      case 4: return pick([true, false]);
      case 5: return `${pick(["onError: err ", "ERR_", "007eJx", "错误码："])}${int(200)}`;
      case 6: return BigInt(int(1000));
      case 7: return Symbol("s");
      case 8: return Array.from({ length: int(4) }, () => value(depth + 1));
      case 9: {
        const o = rand() < 0.2 ? Object.create(null) : {};
        for (let i = 0; i < int(5); i += 1) o[pick(keys)] = value(depth + 1);
        return o;
      }
      default: {
        const o = {};
        Object.defineProperty(o, pick(keys), { enumerable: true, get() { throw new Error("getter"); } });
        return o;
      }
    }
  };
  const calls = [
    () => wasm.explain(value(0), value(0)),
    () => wasm.explain(pick(["110", "2", "onError: err 109", token]), value(0)),
    () => wasm.diagnose(pick([token, value(0)]), value(0), value(0)),
    () => {
      // A good join with random keys over it (defined, not spread: spreading would run a
      // throwing getter here, in the test).
      const o = value(1);
      const join = o && typeof o === "object" && !Array.isArray(o) ? o : {};
      for (const [k, v] of Object.entries({ appId: APP, channel: "lobby", uid: 42 })) {
        if (!Object.hasOwn(join, k)) Object.defineProperty(join, k, { value: v, enumerable: true });
      }
      return wasm.diagnose(token, join, 1700000001);
    },
    () => wasm.scan(value(0)),
    () => wasm.decode(pick([token, value(0)])),
    // repair's answer is the token itself: checked for throwing only (below).
    () => (wasm.repair(pick([token, `Bearer ${token}`, value(0)])), null),
    () => wasm.verify(pick([token, value(0)]), pick([CERT, value(0)]), value(0)),
    () => wasm.diagnose(token, { appId: APP, channel: "lobby", uid: 42 }, { reported: value(0), nowUnix: 1700000001 }),
    () => wasm.scanBytes(new TextEncoder().encode(`${pick(["onError: err 110 ", token, "错误码："])}\n`), value(0)),
    () => wasm.tokenErrors(value(0)),
    () => wasm.buildToken(value(0)),
    () => wasm.diagnoseAgent(value(0), value(0)),
    () => {
      // A random body (written here, outside the package: a throwing getter is the test's own).
      let props = "{}";
      try {
        props = JSON.stringify({ properties: value(1) }, (_, v) => (typeof v === "bigint" ? Number(v) : v));
      } catch {}
      return wasm.diagnoseAgent(props, { appId: APP, authorization: pick(["Basic x", `agora token=${token}`, undefined]) });
    },
    () => wasm.buildToken({ appId: APP, certificate: CERT, expireIn: 60, rtc: value(1) }),
  ];
  let answered = 0, typeErrors = 0;
  for (let round = 0; round < ROUNDS * 5; round += 1) {
    const call = calls[round % calls.length];
    let out;
    try {
      out = call();
    } catch (e) {
      assert.ok(e instanceof TypeError || e.name === "BuildError", `${e?.name}: ${e?.message}`);
      assert.ok(!String(e.message).includes(token), "an error shows the token whole");
      typeErrors += 1;
      continue;
    }
    const text = JSON.stringify(out, (_, v) => (typeof v === "bigint" ? String(v) : v)) ?? "";
    assert.ok(!text.includes(token), `an answer shows the token whole: ${text.slice(0, 200)}`);
    assert.ok(!text.includes(CERT), `an answer shows the certificate: call ${round % calls.length}: ${text.slice(0, 300)}`);
    answered += 1;
  }
  console.log(`random values (node, seed ${SEED + 1}): ${answered} answered, ${typeErrors} refused with a TypeError or BuildError, no other throw`);
});
