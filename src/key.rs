//! The short key and the compare behind the name map.
//!
//! An identifier's key folds its first and last eight bytes (case bits cleared, a word at a time)
//! and its length into a `u64`, with a rotation `build.rs` picks so that no two names share a key.
//! Forming it costs two word loads, hashing it (phf, over eight bytes) is far cheaper than
//! hashing the whole name, and one word-at-a-time case-insensitive compare against the single
//! candidate proves the match.
//!
//! A qualified input (`Constants.ERR_TOKEN_EXPIRED`, `agora::rtc::ERR_INVALID_TOKEN`,
//! `.invalidToken`) is looked up by what follows its last `.` or `:`.
//!
//! This file is compiled twice: into the library and into `build.rs` (through `#[path]`), so the
//! build script and the lookup can never form a key differently.

/// The key of `name` (eight bytes or more): its first, middle and last eight bytes with every
/// byte's case bit (0x20) cleared, the first and middle rotated by `rotation` bits (the middle
/// by twice that, plus 13), and its length, folded together. The middle word tells apart names
/// that share their ends and length (`RTM_ERROR_STORAGE_PERMISSION_DENIED`,
/// `RTM_ERROR_HISTORY_PERMISSION_DENIED`). Clearing the case bit makes `a` and `A` one; that it also makes other pairs one
/// (digits and control characters) costs nothing: the key only picks the candidate, and the
/// compare that follows is exact.
#[inline]
pub(crate) fn key(name: &[u8], rotation: u32) -> u64 {
    const CASE: u64 = 0x2020_2020_2020_2020;
    let len = name.len();
    let first = word(&name[..8]) & !CASE;
    let middle = word(&name[len / 2 - 4..len / 2 + 4]) & !CASE;
    let last = word(&name[len - 8..]) & !CASE;
    first.rotate_left(rotation) ^ middle.rotate_left(rotation * 2 + 13) ^ last ^ (len as u64)
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
