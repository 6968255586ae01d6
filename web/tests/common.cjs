// What both browser tests of the page share: installing their npm clients, a free port, and
// driving the page's fields the way a user's input does.
"use strict";
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

/** puppeteer-core and axe-core, from this folder's package-lock.json, into this folder. */
function installClients() {
  const here = __dirname;
  const have = (p) => fs.existsSync(path.join(here, "node_modules", ...p));
  if (!have(["puppeteer-core", "package.json"]) || !have(["axe-core", "axe.min.js"])) {
    const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--silent"], { cwd: here, stdio: "inherit" });
    if (npm.status !== 0) throw new Error("npm ci failed in web/tests");
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on. */
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Sets a field as typing would: shown, its value set, `input` and `change` sent. */
async function setValue(page, selector, value) {
  await page.evaluate(
    (s, v) => {
      const e = document.querySelector(s);
      e.hidden = false;
      e.closest(".secret")?.querySelector(".chip")?.setAttribute("hidden", "");
      e.value = v;
      e.dispatchEvent(new Event("input", { bubbles: true }));
      e.dispatchEvent(new Event("change", { bubbles: true }));
    },
    selector,
    value,
  );
}

/** Polls `f` (in Node) until it is true, for up to `ms`. */
async function poll(f, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await f()) return true;
    await sleep(40);
  }
  return false;
}

module.exports = { installClients, sleep, freePort, setValue, poll };
