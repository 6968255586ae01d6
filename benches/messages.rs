//! `from_message` throughput over a multi-megabyte log, line by line, against baselines in the
//! same run: aho-corasick over every catalog identifier (ASCII case-insensitive, as
//! `from_message` is), and `memchr::memmem` for a single needle (the floor of any scan).
//!
//! The log is mostly unrelated lines full of lookalikes (`ERROR`, `Agora...`, `ERR_` of other
//! codes, numbers), with a token error every few hundred lines.
//!
//! `scan` reads the same log as one buffer, against one `memchr::memmem` pass over it. The
//! `hostile` group feeds texts made of one fragment repeated (anchors, callback fragments,
//! error words, shared spellings) at 32 KiB and 1 MiB: the time per byte must stay flat, and
//! within a bounded factor of ordinary log text.

#![allow(clippy::cast_possible_truncation)] // a 64-bit generator picks lines; truncation is fine

use std::hint::black_box;

use agora_token_errors::{Language, TokenError, scan, scan_reader, spellings};
use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const LOOKALIKES: &[&str] = &[
    "12:00:01.123 I/agora-sdk: [engine] ERROR: audio device module init failed, retrying (ERR_ADM_INIT_RECORDING 1012)",
    "12:00:01.456 W/AgoraRtcEngine: onWarning: 104, msg: lookup channel timed out (server response timeout)",
    "12:00:02.001 D/AgoraRTC: Agora-SDK [INFO]: [client-3f2a] publish video track success, trackId 8a1f, uid 110",
    "12:00:02.002 E/AgoraRtcEngine: onError: err 17, msg: ERR_JOIN_CHANNEL_REJECTED",
    "12:00:02.010 I/flutter: [AgoraService] remote user 109 joined channel lobby-118 after 2 s",
    "12:00:03.500 E/App: ERR_INVALID_ARGUMENT(2) from setVideoEncoderConfiguration",
    "12:00:03.501 E/App: ERR_DECRYPTION_FAILED (120), check encryption key",
    "12:00:04.000 I/AgoraRtcEngine: onConnectionStateChanged state: 3, reason: 1",
    "12:00:04.200 D/AgoraRTC: Agora-SDK [DEBUG]: [client-3f2a] network quality uplink 1 downlink 2",
    "12:00:05.777 I/App: Agora engine ok, version 4.6.2 build 1122, AgoraRtcEngine initialize returned 0",
    "12:00:06.000 E/AgoraRTC: AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: flag: 4096, message: AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: timeout",
    "12:00:06.100 I/App: user clicked button join; camera permission granted; mic permission granted",
];

const TOKEN_ERRORS: &[&str] = &[
    "12:00:07.000 E/AgoraRTC: AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: flag: 4096, message: AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: invalid token, authorized failed",
    "12:00:07.100 E/AgoraRtcEngine: onError: err 109, msg:",
    "12:00:07.200 E/AgoraRTC: Agora-SDK [ERROR]: [5C3D2] Get server node failed [INVALID_VENDOR_KEY] https://webrtc2-ap-web-1.agora.io/api/v1 INVALID_VENDOR_KEY",
    "12:00:07.300 I/flutter: [onError] err: ErrorCodeType.errInvalidToken, msg:",
];

/// About 8 MB of log lines, deterministic.
fn log() -> String {
    let mut out = String::new();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut line = 0usize;
    while out.len() < 8 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        line += 1;
        let text = if line % 250 == 0 {
            TOKEN_ERRORS[(x % TOKEN_ERRORS.len() as u64) as usize]
        } else {
            LOOKALIKES[(x % LOOKALIKES.len() as u64) as usize]
        };
        out.push_str(text);
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let log = log();
    let lines: Vec<&str> = log.lines().collect();
    let expected = lines.iter().filter(|l| TOKEN_ERRORS.contains(l)).count();
    assert_eq!(
        lines
            .iter()
            .filter(|l| TokenError::from_message(l).is_some())
            .count(),
        expected,
        "every token error line, and only those"
    );

    let names: Vec<&str> = spellings()
        .iter()
        .map(|s| s.identifier().rsplit('.').next().unwrap())
        .collect();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(&names)
        .unwrap();
    let needle = memchr::memmem::Finder::new("ERR_NO_AUTHORIZED");

    let mut g = c.benchmark_group("from_message");
    g.throughput(Throughput::Bytes(log.len() as u64));
    g.sample_size(20);
    g.bench_function("memmem one needle (baseline floor)", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| needle.find(black_box(l.as_bytes())).is_some())
                .count()
        });
    });
    g.bench_function("aho-corasick over identifiers (baseline)", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| ac.find(black_box(*l)).is_some())
                .count()
        });
    });
    // Each error's name in each SDK language: the short list a user might search for.
    let mut short: Vec<&str> = TokenError::ALL
        .iter()
        .flat_map(|e| {
            Language::ALL
                .iter()
                .filter_map(|&l| e.identifier(agora_token_errors::Product::Rtc, l))
        })
        .map(|n| n.rsplit('.').next().unwrap())
        .collect();
    short.sort_unstable();
    short.dedup();
    let ac_short = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(&short)
        .unwrap();
    g.bench_function(
        format!(
            "aho-corasick over {} names, one per error and language (baseline)",
            short.len()
        ),
        |b| {
            b.iter(|| {
                lines
                    .iter()
                    .filter(|l| ac_short.find(black_box(*l)).is_some())
                    .count()
            });
        },
    );
    g.bench_function("TokenError::from_message", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| TokenError::from_message(black_box(l)).is_some())
                .count()
        });
    });
    g.finish();
    bench_scan(c, &log, expected);
}

