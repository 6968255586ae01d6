//! The short, fixed-size key that indexes the name map.
//!
//! A name's key is its length plus a few of its bytes, folded to ASCII upper case, at positions
//! `build.rs` picks so that no two names in the catalog share a key. Hashing these eight bytes
//! costs far less than hashing the whole name; a single case-insensitive compare against the one
//! candidate then proves the match.
//!
//! This file is compiled twice: into the library and into `build.rs` (through `#[path]`), so the
//! build script and the lookup can never fold a name differently.

/// How many byte positions a key holds besides the length.
pub(crate) const MAX_POSITIONS: usize = 7;

/// Folds `name` into its key. `positions` index from the start when `>= 0` and from the end when
/// negative (`-1` is the last byte); a position outside `name` contributes a zero byte.
#[inline]
pub(crate) fn fold(name: &[u8], positions: &[i16]) -> u64 {
    let len = name.len();
    // Lengths are capped far below 256 before any key is folded; the low byte is enough to tell
    // lengths apart and keeps the key to one machine word.
    let mut key = (len & 0xff) as u64;
    let mut shift = 8;
    for &p in positions {
        let index = if p >= 0 {
            Some(p.unsigned_abs() as usize)
        } else {
            len.checked_sub(p.unsigned_abs() as usize)
        };
        let byte = index.and_then(|i| name.get(i)).copied().unwrap_or(0);
        key |= u64::from(byte.to_ascii_uppercase()) << shift;
        shift += 8;
    }
    key
}

/// The part of a (possibly qualified) name that the map is keyed on: surrounding ASCII
/// whitespace removed, then everything up to the last `.` or `:` dropped, so
/// `Constants.ERR_TOKEN_EXPIRED`, `agora::rtc::ERR_INVALID_TOKEN` and `.invalidToken` reduce to
/// the identifier itself.
#[inline]
pub(crate) fn segment(name: &[u8]) -> &[u8] {
    let name = name.trim_ascii();
    match memchr::memrchr2(b'.', b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Whether `input` equals `upper` ignoring ASCII case, where `upper` is an upper-case ASCII name
/// zero-padded to at least `input.len()` bytes and `input` is at least 8 bytes long.
///
/// Compares eight bytes at a time (the last word overlaps the one before it), folding ASCII
/// lower-case letters to upper case with word arithmetic: no per-byte branches, no copy.
#[inline]
pub(crate) fn eq_upper(input: &[u8], upper: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let word = |bytes: &[u8], at: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let len = input.len();
    if len < 8 || upper.len() < len {
        return false;
    }
    let mut differ = 0;
    let mut at = 0;
    loop {
        let at_word = at.min(len - 8);
        let x = word(input, at_word);
        // With every byte below 0x80 (checked through `differ`), adding cannot carry across
        // bytes: a byte's top bit says whether it is >= b'a', and whether it is > b'z'.
        let at_least_a = x.wrapping_add(ONES * u64::from(0x80 - b'a'));
        let above_z = x.wrapping_add(ONES * u64::from(0x80 - b'z' - 1));
        let lower = at_least_a & !above_z & HIGH;
        differ |= (x - (lower >> 2)) ^ word(upper, at_word);
        differ |= x & HIGH;
        at += 8;
        if at >= len {
            return differ == 0;
        }
    }
}
