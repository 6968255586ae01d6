// The token debugger: every answer comes from the crate agora-token-errors, compiled to
// WebAssembly and run in this page. Nothing is sent (the page's CSP has connect-src 'none'),
// nothing is stored, and tokens and certificates never go into the URL.
import { STRINGS } from "./i18n.js";

/** A WebAssembly build: its bytes from a JS module (gzip + base64), no fetch. */
async function load(name) {
  const [{ default: packed }, glue] = await Promise.all([import(`./${name}/wasm.js`), import(`./${name}/agora_token_errors.js`)]);
  const gz = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  await glue.default({ module_or_path: bytes });
  return glue;
}
const core = load("core");
let dictPromise = null;
/** The dictionary build (explain, the error dictionary): loaded once, when first needed. */
const dict = () => (dictPromise ??= load("dict"));
/** The library's explain: codes, names and events read by dict; an error text read by the
 *  worker's scan build (the phrase tables are the scanner's) and its report written by dict. */
async function explain(input, options) {
  const m = await dict();
  const r = m.explain(input, options);
  if (r.kind !== "none") return r;
  const matched = await workerReady.then(() => new Promise((resolve) => {
    asked.set(++asks, resolve);
    worker.postMessage({ match: input, ask: asks });
  }));
  return matched === undefined ? r : m.explainMatch(input, matched, options);
}

const $ = (id) => document.getElementById(id);
const state = { lang: "en", token: "", decoded: null, diagnosis: null, verification: null, log: null, code: null };
const t = (key, ...args) => {
  const v = STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
};

/** Builds an element: el("p", { class: "x" }, "text", child). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}
const svg = (tag, attrs = {}, ...children) => {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
};

// ---- Secrets: a token is shown by its head; the field folds away once left. ----
/** A token as this page shows it: its first 12 characters and an ellipsis. */
const head = (token) => (token.length > 12 ? `${token.slice(0, 12)}…` : token);
/** Text that may hold a token: never put into a URL. */
const mayHoldToken = (s) => /00[67][A-Za-z0-9+/=_-]{12,}/.test(s) || s.length > 120;

function secretBox(box, summary) {
  const area = box.querySelector("textarea");
  const chip = box.querySelector(".chip");
  const fold = () => {
    if (!area.value.trim()) return;
    chip.querySelector(".chip-text").textContent = summary(area.value);
    area.hidden = true;
    chip.hidden = false;
  };
  area.addEventListener("blur", fold);
  chip.querySelector(".edit").addEventListener("click", () => {
    chip.hidden = true;
    area.hidden = false;
    area.focus();
  });
  return { fold, refresh: () => !area.hidden || fold() };
}

