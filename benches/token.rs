//! Token decoding and diagnosis speed, on the 007 tokens Agora's builders made
//! (tests/fixtures/tokens.json), against what any decoder must do, measured in the same run:
//! base64 decoding plus inflating through flate2's reader.
//!
//! The official Node parser is timed on the same tokens by `node fixtures/bench_node.js`.

use std::hint::black_box;
use std::io::Read as _;

use agora_token_errors::token::{Diagnosis, JoinParams, Token};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn tokens() -> Vec<String> {
    let all: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/tokens.json")).unwrap();
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["name"].as_str().unwrap().starts_with("rtc_"))
        .map(|v| v["token"].as_str().unwrap().to_owned())
        .collect()
}

fn bench(c: &mut Criterion) {
    let tokens = tokens();
    let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "test_channel").with_uid(12345);
    let now = 1_795_805_300;
    let mut g = c.benchmark_group("token_007");
    g.throughput(Throughput::Elements(tokens.len() as u64));
    g.bench_function("base64 + flate2 read_to_end (baseline)", |b| {
        b.iter(|| {
            tokens
                .iter()
                .map(|t| {
                    let compressed = STANDARD.decode(&black_box(t)[3..]).unwrap();
                    let mut out = Vec::new();
                    flate2::read::ZlibDecoder::new(&compressed[..])
                        .read_to_end(&mut out)
                        .unwrap();
                    out.len()
                })
                .sum::<usize>()
        });
    });
    g.bench_function("Token::parse", |b| {
        b.iter(|| {
            tokens
                .iter()
                .map(|t| Token::parse(black_box(t)).unwrap().salt())
                .sum::<u32>()
        });
    });
    g.bench_function("parse + diagnose", |b| {
        b.iter(|| {
            tokens
                .iter()
                .map(|t| {
                    Diagnosis::of(black_box(t), &join, now, None)
                        .findings()
                        .len()
                })
                .sum::<usize>()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
