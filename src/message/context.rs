//! The rule on evidence that other vendors print too: a bare `INVALID_TOKEN`, `invalid appid`,
//! `the token has expired`, `error code 110`. Such a match counts only in a text (or, when a log
//! is scanned, a line) that says it comes from Agora: a word of `catalog/context.md`, or a match
//! whose evidence only Agora's SDKs print. A code next to an error word also counts in a text
//! that names what the code means (`error 110 invalid token`, `101的错误 ... appid`: the
//! `named-as` words of `catalog/errors.md`). Evidence of Agora's own counts alone.
//!
//! RTM 2.x writes a generic reason and then the access point's own (`Invalid App ID. ...
//! detail: DYNAMIC_KEY_NOT_ENABLED, ...`): the match after ` detail: ` names the cause, and the
//! generic one before it is passed over.

use core::ops::Range;
use std::sync::OnceLock;

use aho_corasick::Span;
use aho_corasick::dfa::DFA;
use aho_corasick::packed::{Config, MatchKind as PackedMatchKind, Searcher};

use super::scan::{Candidates, LOG_BUFFER, Scanner, TEXT_BUFFER, hits, lower_into, scanner};
use super::{Evidence, MessageMatch, Support, error_word};
use crate::TokenError;
use crate::catalog::{CONTEXT_FOR_CODES_ONLY, CONTEXT_WORDS};

/// The words of `catalog/context.md`: searched by the packed searcher in a lower-cased copy of a
/// line where the CPU has one and the line fits the copy, else by an automaton in any ASCII case.
/// Both find the same words: none of them holds another, so the leftmost-first and the earliest
/// ending match are the same (a test compares them over the corpora).
struct ContextWords {
    packed: Option<Searcher>,
    /// Built on first need: most logs never have a line longer than the copy.
    automaton: OnceLock<DFA>,
}

/// The longest line the packed search copies (a stack buffer).
const LINE_COPY: usize = 1024;

fn context_words() -> &'static ContextWords {
    static WORDS: OnceLock<ContextWords> = OnceLock::new();
    WORDS.get_or_init(|| ContextWords::new(true))
}

impl ContextWords {
    fn new(packed: bool) -> ContextWords {
        let packed = packed
            .then(|| {
                Config::new()
                    .match_kind(PackedMatchKind::LeftmostFirst)
                    .builder()
                    .extend(CONTEXT_WORDS)
                    .build()
            })
            .flatten();
        ContextWords {
            packed,
            automaton: OnceLock::new(),
        }
    }

    fn automaton(&self) -> &DFA {
        self.automaton.get_or_init(|| {
            DFA::builder()
                .ascii_case_insensitive(true)
                .build(CONTEXT_WORDS)
                .expect("a few short literals are far within the automaton's limits")
        })
    }

    /// Where the first word of `line` that vouches for anything stands, else the first that
    /// vouches for a code only (`true`).
    fn first_in(&self, line: &[u8]) -> Option<(Range<usize>, bool)> {
        let mut for_codes = None;
        let mut take = |at: Range<usize>, pattern: usize| {
            if CONTEXT_FOR_CODES_ONLY[pattern] {
                for_codes.get_or_insert(at);
                None
            } else {
                Some((at, false))
            }
        };
        let found = match &self.packed {
            Some(searcher) if line.len() <= LINE_COPY => {
                let mut copy = [0u8; LINE_COPY];
                lower_into(line, &mut copy[..line.len()]);
                let lower = &copy[..line.len()];
                let mut from = 0;
                core::iter::from_fn(|| {
                    let m = searcher.find_in(lower, Span::from(from..lower.len()))?;
                    from = m.end();
                    Some(m)
                })
                .find_map(|m| take(m.range(), m.pattern().as_usize()))
            }
            _ => hits(self.automaton(), line).find_map(|m| take(m.range(), m.pattern().as_usize())),
        };
        found.or(for_codes.map(|at| (at, true)))
    }
}

/// The `named-as` words of every error, each with the errors (as bits of their index in
/// `TokenError::ALL`) it names.
fn named_words() -> &'static (DFA, Vec<u32>) {
    static WORDS: OnceLock<(DFA, Vec<u32>)> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<(&str, u32)> = Vec::new();
        for (i, e) in TokenError::ALL.iter().enumerate() {
            for &w in e.named_as() {
                match words.iter_mut().find(|(x, _)| *x == w) {
                    Some((_, bits)) => *bits |= 1 << i,
                    None => words.push((w, 1 << i)),
                }
            }
        }
        let automaton = DFA::builder()
            .ascii_case_insensitive(true)
            .build(words.iter().map(|(w, _)| w))
            .expect("a few short literals are far within the automaton's limits");
        (automaton, words.into_iter().map(|(_, bits)| bits).collect())
    })
}

