//! One pass over a whole log: every token error, token event and access token in it, with its
//! line.

use core::fmt;
use core::iter::{Fuse, Peekable};
use core::ops::Range;

use aho_corasick::automaton::FindIter;
use aho_corasick::dfa::DFA;

use super::MessageMatch;
use super::context::Judged;
use super::marker::markers;
use super::read::is_word_byte;
use super::scan::scanner;
use crate::{TokenError, TokenEvent};

/// The fewest base64 characters after its version that a token written in a text has: the
/// smallest 007 token (one service, no privileges) is over 100, a 006 token's App ID alone 32.
const TOKEN_BODY: usize = 64;

/// Everything [`scan`] finds at one place of a log: a token error, a token event, an access
/// token, or an error and the event it names (`received message onTokenPrivilegeDidExpire`).
///
/// Its `Debug` shows a token's first characters and length only: tokens are secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Found<'a> {
    line: usize,
    column: usize,
    span: Range<usize>,
    text: &'a str,
    line_text: &'a str,
    error: Option<MessageMatch>,
    event: Option<TokenEvent>,
    token: Option<&'a str>,
}

impl<'a> Found<'a> {
    /// The line it is on, counted from 1.
    #[must_use]
    pub fn line(&self) -> usize {
        self.line
    }

    /// Where on its line it starts: the byte after the line's start, counted from 1 (as grep's
    /// and ripgrep's `--column` count).
    #[must_use]
    pub fn column(&self) -> usize {
        self.column
    }

    /// The text found, as it stands in the input (`onError: err 110`, a token whole).
    #[must_use]
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The whole line it is on, without its line break (`""` for a line that is not valid
    /// UTF-8). It may hold secrets the finding does not: print [`text`](Found::text) instead.
    #[must_use]
    pub fn line_text(&self) -> &'a str {
        self.line_text
    }

    /// Where it is, in bytes of the input; never across a line break.
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The token error, if one is reported here.
    #[must_use]
    pub fn error(&self) -> Option<TokenError> {
        self.error.as_ref().map(MessageMatch::error)
    }

    /// How the token error was recognised: what matched, its catalog row, code and evidence.
    /// Its span is in bytes of the whole input.
    #[must_use]
    pub fn error_match(&self) -> Option<&MessageMatch> {
        self.error.as_ref()
    }

    /// The token event, if a callback or event of `catalog/events.md` is named here
    /// (`onTokenPrivilegeWillExpire`, `token-privilege-did-expire`, `onRequestToken`, ...).
    #[must_use]
    pub fn event(&self) -> Option<TokenEvent> {
        self.event
    }

    /// The access token written here: `006` or `007` and the base64 characters that follow. It
    /// is only its shape that was checked; `token::Token::parse` says whether it decodes.
    #[must_use]
    pub fn token(&self) -> Option<&'a str> {
        self.token
    }
}

impl Found<'_> {
    /// The same finding, `bytes` and `lines` further into a longer input than the part it was
    /// found in.
    pub(super) fn shift(&mut self, bytes: usize, lines: usize, columns: usize) {
        if self.line == 1 {
            self.column += columns;
        }
        self.line += lines;
        self.span = self.span.start + bytes..self.span.end + bytes;
        if let Some(m) = &mut self.error {
            m.shift(bytes);
        }
    }
}

impl fmt::Debug for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Found")
            .field("line", &self.line)
            .field("column", &self.column)
            .field("span", &self.span)
            .field("error", &self.error.as_ref().map(MessageMatch::error))
            .field("event", &self.event)
            .field("token", &self.token.map(crate::shown::Shown))
            .finish()
    }
}

