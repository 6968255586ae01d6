//! `agora-token-errors` for JavaScript: the crate's answers as plain objects, in the browser and
//! in Node, through WebAssembly.
//!
//! - `explain(input, options?)`: the report the command-line tool's `--json` prints.
//! - `decode(token)`: the token's fields, its transport damage undone (`kind: "token"`).
//! - `diagnose(token, join, options?)`: the whole `Diagnosis` for a token and the join that
//!   failed, with the error the client reported (`options.reported`), as the CLI's `--json`.
//! - `repair(text)`: the token in a header, URL, JSON or log line, and what was undone.
//! - `verify(token, certificate, join?)`: whether the App Certificate signed the token.
//! - `scan(text)`: every token error, event and token in a log, offsets in UTF-16 units.
//! - `tokenErrors(options?)`: every `TokenError`, explained, with its spellings.
//! - `buildToken(options)` (feature `build`): a signed 007 token and the builder's warnings.
//! - `diagnoseAgent(body, options)` (feature `convoai`): a voice agent's start request.
//!
//! A wrong type or an unknown option is a thrown `TypeError` whose message says what was wrong;
//! a bad token is never thrown, it is a finding.

#![forbid(unsafe_code)]
// Builds without `token` (the debugger page's log and catalog build) leave some of the
// argument readers unused.
#![cfg_attr(not(feature = "token"), allow(dead_code))]

#[cfg(feature = "build")]
mod builder;
mod input;
#[cfg(feature = "messages")]
mod offsets;
#[cfg(feature = "token")]
mod token;

#[cfg(feature = "explain")]
use agora_token_errors::{CodeSpace, Locale, Platform, Product, Report, TokenError};
use wasm_bindgen::prelude::*;

#[cfg(any(feature = "explain", feature = "convoai"))]
use crate::input::Fields;
use crate::input::{type_error, type_name};
#[cfg(feature = "messages")]
use crate::offsets::Utf16Offsets;
#[cfg(feature = "token")]
pub use crate::token::{decode, diagnose, repair, verify};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Narrows how a bare code is read: one space, a platform's space, or a product's spaces. */
export interface ExplainOptions {
  /** `"android"`, `"ios"`, `"web"`, `"flutter"`, `"react_native"`, ... (`Platform::as_str`). */
  platform?: string;
  /** `"rtc"`, `"rtm"` or `"chat"`. */
  product?: string;
  /** A code space, e.g. `"native"`, `"web"`, `"rtm"`, `"chat_web"` (`CodeSpace::as_str`). */
  space?: string;
  /** The language of causes, remediations and summaries: `"en"` (the default) or `"zh"`
   *  (简体中文); a browser's `navigator.language` (`"zh-CN"`) is read too. */
  lang?: string;
}

/** The join that failed: an RTC channel, an RTM login (`rtmUser`) or a Chat login (`chatUser`). */
export interface Join {
  appId: string;
  channel?: string;
  rtmUser?: string;
  chatUser?: string;
  /** An int uid, 0 to 4294967295. */
  uid?: number;
  /** A string user account. */
  account?: string;
  /** The App Certificate: with it, the signature is checked. Never echoed back. */
  certificate?: string;
}

/** One thing wrong with a token or its join, cause first. */
export interface Finding {
  kind: string;
  damage?: string;
  error: string;
  severity: "error" | "warning";
  certainty: string;
  message: string;
  fix: string;
}

/** One place in a log: a token error, a token event, or a token (shown cut short). */
export interface Found {
  /** 1-based line number. */
  line: number;
  /** 1-based column on the line, in UTF-16 units. */
  column: number;
  /** UTF-16 offsets into the text: `text.slice(start, end)` is what was found. */
  start: number;
  end: number;
  error?: string;
  evidence?: string;
  /** Why it counts: `"own"`, `"agora"` or `"agreement"` (`Support::as_str`). */
  support?: string;
  event?: string;
  /** The token's first 12 characters and `...`: a token is never shown whole. */
  token?: string;
}

/** A voice agent's start request judged: whether the agent can join, and why not, cause first. */
export interface AgentAnswer {
  kind: "convoai";
  can_join: boolean;
  /** Each finding with the token it is about. */
  findings: Array<Finding & { token: "agent" | "authorization" }>;
}

/** How one SDK spells an error: its identifier, language, code space and code. */
export interface Spelling {
  error: string;
  identifier: string;
  language: string;
  product: string;
  space: string;
  code: number | null;
  /** Where Agora writes it. */
  citation: string;
}

