//! The second search of a log: the names of `catalog/events.md` and the starts of access
//! tokens, which [`super::log`] reads around its hits.

use std::sync::OnceLock;

use aho_corasick::MatchKind;
use aho_corasick::dfa::DFA;

use crate::TokenEvent;
use crate::catalog::EVENT_CALLBACKS;
use crate::starts::STARTS_007;

/// What the second search finds: the names of `catalog/events.md` (several products and
/// platforms share a name, and a name means one event wherever it is used: `build.rs` checks
/// it), then the starts of access tokens.
///
/// A name is searched for by its last word and the letter before it (`lExpire` of
/// `tokenPrivilegeWillExpire`, `tToken` of `requestToken`, `l-expire` of
/// `token-privilege-will-expire`): where two words meet is rarer in a log than where a name
/// starts (`token`, `request`, `on`), and the packed searcher, which looks at a pattern's first
/// three bytes, stops less often. Over the mixed log of `benches/cli_vs_grep.py` its three first
/// bytes match 39,000 times instead of 230,000, and the CLI's scan takes 5% less time. Of those
/// parts, only the ones that hold no other part are searched (`dExpire`, not `dExpire:`). A name
/// is read around the hit of a part it holds, leftmost and then longest, as a search for every
/// name would find it.
pub(super) struct Markers {
    pub(super) searcher: DFA,
    /// The parts searched for, in pattern order: for each, the names that hold it and where in
    /// them it stands.
    pub(super) searched: Vec<Vec<(usize, &'static str, TokenEvent)>>,
}

/// The second search, set up on first use.
pub(super) fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut events: Vec<(&'static str, TokenEvent)> = Vec::new();
        for c in &EVENT_CALLBACKS {
            if !events.iter().any(|&(name, _)| name == c.name()) {
                events.push((c.name(), c.event()));
            }
        }
        // Where `part` stands in `name`, byte by byte (the names are a few dozen bytes).
        let at = |name: &str, part: &str, from: usize| {
            (from..=name.len().saturating_sub(part.len()))
                .find(|&i| name.as_bytes()[i..].starts_with(part.as_bytes()))
        };
        let mut parts: Vec<&'static str> = Vec::new();
        for &(name, _) in &events {
            let part = last_word(name);
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        let inner: Vec<&'static str> = parts
            .iter()
            .copied()
            .filter(|&part| !parts.iter().any(|&o| o != part && at(part, o, 0).is_some()))
            .collect();
        let mut searched = Vec::with_capacity(inner.len());
        for &part in &inner {
            let mut holders = Vec::new();
            for &(name, event) in &events {
                let mut from = 0;
                while let Some(i) = at(name, part, from) {
                    holders.push((i, name, event));
                    from = i + 1;
                }
            }
            searched.push(holders);
        }
        let automaton = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(inner.iter().copied().chain(TOKEN_STARTS.iter().copied()))
            .expect("a few dozen short literals are far within the automaton's limits");
        Markers {
            searcher: automaton,
            searched,
        }
    })
}

/// The part of an event name its search looks for: from the last letter or digit before its
/// last word to its end (`lExpire` of `onTokenWillExpire`, `dExpire:` of `tokenDidExpire:`,
/// `L_EXPIRE` of `WILL_EXPIRE`); the whole name if it is one word. A word starts at a capital
/// after a small letter, or at a letter after a `-` or `_`.
pub(super) fn last_word(name: &str) -> &str {
    let b = name.as_bytes();
    let Some(word) = (1..b.len()).rev().find(|&i| {
        (b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase())
            || (b[i].is_ascii_alphabetic() && matches!(b[i - 1], b'-' | b'_'))
    }) else {
        return name;
    };
    let from = b[..word]
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .unwrap_or(0);
    &name[from..]
}

/// How 007 tokens start (`007` and the base64 of a zlib header, [`STARTS_007`]) and 006
/// tokens start.
const TOKEN_STARTS: [&str; 5] = [
    STARTS_007[0],
    STARTS_007[1],
    STARTS_007[2],
    STARTS_007[3],
    "006",
];
