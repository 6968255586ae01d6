//! Small readers over the bytes around an anchor: words, qualifiers, codes after a callback.

use crate::catalog::{CODE_KEYWORDS, FILLERS};

/// A byte that can be part of an identifier.
#[inline]
pub(super) fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word_byte`] as a table: one load per byte where the words around an anchor are read.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)] // b < 256
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_';
        b += 1;
    }
    table
};

/// How far [`word_around`] reads on each side of an anchor: past the longest identifier or
/// callback name the catalog holds (a unit test checks), so a longer run of word bytes is no
/// identifier, and a hit inside it costs a bounded read however long the run (a text of one
/// long word packed with anchors stays linear).
pub(super) const WORD_REACH: usize = 64;

/// The identifier around `start..end`: the maximal run of word bytes containing it, read at most
/// [`WORD_REACH`] bytes on each side (a longer run is clipped there, and is then longer than any
/// identifier).
pub(super) fn word_around(bytes: &[u8], start: usize, end: usize) -> (usize, usize) {
    let floor = start.saturating_sub(WORD_REACH);
    let word_start = bytes[floor..start]
        .iter()
        .rposition(|&b| !is_word_byte(b))
        .map_or(floor, |i| floor + i + 1);
    let ceiling = bytes.len().min(end + WORD_REACH);
    let word_end = bytes[end..ceiling]
        .iter()
        .position(|&b| !is_word_byte(b))
        .map_or(ceiling, |i| end + i);
    (word_start, word_end)
}

/// The qualifier written right before the word at `word_start` (`AgoraErrorCode` of
/// `AgoraErrorCode.invalidToken`, `rtc::ErrorCodeType` of `rtc::ErrorCodeType.errX`): word bytes,
/// dots and colons ending in a `.` or `:` before the word, at most `reach` bytes. Empty when the
/// word is not qualified.
pub(super) fn qualifier_before(bytes: &[u8], word_start: usize, reach: usize) -> &[u8] {
    if word_start == 0 || !matches!(bytes[word_start - 1], b'.' | b':') {
        return &[];
    }
    let floor = word_start.saturating_sub(reach);
    let from = bytes[floor..word_start]
        .iter()
        .rposition(|&b| !(is_word_byte(b) || b == b'.' || b == b':'))
        .map_or(floor, |i| floor + i + 1);
    bytes[from..word_start - 1].trim_ascii_end()
}

/// Bytes that may separate a callback, its keywords and its code.
fn is_code_separator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b':'
            | b'='
            | b'('
            | b'['
            | b'{'
            | b'"'
            | b'\''
            | b','
            | b'>'
            | b'-'
            | b'#'
            | b'`'
            | b'|'
    )
}

/// Separators beyond ASCII: full-width punctuation Chinese texts put between a word and its
/// code (`：`, `（`, `）`, `，`, the ideographic space), the particle `的` (`101的错误`), and the
/// no-break space some loggers print (`onError:\u{a0}err\u{a0}110`). Returns its length in
/// bytes when `b` starts with one. Each starts and ends outside ASCII.
fn wide_separator(b: &[u8]) -> Option<usize> {
    WIDE_SEPARATORS
        .iter()
        .find(|w| b.starts_with(w))
        .map(|w| w.len())
}

/// The separators of [`wide_separator`].
const WIDE_SEPARATORS: [&[u8]; 7] = [
    "：".as_bytes(),
    "（".as_bytes(),
    "）".as_bytes(),
    "，".as_bytes(),
    "的".as_bytes(),
    "\u{3000}".as_bytes(),
    "\u{a0}".as_bytes(),
];