/** One token error explained in a product's terms. */
export interface ErrorInfo {
  /** Its stable id, e.g. `"invalid_token"`. */
  error: string;
  /** In a few words, e.g. `"invalid token"`. */
  display: string;
  summary: string;
  cause: string;
  remediation: string;
  /** What to do, as a name: `"rebuild_token"`, `"renew_token"`, ... */
  action: string;
  native_surface: string;
  web_surface: string;
  spellings: Spelling[];
}

/** A place `scanBytes` found: `Found`'s fields in bytes of the piece (as `scan --json`),
 *  and for the first ones the line to show. */
export interface PieceFound {
  line: number;
  column: number;
  start: number;
  end: number;
  error?: string;
  evidence?: string;
  support?: string;
  event?: string;
  token?: string;
  /** Its line, cut to a window around it, every token on it shown by its head. */
  text?: string;
  /** Where the place is in `text`, in UTF-16 units. */
  from?: number;
  to?: number;
}

/** What `scanBytes` returns for a piece of a log. */
export interface ScannedPiece {
  /** Line breaks in the piece. */
  lines: number;
  found: PieceFound[];
}

/** What the input was read as (`kind`), and the token errors it reports. */
export interface Report {
  /** Which kind of answer: a token error, a token event, a lookalike (not a token error, and
   *  what it is), or nothing known. */
  answer: "token_error" | "token_event" | "lookalike" | "none";
  /** The language the errors are explained in. */
  locale: "en" | "zh";
  kind: "code" | "name" | "event" | "text" | "none";
  input: string;
  product: string;
  /** What matched: for a code its readings per space, for a name its spelling, for a text
   *  the phrase, for an event its callbacks. */
  matched?: { [key: string]: unknown };
  errors: ErrorInfo[];
  /** With `options.platform`: its error space and each error's identifier and callbacks. */
  platform?: { platform: string; space: string | null; [key: string]: unknown };
  /** When the input is no token error but something users take for one. */
  lookalike?: {
    text: string;
    space: string | null;
    code: number | null;
    product: "rtc" | "rtm" | "chat" | "convoai";
    meaning: string;
    check: string;
    citation: string;
  };
}
"#;

/// Reads `value` as a string argument named `what`.
pub(crate) fn string_argument(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(format!("{what} must be a string, not {}", type_name(value))))
}

/// `value` serialised by the crate's serde, as a plain JavaScript value (through JSON, so it is
/// byte for byte the command-line tool's `--json`).
pub(crate) fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// Explains a code, an SDK name, an event name or an error text: the report object the
/// command-line tool's `--json` prints, with a top-level `kind`. A bare code is read in
/// `options.space`, else the platform's space, else the product's spaces, else every space.
///
/// # Errors
///
/// A `TypeError` when `input` is not a string, an option is of the wrong type or an unknown
/// name, or `options` has a key it does not know.
#[cfg(feature = "explain")]
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "string")] input: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExplainOptions | undefined")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let input = string_argument(input, "input")?;
    let options = Fields::of(
        &options.unwrap_or_default(),
        "options",
        &["platform", "product", "space", "lang"],
    )?;
    let platform = options.named::<Platform>("platform")?;
    let product = options.named::<Product>("product")?;
    let space = options.named::<CodeSpace>("space")?;
    let lang = options.named::<Locale>("lang")?.unwrap_or_default();
    let spaces = CodeSpace::for_reading(space, platform, product);
    let mut report = Report::of(&input, &spaces, product).with_locale(lang);
    if let Some(p) = platform {
        report = report.with_platform(p);
    }
    to_js(&report)
}

/// Scans a log for every token error, token event and token: one object per place found, with
/// its 1-based `line` and `column`, and `start`/`end`, in UTF-16 units (`text.slice(start, end)`). Tokens are
/// shown cut short. Linear in the text.
///
/// # Errors
///
/// A `TypeError` when `text` is not a string.
#[cfg(feature = "messages")]
#[wasm_bindgen(unchecked_return_type = "Found[]")]
pub fn scan(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> Result<JsValue, JsValue> {
    let text = string_argument(text, "text")?;
    let found: Vec<_> = agora_token_errors::scan(text.as_bytes()).collect();
    let units = Utf16Offsets::new(
        &text,
        found.iter().flat_map(|f| {
            let line_start = f.span().start + 1 - f.column();
            [line_start, f.span().start, f.span().end]
        }),
    );
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        let mut value = serde_json::to_value(f).map_err(|e| JsError::new(&e.to_string()))?;
        if let Some(object) = value.as_object_mut() {
            let (start, line_start) = (f.span().start, f.span().start + 1 - f.column());
            object.insert("start".into(), units.get(start).into());
            object.insert("end".into(), units.get(f.span().end).into());
            let column = units.get(start) - units.get(line_start) + 1;
            object.insert("column".into(), column.into());
        }
        out.push(value);
    }
    to_js(&out)
}

