// The Node package against the crate's own corpora and Agora's official builder tokens.
// Run after build.sh: `node --test bindings/wasm/tests/`. With AGORA_TOKEN_ERRORS_CLI set to the
// command-line tool, explain() is also compared with its --json, input by input.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const zlib = require("node:zlib");
const wasm = require("../pkg/node/agora_token_errors.js");

const fixtures = path.join(__dirname, "..", "..", "..", "tests", "fixtures");
const read = (name) => fs.readFileSync(path.join(fixtures, name), "utf8");
const lines = (name) => read(name).split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
// `InvalidToken` -> `invalid_token`: the variant names the corpora use, as the JSON ids.
const id = (variant) => variant.replace(/[A-Z]/g, (c, i) => (i ? "_" : "") + c.toLowerCase());
// A text's `\n` stands for a line break.
const text = (field) => (field ?? "").replaceAll("\\n", "\n");

test("codes are read in their code space", () => {
  assert.equal(wasm.explain("110").kind, "code");
  assert.deepEqual(wasm.explain("110").errors.map((e) => e.error), ["invalid_token"]);
  assert.deepEqual(wasm.explain("-110", { space: "native" }).errors.map((e) => e.error), ["invalid_token"]);
  // Web 2 is an expired token; native 2 is ERR_INVALID_ARGUMENT.
  assert.deepEqual(wasm.explain("2", { platform: "web" }).errors.map((e) => e.error), ["token_expired"]);
  assert.deepEqual(wasm.explain("2", { platform: "android" }).errors, []);
  assert.equal(wasm.explain("17", { product: "rtc" }).errors.length, 0);
  const flutter = wasm.explain("109", { platform: "flutter" });
  assert.equal(flutter.platform.platform, "flutter");
  assert.deepEqual(flutter.errors.map((e) => e.error), ["token_expired"]);
});

test("what users take for a token error is said not to be one, and what it is", () => {
  const r = wasm.explain("-10012", { product: "rtm" });
  assert.equal(r.answer, "lookalike");
  assert.deepEqual(r.errors, []);
  assert.equal(r.lookalike.code, -10012);
  assert.match(r.lookalike.meaning, /server/);
  assert.equal(wasm.explain("110").answer, "token_error");
  assert.equal(wasm.explain("hello").answer, "none");
});

test("SDK names are read, typos of the real SDKs included", () => {
  for (const [name, want] of [
    ["ERR_STATIC_USE_DYANMIC_KE", "static_use_dynamic_key"],
    ["AgoraErrorCodeTokenExpired", "token_expired"],
    ["ERR_INVALID_TOKEN", "invalid_token"],
    ["ERR_INVALID_APP_ID", "invalid_app_id"],
  ]) {
    const r = wasm.explain(name);
    assert.equal(r.kind, "name", name);
    assert.deepEqual(r.errors.map((e) => e.error), [want], name);
  }
  assert.equal(wasm.explain("onTokenPrivilegeWillExpire").kind, "event");
});

test("real error texts are recognised and never misread", () => {
  let expected = 0, recognised = 0, wrong = 0, quiet = 0, alarms = 0;
  for (const line of lines("messages.tsv")) {
    const [want, , field] = line.split("\t");
    const got = wasm.explain(text(field)).errors.map((e) => e.error);
    if (want === "-") {
      quiet += 1;
      if (got.length) alarms += 1;
    } else {
      expected += 1;
      if (got[0] === id(want)) recognised += 1;
      else if (got.length) wrong += 1;
    }
  }
  console.log(`real texts (node): recognised ${recognised} of ${expected}, ${wrong} wrong, false alarms ${alarms} of ${quiet}`);
  assert.equal(wrong, 0);
  assert.equal(alarms, 0);
  assert.ok(recognised * 10 >= expected * 9, `${recognised} of ${expected}`);
});

