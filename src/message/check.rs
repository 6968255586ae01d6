//! The check an anchor hit gets: the identifier around it resolved through the catalog's name
//! map, a phrase of `catalog/phrases.md` compared, or the code of a callback of
//! `catalog/callbacks.md` (or after an error word) read and looked up in its code space.

use super::MessageMatch;
use super::callback::{callback_at, callback_code};
use super::error_word::{bracketed_after_naming_word, code_suffix, error_word, leading_code};
use super::phrase::{AnchorPhrases, Anchored, phrase_at};
use super::read::{integer_at, paren_code, qualifier_before, word_around};
use crate::catalog::names::{self, Qualifier};
use crate::catalog::{ANCHORS, AnchorCheck as Check, CALLBACKS, CodedCallback, PHRASES, SPELLINGS};
use crate::{CodeSpace, Spelling};

/// How far back a qualifier is read (`io.agora.rtc2.Constants.`).
const QUALIFIER_REACH: usize = 64;

/// The catalog's phrases and callbacks that contain an anchor, found once: a hit compares only
/// these.
pub(super) struct Anchor {
    /// Each phrase containing the anchor, and where in it.
    pub(super) phrases: AnchorPhrases,
    /// The callbacks whose names contain the anchor.
    callbacks: Vec<&'static CodedCallback>,
    /// The lengths of their names, as bits (of the length modulo 64): a word of no such length
    /// is none of them, and is not compared (`error` for `onError`, `didOccurError`, ...).
    callback_lengths: u64,
}

impl Anchor {
    /// Which of the anchor's callbacks the word at `word_start..word_end` is, if any.
    fn callback_at(
        &self,
        bytes: &[u8],
        (word_start, word_end): (usize, usize),
    ) -> Option<(&'static CodedCallback, usize, usize)> {
        if self.callback_lengths & 1 << ((word_end - word_start) & 63) == 0 {
            return None;
        }
        callback_at(bytes, (word_start, word_end), &self.callbacks)
    }
}

/// Where `needle` occurs in `haystack`, in any ASCII case.
fn offsets_in<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    // Only where the needle's first byte stands, in either case: this runs for every phrase
    // and anchor at each start of the process.
    let first = n.first().copied().unwrap_or_default();
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h).filter(
        move |&o| {
            h.get(o..o + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        },
    )
}

impl Anchor {
    /// What `anchor` can be part of: the phrases that hold it, the longest first (`the token
    /// has expired and login is rejected` is RTM's own, `the token has expired` alone is
    /// anyone's), and the callbacks whose names hold it.
    pub(super) fn new(anchor: &str) -> Anchor {
        let mut phrases: Vec<_> = PHRASES
            .iter()
            .flat_map(|p| {
                offsets_in(p.text, anchor).map(move |o| Anchored::new(p, o, anchor.len()))
            })
            .collect();
        phrases.sort_by_key(|a| core::cmp::Reverse(a.phrase.text.len()));
        let callbacks: Vec<_> = CALLBACKS
            .iter()
            .filter(|c| offsets_in(c.name, anchor).next().is_some())
            .collect();
        Anchor {
            phrases: AnchorPhrases::new(phrases),
            callback_lengths: callbacks
                .iter()
                .fold(0, |bits, c| bits | 1 << (c.name.len() & 63)),
            callbacks,
        }
    }
}

/// The lengths and last letters of the catalog's members: a word whose pair no member has is
/// no identifier, and is not looked up (most words an anchor falls in: `AgoraRTCError`, `ERROR`,
/// `ERR_INVALID_ARGUMENT`).
pub(super) struct Members([u64; 64]);

impl Members {
    pub(super) fn new() -> Members {
        let mut bits = [0; 64];
        for s in &SPELLINGS {
            let m = s.member().as_bytes();
            bits[Members::row(m)] |= Members::bit(m);
        }
        Members(bits)
    }

    fn row(word: &[u8]) -> usize {
        word.last()
            .map_or(0, |b| usize::from(b.to_ascii_uppercase() & 63))
    }

    fn bit(word: &[u8]) -> u64 {
        1 << (word.len() & 63)
    }

    /// Whether some member has this word's length and last letter (in any case).
    pub(super) fn may_hold(&self, word: &[u8]) -> bool {
        self.0[Members::row(word)] & Members::bit(word) != 0
    }
}