/// Every token error, token event and access token in a log, in the order they stand, with
/// line numbers: one pass over the bytes, allocating nothing after the searchers' set-up.
///
/// Each line is read on its own, as [`TokenError::match_message`] reads a text, and every
/// error on it is found, not only the first; the first agrees with `match_message` on that
/// line. Invalid UTF-8 is passed over.
///
/// ```
/// use agora_token_errors::{TokenError, TokenEvent, scan};
///
/// let log = b"12:00:01 I/App: joined\n\
///             12:00:02 W/agora: onTokenPrivilegeWillExpire\n\
///             12:00:03 E/App: onError: err 109, msg: \xff\n";
/// let found: Vec<_> = scan(log).collect();
/// assert_eq!(found.len(), 2);
/// assert_eq!((found[0].line(), found[0].event()), (2, Some(TokenEvent::WillExpire)));
/// assert_eq!((found[1].line(), found[1].error()), (3, Some(TokenError::TokenExpired)));
/// assert_eq!(&log[found[1].span()], b"onError: err 109");
/// ```
pub fn scan(log: &[u8]) -> impl Iterator<Item = Found<'_>> + fmt::Debug {
    Scan::new(log)
}

impl<'a> Scan<'a> {
    fn new(log: &'a [u8]) -> Scan<'a> {
        Scan {
            log,
            errors: Judged::new(scanner(), log, true).peekable(),
            markers: super::scan::hits(&markers().searcher, log).fuse(),
            pending: None,
            marker_end: 0,
            token_end: 0,
            error_end: 0,
            counted: 0,
            line: 1,
            line_start: 0,
            line_text: (usize::MAX, ""),
        }
    }
}

/// The iterator [`scan`] returns.
pub(crate) struct Scan<'a> {
    log: &'a [u8],
    errors: Peekable<Judged<'static, 'a>>,
    /// Fused: aho-corasick's iterator searches again from where it stood each time it is asked
    /// after its end, which would make every later call cost the rest of the log.
    markers: Fuse<FindIter<'static, 'a, DFA>>,
    /// The next event or token, found but not yet returned.
    pending: Option<(Range<usize>, Marker<'a>)>,
    /// Where the last event name read ends: hits before it are inside it.
    marker_end: usize,
    /// Where the last token found ends: starts before it are inside it.
    token_end: usize,
    /// Where the last error reported ends: a reading that starts before it is of the same place.
    error_end: usize,
    /// Line breaks before this byte are counted in `line`.
    counted: usize,
    line: usize,
    /// Where the line of `line` starts.
    line_start: usize,
    /// The text of the line starting at `.0` (`usize::MAX`: none read yet).
    line_text: (usize, &'a str),
}

impl fmt::Debug for Scan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scan")
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
}

/// An event name or token at a marker's place, if the text there is one.
enum Marker<'a> {
    Event(TokenEvent),
    Token(&'a str),
}

impl<'a> Scan<'a> {
    /// The next event or token, skipping markers that are part of something else.
    fn next_marker(&mut self) -> Option<(Range<usize>, Marker<'a>)> {
        let searched = &markers().searched;
        for hit in self.markers.by_ref() {
            let (start, end) = (hit.start(), hit.end());
            // A hit inside the longer name read around an earlier one is part of it.
            if start < self.marker_end {
                continue;
            }
            let log = self.log;
            let apart = |b: Option<&u8>| b.is_none_or(|&b| !is_word_byte(b) && b != b'-');
            let pattern = hit.pattern().as_usize();
            if let Some(holders) = searched.get(pattern) {
                // The name written here: of those holding the hit, the leftmost, then longest.
                let Some((start, name, event)) = holders
                    .iter()
                    .filter_map(|&(at, name, event)| {
                        let from = start.checked_sub(at)?;
                        let written = log.get(from..from + name.len())?;
                        (from >= self.marker_end && written == name.as_bytes())
                            .then_some((from, name, event))
                    })
                    .min_by_key(|&(from, name, _)| (from, core::cmp::Reverse(name.len())))
                else {
                    continue;
                };
                let end = start + name.len();
                self.marker_end = end;
                let name = name.as_bytes();
                let open_end = name.last().is_some_and(|b| matches!(b, b':' | b')'));
                // A capitalised bare name after a `.` is a member of someone's enum
                // (`ErrorCode.TokenExpired`, `ConnectionChangedReason.TokenExpired`), not the
                // event fired under that name.
                let member = name[0].is_ascii_uppercase()
                    && start.checked_sub(1).is_some_and(|i| log[i] == b'.');
                if !member
                    && apart(start.checked_sub(1).map(|i| &log[i]))
                    && (open_end || apart(log.get(end)))
                {
                    return Some((start..end, Marker::Event(event)));
                }
                continue;
            }
            // A token's start inside a token already found is part of it; one inside a word is
            // no token. Both are told before the body is read, so no run of base64 is read twice
            // (`007eJx` repeated over a megabyte would otherwise be read once per start).
            let start_apart = start == 0 || !log[start - 1].is_ascii_alphanumeric();
            if start < self.token_end || !start_apart {
                continue;
            }
            let body = log[end..]
                .iter()
                .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
                .count();
            let token_end = end + body;
            if body >= TOKEN_BODY {
                // Base64 and ASCII digits: valid UTF-8.
                if let Ok(token) = core::str::from_utf8(&log[start..token_end]) {
                    self.token_end = token_end;
                    return Some((start..token_end, Marker::Token(token)));
                }
            }
        }
        None
    }

