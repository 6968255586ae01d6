//! The anchors a token error text contains, and the check each hit gets.
//!
//! Every token error an SDK prints contains one of a few short anchors (`oken` of "token",
//! `ppid` of "appid", `ic ke` of "dynamic key", `onError`, `onnectionStateChange`, ...). One
//! SIMD multi-pattern search (aho-corasick's packed Teddy searcher) finds them; each hit then
//! costs a cheap check: the identifier around it resolved through the catalog's name map, a
//! phrase of `catalog/phrases.md` compared, or the code after a callback read and looked up in
//! that callback's code space. Text with no anchor, nearly every line of a log, costs only the
//! search.

use std::sync::OnceLock;

use aho_corasick::packed::{Config, MatchKind, Searcher};

use super::MessageMatch;
use super::read::{code_at, code_before, find_word, paren_code, qualifier_before, word_around};
use crate::catalog::names::{self, Qualifier};
use crate::catalog::{PHRASES, SPELLINGS};
use crate::{CodeSpace, Spelling, TokenError};

/// What an anchor hit is checked for.
#[derive(Clone, Copy)]
enum Check {
    /// An identifier containing the anchor, else a phrase around it.
    Word,
    /// Only a phrase around it (anchors chosen for a phrase's cut-short prefix).
    Phrase,
    /// A native error code after `onError` / `OnError` / `didOccurError`.
    ErrorCallback,
    /// A reason code in a connection-state callback.
    ConnectionState,
    /// A result code after `onRenewTokenResult`.
    RenewResult,
    /// A word that reports an error (`error`, `errorCode`, `错误`, `expired`, `invalid`): a
    /// native code right after it (`Error code: 110`, `RTC Error:110`, `报错 110`), or right
    /// before it (`110 error`, `101的错误`, `109(expired)`, `110 token is invalid`); else a phrase.
    ErrorWord,
}

/// The anchors, case-sensitive, in the cases the SDKs and apps write them; the checks that
/// follow compare without regard to case.
const ANCHORS: &[(&str, Check)] = &[
    ("oken", Check::Word),
    ("OKEN", Check::Word),
    ("ppid", Check::Word),
    ("ppId", Check::Word),
    ("PPID", Check::Word),
    ("PP_ID", Check::Word),
    ("IC_KE", Check::Word),
    ("ic_ke", Check::Word),
    ("ic ke", Check::Word),
    ("DOR_KEY", Check::Word),
    ("dor_key", Check::Word),
    ("dor key", Check::Word),
    ("uthorized", Check::Word),
    ("UTHORIZED", Check::Word),
    ("ccount", Check::Word),
    ("CCOUNT", Check::Word),
    ("STAMP_EXP", Check::Word),
    ("LLEAGAL", Check::Word),
    ("IIEGAL_UID", Check::Word),
    ("PERMISSION_INV", Check::Word),
    ("CERTIFICATE_INV", Check::Word),
    ("tic use dyn", Check::Phrase),
    ("mic use sta", Check::Phrase),
    ("onError", Check::ErrorCallback),
    ("OnError", Check::ErrorCallback),
    ("didOccurError", Check::ErrorCallback),
    ("onnectionStateChange", Check::ConnectionState),
    ("onnectionChangedToState", Check::ConnectionState),
    ("enewTokenResult", Check::RenewResult),
    ("rror", Check::ErrorWord),
    ("RROR", Check::ErrorWord),
    ("rrCode", Check::ErrorWord),
    ("rr_code", Check::ErrorWord),
    ("错误", Check::ErrorWord),
    ("报错", Check::ErrorWord),
    ("xpired", Check::ErrorWord),
    ("XPIRED", Check::ErrorWord),
    ("nvalid", Check::ErrorWord),
    ("NVALID", Check::ErrorWord),
    ("厂商使用了", Check::Phrase),
    ("pp ID", Check::Phrase),
    ("pp Id", Check::Phrase),
    ("pp id", Check::Phrase),
    ("PP ID", Check::Phrase),
];