test("lookalikes from other vendors and ordinary Agora lines are no token error", () => {
  for (const name of ["other-vendors.txt", "ordinary-logs.txt"]) {
    const all = lines(name);
    const reports = all.map((l) => wasm.explain(l));
    // A line that is a bare identifier Agora's SDKs also use (`TOKEN_EXPIRED`) is read as that
    // name, and one that is nothing but a spelling anyone prints (`/** token 过期 */`) as a
    // report to Agora's tool (support "reported"), as the command-line tool reads them; any
    // other text must never be misread.
    const bare = (r) => r.kind === "name" || (r.kind === "text" && r.matched.support === "reported");
    const names = reports.filter(bare).length;
    const alarms = all.filter((l, i) => !bare(reports[i]) && reports[i].errors.length > 0);
    const scanned = wasm.scan(all.join("\n")).filter((f) => f.error);
    console.log(`${name} (node): false alarms ${alarms.length} of ${all.length - names} texts (${names} lines are bare Agora names or spellings), scan ${scanned.length} of ${all.length}`);
    assert.deepEqual(alarms, []);
    assert.deepEqual(scanned, []);
  }
});

test("scan gives lines, columns and UTF-16 offsets that slice back to what was found", () => {
  const log = "é 😀 start\n[agora] ERR_TOKEN_EXPIRED here\n😀 onTokenPrivilegeWillExpire\n";
  const found = wasm.scan(log);
  assert.equal(found.length, 2);
  assert.equal(found[0].line, 2);
  assert.equal(found[0].column, 9);
  // Columns count UTF-16 units, as JavaScript strings do: the emoji is two.
  assert.equal(found[1].column, 4);
  assert.equal(found[0].error, "token_expired");
  assert.equal(log.slice(found[0].start, found[0].end), "ERR_TOKEN_EXPIRED");
  assert.equal(found[1].event, "will_expire");
  assert.equal(log.slice(found[1].start, found[1].end), "onTokenPrivilegeWillExpire");
});

const vectors = JSON.parse(read("builder-vectors.json"));

// The builder inputs that are mistakes, and what diagnosis says of each (the fixture the Rust
// test tests/it/official_tokens_diagnose_clean.rs reads too).
const MISTAKES = Object.fromEntries(
  Object.entries(JSON.parse(read("builder-mistakes.json")).mistakes).map(([name, m]) => [name, m.finding]),
);

test("a voice agent's start request says which token is wrong", () => {
  const app = vectors.app_id;
  const token = wasm.buildToken({ appId: app, certificate: vectors.app_certificate, expireIn: 14400, issuedAt: 1780000000, salt: 3, rtc: { channel: "room-7", uid: 1001, role: "publisher" } }).token;
  const body = (props) => JSON.stringify({ name: "a", properties: { agent_rtc_uid: "1001", token, ...props } });
  const good = wasm.diagnoseAgent(body({ channel: "room-7" }), { appId: app, authorization: "Basic abc", nowUnix: 1780000060 });
  assert.deepEqual([good.can_join, good.findings.length], [true, 0], JSON.stringify(good));
  const wrong = wasm.diagnoseAgent(body({ channel: "room-8", advanced_features: { enable_rtm: true } }), { appId: app, nowUnix: 1780000060 });
  assert.equal(wrong.can_join, false);
  assert.deepEqual(wrong.findings.map((f) => [f.token, f.kind]).slice(0, 1), [["agent", "channel_mismatch"]]);
  assert.ok(wrong.findings.some((f) => f.token === "authorization" && f.kind === "no_authorization"));
  assert.throws(() => wasm.diagnoseAgent("{not json", { appId: app }), TypeError);
});

