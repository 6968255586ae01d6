// The package's TypeScript declarations, checked against the JSON it really returns: every key
// an answer holds is declared, every key declared as required is in every answer, and values
// of a declared string union are among its members. Run after build.sh.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const wasm = require("../pkg/node/agora_token_errors.js");

const dts = fs.readFileSync(path.join(__dirname, "..", "pkg", "node", "agora_token_errors.d.ts"), "utf8");
const fixtures = path.join(__dirname, "..", "..", "..", "tests", "fixtures");

/** The top-level fields of `interface name`: { key: { optional, union } }. */
function fields(name) {
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `no interface ${name}`);
  const out = {};
  let depth = 0;
  for (const line of dts.slice(start).split("\n").slice(1)) {
    const t = line.trim();
    if (depth === 0 && t === "}") break;
    if (t.startsWith("/**") || t.startsWith("*")) continue;
    const m = depth === 0 && /^(\w+)(\?)?:\s*(.*)$/.exec(t);
    if (m) {
      const union = /^("[^"]*"(\s*\|\s*"[^"]*")*);$/.exec(m[3]);
      out[m[1]] = { optional: Boolean(m[2]), union: union ? union[1].split("|").map((v) => JSON.parse(v.trim())) : null };
    }
    depth += (t.match(/[{[(]/g) || []).length - (t.match(/[}\])]/g) || []).length;
  }
  return out;
}

function conforms(name, values) {
  const declared = fields(name);
  for (const v of values) {
    for (const key of Object.keys(v)) {
      assert.ok(key in declared, `${name}: \`${key}\` is returned but not declared`);
      const u = declared[key].union;
      if (u) assert.ok(u.includes(v[key]), `${name}.${key}: ${JSON.stringify(v[key])} is not one of ${u}`);
    }
    for (const [key, f] of Object.entries(declared)) {
      if (!f.optional) assert.ok(key in v, `${name}: required \`${key}\` missing from ${JSON.stringify(v).slice(0, 200)}`);
    }
  }
  return Object.keys(declared).length;
}

test("Report, Finding, Found and AgentAnswer are what the functions return", () => {
  const texts = fs
    .readFileSync(path.join(fixtures, "messages.tsv"), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => (l.split("\t")[2] ?? "").replaceAll("\\n", "\n"));
  const inputs = ["110", "-110", "2", "17", "-10012", "ERR_INVALID_TOKEN", "onTokenPrivilegeWillExpire", "hello", ...texts];
  const reports = inputs.flatMap((i) => [wasm.explain(i), wasm.explain(i, { platform: "web" })]);
  const n = conforms("Report", reports);
  const built = wasm.buildToken({ appId: "970CA35de60c44645bbae8a215061b33", certificate: "5CFd2fd1755d40ecb72977518be15d3b", expireIn: 30, issuedAt: 1780000000, salt: 1, rtc: { channel: "lobby", uid: 0, role: "publisher" } });
  conforms("Built", [built]);
  conforms("Advice", built.warnings);
  assert.ok(built.warnings.length >= 2);
  const token = wasm.buildToken({ appId: "970CA35de60c44645bbae8a215061b33", certificate: "5CFd2fd1755d40ecb72977518be15d3b", expireIn: 600, issuedAt: 1780000000, salt: 1, rtc: { channel: "lobby", uid: 42, role: "publisher" } }).token;
  const app = "970CA35de60c44645bbae8a215061b33";
  const official = JSON.parse(fs.readFileSync(path.join(fixtures, "tokens.json"), "utf8")).vectors.map((v) => v.token);
  const diagnoses = [
    wasm.diagnose(token, { appId: app, channel: "other", uid: 7 }, { nowUnix: 1790000000 }),
    wasm.diagnose(`"${token}"`, { appId: app, channel: "lobby", uid: 42 }, { nowUnix: 1780000001, reported: "110" }),
    wasm.diagnose("not a token", { appId: app, channel: "lobby" }, 1780000001),
    wasm.diagnose(token, { appId: app, rtmUser: "u" }, { reported: "token expired" }),
    ...official.map((t) => wasm.diagnose(t, { appId: app, channel: "test_channel", account: "alice" }, { nowUnix: 1795805300 })),
    ...official.map((t) => wasm.decode(t)),
    wasm.decode("007eJx..."),
  ];
  conforms("Diagnosis", diagnoses);
  const decoded = diagnoses.map((d) => d.token).filter(Boolean);
  conforms("DecodedToken", decoded);
  const services = decoded.flatMap((t) => t.services);
  conforms("Service", services);
  conforms("Privilege", services.flatMap((s) => s.privileges));
  conforms("RtmGrant", services.flatMap((s) => s.permissions ?? []));
  conforms("Advice", diagnoses.flatMap((d) => d.advice));
  conforms("JudgedJoin", diagnoses.flatMap((d) => (d.join ? [d.join] : [])));
  const findings = diagnoses.flatMap((d) => d.findings);
  const repaired = [`Bearer ${token}`, encodeURIComponent(token), token, "hello"].map((t) => wasm.repair(t));
  conforms("Repaired", repaired);
  conforms("Undone", repaired.flatMap((r) => r.undone));
  const errors = wasm.tokenErrors();
  conforms("ErrorInfo", errors);
  conforms("Spelling", errors.flatMap((e) => e.spellings));
  conforms("ErrorInfo", reports.flatMap((r) => r.errors));
  const piece = wasm.scanBytes(new TextEncoder().encode(texts.join("\n") + `\ntoken=${token} and 110\n`), 5);
  conforms("ScannedPiece", [piece]);
  conforms("PieceFound", piece.found);
  assert.ok(!JSON.stringify(piece).includes(token), "scanBytes never shows a token whole");
  assert.ok(findings.some((f) => f.damage), "a damaged token's finding is among them");
  conforms("Finding", findings);
  conforms("Found", wasm.scan(texts.join("\n") + `\ntoken=${token}\n`));
  const body = JSON.stringify({ properties: { channel: "other", agent_rtc_uid: "42", token } });
  const agent = wasm.diagnoseAgent(body, { appId: "970CA35de60c44645bbae8a215061b33", nowUnix: 1780000001 });
  conforms("AgentAnswer", [agent]);
  for (const f of agent.findings) {
    const { token: which, ...finding } = f;
    assert.ok(["agent", "authorization"].includes(which));
    conforms("Finding", [finding]);
  }
  console.log(`types: ${reports.length} reports, ${diagnoses.length} diagnoses, ${findings.length} findings, ${errors.length} errors and the scans' places match the declarations (Report has ${n} fields)`);
});
