//! Matching the phrases of `catalog/phrases.md` around an anchor: in any ASCII case, glued to
//! other text, cut short after their minimum prefix.

use super::MessageMatch;
use crate::catalog::{Phrase, TIME_WORDS};

mod index;

pub(super) use index::AnchorPhrases;

/// A phrase that holds an anchor, where, and the (up to) four bytes that follow the anchor in it,
/// as a key a hit is first compared with: most phrases of a busy anchor (`oken`, `nvalid`) are
/// then passed over with one compare. Where the text must follow the phrase byte for byte around
/// the anchor, the four bytes before it and the bytes after it up to the phrase's minimum (beyond
/// ASCII too) are a second key, in two forms where the phrase's next byte is a space that may be
/// missing (`token 已过期`, `token已过期`).
#[derive(Clone, Copy)]
pub(super) struct Anchored {
    pub(super) phrase: &'static Phrase,
    pub(super) offset: usize,
    key: u32,
    mask: u32,
    /// The bytes before (low half) and after (high half), and which of them count: with the
    /// space after the anchor, and without it.
    around: [(u64, u64); 2],
    /// The last byte the text must hold for the phrase to reach its minimum, as [`fold`]
    /// writes it, and where it stands after the phrase's start; none where a space before it
    /// may be missing (the text's bytes then do not stand where the phrase's do).
    last: Option<(usize, u8)>,
    /// The phrase's first byte, as [`fold`] writes it: the text must hold it where the phrase
    /// would start (as [`phrase_here`] requires first).
    first: u8,
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
        // Around the anchor the text follows the phrase byte for byte, since the compare starts
        // `offset` bytes before the hit. A space that may be missing before the anchor could
        // only be left out by a text that also holds the anchor that many bytes earlier, which
        // an anchor that does not repeat itself at that shift cannot: the bytes around it are
        // then compared. Otherwise (more such spaces than the anchor has bytes, or an anchor
        // that repeats itself at their count) they are not.
        let p = phrase.text.as_bytes();
        let end = offset + len;
        // (One inside the anchor itself is not counted on: none is, and the keys are off.)
        let missable = (1..end).filter(|&j| may_miss(p, j)).count();
        let inside = (offset..end).any(|j| may_miss(p, j));
        let anchor = &p[offset..end];
        let repeats = |shift: usize| {
            anchor[shift..]
                .iter()
                .zip(anchor)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        let mut around = [(0, 0); 2];
        if !inside && missable < len && !(1..=missable).any(repeats) {
            let (mut before, mut before_mask) = ([0u8; 4], [0u8; 4]);
            for i in 0..offset.min(4) {
                before[i] = fold(p[offset - 1 - i]);
                before_mask[i] = 0xFF;
            }
            let (before, before_mask) =
                (u32::from_le_bytes(before), u32::from_le_bytes(before_mask));
            // The phrase's bytes the text must hold after the anchor for the compare to reach
            // the minimum.
            let need = phrase.min.max(end) - end;
            let with = tail_key(p, end, need, true);
            let without = if may_miss(p, end) {
                tail_key(p, end + 1, need.saturating_sub(1), false)
            } else {
                with
            };
            for (slot, (k, m)) in around.iter_mut().zip([with, without]) {
                *slot = (
                    u64::from(before) | u64::from(k) << 32,
                    u64::from(before_mask) | u64::from(m) << 32,
                );
            }
        }
        let need = phrase.min.max(end);
        let last = (need > end && !(1..need).any(|j| may_miss(p, j)))
            .then(|| (need - 1, fold(p[need - 1])));
        Anchored {
            phrase,
            offset,
            key: u32::from_le_bytes(key),
            mask: u32::from_le_bytes(mask),
            around,
            last,
            first: fold(p[0]),
        }
    }

    /// Whether the text holds the phrase's first byte where it would start and the last byte it
    /// needs where it needs it, if the hit at `start` is its anchor: most phrases that agree
    /// around the hit (`invalid token, please replace ...` in `invalid token`, `... corrupt
    /// access token` in `access_token is invalid`) part further on. It rejects only what
    /// [`phrase_here`] would.
    #[inline]
    fn reaches_its_minimum(&self, bytes: &[u8], start: usize) -> bool {
        if !self.starts_here(bytes, start) {
            return false;
        }
        let Some((at, byte)) = self.last else {
            return true;
        };
        bytes
            .get(start - self.offset + at)
            .is_some_and(|&b| fold(b) == byte)
    }

