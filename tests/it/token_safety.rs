//! Untrusted tokens: capped before decoding, never a panic, and secrets never shown.
#![cfg(feature = "token")]

use crate::common;
use common::diagnose;

use agora_token_errors::token::{
    Field, JoinParams, MAX_CONTENT_LEN, MAX_TOKEN_LEN, Token, TokenParseError, repair,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use std::io::{Read as _, Write as _};

use proptest::prelude::*;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";

fn tokens() -> Vec<String> {
    common::fixture("tokens.json")["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["token"].as_str().unwrap().to_owned())
        .collect()
}

fn seven(content: &[u8]) -> String {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(content).unwrap();
    format!("007{}", STANDARD.encode(z.finish().unwrap()))
}

#[test]
fn over_long_input_is_refused_before_decoding() {
    let long = format!("007{}", "A".repeat(MAX_TOKEN_LEN));
    assert_eq!(
        Token::parse(&long),
        Err(TokenParseError::TooLong {
            len: MAX_TOKEN_LEN + 3,
            max: MAX_TOKEN_LEN
        })
    );
    let message = Token::parse(&long).unwrap_err().to_string();
    assert!(
        message.contains("2047") && !message.contains("AAAA"),
        "{message}"
    );
}

#[test]
fn a_zlib_bomb_is_refused_at_the_size_limit() {
    let bomb = seven(&vec![0u8; 1 << 20]);
    assert!(
        bomb.len() <= MAX_TOKEN_LEN,
        "the bomb fits the length cap: {}",
        bomb.len()
    );
    assert_eq!(
        Token::parse(&bomb),
        Err(TokenParseError::TooLarge {
            limit: MAX_CONTENT_LEN
        })
    );
    let info = allocation_counter::measure(|| drop(Token::parse(&bomb)));
    // Bounded by constants whatever the input: zlib's 32 KiB window and state, and the
    // MAX_CONTENT_LEN output cap.
    let bound = 32 * 1024 + 16 * 1024 + 2 * MAX_CONTENT_LEN as u64;
    assert!(info.bytes_max < bound, "peak {} bytes", info.bytes_max);
}

#[test]
fn bad_inner_lengths_are_truncation_not_panics() {
    // A signature length that runs past the end, then a service count with nothing after it.
    let cases: [&[u8]; 4] = [&[0xff, 0xff], &[32, 0], &[], &[1]];
    for content in cases {
        assert!(
            matches!(
                Token::parse(&seven(content)),
                Err(TokenParseError::Truncated(_))
            ),
            "{content:?}"
        );
    }
    let mut content = vec![32, 0];
    content.extend([7u8; 32]);
    content.extend([32, 0]);
    content.extend(APP_ID.as_bytes());
    content.extend([0; 12]);
    content.extend([0xff, 0xff]); // 65535 services, none present
    assert_eq!(
        Token::parse(&seven(&content)),
        Err(TokenParseError::Truncated(Field::ServiceType))
    );
}

#[test]
fn nothing_shows_a_token_signature_or_certificate() {
    let cert = common::fixture("tokens.json")["app_certificate"]
        .as_str()
        .unwrap()
        .to_owned();
    for token in tokens() {
        let body = &token[token.len() - 24..];
        let join = JoinParams::new(APP_ID, "elsewhere").with_uid(1);
        #[cfg(feature = "verify")]
        let join = join.with_app_certificate(&cert);
        let mut shown = vec![format!("{join:?}")];
        if let Ok(t) = Token::parse(&token) {
            shown.push(format!("{t:?}"));
            shown.push(t.to_string());
            shown.push(format!("{:?}", t.services()));
        }
        for f in diagnose(&token, &join, 0) {
            shown.push(format!("{f:?}"));
            shown.push(f.to_string());
        }
        for damaged in [&token[..token.len() - 3], &token.replace('+', " ")] {
            if let Err(e) = Token::parse(damaged) {
                shown.push(format!("{e:?}"));
                shown.push(e.to_string());
            }
        }
        // A quoted token, repaired, and a token in a log line, found by `scan`.
        shown.push(format!("{:?}", repair(&format!("\"{token}\""))));
        #[cfg(feature = "messages")]
        {
            let line = format!("joinChannel token={token} failed");
            for found in agora_token_errors::scan(line.as_bytes()) {
                shown.push(format!("{found:?}"));
                #[cfg(feature = "serde")]
                shown.push(serde_json::to_string(&found).unwrap());
            }
            // A report of what a user pasted, with a token in it (the CLI's `--json`, the npm
            // package's `explain`).
            for pasted in [
                token.clone(),
                format!("error 110, token {token}"),
                line.clone(),
            ] {
                let report = agora_token_errors::Report::of(
                    &pasted,
                    agora_token_errors::CodeSpace::ALL,
                    None,
                );
                shown.push(report.input().to_owned());
                shown.push(format!("{report:?}"));
                #[cfg(feature = "serde")]
                shown.push(serde_json::to_string(&report).unwrap());
            }
        }
        // Every output follows one rule: a token's first 12 characters at most.
        let head = &token[..13];
        for s in shown {
            assert!(!s.contains(head), "more than a token's head shown: {s}");
            assert!(!s.contains(body), "token body shown: {s}");
            assert!(!s.contains(&cert), "certificate shown: {s}");
        }
    }
}

#[test]
fn token_display_is_version_app_id_and_times() {
    let t = Token::parse(&tokens()[0]).unwrap();
    let shown = t.to_string();
    assert!(
        shown.starts_with("007 token for App ID 970CA35de60c44645bbae8a215061b33, issued 20"),
        "{shown}"
    );
    assert!(shown.contains(" UTC, expires 20"), "{shown}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_parses_or_errs(s in "\\PC{0,300}") {
        let _ = Token::parse(&s);
        let _ = diagnose(&s, &JoinParams::new(APP_ID, "c"), 0);
    }

    #[test]
    fn any_prefixed_base64_parses_or_errs(version in prop::sample::select(vec!["006", "007"]), body in "[A-Za-z0-9+/=]{0,400}") {
        let s = format!("{version}{body}");
        let _ = Token::parse(&s);
    }

    #[test]
    fn any_inflated_content_parses_or_errs(content in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = Token::parse(&seven(&content));
    }

    #[test]
    fn mutated_real_tokens_parse_or_err(i in 0usize..24, at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let tokens = tokens();
        let mut t = tokens[i % tokens.len()].clone().into_bytes();
        let at = at.index(t.len());
        t[at] = byte;
        let s = String::from_utf8_lossy(&t);
        let _ = Token::parse(&s);
        let _ = diagnose(&s, &JoinParams::new(APP_ID, "test_channel").with_uid(12345), 1_800_000_000);
    }

    #[test]
    fn mutated_real_contents_parse_or_err(i in 0usize..24, at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let tokens = tokens();
        let t = &tokens[i % tokens.len()];
        if let Some(body) = t.strip_prefix("007") {
            let mut content = Vec::new();
            flate2::read::ZlibDecoder::new(&STANDARD.decode(body).unwrap()[..]).read_to_end(&mut content).unwrap();
            let at = at.index(content.len());
            content[at] = byte;
            let _ = Token::parse(&seven(&content));
        }
    }
}
