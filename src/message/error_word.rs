//! A native code next to a word that reports an error (`Error code: 110`, `110 error`,
//! `101的错误`, `错误码：110`), in the code space the line says (RTM login results), unless the
//! number is another enum's field or the system's error number.

use super::{Evidence, MessageMatch};

/// What a code next to an error word is matched as: other vendors print the same shapes with
/// the same numbers (`libcurl error 110`, `Redis error 109`), so a native code is shared. A code
/// read in an RTM space is not: the line names RTM's own failed login or renewal, or the code
/// is one of RTM 2.x's (-10001 and below).
const ERROR_CODE: (&str, Evidence, bool) = ("error code", Evidence::ErrorCode, true);

/// [`ERROR_CODE`] for a code read in `space`.
fn error_code(space: CodeSpace) -> (&'static str, Evidence, bool) {
    (ERROR_CODE.0, ERROR_CODE.1, space == CodeSpace::Native)
}
use super::read::{
    code_at, code_before, contains_any_case, find_any_case, integer_at, signed_code_before,
};
use crate::catalog::{AVOID_WORDS, ERROR_WORDS, NETWORK_FAILURES, RETURN_WORDS, SOCKET_CALLS};
use crate::{CodeSpace, TokenError};

/// The length of `码` or `代码` ("code") at the start of `rest`, which turns `错误`/`报错` into
/// "error code" (`错误码：110`, `错误代码 109`), else 0.
pub(super) fn code_suffix(rest: &[u8]) -> usize {
    ["码", "代码"]
        .iter()
        .find(|s| rest.starts_with(s.as_bytes()))
        .map_or(0, |s| s.len())
}

/// A native code next to an error word: after it (`Error code:110 msg:...`, `Error code = 101`,
/// `RTC Error:110`, `报错 110`) or before it (`110 error`, `101的错误`, `109(expired)`,
/// `110 token is invalid`). The word must stand whole (`myError`, `ERROR_` are not it), and a
/// word that names the problem must agree with the code (`109 expired`, not `110 expired`).
pub(super) fn error_word(
    bytes: &[u8],
    (word_start, word_end): (usize, usize),
) -> Option<MessageMatch> {
    let word = &bytes[word_start..word_end];
    let ascii = word.is_ascii();
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
    if kind == Agrees::Any {
        if let Some((code, code_end)) = code_at(bytes, word_end, 24) {
            // A code that is a token error in none of the spaces the line can name (`error
            // code : -7`, most codes a log prints) needs no reading of the line for its space.
            if !CODED_SPACES
                .iter()
                .any(|&s| TokenError::from_code(s, code).is_some())
            {
                return None;
            }
            let space = rtm_space(bytes, word_start, code, code_end).unwrap_or(space);
            debug_assert!(
                CODED_SPACES.contains(&space),
                "{space:?} is read for a code"
            );
            let error = TokenError::from_code(space, code)?;
            let mut m =
                MessageMatch::coded(error, error_code(space), space, code, word_start..code_end);
            m.veto = Some(Veto {
                word_start,
                before: word_start,
                after: code_end,
            });
            return Some(m);
        }
        // `Error: login fail:5`: an RTM 1.x login result, after the words for a failed login.
        if let Some((code, code_end)) = login_failure_code(bytes, word_end) {
            let space = CodeSpace::RtmLogin;
            let error = TokenError::from_code(space, code)?;
            let span = word_start..code_end;
            return Some(MessageMatch::coded(
                error,
                error_code(space),
                space,
                code,
                span,
            ));
        }
    }
    let (code, code_start) = code_before(bytes, word_start)?;
    let error = TokenError::from_code(space, code)?;
    // A word that only describes (`expired`, `invalid`) counts next to a code only where the
    // text is about a token or names the code's error: `109(expired)` in `token is
    // 109(expired)`, `101: App Id invalid`, not `Session 109 expired`.
    let about_token = || {
        let from = code_start.saturating_sub(48);
        let to = bytes.len().min(word_end + 16);
        contains_any_case(&bytes[from..to], b"token")
            || super::context::named_word(&bytes[from..to], error).is_some()
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
    agrees.then(|| {
        let mut m = MessageMatch::coded(error, ERROR_CODE, space, code, code_start..word_end);
        m.veto = Some(Veto {
            word_start,
            before: code_start,
            after: word_end,
        });
        m
    })
}

/// A native code in brackets right after a word that names its error (the error's `named-as`
/// words of `catalog/errors.md`: `token [109]`, `Token(110)`, `appid (101)`), as issue titles
/// write the code a token got. Shared like any code beside an error word: it counts only in
/// Agora's text or one that names the error.
pub(super) fn bracketed_after_naming_word(
    bytes: &[u8],
    (word_start, word_end): (usize, usize),
) -> Option<MessageMatch> {
    let rest = &bytes[word_end..bytes.len().min(word_end + 16)];
    let open = rest.iter().position(|&b| b != b' ')?;
    let close = match rest[open] {
        b'[' => b']',
        b'(' => b')',
        _ => return None,
    };
    let (code, end) = integer_at(bytes, word_end + open + 1)?;
    if bytes.get(end) != Some(&close) {
        return None;
    }
    let code = i32::try_from(code).ok()?;
    let space = CodeSpace::Native;
    let error = TokenError::from_code(space, code)?;
    let word = &bytes[word_start..word_end];
    if !error
        .named_as()
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
    {
        return None;
    }
    let mut m = MessageMatch::coded(error, ERROR_CODE, space, code, word_start..end + 1);
    m.veto = Some(Veto {
        word_start,
        before: word_start,
        after: end + 1,
    });
    Some(m)
}

/// What may still show that a code next to an error word is another number: checked only when
/// the match would count ([`vetoed`]), since most such matches in other vendors' lines are
/// dropped for want of Agora context before it matters. Positions in bytes of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Veto {
    /// Where the error word starts.
    word_start: usize,
    /// Where the code and its word start, and where they end.
    before: usize,
    after: usize,
}

