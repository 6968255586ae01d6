//! Recognising token errors in what apps actually hold: log lines, exception texts, callbacks.
//!
//! Every token error an SDK prints contains one of a few short anchors ("token", "appid",
//! "ic_ke" of `DYNAMIC_KEY` and `STATIC_KE`, "authorized", "account", "onError", ...). One
//! SIMD multi-pattern search (aho-corasick's packed Teddy searcher) finds those; each hit then costs a cheap
//! check: the word around it looked up through the catalog's name map, a phrase compared, or the
//! code after `onError` or a connection reason read and looked up in its code space. Text with no
//! anchor, which is nearly every line of a log, costs only the search.

use core::ops::Range;
use std::sync::OnceLock;

use aho_corasick::packed::{Config, MatchKind, Searcher};

use crate::catalog::lookup_spelling;
use crate::{CodeSpace, Spelling, TokenError};

/// What an anchor hit is checked for.
#[derive(Clone, Copy)]
enum Check {
    /// An identifier containing the anchor, or a phrase around it.
    Word,
    /// A native error code after `onError` / `didOccurError`.
    ErrorCallback,
    /// A reason code after a connection-state callback.
    ConnectionState,
}

/// The anchors, in the cases the SDKs write them (matching is case-sensitive here and
/// case-insensitive in the checks that follow, so every case the SDKs use is covered).
const ANCHORS: &[(&str, Check)] = &[
    ("token", Check::Word),
    ("Token", Check::Word),
    ("TOKEN", Check::Word),
    ("appid", Check::Word),
    ("appId", Check::Word),
    ("AppId", Check::Word),
    ("Appid", Check::Word),
    ("APPID", Check::Word),
    ("APP_ID", Check::Word),
    ("IC_KE", Check::Word),
    ("ic ke", Check::Word),
    ("DOR_KEY", Check::Word),
    ("dor key", Check::Word),
    ("AUTHORIZED", Check::Word),
    ("authorized", Check::Word),
    ("Authorized", Check::Word),
    ("ACCOUNT", Check::Word),
    ("Account", Check::Word),
    ("STAMP_EXP", Check::Word),
    ("PERMISSION_INV", Check::Word),
    ("CERTIFICATE_INV", Check::Word),
    ("onError", Check::ErrorCallback),
    ("OnError", Check::ErrorCallback),
    ("didOccurError", Check::ErrorCallback),
    ("StateChanged", Check::ConnectionState),
    ("ToState", Check::ConnectionState),
];

/// Phrases the Web SDK uses for token rejections, lower case. The Web 4.x access-point reasons
/// (`AgoraRTC_N-production.js`, npm agora-rtc-sdk-ng 4.24.8), the Web 3.x and 4.x did-expire
/// messages, and the `INVALID_PARAMS` check of the token argument.
const PHRASES: &[(&str, TokenError)] = &[
    ("invalid vendor key", TokenError::InvalidAppId),
    ("can not find appid", TokenError::InvalidAppId),
    ("invalid appid", TokenError::InvalidAppId),
    ("invalid token, authorized failed", TokenError::InvalidToken),
    ("dynamic key or token timeout", TokenError::TokenExpired),
    ("dynamic key expired", TokenError::TokenExpired),
    ("static use dynamic key", TokenError::StaticUseDynamicKey),
    ("dynamic use static key", TokenError::DynamicUseStaticKey),
    ("tokenprivilegedidexpire", TokenError::TokenExpired),
    ("token-privilege-did-expire", TokenError::TokenExpired),
    ("if you don not use token", TokenError::InvalidToken),
];

/// How far after a callback name its code may stand (`onError: err 110, msg: ...`).
const CODE_REACH: usize = 32;

/// How far after a connection-state callback its reason may stand.
const REASON_REACH: usize = 96;

fn searcher() -> &'static Searcher {
    static SEARCHER: OnceLock<Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| {
        Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .builder()
            .extend(ANCHORS.iter().map(|(a, _)| a))
            .build()
            .expect("a few dozen short literals always build a packed searcher")
    })
}

/// A token error found in a text, with what matched.
///
/// ```
/// let m = agora_token_errors::TokenError::match_message("User join failed [ERR_NO_AUTHORIZED]").unwrap();
/// assert_eq!(m.matched(), "ERR_NO_AUTHORIZED");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageMatch {
    error: TokenError,
    matched: &'static str,
    spelling: Option<&'static Spelling>,
    space: Option<CodeSpace>,
    code: Option<i32>,
    span: Range<usize>,
}

