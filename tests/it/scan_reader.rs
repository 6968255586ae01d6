//! `scan_reader`: a stream, read in pieces of any size, yields exactly what `scan` finds over the
//! whole input: the same findings, lines and byte offsets; nothing is lost at a piece's end,
//! a line longer than what is held whole is read in parts, and a read error is returned.
#![cfg(all(feature = "messages", feature = "token"))]

use std::io::{self, Read};

use agora_token_errors::{Found, scan, scan_reader};
use proptest::prelude::*;

/// What a finding says, owned, with its places: what must agree between the two scans.
type Seen = (usize, usize, usize, usize, String, Option<String>);

fn seen(f: &Found<'_>) -> Seen {
    let span = f.span();
    let what = format!(
        "{:?} {:?} {:?}",
        f.error(),
        f.event(),
        f.error_match()
            .map(|m| (m.span(), m.context(), m.support()))
    );
    let what = format!("{what} {:?}", f.text());
    (
        f.line(),
        f.column(),
        span.start,
        span.end,
        what,
        f.token().map(str::to_owned),
    )
}

/// A reader that hands over its bytes in pieces of the given sizes, in turn.
struct Pieces<'a> {
    data: &'a [u8],
    sizes: Vec<usize>,
    turn: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let size = self.sizes[self.turn % self.sizes.len()].max(1);
        self.turn += 1;
        let n = size.min(out.len()).min(self.data.len());
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn whole(log: &[u8]) -> Vec<Seen> {
    scan(log).map(|f| seen(&f)).collect()
}

fn streamed(reader: impl Read) -> (Vec<Seen>, u64) {
    let mut out = Vec::new();
    let read = scan_reader(reader, |f| out.push(seen(&f))).unwrap();
    (out, read)
}

/// The real SDK log excerpts, each whole.
fn logs() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sdk-logs");
    let mut logs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "log"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    logs.sort();
    logs
}

/// Each line of the excerpts that holds a finding, with the line before and after it: the
/// places where a cut could lose something.
fn marked_lines() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for (_, log) in logs() {
        let lines: Vec<&[u8]> = log.split(|&b| b == b'\n').collect();
        let mut marked: Vec<usize> = scan(&log).map(|f| f.line() - 1).collect();
        marked.dedup();
        for i in marked {
            let around = &lines[i.saturating_sub(1)..(i + 2).min(lines.len())];
            out.push(around.join(&b'\n'));
        }
    }
    out
}

#[test]
fn a_cut_at_any_byte_loses_and_moves_nothing() {
    let (mut cuts, mut findings) = (0, 0);
    for log in marked_lines() {
        let expected = whole(&log);
        assert!(!expected.is_empty());
        for cut in 0..=log.len() {
            let reader = Pieces {
                data: &log,
                sizes: vec![cut, usize::MAX],
                turn: 0,
            };
            let (found, read) = streamed(reader);
            assert_eq!(read, log.len() as u64);
            assert_eq!(
                found,
                expected,
                "cut at byte {cut} of {:?}",
                String::from_utf8_lossy(&log)
            );
            cuts += 1;
        }
        findings += expected.len();
    }
    assert!(findings >= 40, "{findings} findings");
    println!("scan_reader: {findings} findings the same at each of {cuts} cuts");
}

#[test]
fn whole_real_logs_read_a_byte_at_a_time_find_the_same() {
    for (name, log) in logs() {
        let reader = Pieces {
            data: &log,
            sizes: vec![1],
            turn: 0,
        };
        assert_eq!(streamed(reader).0, whole(&log), "{name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn pieces_of_any_sizes_find_the_same(
        sizes in prop::collection::vec(1usize..400, 1..12),
        pick in 0usize..64,
    ) {
        let logs = logs();
        let (name, log) = &logs[pick % logs.len()];
        // Also all the excerpts as one log, each piece then cutting another excerpt.
        let all: Vec<u8> = logs.iter().flat_map(|(_, l)| l.iter().copied()).collect();
        let reader = Pieces { data: &all, sizes: sizes.clone(), turn: 0 };
        prop_assert_eq!(streamed(reader).0, whole(&all));
        let reader = Pieces { data: log, sizes, turn: 0 };
        prop_assert_eq!(streamed(reader).0, whole(log), "{}", name);
    }
}

#[test]
fn a_line_longer_than_what_is_held_whole_is_read_in_parts_and_counted_once() {
    // 9 MiB on one line (over the 8 MiB held whole), then an error on the next line.
    let mut log = vec![b'x'; 9 << 20];
    log.extend_from_slice(b" onError: err 110, msg:\n");
    log.extend_from_slice(b"E/agora: onError: err 109, msg:\n");
    let (found, read) = streamed(&log[..]);
    assert_eq!(read, log.len() as u64);
    let places: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
    // The error at the long line's end is in its second part, still on line 1, its column
    // counted from the line's start.
    assert_eq!(places, [(1, (9 << 20) + 2), (2, 10)], "{found:?}");
    assert_eq!(&log[found[1].2..found[1].3], b"onError: err 109");
}

#[test]
fn a_read_error_is_returned_after_what_came_before_it() {
    struct Failing<'a>(&'a [u8]);
    impl Read for Failing<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk gone"));
            }
            let n = out.len().min(self.0.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let mut errors = 0;
    let result = scan_reader(Failing(b"E/agora: onError: err 110, msg:\n"), |f| {
        errors += usize::from(f.error().is_some());
    });
    assert_eq!(result.unwrap_err().to_string(), "disk gone");
    assert_eq!(errors, 1);
}