/// Where the first `named-as` word of `error` stands in `line`.
pub(super) fn named_word(line: &[u8], error: TokenError) -> Option<Range<usize>> {
    let (automaton, bits) = named_words();
    hits(automaton, line)
        .find(|hit| bits[hit.pattern().as_usize()] & bit(error) != 0)
        .map(|hit| hit.range())
}

/// The bit of `error` in the masks of [`named_words`].
fn bit(error: TokenError) -> u32 {
    TokenError::ALL
        .iter()
        .position(|&e| e == error)
        .map_or(0, |i| 1 << i)
}

/// A fact about a line, found when a match first needs it.
#[derive(Clone)]
enum Lazy<T> {
    Unread,
    Read(T),
}

impl<T: Clone> Lazy<T> {
    fn get_or_read(&mut self, read: impl FnOnce() -> T) -> T {
        if let Lazy::Read(value) = self {
            return value.clone();
        }
        let value = read();
        *self = Lazy::Read(value.clone());
        value
    }
}

/// What is known of one line (or text).
struct Known {
    line_start: usize,
    /// Where it says it comes from Agora, if it does, and whether the word vouches only for a
    /// code (`joinChannel`, an API name other vendors copied).
    context: Lazy<Option<(Range<usize>, bool)>>,
    /// The errors whose `named-as` words it holds.
    named: Lazy<u32>,
    /// Where a match after RTM 2.x's ` detail: ` starts, if there is one: the matches before
    /// it are the generic reason in front of the cause.
    detail: Lazy<Option<usize>>,
    /// The errors (bits of their index in `TokenError::ALL`) that Agora's own identifiers and
    /// phrases name later on the line: a bare code that an SDK reports for one of them gives
    /// way to it (`errorCode: -10005, reason: DYNAMIC_ENABLED_BUT_STATIC_KEY`).
    causes: Lazy<u32>,
}

impl Known {
    fn new(line_start: usize) -> Known {
        Known {
            line_start,
            context: Lazy::Unread,
            named: Lazy::Unread,
            detail: Lazy::Unread,
            causes: Lazy::Unread,
        }
    }
}

/// The matches in a text that count, in text order.
pub(super) struct Judged<'s, 'b, const N: usize = LOG_BUFFER> {
    candidates: Candidates<'s, 'b, N>,
    bytes: &'b [u8],
    known: Known,
}

impl<'s, 'b, const N: usize> Judged<'s, 'b, N> {
    /// With `by_line`, each line of `bytes` is judged alone (a log); else the whole text.
    #[inline]
    pub(super) fn new(scanner: &'s Scanner, bytes: &'b [u8], by_line: bool) -> Self {
        Judged {
            candidates: Candidates::new(scanner, bytes, by_line),
            bytes,
            known: Known::new(usize::MAX),
        }
    }

    /// Where `bytes[line]` says it comes from Agora: a context word, else the first match of
    /// Agora's own evidence on it after the current one (earlier ones have set `known`), else a
    /// word that vouches for a code only (`true`). Runs at most once per line, so a text costs
    /// at most two searches.
    fn context_in(&self, line: Range<usize>) -> Option<(Range<usize>, bool)> {
        let shift = |at: Range<usize>| line.start + at.start..line.start + at.end;
        let for_codes = match context_words().first_in(&self.bytes[line.clone()]) {
            Some((at, false)) => return Some((shift(at), false)),
            Some((at, true)) => Some(shift(at)),
            None => None,
        };
        let mut ahead = self.candidates.ahead::<TEXT_BUFFER>(line.end);
        ahead
            .find(|c| !c.found.shared)
            .map(|c| (c.found.span(), false))
            .or(for_codes.map(|at| (at, true)))
    }
}

impl<const N: usize> Iterator for Judged<'_, '_, N> {
    type Item = MessageMatch;

    fn next(&mut self) -> Option<MessageMatch> {
        loop {
            let candidate = self.candidates.next()?;
            let line = candidate.line;
            if self.known.line_start != line.start {
                self.known = Known::new(line.start);
            }
            let Some(found) = self.judge(candidate.found, &line) else {
                continue;
            };
            if matches!(found.evidence, Evidence::ErrorCode | Evidence::Callback)
                && self.gives_way(&found, &line)
            {
                continue;
            }
            return Some(found);
        }
    }
}

