// The README's calls, compiled by `tsc --strict` against the package's own declarations, as a
// user's project would resolve them: Node's `import` and `require` (module node16) and a
// bundler's `browser` condition. TypeScript is installed by npm into bindings/wasm/target/tsc
// (pinned; nothing global). Run after build.sh: `node --test bindings/wasm/tests/tsc.test.cjs`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const TYPESCRIPT = "5.9.3";
const wasm = path.join(__dirname, "..");
const dir = path.join(wasm, "target", "tsc");

function install() {
  const have = path.join(dir, "node_modules", "typescript", "package.json");
  if (fs.existsSync(have) && JSON.parse(fs.readFileSync(have, "utf8")).version === TYPESCRIPT) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, devDependencies: { typescript: TYPESCRIPT } }, null, 2));
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--silent", "--ignore-scripts"], { cwd: dir, encoding: "utf8" });
  assert.equal(npm.status, 0, `npm install typescript@${TYPESCRIPT}: ${npm.stderr}`);
}

/** The README's ```ts blocks, in order. */
function blocks() {
  const readme = fs.readFileSync(path.join(wasm, "README.npm.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test("tsc --strict compiles the README's calls against the declarations", () => {
  install();
  const project = path.join(dir, "project");
  fs.rmSync(project, { recursive: true, force: true });
  fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
  fs.symlinkSync(path.join(wasm, "pkg"), path.join(project, "node_modules", "agora-token-errors"), "dir");
  const [node, browser] = blocks();
  assert.ok(node && browser, "the README has a Node and a browser block");
  // What the README's snippets take as given.
  const given = "declare const appId: string, certificate: string, logText: string;\n";
  fs.writeFileSync(path.join(project, "node.mts"), given + node);
  fs.writeFileSync(path.join(project, "browser.mts"), browser);
  // CommonJS, and answers typed all the way down (no `unknown` where a string is).
  fs.writeFileSync(path.join(project, "require.cts"), [
    'import ate = require("agora-token-errors");',
    'const summary: string = ate.explain("110").errors[0].summary;',
    'const d = ate.diagnose("007eJx", { appId: "a", channel: "c" });',
    'const fix: string | undefined = d.findings[0]?.fix;',
    'const when: number | null | undefined = d.token?.expires_at;',
    'const built: { token: string; warnings: { kind: string; message: string; fix: string }[] } = ate.buildToken({ appId: "a", certificate: "c", expireIn: 60, chat: { userId: "u" } });',
    "export { summary, fix, when, built };",
    "",
  ].join("\n"));
  const tsc = path.join(dir, "node_modules", "typescript", "bin", "tsc");
  const common = ["--strict", "--noEmit", "--skipLibCheck", "false", "--target", "es2022"];
  const runs = [
    ["node.mts", "require.cts", "--module", "node16", "--moduleResolution", "node16"],
    ["browser.mts", "--module", "esnext", "--moduleResolution", "bundler", "--customConditions", "browser"],
  ];
  for (const args of runs) {
    const out = spawnSync(process.execPath, [tsc, ...common, ...args], { cwd: project, encoding: "utf8" });
    assert.equal(out.status, 0, `tsc ${args.join(" ")}:\n${out.stdout}${out.stderr}`);
  }
  // The browser build's declarations have no buildToken: a browser cannot sign.
  fs.writeFileSync(path.join(project, "nobuild.mts"), 'import { buildToken } from "agora-token-errors";\nexport { buildToken };\n');
  const refused = spawnSync(process.execPath, [tsc, ...common, "nobuild.mts", ...runs[1].slice(1)], { cwd: project, encoding: "utf8" });
  assert.notEqual(refused.status, 0, "the browser entry point declares buildToken");
  console.log(`tsc ${TYPESCRIPT} --strict: the README's ${blocks().length} blocks and a CommonJS use compile (Node and browser conditions)`);
});
