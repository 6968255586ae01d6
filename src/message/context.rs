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

use aho_corasick::dfa::DFA;

use super::scan::{Candidates, LOG_BUFFER, Scanner, TEXT_BUFFER, hits, scanner};
use super::{Evidence, MessageMatch, Support, error_word};
use crate::TokenError;
use crate::catalog::{CONTEXT_FOR_CODES_ONLY, CONTEXT_WORDS};

/// The words of `catalog/context.md`, searched in any ASCII case.
fn context_words() -> &'static DFA {
    static WORDS: OnceLock<DFA> = OnceLock::new();
    WORDS.get_or_init(|| {
        DFA::builder()
            .ascii_case_insensitive(true)
            .build(CONTEXT_WORDS)
            .expect("a few short literals are far within the automaton's limits")
    })
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
        let mut for_codes = None;
        for m in hits(context_words(), &self.bytes[line.clone()]) {
            let at = line.start + m.start()..line.start + m.end();
            if !CONTEXT_FOR_CODES_ONLY[m.pattern().as_usize()] {
                return Some((at, false));
            }
            for_codes.get_or_insert(at);
        }
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