// ---- Times ----
function duration(seconds) {
  const u = t("units");
  const s = Math.abs(seconds);
  if (s < 90) return `${Math.round(s)}${u.s}`;
  if (s < 90 * 60) return `${Math.round(s / 60)}${u.min}`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)}${u.h}`;
  return `${Math.round(s / 86400)}${u.d}`;
}
const nowUnix = () => Math.floor(Date.now() / 1000);
const locale = () => (state.lang === "zh" ? "zh-CN" : "en-GB");
const when = (unix) => new Date(unix * 1000).toLocaleString(locale(), { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });
const expiry = (unix, now = nowUnix()) => (unix > now ? t("expiresIn", duration(unix - now)) : t("expiredAgo", duration(now - unix)));
const utc = (unix) => new Date(unix * 1000).toISOString().replace(".000Z", "Z");

// ---- Language ----
function applyLanguage() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
  document.title = t("title");
  $("lang").value = state.lang;
}

// ---- Tabs and permalinks: #/token, #/error/invalid_token, #/code/110?platform=web ----
const TABS = ["token", "join", "cert", "log", "code", "report"];
function show(tab, focus = false) {
  for (const name of TABS) {
    const button = $(`tab-${name}`);
    const on = name === tab;
    button.setAttribute("aria-selected", String(on));
    button.tabIndex = on ? 0 : -1;
    $(`panel-${name}`).hidden = !on;
  }
  if (focus) $(`tab-${tab}`).focus();
  if (tab === "report") renderReport();
  if (tab === "code") renderDictionary();
}
function route() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const [first, rest] = [path.split("/")[0], decodeURIComponent(path.split("/").slice(1).join("/"))];
  const params = new URLSearchParams(query ?? "");
  if (first === "error" && rest) {
    show("code");
    explainInput(rest, {});
  } else if (first === "code" && rest) {
    show("code");
    $("code-platform").value = params.get("platform") ?? "";
    $("code-product").value = params.get("product") ?? "";
    $("code-input").value = rest;
    explainInput(rest, { platform: params.get("platform") || undefined, product: params.get("product") || undefined });
  } else show(TABS.includes(first) ? first : "token");
}
/** Sets the hash without a token or text in it. */
function permalink(hash) {
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

// ---- Token tab ----
let tokenBox;
async function readToken() {
  const text = $("token-input").value;
  state.token = text;
  const out = $("token-out");
  if (!text.trim()) {
    out.replaceChildren();
    state.decoded = null;
    return;
  }
  const m = await core;
  const repaired = m.repair(text);
  const d = m.decode(text, { lang: state.lang });
  state.decoded = { repaired: repaired.undone, diagnosis: d, head: head(repaired.token.trim()) };
  state.verification = null;
  const parts = [];
  parts.push(el("h2", { text: t("undone") }));
  parts.push(repaired.undone.length
    ? el("ul", { class: "undone" }, repaired.undone.map((u) => el("li", { "data-damage": u.damage }, el("strong", { text: u.label }), " — ", u.fix)))
    : el("p", { class: "ok", text: t("nothingUndone") }));
  if (!d.token) {
    parts.push(el("p", { class: "bad" }, el("strong", { text: `${t("unreadable")}: ` }), d.unreadable ?? ""));
  } else {
    parts.push(tokenFields(d.token));
    parts.push(timeline(d.token));
    if (d.advice.length) parts.push(el("h2", { text: t("advice") }), el("ul", {}, d.advice.map((a) => el("li", { "data-kind": a.kind }, a.message, " ", el("em", { text: a.fix })))));
  }
  out.replaceChildren(...parts);
}

function tokenFields(tok) {
  const now = nowUnix();
  const rows = [
    [t("version"), tok.version],
    [t("appId"), tok.app_id],
  ];
  if (tok.issued_at !== null) rows.push([t("issued"), `${when(tok.issued_at)} (${t("issuedAgo", duration(now - tok.issued_at))})`]);
  if (tok.lifetime !== null) rows.push([t("lifetime"), duration(tok.lifetime)]);
  rows.push([t("expires"), `${when(tok.expires_at)} — ${expiry(tok.expires_at, now)}`]);
  if (tok.token_expires_at !== tok.expires_at) rows.push([t("tokenExpires"), `${when(tok.token_expires_at)} — ${expiry(tok.token_expires_at, now)}`]);
  const table = el("dl", { class: "fields", id: "token-fields" }, rows.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
  const services = tok.services.map((s) => el("section", { class: "service", "data-kind": s.kind },
    el("h3", { text: `${t("service")}: ${s.kind.toUpperCase()}` }),
    el("dl", { class: "fields" },
      s.channel !== null ? [el("dt", { text: t("channel") }), el("dd", { class: "mono", text: JSON.stringify(s.channel) })] : null,
      s.user !== null ? [el("dt", { text: t("user") }), el("dd", { class: "mono", text: JSON.stringify(s.user) })] : null),
    el("table", { class: "privileges" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("privilege") }), el("th", { scope: "col", text: t("expires") }))),
      el("tbody", {}, s.privileges.map((p) => el("tr", {},
        el("td", { text: `${p.label ?? "?"} (${p.id})` }),
        el("td", { text: p.expires_at === null ? t("noLimit") : `${when(p.expires_at)} — ${expiry(p.expires_at, now)}` }))))),
    s.permissions?.length
      ? [el("h4", { text: t("permissions") }), el("ul", {}, s.permissions.map((g) => el("li", { class: "mono", text: `${g.resource} ${g.access}: ${g.names.join(", ")}` })))]
      : null));
  return el("div", {}, table, services);
}

/** Bars for the token's and each privilege's lifetime, and a line at now. */
function timeline(tok) {
  const now = nowUnix();
  const start = tok.issued_at ?? Math.min(now, ...tok.services.flatMap((s) => s.privileges.map((p) => p.expires_at ?? tok.token_expires_at))) - 86400;
  const bars = [{ label: "token", from: start, to: tok.token_expires_at, cls: "bar-token" }];
  for (const s of tok.services) for (const p of s.privileges) bars.push({ label: `${s.kind} ${p.label ?? p.id}`, from: start, to: p.expires_at ?? tok.token_expires_at, cls: p.expires_at === null ? "bar-open" : "bar-priv" });
  const lo = Math.min(start, now), hi = Math.max(now, ...bars.map((b) => b.to));
  const span = Math.max(1, hi - lo);
  const W = 640, L = 170, R = 12, H = 22, top = 8;
  const x = (u) => L + ((u - lo) / span) * (W - L - R);
  const height = top + bars.length * H + 26;
  const g = svg("svg", { viewBox: `0 0 ${W} ${height}`, role: "img", "aria-label": t("timeline"), class: "timeline" });
  bars.forEach((b, i) => {
    const y = top + i * H;
    g.append(svg("text", { x: L - 6, y: y + 14, "text-anchor": "end", class: "tl-label" }, b.label));
    g.append(svg("rect", { x: x(b.from), y: y + 3, width: Math.max(2, x(b.to) - x(b.from)), height: H - 8, rx: 3, class: b.cls }, svg("title", {}, `${b.label}: ${utc(b.from)} → ${utc(b.to)}`)));
  });
  const nx = x(now);
  g.append(svg("line", { x1: nx, x2: nx, y1: 2, y2: height - 18, class: "tl-now" }));
  g.append(svg("text", { x: nx, y: height - 4, "text-anchor": nx > W - 40 ? "end" : "middle", class: "tl-now-label" }, t("now")));
  const day = (u) => new Date(u * 1000).toLocaleDateString(locale(), { month: "short", day: "numeric" });
  g.append(svg("text", { x: L, y: height - 4, "text-anchor": "start", class: "tl-label" }, day(lo)));
  if (Math.abs(x(hi) - nx) > 60) g.append(svg("text", { x: W - R, y: height - 4, "text-anchor": "end", class: "tl-label" }, day(hi)));
  return el("figure", { class: "timeline-box" }, el("figcaption", { text: t("timeline") }), g);
}

// ---- Join tab ----
function joinOf() {
  const appId = $("join-app").value.trim();
  const name = $("join-name").value;
  if (!appId || !name) return null;
  const join = { appId, [$("join-service").value]: name };
  const user = $("join-user").value.trim();
  if (user !== "") {
    if (!$("join-account").checked && /^\d+$/.test(user) && Number(user) <= 0xffffffff) join.uid = Number(user);
    else join.account = user;
  }
  const cert = $("cert-input").value.trim();
  if (cert) join.certificate = cert;
  return join;
}
async function diagnoseJoin() {
  const out = $("join-out");
  const join = joinOf();
  if (!join) return out.replaceChildren();
  const time = $("join-time").value ? Math.floor(new Date($("join-time").value).getTime() / 1000) : nowUnix();
  let d;
  try {
    // The reported error is read as the CLI reads it (a code in the join's product's spaces, a
    // name or a text) by explain; the core build diagnoses with its id.
    const text = $("join-reported").value.trim();
    let reported;
    if (text) {
      const product = { channel: "rtc", rtmUser: "rtm", chatUser: "chat" }[$("join-service").value];
      const r = await explain(text, { product });
      if (r.errors.length !== 1) throw new TypeError(`${t("join.reported")}: ${t("answer")[r.answer] ?? r.answer} (${r.errors.map((e) => e.error).join(", ") || r.kind})`);
      reported = r.errors[0].error;
    }
    d = (await core).diagnose($("token-input").value, join, { nowUnix: time, reported, lang: state.lang });
  } catch (e) {
    state.diagnosis = null;
    return out.replaceChildren(el("p", { class: "bad", role: "alert", text: e.message }));
  }
  state.diagnosis = d;
  const parts = [];
  if (!$("token-input").value.trim()) parts.push(el("p", { class: "hint", text: t("noToken") }));
  if (d.reported) parts.push(el("p", {}, el("strong", { text: `${t("reportedAs")}: ` }), el("code", { text: d.reported })));
  if (d.findings.length === 0) parts.push(el("p", { class: "ok", text: t("looksRight") }));
  parts.push(el("ol", { class: "findings", id: "findings" }, d.findings.map((f, i) => el("li", { class: `finding ${f.severity} ${f.certainty}`, "data-error": f.error, "data-kind": f.kind },
    el("p", { class: "badges" },
      i === 0 ? el("span", { class: "badge cause", text: t("cause") }) : null,
      el("span", { class: `badge ${f.severity}`, text: t("severity")[f.severity] ?? f.severity }),
      el("span", { class: `badge ${f.certainty}`, text: t("certainty")[f.certainty] ?? f.certainty }),
      el("a", { href: `#/error/${f.error}`, class: "error-id", text: f.error })),
    el("p", { class: "message", text: f.message }),
    el("p", { class: "fix" }, el("strong", { text: `${t("fix")}: ` }), f.fix)))));
  if (d.advice.length) parts.push(el("h2", { text: t("advice") }), el("ul", {}, d.advice.map((a) => el("li", {}, a.message, " ", el("em", { text: a.fix })))));
  out.replaceChildren(...parts);
}