impl Veto {
    /// The same positions in a text that starts `offset` bytes earlier.
    pub(super) fn shifted(&self, offset: usize) -> Veto {
        Veto {
            word_start: self.word_start + offset,
            before: self.before + offset,
            after: self.after + offset,
        }
    }
}

/// Whether the number is another callback's state or error field (`onLocalVideoStateChanged
/// ... state=2, error=101` are other enums' numbers), or the system's error number.
pub(super) fn vetoed(bytes: &[u8], veto: &Veto) -> bool {
    let line = line_before(bytes, veto.word_start, 160);
    let in_state = find_any_case(line, b"state").any(|i| {
        let rest = &line[i..];
        i == 0
            || !super::read::is_word_byte(line[i - 1])
            || rest.len() >= 12 && rest[..12].eq_ignore_ascii_case(b"statechanged")
    });
    in_state || system_error(bytes, veto.before, veto.after)
}

/// Whether the number next to an error word is the system's error number (`errno`), not an SDK
/// code: the line names a socket call before it (`tcp_client connect failed with error=110`,
/// the native SDK's own `ahpl_connect failed with error=101`), or the words after it describe a
/// network failure (`error 110: Connection timed out`, `错误码：110，信息：Connection timed out`,
/// `err=101 (Network is unreachable)`). Linux's ENETUNREACH is 101 and ETIMEDOUT 110; no token
/// error is described so.
fn system_error(bytes: &[u8], before: usize, after: usize) -> bool {
    let line = line_before(bytes, before, 96);
    let named_call = SOCKET_CALLS
        .iter()
        .any(|c| whole_words(line, c).next().is_some());
    let rest = &bytes[after..bytes.len().min(after + 48)];
    named_call || NETWORK_FAILURES.iter().any(|f| contains_any_case(rest, f))
}

