//! What `explain` costs in Rust, for the WebAssembly package's figures
//! (`bindings/wasm/bench/speed.cjs` times the same calls in Node): `Report::of` and its JSON,
//! against a bare catalog lookup of the same code, measured in the same run (the baseline).

use std::hint::black_box;

use agora_token_errors::{CodeSpace, Report, TokenError};
use criterion::{Criterion, criterion_group, criterion_main};

const TEXT: &str = "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: flag: 4096, message: AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: invalid token, authorized failed";

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("report");
    g.bench_function("TokenError::from_code(Native, 110) (baseline)", |b| {
        b.iter(|| TokenError::from_code(CodeSpace::Native, black_box(110)));
    });
    g.bench_function("Report::of(\"110\")", |b| {
        b.iter(|| Report::of(black_box("110"), CodeSpace::ALL, None));
    });
    g.bench_function("Report::of(\"110\") + serde_json::to_string", |b| {
        b.iter(|| {
            let r = Report::of(black_box("110"), CodeSpace::ALL, None);
            serde_json::to_string(&r).unwrap().len()
        });
    });
    g.bench_function("Report::of(error text) + serde_json::to_string", |b| {
        b.iter(|| {
            let r = Report::of(black_box(TEXT), CodeSpace::ALL, None);
            serde_json::to_string(&r).unwrap().len()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