/// The callbacks whose code is read, as the SDKs spell them; `matched()` reports the one found.
const ERROR_CALLBACKS: &[&str] = &["onError", "OnError", "didOccurError"];
const CONNECTION_CALLBACKS: &[&str] = &[
    "onConnectionStateChanged",
    "OnConnectionStateChanged",
    "connectionStateChanged",
    "ConnectionStateChanged",
    "connectionChangedToState",
];
const RENEW_CALLBACKS: &[&str] = &[
    "onRenewTokenResult",
    "OnRenewTokenResult",
    "renewTokenResult",
];

/// How far after a callback name its code may stand (`onError: err 110, msg: ...`).
const CODE_REACH: usize = 32;

/// How far after a connection-state callback its reason may stand.
const REASON_REACH: usize = 96;

/// How far back a qualifier is read (`io.agora.rtc2.Constants.`).
const QUALIFIER_REACH: usize = 64;

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

/// The first token error in `bytes`.
pub(super) fn find(bytes: &[u8]) -> Option<MessageMatch> {
    let searcher = searcher();
    let mut at = 0;
    while at < bytes.len() {
        let hit = searcher.find_in(bytes, aho_corasick::Span::from(at..bytes.len()))?;
        let (start, end) = (hit.start(), hit.end());
        let (found, resume) = match ANCHORS[hit.pattern().as_usize()].1 {
            Check::Word => check_word(bytes, start, end),
            Check::Phrase => (phrase_at(bytes, start, end), end),
            Check::ErrorCallback => (error_callback(bytes, start, end), end),
            Check::ConnectionState => connection_state(bytes, start, end),
            Check::RenewResult => renew_result(bytes, start, end),
            Check::ErrorWord => match error_word(bytes, start, end) {
                Some(m) => (Some(m), end),
                // `INVALID` of `ERR_INVALID_STRINGUID`, `invalid` of a phrase.
                None => check_word(bytes, start, end),
            },
        };
        if found.is_some() {
            return found;
        }
        at = resume.max(end);
    }
    None
}

/// The identifier or phrase around an anchor at `start..end`, and where to resume otherwise.
fn check_word(bytes: &[u8], start: usize, end: usize) -> (Option<MessageMatch>, usize) {
    let (word_start, word_end) = word_around(bytes, start, end);
    let qualifier = qualifier_before(bytes, word_start, QUALIFIER_REACH);
    let member = &bytes[word_start..word_end];
    if let Some(spelling) = names::resolve(qualifier, member, Qualifier::Strict) {
        let code = paren_code(&bytes[word_end..]);
        let spelling = code
            .and_then(|c| same_identifier_with_code(spelling, c))
            .unwrap_or(spelling);
        let from = word_start
            - if qualifier.is_empty() {
                0
            } else {
                qualifier.len() + 1
            };
        let m = MessageMatch::row(spelling, spelling.identifier(), from..word_end);
        return (Some(m), word_end);
    }
    (phrase_at(bytes, start, end), word_end)
}