/// The code after `login fail` or `login failed` right after an error word (`Error: login
/// fail:5`), and where it ends.
fn login_failure_code(bytes: &[u8], word_end: usize) -> Option<(i32, usize)> {
    let rest = &bytes[word_end..bytes.len().min(word_end + 24)];
    let at = rest
        .iter()
        .position(|&b| !matches!(b, b' ' | b':' | b'-'))?;
    let words = &rest[at..];
    let phrase = b"login fail";
    if words.len() < phrase.len() || !words[..phrase.len()].eq_ignore_ascii_case(phrase) {
        return None;
    }
    let mut end = word_end + at + phrase.len();
    if bytes[end..].starts_with(b"ed") {
        end += 2;
    }
    code_at(bytes, end, 8)
}

/// The RTM space a code next to an error word belongs to: RTM 2.x codes are -10001 and below;
/// a code on a line about a login (`login failed errorCode:5`, `Login error code 5`, and RTM
/// 1.x Web's own `RTM:ERROR Error Code 5: login failed with args: ...`) is an RTM 1.x login
/// result, and one its Web SDK logs for `renewToken` a renew result. `None`: a native RTC code.
fn rtm_space(bytes: &[u8], word_start: usize, code: i32, code_end: usize) -> Option<CodeSpace> {
    if code <= -10_000 {
        return Some(CodeSpace::Rtm);
    }
    let has = contains_any_case;
    if has(line_before(bytes, word_start, 160), b"login") {
        return Some(CodeSpace::RtmLogin);
    }
    // `Error Code 5: login failed`: the method the RTM 1.x Web SDK names after the code.
    let after = &bytes[code_end..bytes.len().min(code_end + 24)];
    let after = after.split(|&b| b == b'\n').next().unwrap_or(after);
    if has(after, b"renewtoken failed") {
        Some(CodeSpace::RtmRenewToken)
    } else if has(after, b"login failed") {
        Some(CodeSpace::RtmLogin)
    } else {
        None
    }
}

/// The spaces a code next to an error word is read in: native RTC's, or one [`rtm_space`] names.
const CODED_SPACES: [CodeSpace; 4] = [
    CodeSpace::Native,
    CodeSpace::Rtm,
    CodeSpace::RtmLogin,
    CodeSpace::RtmRenewToken,
];

