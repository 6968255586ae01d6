//! The short key and the compare behind the name map.
//!
//! An identifier's key is its length plus its bytes (upper-cased) at a few offsets from its end,
//! which `build.rs` picks so that no two names share a key. Forming it costs two or three byte
//! loads, hashing it (phf, over eight bytes) is far cheaper than hashing the whole name, and one
//! word-at-a-time case-insensitive compare against the single candidate proves the match.
//!
//! A qualified input (`Constants.ERR_TOKEN_EXPIRED`, `agora::rtc::ERR_INVALID_TOKEN`,
//! `.invalidToken`) is looked up by what follows its last `.` or `:`; that separator is searched
//! for only when the whole input is not a name, so a bare identifier pays nothing for it.
//!
//! This file is compiled twice: into the library and into `build.rs` (through `#[path]`), so the
//! build script and the lookup can never form a key differently.

/// How many byte offsets a key holds besides the length (the key is a `u64`).
pub(crate) const MAX_OFFSETS: usize = 7;

/// The key of `name`: its length, then its byte `offsets[i]` places from the end (1 is the last
/// byte), upper-cased, or 0 where the name is shorter than the offset.
#[inline]
pub(crate) fn key(name: &[u8], offsets: &[usize]) -> u64 {
    let len = name.len();
    // Names are shorter than 256 bytes (checked at build time); the low byte tells them apart.
    let mut key = (len & 0xff) as u64;
    for (i, &offset) in offsets.iter().enumerate() {
        let byte = len
            .checked_sub(offset)
            .map_or(0, |at| name[at].to_ascii_uppercase());
        key |= u64::from(byte) << (8 * (i + 1));
    }
    key
}

/// What follows the last `.` or `:` among the last `window` bytes of `name`, or `None` when
/// there is no separator there.
#[inline]
pub(crate) fn after_separator(name: &[u8], window: usize) -> Option<&[u8]> {
    let from = name.len().saturating_sub(window);
    let tail = &name[from..];
    let mut end = tail.len();
    while end >= 8 {
        let marks = separators(word(&tail[end - 8..end]));
        if marks != 0 {
            return Some(&tail[end - marks.leading_zeros() as usize / 8..]);
        }
        end -= 8;
    }
    if end == 0 {
        return None;
    }
    if tail.len() >= 8 {
        // The first `end` bytes, read as the first word with the bytes already seen masked off.
        let marks = separators(word(&tail[..8])) & ((1 << (8 * end)) - 1);
        return (marks != 0).then(|| &tail[8 - marks.leading_zeros() as usize / 8..]);
    }
    let i = tail[..end].iter().rposition(|&b| b == b'.' || b == b':')?;
    Some(&tail[i + 1..])
}

/// Whether `input` equals `upper` ignoring ASCII case, where `upper` is an upper-case ASCII name
/// of the same length, zero-padded, and the length is at least 8.
///
/// Compares eight bytes at a time (the last word overlaps the one before it), folding ASCII
/// lower-case letters to upper case with word arithmetic: no per-byte branches, no copy.
#[inline]
pub(crate) fn eq_upper(input: &[u8], upper: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let len = input.len();
    if len < 8 || upper.len() < len {
        return false;
    }
    let mut differ = 0;
    let mut at = 0;
    loop {
        let at_word = at.min(len - 8);
        let x = word(&input[at_word..at_word + 8]);
        // With every byte below 0x80 (checked through `differ`), adding cannot carry across
        // bytes: a byte's top bit says whether it is >= b'a', and whether it is > b'z'.
        let at_least_a = x.wrapping_add(ONES * u64::from(0x80 - b'a'));
        let above_z = x.wrapping_add(ONES * u64::from(0x80 - b'z' - 1));
        let lower = at_least_a & !above_z & HIGH;
        differ |= (x - (lower >> 2)) ^ word(&upper[at_word..at_word + 8]);
        differ |= x & HIGH;
        at += 8;
        if at >= len {
            return differ == 0;
        }
    }
}

#[inline]
fn word(chunk: &[u8]) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(chunk);
    u64::from_le_bytes(w)
}

/// 0x80 in every byte of `x` that is `.` or `:`, 0 elsewhere (exact: no borrow between bytes).
#[inline]
fn separators(x: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let zero_bytes = |v: u64| !(((v & LOW7) + LOW7) | v | LOW7);
    zero_bytes(x ^ 0x2e2e_2e2e_2e2e_2e2e) | zero_bytes(x ^ 0x3a3a_3a3a_3a3a_3a3a)
}

#[cfg(test)]
mod tests {
    use super::after_separator;

    /// The word-at-a-time scan finds what a plain scan from the end finds, for every length,
    /// window and place of the separators.
    #[test]
    fn after_separator_agrees_with_a_plain_scan() {
        let plain = |name: &[u8], window: usize| -> Option<usize> {
            let from = name.len().saturating_sub(window);
            name[from..]
                .iter()
                .rposition(|&b| b == b'.' || b == b':')
                .map(|i| from + i + 1)
        };
        for len in 0..40 {
            for first in 0..=len {
                for second in first..=len {
                    let mut buf = [b'A'; 40];
                    let name = &mut buf[..len];
                    if first < len {
                        name[first] = b'.';
                    }
                    if second < len && second != first {
                        name[second] = b':';
                    }
                    for window in [1, 7, 8, 9, 16, 51] {
                        let found = after_separator(name, window).map(|m| len - m.len());
                        assert_eq!(found, plain(name, window), "{name:?} {window}");
                    }
                }
            }
        }
    }
}