impl<const N: usize> Judged<'_, '_, N> {
    /// The match, if it counts on its line: Agora's own evidence, or evidence other software
    /// prints too with a code that agrees or a sign of Agora.
    fn judge(&mut self, mut found: MessageMatch, line: &Range<usize>) -> Option<MessageMatch> {
        let (bytes, candidates) = (self.bytes, &self.candidates);
        let detail = self.known.detail.get_or_read(|| {
            let at = detail_finder().find(&bytes[line.clone()])?;
            let after = line.start + at + DETAIL.len();
            let mut ahead = candidates.ahead::<TEXT_BUFFER>(line.end);
            ahead
                .find(|c| c.found.span.start >= after)
                .map(|c| c.found.span.start)
        });
        match detail {
            Some(cause) if found.span.end <= cause => return None,
            // RTM 2.x's own shape names the access point's reason: Agora's, not shared.
            Some(cause) if found.span.start == cause => found.shared = false,
            _ => {}
        }
        let vetoed = |found: &MessageMatch| {
            found
                .veto
                .as_ref()
                .is_some_and(|v| error_word::vetoed(&bytes[..line.end], v))
        };
        if !found.shared {
            if vetoed(&found) {
                return None;
            }
            if let Lazy::Unread = self.known.context {
                self.known.context = Lazy::Read(Some((found.span(), false)));
            }
            return Some(found);
        }
        if found.evidence == Evidence::ErrorCode {
            let named = self.known.named.get_or_read(|| {
                let (automaton, bits) = named_words();
                hits(automaton, &bytes[line.clone()])
                    .fold(0, |m, hit| m | bits[hit.pattern().as_usize()])
            });
            if named & bit(found.error) != 0 {
                if vetoed(&found) {
                    return None;
                }
                found.context = named_word(&bytes[line.clone()], found.error)
                    .map(|r| r.start + line.start..r.end + line.start);
                found.support = Support::Agreement;
                return Some(found);
            }
        } else if let Some((space, code, at)) =
            error_word::agreeing_code(bytes, line.clone(), &found)
        {
            // `101: Invalid App ID`, `-10005: The token is invalid.`: the words and the code
            // beside them mean the same error, in the code's space.
            found.agreed(space, code);
            found.context = Some(at);
            found.support = Support::Agreement;
            return Some(found);
        }
        let context = match self.known.context.clone() {
            Lazy::Read(context) => context,
            Lazy::Unread => {
                let context = self.context_in(line.clone());
                self.known.context = Lazy::Read(context.clone());
                context
            }
        };
        match context {
            // A word that vouches for a code only (`joinChannel`) makes no shared phrase Agora's.
            // Unless the words describe a doc row's other code (`-15: The token has expired.`)
            // or an error to keep away from (`to avoid ... an invalid token`).
            Some((at, codes_only))
                if (!codes_only || found.evidence == Evidence::ErrorCode)
                    && !vetoed(&found)
                    && !error_word::describes_another_code(bytes, line.clone(), &found)
                    && !error_word::avoided(bytes, line.clone(), &found) =>
            {
                found.context = Some(at);
                found.support = Support::Agora;
                Some(found)
            }
            _ => None,
        }
    }

    /// Whether a bare code gives way to the cause Agora's own identifiers or phrases name later
    /// on its line, one the code is reported for (`errorCode: -10005, reason:
    /// DYNAMIC_ENABLED_BUT_STATIC_KEY`). Read once per line, and only for a code that counts.
    fn gives_way(&mut self, found: &MessageMatch, line: &Range<usize>) -> bool {
        let candidates = &self.candidates;
        let causes = self.known.causes.get_or_read(|| {
            let ahead = candidates.ahead::<TEXT_BUFFER>(line.end);
            ahead
                .filter(|c| {
                    !c.found.shared
                        && matches!(c.found.evidence, Evidence::Identifier | Evidence::Phrase)
                })
                .fold(0, |m, c| m | bit(c.found.error))
        });
        TokenError::ALL
            .iter()
            .any(|e| causes & bit(*e) != 0 && e.also_reported_as().contains(&found.error))
    }
}

/// The first token error in a text.
pub(super) fn first(bytes: &[u8]) -> Option<MessageMatch> {
    first_with(scanner(), bytes)
}

/// [`first`] with a given scanner.
#[inline]
pub(super) fn first_with(scanner: &Scanner, bytes: &[u8]) -> Option<MessageMatch> {
    Judged::<TEXT_BUFFER>::new(scanner, bytes, false).next()
}

