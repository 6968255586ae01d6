//! `scan_reader` over arbitrary bytes handed over in arbitrary pieces: it never panics and finds
//! exactly what `scan` finds over the whole input, lines, columns and offsets included.
#![no_main]

use std::io::Read;

use agora_token_errors::{Found, scan, scan_reader};
use libfuzzer_sys::fuzz_target;

/// A reader that hands over its bytes in the piece sizes given, in turn.
struct Pieces<'a> {
    data: &'a [u8],
    sizes: &'a [u8],
    turn: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let size = self
            .sizes
            .get(self.turn % self.sizes.len().max(1))
            .map_or(usize::MAX, |&s| usize::from(s).max(1));
        self.turn += 1;
        let n = size.min(out.len()).min(self.data.len());
        out[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn seen(
    f: &Found<'_>,
) -> (
    usize,
    usize,
    core::ops::Range<usize>,
    String,
    Option<String>,
) {
    let what = format!("{:?} {:?} {:?}", f.error(), f.event(), f.text());
    (
        f.line(),
        f.column(),
        f.span(),
        what,
        f.token().map(str::to_owned),
    )
}

fuzz_target!(|input: &[u8]| {
    // The first byte says how many piece sizes follow; the rest is the stream.
    let (&n, rest) = input.split_first().unwrap_or((&0, &[]));
    let n = usize::from(n % 16).min(rest.len());
    let (sizes, data) = rest.split_at(n);
    let whole: Vec<_> = scan(data).map(|f| seen(&f)).collect();
    let mut streamed = Vec::new();
    let reader = Pieces {
        data,
        sizes,
        turn: 0,
    };
    let read = scan_reader(reader, |f| streamed.push(seen(&f))).unwrap();
    assert_eq!(read, data.len() as u64);
    assert_eq!(streamed, whole);
});
