//! Matching the phrases of `catalog/phrases.md` around an anchor: in any ASCII case, glued to
//! other text, cut short after their minimum prefix.

use super::MessageMatch;
use crate::catalog::{Phrase, TIME_WORDS};

/// A phrase of `catalog/phrases.md` that contains the anchor at `start..end`, in any ASCII case,
/// present at least up to its minimum prefix. A space in a phrase matches a space, an underscore
/// or nothing (`invalid_appid`, `token过期`).
pub(super) fn phrase_at(
    bytes: &[u8],
    start: usize,
    end: usize,
    phrases: &[(&'static Phrase, usize)],
) -> Option<MessageMatch> {
    let len = end - start;
    for &(phrase, offset) in phrases {
        let Some(from) = start.checked_sub(offset) else {
            continue;
        };
        let p = phrase.text.as_bytes();
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