/// Whether a Conversational AI agent can join with the tokens of its start request: `body` is
/// the request's JSON text, `options` `{ appId, authorization?, certificate?, nowUnix? }`
/// (`authorization` the request's header value). The answer is `{ kind: "convoai", can_join,
/// findings }`, each finding with the `token` it is about (`"agent"` or `"authorization"`),
/// cause first: the command-line tool's `--convoai-request --json`.
///
/// # Errors
///
/// A `TypeError` when `body` is not a string or not a start request (not JSON, no
/// `properties`), or `options` is not as above.
#[cfg(feature = "convoai")]
#[wasm_bindgen(js_name = diagnoseAgent, unchecked_return_type = "AgentAnswer")]
pub fn diagnose_agent(
    #[wasm_bindgen(unchecked_param_type = "string")] body: &JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ appId: string; authorization?: string; certificate?: string; nowUnix?: number }"
    )]
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let body = string_argument(body, "body")?;
    if options.is_undefined() || options.is_null() {
        return Err(type_error("diagnoseAgent needs { appId }"));
    }
    let o = Fields::of(
        options,
        "options",
        &["appId", "authorization", "certificate", "nowUnix"],
    )?;
    let app_id = o.required_string("appId")?;
    let authorization = o.string("authorization")?;
    let certificate = o.string("certificate")?;
    let now = o
        .number("nowUnix", u64::MAX)?
        .unwrap_or_else(crate::token::now_unix);
    let request = agora_token_errors::token::AgentRequest::parse(&body, authorization.as_deref())
        .map_err(|e| type_error(e.to_string()))?;
    let findings = request.diagnose(&app_id, certificate.as_deref(), now);
    let cannot = findings
        .iter()
        .any(|(_, f)| f.severity() == agora_token_errors::token::Severity::Error);
    let mut listed = Vec::with_capacity(findings.len());
    for (token, f) in &findings {
        let mut v = serde_json::to_value(f).map_err(|e| JsError::new(&e.to_string()))?;
        if let Some(object) = v.as_object_mut() {
            object.insert("token".into(), token.as_str().into());
        }
        listed.push(v);
    }
    to_js(&serde_json::json!({ "kind": "convoai", "can_join": !cannot, "findings": listed }))
}

/// Every `TokenError`, explained in `options.product`'s terms (RTC's by default) and
/// `options.lang` (`"en"` by default, or `"zh"`): the objects
/// `explain` gives in `errors`, each with its spellings per language and code space. The
/// dictionary a page or a tool lists.
///
/// # Errors
///
/// A `TypeError` when `options` is not `{ product?, lang? }`.
#[cfg(feature = "explain")]
#[wasm_bindgen(js_name = tokenErrors, unchecked_return_type = "ErrorInfo[]")]
pub fn token_errors(
    #[wasm_bindgen(unchecked_param_type = "{ product?: string; lang?: string } | undefined")]
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = Fields::of(
        &options.unwrap_or_default(),
        "options",
        &["product", "lang"],
    )?;
    let product = options.named::<Product>("product")?;
    let lang = options.named::<Locale>("lang")?.unwrap_or_default();
    let mut out = Vec::with_capacity(TokenError::ALL.len());
    for e in TokenError::ALL {
        // An error's own name reads as that error alone, in any product.
        let report = Report::of(e.as_str(), CodeSpace::ALL, product).with_locale(lang);
        let mut value = serde_json::to_value(&report).map_err(|x| JsError::new(&x.to_string()))?;
        if let Some(first) = value
            .get_mut("errors")
            .and_then(serde_json::Value::as_array_mut)
            .filter(|errors| errors.len() == 1)
            .map(|errors| errors.swap_remove(0))
        {
            out.push(first);
        }
    }
    to_js(&out)
}