    /// Whether the text holds the phrase's first byte where it would start, if the hit at
    /// `start` is its anchor.
    #[inline]
    fn starts_here(&self, bytes: &[u8], start: usize) -> bool {
        start
            .checked_sub(self.offset)
            .is_some_and(|from| fold(bytes[from]) == self.first)
    }

    /// Whether the keys let a hit through: `key` and `text_mask` are [`key_of`] of the bytes
    /// after it, `around` [`text_around`] of the bytes around it. It rejects only what
    /// [`phrase_here`] would.
    #[inline]
    fn keys_agree(&self, (key, text_mask): (u32, u32), around: u64) -> bool {
        let [(with, with_mask), (without, without_mask)] = self.around;
        (key ^ self.key) & self.mask & text_mask == 0
            && ((around ^ with) & with_mask == 0 || (around ^ without) & without_mask == 0)
    }
}

/// Whether the byte at `j` of `phrase` is a space a text may leave out: one beside a character
/// outside ASCII (as [`compare_phrase`] reads it).
fn may_miss(phrase: &[u8], j: usize) -> bool {
    j > 0 && phrase.get(j) == Some(&b' ') && beside_wide(phrase, j)
}

/// The key of (up to) four bytes of `phrase` from `from`, as [`fold`] writes them: at most
/// `need` of them, up to the phrase's end and to a space that may be missing (the one at `from`
/// is taken where `first_may_miss`).
fn tail_key(phrase: &[u8], from: usize, need: usize, first_may_miss: bool) -> (u32, u32) {
    let (mut key, mut mask) = ([0u8; 4], [0u8; 4]);
    for i in 0..need.min(4) {
        let k = from + i;
        if k >= phrase.len() || (may_miss(phrase, k) && (i > 0 || !first_may_miss)) {
            break;
        }
        key[i] = fold(phrase[k]);
        mask[i] = 0xFF;
    }
    (u32::from_le_bytes(key), u32::from_le_bytes(mask))
}

/// The bytes of a text around an anchor at `start..end`, as [`fold`] writes them (bytes outside
/// ASCII as they are): the four before it, the nearest first, in the low half, the four after it
/// in the high half; zero beyond the text.
fn text_around(bytes: &[u8], start: usize, end: usize) -> u64 {
    // Most hits stand four bytes or more inside their line: eight loads, no loop.
    if let (Some(before), Some(after)) = (
        start.checked_sub(4).and_then(|from| bytes.get(from..start)),
        bytes.get(end..end + 4),
    ) {
        let f = |i: usize| u64::from(fold(before[3 - i])) << (8 * i);
        let g = |i: usize| u64::from(fold(after[i])) << (8 * (4 + i));
        return f(0) | f(1) | f(2) | f(3) | g(0) | g(1) | g(2) | g(3);
    }
    let mut key = [0u8; 8];
    for (k, &b) in key[..4].iter_mut().zip(bytes[..start].iter().rev()) {
        *k = fold(b);
    }
    for (k, &b) in key[4..].iter_mut().zip(&bytes[end..]) {
        *k = fold(b);
    }
    u64::from_le_bytes(key)
}

/// A byte as the keys compare it: ASCII letters in lower case, an underscore as a space (a
/// phrase's space matches either).
#[inline]
fn fold(b: u8) -> u8 {
    FOLD[usize::from(b)]
}

/// [`fold`] as a table: one load per byte where a hit's bytes are read (12 of them per hit).
static FOLD: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)] // b < 256
        let byte = b as u8;
        table[b] = if byte == b'_' {
            b' '
        } else {
            byte.to_ascii_lowercase()
        };
        b += 1;
    }
    table
};

/// The key of the four bytes of a text after an anchor, and the bytes of it that count: up to the
/// first byte outside ASCII (where a phrase's space may be missing) or the end of the text. Read
/// from those bytes as [`text_around`] holds them (`after`, its high half) and how many bytes the
/// text has after the anchor (`left`).
#[inline]
fn key_of(after: u32, left: usize) -> (u32, u32) {
    // Up to the first byte outside ASCII, or the text's end.
    let ascii = after
        .to_le_bytes()
        .iter()
        .take_while(|b| b.is_ascii())
        .count();
    let bytes = ascii.min(left).min(4);
    let mask = if bytes == 4 {
        u32::MAX
    } else {
        (1u32 << (8 * bytes)) - 1
    };
    (after & mask, mask)
}

/// The key of the four bytes of a text after an anchor, and the bytes of it that count: up to the
/// first byte outside ASCII (where a phrase's space may be missing) or the end of the text. (What
/// [`key_of`] reads from [`text_around`], byte by byte: the tests compare them.)
#[cfg(test)]
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

