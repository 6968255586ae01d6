//! `buildToken` (feature `build`): a signed `AccessToken2` (007) token, for a Node token server.

use agora_token_errors::token::{Role, Token, User};
use wasm_bindgen::prelude::*;

use crate::input::{Fields, type_error};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** What `buildToken` signs: the project, the lifetime, and one or more services. */
export interface BuildOptions {
  appId: string;
  /** The App Certificate. Never echoed back in an error. */
  certificate: string;
  /** Seconds from the issue time, 1 to 86400. */
  expireIn: number;
  /** Unix seconds; defaults to the clock. */
  issuedAt?: number;
  /** 1 to 99999999; defaults to a random salt. */
  salt?: number;
  /** Joining an RTC channel: an int `uid` or a string `account`, and a role. */
  rtc?: { channel: string; uid?: number; account?: string; role: "publisher" | "subscriber" };
  /** Logging in to RTM. */
  rtm?: { userId: string };
  /** A Chat user. */
  chat?: { userId: string };
}

/** A signed token and the builder's warnings about it. */
export interface Built {
  token: string;
  /** Valid choices that are often a mistake (uid 0, a short lifetime, ...), as the advice a
   *  diagnosis gives: `{ kind, message, fix }`. */
  warnings: Advice[];
}
"#;

/// Builds and signs a 007 token: the same signed content as Agora's official builders for the same
/// inputs. Returns `{ token, warnings }`: the builder's warnings (uid 0, a short lifetime, ...)
/// about choices that are valid but often a mistake. The checks the Rust builder makes before signing (an App ID or certificate that is
/// not 32 hex digits, a lifetime in milliseconds, an empty channel) are thrown as an `Error`
/// named `BuildError`.
///
/// # Errors
///
/// A `TypeError` for a wrong type, an unknown key or a missing field; an `Error` named
/// `BuildError` when the inputs would make a token Agora refuses.
#[wasm_bindgen(js_name = buildToken, unchecked_return_type = "Built")]
pub fn build_token(
    #[wasm_bindgen(unchecked_param_type = "BuildOptions")] options: &JsValue,
) -> Result<JsValue, JsValue> {
    const KEYS: [&str; 8] = [
        "appId",
        "certificate",
        "expireIn",
        "issuedAt",
        "salt",
        "rtc",
        "rtm",
        "chat",
    ];
    if options.is_undefined() || options.is_null() {
        return Err(type_error(
            "buildToken needs { appId, certificate, expireIn, rtc | rtm | chat }",
        ));
    }
    let o = Fields::of(options, "options", &KEYS)?;
    let app_id = o.required_string("appId")?;
    let certificate = o.required_string("certificate")?;
    let expire_in = o
        .number("expireIn", u64::MAX)?
        .ok_or_else(|| type_error("options.expireIn is required (seconds, 1 to 86400)"))?;
    // A time past a token's 32-bit field is the builder's `TimeOutOfRange`.
    let issued_at = o
        .number("issuedAt", u64::MAX)?
        .unwrap_or_else(crate::token::now_unix);
    let mut builder = Token::builder(app_id, certificate)
        .expire_in(expire_in)
        .issued_at(issued_at);
    if let Some(salt) = o.number("salt", u64::from(u32::MAX))? {
        builder = builder.salt(u32::try_from(salt).unwrap_or(u32::MAX));
    }
    if !(o.has("rtc") || o.has("rtm") || o.has("chat")) {
        return Err(type_error(
            "buildToken needs a service: options.rtc, options.rtm or options.chat",
        ));
    }
    if o.has("rtc") {
        let rtc = Fields::of(
            &o.get("rtc")?,
            "options.rtc",
            &["channel", "uid", "account", "role"],
        )?;
        let channel = rtc.required_string("channel")?;
        let user = match (
            rtc.number("uid", u64::from(u32::MAX))?,
            rtc.string("account")?,
        ) {
            (Some(_), Some(_)) => {
                return Err(type_error(
                    "options.rtc takes `uid` (an int uid) or `account` (a string), not both",
                ));
            }
            (Some(uid), None) => User::Uid(u32::try_from(uid).unwrap_or(u32::MAX)),
            (None, Some(account)) => User::Account(account),
            (None, None) => {
                return Err(type_error(
                    "options.rtc needs `uid` (an int uid; 0 lets the SDK pick) or `account`",
                ));
            }
        };
        let role = rtc.named::<Role>("role")?.ok_or_else(|| {
            type_error("options.rtc.role is required: \"publisher\" or \"subscriber\"")
        })?;
        builder = builder.rtc(channel, user, role);
    }
    if o.has("rtm") {
        let rtm = Fields::of(&o.get("rtm")?, "options.rtm", &["userId"])?;
        builder = builder.rtm(rtm.required_string("userId")?);
    }
    if o.has("chat") {
        let chat = Fields::of(&o.get("chat")?, "options.chat", &["userId"])?;
        builder = builder.chat_user(chat.required_string("userId")?);
    }
    let token = builder.build().map_err(|e| {
        let error = js_sys::Error::new(&e.to_string());
        error.set_name("BuildError");
        JsValue::from(error)
    })?;
    crate::to_js(&serde_json::json!({ "token": token, "warnings": builder.warnings() }))
}