/// Another row of the same identifier whose code is `code` (`ERR_INVALID_VENDOR_KEY(2013)` is
/// the 2013 row, not the 101 one).
fn same_identifier_with_code(spelling: &'static Spelling, code: i32) -> Option<&'static Spelling> {
    if spelling.code() == Some(code) {
        return None;
    }
    SPELLINGS.iter().find(|s| {
        s.identifier() == spelling.identifier()
            && s.space() == spelling.space()
            && s.code() == Some(code)
    })
}

/// A phrase of `catalog/phrases.md` that contains the anchor at `start..end`, in any ASCII case,
/// present at least up to its minimum prefix. A space in a phrase matches a space, an underscore
/// or nothing (`invalid_appid`, `token过期`).
fn phrase_at(bytes: &[u8], start: usize, end: usize) -> Option<MessageMatch> {
    let anchor = &bytes[start..end];
    for phrase in &PHRASES {
        let p = phrase.text.as_bytes();
        let Some(last) = p.len().checked_sub(anchor.len()) else {
            continue;
        };
        for offset in (0..=last).filter(|&o| p[o..o + anchor.len()].eq_ignore_ascii_case(anchor)) {
            let Some(from) = start.checked_sub(offset) else {
                continue;
            };
            let (read, same) = compare_phrase(&bytes[from..], p);
            if same >= phrase.min.max(offset + anchor.len()) {
                return Some(MessageMatch::phrase(phrase, from..from + read));
            }
        }
    }
    None
}

/// How far `text` follows `phrase`: bytes of text read, bytes of phrase matched. A space in the
/// phrase matches a space or an underscore, and may be missing next to a non-ASCII character
/// (`token过期`); between ASCII words it must be there (`tokenExpired` is a field name, not the
/// phrase).
fn compare_phrase(text: &[u8], phrase: &[u8]) -> (usize, usize) {
    let (mut i, mut j) = (0, 0);
    while j < phrase.len() {
        let beside_wide = |j: usize| {
            !phrase[j - 1].is_ascii() || phrase.get(j + 1).is_some_and(|b| !b.is_ascii())
        };
        match (text.get(i), phrase[j]) {
            (Some(b' ' | b'_'), b' ') => (i, j) = (i + 1, j + 1),
            (_, b' ') if j > 0 && beside_wide(j) => j += 1,
            (Some(t), p) if t.eq_ignore_ascii_case(&p) => (i, j) = (i + 1, j + 1),
            _ => break,
        }
    }
    (i, j)
}

/// The exact callback name of `list` the word around `start..end` is, ignoring case.
fn callback_word(
    bytes: &[u8],
    start: usize,
    end: usize,
    list: &[&'static str],
) -> Option<(&'static str, usize, usize)> {
    let (word_start, word_end) = word_around(bytes, start, end);
    let word = &bytes[word_start..word_end];
    let name = list.iter().find(|n| n.as_bytes() == word).or_else(|| {
        list.iter()
            .find(|n| n.as_bytes().eq_ignore_ascii_case(word))
    })?;
    Some((name, word_start, word_end))
}

/// `onError: err 110`, `OnError err: 110, msg:`, `rtcEngine:didOccurError: 101`: the native code
/// right after an error callback, read only when the callback's name stands whole
/// (`onErrorCount=101` is not one).
fn error_callback(bytes: &[u8], start: usize, end: usize) -> Option<MessageMatch> {
    let (name, word_start, word_end) = callback_word(bytes, start, end, ERROR_CALLBACKS)?;
    coded(bytes, word_start, word_end, name, CodeSpace::Native)
}

/// The code at `word_end` looked up in `space`, reported as matched by `name`.
fn coded(
    bytes: &[u8],
    word_start: usize,
    word_end: usize,
    name: &'static str,
    space: CodeSpace,
) -> Option<MessageMatch> {
    let (code, code_end) = code_at(bytes, word_end, CODE_REACH)?;
    let error = TokenError::from_code(space, code)?;
    Some(MessageMatch::coded(
        error,
        name,
        space,
        code,
        word_start..code_end,
    ))
}

/// `onConnectionStateChanged state: 5, reason: 8`, `rtcEngine:connectionChangedToState:5
/// reason:24`, `{"state":5,"reason":9}`: the reason of a connection-state callback. Other
/// callbacks' reasons (`onRemoteVideoStateChanged ... reason=8`) are other enums and are not read.
fn connection_state(bytes: &[u8], start: usize, end: usize) -> (Option<MessageMatch>, usize) {
    let Some((name, word_start, word_end)) = callback_word(bytes, start, end, CONNECTION_CALLBACKS)
    else {
        return (None, end);
    };
    let found = find_word(bytes, word_end, word_end + REASON_REACH, b"reason").and_then(|at| {
        let (code, code_end) = code_at(bytes, at + b"reason".len(), 16)?;
        let space = CodeSpace::ConnectionChangedReason;
        let error = TokenError::from_code(space, code)?;
        Some(MessageMatch::coded(
            error,
            name,
            space,
            code,
            word_start..code_end,
        ))
    });
    (found, word_end)
}

/// `onRenewTokenResult ... code: 3`: the result code of a renew, after its callback.
fn renew_result(bytes: &[u8], start: usize, end: usize) -> (Option<MessageMatch>, usize) {
    let Some((name, word_start, word_end)) = callback_word(bytes, start, end, RENEW_CALLBACKS)
    else {
        // Not the callback itself: still a word with an anchor (`RenewTokenResult` inside a
        // longer identifier), checked like any other.
        return check_word(bytes, start, end);
    };
    let space = CodeSpace::RenewTokenResult;
    let found = coded(bytes, word_start, word_end, name, space).or_else(|| {
        // The token comes first in the callback's arguments; its code follows a keyword.
        let at = find_word(bytes, word_end, word_end + REASON_REACH, b"code")
            .or_else(|| find_word(bytes, word_end, word_end + REASON_REACH, b"errorCode"))?;
        let (code, code_end) = code_at(bytes, at, 24)?;
        let error = TokenError::from_code(space, code)?;
        Some(MessageMatch::coded(
            error,
            name,
            space,
            code,
            word_start..code_end,
        ))
    });
    (found, word_end)
}

/// The words whose code is read, as a whole word (any ASCII case).
const ERROR_WORDS: &[&[u8]] = &[
    b"error",
    b"errors",
    b"err",
    b"errorcode",
    b"errcode",
    b"err_code",
    b"error_code",
];

/// A native code next to an error word: after it (`Error code:110 msg:...`, `Error code = 101`,
/// `RTC Error:110`, `报错 110`) or before it (`110 error`, `101的错误`, `109(expired)`,
/// `110 token is invalid`). The word must stand whole (`myError`, `ERROR_` are not it), and a
/// word that names the problem must agree with the code (`109 expired`, not `110 expired`).
fn error_word(bytes: &[u8], start: usize, end: usize) -> Option<MessageMatch> {
    let ascii = bytes[start].is_ascii();
    let (word_start, word_end) = if ascii {
        word_around(bytes, start, end)
    } else {
        (start, end)
    };
    let word = &bytes[word_start..word_end];
    let lower = |w: &[u8], k: &[u8]| w.eq_ignore_ascii_case(k);
    let kind = if !ascii || ERROR_WORDS.iter().any(|k| lower(word, k)) {
        Agrees::Any
    } else if lower(word, b"expired") {
        Agrees::Only(TokenError::TokenExpired)
    } else if lower(word, b"invalid") {
        Agrees::Invalid
    } else {
        return None;
    };
    let space = CodeSpace::Native;
    // Another callback's state and error fields (`onLocalVideoStateChanged ... state=2,
    // error=101`) are other enums' numbers.
    if line_before(bytes, word_start, 160)
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"state"))
    {
        return None;
    }
    if kind == Agrees::Any {
        if let Some((code, code_end)) = code_at(bytes, word_end, 24) {
            let error = TokenError::from_code(space, code)?;
            return Some(MessageMatch::coded(
                error,
                "error code",
                space,
                code,
                word_start..code_end,
            ));
        }
    }
    let (code, code_start) = code_before(bytes, word_start)?;
    let error = TokenError::from_code(space, code)?;
    // A word that only describes (`expired`, `invalid`) counts next to a code only where the
    // text is about a token: `109(expired)` in `token is 109(expired)`, not `Session 109 expired`.
    let about_token = || {
        let from = code_start.saturating_sub(48);
        let to = bytes.len().min(word_end + 16);
        bytes[from..to]
            .windows(5)
            .any(|w| w.eq_ignore_ascii_case(b"token"))
    };
    let agrees = match kind {
        Agrees::Any => true,
        _ if !about_token() => false,
        Agrees::Only(e) => e == error,
        Agrees::Invalid => matches!(
            error,
            TokenError::InvalidToken | TokenError::InvalidAppId | TokenError::InvalidUserAccount
        ),
    };
    agrees.then(|| MessageMatch::coded(error, "error code", space, code, code_start..word_end))
}

/// The text before `at` on its line, at most `reach` bytes of it.
fn line_before(bytes: &[u8], at: usize, reach: usize) -> &[u8] {
    let from = at.saturating_sub(reach);
    let start = bytes[from..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(from, |i| from + i + 1);
    &bytes[start..at]
}

/// What an error word says about the code next to it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Agrees {
    /// `error`, `错误`: any code.
    Any,
    /// `expired`: only this error.
    Only(TokenError),
    /// `invalid`: an invalid token, App ID or user account.
    Invalid,
}