/// `scan` and `scan_reader` over the whole log, against one memmem pass over it.
fn bench_scan(c: &mut Criterion, log: &str, expected: usize) {
    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(log.len() as u64));
    g.sample_size(20);
    let mut error_lines: Vec<usize> = scan(log.as_bytes())
        .filter(|f| f.error().is_some())
        .map(|f| f.line())
        .collect();
    error_lines.dedup();
    assert_eq!(
        error_lines.len(),
        expected,
        "the same lines as from_message"
    );
    let one_pass = memchr::memmem::Finder::new("ERR_NO_AUTHORIZED");
    g.bench_function("memmem one needle over the whole log (baseline)", |b| {
        b.iter(|| one_pass.find_iter(black_box(log.as_bytes())).count());
    });
    g.bench_function("scan", |b| {
        b.iter(|| scan(black_box(log.as_bytes())).count());
    });
    // The same log as a stream read 64 KiB at a time, as from a file or a pipe.
    g.bench_function("scan_reader (64 KiB reads)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            let reader = std::io::BufReader::with_capacity(64 << 10, black_box(log.as_bytes()));
            scan_reader(reader, |_| n += 1).unwrap();
            n
        });
    });
    g.finish();
}

/// Every anchor of `catalog/anchors.md`, read from its table: each repeated is a hostile text,
/// so an anchor added there is benchmarked here without a second list.
fn anchors() -> Vec<&'static str> {
    include_str!("../catalog/anchors.md")
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect()
}

/// One fragment repeated, besides the anchors: what an attacker (or a broken logger) can send.
const HOSTILE: &[&str] = &[
    "onConnectionStateChanged ",
    "rror ",
    "error 110 ",
    "onError ",
    "invalid ",
    "INVALID_TOKEN ",
    " detail: INVALID_TOKEN",
    "1100000000",
    // A code beside words other software prints too: checked for agreement.
    "110: invalid token ",
    // An enum member with its value, a Dart member under its annotation, and a shared phrase
    // with Agora's name and a word that makes it an error to avoid: each reads a bounded stretch
    // back from its hit, never to the start of the line.
    "INVALID_TOKEN = -10005, ",
    "@JsonValue(8)\n invalidToken,",
    "agora: avoid invalid token ",
    // The SDKs' own log shapes: callbacks with named fields, the wrapper layer's file.
    "onError->onError(this:0x0, error:",
    "[rtc_engine_event_handler.cc:1] err ",
    "RtcEngine_initialize result ",
    // Token starts: each must be read once, not once per start (scan's token bodies).
    "007eJx",
    "a007eJ",
    "+007eJ",
    "/006",
];

fn hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    // Ordinary log lines with no token error, as one text: the whole text is read.
    let plain: String = log()
        .lines()
        .filter(|l| !TOKEN_ERRORS.contains(l))
        .flat_map(|l| [l, "\n"])
        .collect();
    for size in [32usize << 10, 1 << 20] {
        let text = &plain[..size]; // the log is ASCII
        assert_eq!(TokenError::from_message(text), None);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(
            format!("ordinary log, no token error ({} KiB)", size >> 10),
            |b| {
                b.iter(|| {
                    (
                        TokenError::from_message(black_box(text)),
                        scan(black_box(text.as_bytes())).count(),
                    )
                });
            },
        );
        let anchors = anchors();
        assert!(anchors.len() > 30, "{} anchors read", anchors.len());
        for unit in anchors.iter().chain(HOSTILE) {
            let text = unit.repeat(size / unit.len());
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{unit:?} repeated ({} KiB)", size >> 10), |b| {
                b.iter(|| {
                    (
                        TokenError::from_message(black_box(&text)),
                        scan(black_box(text.as_bytes())).count(),
                    )
                });
            });
        }
    }
    // One line with no break, longer than what scan_reader holds whole (8 MiB): read in parts,
    // every byte once, at 1 MiB and at 16 MiB alike.
    for size in [1usize << 20, 16 << 20] {
        let text = "oken".repeat(size / 4);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(
            format!(
                "\"oken\" as one line through scan_reader ({} MiB)",
                size >> 20
            ),
            |b| {
                b.iter(|| {
                    let mut n = 0usize;
                    scan_reader(black_box(text.as_bytes()), |_| n += 1).unwrap();
                    n
                });
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench, hostile);
criterion_main!(benches);
