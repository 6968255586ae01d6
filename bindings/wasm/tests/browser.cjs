// Serves the repository on localhost, opens tests/browser/index.html in headless Chromium
// (Debian's `chromium`) and reads the page's console output: exit 0 on its PASS line.
// Run after build.sh: `node bindings/wasm/tests/browser.cjs`.
"use strict";
const http = require("node:http");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");

const root = path.resolve(__dirname, "..", "..", "..");
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".tsv": "text/plain" };
const server = http.createServer((req, res) => {
  const file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});

server.listen(0, "127.0.0.1", () => {
  const url = `http://127.0.0.1:${server.address().port}/bindings/wasm/tests/browser/index.html`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-"));
  const chromium = spawn(process.env.CHROMIUM ?? "chromium", [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--user-data-dir=${profile}`, "--enable-logging=stderr", "--v=0", url,
  ]);
  let verdict = null;
  const done = (code, why) => {
    if (verdict !== null) return;
    verdict = code;
    console.log(why);
    chromium.kill("SIGKILL");
    server.close();
    process.exitCode = code;
  };
  // The profile goes once Chromium has exited: removing it while Chromium still writes races.
  const removeProfile = () => {
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    } catch (e) {
      console.log(`(profile ${profile} left behind: ${e.code})`);
    }
  };
  let buffered = "";
  chromium.stderr.on("data", (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      // Chromium logs a page's console.log as: INFO:CONSOLE(12)] "message", source: URL (12)
      const m = /CONSOLE[^\]]*\] "(browser: .*)", source/.exec(line);
      if (!m) continue;
      console.log(m[1]);
      if (/^browser: (PASS|FAIL) \d+ of \d+ checks$/.test(m[1])) done(m[1].startsWith("browser: PASS") ? 0 : 1, "");
    }
  });
  chromium.on("exit", () => {
    done(1, "chromium exited before the page said PASS or FAIL");
    removeProfile();
  });
  setTimeout(() => done(1, "no verdict from the page within 90 s"), 90_000).unref();
});