/// What the hit of anchor `pattern` at `start..end` of `bytes` stands for, and where the search
/// resumes.
pub(super) fn check(
    (anchor, members): (&Anchor, &Members),
    pattern: usize,
    bytes: &[u8],
    (start, end): (usize, usize),
) -> (Option<MessageMatch>, usize) {
    let phrases = &anchor.phrases;
    match ANCHORS[pattern].1 {
        Check::Word => check_word(
            members,
            bytes,
            (start, end),
            word_around(bytes, start, end),
            phrases,
        ),
        Check::Phrase => (phrase_at(bytes, start, end, phrases), end),
        Check::Callback => {
            match anchor.callback_at(bytes, word_around(bytes, start, end)) {
                Some(cb) => (callback_code(bytes, cb), cb.2),
                // Not the callback itself: another anchor in the word may name something
                // (`RenewTokenResult` inside a longer identifier).
                None => (None, start + 1),
            }
        }
        Check::ErrorWord => {
            // `错误` stands alone (with `码` or `代码` after it, "error code"); an ASCII
            // error word is the word around it.
            let ascii = bytes[start].is_ascii();
            let word = if ascii {
                word_around(bytes, start, end)
            } else {
                (start, end + code_suffix(&bytes[end..]))
            };
            match anchor.callback_at(bytes, word) {
                // `onError: err 110`, `rtcEngine:didOccurError: 101`: read only where
                // the name stands whole (`onErrorCount=101` is not one).
                Some(cb) => (callback_code(bytes, cb), cb.2),
                None => {
                    if let Some(m) = error_word(bytes, word) {
                        (Some(m), end)
                    } else {
                        // `INVALID` of `ERR_INVALID_STRINGUID`, `invalid` of a phrase.
                        let around = if ascii {
                            word
                        } else {
                            word_around(bytes, start, end)
                        };
                        check_word(members, bytes, (start, end), around, phrases)
                    }
                }
            }
        }
    }
}

/// The identifier or phrase around an anchor at `start..end` (in the word `word_start..word_end`
/// around it), and where to resume otherwise.
fn check_word(
    members: &Members,
    bytes: &[u8],
    (start, end): (usize, usize),
    (word_start, word_end): (usize, usize),
    phrases: &AnchorPhrases,
) -> (Option<MessageMatch>, usize) {
    let member = &bytes[word_start..word_end];
    let value = || declared_value(bytes, word_end);
    // (the row, its qualifier in the text, whether the row was found by the value beside it)
    let spelling = members.may_hold(member).then(|| {
        let qualifier = qualifier_before(bytes, word_start, QUALIFIER_REACH);
        names::resolve(qualifier, member, Qualifier::Strict)
            .filter(|s| same_shape(member, s.member().as_bytes()))
            .map(|s| (s, qualifier, false))
            .or_else(|| {
                // Only a member that starts its line can be under an annotation.
                let indented = word_start
                    .checked_sub(1)
                    .is_some_and(|i| matches!(bytes[i], b'\n' | b' ' | b'\t'));
                indented
                    .then(|| {
                        annotated_member(bytes, word_start, member)
                            .or_else(|| assigned_member(member, value()))
                    })
                    .flatten()
                    .or_else(|| tabled_member(bytes, (word_start, word_end), member))
                    .map(|s| (s, &bytes[word_start..word_start], true))
            })
    });
    if let Some((spelling, qualifier, by_value)) = spelling.flatten() {
        let code = paren_code(&bytes[word_end..]);
        let spelling = code
            .and_then(|c| same_identifier_with_code(spelling, c))
            .unwrap_or(spelling);
        // A native RTC name declared with a value none of its rows has (`ERR_TOKEN_EXPIRED =
        // 111` of an engine that copies Agora's names): another enum's member. Native codes have
        // kept their numbers in every SDK generation; other spaces' have not always.
        if !by_value
            && spelling.space() == CodeSpace::Native
            && spelling.code().is_some()
            && value().is_some_and(|v| !has_value(spelling, v))
        {
            return (None, word_end);
        }
        let from = word_start
            - if qualifier.is_empty() {
                0
            } else {
                qualifier.len() + 1
            };
        let mut m = MessageMatch::row(spelling, spelling.identifier(), from..word_end);
        // A member read with its value (`@JsonValue(110)` over it, `= 16` after it), or a string
        // constant declared as itself (`TOKEN_EXPIRE = "TOKEN_EXPIRE"`, the Web SDK's string
        // enums): the declaration is the SDK's, whoever else names a member so.
        if by_value || (spelling.code().is_none() && self_named(bytes, word_end, member)) {
            m.shared = false;
        }
        return (Some(m), word_end);
    }
    let found = phrase_at(bytes, start, end, phrases)
        .or_else(|| bracketed_after_naming_word(bytes, (word_start, word_end)));
    (found, word_end)
}

/// The Dart row of a bare enum member whose value the line above declares, as the Flutter SDKs
/// write their enums (`@JsonValue(-10005)` over `invalidToken,`): the member and its value are
/// that row's, though the member alone is any enum's. Reads at most a line's 64 bytes back.
#[cold]
#[inline(never)]
fn annotated_member(bytes: &[u8], word_start: usize, member: &[u8]) -> Option<&'static Spelling> {
    let reach = &bytes[word_start.saturating_sub(QUALIFIER_REACH)..word_start];
    let indent = reach
        .iter()
        .rev()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let above = reach[..reach.len() - indent].strip_suffix(b"\n")?;
    let above = above.strip_suffix(b"\r").unwrap_or(above);
    let line = &above[memchr::memrchr(b'\n', above).map_or(0, |i| i + 1)..];
    let value = line
        .trim_ascii()
        .strip_prefix(b"@JsonValue(")?
        .strip_suffix(b")")?;
    let code: i32 = core::str::from_utf8(value).ok()?.parse().ok()?;
    SPELLINGS.iter().find(|s| {
        s.language() == crate::Language::Dart
            && s.member().as_bytes() == member
            && s.code() == Some(code)
    })
}

