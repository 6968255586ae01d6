//! The search for the anchors of `catalog/anchors.md`, and the window over the text it runs in.
//!
//! Every token error an SDK prints contains one of a few short anchors (`oken` of "token",
//! `ppid` of "appid", `ic ke` of "dynamic key", `rror` of `onError`, `nstatechang` of
//! `onConnectionStateChanged`, ...). One SIMD multi-pattern search (aho-corasick's packed Teddy
//! searcher) finds them; each hit then costs a cheap check: the identifier around it resolved
//! through the catalog's name map, a phrase of `catalog/phrases.md` compared, or the code of a
//! callback of `catalog/callbacks.md` read and looked up in that callback's code space. Text with no anchor, nearly every line of a log, costs only the
//! search.

use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, FindIter};
use aho_corasick::dfa::DFA;
use aho_corasick::packed::{Config, Searcher};
use aho_corasick::{Match, MatchKind, Span};

use core::ops::Range;

use super::MessageMatch;
use super::check::{Anchor, Members, check};
use crate::catalog::ANCHORS;

/// Bytes lower-cased and searched at a time in one text (`from_message`); a stack buffer, so
/// searching allocates nothing.
const WINDOW: usize = 256;

/// The same for a log (`scan`), read in parts of up to a megabyte: a larger window is searched in
/// fewer calls, with less overlap searched twice, and is set up once per part. Measured over the
/// mixed log of `benches/cli_vs_grep.py`: 1 KiB windows search it in 16% less time than 256-byte
/// ones; 4 KiB gain under 1% more.
const LOG_WINDOW: usize = 1024;

/// The buffer of a window over one text, pad included.
pub(super) const TEXT_BUFFER: usize = WINDOW + PAD;

/// The buffer of a window over a log, pad included.
pub(super) const LOG_BUFFER: usize = LOG_WINDOW + PAD;

/// The longest anchor, in bytes: windows overlap by this much so that no anchor is cut.
const OVERLAP: usize = 16;

/// Room for zero bytes after the text in the window (no anchor contains one), over which a
/// search is stretched: see [`search_end`].
const PAD: usize = 64;

/// Where a search from `from` over text ending at `n` ends: over the zero pad, to whole 32-byte
/// vector blocks past the searcher's 3 bytes of look-back, and never under 35 bytes. So the
/// packed searcher always takes its SIMD path (its slow one is for haystacks under 19 bytes,
/// its 16-byte one under 35), and its last block holds no text it has already seen (a block
/// that overlapped text would have its candidates checked twice). Measured with callgrind over
/// the benchmark's log: 3% fewer instructions than a fixed 64-byte pad, 14% fewer than none.
fn search_end(from: usize, n: usize) -> usize {
    (from + (n - from).div_ceil(32) * 32 + 3)
        .max(from + 35)
        .min(n + PAD)
}

/// Every leftmost match of `automaton` in `haystack`. The crate's searches are DFAs used through
/// aho-corasick's `Automaton` trait rather than its `AhoCorasick` (which holds any of three
/// automata behind a trait object): the same matches, and the page's WebAssembly compiles one
/// automaton's code instead of three.
pub(super) fn hits<'a, 'h>(automaton: &'a DFA, haystack: &'h [u8]) -> FindIter<'a, 'h, DFA> {
    automaton
        .try_find_iter(aho_corasick::Input::new(haystack))
        .expect("an unanchored search of a DFA built unanchored cannot fail")
}

/// The searcher, and what each anchor can be part of.
pub(super) struct Scanner {
    search: Search,
    pub(super) anchors: Vec<Anchor>,
    pub(super) members: Members,
}

/// The anchor search: aho-corasick's packed SIMD searcher (Teddy) where the CPU has one (x86-64
/// with SSSE3, aarch64), else its automaton, which finds the same leftmost-first matches on any
/// target.
enum Search {
    Packed(Searcher),
    Automaton(Box<DFA>),
}

impl Search {
    fn new(packed: bool) -> Search {
        let packed = packed
            .then(|| {
                Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(ANCHORS.iter().map(|(a, _)| a))
                    .build()
            })
            .flatten();
        match packed {
            Some(searcher) => Search::Packed(searcher),
            None => Search::Automaton(Box::new(
                DFA::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(ANCHORS.iter().map(|(a, _)| a))
                    .expect("a few dozen short literals are far within the automaton's limits"),
            )),
        }
    }

