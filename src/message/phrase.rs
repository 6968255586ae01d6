//! Matching the phrases of `catalog/phrases.md` around an anchor: in any ASCII case, glued to
//! other text, cut short after their minimum prefix.

use super::MessageMatch;
use crate::catalog::{Phrase, TIME_WORDS};

/// A phrase that holds an anchor, where, and the (up to) four bytes that follow the anchor in it,
/// as a key a hit is first compared with: most phrases of a busy anchor (`oken`, `nvalid`) are
/// then passed over with one compare.
#[derive(Clone, Copy)]
pub(super) struct Anchored {
    pub(super) phrase: &'static Phrase,
    pub(super) offset: usize,
    key: u32,
    mask: u32,
}

impl Anchored {
    /// `phrase` holding an anchor of `len` bytes at `offset`.
    pub(super) fn new(phrase: &'static Phrase, offset: usize, len: usize) -> Anchored {
        let mut key = [0u8; 4];
        let mut mask = [0u8; 4];
        let after = phrase.text.as_bytes().get(offset + len..).unwrap_or(&[]);
        for (i, &b) in after.iter().take(4).enumerate() {
            // A space may be missing beside a character outside ASCII (`token过期`): nothing from
            // it on is in the key.
            if !b.is_ascii() || (b == b' ' && after.get(i + 1).is_some_and(|n| !n.is_ascii())) {
                break;
            }
            key[i] = fold(b);
            mask[i] = 0xFF;
        }
        Anchored {
            phrase,
            offset,
            key: u32::from_le_bytes(key),
            mask: u32::from_le_bytes(mask),
        }
    }
}

/// A byte as the keys compare it: ASCII letters in lower case, an underscore as a space (a
/// phrase's space matches either).
fn fold(b: u8) -> u8 {
    if b == b'_' {
        b' '
    } else {
        b.to_ascii_lowercase()
    }
}

/// The key of the four bytes of a text after an anchor, and the bytes of it that count: up to the
/// first byte outside ASCII (where a phrase's space may be missing) or the end of the text.
fn text_key(after: &[u8]) -> (u32, u32) {
    let mut key = [0u8; 4];
    let mut mask = [0u8; 4];
    for (i, &b) in after.iter().take(4).enumerate() {
        if !b.is_ascii() {
            break;
        }
        key[i] = fold(b);
        mask[i] = 0xFF;
    }
    (u32::from_le_bytes(key), u32::from_le_bytes(mask))
}

/// A phrase of `catalog/phrases.md` that contains the anchor at `start..end`, in any ASCII case,
/// present at least up to its minimum prefix. A space in a phrase matches a space, an underscore
/// or nothing (`invalid_appid`, `token过期`).
pub(super) fn phrase_at(
    bytes: &[u8],
    start: usize,
    end: usize,
    phrases: &[Anchored],
) -> Option<MessageMatch> {
    if phrases.is_empty() {
        return None;
    }
    let len = end - start;
    let (key, text_mask) = text_key(&bytes[end..]);
    for a in phrases {
        let (phrase, offset) = (a.phrase, a.offset);
        if (key ^ a.key) & a.mask & text_mask != 0 {
            continue;
        }
        let Some(from) = start.checked_sub(offset) else {
            continue;
        };
        let p = phrase.text.as_bytes();
        // The byte before the anchor rejects most phrases at once (`t` of `token` before
        // `oken`), unless the phrase has a space there, which may stand for an underscore.
        if offset > 0
            && p[offset - 1] != b' '
            && !bytes[start - 1].eq_ignore_ascii_case(&p[offset - 1])
        {
            continue;
        }
        // A phrase that starts with a word starts a word of the text: `access_token已过期` and
        // `RTMP_STREAM_PUBLISH_REASON_INVALID_APPID` are other things.
        let glued = p[0].is_ascii_alphanumeric()
            && from > 0
            && (bytes[from - 1].is_ascii_alphanumeric() || bytes[from - 1] == b'_');
        // Most candidates fail within a few bytes after the anchor, or on the phrase's first.
        if glued
            || !bytes[from].eq_ignore_ascii_case(&p[0])
            || !ascii_prefix_agrees(&bytes[end..], &p[offset + len..])
        {
            continue;
        }
        let (read, same) = compare_phrase(&bytes[from..], p);
        if same >= phrase.min.max(offset + end - start) {
            // `token 过期前` (before the token expires), `token 过期事件` (the expiry event): a
            // moment or an event, not a report.
            let after = bytes[from + read..].trim_ascii_start();
            if TIME_WORDS.iter().any(|w| after.starts_with(w)) {
                continue;
            }
            // Whether other vendors print it as the text writes it: in words (WeChat's
            // `invalid appid`) or joined (OAuth's `invalid_token`; `invalid_appid` is Agora's
            // gateway reason, no one else's).
            let joined = bytes[from..from + read].contains(&b'_') && !p.contains(&b'_');
            let mut m = MessageMatch::phrase(phrase, from..from + read);
            m.shared = if joined {
                phrase.shared_joined
            } else {
                phrase.shared
            };
            return Some(m);
        }
    }
    None
}

/// Whether the first few ASCII bytes of `text` can be the start of `phrase` (a quick test before
/// [`compare_phrase`]; it never rejects what that would accept).
fn ascii_prefix_agrees(text: &[u8], phrase: &[u8]) -> bool {
    for (&t, &p) in text.iter().zip(phrase).take(4) {
        if !t.is_ascii() || !p.is_ascii() {
            return true;
        }
        let same = if p == b' ' {
            matches!(t, b' ' | b'_')
        } else {
            t.eq_ignore_ascii_case(&p)
        };
        if !same {
            return false;
        }
    }
    true
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