// ---- Certificate tab ----
async function checkCertificate() {
  const out = $("cert-out");
  const cert = $("cert-input").value.trim();
  if (!cert) return out.replaceChildren();
  const m = await core;
  let v;
  try {
    v = m.verify($("token-input").value, cert, joinOf() ?? undefined);
  } catch (e) {
    return out.replaceChildren(el("p", { class: "bad", role: "alert", text: e.message }));
  }
  state.verification = v ?? "none";
  out.replaceChildren(el("p", { class: v === "valid" ? "ok" : v === "invalid" ? "bad" : "hint", id: "signature", "data-verification": v ?? "none", text: t("sig")[v ?? "none"] }));
}

// ---- Log tab: a worker reads and scans, the page only lists ----
// One worker, started with the page and kept: scans are sent to it, and stopped by a message.
let worker = null;
let workerReady = null;
let jobs = 0;
// Error texts asked of the worker (explain), each answered by its number.
const asked = new Map();
let asks = 0;
const SHOWN = 2000;
function startWorker() {
  worker = new Worker("worker.js", { type: "module" });
  worker.addEventListener("message", ({ data }) => {
    if (data.ask) asked.get(data.ask)?.(data.matched);
    asked.delete(data.ask);
  });
  workerReady = new Promise((resolve) => {
    worker.addEventListener("message", function once({ data }) {
      if (data.ready) { worker.removeEventListener("message", once); resolve(true); }
    });
  });
}
function scanLog(blob) {
  jobs += 1;
  const job = jobs;
  const log = { found: [], counts: new Map(), bytes: blob.size, done: false, started: performance.now(), ms: 0 };
  state.log = log;
  $("log-progress").hidden = false;
  $("log-progress").value = 0;
  $("log-stop").disabled = false;
  $("log-list").replaceChildren();
  $("log-counts").replaceChildren();
  $("log-explain").replaceChildren();
  worker.onmessage = ({ data }) => {
    if (data.job !== job) return;
    if (data.found) {
      for (const f of data.found) {
        log.found.push(f);
        const key = f.error ? `error:${f.error}` : f.event ? `event:${f.event}` : "token";
        const c = log.counts.get(key) ?? { count: 0, first: f.line };
        c.count += 1;
        log.counts.set(key, c);
      }
    }
    if (data.progress !== undefined) {
      $("log-progress").value = data.progress;
      $("log-status").textContent = t("scanning", bytes(data.read), bytes(log.bytes));
    }
    if (data.error) $("log-status").textContent = data.error;
    if (data.done) {
      log.done = true;
      log.ms = Math.round(data.ms);
      $("log-progress").value = 1;
      $("log-stop").disabled = true;
      $("log-status").textContent = t("scanned", log.found.length, bytes(log.bytes), log.ms);
      renderLog();
    }
  };
  worker.postMessage({ blob, shown: SHOWN });
}
function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
function renderLog() {
  const log = state.log;
  if (!log) return;
  const filter = $("log-filter").value.trim().toLowerCase();
  const rows = [...log.counts.entries()].sort((a, b) => b[1].count - a[1].count);
  $("log-counts").replaceChildren(el("table", { class: "counts", id: "log-count-table" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("what") }), el("th", { scope: "col", text: t("count") }), el("th", { scope: "col", text: t("first") }))),
    el("tbody", {}, rows.map(([key, c]) => el("tr", { "data-key": key },
      el("td", {}, el("button", { type: "button", class: "linkish", onclick: () => { $("log-filter").value = key.split(":")[1] ?? key; renderLog(); }, text: key.replace(":", " ") })),
      el("td", { text: String(c.count) }), el("td", { text: String(c.first) }))))));
  const matches = log.found.filter((f) => f.text !== undefined && (!filter || [f.error, f.event, f.token ? "token" : "", f.text].some((v) => v && v.toLowerCase().includes(filter))));
  const items = matches.slice(0, 500).map((f) => {
    const what = f.error ?? f.event ?? "token";
    const mark = el("mark", { text: f.text.slice(f.from, f.to) });
    return el("li", {},
      el("button", { type: "button", class: "found-item", "data-line": f.line, "aria-label": `${t("line")} ${f.line}: ${what}`, onclick: () => explainFound(f) },
        el("span", { class: "line-no", text: `${t("line")} ${f.line}` }), " ",
        el("span", { class: "badge", text: what }), " ",
        el("code", {}, f.text.slice(0, f.from), mark, f.text.slice(f.to))));
  });
  $("log-list").replaceChildren(...items);
  if (log.found.length > SHOWN) $("log-list").before(el("p", { class: "hint", text: t("shownFirst", SHOWN, log.found.length) }));
}
async function explainFound(f) {
  const input = f.error ?? f.event;
  const target = $("log-explain");
  if (!input) return target.replaceChildren(el("p", { class: "hint", text: `${f.token} — ${t("tab.token")}` }));
  target.replaceChildren(renderReport2(await explain(input, { lang: state.lang })));
  target.querySelector("h3")?.setAttribute("tabindex", "-1");
  target.querySelector("h3")?.focus();
}

