//! Orders the rows of `catalog/anchors.md` for the packed searcher's buckets.
//!
//! aho-corasick's fat Teddy (more than 32 patterns, AVX2) puts the pattern of row `i` into bucket
//! `15 - i % 16`, unless an earlier pattern's first four bytes share their low halves, whose
//! bucket it then joins. At every place of the text it checks each bucket's fingerprint: for
//! each of the four bytes there, whether its low and its high half are among those of the
//! bucket's patterns at that place. Where a bucket fires, each of its patterns is compared. The
//! model counts that work, `(1 + patterns in the bucket)` for every place where a bucket fires,
//! over the lower-cased logs given (the anchor search runs over lower-cased text), and a local
//! search swaps rows while the count falls.
//!
//! Usage: `cargo run --release -- ANCHORS_MD LOG...`; prints the count before and after, then
//! the anchors in the order found, one to a line.

use std::collections::HashMap;
use std::process::ExitCode;

/// Buckets of the fat searcher.
const BUCKETS: usize = 16;

/// Bytes of each pattern the fingerprint reads (the shortest ASCII anchor is four bytes long).
const MASK: usize = 4;

/// The rows in each bucket, as the searcher assigns them.
fn buckets(order: &[Vec<u8>]) -> Vec<Vec<usize>> {
    let mut buckets = vec![Vec::new(); BUCKETS];
    let mut by_halves: HashMap<Vec<u8>, usize> = HashMap::new();
    for (row, anchor) in order.iter().enumerate() {
        let halves: Vec<u8> = anchor.iter().take(MASK).map(|b| b & 0xF).collect();
        let bucket = *by_halves
            .entry(halves)
            .or_insert(BUCKETS - 1 - row % BUCKETS);
        buckets[bucket].push(row);
    }
    buckets
}

/// The work of one bucket over the text's four-byte windows (each with how often it occurs).
fn bucket_work(anchors: &[&[u8]], windows: &[([u8; MASK], u64)]) -> u64 {
    if anchors.is_empty() {
        return 0;
    }
    let (mut low, mut high) = ([0u16; MASK], [0u16; MASK]);
    for anchor in anchors {
        for j in 0..MASK {
            low[j] |= 1 << (anchor[j] & 0xF);
            high[j] |= 1 << (anchor[j] >> 4);
        }
    }
    let fires: u64 = windows
        .iter()
        .filter(|(w, _)| {
            (0..MASK).all(|j| low[j] >> (w[j] & 0xF) & 1 == 1 && high[j] >> (w[j] >> 4) & 1 == 1)
        })
        .map(|&(_, n)| n)
        .sum();
    fires * (1 + anchors.len() as u64)
}

/// The model's work for the anchors in this order.
fn work(order: &[Vec<u8>], windows: &[([u8; MASK], u64)]) -> u64 {
    buckets(order)
        .iter()
        .map(|rows| {
            let anchors: Vec<&[u8]> = rows.iter().map(|&r| order[r].as_slice()).collect();
            bucket_work(&anchors, windows)
        })
        .sum()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [table, logs @ ..] = args.as_slice() else {
        eprintln!("usage: anchor-order ANCHORS_MD LOG...");
        return ExitCode::from(2);
    };
    if logs.is_empty() {
        eprintln!("usage: anchor-order ANCHORS_MD LOG...");
        return ExitCode::from(2);
    }
    let table = match std::fs::read_to_string(table) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{table}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut order: Vec<Vec<u8>> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .map(|a| a.as_bytes().to_vec())
        .collect();
    if order.iter().any(|a| a.len() < MASK) {
        eprintln!("an anchor is shorter than {MASK} bytes: the model does not hold");
        return ExitCode::FAILURE;
    }
    let mut counts: HashMap<[u8; MASK], u64> = HashMap::new();
    for log in logs {
        let text = match std::fs::read(log) {
            Ok(t) => t.to_ascii_lowercase(),
            Err(e) => {
                eprintln!("{log}: {e}");
                return ExitCode::FAILURE;
            }
        };
        for w in text.windows(MASK) {
            *counts.entry([w[0], w[1], w[2], w[3]]).or_default() += 1;
        }
    }
    let windows: Vec<([u8; MASK], u64)> = counts.into_iter().collect();
    let before = work(&order, &windows);
    let mut best = before;
    let mut improved = true;
    while improved {
        improved = false;
        for i in 0..order.len() {
            for j in i + 1..order.len() {
                order.swap(i, j);
                let w = work(&order, &windows);
                if w < best {
                    best = w;
                    improved = true;
                } else {
                    order.swap(i, j);
                }
            }
        }
    }
    println!("work before: {before}, after: {best}");
    for anchor in &order {
        println!("{}", String::from_utf8_lossy(anchor));
    }
    ExitCode::SUCCESS
}
