//! `agora-token-errors` for JavaScript: the crate's answers as plain objects, in the browser and
//! in Node, through WebAssembly.
//!
//! - `explain(input, options?)`: the report the command-line tool's `--json` prints.
//! - `diagnose(token, join, nowUnix?)`: the findings for a token and the join that failed.
//! - `scan(text)`: every token error, event and token in a log, offsets in UTF-16 units.
//! - `buildToken(options)` (feature `build`): a signed 007 token.
//!
//! A wrong type or an unknown option is a thrown `TypeError` whose message says what was wrong;
//! a bad token is never thrown, it is a finding.

#![forbid(unsafe_code)]

#[cfg(feature = "build")]
mod builder;
mod input;
mod offsets;

use agora_token_errors::token::{JoinParams, User};
use agora_token_errors::{CodeSpace, Platform, Product, Report};
use wasm_bindgen::prelude::*;

use crate::input::{Fields, type_error, type_name, whole_number};
use crate::offsets::Utf16Offsets;

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

/** What the input was read as (`kind`), and the token errors it reports. */
export interface Report {
  /** Which kind of answer: a token error, a token event, a lookalike (not a token error, and
   *  what it is), or nothing known. */
  answer: "token_error" | "token_event" | "lookalike" | "none";
  kind: "code" | "name" | "event" | "text" | "none";
  input: string;
  product: string;
  matched?: unknown;
  errors: Array<{ error: string; [key: string]: unknown }>;
  platform?: unknown;
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
fn string_argument(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(format!("{what} must be a string, not {}", type_name(value))))
}

/// `value` serialised by the crate's serde, as a plain JavaScript value (through JSON, so it is
/// byte for byte the command-line tool's `--json`).
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsValue> {
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
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "string")] input: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExplainOptions | undefined")] options: &JsValue,
) -> Result<JsValue, JsValue> {
    let input = string_argument(input, "input")?;
    let options = Fields::of(options, "options", &["platform", "product", "space"])?;
    let platform = options.named::<Platform>("platform")?;
    let product = options.named::<Product>("product")?;
    let space = options.named::<CodeSpace>("space")?;
    let spaces = CodeSpace::for_reading(space, platform, product);
    let mut report = Report::of(&input, &spaces, product);
    if let Some(p) = platform {
        report = report.with_platform(p);
    }
    to_js(&report)
}

/// The join described by `join`.
fn join_of(join: &JsValue) -> Result<JoinParams, JsValue> {
    const KEYS: [&str; 7] = [
        "appId",
        "channel",
        "rtmUser",
        "chatUser",
        "uid",
        "account",
        "certificate",
    ];
    let join = Fields::of(join, "join", &KEYS)?;
    let app_id = join.required_string("appId")?;
    let channel = join.string("channel")?;
    let rtm_user = join.string("rtmUser")?;
    let chat_user = join.string("chatUser")?;
    let mut params = match (channel, rtm_user, chat_user) {
        (Some(c), None, None) => JoinParams::new(app_id, c),
        (None, Some(u), None) => JoinParams::rtm(app_id, u),
        (None, None, Some(u)) => JoinParams::chat(app_id, u),
        _ => {
            return Err(type_error(
                "join needs exactly one of `channel` (RTC), `rtmUser` (RTM) or `chatUser` (Chat)",
            ));
        }
    };
    let uid = join.number("uid", u64::from(u32::MAX))?;
    let account = join.string("account")?;
    match (uid, account) {
        (Some(_), Some(_)) => {
            return Err(type_error(
                "join takes `uid` (an int uid) or `account` (a string user account), not both",
            ));
        }
        (Some(uid), None) => {
            params = params.with_user(User::Uid(u32::try_from(uid).unwrap_or(u32::MAX)));
        }
        (None, Some(account)) => params = params.with_account(account),
        (None, None) => {}
    }
    if let Some(certificate) = join.string("certificate")? {
        params = params.with_app_certificate(certificate);
    }
    Ok(params)
}

/// Now, in Unix seconds, from the JavaScript clock (`std`'s clock is absent on this target).
pub(crate) fn now_unix() -> u64 {
    let ms = js_sys::Date::now();
    // Date.now() is a whole, non-negative number of milliseconds well inside u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let secs = (ms / 1000.0).floor().max(0.0) as u64;
    secs
}

/// Diagnoses `token` against the join that failed: the findings, cause first, each with its
/// error, severity, certainty, message and fix; empty when nothing wrong can be seen offline.
/// `nowUnix` (seconds) defaults to the clock. A token that cannot be decoded is a finding, not
/// a thrown error.
///
/// # Errors
///
/// A `TypeError` when `token` is not a string, `join` is not a join (an unknown key, a missing
/// `appId`, a `uid` that is not an int uid, both `uid` and `account`), or `nowUnix` is not a
/// whole number of seconds.
#[wasm_bindgen(unchecked_return_type = "Finding[]")]
pub fn diagnose(
    #[wasm_bindgen(unchecked_param_type = "string")] token: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Join")] join: &JsValue,
    #[wasm_bindgen(js_name = nowUnix, unchecked_param_type = "number | undefined")] now: &JsValue,
) -> Result<JsValue, JsValue> {
    let token = string_argument(token, "token")?;
    if join.is_undefined() || join.is_null() {
        return Err(type_error(
            "diagnose needs the join: { appId, channel, uid or account }",
        ));
    }
    let join = join_of(join)?;
    let now = if now.is_undefined() || now.is_null() {
        now_unix()
    } else {
        whole_number(now, "nowUnix", u64::MAX)?
    };
    to_js(&agora_token_errors::token::Diagnosis::of(&token, &join, now, None).findings())
}

/// Scans a log for every token error, token event and token: one object per place found, with
/// its 1-based `line` and `column`, and `start`/`end`, in UTF-16 units (`text.slice(start, end)`). Tokens are
/// shown cut short. Linear in the text.
///
/// # Errors
///
/// A `TypeError` when `text` is not a string.
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
    let now = o.number("nowUnix", u64::MAX)?.unwrap_or_else(now_unix);
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
