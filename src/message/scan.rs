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
use super::read::{code_at, find_word, paren_code, qualifier_before, word_around};
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
    /// A native code after "error code", "errorCode", "RTC error" and the like.
    ErrorCode,
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
    ("rror code", Check::ErrorCode),
    ("rror Code", Check::ErrorCode),
    ("RROR CODE", Check::ErrorCode),
    ("rror_code", Check::ErrorCode),
    ("RROR_CODE", Check::ErrorCode),
    ("rrorCode", Check::ErrorCode),
    ("rrCode", Check::ErrorCode),
    ("rr_code", Check::ErrorCode),
    ("TC Error", Check::ErrorCode),
    ("TC error", Check::ErrorCode),
    ("tc error", Check::ErrorCode),
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
            Check::ErrorCode => (error_code(bytes, start, end), end),
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
/// present at least up to its minimum prefix.
fn phrase_at(bytes: &[u8], start: usize, end: usize) -> Option<MessageMatch> {
    let anchor = &bytes[start..end];
    for phrase in &PHRASES {
        let p = phrase.text.as_bytes();
        for offset in (0..=p.len().saturating_sub(anchor.len()))
            .filter(|&o| p[o..o + anchor.len()].eq_ignore_ascii_case(anchor))
        {
            let Some(from) = start.checked_sub(offset) else {
                continue;
            };
            let same = bytes[from..]
                .iter()
                .zip(p)
                .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
                .count();
            if same >= phrase.min.max(offset + anchor.len()) {
                return Some(MessageMatch::phrase(phrase, from..from + same));
            }
        }
    }
    None
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

/// `Error code:110 msg:...`, `Error code = 101`, `RTC Error:110`, `errorCode: 109`: a native code
/// after the words that introduce one.
fn error_code(bytes: &[u8], start: usize, end: usize) -> Option<MessageMatch> {
    // The anchor starts inside the introducing word ("rror" of "Error"); that word must start
    // where the text does or after a non-letter, and the code must follow right after.
    let (word_start, _) = word_around(bytes, start, start + 1);
    if word_start + 2 < start {
        // "RTC Error": the anchor starts one byte into "RTC"; "Error": one byte into "Error".
        return None;
    }
    let (code, code_end) = code_at(bytes, end, 16)?;
    let space = CodeSpace::Native;
    let error = TokenError::from_code(space, code)?;
    Some(MessageMatch::coded(
        error,
        "error code",
        space,
        code,
        word_start..code_end,
    ))
}
