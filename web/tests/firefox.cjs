// The page in Firefox: opens web/dist (built by web/build.sh) in Firefox through puppeteer-core's
// WebDriver BiDi and checks that every tab answers there as it does in Chromium: a token decodes,
// a join is diagnosed, the certificate is checked, a code is explained (English and Chinese), a
// pasted log is scanned in the worker, and the page asks for nothing after it has loaded.
// Run: `node web/tests/firefox.cjs` (FIREFOX names the binary; default `firefox-esr`, then
// `firefox`). Exit 0 on PASS; 2 when no Firefox is installed (the caller says it was skipped).
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const { installClients, sleep, freePort, setValue, poll: pollFor } = require("./common.cjs");

installClients();
const puppeteer = require("puppeteer-core");

const root = path.resolve(__dirname, "..", "..");
const dist = path.join(root, "web", "dist");
const tokens = JSON.parse(fs.readFileSync(path.join(root, "tests", "fixtures", "tokens.json"), "utf8"));
const firefox = [process.env.FIREFOX, "firefox-esr", "firefox"]
  .filter(Boolean)
  .map((b) => spawnSync("sh", ["-c", `command -v ${b}`], { encoding: "utf8" }).stdout.trim())
  .find((p) => p);

const results = [];
const check = (what, ok, detail = "") => {
  results.push(Boolean(ok));
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${!ok && detail ? `: ${String(detail).slice(0, 300)}` : ""}`);
};

const state = (page) => page.evaluate(() => window.agoraDebugger.state);
const poll = (f, ms = 15000) => pollFor(f, ms);

async function main() {
  if (!firefox) {
    console.log("firefox: no Firefox found (FIREFOX, firefox-esr, firefox)");
    process.exitCode = 2;
    return;
  }
  if (!fs.existsSync(path.join(dist, "index.html"))) throw new Error("web/dist is missing: run web/build.sh first");
  const version = spawnSync(firefox, ["--version"], { encoding: "utf8" }).stdout.trim();
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1"], { cwd: dist, stdio: "ignore" });
  const base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 50; i += 1) {
    if (spawnSync("python3", ["-c", `import urllib.request; urllib.request.urlopen("${base}")`]).status === 0) break;
    await sleep(100);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "firefox-"));
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: firefox, headless: true, userDataDir: profile });
  try {
    const page = await browser.newPage();
    const requests = [];
    // Network requests only: Firefox loads its own `data:` font for form controls.
    page.on("request", (r) => {
      if (!r.url().startsWith("data:")) requests.push(r.url());
    });
    await page.goto(base, { waitUntil: "load" });
    const ready = await page.evaluate(() => window.agoraDebugger.fullReady()).catch((e) => String(e));
    check(`${version}: the page, both WebAssembly builds and the log worker load`, ready === true, ready);
    const loaded = requests.length;

    const v = tokens.vectors[0];
    await setValue(page, "#token-input", `Bearer ${v.token}`);
    check(
      "Token: a wrapped official token decodes, its App ID shown",
      await poll(async () => (await state(page)).decoded?.diagnosis?.token?.app_id === tokens.app_id) &&
        (await page.$eval("#token-out", (e) => e.textContent)).includes(tokens.app_id),
    );

    await page.click("#tab-join");
    await setValue(page, "#join-app", tokens.app_id);
    await setValue(page, "#join-name", "another_channel");
    await setValue(page, "#join-user", String(v.inputs.uid));
    await setValue(page, "#join-time", new Date((tokens.generated_at + 60) * 1000).toISOString().slice(0, 19));
    await page.click("#join-form button[type=submit]");
    check(
      "Join: a wrong channel is the cause, an invalid token",
      await poll(async () => (await state(page)).diagnosis?.findings?.[0]?.error === "invalid_token"),
    );

    await page.click("#tab-cert");
    await setValue(page, "#join-name", v.inputs.channel);
    await setValue(page, "#cert-input", tokens.app_certificate);
    await page.evaluate(() => document.querySelector("#cert-form")?.requestSubmit?.());
    check(
      "Certificate: the official token's signature is valid",
      await poll(async () => (await state(page)).verification === "valid"),
    );

    await page.click("#tab-code");
    for (const [input, error] of [["110", "invalid_token"], ["ERR_STATIC_USE_DYANMIC_KE", "static_use_dynamic_key"], ["加入频道失败，错误码：110", "invalid_token"]]) {
      await setValue(page, "#code-input", input);
      await page.evaluate(() => document.querySelector("#code-form").requestSubmit());
      check(`Code: ${input} explained as ${error}`, await poll(async () => JSON.stringify((await state(page)).code ?? "").includes(error)));
    }

    await page.click("#tab-log");
    await setValue(page, "#log-input", "12:00:01 I/App: joined\n12:00:03 E/App: onError: err 109, msg:\n12:00:04 W/App: onTokenPrivilegeWillExpire\n");
    await page.click("#log-go");
    check(
      "Log: a pasted log is scanned in the worker (an error and an event)",
      await poll(async () => {
        const log = (await state(page)).log;
        return log?.done && log.found.length === 2;
      }),
    );
    check("nothing was requested after the page loaded", requests.length === loaded, requests.slice(loaded).join(" "));
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
  const passed = results.filter(Boolean).length;
  console.log(`firefox: ${passed === results.length ? "PASS" : "FAIL"} ${passed} of ${results.length} checks`);
  process.exitCode = passed === results.length ? 0 : 1;
}

main().catch((e) => {
  console.log(`firefox: FAIL ${e.stack ?? e}`);
  process.exitCode = 1;
});
