//! The index over the phrases that hold one anchor: which of them a hit can be, read from the
//! eight bytes around it.

use super::Anchored;

/// The phrases that hold one anchor, in the order they are tried, with an index on the bytes
/// around it: for each ASCII byte (as [`fold`](super::fold) writes it) at each of the four
/// places after the anchor and the four before it, the phrases whose keys let it through there,
/// as bits of their place in the list (64 to a word). A hit of a busy anchor (`oken` stands 88
/// times in the phrases) then tries only the few phrases that can go on as the text does, in the
/// same order. The index holds what [`Anchored::keys_agree`] requires of each of those bytes, and
/// that is checked before each phrase is tried, so the index only skips phrases that would have
/// been skipped.
pub(in crate::message) struct AnchorPhrases {
    pub(super) list: Vec<Anchored>,
    /// `words` words per byte value, [`ROWS`] byte values, for each of [`PLACES`] places: the bytes
    /// after the anchor, nearest first, then those before it.
    by_byte: Vec<u64>,
    words: usize,
}

/// The places the index reads: four bytes after the anchor, then four before it (the high and
/// the low half of [`text_around`](super::text_around)).
const PLACES: usize = 8;

/// Rows per place: the 128 ASCII bytes (after the anchor, where the text's key counts them),
/// then [`ANY`], [`WIDE`] and [`END`].
const ROWS: usize = 131;

/// The row of an ASCII byte after the anchor that the text's key does not count (one after a
/// byte outside ASCII): every phrase.
const ANY: usize = 128;

/// The row of a byte outside ASCII: the phrases whose keys ask for no byte there, or for one
/// outside ASCII (`token 已过期` without its space).
const WIDE: usize = 129;

/// The row of a place after the anchor beyond the text's end: the phrases whose keys ask for no
/// byte there.
const END: usize = 130;

/// Up to this many phrases, a hit tries each whose keys agree, without the index.
const SHORT_LIST: usize = 16;

impl AnchorPhrases {
    /// The index over `list`, in the order given.
    pub(in crate::message) fn new(list: Vec<Anchored>) -> AnchorPhrases {
        // A short list is tried without its index: none is built.
        if list.len() <= SHORT_LIST {
            return AnchorPhrases {
                list,
                by_byte: Vec::new(),
                words: 0,
            };
        }
        let words = list.len().div_ceil(64);
        let mut by_byte = vec![0u64; PLACES * ROWS * words];
        // The phrases each place lets any byte through for, set in every row at the end.
        let mut every = vec![0u64; PLACES * words];
        for (i, a) in list.iter().enumerate() {
            let (w, bit) = (i / 64, 1u64 << (i % 64));
            for place in 0..PLACES {
                // A byte that is none of the phrase's keys there meets only the keys that do
                // not count, as any other such byte does: one of them answers for all. A key
                // byte meets more, so it passes wherever the others do.
                let keys = a.keys_at(place);
                let other = (0u8..4).find(|c| !keys.contains(c)).unwrap_or_default();
                if a.lets_through(place, other) {
                    every[place * words + w] |= bit;
                }
                for c in keys {
                    if c < 128 && a.lets_through(place, c) {
                        by_byte[(place * ROWS + usize::from(c)) * words + w] |= bit;
                    }
                }
                // Outside ASCII the same: the keys' own bytes there, and one that is none.
                let wide = (128u8..=131).find(|c| !keys.contains(c)).unwrap_or(128);
                if keys
                    .into_iter()
                    .filter(|&c| c >= 128)
                    .chain([wide])
                    .any(|c| a.lets_through_uncounted(place, c))
                {
                    by_byte[(place * ROWS + WIDE) * words + w] |= bit;
                }
                if place < 4 && a.lets_through_uncounted(place, 0) {
                    by_byte[(place * ROWS + END) * words + w] |= bit;
                }
            }
        }
        for place in 0..PLACES {
            for c in 0..128 {
                for w in 0..words {
                    by_byte[(place * ROWS + c) * words + w] |= every[place * words + w];
                }
            }
            by_byte[(place * ROWS + ANY) * words..(place * ROWS + ANY + 1) * words].fill(!0);
            if place >= 4 {
                // Before the anchor no place is beyond the text (its start reads as zero, an
                // ASCII row).
                by_byte[(place * ROWS + END) * words..(place * ROWS + ROWS) * words].fill(!0);
            }
        }
        AnchorPhrases {
            list,
            by_byte,
            words,
        }
    }

    /// Whether no phrase holds the anchor.
    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The list, if it is short enough to be tried without the index.
    pub(super) fn short(&self) -> Option<&[Anchored]> {
        (self.list.len() <= SHORT_LIST).then_some(&self.list[..])
    }