/// A text given to this crate as a user's report ([`crate::Report::of`]) that is nothing but a
/// spelling other software prints too (`The token is invalid.`, `token 已过期`, `error 110`)
/// and that names its error (a `named-as` word of `catalog/errors.md`): only the whitespace,
/// quotes and punctuation around it are not the match. Asked of an Agora
/// tool, it can only mean Agora's error; in a log it stays unread (`first`).
pub(super) fn reported(bytes: &[u8]) -> Option<MessageMatch> {
    let mut candidates = Candidates::<TEXT_BUFFER>::new(scanner(), bytes, false);
    let Some(candidate) = candidates.find(|c| c.found.shared) else {
        return error_word::returned_code(bytes).map(|mut m| {
            m.support = Support::Reported;
            m
        });
    };
    let mut found = candidate.found;
    let bare = |b: &[u8]| {
        core::str::from_utf8(b).is_ok_and(|s| {
            s.chars().all(|c| {
                c.is_whitespace()
                    || c.is_ascii_punctuation()
                    || matches!(
                        c,
                        '。' | '，'
                            | '：'
                            | '；'
                            | '！'
                            | '？'
                            | '“'
                            | '”'
                            | '‘'
                            | '’'
                            | '（'
                            | '）'
                            | '【'
                            | '】'
                            | '「'
                            | '」'
                            | '…'
                    )
            })
        })
    };
    if !bare(&bytes[..found.span.start]) || !bare(&bytes[found.span.end..]) {
        return None;
    }
    // Words that do not name their error (native 119's `Switching roles fails`, jose's
    // `signature verification failed`) say nothing of a token alone, even to Agora's tool; a
    // code next to an error word is a code, read as a bare code is.
    if found.evidence != Evidence::ErrorCode
        && named_word(&bytes[found.span.clone()], found.error).is_none()
    {
        return None;
    }
    if found
        .veto
        .as_ref()
        .is_some_and(|v| error_word::vetoed(bytes, v))
    {
        return None;
    }
    found.context = None;
    found.support = Support::Reported;
    Some(found)
}

/// What RTM 2.x writes between a generic reason and the access point's own.
const DETAIL: &[u8] = b" detail: ";

/// The search for [`DETAIL`], set up once: `memmem::find` sets one up at each call, which cost
/// more than the search itself on a log's short lines.
fn detail_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(DETAIL))
}

#[cfg(test)]
mod tests {
    use super::ContextWords;
    use crate::catalog::CONTEXT_WORDS;

    /// Every line of the corpora, fixtures and SDK log excerpts, and every pair of context words
    /// glued together (with nothing, a space, or the first cut by a byte) in their own case and in
    /// upper case.
    fn lines() -> Vec<Vec<u8>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files: Vec<_> = ["messages.tsv", "products-messages.tsv", "ordinary-logs.txt"]
            .iter()
            .chain(&["other-vendors.txt", "sdk-texts.tsv"])
            .map(|f| root.join(f))
            .collect();
        for entry in std::fs::read_dir(root.join("sdk-logs")).unwrap() {
            files.push(entry.unwrap().path());
        }
        let mut out: Vec<Vec<u8>> = files
            .iter()
            .flat_map(|f| {
                let text = std::fs::read(f).unwrap();
                text.split(|&b| b == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect::<Vec<_>>()
            })
            .collect();
        for a in CONTEXT_WORDS {
            for b in CONTEXT_WORDS {
                let cut = &a[..a.char_indices().last().map_or(0, |(i, _)| i)];
                for glue in [format!("{a}{b}"), format!("{a} {b}"), format!("x{cut}{b}")] {
                    out.push(glue.to_uppercase().into_bytes());
                    out.push(glue.into_bytes());
                }
            }
        }
        out
    }

    /// The packed search over a lower-cased copy finds the word the automaton finds in any case.
    #[test]
    fn the_packed_search_finds_what_the_automaton_finds() {
        // What makes the two searches' matches the same: no word holds another.
        for a in CONTEXT_WORDS {
            for b in CONTEXT_WORDS {
                assert!(
                    a == b || !a.to_lowercase().contains(&b.to_lowercase()),
                    "{a} {b}"
                );
            }
        }
        let (packed, automaton) = (ContextWords::new(true), ContextWords::new(false));
        let lines = lines();
        assert!(lines.len() > 5_000, "{}", lines.len());
        let mut found = 0;
        for line in &lines {
            let expected = automaton.first_in(line);
            found += usize::from(expected.is_some());
            assert_eq!(
                packed.first_in(line),
                expected,
                "{}",
                String::from_utf8_lossy(line)
            );
        }
        assert!(found > 1_000, "{found}");
    }
}