/// The row of a bare enum member declared with its value, as TypeScript, C# and C++ enums are
/// written (`invalidToken = 16,` in React Native RTM's `RtmLinkStateChangeReason`): the member
/// and its value are that row's, though the member alone is any enum's.
#[cold]
#[inline(never)]
fn assigned_member(member: &[u8], value: Option<i64>) -> Option<&'static Spelling> {
    let code = i32::try_from(value?).ok()?;
    rows_of(member).find(|s| s.member().as_bytes() == member && s.code() == Some(code))
}

/// The row of a bare enum member in a doc table's row that starts with its value, as Agora's
/// docs list codes (`` | `-10003` | `invalidAppId` | Invalid App ID ... ``): the member, quoted as
/// code, and the row's code are that row's. Reads at most 256 bytes back, to the line's start.
#[cold]
#[inline(never)]
fn tabled_member(
    bytes: &[u8],
    (word_start, word_end): (usize, usize),
    member: &[u8],
) -> Option<&'static Spelling> {
    if word_start == 0 || bytes[word_start - 1] != b'`' || bytes.get(word_end) != Some(&b'`') {
        return None;
    }
    let from = word_start.saturating_sub(256);
    let start = match memchr::memrchr(b'\n', &bytes[from..word_start]) {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let (code, _) = leading_code(&bytes[start..word_start])?;
    assigned_member(member, Some(i64::from(code)))
}

/// The rows whose member is `member` in any case, from the name map (no scan of the catalog).
fn rows_of(member: &[u8]) -> impl Iterator<Item = &'static Spelling> {
    names::candidates(member)
        .unwrap_or_default()
        .iter()
        .map(|&i| &SPELLINGS[usize::from(i)])
}

/// Where the `=` after a word declares it: the first byte after the `=` and its blanks.
fn after_equals(bytes: &[u8], word_end: usize) -> Option<usize> {
    let limit = bytes.len().min(word_end + 24);
    let blanks = |from: usize| {
        let from = from.min(limit);
        from + bytes[from..limit]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    };
    let equals = blanks(word_end);
    (bytes.get(equals) == Some(&b'=') && !matches!(bytes.get(equals + 1), Some(b'=' | b'>')))
        .then(|| blanks(equals + 1))
}

/// The number a word is declared with (`X = 16,`, `X = -10005`, `X = 3600*24`), if any.
fn declared_value(bytes: &[u8], word_end: usize) -> Option<i64> {
    let (value, end) = integer_at(bytes, after_equals(bytes, word_end)?)?;
    // A value ends the declaration (`16,`, `16 }`) or starts an expression (`3600*24`); a
    // version or a name (`1.2`, `16px`) is no value.
    (!bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.'))
    .then_some(value)
}

/// Whether a row of this identifier, in any space, has the value `value`.
fn has_value(spelling: &'static Spelling, value: i64) -> bool {
    i32::try_from(value).is_ok_and(|v| {
        rows_of(spelling.member().as_bytes())
            .any(|s| s.identifier() == spelling.identifier() && s.code() == Some(v))
    })
}

/// Whether a word is declared as the string of its own name (`TOKEN_EXPIRE = "TOKEN_EXPIRE"`).
fn self_named(bytes: &[u8], word_end: usize, member: &[u8]) -> bool {
    after_equals(bytes, word_end).is_some_and(|at| {
        let quote = bytes.get(at).copied();
        matches!(quote, Some(b'"' | b'\''))
            && bytes.get(at + 1..at + 1 + member.len()) == Some(member)
            && bytes.get(at + 1 + member.len()).copied() == quote
    })
}

/// Whether a word written in a text can be the catalog member `member`: an upper-case constant
/// (`TOKEN_EXPIRED`, `INVALID_TOKEN`) only where the text writes it in upper case too. In lower
/// case it is a variable, a JSON field or another protocol's code (`token_expired=0`, OAuth's
/// `invalid_token`), never how an SDK prints its constant.
fn same_shape(word: &[u8], member: &[u8]) -> bool {
    if member.iter().any(u8::is_ascii_lowercase) {
        // A mixed-case member is written as the SDK writes it: Go's `ErrInvalidAppID` is not
        // React Native's `ErrInvalidAppId`.
        return word == member;
    }
    !word.iter().any(u8::is_ascii_lowercase)
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