    /// The line and column of byte `at`, counted from 1.
    fn line_at(&mut self, at: usize) -> (usize, usize) {
        let seen = &self.log[self.counted..at];
        if let Some(last) = memchr::memrchr(b'\n', seen) {
            self.line += memchr::memchr_iter(b'\n', seen).count();
            self.line_start = self.counted + last + 1;
        }
        self.counted = at;
        (self.line, at - self.line_start + 1)
    }

    /// The text of `span`, which [`Judged`] and the markers only ever give on character
    /// boundaries of valid UTF-8, and of the line it is on (after [`Scan::line_at`] for it).
    /// The line is found and checked once, however many places are on it: a long line full of
    /// findings stays linear.
    fn text(&mut self, span: &Range<usize>) -> (&'a str, &'a str) {
        let log = self.log;
        if self.line_text.0 != self.line_start {
            let start = self.line_start;
            let end = memchr::memchr(b'\n', &log[start..]).map_or(log.len(), |i| start + i);
            let line = &log[start..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            self.line_text = (start, core::str::from_utf8(line).unwrap_or_default());
        }
        (
            core::str::from_utf8(&log[span.clone()]).unwrap_or_default(),
            self.line_text.1,
        )
    }
}

impl<'a> Iterator for Scan<'a> {
    type Item = Found<'a>;

    fn next(&mut self) -> Option<Found<'a>> {
        loop {
            if self.pending.is_none() {
                self.pending = self.next_marker();
            }
            let error_start = self.errors.peek().map(|m| m.span.start);
            let marker_start = self.pending.as_ref().map(|(r, _)| r.start);
            let take_error = match (error_start, marker_start) {
                (Some(e), Some(m)) => e <= m,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => return None,
            };
            if take_error {
                let m = self.errors.next()?;
                let span = m.span();
                // Two readings of one place (`invalid token` within `invalid token error`, `110`
                // and `error 110 Invalid`) are one report: the first stands.
                if span.start < self.error_end {
                    continue;
                }
                self.error_end = span.end;
                // An event named within the error's own words is the same report.
                let mut event = None;
                if let Some((r, Marker::Event(e))) = &self.pending
                    && r.start < span.end
                {
                    event = Some(*e);
                    self.pending = None;
                }
                let (line, column) = self.line_at(span.start);
                let (text, line_text) = self.text(&span);
                return Some(Found {
                    line,
                    column,
                    span,
                    text,
                    line_text,
                    error: Some(m),
                    event,
                    token: None,
                });
            }
            let (span, marker) = self.pending.take()?;
            let (line, column) = self.line_at(span.start);
            let (text, line_text) = self.text(&span);
            let (event, token) = match marker {
                Marker::Event(e) => (Some(e), None),
                Marker::Token(t) => (None, Some(t)),
            };
            return Some(Found {
                line,
                column,
                span,
                text,
                line_text,
                error: None,
                event,
                token,
            });
        }
    }
}

/// With `serde`, one object: `line`, `column`, `start` and `end` (bytes of the input), and those of
/// `error` (its `as_str()`), `evidence`, `event` and `token` that are there. A token is shown by
/// its first 12 characters and `...` only: tokens are secrets.
#[cfg(feature = "serde")]
impl serde::Serialize for Found<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut out = s.serialize_map(None)?;
        out.serialize_entry("line", &self.line)?;
        out.serialize_entry("column", &self.column)?;
        out.serialize_entry("start", &self.span.start)?;
        out.serialize_entry("end", &self.span.end)?;
        if let Some(m) = &self.error {
            out.serialize_entry("error", m.error().as_str())?;
            out.serialize_entry("evidence", m.evidence().as_str())?;
            out.serialize_entry("support", m.support().as_str())?;
        }
        if let Some(e) = self.event {
            out.serialize_entry("event", e.as_str())?;
        }
        if let Some(t) = self.token {
            out.serialize_entry("token", &format_args!("{}", crate::shown::Shown(t)))?;
        }
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::{Marker, Scan};
    use crate::TokenEvent;
    use crate::catalog::EVENT_CALLBACKS;
    use crate::message::read::is_word_byte;

