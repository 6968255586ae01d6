//! Building one RTC token (`Token::builder(...).rtc(...).build()`), against what any builder must
//! do in the same run: compress and base64-encode the same content. Agora's official Node
//! builder is timed on the same inputs by `node fixtures/bench_build_node.js`.

use std::hint::black_box;
use std::io::Write as _;

use agora_token_errors::token::{Role, Token, User};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, criterion_group, criterion_main};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

fn bench(c: &mut Criterion) {
    let builder = Token::builder(APP_ID, CERT)
        .expire_in(3600)
        .issued_at(1_700_000_000)
        .salt(12_345_678)
        .rtc("test_channel", User::Uid(12345), Role::Publisher);
    // The content the builder compresses, read back from a token it built.
    let content = {
        use std::io::Read as _;
        let token = builder.build().unwrap();
        let body = STANDARD.decode(&token[3..]).unwrap();
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(&body[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    };
    let mut g = c.benchmark_group("build_rtc_token");
    g.bench_function("zlib + base64 of the content (baseline)", |b| {
        b.iter(|| {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(black_box(&content)).unwrap();
            STANDARD.encode(z.finish().unwrap())
        });
    });
    g.bench_function("TokenBuilder::build", |b| {
        b.iter(|| {
            Token::builder(black_box(APP_ID), black_box(CERT))
                .expire_in(3600)
                .rtc("test_channel", User::Uid(12345), Role::Publisher)
                .build()
                .unwrap()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