    /// The leftmost-first anchor in `haystack[from..]`.
    #[inline]
    fn find(&self, haystack: &[u8], from: usize) -> Option<Match> {
        let span = Span::from(from..haystack.len());
        match self {
            Search::Packed(searcher) => searcher.find_in(haystack, span),
            Search::Automaton(automaton) => automaton
                .try_find(&aho_corasick::Input::new(haystack).span(span))
                .expect("an unanchored search of a DFA built unanchored cannot fail"),
        }
    }
}

impl Scanner {
    /// The scanner, with the packed searcher if `packed` and the CPU has one.
    pub(super) fn new(packed: bool) -> Scanner {
        let anchors = ANCHORS
            .iter()
            .map(|&(anchor, _)| Anchor::new(anchor))
            .collect();
        Scanner {
            search: Search::new(packed),
            anchors,
            members: Members::new(),
        }
    }
}

/// `src` with ASCII capitals lowered, into `dst` (of the same length).
pub(super) fn lower_into(src: &[u8], dst: &mut [u8]) {
    for (d, &b) in dst.iter_mut().zip(src) {
        *d = b | (u8::from(b.is_ascii_uppercase()) << 5);
    }
}

/// The scanner, set up on first use.
pub(super) fn scanner() -> &'static Scanner {
    static SCANNER: OnceLock<Scanner> = OnceLock::new();
    SCANNER.get_or_init(|| Scanner::new(true))
}

/// A match found in a text, before the rule on shared spellings (`super::context`) is applied,
/// with the line it was read in.
#[derive(Clone)]
pub(super) struct Candidate {
    pub(super) found: MessageMatch,
    /// The bytes of the line (or the whole text) its checks read.
    pub(super) line: Range<usize>,
}

/// Every match in a text, in text order: the anchors found by one search over windows of the
/// lower-cased text (`N` bytes of buffer: a window and its zero pad), each hit checked. With `by_line`, each check reads only the
/// hit's line, so no match spans a line break; else it reads the whole text. Allocates nothing:
/// the window is a stack buffer.
pub(super) struct Candidates<'s, 'b, const N: usize> {
    scanner: &'s Scanner,
    bytes: &'b [u8],
    by_line: bool,
    lower: [u8; N],
    /// Where the window starts in `bytes`, and how many bytes of it are loaded.
    base: usize,
    len: usize,
    /// Where the windows end: the text's end, or for [`Candidates::ahead`] the end of the line
    /// it reads (no anchor spans a line break, so none is cut there).
    end: usize,
    /// Whether the window at `base` is in the buffer.
    loaded: bool,
    /// Hits before this (absolute) position have been checked, or were skipped past.
    next: usize,
    /// The line of the last hit (with `by_line`).
    line: Range<usize>,
    /// Hits from here on are not looked at.
    stop: usize,
}

impl<'s, 'b, const N: usize> Candidates<'s, 'b, N> {
    /// Bytes of text in a window.
    const W: usize = N - PAD;

    /// The candidates of `bytes`; the first window is loaded on the first call of `next`, where
    /// the value already stands, so that no loaded window is moved.
    #[inline]
    pub(super) fn new(scanner: &'s Scanner, bytes: &'b [u8], by_line: bool) -> Self {
        Candidates {
            scanner,
            bytes,
            by_line,
            lower: [0; N],
            base: 0,
            len: 0,
            end: bytes.len(),
            loaded: false,
            next: 0,
            line: 0..0,
            stop: bytes.len(),
        }
    }

    /// The candidates that would come next, up to `end` (the end of a line, or of the text):
    /// a look ahead that leaves these where they are. Its windows start where the search
    /// stands, and end at `end`: the same hits, since each is found wherever a window starts
    /// (windows overlap by the longest anchor) and none spans a line break.
    pub(super) fn ahead<const M: usize>(&self, end: usize) -> Candidates<'s, 'b, M> {
        let end = end.min(self.bytes.len());
        let base = self.next.max(self.base).min(end);
        Candidates {
            scanner: self.scanner,
            bytes: self.bytes,
            by_line: self.by_line,
            lower: [0; M],
            base,
            len: 0,
            end,
            loaded: false,
            next: self.next,
            line: self.line.clone(),
            stop: self.stop.min(end),
        }
    }