/// Whether the space at `j` of `phrase` stands beside a character outside ASCII, where a text may
/// leave it out (as [`compare_phrase`] reads it).
fn beside_wide(phrase: &[u8], j: usize) -> bool {
    !phrase[j - 1].is_ascii() || phrase.get(j + 1).is_some_and(|b| !b.is_ascii())
}

/// A phrase of `catalog/phrases.md` that contains the anchor at `start..end`, in any ASCII case,
/// present at least up to its minimum prefix. A space in a phrase matches a space, an underscore
/// or nothing (`invalid_appid`, `token过期`).
pub(super) fn phrase_at(
    bytes: &[u8],
    start: usize,
    end: usize,
    phrases: &AnchorPhrases,
) -> Option<MessageMatch> {
    if phrases.is_empty() {
        return None;
    }
    let keys = || {
        let around = text_around(bytes, start, end);
        #[allow(clippy::cast_possible_truncation)] // the high half
        (key_of((around >> 32) as u32, bytes.len() - end), around)
    };
    // A short list: each phrase's first byte is looked at where it would start, and the bytes
    // around the hit are read only for one that holds it (`rror` is late in both its phrases).
    if let Some(list) = phrases.short() {
        let mut read = None;
        return list.iter().find_map(|a| {
            if !a.starts_here(bytes, start) {
                return None;
            }
            let &mut (key, around) = read.get_or_insert_with(keys);
            (a.keys_agree(key, around) && a.reaches_its_minimum(bytes, start))
                .then(|| phrase_here(bytes, start, end, key, a))
                .flatten()
        });
    }
    let ((key, text_mask), around) = keys();
    phrases.first_agreeing((key, text_mask), around, |a| {
        a.reaches_its_minimum(bytes, start)
            .then(|| phrase_here(bytes, start, end, (key, text_mask), a))
            .flatten()
    })
}

/// The phrase `a` at the anchor hit `start..end`, if the text holds it there; `key` and
/// `text_mask` are [`key_of`] of the bytes after the hit.
#[inline(never)]
fn phrase_here(
    bytes: &[u8],
    start: usize,
    end: usize,
    (key, text_mask): (u32, u32),
    a: &Anchored,
) -> Option<MessageMatch> {
    let len = end - start;
    let (phrase, offset) = (a.phrase, a.offset);
    if (key ^ a.key) & a.mask & text_mask != 0 {
        return None;
    }
    let from = start.checked_sub(offset)?;
    let p = phrase.text.as_bytes();
    // The byte before the anchor rejects most phrases at once (`t` of `token` before
    // `oken`), unless the phrase has a space there, which may stand for an underscore.
    if offset > 0 && p[offset - 1] != b' ' && !bytes[start - 1].eq_ignore_ascii_case(&p[offset - 1])
    {
        return None;
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
        return None;
    }
    let (read, same) = compare_phrase(&bytes[from..], p);
    if same < phrase.min.max(offset + end - start) {
        return None;
    }
    // `token 过期前` (before the token expires), `token 过期事件` (the expiry event): a
    // moment or an event, not a report.
    let after = bytes[from + read..].trim_ascii_start();
    if TIME_WORDS.iter().any(|w| {
        after
            .get(..w.len())
            .is_some_and(|a| a.eq_ignore_ascii_case(w))
    }) {
        return None;
    }
    // Whether other vendors print it as the text writes it: in words (WeChat's
    // `invalid appid`) or joined (OAuth's `invalid_token`; `invalid_appid` is Agora's
    // gateway reason, no one else's).
    let joined = bytes[from..from + read].contains(&b'_') && !p.contains(&b'_');
    // Cut short is what a log's line limit does to words; words joined by underscores and cut
    // short are a name of someone else's (`invalid_vendor_key` of a game server).
    if joined && read < p.len() {
        return None;
    }
    let mut m = MessageMatch::phrase(phrase, from..from + read);
    m.shared = if joined {
        phrase.shared_joined
    } else {
        phrase.shared
    };
    Some(m)
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
        match (text.get(i), phrase[j]) {
            (Some(b' ' | b'_'), b' ') => (i, j) = (i + 1, j + 1),
            (_, b' ') if j > 0 && beside_wide(phrase, j) => j += 1,
            (Some(t), p) if t.eq_ignore_ascii_case(&p) => (i, j) = (i + 1, j + 1),
            _ => break,
        }
    }
    (i, j)
}