/// The integer that follows `from` once separators and the keywords of a code (`err`, `code`,
/// `reason`, ...) are skipped, within `reach` bytes on the same line, and where it ends. The
/// number must stand alone: `110` in `err 110,` but not in `110ms` or `1.10`. Anything else
/// before it (other words, other numbers) means the text is not a code.
pub(super) fn code_at(bytes: &[u8], from: usize, reach: usize) -> Option<(i32, usize)> {
    let end = bytes.len().min(from + reach);
    let mut at = from;
    loop {
        while at < end {
            if is_code_separator(bytes[at]) {
                at += 1;
            } else if let Some(n) = (!bytes[at].is_ascii())
                .then(|| wide_separator(&bytes[at..]))
                .flatten()
            {
                at += n;
            } else {
                break;
            }
        }
        if at >= end {
            return None;
        }
        if bytes[at].is_ascii_digit() {
            break;
        }
        if wide_digit(&bytes[at..]).is_some() {
            return wide_code(bytes, at);
        }
        let word = bytes[at..].iter().take_while(|&&b| is_word_byte(b)).count();
        let w = &bytes[at..at + word];
        if word == 0 || !CODE_KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) {
            return None;
        }
        at += word;
    }
    let negative =
        at > from && bytes[at - 1] == b'-' && bytes.get(at.wrapping_sub(2)) != Some(&b'-');
    let (value, after) = integer_at(bytes, at)?;
    let glued = bytes.get(after).is_some_and(|&b| is_word_byte(b))
        || (bytes.get(after) == Some(&b'.')
            && bytes.get(after + 1).is_some_and(u8::is_ascii_digit));
    if glued {
        return None;
    }
    let value = i32::try_from(if negative { -value } else { value }).ok()?;
    Some((value, after))
}

/// The value of the full-width digit (`０` to `９`, U+FF10 to U+FF19) `b` starts with.
fn wide_digit(b: &[u8]) -> Option<u8> {
    match b {
        [0xEF, 0xBC, d @ 0x90..=0x99, ..] => Some(d - 0x90),
        _ => None,
    }
}

/// A code written in full-width digits at `at` (`错误码：１１０`), and where it ends: at most
/// nine digits, standing alone.
fn wide_code(bytes: &[u8], at: usize) -> Option<(i32, usize)> {
    let mut value = 0i32;
    let mut end = at;
    for _ in 0..9 {
        let Some(d) = wide_digit(&bytes[end..]) else {
            break;
        };
        value = value * 10 + i32::from(d);
        end += 3;
    }
    let glued = bytes.get(end).is_some_and(|&b| is_word_byte(b));
    (!glued).then_some((value, end))
}

/// `(109)`, ` (109)` or `(-109)` right after an identifier.
pub(super) fn paren_code(after: &[u8]) -> Option<i32> {
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

/// Where the word `word` (any ASCII case, whole) first stands in `bytes[from..to]`, on the first
/// line of it.
pub(super) fn find_word(bytes: &[u8], from: usize, to: usize, word: &[u8]) -> Option<usize> {
    let to = to.min(bytes.len());
    let line_end = memchr::memchr(b'\n', &bytes[from..to]).map_or(to, |i| from + i);
    let window = &bytes[from..line_end];
    let first = word.first()?;
    let last_start = window.len().checked_sub(word.len())?;
    // The first letter in either case, found by memchr's vector search.
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &window[..=last_start],
    )
    .find_map(|i| {
        let hit = window[i..i + word.len()].eq_ignore_ascii_case(word)
            && (i == 0 || !window[i - 1].is_ascii_alphabetic())
            && window
                .get(i + word.len())
                .is_none_or(|b| !b.is_ascii_alphabetic());
        hit.then_some(from + i)
    })
}

/// The integer that ends right before `to`, once separators (and at most two filler words) are
/// skipped: `110` in `110 error`, `101的错误`, `109(expired)`, `110 token is invalid`. It must
/// stand alone: not part of a time (`12:00:01.110`), a decimal, a version or an identifier.
pub(super) fn code_before(bytes: &[u8], to: usize) -> Option<(i32, usize)> {
    code_before_with(bytes, to, false)
}