    /// Lower-cases the window at `base` into the buffer.
    fn load(&mut self) {
        let end = (self.base + Self::W).min(self.end);
        let n = end - self.base;
        lower_into(&self.bytes[self.base..end], &mut self.lower[..n]);
        if self.loaded {
            // The first window's tail is still zero; a later one may hold text there.
            self.lower[n..n + PAD].fill(0);
        }
        self.len = n;
    }

    /// The bytes the check of a hit at `start` reads: its line, or the whole text.
    fn line_of(&mut self, start: usize) -> Range<usize> {
        if !self.by_line {
            return 0..self.bytes.len();
        }
        if start >= self.line.end || self.line.end == 0 {
            // Hits come in text order, so each byte is looked at at most once here. Where the
            // last hit's line ends, the next line starts: in a log with a hit on most lines, one
            // search for the line break after the hit finds its line.
            let floor = self.line.end.min(start);
            let from = floor + usize::from(floor < start && self.bytes[floor] == b'\n');
            let bytes = self.bytes;
            let next_break = |at: usize| memchr::memchr(b'\n', &bytes[at..]).map(|i| at + i);
            self.line = match next_break(from) {
                Some(end) if end >= start => from..end,
                None => from..bytes.len(),
                // Lines without a hit lie between: the hit's own line is looked for from it.
                Some(_) => {
                    let line_start =
                        memchr::memrchr(b'\n', &bytes[from..start]).map_or(from, |i| from + i + 1);
                    line_start..next_break(start).unwrap_or(bytes.len())
                }
            };
        }
        self.line.clone()
    }
}

impl<const N: usize> Iterator for Candidates<'_, '_, N> {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        if !self.loaded {
            self.load();
            self.loaded = true;
        }
        loop {
            let (base, n) = (self.base, self.len);
            let last = base + n == self.end;
            // Anchors starting in the overlap are complete only in the next window.
            let limit = if last { n } else { n - OVERLAP };
            let from = self.next.saturating_sub(base);
            let hit = (from < limit)
                .then(|| {
                    self.scanner
                        .search
                        .find(&self.lower[..search_end(from, n)], from)
                })
                .flatten()
                .filter(|hit| hit.start() < limit);
            if let Some(hit) = hit {
                let (start, end) = (base + hit.start(), base + hit.end());
                if start >= self.stop {
                    return None;
                }
                let line = self.line_of(start);
                let text = &self.bytes[line.clone()];
                let pattern = hit.pattern().as_usize();
                let (found, resume) = check(
                    (&self.scanner.anchors[pattern], &self.scanner.members),
                    pattern,
                    text,
                    (start - line.start, end - line.start),
                );
                self.next = (line.start + resume).max(end);
                if let Some(found) = found {
                    let found = found.shifted(line.start);
                    // An anchor inside what was found (`expired` in `dynamic key expired`) would
                    // find it again: the search goes on after it.
                    self.next = self.next.max(found.span().end);
                    return Some(Candidate { found, line });
                }
                continue;
            }
            if last || base + n - OVERLAP >= self.stop {
                return None;
            }
            self.base = base + n - OVERLAP;
            self.next = self.next.max(self.base);
            self.load();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::first_with as find_with;
    use super::{Scanner, Search};

    /// Every text of the corpora (as bytes: one is not UTF-8 on purpose), one at a time and all
    /// together (so that windows are crossed).
    fn texts() -> Vec<Vec<u8>> {
        let lines = |file: &'static [u8]| {
            file.split(|&b| b == b'\n')
                .filter(|l| !l.is_empty() && !l.starts_with(b"#") && !l.starts_with(b"expected\t"))
        };
        let mut texts: Vec<Vec<u8>> = [
            &include_bytes!("../../tests/fixtures/messages.tsv")[..],
            &include_bytes!("../../tests/fixtures/products-messages.tsv")[..],
        ]
        .into_iter()
        .flat_map(lines)
        .filter_map(|l| l.splitn(3, |&b| b == b'\t').nth(2).map(<[u8]>::to_vec))
        .chain(lines(include_bytes!("../../tests/fixtures/ordinary-logs.txt")).map(<[u8]>::to_vec))
        .collect();
        let all = texts.join(&b'\n');
        texts.push(all);
        texts
    }