    /// The event names a search for every name finds (leftmost, then longest), with the same
    /// checks of what stands around them: what the search for the names' parts must give.
    fn every_name(log: &[u8]) -> Vec<(core::ops::Range<usize>, TokenEvent)> {
        let names: Vec<(&str, TokenEvent)> = EVENT_CALLBACKS
            .iter()
            .map(|c| (c.name(), c.event()))
            .collect();
        let all = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|n| n.0))
            .unwrap();
        let apart = |b: Option<&u8>| b.is_none_or(|&b| !is_word_byte(b) && b != b'-');
        all.find_iter(log)
            .filter_map(|hit| {
                let (name, event) = names[hit.pattern().as_usize()];
                let open_end = name.ends_with([':', ')']);
                (apart(hit.start().checked_sub(1).map(|i| &log[i]))
                    && (open_end || apart(log.get(hit.end()))))
                .then_some((hit.range(), event))
            })
            .collect()
    }

    /// The events [`Scan::next_marker`] finds in `log`.
    fn events(log: &str) -> Vec<(core::ops::Range<usize>, TokenEvent)> {
        let mut s = Scan::new(log.as_bytes());
        let mut found = Vec::new();
        while let Some((span, marker)) = s.next_marker() {
            if let Marker::Event(e) = marker {
                found.push((span, e));
            }
        }
        found
    }

    const SEPARATORS: [&str; 10] = ["", " ", "-", "_", ":", "(", "on", "x", "\n", "Token"];

    fn names() -> Vec<&'static str> {
        EVENT_CALLBACKS
            .iter()
            .map(crate::event::Callback::name)
            .collect()
    }

    #[test]
    fn the_parts_find_what_a_search_for_every_name_finds() {
        let names = names();
        // Names glued to each other and to separators, in a fixed pseudo-random order.
        let mut state = 7u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or(0) % n
        };
        let mut log = String::new();
        for _ in 0..20_000 {
            log.push_str(names[next(names.len())]);
            log.push_str(SEPARATORS[next(SEPARATORS.len())]);
        }
        let want = every_name(log.as_bytes());
        assert!(want.len() > 3_000, "{}", want.len());
        assert_eq!(events(&log), want);
    }

    /// Every pair of names, glued by every separator, one pair to a line: the parts find what a
    /// search for every name finds.
    #[test]
    fn the_parts_find_every_pair_of_names_as_a_search_for_every_name() {
        let names = names();
        let mut log = String::new();
        for a in &names {
            for b in &names {
                for s in SEPARATORS {
                    log.push_str(a);
                    log.push_str(s);
                    log.push_str(b);
                    log.push('\n');
                }
            }
        }
        let want = every_name(log.as_bytes());
        assert!(want.len() > 8_000, "{}", want.len());
        assert_eq!(events(&log), want);
    }

    #[test]
    fn a_name_is_searched_by_its_last_word_and_the_letter_before_it() {
        for (name, part) in [
            ("onTokenPrivilegeWillExpire", "lExpire"),
            ("token-privilege-will-expire", "l-expire"),
            ("on_token_privilege_did_expire", "d_expire"),
            ("rtcEngine(_:tokenPrivilegeWillExpire:)", "lExpire:)"),
            ("requestToken", "tToken"),
            ("WILL_EXPIRE", "L_EXPIRE"),
            ("token", "token"),
        ] {
            assert_eq!(super::super::marker::last_word(name), part, "{name}");
        }
    }
}