    /// The first answer of `try_phrase` for the phrases whose keys agree with the text around a
    /// hit (`key` and `text_mask` of the bytes after it, `around` the bytes around it), in the
    /// list's order, found through the index (a short list has none: [`AnchorPhrases::short`]).
    pub(super) fn first_agreeing<T>(
        &self,
        (key, text_mask): (u32, u32),
        around: u64,
        mut try_phrase: impl FnMut(&Anchored) -> Option<T>,
    ) -> Option<T> {
        debug_assert!(self.short().is_none(), "a short list has no index");
        let agrees = |a: &Anchored| a.keys_agree((key, text_mask), around);
        let (words, last) = (self.words, self.list.len() % 64);
        let counts = text_mask.to_le_bytes();
        let before = around.to_le_bytes();
        // The rows of the index the text's bytes select: an ASCII byte's own after the anchor
        // where the key counts it, and before it (zero before the text's start, which no phrase
        // has); else the row of what the byte is.
        let rows: [usize; PLACES] = core::array::from_fn(|place| {
            let (byte, counted) = match place {
                0..4 => (before[4 + place], counts[place] != 0),
                _ => (before[place - 4], before[place - 4] < 128),
            };
            let row = match byte {
                _ if counted => usize::from(byte),
                128.. => WIDE,
                0 => END,
                _ => ANY,
            };
            (place * ROWS + row) * words
        });
        for w in 0..words {
            let mut bits = if w + 1 == words && last != 0 {
                (1u64 << last) - 1
            } else {
                !0
            };
            for &row in &rows {
                bits &= self.by_byte[row + w];
            }
            while bits != 0 {
                let a = &self.list[w * 64 + bits.trailing_zeros() as usize];
                bits &= bits - 1;
                if agrees(a) {
                    if let Some(found) = try_phrase(a) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }
}

impl Anchored {
    /// The bytes the keys ask for at `place` (see [`Anchored::lets_through`]), counted or not.
    fn keys_at(&self, place: usize) -> [u8; 3] {
        let byte = |word: u64, at: usize| word.to_le_bytes()[at];
        let [(with, _), (without, _)] = self.around;
        if place >= 4 {
            return [byte(with, place - 4), byte(without, place - 4), 0];
        }
        [
            byte(u64::from(self.key), place),
            byte(with, 4 + place),
            byte(without, 4 + place),
        ]
    }

    /// Whether [`Anchored::keys_agree`] can let a hit through whose text holds the byte that
    /// [`fold`](super::fold) writes as `c` at `place` where the text's key does not count it
    /// (after the anchor: a byte outside ASCII, one after it, or beyond the text's end, zero):
    /// only the bytes around the anchor are compared there.
    fn lets_through_uncounted(&self, place: usize, c: u8) -> bool {
        let byte = |word: u64, at: usize| word.to_le_bytes()[at];
        let agrees = |(key, mask): (u64, u64), at: usize| byte(mask, at) == 0 || byte(key, at) == c;
        let [with, without] = self.around;
        let at = if place >= 4 { place - 4 } else { 4 + place };
        agrees(with, at) || agrees(without, at)
    }

    /// Whether [`Anchored::keys_agree`] can let a hit through whose text holds the ASCII byte
    /// that [`fold`](super::fold) writes as `c` at `place`: after the anchor (0 to 3, all bytes
    /// before it being ASCII too, so that [`key_of`](super::key_of) counts them), or before it
    /// (4 to 7, the nearest first).
    fn lets_through(&self, place: usize, c: u8) -> bool {
        let byte = |word: u64, at: usize| word.to_le_bytes()[at];
        let agrees = |(key, mask): (u64, u64), at: usize| byte(mask, at) == 0 || byte(key, at) == c;
        let [with, without] = self.around;
        if place >= 4 {
            return agrees(with, place - 4) || agrees(without, place - 4);
        }
        agrees((u64::from(self.key), u64::from(self.mask)), place)
            && (agrees(with, 4 + place) || agrees(without, 4 + place))
    }
}

#[cfg(test)]
mod tests {
    use super::{ANY, END, PLACES, ROWS, SHORT_LIST, WIDE};

    /// The index, built from each phrase's keys, holds what every byte lets through at every
    /// place, byte by byte, and what some byte outside ASCII and the text's end let through;
    /// a short list has none.
    #[test]
    fn the_index_holds_what_each_byte_lets_through() {
        let scanner = crate::message::scan::scanner();
        let mut rows = 0;
        for anchor in &scanner.anchors {
            let phrases = &anchor.phrases;
            if phrases.list.len() <= SHORT_LIST {
                assert!(phrases.by_byte.is_empty());
                continue;
            }
            for (i, a) in phrases.list.iter().enumerate() {
                for place in 0..PLACES {
                    let bit = |row: usize| {
                        phrases.by_byte[(place * ROWS + row) * phrases.words + i / 64] >> (i % 64)
                            & 1
                            == 1
                    };
                    for c in 0u8..128 {
                        let lets = a.lets_through(place, c);
                        assert_eq!(bit(usize::from(c)), lets, "{:?} {place} {c}", a.phrase.text);
                        rows += 1;
                    }
                    let wide = (128u8..=255).any(|c| a.lets_through_uncounted(place, c));
                    assert_eq!(bit(WIDE), wide, "{:?} {place} wide", a.phrase.text);
                    let end = place >= 4 || a.lets_through_uncounted(place, 0);
                    assert_eq!(bit(END), end, "{:?} {place} end", a.phrase.text);
                    assert!(bit(ANY));
                }
            }
        }
        assert!(rows > 100_000, "{rows}");
    }
}
