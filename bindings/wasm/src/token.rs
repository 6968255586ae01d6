//! Tokens: `decode`, `diagnose`, `repair` and `verify`, each the library's own answer as the
//! command-line tool's `--json` writes it.

#[cfg(feature = "explain")]
use agora_token_errors::Report;
use agora_token_errors::token::{Diagnosis, JoinParams, Token, User, repair as repair_text};
use agora_token_errors::{CodeSpace, Locale, Platform, Product, TokenError};
use wasm_bindgen::prelude::*;

use crate::input::{Fields, type_error, type_name, whole_number};
use crate::{string_argument, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** What `diagnose` is told besides the token and the join. */
export interface DiagnoseOptions {
  /** The error the client reported: a code (read in the join's product's code spaces, which
   *  `platform` or `space` narrow), an SDK name or an error text; it must mean one error. */
  reported?: string;
  /** The time of the join in Unix seconds; defaults to the clock. */
  nowUnix?: number;
  /** The platform whose code space a reported bare code is read in (`"web"`, `"android"`, ...). */
  platform?: string;
  /** The code space a reported bare code is read in. */
  space?: string;
  /** The language of the findings' and advice's messages and fixes: `"en"` (the default) or
   *  `"zh"` (简体中文). */
  lang?: string;
}

/** One privilege a service grants. */
export interface Privilege {
  /** The privilege id (1 is joinChannel for RTC). */
  id: number;
  /** Its name in Agora's builders (`joinChannel`, ...), or null when unknown. */
  label: string | null;
  /** As stored: seconds after the issue time in 007, a Unix time in 006. */
  raw: number;
  /** When it ends (Unix seconds), or null: no limit of its own, it ends with the token. */
  expires_at: number | null;
}

/** An RTM 2.x permission: access to named resources. */
export interface RtmGrant {
  resource: string | number;
  access: string | number;
  names: string[];
}

/** One service a token grants. */
export interface Service {
  /** `"rtc"`, `"rtm"`, `"chat"`, ... */
  kind: string;
  privileges: Privilege[];
  channel: string | null;
  user: string | null;
  /** RTM 2.x permissions, for an RTM 2 service that has them. */
  permissions?: RtmGrant[];
}

/** A token's fields, decoded; never its signature. */
export interface DecodedToken {
  version: "006" | "007";
  app_id: string;
  /** Unix seconds (null for 006, which carries no issue time). */
  issued_at: number | null;
  /** Seconds (null for 006). */
  lifetime: number | null;
  /** When the token stops working: the earliest of its own and its join privilege's expiry. */
  expires_at: number;
  /** The token's own expiry (Unix seconds). */
  token_expires_at: number;
  services: Service[];
}

/** What works but could be better: not a fault. */
export interface Advice {
  kind: string;
  message: string;
  fix: string;
}

/** The join as judged: never the certificate. */
export interface JudgedJoin {
  app_id: string;
  channel: string | null;
  service: string;
  /** An int uid (number) or a user account (string). */
  user: number | string | null;
  /** The time judged, Unix seconds. */
  at: number;
}

/** Everything the library says about a token (and the join it failed): `Diagnosis` in Rust,
 *  the command-line tool's `--token ... --json`. `kind` is `"token"` for a token alone. */
export interface Diagnosis {
  kind: "diagnosis" | "token";
  token: DecodedToken | null;
  /** Why the token could not be decoded, when it could not. */
  unreadable: string | null;
  join?: JudgedJoin;
  /** The error the client reported, as read. */
  reported: string | null;
  /** Cause first: `findings[0]` is what stops the join. */
  findings: Finding[];
  advice: Advice[];
  /** With a join: whether it looks right offline. */
  join_looks_right?: boolean;
}

/** One kind of transport damage undone. */
export interface Undone {
  /** `"quoted"`, `"wrapped"`, `"url_encoded"`, `"elided"`, ... (`Damage::as_str`). */
  damage: string;
  /** What it is, in a few words. */
  label: string;
  /** How to stop it happening. */
  fix: string;
}

/** A token taken out of what held it. */
export interface Repaired {
  /** The repaired token (the text as given when nothing needed undoing). */
  token: string;
  /** Each kind of damage undone, in the order repair undoes them. */
  undone: Undone[];
}
"#;

/// Now, in Unix seconds, from the JavaScript clock (`std`'s clock is absent on this target).
pub(crate) fn now_unix() -> u64 {
    let ms = js_sys::Date::now();
    // Date.now() is a whole, non-negative number of milliseconds well inside u64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let secs = (ms / 1000.0).floor().max(0.0) as u64;
    secs
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

/// The join `join`, which must be given.
fn required_join(join: &JsValue, what: &str) -> Result<JoinParams, JsValue> {
    if join.is_undefined() || join.is_null() {
        return Err(type_error(format!(
            "{what} needs the join: {{ appId, channel, uid or account }}"
        )));
    }
    join_of(join)
}

/// The error the client reported, read as the command-line tool reads it: a bare code in the
/// code spaces of the join's product (narrowed by `platform` or `space`), else a name or a
/// text; it must mean exactly one error.
#[cfg(feature = "explain")]
fn reported_error(
    text: &str,
    product: Product,
    platform: Option<Platform>,
    space: Option<CodeSpace>,
) -> Result<TokenError, JsValue> {
    let spaces = CodeSpace::for_reading(space, platform, Some(product));
    let report = Report::of(text, &spaces, Some(product));
    match report.errors() {
        [e] => Ok(*e),
        _ => Err(type_error(format!("the reported error {report}"))),
    }
}

/// Without the catalog's texts (the debugger page's lean build), a reported error is read by
/// its id only (`invalid_token`): the page reads codes, names and texts with its other build's
/// `explain` (the SDKs' names would bring the spelling tables along).
#[cfg(not(feature = "explain"))]
fn reported_error(
    text: &str,
    _: Product,
    _: Option<Platform>,
    _: Option<CodeSpace>,
) -> Result<TokenError, JsValue> {
    let text = text.trim();
    TokenError::ALL
        .iter()
        .copied()
        .find(|e| e.as_str() == text)
        .ok_or_else(|| {
            type_error(
                "this build reads a reported error by its id only (`invalid_token`, `token_expired`, ...)",
            )
        })
}

/// Decodes `token` alone, its transport damage (quotes, `Bearer `, URL encoding, ...) undone:
/// `{ kind: "token", token, unreadable, reported: null, findings: [], advice }`, the command-line
/// tool's `--token ... --json` without a join; the advice in `options.lang` (`"en"` by default,
/// or `"zh"`). A token that cannot be decoded says why in `unreadable`; nothing is thrown for it.
///
/// # Errors
///
/// A `TypeError` when `token` is not a string or `options` is not `{ lang? }`.
#[wasm_bindgen(unchecked_return_type = "Diagnosis")]
pub fn decode(
    #[wasm_bindgen(unchecked_param_type = "string")] token: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ lang?: string } | undefined")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let token = string_argument(token, "token")?;
    let options = options.unwrap_or_default();
    let lang = Fields::of(&options, "options", &["lang"])?
        .named::<Locale>("lang")?
        .unwrap_or_default();
    to_js(&Diagnosis::of_token(&token).with_locale(lang))
}

/// Diagnoses `token` against the join that failed: the whole `Diagnosis`, as the library and
/// the command-line tool's `--json` give it: the token decoded, the findings (cause first, each
/// with its error, severity, certainty, message and fix), the advice, and with
/// `options.reported` (the error the client reported) the causes that cannot be seen offline,
/// as likely findings. `options` may also be a number: `nowUnix`. A token that cannot be decoded
/// is a finding, not a thrown error.
///
/// # Errors
///
/// A `TypeError` when `token` is not a string, `join` is not a join (an unknown key, a missing
/// `appId`, a `uid` that is not an int uid, both `uid` and `account`), `nowUnix` is not a whole
/// number of seconds, or `reported` does not mean exactly one token error.
#[wasm_bindgen(unchecked_return_type = "Diagnosis")]
pub fn diagnose(
    #[wasm_bindgen(unchecked_param_type = "string")] token: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Join")] join: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "DiagnoseOptions | number | undefined")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let token = string_argument(token, "token")?;
    let join = required_join(join, "diagnose")?;
    let options = options.unwrap_or_default();
    let (now, reported, lang) = if options.as_f64().is_some() {
        (
            whole_number(&options, "nowUnix", u64::MAX)?,
            None,
            Locale::En,
        )
    } else {
        let o = Fields::of(
            &options,
            "options",
            &["reported", "nowUnix", "platform", "space", "lang"],
        )?;
        let now = o.number("nowUnix", u64::MAX)?.unwrap_or_else(now_unix);
        let product = match join.service() {
            agora_token_errors::token::ServiceKind::Rtm => Product::Rtm,
            agora_token_errors::token::ServiceKind::Chat => Product::Chat,
            _ => Product::Rtc,
        };
        let reported = match o.string("reported")? {
            Some(text) if !text.trim().is_empty() => Some(reported_error(
                &text,
                product,
                o.named::<Platform>("platform")?,
                o.named::<CodeSpace>("space")?,
            )?),
            _ => None,
        };
        let lang = o.named::<Locale>("lang")?.unwrap_or_default();
        (now, reported, lang)
    };
    to_js(&Diagnosis::of(&token, &join, now, reported).with_locale(lang))
}

/// The token in `text` (a header, a URL, JSON, a log line, or a token damaged on its way), with
/// each kind of damage undone: `{ token, undone: [{ damage, label, fix }] }`. Text that holds no
/// token's start is returned as it is, with nothing undone.
///
/// # Errors
///
/// A `TypeError` when `text` is not a string.
#[wasm_bindgen(unchecked_return_type = "Repaired")]
pub fn repair(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> Result<JsValue, JsValue> {
    let text = string_argument(text, "text")?;
    // What diagnosis reads at most; a longer text is no token, and is not copied.
    if text.len() > 6 * agora_token_errors::token::MAX_TOKEN_LEN {
        return to_js(&serde_json::json!({ "token": text, "undone": [] }));
    }
    let r = repair_text(&text);
    let undone: Vec<_> = r
        .undone()
        .iter()
        .map(
            |d| serde_json::json!({ "damage": d.as_str(), "label": d.to_string(), "fix": d.fix() }),
        )
        .collect();
    to_js(&serde_json::json!({ "token": r.token(), "undone": undone }))
}

/// Whether `certificate` (the App Certificate) signed `token` (its damage undone first):
/// `"valid"`, `"invalid"`, or `"needs_join"` for a 006 token without the join its signature
/// also covers; `null` when the token cannot be decoded. With `join`, a 006 token is checked
/// for that join's channel and user. The certificate is never echoed back.
///
/// # Errors
///
/// A `TypeError` when `token` or `certificate` is not a string, or `join` is not a join.
#[wasm_bindgen(unchecked_return_type = "\"valid\" | \"invalid\" | \"needs_join\" | null")]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "string")] token: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] certificate: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Join | undefined")] join: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let token = string_argument(token, "token")?;
    let Some(certificate) = certificate.as_string() else {
        return Err(type_error(format!(
            "certificate must be a string, not {}",
            type_name(certificate)
        )));
    };
    let join = match join {
        Some(j) if !(j.is_undefined() || j.is_null()) => Some(join_of(&j)?),
        _ => None,
    };
    let d = Diagnosis::of_token(&token);
    let Some(t): Option<&Token> = d.token() else {
        return Ok(JsValue::NULL);
    };
    let v = match &join {
        Some(join) => t.verify_with(&certificate, join),
        None => t.verify(&certificate),
    };
    Ok(JsValue::from_str(v.as_str()))
}
