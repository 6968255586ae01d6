//! A 007 token is the same token whatever zlib level its builder compressed it at: `Token::parse`,
//! `repair`, `diagnose` and `scan` read it from every start zlib can write (`007eA`, `007eF`,
//! `007eJ`, `007eN`), not only the `007eJ` of Agora's builders.
#![cfg(all(feature = "build", feature = "messages"))]

use crate::common;
use common::diagnose;
use std::io::{Read as _, Write as _};

use agora_token_errors::token::{Damage, FindingKind, JoinParams, Role, Token, User, repair};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

const APP: &str = "970CA35de60c44645bbae8a215061b33";
const NOW: u64 = 1_800_000_000;

/// The token with its content compressed again at `level`.
fn at_level(token: &str, level: u32) -> String {
    let compressed = STANDARD.decode(&token[3..]).unwrap();
    let mut content = Vec::new();
    flate2::read::ZlibDecoder::new(compressed.as_slice())
        .read_to_end(&mut content)
        .unwrap();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    z.write_all(&content).unwrap();
    format!("007{}", STANDARD.encode(z.finish().unwrap()))
}

#[test]
fn every_zlib_level_is_read_repaired_diagnosed_and_scanned() {
    let built = Token::builder(APP, "5CFd2fd1755d40ecb72977518be15d3b")
        .issued_at(NOW)
        .expire_in(3600)
        .rtc("lobby", User::Uid(42), Role::Publisher)
        .build()
        .unwrap();
    assert!(
        built.starts_with("007eJ"),
        "built as Agora's builders build"
    );
    let join = JoinParams::new(APP, "lobby").with_uid(42);
    let mut starts = std::collections::BTreeSet::new();
    for level in 0..=9 {
        let token = at_level(&built, level);
        starts.insert(token[..5].to_owned());
        assert_eq!(Token::parse(&token), Token::parse(&built), "level {level}");
        let quoted = format!("\"{token}\"\n");
        assert_eq!(repair(&quoted).token(), token, "level {level}");
        let kinds: Vec<FindingKind> = diagnose(&quoted, &join, NOW + 60)
            .iter()
            .map(agora_token_errors::token::Finding::kind)
            .collect();
        assert_eq!(
            kinds,
            [
                FindingKind::Damaged(Damage::TrailingWhitespace),
                FindingKind::Damaged(Damage::Quoted)
            ],
            "level {level}"
        );
        let log = format!("12:00:01 joinChannel token={token} uid=42\n");
        let tokens: Vec<&str> = agora_token_errors::scan(log.as_bytes())
            .filter_map(|f| f.token())
            .collect();
        assert_eq!(tokens, [token.as_str()], "level {level}");
    }
    assert_eq!(starts.len(), 4, "{starts:?}");
    println!(
        "zlib levels 0-9: {} token starts, each read, repaired, diagnosed and scanned",
        starts.len()
    );
}