/// The text before `at` on its line, at most `reach` bytes of it.
fn line_before(bytes: &[u8], at: usize, reach: usize) -> &[u8] {
    let from = at.saturating_sub(reach);
    let start = memchr::memrchr(b'\n', &bytes[from..at]).map_or(from, |i| from + i + 1);
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

/// A code that stands beside the words of `found` (a phrase or an identifier other software
/// prints too) and means the same token error in some code space: before them (`101: Invalid
/// App ID`, `110 - the token is invalid`), after them in parentheses or after a keyword
/// (`invalid token (110)`, `The token is invalid, code 110`), or at the start of the line, as doc
/// tables and comments write a code (`-10005: The token is invalid.`). Returns the space (the
/// match's own product first: the same words are RTC's, RTM's and Chat's), the code, and where
/// it stands. `None` when no code stands there, or it means something else (`401: invalid
/// token`).
pub(super) fn agreeing_code(
    bytes: &[u8],
    line: core::ops::Range<usize>,
    found: &MessageMatch,
) -> Option<(CodeSpace, i32, core::ops::Range<usize>)> {
    if !matches!(found.evidence, Evidence::Phrase | Evidence::Identifier) {
        return None;
    }
    let span = found.span();
    let line_bytes = &bytes[..line.end];
    let before = signed_code_before(line_bytes, span.start)
        .filter(|&(_, start)| start >= line.start)
        .map(|(code, start)| {
            let sign = usize::from(bytes[start] == b'-');
            let digits = bytes[start + sign..span.start]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            (code, start..start + sign + digits)
        });
    // After the words, only a code in parentheses or after a keyword (`invalid token (110)`,
    // `invalid token, code 110`): a bare number there is a count or a time (`token has expired:
    // 2 attempts left`).
    let after = || {
        let (code, end) = code_at(line_bytes, span.end, 16)?;
        let between = &bytes[span.end..end];
        // `invalid token error 5`: words that end in an error word are followed by its code.
        let ends_in_error_word = ERROR_WORDS.iter().any(|w| {
            let words = &bytes[span.clone()];
            words.len() > w.len()
                && words[words.len() - w.len()..].eq_ignore_ascii_case(w)
                && !words[words.len() - w.len() - 1].is_ascii_alphanumeric()
        });
        // `(`, or after an identifier `=` or `:`: an enum member with its value (`INVALID_TOKEN =
        // -10005,`, `TOKEN_EXPIRED = 17`), as SDK sources declare their codes, or a map's entry
        // (`ErrorCode.InvalidToken: 110,` of Flutter's generated converters).
        let first = between.iter().find(|b| !b.is_ascii_whitespace());
        let marked = ends_in_error_word
            || between.iter().any(u8::is_ascii_alphabetic)
            || first == Some(&b'(')
            || (found.evidence == Evidence::Identifier && matches!(first, Some(b'=' | b':')));
        marked.then(|| {
            let digits = between
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            (code, end - digits..end)
        })
    };
    let leading = || {
        let own_line = own_line_start(bytes, &line, span.start)?;
        leading_code(&bytes[own_line..line.end])
            .map(|(c, r)| (c, r.start + own_line..r.end + own_line))
    };
    let (code, at) = before.or_else(after).or_else(leading)?;
    let own = found.product();
    let means = |space: &&CodeSpace| TokenError::from_code(**space, code) == Some(found.error);
    let space = CodeSpace::ALL
        .iter()
        .filter(|s| Some(s.product()) == own)
        .find(means)
        .or_else(|| CodeSpace::ALL.iter().find(means))?;
    Some((*space, code, at))
}

/// In what a user reports (never in a log): a negative number right after a `return-word` of
/// `catalog/words.md`, which the native SDK's methods return as their error code (`initialize
/// failed: ret -101`, `返回-101`), unless the line names a socket call or the system's error. Each
/// word's hit costs a bounded read, so the text costs its length.
pub(super) fn returned_code(bytes: &[u8]) -> Option<MessageMatch> {
    RETURN_WORDS.iter().find_map(|w| {
        whole_words(bytes, w).find_map(|i| {
            let (code, code_end) = code_at(bytes, i + w.len(), 8)?;
            let error = (code < 0)
                .then(|| TokenError::from_code(CodeSpace::Native, code))
                .flatten()?;
            (!system_error(bytes, i, code_end)).then(|| {
                MessageMatch::coded(error, ERROR_CODE, CodeSpace::Native, code, i..code_end)
            })
        })
    })
}

/// Whether the sentence of `found`'s phrase speaks of its error as one to keep away from (an
/// `avoid-word` of `catalog/words.md` before it: `to avoid unknown issues caused by an invalid
/// token`), not one that happened. Reads at most 160 bytes back, to the sentence's start.
pub(super) fn avoided(bytes: &[u8], line: core::ops::Range<usize>, found: &MessageMatch) -> bool {
    let start = found.span().start;
    if found.evidence != Evidence::Phrase || start < line.start || start > line.end {
        return false;
    }
    let before = line_before(bytes, start, 160);
    let sentence = before
        .iter()
        .rposition(|&b| matches!(b, b'.' | b';' | b'!' | b'?'))
        .map_or(before, |i| &before[i + 1..]);
    AVOID_WORDS
        .iter()
        .any(|w| whole_words(sentence, w).next().is_some())
}

/// Where `word` (lower case) stands in `haystack` in any ASCII case as a whole word, glued to
/// no letter or digit on either side; a word that is not ASCII (`返回`, `避免`) stands anywhere,
/// as Chinese writes no spaces.
fn whole_words<'h>(haystack: &'h [u8], word: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    find_any_case(haystack, word).filter(move |&i| {
        !word.is_ascii()
            || ((i == 0 || !haystack[i - 1].is_ascii_alphanumeric())
                && haystack
                    .get(i + word.len())
                    .is_none_or(|b| !b.is_ascii_alphanumeric()))
    })
}