/// [`code_before`], with a `-` that stands alone before the digits read as their sign where
/// `signed`.
fn code_before_with(bytes: &[u8], to: usize, signed: bool) -> Option<(i32, usize)> {
    let mut at = to;
    let mut fillers = 0;
    loop {
        while at > 0 && (is_code_separator(bytes[at - 1]) || bytes[at - 1] == b')') {
            at -= 1;
        }
        if let Some(n) = [3usize].into_iter().find(|&n| {
            at >= n && !bytes[at - 1].is_ascii() && wide_separator(&bytes[at - n..at]) == Some(n)
        }) {
            at -= n;
            continue;
        }
        if at == 0 || bytes[at - 1].is_ascii_digit() {
            break;
        }
        let word = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| is_word_byte(b))
            .count();
        let w = &bytes[at - word..at];
        if word == 0 || fillers == 2 || !FILLERS.iter().any(|f| w.eq_ignore_ascii_case(f)) {
            return None;
        }
        fillers += 1;
        at -= word;
    }
    let digits = bytes[..at]
        .iter()
        .rev()
        .take(10)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let mut start = at - digits;
    if digits == 0 {
        return None;
    }
    // `109/118/2: Token expired`: the codes of one error in several spaces, of which the first
    // is read (as `leading_code` does).
    let mut end = at;
    for _ in 0..3 {
        let group = bytes[..start.saturating_sub(1)]
            .iter()
            .rev()
            .take(8)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if start == 0 || bytes[start - 1] != b'/' || group == 0 {
            break;
        }
        end = start - 1;
        start = end - group;
    }
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let sign_alone = |minus: usize| {
        minus == 0 || matches!(bytes[minus - 1], b' ' | b'\t' | b'\n' | b'(' | b'[' | b'|')
    };
    if signed && before == Some(b'-') && sign_alone(start - 1) {
        start -= 1;
    } else if before
        .is_some_and(|b| is_word_byte(b) || matches!(b, b'.' | b',' | b':' | b'/' | b'-' | b'+'))
    {
        return None;
    }
    let value: i32 = core::str::from_utf8(&bytes[start..end])
        .ok()?
        .parse()
        .ok()?;
    Some((value, start))
}

/// [`code_before`], or a negative code standing alone before the words (`-101(ERR_INVALID_APP_ID)`,
/// `-121: The user ID is invalid`), as the SDKs document what a method returns.
pub(super) fn signed_code_before(bytes: &[u8], to: usize) -> Option<(i32, usize)> {
    code_before_with(bytes, to, true)
}

/// Where `needle` (lower case) stands in `haystack`, in any ASCII case: its first letter found in
/// either case by memchr's vector search, the rest compared.
pub(super) fn find_any_case<'h>(
    haystack: &'h [u8],
    needle: &'h [u8],
) -> impl Iterator<Item = usize> + 'h {
    let first = needle.first().copied().unwrap_or(0);
    let last_start = haystack.len().checked_sub(needle.len());
    let window = last_start.map_or(&haystack[..0], |l| &haystack[..=l]);
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), window)
        .filter(move |&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Whether `needle` (lower case) stands in `haystack`, in any ASCII case.
pub(super) fn contains_any_case(haystack: &[u8], needle: &[u8]) -> bool {
    find_any_case(haystack, needle).next().is_some()
}

/// The integer written at `at`: an optional `-`, then at most ten digits (so no overflow in an
/// `i64`). Its value and where its digits end; `None` without a digit.
pub(super) fn integer_at(bytes: &[u8], at: usize) -> Option<(i64, usize)> {
    let negative = bytes.get(at) == Some(&b'-');
    let from = at + usize::from(negative);
    let digits = bytes
        .get(from..)?
        .iter()
        .take(10)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let end = from + digits;
    let value = bytes[from..end]
        .iter()
        .fold(0i64, |v, &d| v * 10 + i64::from(d - b'0'));
    Some((if negative { -value } else { value }, end))
}

#[cfg(test)]
mod tests {
    /// The readers look for a wide separator only at a byte outside ASCII, on either side.
    #[test]
    fn every_wide_separator_starts_and_ends_outside_ascii() {
        for w in super::WIDE_SEPARATORS {
            assert!(!w[0].is_ascii() && !w[w.len() - 1].is_ascii(), "{w:?}");
        }
    }
}