test("official builder tokens joined with their parameters diagnose clean", () => {
  let checked = 0, named = 0;
  for (const v of vectors.vectors) {
    const i = v.inputs;
    if (v.version !== "007" || typeof i.channel !== "string") continue;
    if (!(typeof i.uid === "number" && i.uid <= 0xffffffff) && typeof i.account !== "string") continue;
    const user = typeof i.uid === "number" ? { uid: i.uid } : { account: i.account };
    const join = { appId: i.app_id, channel: i.channel, ...user, certificate: vectors.app_certificate };
    if (user.account === "") continue; // the uid-0 wildcard: its own finding
    const now = v.pinned.issue_ts ?? v.pinned.now;
    const findings = wasm.diagnose(v.token, join, { nowUnix: now }).findings;
    if (v.name in MISTAKES) {
      assert.ok(findings.some((f) => f.kind === MISTAKES[v.name]), `${v.name}: ${JSON.stringify(findings)}`);
      named += 1;
    } else {
      assert.deepEqual(findings, [], v.name);
      checked += 1;
    }
  }
  console.log(`official tokens (node): ${checked} RTC joins clean, ${named} builder mistakes named`);
  assert.ok(checked >= 10, `${checked}`);
});

test("a bad token is a finding, never a throw, and is never shown whole", () => {
  const join = { appId: vectors.app_id, channel: "c", uid: 1 };
  const token = vectors.vectors[0].token;
  for (const bad of ["", "007", token.slice(0, 40), token.replace("007", "006"), "x".repeat(1 << 20)]) {
    const findings = wasm.diagnose(bad, join, 1700000001).findings;
    assert.ok(findings.length > 0, bad.slice(0, 20));
    if (bad.length > 12) assert.ok(!JSON.stringify(findings).includes(bad));
  }
  const other = wasm.diagnose(token, { ...join, channel: "test_channel", uid: 12345, certificate: vectors.other_certificate }, 1700000001);
  assert.ok(other.findings.length > 0);
  assert.ok(!JSON.stringify(other).includes(vectors.other_certificate));
});

test("buildToken signs the official builders' content", () => {
  let same = 0;
  for (const v of vectors.vectors) {
    const i = v.inputs;
    const pinned = { appId: i.app_id, certificate: i.app_certificate, issuedAt: v.pinned.issue_ts, salt: v.pinned.salt };
    let options;
    if (v.builder.endsWith("RtcTokenBuilder.buildTokenWithUid") && typeof i.uid === "number" && i.uid <= 0xffffffff && i.token_expire === i.privilege_expire) {
      options = { ...pinned, expireIn: i.token_expire, rtc: { channel: i.channel, uid: i.uid, role: i.role_name } };
    } else if (v.builder.endsWith("RtcTokenBuilder.buildTokenWithUserAccount") && i.token_expire === i.privilege_expire) {
      options = { ...pinned, expireIn: i.token_expire, rtc: { channel: i.channel, account: i.account, role: i.role_name } };
    } else if (v.builder.endsWith("RtmTokenBuilder.buildToken") && typeof i.user_id === "string") {
      options = { ...pinned, expireIn: i.expire, rtm: { userId: i.user_id } };
    } else if (v.builder.endsWith("ChatTokenBuilder.buildUserToken")) {
      options = { ...pinned, expireIn: i.expire, chat: { userId: i.user_id } };
    } else continue;
    if (!options.expireIn || !options.salt || (options.rtc && !options.rtc.role)) continue;
    let built;
    try {
      built = wasm.buildToken(options).token;
    } catch (e) {
      continue; // inputs the crate refuses before signing are tested in Rust (builder_mistakes)
    }
    // Any zlib stream of the content is as good as another (the signature covers the content):
    // compare what the tokens hold, inflated.
    const content = (t) => zlib.inflateSync(Buffer.from(t.slice(3), "base64")).toString("hex");
    assert.equal(content(built), v.payload_hex, v.name);
    assert.equal(content(built), content(v.token), v.name);
    same += 1;
  }
  console.log(`buildToken (node): ${same} official vectors, signed content byte-equal`);
  assert.ok(same >= 5, `${same}`);
});

