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
#[cfg(feature = "log")]
mod scan;
#[cfg(all(feature = "explain", feature = "split"))]
mod split;
#[cfg(feature = "token")]
mod token;

#[cfg(feature = "explain")]
use agora_token_errors::{CodeSpace, Locale, Platform, Product, Report, TokenError};
use wasm_bindgen::prelude::*;

#[cfg(any(feature = "explain", feature = "convoai"))]
use crate::input::Fields;
use crate::input::{type_error, type_name};
#[cfg(all(feature = "log", feature = "split"))]
pub use crate::scan::match_message;
#[cfg(feature = "messages")]
pub use crate::scan::scan;
#[cfg(feature = "log")]
pub use crate::scan::scan_bytes;
#[cfg(all(feature = "explain", feature = "split"))]
pub use crate::split::explain_match;
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
  /** Why it counts: `"own"`, `"agora"`, `"agreement"` or, read only as a report, `"reported"` (`Support::as_str`). */
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
    let o = ExplainOptions::of(options)?;
    let mut report = Report::of(&input, &o.spaces, o.product).with_locale(o.lang);
    if let Some(p) = o.platform {
        report = report.with_platform(p);
    }
    to_js(&report)
}

/// `explain`'s options, read.
#[cfg(feature = "explain")]
pub(crate) struct ExplainOptions {
    pub(crate) spaces: Vec<CodeSpace>,
    pub(crate) platform: Option<Platform>,
    pub(crate) product: Option<Product>,
    pub(crate) lang: Locale,
}

#[cfg(feature = "explain")]
impl ExplainOptions {
    /// `{ platform?, product?, space?, lang? }`, each a known name.
    pub(crate) fn of(options: Option<JsValue>) -> Result<ExplainOptions, JsValue> {
        let options = Fields::of(
            &options.unwrap_or_default(),
            "options",
            &["platform", "product", "space", "lang"],
        )?;
        let platform = options.named::<Platform>("platform")?;
        let product = options.named::<Product>("product")?;
        let space = options.named::<CodeSpace>("space")?;
        let lang = options.named::<Locale>("lang")?.unwrap_or_default();
        Ok(ExplainOptions {
            spaces: CodeSpace::for_reading(space, platform, product),
            platform,
            product,
            lang,
        })
    }
}

/// Whether a Conversational AI agent can join with the tokens of its start request: `body` is
/// the request's JSON text, `options` `{ appId, authorization?, certificate?, nowUnix?, lang? }`
/// (`authorization` the request's header value; `lang` `"en"` or `"zh"` for the findings). The answer is `{ kind: "convoai", can_join,
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
        unchecked_param_type = "{ appId: string; authorization?: string; certificate?: string; nowUnix?: number; lang?: string }"
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
        &["appId", "authorization", "certificate", "nowUnix", "lang"],
    )?;
    let lang = o.named::<Locale>("lang")?.unwrap_or_default();
    let app_id = o.required_string("appId")?;
    let authorization = o.string("authorization")?;
    let certificate = o.string("certificate")?;
    let now = o
        .number("nowUnix", u64::MAX)?
        .unwrap_or_else(crate::token::now_unix);
    let request = agora_token_errors::token::AgentRequest::parse(&body, authorization.as_deref())
        .map_err(|e| type_error(e.to_string()))?
        .with_locale(lang);
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
