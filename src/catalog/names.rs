//! Identifier lookup through the generated name map, qualifier-aware.
//!
//! The map is keyed on an identifier's member (what follows its last `.`), so that
//! `ERR_INVALID_TOKEN`, `Constants.ERR_INVALID_TOKEN` and `agora::rtc::ERR_INVALID_TOKEN` all find
//! the same entry. Each member lists the spellings that end in it: several SDK enums reuse a
//! member (`ErrorCode.InvalidToken` is native 110 in Dart 3.x, `ConnectionChangedReason.InvalidToken`
//! is connection reason 8), and the qualifier picks the row among them.

use super::SPELLINGS;
use super::generated::{CANDIDATES, KEY_ROTATION, MAX_NAME_LEN, MEMBERS, MIN_NAME_LEN, NAME_INDEX};
use crate::{Spelling, key};

// The key reads a name's first and last eight bytes.
const _: () = assert!(MAX_NAME_LEN < 256 && MIN_NAME_LEN >= 8);

/// The shortest member of any catalog identifier, in bytes.
pub(crate) const MIN_LEN: usize = MIN_NAME_LEN;

/// The spellings whose member is `member` (any ASCII case), unqualified ones first.
#[inline]
pub(crate) fn candidates(member: &[u8]) -> Option<&'static [u16]> {
    if member.len() < MIN_NAME_LEN || member.len() > MAX_NAME_LEN {
        return None;
    }
    let &index = NAME_INDEX.get(&key::key(member, KEY_ROTATION))?;
    let (name, start, len) = &MEMBERS[usize::from(index)];
    // The key folds the length in but does not keep it: the candidate must end where the input
    // ends (its zero padding starts right there), or a prefix of it could pass the compare.
    let same_length = name[member.len() - 1] != 0 && name.get(member.len()).is_none_or(|&b| b == 0);
    (same_length && key::eq_upper(member, name))
        .then(|| &CANDIDATES[usize::from(*start)..usize::from(*start) + usize::from(*len)])
}

/// How strictly a qualifier is required.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    /// A name lookup: a qualifier that matches a row picks it; any other qualifier, or none, is
    /// ignored (`Constants.ERR_TOKEN_EXPIRED`, a bare `invalidToken`).
    Lenient,
    /// A word in free text: a member that the SDKs only write qualified (`invalidToken` of
    /// `AgoraErrorCode.invalidToken`) counts only with its qualifier, so that a variable or a JSON
    /// field of the same name is not taken for an SDK identifier.
    #[cfg_attr(not(feature = "messages"), allow(dead_code))]
    Strict,
}

/// The spelling `qualifier` (the text before the member's `.`, possibly empty or itself
/// qualified) and `member` name, or `None`.
pub(crate) fn resolve(
    qualifier: &[u8],
    member: &[u8],
    mode: Qualifier,
) -> Option<&'static Spelling> {
    let list = candidates(member)?;
    let spelling = |i: &u16| &SPELLINGS[usize::from(*i)];
    // The segment right before the member: `ErrorCodeType` of `agora.ErrorCodeType.errX`.
    let segment = qualifier
        .iter()
        .rposition(|&b| b == b'.' || b == b':')
        .map_or(qualifier, |i| &qualifier[i + 1..]);
    if !segment.is_empty() {
        // Exact case first: RTM's `ErrorCode.invalidToken` and RTC's `ErrorCode.InvalidToken`
        // differ only in case.
        // The row's qualifier is the text's last segment, or all of its last segments
        // (`RtmStatusCode.ConnectionChangeReason`).
        let names_row = |q: &[u8]| {
            q.eq_ignore_ascii_case(segment)
                || (qualifier.len() > q.len()
                    && qualifier[qualifier.len() - q.len() - 1] == b'.'
                    && qualifier[qualifier.len() - q.len()..].eq_ignore_ascii_case(q))
                || qualifier.eq_ignore_ascii_case(q)
        };
        let mut same = list
            .iter()
            .map(spelling)
            .filter(|s| s.qualifier().is_some_and(|q| names_row(q.as_bytes())));
        if let Some(first) = same.next() {
            let exact = core::iter::once(first).chain(same).find(|s| {
                s.qualifier()
                    .is_some_and(|q| q.as_bytes() == segment || qualifier.ends_with(q.as_bytes()))
                    && s.member().as_bytes() == member
            });
            return Some(exact.unwrap_or(first));
        }
    }
    let bare = list.iter().map(spelling).find(|s| s.qualifier().is_none());
    match mode {
        Qualifier::Strict => bare,
        Qualifier::Lenient => bare.or_else(|| list.first().map(spelling)),
    }
}

/// The member of a qualified name (what follows its last `.` or `:`), or `None` when `name` has
/// no qualifier; the separator is looked for only among the last `MAX_NAME_LEN + 1` bytes (a
/// member is never longer).
#[inline]
pub(crate) fn qualified_member(name: &[u8]) -> Option<&[u8]> {
    key::after_separator(name, MAX_NAME_LEN + 1)
}

/// Splits a trimmed name into its qualifier and its member.
#[inline]
pub(crate) fn split(name: &[u8]) -> (&[u8], &[u8]) {
    match qualified_member(name) {
        Some(member) => {
            let qualifier = &name[..name.len() - member.len() - 1];
            (qualifier, member)
        }
        None => (&[], name),
    }
}