// ---- Code tab ----
async function explainInput(input, options) {
  const out = $("code-out");
  if (!input.trim()) return out.replaceChildren();
  if (/00[67][A-Za-z0-9+/=_-]{40,}/.test(input)) {
    // A token: read on its own tab, never searched for (nor put in the URL).
    $("code-input").value = "";
    $("token-input").value = input;
    show("token", true);
    await readToken();
    tokenBox.fold();
    return;
  }
  let r;
  try {
    r = await explain(input, { ...options, lang: state.lang });
  } catch (e) {
    return out.replaceChildren(el("p", { class: "bad", role: "alert", text: e.message }));
  }
  state.code = r;
  out.replaceChildren(renderReport2(r));
}
/** A report from explain: cause, remediation and spellings, as the library writes them. */
function renderReport2(r) {
  const parts = [el("p", { class: `answer ${r.answer}`, "data-answer": r.answer, "data-kind": r.kind }, el("strong", { text: t("answer")[r.answer] ?? r.answer }), ` (${r.kind})`)];
  for (const e of r.errors) {
    parts.push(el("article", { class: "error", "data-error": e.error },
      el("h3", {}, e.display, " ", el("code", { text: e.error }), " ", el("a", { href: `#/error/${e.error}`, class: "permalink", text: t("permalink") })),
      el("p", { class: "summary", text: e.summary }),
      el("h4", { text: t("cause") }), el("p", { class: "cause", text: e.cause }),
      el("h4", { text: t("remediation") }), el("p", { class: "remediation", text: e.remediation }),
      el("details", {}, el("summary", { text: `${t("spellings")} (${e.spellings.length})` }), spellings(e.spellings))));
  }
  if (r.kind === "event" && r.matched) {
    parts.push(el("p", { class: "remediation", text: r.matched.remediation }),
      el("dl", { class: "fields" }, Object.entries(r.matched.callbacks ?? {}).filter(([, v]) => v).map(([k, v]) => [el("dt", { text: k }), el("dd", { class: "mono", text: v })])));
  }
  if (r.lookalike) {
    parts.push(el("dl", { class: "fields" }, el("dt", { text: t("meaning") }), el("dd", { text: r.lookalike.meaning }), el("dt", { text: t("check") }), el("dd", { text: r.lookalike.check }), el("dt", { text: t("citation") }), el("dd", { text: r.lookalike.citation })));
  }
  return el("div", {}, parts);
}
function spellings(list) {
  return el("div", { class: "scroll" }, el("table", { class: "spellings" },
    el("thead", {}, el("tr", {}, [t("language2"), t("identifier"), t("space"), t("code")].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, list.map((s) => el("tr", {}, el("td", { text: s.language }), el("td", { class: "mono", text: s.identifier }), el("td", { text: s.space }), el("td", { text: s.code ?? "" }))))));
}
let dictionaryLang = null;
async function renderDictionary() {
  const product = $("code-product").value || undefined;
  const key = `${state.lang}/${product}`;
  if (dictionaryLang === key) return;
  dictionaryLang = key;
  const errors = (await dict()).tokenErrors({ product, lang: state.lang });
  $("dictionary").replaceChildren(...errors.map((e) => el("li", { "data-error": e.error },
    el("a", { href: `#/error/${e.error}` }, el("strong", { text: e.display }), " ", el("code", { text: e.error })),
    el("p", { text: e.summary }),
    el("p", { class: "hint", text: [...new Set(e.spellings.map((s) => s.identifier))].slice(0, 6).join(" · ") }))));
}

// ---- Safe report ----
function renderReport() {
  const lines = ["## Agora token debugger report", ""];
  const d = state.decoded;
  if (d) {
    lines.push(`- Token: \`${d.head}\` (head only)`);
    if (d.repaired.length) lines.push(`- Undone before reading: ${d.repaired.map((u) => u.damage).join(", ")}`);
    const tok = d.diagnosis.token;
    if (tok) {
      lines.push(`- Version ${tok.version}, App ID \`${tok.app_id.slice(0, 4)}…${tok.app_id.slice(-4)}\``);
      if (tok.issued_at !== null) lines.push(`- Issued ${utc(tok.issued_at)}, lifetime ${tok.lifetime} s`);
      lines.push(`- Expires ${utc(tok.expires_at)} (${expiry(tok.expires_at)})`);
      for (const s of tok.services) {
        const privs = s.privileges.map((p) => `${p.label ?? p.id} until ${p.expires_at === null ? "the token's expiry" : utc(p.expires_at)}`).join("; ");
        lines.push(`- Service ${s.kind}${s.channel !== null ? `, channel \`${s.channel}\`` : ""}${s.user !== null ? `, user \`${s.user}\`` : ""}: ${privs}`);
      }
    } else lines.push(`- Cannot be decoded: ${d.diagnosis.unreadable}`);
  } else lines.push("- No token given");
  if (state.verification) lines.push(`- Signature with the App Certificate (not included): ${state.verification}`);
  const diag = state.diagnosis;
  if (diag) {
    lines.push("", "### Diagnosis", "", `Join at ${utc(diag.join.at)}: ${diag.join.service}${diag.join.channel !== null ? `, channel \`${diag.join.channel}\`` : ""}${diag.join.user !== null ? `, user \`${diag.join.user}\`` : ""}${diag.reported ? `; the client reported \`${diag.reported}\`` : ""}`, "");
    if (!diag.findings.length) lines.push("Nothing wrong can be seen offline.");
    diag.findings.forEach((f, i) => lines.push(`${i + 1}. **${f.severity}, ${f.certainty}: \`${f.error}\`** (${f.kind}) — ${f.message}`, `   Fix: ${f.fix}`));
  }
  const log = state.log;
  if (log?.done) {
    lines.push("", "### Log", "", `${log.found.length} found in ${bytes(log.bytes)}:`);
    for (const [key, c] of log.counts) lines.push(`- ${key.replace(":", " ")}: ${c.count} (first on line ${c.first})`);
  }
  lines.push("", "_Made offline by the agora-token-errors debugger page; no certificate, the token by its head only._");
  let text = lines.join("\n");
  // A last guard: nothing token-shaped or certificate-like leaves the page whole.
  const cert = $("cert-input").value.trim();
  if (cert) text = text.split(cert).join("(certificate)");
  if (state.token.trim().length > 12) text = text.split(state.token.trim()).join(head(state.token.trim()));
  text = text.replace(/\b(00[67][A-Za-z0-9+/]{9})[A-Za-z0-9+/=]{20,}/g, "$1…");
  $("report-out").value = text;
}

// ---- Wiring ----
function debounce(f, ms) {
  let timer;
  return (...a) => { clearTimeout(timer); timer = setTimeout(() => f(...a), ms); };
}
function init() {
  const preferred = (navigator.languages?.[0] ?? navigator.language ?? "en").toLowerCase();
  state.lang = preferred.startsWith("zh") ? "zh" : "en";
  const platforms = ["android", "ios", "macos", "windows", "web", "unity", "cocos_creator", "electron", "react_native", "flutter"];
  $("code-platform").append(...platforms.map((p) => el("option", { value: p, text: p })));
  applyLanguage();
  $("lang").addEventListener("change", () => {
    state.lang = $("lang").value;
    applyLanguage();
    dictionaryLang = null;
    readToken();
    diagnoseJoin();
    if (state.code) explainInput($("code-input").value, codeOptions());
    if (!$("panel-code").hidden) renderDictionary();
    renderLog();
    if (state.verification) checkCertificate();
  });
  const tablist = $("tabs");
  tablist.addEventListener("click", (e) => {
    const tab = e.target.closest("[data-tab]")?.dataset.tab;
    if (tab) { show(tab); permalink(`#/${tab}`); }
  });
  tablist.addEventListener("keydown", (e) => {
    const i = TABS.indexOf(document.activeElement?.dataset.tab);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length];
    show(tab, true);
    permalink(`#/${tab}`);
  });
  tokenBox = secretBox($("token-box"), (v) => `${head(v.trim())} — ${t("hidden", v.trim().length)}`);
  secretBox($("log-box"), (v) => t("hiddenLog", v.split("\n").length));
  $("token-input").addEventListener("input", debounce(() => { readToken(); diagnoseJoin(); }, 150));
  $("join-form").addEventListener("submit", (e) => { e.preventDefault(); diagnoseJoin(); });
  for (const id of ["join-app", "join-name", "join-user", "join-reported"]) $(id).addEventListener("input", debounce(diagnoseJoin, 250));
  for (const id of ["join-service", "join-account", "join-time"]) $(id).addEventListener("change", diagnoseJoin);
  $("cert-form").addEventListener("submit", (e) => { e.preventDefault(); checkCertificate(); diagnoseJoin(); });
  $("cert-clear").addEventListener("click", () => { $("cert-input").value = ""; state.verification = null; $("cert-out").replaceChildren(); diagnoseJoin(); });
  $("log-go").addEventListener("click", () => {
    const text = $("log-input").value;
    if (text) scanLog(new Blob([text]));
  });
  $("log-stop").addEventListener("click", () => {
    jobs += 1;
    worker.postMessage({ cancel: true });
    $("log-stop").disabled = true;
    $("log-status").textContent = t("stopped");
  });
  $("log-file").addEventListener("change", () => { const f = $("log-file").files[0]; if (f) scanLog(f); });
  const drop = $("drop");
  for (const ev of ["dragenter", "dragover"]) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const f = e.dataTransfer?.files?.[0];
    if (f) scanLog(f);
  });
  // A file dropped anywhere else must not navigate away (and show the log as a page).
  for (const ev of ["dragover", "drop"]) window.addEventListener(ev, (e) => e.preventDefault());
  $("log-filter").addEventListener("input", debounce(renderLog, 150));
  $("code-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $("code-input").value.trim();
    const options = codeOptions();
    if (input && !mayHoldToken(input)) {
      const q = new URLSearchParams(Object.entries(options).filter(([, v]) => v)).toString();
      permalink(`#/code/${encodeURIComponent(input)}${q ? `?${q}` : ""}`);
    } else permalink("#/code");
    explainInput(input, options);
  });
  $("code-product").addEventListener("change", () => { dictionaryLang = null; renderDictionary(); });
  $("report-copy").addEventListener("click", async () => {
    renderReport();
    try {
      await navigator.clipboard.writeText($("report-out").value);
      $("report-status").textContent = t("copied");
    } catch {
      $("report-out").select();
      $("report-status").textContent = t("copyFailed");
    }
  });
  startWorker();
  window.addEventListener("hashchange", route);
  route();
  // The dict build is loaded once the page is idle: the first answer never waits for it.
  (window.requestIdleCallback ?? ((f) => setTimeout(f, 200)))(() => dict());
  // For tests and curious users: what the page computed (never a token or a certificate).
  window.agoraDebugger = {
    ready: () => core.then(() => true),
    fullReady: () => Promise.all([dict(), workerReady]).then(() => true),
    get state() {
      return { lang: state.lang, decoded: state.decoded && { repaired: state.decoded.repaired, diagnosis: state.decoded.diagnosis }, diagnosis: state.diagnosis, verification: state.verification, code: state.code, log: state.log && { done: state.log.done, ms: state.log.ms, bytes: state.log.bytes, found: state.log.found.map(({ text, from, to, ...f }) => f), counts: Object.fromEntries(state.log.counts) } };
    },
  };
}
function codeOptions() {
  return { platform: $("code-platform").value || undefined, product: $("code-product").value || undefined };
}
init();