test("wrong types and unknown keys are TypeErrors that say what was wrong", () => {
  const cases = [
    [() => wasm.explain(110), /input must be a string, not number/],
    [() => wasm.explain("110", { platfrom: "web" }), /no key `platfrom`/],
    [() => wasm.explain("110", { Platform: "web" }), /did you mean `platform`/],
    [() => wasm.explain("110", { platform: "webb" }), /options\.platform: `webb` is not a platform/],
    [() => wasm.explain("110", "web"), /options must be an object, not string/],
    [() => wasm.diagnose("007", { appID: "x", channel: "c" }), /did you mean `appId`/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c", uid: "42" }), /join\.uid must be a number, not string/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c", uid: -1 }), /whole number from 0 to 4294967295/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c", uid: 1.5 }), /whole number/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c", uid: 1, account: "a" }), /not both/],
    [() => wasm.diagnose("007", { appId: "x" }), /exactly one of `channel`/],
    [() => wasm.diagnose("007"), /needs the join/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c" }, "now"), /options must be an object, not string/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c" }, { nowUnix: "now" }), /options\.nowUnix must be a number/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c" }, { reportd: "110" }), /did you mean `reported`|no key `reportd`/],
    [() => wasm.diagnose("007", { appId: "x", channel: "c" }, { reported: "hello" }), /the reported error/],
    [() => wasm.verify("007", 42), /certificate must be a string, not number/],
    [() => wasm.tokenErrors({ product: "rtx" }), /options\.product/],
    [() => wasm.scan(null), /text must be a string, not null/],
    [() => wasm.buildToken({ appId: "x", certificate: "y", rtc: { channel: "c", uid: 1, role: "publisher" } }), /expireIn is required/],
    [() => wasm.buildToken({ appId: "x", certificate: "y", expireIn: 60, rtc: { channel: "c", uid: 1, role: "admin" } }), /options\.rtc\.role/],
  ];
  for (const [call, message] of cases) assert.throws(call, (e) => e instanceof TypeError && message.test(e.message), String(call));
  const cert = vectors.app_certificate;
  assert.throws(
    () => wasm.buildToken({ appId: vectors.app_id, certificate: cert, expireIn: 3600000, rtc: { channel: "c", uid: 1, role: "publisher" } }),
    (e) => e.name === "BuildError" && /86400/.test(e.message) && !e.message.includes(cert),
  );
});

test("options are read from the caller's own keys: Object.prototype changes nothing", () => {
  const app = vectors.app_id;
  const cert = vectors.app_certificate;
  const chatOnly = { appId: app, certificate: cert, expireIn: 3600, chat: { userId: "alice" } };
  const polluted = ["rtc", "rtm", "certificate", "channel", "uid", "platform"];
  const before = wasm.buildToken({ ...chatOnly, issuedAt: 1700000000, salt: 1 }).token;
  try {
    Object.prototype.rtc = { channel: "attacker", uid: 0, role: "publisher" };
    Object.prototype.rtm = { userId: "attacker" };
    Object.prototype.certificate = "0".repeat(32);
    Object.prototype.channel = "attacker";
    Object.prototype.uid = 7;
    Object.prototype.platform = "web";
    const after = wasm.buildToken({ ...chatOnly, issuedAt: 1700000000, salt: 1 }).token;
    assert.equal(after, before, "a Chat-only token gains no RTC or RTM service");
    // A join read through the prototype would gain a channel and a certificate.
    const d = wasm.diagnose(after, { appId: app, chatUser: "alice" }, 1700000060);
    assert.ok(d.findings.every((f) => f.severity !== "error"), JSON.stringify(d));
    // Read in every space: a platform from the prototype would narrow it to one.
    const r = wasm.explain("2");
    assert.ok(!Object.hasOwn(r, "platform") && r.matched.readings.length > 1, JSON.stringify(r.matched));
  } finally {
    for (const k of polluted) delete Object.prototype[k];
  }
  // A getter that throws is a TypeError that names the key.
  const trap = { appId: app };
  Object.defineProperty(trap, "channel", { enumerable: true, get() { throw new Error("boom"); } });
  assert.throws(() => wasm.diagnose(before, trap), (e) => e instanceof TypeError && /join\.channel/.test(e.message));
});

