//! The callbacks whose arguments carry a code (`catalog/callbacks.md`): `onError: err 110`,
//! `onConnectionStateChanged state: 5, reason: 8`, `onRenewTokenResult ... code: 3`. Where a
//! callback name stands whole in a text, its code is read and looked up in its code space.

use super::read::{code_at, find_word, integer_at};
use super::{Evidence, MessageMatch};
use crate::TokenError;
use crate::catalog::CodedCallback;

/// How far after a callback name its code may stand (`onError: err 110, msg: ...`).
const CODE_REACH: usize = 32;

/// How far after the parenthesis that opens a callback's arguments in the SDK's own log a field
/// may stand (a channel name and a user account may come before `reason:8`).
const FIELD_REACH: usize = 256;

/// How far after a callback name a field written without parentheses may stand
/// (`onConnectionStateChanged state: 5, reason: 8`).
const PLAIN_REACH: usize = 96;

/// The callback of `candidates` the word at `word_start..word_end` is, and where that word
/// is: the exact spelling first, else one in another ASCII case.
pub(super) fn callback_at(
    bytes: &[u8],
    (word_start, word_end): (usize, usize),
    candidates: &[&'static CodedCallback],
) -> Option<(&'static CodedCallback, usize, usize)> {
    let word = &bytes[word_start..word_end];
    let callback = candidates
        .iter()
        .find(|c| c.name.as_bytes() == word)
        .or_else(|| {
            candidates
                .iter()
                .find(|c| c.name.as_bytes().eq_ignore_ascii_case(word))
        })?;
    Some((callback, word_start, word_end))
}

/// The token error the code of the callback at `word_start..word_end` means: read from its
/// fields in the catalog's order (`-`: the number right after the name, within reach; else the
/// number after that word, on the same line), looked up in the callback's code space.
pub(super) fn callback_code(
    bytes: &[u8],
    (callback, word_start, word_end): (&'static CodedCallback, usize, usize),
) -> Option<MessageMatch> {
    // The first field that holds a number is the callback's code: `onError: err 17, ...` is
    // 17, whatever other fields follow.
    let (code, code_end) = callback.fields.iter().find_map(|&field| {
        if field == "-" {
            code_at(bytes, word_end, CODE_REACH)
        } else if let Some(k) = field.strip_prefix('#') {
            positional(bytes, word_end, k.parse().ok()?)
        } else if let Some(field) = field.strip_prefix('(') {
            in_arguments(bytes, word_end, field.as_bytes())
        } else {
            let at = find_word(bytes, word_end, word_end + PLAIN_REACH, field.as_bytes())?;
            code_at(bytes, at + field.len(), 16)
        }
    })?;
    let error = TokenError::from_code(callback.space, code)?;
    // A name in another case than Agora's (`onerror`, `ONERROR`) is how other code writes it.
    let exact = &bytes[word_start..word_end] == callback.name.as_bytes();
    Some(MessageMatch::coded(
        error,
        (callback.name, Evidence::Callback, !exact),
        callback.space,
        code,
        word_start..code_end,
    ))
}

/// The number after `field` inside the argument list the SDK's own log writes after a callback
/// (`->onError(this:0x..., error:110, msg:"")`): the list opens within [`CODE_REACH`] of the
/// name, and the word is looked for up to its closing parenthesis, at most [`FIELD_REACH`]
/// bytes. Without a parenthesis near the name nothing is read (`onError onError ...` costs no
/// search).
fn in_arguments(bytes: &[u8], from: usize, field: &[u8]) -> Option<(i32, usize)> {
    let near = &bytes[from..bytes.len().min(from + CODE_REACH)];
    let open = from + memchr::memchr(b'(', near)?;
    let reach = &bytes[open..bytes.len().min(open + FIELD_REACH)];
    let close = memchr::memchr(b')', reach).map_or(open + reach.len(), |i| open + i);
    let at = find_word(bytes, open, close, field)?;
    code_at(bytes, at + field.len(), 16)
}

/// The `k`-th (from 1) integer argument of a call written right after the name:
/// `onConnectionStateChanged(5, 8)`, `(5,8)`, `( 5, 8 )`; every argument before it an integer.
fn positional(bytes: &[u8], from: usize, k: usize) -> Option<(i32, usize)> {
    let rest = &bytes[from..bytes.len().min(from + CODE_REACH)];
    let open = rest.iter().position(|&b| b != b' ')?;
    if rest[open] != b'(' {
        return None;
    }
    let mut at = from + open + 1;
    for i in 1..=k {
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        let (value, end) = integer_at(bytes, at)?;
        let after = bytes[end..]
            .iter()
            .position(|&b| b != b' ')
            .map(|i| end + i);
        let next = after.map(|a| bytes[a]);
        if i == k {
            if !matches!(next, Some(b',' | b')')) {
                return None;
            }
            return Some((i32::try_from(value).ok()?, end));
        }
        if next != Some(b',') {
            return None;
        }
        at = after? + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::TokenError;
    use crate::catalog::{CALLBACKS, SPELLINGS};

    /// Every callback of the catalog is found by the scanner, in each of its fields, with a
    /// code its space says is a token error.
    #[test]
    fn every_callback_in_the_catalog_has_its_code_read() {
        for callback in &CALLBACKS {
            let (error, code) = SPELLINGS
                .iter()
                .find_map(|s| (s.space() == callback.space).then_some((s.error(), s.code()?)))
                .unwrap_or_else(|| panic!("{}: no code in {:?}", callback.name, callback.space));
            for field in callback.fields {
                let text = if *field == "-" {
                    format!("12:00:01 I/App: {}: {code}", callback.name)
                } else if let Some(field) = field.strip_prefix('(') {
                    format!(
                        "12:00:01 I/App: {name}->{name}(this:0x7f00, state:5, {field}:{code}, msg:\"\")",
                        name = callback.name
                    )
                } else if let Some(k) = field.strip_prefix('#') {
                    let before = "5, ".repeat(k.parse::<usize>().unwrap() - 1);
                    format!("12:00:01 I/App: {}({before}{code})", callback.name)
                } else {
                    format!(
                        "12:00:01 I/App: {} state: 5, {field}: {code}",
                        callback.name
                    )
                };
                let m = TokenError::match_message(&text)
                    .unwrap_or_else(|| panic!("`{text}` is not recognised"));
                assert_eq!(
                    (m.error(), m.matched(), m.space()),
                    (error, callback.name, Some(callback.space)),
                    "{text}"
                );
            }
        }
    }
}