#[cfg(test)]
mod tests {
    use super::{AnchorPhrases, phrase_at, phrase_here, text_key};
    use crate::catalog::{ANCHORS, PHRASES};

    /// Every phrase tried in order with only the original key compare: what [`phrase_at`] must
    /// answer, whatever its index and keys skip.
    fn every_phrase(
        bytes: &[u8],
        start: usize,
        end: usize,
        phrases: &AnchorPhrases,
    ) -> Option<super::MessageMatch> {
        let key = text_key(&bytes[end..]);
        phrases
            .list
            .iter()
            .find_map(|a| phrase_here(bytes, start, end, key, a))
    }

    /// Texts around the catalog's phrases: each cut at every length, in upper case, with
    /// underscores, without the spaces beside wide characters, glued to text before and after;
    /// and every text of the corpora and fixtures.
    fn texts() -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = Vec::new();
        for p in &PHRASES {
            let t = p.text;
            let forms = [
                t.to_owned(),
                t.to_uppercase(),
                t.replace(' ', "_"),
                t.replace(' ', ""),
                t.replace(' ', "  "),
            ];
            for form in forms {
                for cut in (0..=form.len()).filter(|&c| form.is_char_boundary(c)) {
                    for (before, after) in
                        [("", ""), ("x", "x"), (" ", " "), ("的", "已"), ("_", ":")]
                    {
                        out.push(format!("{before}{}{after}", &form[..cut]).into_bytes());
                    }
                }
            }
        }
        for file in [
            &include_bytes!("../../tests/fixtures/messages.tsv")[..],
            &include_bytes!("../../tests/fixtures/products-messages.tsv")[..],
            &include_bytes!("../../tests/fixtures/sdk-texts.tsv")[..],
            &include_bytes!("../../tests/fixtures/products-texts.tsv")[..],
            &include_bytes!("../../tests/fixtures/ordinary-logs.txt")[..],
            &include_bytes!("../../tests/fixtures/other-vendors.txt")[..],
        ] {
            out.extend(file.split(|&b| b == b'\n').map(<[u8]>::to_vec));
        }
        out
    }

    /// The bytes around a hit are read as they are one by one, at every place of a text: near
    /// its start and end too, where fewer than four bytes stand on a side.
    #[test]
    fn the_bytes_around_a_hit_are_read_as_one_by_one() {
        for text in texts() {
            for start in 0..=text.len() {
                for end in start..=text.len().min(start + 4) {
                    let mut key = [0u8; 8];
                    for i in 0..4 {
                        if let Some(&b) = start.checked_sub(i + 1).map(|at| &text[at]) {
                            key[i] = super::fold(b);
                        }
                        if let Some(&b) = text.get(end + i) {
                            key[4 + i] = super::fold(b);
                        }
                    }
                    let expected = u64::from_le_bytes(key);
                    assert_eq!(
                        super::text_around(&text, start, end),
                        expected,
                        "{start}..{end} of {text:?}"
                    );
                }
            }
        }
    }

    /// The key read from the bytes around a hit is the key read byte by byte.
    #[test]
    fn the_key_after_a_hit_is_read_as_byte_by_byte() {
        for text in texts() {
            for end in 0..=text.len() {
                let around = super::text_around(&text, end, end);
                #[allow(clippy::cast_possible_truncation)] // the high half
                let key = super::key_of((around >> 32) as u32, text.len() - end);
                assert_eq!(key, text_key(&text[end..]), "{end} of {text:?}");
            }
        }
    }

    /// The index on the byte after the anchor and the keys around it skip only phrases the
    /// compare would reject: at every place of every text where an anchor stands, `phrase_at`
    /// answers as trying every phrase does.
    #[test]
    fn the_phrase_index_answers_as_trying_every_phrase() {
        let scanner = super::super::scan::scanner();
        let mut places = 0usize;
        for text in texts() {
            let lower = text.to_ascii_lowercase();
            for (i, (anchor, _)) in ANCHORS.iter().enumerate() {
                let phrases = &scanner.anchors[i].phrases;
                let a = anchor.as_bytes();
                for start in (0..lower.len()).filter(|&s| lower[s..].starts_with(a)) {
                    let end = start + a.len();
                    places += 1;
                    assert_eq!(
                        phrase_at(&text, start, end, phrases),
                        every_phrase(&text, start, end, phrases),
                        "{anchor:?} at {start} of {:?}",
                        String::from_utf8_lossy(&text)
                    );
                }
            }
        }
        assert!(places > 10_000, "{places} places");
    }
}