test("one package: its licences, the notices of what is compiled into it, and both entry points", () => {
  const dir = path.join(__dirname, "..", "pkg");
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  assert.equal(manifest.name, "agora-token-errors");
  for (const f of ["LICENSE-MIT", "LICENSE-APACHE", "THIRD_PARTY_NOTICES.md", "node/", "web/"]) {
    assert.ok(manifest.files.includes(f) && fs.existsSync(path.join(dir, f)), f);
  }
  const notices = fs.readFileSync(path.join(dir, "THIRD_PARTY_NOTICES.md"), "utf8");
  // zlib-rs is under the Zlib licence: its text must travel with the wasm.
  assert.match(notices, /## zlib-rs [\d.]+\n\nLicence: Zlib/);
  assert.match(notices, /### LICENSE/);
  assert.match(notices, /## subtle [\d.]+\n\nLicence: BSD-3-Clause/);
  // Every file the conditional exports name is there.
  const targets = JSON.stringify(manifest.exports).match(/"\.\/[^"]+"/g).map((t) => JSON.parse(t));
  for (const t of targets) assert.ok(fs.existsSync(path.join(dir, t)), t);
  const dot = manifest.exports["."];
  assert.match(dot.node.default, /^\.\/node\//);
  assert.match(dot.browser.default, /^\.\/web\//);
  assert.equal(Object.keys(dot.node)[0], "types", "types comes first in each condition");
});

test("the package resolves by its name: require and import in Node, the browser build by its condition", () => {
  const os = require("node:os");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ate-"));
  try {
    fs.mkdirSync(path.join(root, "node_modules"));
    fs.symlinkSync(path.join(__dirname, "..", "pkg"), path.join(root, "node_modules", "agora-token-errors"), "dir");
    fs.writeFileSync(path.join(root, "a.cjs"), 'const m = require("agora-token-errors"); console.log(m.explain("110").errors[0].error, typeof m.buildToken);');
    fs.writeFileSync(path.join(root, "b.mjs"), 'import { explain, buildToken } from "agora-token-errors"; console.log(explain("110").errors[0].error, typeof buildToken);');
    for (const f of ["a.cjs", "b.mjs"]) {
      const out = spawnSync(process.execPath, [f], { cwd: root, encoding: "utf8" });
      assert.equal(out.stdout.trim(), "invalid_token function", `${f}: ${out.stderr}`);
    }
    const out = spawnSync(process.execPath, ["--conditions=browser", "-e", 'import("agora-token-errors").then((m) => console.log(typeof m.default, typeof m.buildToken))'], { cwd: root, encoding: "utf8" });
    assert.equal(out.stdout.trim(), "function undefined", out.stderr);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("diagnose returns the whole Diagnosis, takes the reported error, and equals the CLI's", () => {
  const v = vectors.vectors[0];
  const join = { appId: vectors.app_id, channel: "test_channel", uid: 12345 };
  const now = v.pinned.issue_ts ?? v.pinned.now;
  const clean = wasm.diagnose(v.token, join, { nowUnix: now + 60 });
  assert.equal(clean.kind, "diagnosis");
  assert.equal(clean.join_looks_right, true);
  assert.equal(clean.token.app_id, vectors.app_id);
  // A clean token, and the client still reports 110: the causes not seen offline, as likely.
  const reported = wasm.diagnose(v.token, join, { nowUnix: now + 60, reported: "110" });
  assert.equal(reported.reported, "invalid_token");
  assert.ok(reported.findings.length >= 1 && reported.findings.every((f) => f.certainty === "likely"), JSON.stringify(reported.findings));
  assert.equal(wasm.diagnose(v.token, join, { nowUnix: now + 60, reported: "ERR_INVALID_TOKEN" }).reported, "invalid_token");
  assert.equal(wasm.decode(`"${v.token}"`).kind, "token");
  assert.equal(wasm.decode("007eJx").token, null);
  const r = wasm.repair(`Authorization: Bearer ${v.token}`);
  assert.equal(r.token, v.token);
  assert.deepEqual(r.undone.map((u) => u.damage), ["wrapped"]);
  assert.equal(wasm.verify(v.token, vectors.app_certificate), "valid");
  assert.equal(wasm.verify(v.token, vectors.other_certificate), "invalid");
  assert.equal(wasm.verify("not a token", vectors.app_certificate), null);
  const built = wasm.buildToken({ appId: vectors.app_id, certificate: vectors.app_certificate, expireIn: 30, rtc: { channel: "c", uid: 0, role: "publisher" } });
  assert.deepEqual(built.warnings.map((w) => w.kind).sort(), ["any_user", "short_lifetime"]);
  assert.ok(built.warnings.every((w) => w.message && w.fix));
  const errors = wasm.tokenErrors();
  assert.ok(errors.length >= 8 && errors.some((e) => e.error === "invalid_token" && e.spellings.length > 0));
  assert.equal(new Set(errors.map((e) => e.error)).size, errors.length);
  const zh = wasm.tokenErrors({ lang: "zh" });
  assert.ok(zh.every((e) => /[\u4e00-\u9fff]/.test(e.cause)), "every cause in Chinese");
  assert.equal(wasm.explain("110", { lang: "zh-CN" }).locale, "zh");
});

test("hostile 1 MiB inputs are answered", () => {
  const mib = 1 << 20;
  for (const hostile of ["ERR_".repeat(mib / 4), "007eJx".repeat(mib / 6), "1".repeat(mib), "é😀".repeat(mib / 6), "token expired ".repeat(mib / 14)]) {
    const r = wasm.explain(hostile);
    assert.ok(["code", "text", "none"].includes(r.kind));
    assert.ok(r.input.length <= 4096);
    assert.ok(Array.isArray(wasm.scan(hostile)));
  }
});

test("explain answers as the command-line tool's --json does", { skip: !process.env.AGORA_TOKEN_ERRORS_CLI && "AGORA_TOKEN_ERRORS_CLI is not set" }, () => {
  const cli = process.env.AGORA_TOKEN_ERRORS_CLI;
  const inputs = [["110"], ["-110", "--space", "native"], ["2", "--platform", "web"], ["109", "--platform", "flutter"], ["5", "--product", "rtm"],
    ["ERR_STATIC_USE_DYANMIC_KE"], ["AgoraErrorCodeTokenExpired"], ["onTokenPrivilegeWillExpire"], ["17"], ["hello"]];
  for (const line of lines("messages.tsv").slice(0, 40)) inputs.push([text(line.split("\t")[2])]);
  for (const [input, flag, value] of inputs) {
    const out = spawnSync(cli, ["--json", ...(flag ? [flag, value] : []), "--", input], { encoding: "utf8" });
    const options = flag ? { [flag.slice(2)]: value } : undefined;
    assert.deepEqual(wasm.explain(input, options), JSON.parse(out.stdout), input);
  }
  console.log(`explain (node) equals the CLI's --json on ${inputs.length} inputs`);
  // decode and diagnose: the CLI's --token ... --json.
  let tokens = 0;
  for (const v of vectors.vectors.slice(0, 12)) {
    const now = v.pinned.issue_ts ?? v.pinned.now ?? 1700000000;
    const wrapped = [v.token, `Bearer ${v.token}`, encodeURIComponent(v.token), v.token.slice(0, 40)];
    for (const t of wrapped) {
      const alone = spawnSync(cli, ["--json", "--token", t], { encoding: "utf8" });
      assert.deepEqual(wasm.decode(t), JSON.parse(alone.stdout), `${v.name}: decode`);
      const args = ["--json", "--token", t, "--app-id", vectors.app_id, "--channel", "test_channel", "--uid", "12345", "--now", String(now + 60), "110"];
      const joined = spawnSync(cli, args, { encoding: "utf8" });
      const join = { appId: vectors.app_id, channel: "test_channel", uid: 12345 };
      assert.deepEqual(wasm.diagnose(t, join, { nowUnix: now + 60, reported: "110" }), JSON.parse(joined.stdout), `${v.name}: diagnose`);
      tokens += 1;
    }
  }
  console.log(`decode and diagnose (node) equal the CLI's --token --json on ${tokens} tokens`);
});