/// What a place found looks like in a list: its line cut to a window around it, every token
/// on that window shown by its head only, and where the place is in that text (UTF-16 units).
#[cfg(feature = "messages")]
fn shown_line(
    f: &agora_token_errors::Found<'_>,
    tokens: &[core::ops::Range<usize>],
) -> (String, usize, usize) {
    /// Bytes of context kept on each side.
    const AROUND: usize = 120;
    let span = f.span();
    let line_start = span.start + 1 - f.column();
    let line = f.line_text();
    if line.is_empty() {
        // A line that is not UTF-8: what was found, alone.
        let text = if f.token().is_some() {
            shown_token(f.text())
        } else {
            f.text().to_owned()
        };
        let len = text.encode_utf16().count();
        return (text, 0, len);
    }
    let floor = |mut i: usize| {
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (s, e) = (span.start - line_start, span.end - line_start);
    let from = floor(s.saturating_sub(AROUND));
    let to = floor((e + AROUND).min(line.len()));
    let mut text = String::with_capacity(to - from + 8);
    if from > 0 {
        text.push('…');
    }
    // Where the place starts and ends in `text`, in UTF-16 units, once passed.
    let (mut start, mut end) = (None, None);
    let mut pos = from;
    // Copies `line[pos..upto]`, noting `s` and `e` on the way.
    let plain = |text: &mut String,
                 pos: &mut usize,
                 upto: usize,
                 start: &mut Option<usize>,
                 end: &mut Option<usize>| {
        for (mark, at) in [(&mut *start, s), (&mut *end, e)] {
            if mark.is_none() && *pos <= at && at <= upto {
                text.push_str(&line[*pos..at]);
                *pos = at;
                *mark = Some(text.encode_utf16().count());
            }
        }
        if upto > *pos {
            text.push_str(&line[*pos..upto]);
            *pos = upto;
        }
    };
    let mut on_window: Vec<(usize, usize)> = tokens
        .iter()
        .filter(|t| t.start >= line_start && t.end <= line_start + line.len())
        .map(|t| (t.start - line_start, t.end - line_start))
        .filter(|&(ts, te)| te > from && ts < to)
        .collect();
    on_window.sort_unstable();
    for (ts, te) in on_window {
        let (ts, te) = (ts.max(pos), te.min(to));
        if ts >= te || !line.is_char_boundary(ts) || !line.is_char_boundary(te) {
            continue;
        }
        plain(&mut text, &mut pos, ts, &mut start, &mut end);
        if start.is_none() && ts <= s && s < te {
            start = Some(text.encode_utf16().count());
        }
        text.push_str(&shown_token(&line[ts..te]));
        pos = te;
        if end.is_none() && ts < e && e <= te {
            end = Some(text.encode_utf16().count());
        }
    }
    plain(&mut text, &mut pos, to, &mut start, &mut end);
    if to < line.len() {
        text.push('…');
    }
    let start = start.unwrap_or(0);
    (text, start, end.unwrap_or(start).max(start))
}

/// A token as a list shows it: its first 12 characters and `…`.
#[cfg(feature = "messages")]
fn shown_token(token: &str) -> String {
    let head: String = token.chars().take(12).collect();
    format!("{head}…")
}

/// Scans a piece of a log given as UTF-8 bytes, for a page's worker reading a file piece by
/// piece: pieces cut just after a line break are scanned exactly as the whole file would be
/// (as the library's `scan_reader` does). Returns `{ lines, found }`: the line breaks in the
/// piece, and each place found as the command-line tool's `scan --json` writes it (`line`,
/// `column`, `start` and `end` in bytes of the piece, `error`, `evidence`, `support`, `event`,
/// `token` shown by its head), the first `shown` of them also with `text`, its line cut to a
/// window around it with every token on it shown by its head, and `from`/`to`, where the place
/// is in that text (UTF-16 units). Tokens never appear whole.
///
/// # Errors
///
/// A `TypeError` when `shown` is not a whole number.
#[cfg(feature = "messages")]
#[wasm_bindgen(js_name = scanBytes, unchecked_return_type = "ScannedPiece")]
pub fn scan_bytes(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "number | undefined")] shown: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let shown = match shown {
        Some(v) if !(v.is_undefined() || v.is_null()) => {
            usize::try_from(crate::input::whole_number(&v, "shown", u64::MAX)?)
                .unwrap_or(usize::MAX)
        }
        _ => usize::MAX,
    };
    let found: Vec<_> = agora_token_errors::scan(bytes).collect();
    let tokens: Vec<_> = found
        .iter()
        .filter(|f| f.token().is_some())
        .map(agora_token_errors::Found::span)
        .collect();
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let mut value = serde_json::to_value(f).map_err(|e| JsError::new(&e.to_string()))?;
        if i < shown {
            if let Some(object) = value.as_object_mut() {
                let (text, from, to) = shown_line(f, &tokens);
                object.insert("text".into(), text.into());
                object.insert("from".into(), from.into());
                object.insert("to".into(), to.into());
            }
        }
        out.push(value);
    }
    // One pass over a piece of a few MiB; not worth a dependency (bytecount) of its own.
    #[allow(clippy::naive_bytecount)]
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    to_js(&serde_json::json!({ "lines": lines, "found": out }))
}