    /// Every phrase of the catalog is found alone at every length from its minimum to its
    /// whole (a log's line limit may cut it anywhere), in the text's own case and upper case.
    #[test]
    fn every_phrase_is_found_at_every_length_from_its_minimum() {
        let mut missed = Vec::new();
        for p in &crate::catalog::PHRASES {
            for cut in (p.min..=p.text.len()).filter(|&c| p.text.is_char_boundary(c)) {
                let text = &p.text[..cut];
                // A phrase other vendors print too needs the text to say it is Agora's.
                let agora = if p.shared { "Agora: " } else { "" };
                for t in [
                    format!("{agora}{text}"),
                    format!("{agora}{}", text.to_uppercase()),
                ] {
                    if crate::TokenError::from_message(&t) != Some(p.error) {
                        missed.push(t);
                    }
                }
            }
        }
        assert!(missed.is_empty(), "{} missed: {missed:#?}", missed.len());
    }

    /// Every identifier of the catalog is found alone, as the SDK writes it.
    #[test]
    fn every_identifier_is_found_alone() {
        let missed: Vec<_> = crate::catalog::SPELLINGS
            .iter()
            .filter(|s| {
                let agora = if s.is_shared() { "Agora: " } else { "" };
                crate::TokenError::from_message(&format!("{agora}{}", s.identifier()))
                    != Some(s.error())
            })
            .map(crate::Spelling::identifier)
            .collect();
        assert!(missed.is_empty(), "{missed:?}");
    }

    /// `word_around` reads far enough for every member and callback name: a word it clips is
    /// longer than any of them.
    #[test]
    fn every_identifier_is_within_the_word_reach() {
        let longest = crate::catalog::SPELLINGS
            .iter()
            .map(|s| s.member().len())
            .chain(crate::catalog::CALLBACKS.iter().map(|c| c.name.len()))
            .max()
            .unwrap();
        assert!(longest < super::super::read::WORD_REACH, "{longest}");
    }

    /// The length-and-last-letter filter lets every catalog member through, in any case.
    #[test]
    fn the_member_filter_lets_every_member_through() {
        let members = super::Members::new();
        for s in &crate::catalog::SPELLINGS {
            let m = s.member();
            for word in [m.to_owned(), m.to_ascii_lowercase(), m.to_ascii_uppercase()] {
                assert!(members.may_hold(word.as_bytes()), "{word}");
            }
        }
        assert!(!members.may_hold(b"AgoraRTCError"));
    }

    /// A look ahead from any candidate finds what the search itself goes on to find on that
    /// line, though its windows start elsewhere and are smaller.
    #[test]
    fn a_look_ahead_finds_what_the_search_goes_on_to_find() {
        use super::{Candidates, LOG_BUFFER, TEXT_BUFFER};
        let scanner = super::scanner();
        // Lines of several texts each: several candidates to a line, lines across windows.
        let mut texts = texts();
        texts.pop();
        let all = texts
            .chunks(7)
            .map(|c| c.join(&b' '))
            .collect::<Vec<_>>()
            .join(&b'\n');
        let found: Vec<_> = Candidates::<LOG_BUFFER>::new(scanner, &all, true)
            .map(|c| (c.found, c.line))
            .collect();
        assert!(found.len() > 200, "{}", found.len());
        let mut search = Candidates::<LOG_BUFFER>::new(scanner, &all, true);
        for k in 0..found.len() {
            let line = search.next().unwrap().line;
            let ahead: Vec<_> = search
                .ahead::<TEXT_BUFFER>(line.end)
                .map(|c| c.found)
                .collect();
            let expected: Vec<_> = found[k + 1..]
                .iter()
                .take_while(|(m, _)| m.span.start < line.end)
                .map(|(m, _)| m.clone())
                .collect();
            assert_eq!(ahead, expected, "after candidate {k}");
        }
    }

    /// Targets without a packed searcher use the automaton; it must answer exactly as the packed
    /// one does.
    #[test]
    fn the_automaton_fallback_answers_as_the_packed_searcher() {
        let automaton = Scanner::new(false);
        assert!(matches!(automaton.search, Search::Automaton(_)));
        let packed = Scanner::new(true);
        let texts = texts();
        assert!(texts.len() > 1000, "{} texts", texts.len());
        for text in &texts {
            assert_eq!(
                find_with(&automaton, text),
                find_with(&packed, text),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }
}