/// Whether the phrase of `found` is a doc row's description of a code that is no token error:
/// its line starts with a code (as [`agreeing_code`] reads one) that means `found`'s error in no
/// code space (`-15: The token has expired.`, the media player's own error, in a header that
/// names Agora). Asked only where [`agreeing_code`] found no code that agrees.
pub(super) fn describes_another_code(
    bytes: &[u8],
    line: core::ops::Range<usize>,
    found: &MessageMatch,
) -> bool {
    let start = found.span().start;
    found.evidence == Evidence::Phrase
        && own_line_start(bytes, &line, start)
            .is_some_and(|l| leading_code(&bytes[l..start]).is_some())
}

/// Where the line holding `at` starts, in `line` (a log's line, or a whole text of several
/// lines: a doc comment and its member), if within [`LINE_REACH`] bytes before `at`: a code
/// that starts a line describes the words near it. Bounded, so that the words of a long line
/// cost the same wherever they stand.
fn own_line_start(bytes: &[u8], line: &core::ops::Range<usize>, at: usize) -> Option<usize> {
    if at < line.start || at > line.end {
        return None;
    }
    let from = at.saturating_sub(LINE_REACH).max(line.start);
    match memchr::memrchr(b'\n', &bytes[from..at]) {
        Some(i) => Some(from + i + 1),
        None => (from == line.start).then_some(line.start),
    }
}

/// How far before its words a line's leading code is looked for.
const LINE_REACH: usize = 256;

/// The code a line of a doc table or doc comment starts with, as SDKs document their codes: `101:
/// The specified App ID is invalid`, `(2): Token update failed because ...`, `-121：用户 ID
/// 无效`, `* 8: The generated token is invalid`, `| 108 | TOKEN_EXPIRED | ...`, after comment marks,
/// table bars and indentation; it must be followed by a colon or, in a table, the next cell (a
/// numbered list's `2.` or `2)` is not a code).
pub(super) fn leading_code(line: &[u8]) -> Option<(i32, core::ops::Range<usize>)> {
    // Comment marks, markup tags (`<pd>`, `<li>` of a DITA or HTML table, C#'s `<summary>`),
    // full-width parentheses (`（2）：`) and indentation are short: at most 64 bytes are skipped,
    // so a line of blanks costs the same for every match on it.
    let mut start = 0;
    while start < line.len().min(64) {
        let rest = &line[start..];
        let skip = match rest[0] {
            b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'/' | b'(' | b'[' | b'#' | b'|' | b'`' => 1,
            b'<' => rest
                .iter()
                .take(12)
                .position(|&b| b == b'>')
                .filter(|&end| end > 1 && rest[1..end].iter().all(u8::is_ascii_alphanumeric))
                .map_or(0, |end| end + 1),
            _ if rest.starts_with("（".as_bytes()) => "（".len(),
            _ => 0,
        };
        if skip == 0 {
            break;
        }
        start += skip;
    }
    let (value, end) = integer_at(line, start)?;
    // `109/118/2: Token expired`: the codes of one error in several spaces; the first is read.
    let mut rest = &line[end..];
    while let Some(more) = rest.strip_prefix(b"/") {
        let n = more
            .iter()
            .take(10)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n == 0 {
            break;
        }
        rest = &more[n..];
    }
    let rest = [&b")"[..], b"]", b"`", "）".as_bytes()]
        .iter()
        .find_map(|p| rest.strip_prefix(*p))
        .unwrap_or(rest);
    let rest = rest.trim_ascii_start();
    // A colon, or the next cell of a table row (`| 108 | TOKEN_EXPIRED | ...`).
    let table = line[..start].contains(&b'|') && rest.starts_with(b"|");
    if !(table || rest.starts_with(b":") || rest.starts_with("：".as_bytes())) {
        return None;
    }
    Some((i32::try_from(value).ok()?, start..end))
}