impl MessageMatch {
    /// The error.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.error(), agora_token_errors::TokenError::InvalidToken);
    /// ```
    #[must_use]
    pub fn error(&self) -> TokenError {
        self.error
    }

    /// What matched: the identifier as the catalog spells it, the phrase, or the callback whose
    /// code was read (`onError`, a connection-state callback).
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.matched(), "onError");
    /// ```
    #[must_use]
    pub fn matched(&self) -> &'static str {
        self.matched
    }

    /// The catalog row of the identifier that matched, if an identifier did.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert!(m.spelling().is_none()); // a code matched, not an identifier
    /// ```
    #[must_use]
    pub fn spelling(&self) -> Option<&'static Spelling> {
        self.spelling
    }

    /// The code space of what matched, where it has one.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.space(), Some(agora_token_errors::CodeSpace::Native));
    /// ```
    #[must_use]
    pub fn space(&self) -> Option<CodeSpace> {
        self.space
    }

    /// The code the text carries with it (`ERR_DYNAMIC_KEY_TIMEOUT(109)`, `onError: 110`).
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.code(), Some(110));
    /// ```
    #[must_use]
    pub fn code(&self) -> Option<i32> {
        self.code
    }

    /// Where in the text it matched, in bytes.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.span(), 0..16); // `onError: err 110`
    /// ```
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl TokenError {
    /// The token error a log line, exception text or callback string reports, or `None`.
    ///
    /// Reads identifiers of every SDK family (with or without a `(code)`), Web 3.x log lines,
    /// Web 4.x `AgoraRTCError` texts and their reasons, gateway `UNEXPECTED_RESPONSE` texts, and
    /// native `onError` / connection-state log lines that carry a code. It does not claim what is
    /// not a token error: other identifiers, bare numbers, or a gateway failure for another
    /// reason. Any input, however long, returns without allocating (after a one-time set-up of
    /// the searcher on first use).
    ///
    /// ```
    /// use agora_token_errors::TokenError;
    ///
    /// let e = TokenError::from_message(
    ///     "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: flag: 4096, message: AgoraRTCError \
    ///      CAN_NOT_GET_GATEWAY_SERVER: dynamic use static key",
    /// );
    /// assert_eq!(e, Some(TokenError::DynamicUseStaticKey));
    /// assert_eq!(TokenError::from_message("User join failed [ERR_STATIC_USE_DYANMIC_KE]"), Some(TokenError::StaticUseDynamicKey));
    /// assert_eq!(TokenError::from_message("onError: err 109, msg: "), Some(TokenError::TokenExpired));
    /// assert_eq!(TokenError::from_message("ERR_DECRYPTION_FAILED (120)"), None);
    /// assert_eq!(TokenError::from_message("user 110 joined"), None);
    /// ```
    #[must_use]
    pub fn from_message(text: &str) -> Option<TokenError> {
        TokenError::match_message(text).map(|m| m.error)
    }

    /// Like [`TokenError::from_message`], and says what matched, where, and the code space and
    /// code when the text carries one.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, TokenError};
    ///
    /// let m = TokenError::match_message("Agora-SDK [ERROR]: ERR_DYNAMIC_KEY_TIMEOUT(109)").unwrap();
    /// assert_eq!(m.error(), TokenError::TokenExpired);
    /// assert_eq!(m.matched(), "ERR_DYNAMIC_KEY_TIMEOUT");
    /// assert_eq!((m.space(), m.code()), (Some(CodeSpace::Web), Some(109)));
    /// ```
    #[must_use]
    pub fn match_message(text: &str) -> Option<MessageMatch> {
        let bytes = text.as_bytes();
        let searcher = searcher();
        let mut at = 0;
        while at < bytes.len() {
            let hit = searcher.find_in(bytes, aho_corasick::Span::from(at..bytes.len()))?;
            let (found, resume) = match ANCHORS[hit.pattern().as_usize()].1 {
                Check::Word => check_word(bytes, hit.start(), hit.end()),
                Check::ErrorCallback => (
                    code_after(bytes, hit.start()..hit.end(), CodeSpace::Native, "onError"),
                    hit.end(),
                ),
                Check::ConnectionState => (reason_after(bytes, hit.start()..hit.end()), hit.end()),
            };
            if found.is_some() {
                return found;
            }
            at = resume.max(hit.end());
        }
        None
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The identifier or phrase around an anchor at `start..end`, and where to resume otherwise.
fn check_word(bytes: &[u8], start: usize, end: usize) -> (Option<MessageMatch>, usize) {
    let word_start = bytes[..start]
        .iter()
        .rposition(|&b| !is_word_byte(b))
        .map_or(0, |i| i + 1);
    let word_end = bytes[end..]
        .iter()
        .position(|&b| !is_word_byte(b))
        .map_or(bytes.len(), |i| end + i);
    let word = &bytes[word_start..word_end];
    if let Some(spelling) = lookup_spelling(word) {
        let code = paren_code(&bytes[word_end..]);
        let m = MessageMatch {
            error: spelling.error(),
            matched: spelling.name(),
            spelling: Some(spelling),
            space: Some(spelling.space()),
            code,
            span: word_start..word_end,
        };
        return (Some(m), word_end);
    }
    if word.eq_ignore_ascii_case(b"onRenewTokenResult") {
        return (
            code_after(
                bytes,
                word_start..word_end,
                CodeSpace::RenewTokenResult,
                "onRenewTokenResult",
            ),
            word_end,
        );
    }
    (phrase_at(bytes, start, end), word_end)
}

/// A phrase that contains the anchor at `start..end`.
fn phrase_at(bytes: &[u8], start: usize, end: usize) -> Option<MessageMatch> {
    let anchor = &bytes[start..end];
    for &(phrase, error) in PHRASES {
        let p = phrase.as_bytes();
        for offset in (0..=p.len().saturating_sub(anchor.len()))
            .filter(|&o| p[o..o + anchor.len()].eq_ignore_ascii_case(anchor))
        {
            let Some(from) = start.checked_sub(offset) else {
                continue;
            };
            if bytes
                .get(from..from + p.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(p))
            {
                return Some(MessageMatch {
                    error,
                    matched: phrase,
                    spelling: None,
                    space: None,
                    code: None,
                    span: from..from + p.len(),
                });
            }
        }
    }
    None
}

/// `(109)`, ` (109)` or `(-109)` right after an identifier.
fn paren_code(after: &[u8]) -> Option<i32> {
    let rest = after
        .strip_prefix(b" ")
        .unwrap_or(after)
        .strip_prefix(b"(")?;
    let close = rest.iter().take(12).position(|&b| b == b')')?;
    core::str::from_utf8(&rest[..close])
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The first integer within reach after a callback name, on the same line.
fn first_number(bytes: &[u8], from: usize, reach: usize) -> Option<(i32, usize)> {
    let window = &bytes[from..bytes.len().min(from + reach)];
    let window = &window[..window
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(window.len())];
    let first = window.iter().position(u8::is_ascii_digit)?;
    let negative = first > 0 && window[first - 1] == b'-';
    let digits = window[first..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let value: i64 = core::str::from_utf8(&window[first..first + digits])
        .ok()?
        .parse()
        .ok()?;
    let value = i32::try_from(if negative { -value } else { value }).ok()?;
    Some((value, from + first + digits))
}

/// The code after the callback name at `name`, looked up in `space`.
fn code_after(
    bytes: &[u8],
    name: Range<usize>,
    space: CodeSpace,
    callback: &'static str,
) -> Option<MessageMatch> {
    let (code, end) = first_number(bytes, name.end, CODE_REACH)?;
    let error = TokenError::from_code(space, code)?;
    Some(MessageMatch {
        error,
        matched: callback,
        spelling: None,
        space: Some(space),
        code: Some(code),
        span: name.start..end,
    })
}

/// The reason code in a connection-state log line (`reason: 8`, `"reason":9`), after the
/// callback name at `name`.
fn reason_after(bytes: &[u8], name: Range<usize>) -> Option<MessageMatch> {
    let from = name.end;
    let window = &bytes[from..bytes.len().min(from + REASON_REACH)];
    let at = window
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"reason"))?;
    let (code, end) = first_number(bytes, from + at + 6, 12)?;
    let error = TokenError::from_code(CodeSpace::ConnectionChangedReason, code)?;
    Some(MessageMatch {
        error,
        matched: "onConnectionStateChanged",
        spelling: None,
        space: Some(CodeSpace::ConnectionChangedReason),
        code: Some(code),
        span: name.start..end,
    })
}
