//! The tokens Agora's own builder test suites assert: every token string of the AgoraIO/Tools
//! test files (C++, Python 2 and 3, Go, Java, Node, C#, Rust, Ruby, PHP, Dart, ...), each port
//! compressing its own way (Go's sync-flush blocks, Rust's stored blocks, Node's and C#'s
//! deflaters). Each parses to the services the suite built, its signature verifies with the
//! suites' App Certificate, and joined with exactly those inputs before it expires it diagnoses
//! clean. Vectors: `tests/fixtures/tools-vectors.json`, with file and line of each.
#![cfg(all(feature = "token", feature = "verify"))]

use crate::common;
use common::diagnose;

use agora_token_errors::token::{JoinParams, ServiceKind, Token, Verification};
use serde_json::Value;

/// The RTC join a suite's channel and user stand for: an all-digit user is the int uid and the
/// same text as an account, `""` the uid-0 wildcard.
fn rtc_joins(app: &str, channel: &str, user: &str) -> Vec<JoinParams> {
    let rtc = JoinParams::new(app, channel);
    if user.is_empty() {
        return vec![rtc.with_uid(0)];
    }
    let mut joins = vec![rtc.clone().with_account(user)];
    if let Ok(uid) = user.parse::<u32>() {
        joins.push(rtc.with_uid(uid));
    }
    joins
}

/// Every join or login the vector's services admit, read from the suite's decoding (not from
/// this crate's parser).
fn joins(v: &Value) -> Vec<JoinParams> {
    let app = v["inputs"]["app_id"].as_str().unwrap();
    let decoded = &v["decoded"];
    let mut out = Vec::new();
    if v["format"] == "006" {
        let channel = decoded["crc_channel_matches"][0].as_str().unwrap();
        let user = decoded["crc_uid_matches"][0].as_str().unwrap();
        if decoded["privileges"].get("1000").is_some() {
            // A 006 RTM token carries the user id where an RTC token has its channel.
            out.push(JoinParams::rtm(app, channel));
        } else if user == "0" {
            // PHP signs the string "0": that account, not the wildcard.
            out.push(JoinParams::new(app, channel).with_account("0"));
        } else {
            out.extend(rtc_joins(app, channel, user));
        }
        return out;
    }
    for s in decoded["services"].as_array().unwrap() {
        match s["type"].as_u64().unwrap() {
            1 => out.extend(rtc_joins(
                app,
                s["channel"].as_str().unwrap(),
                s["uid_or_account"].as_str().unwrap(),
            )),
            2 => out.push(JoinParams::rtm(app, s["user_id"].as_str().unwrap())),
            5 => {
                let user = s["user_id"].as_str().unwrap();
                if !user.is_empty() {
                    out.push(JoinParams::chat(app, user));
                }
            }
            _ => {}
        }
    }
    out
}

/// A minute after a 007 token was issued; an hour before a 006 token's own expiry (the suites
/// pin it at 1111111, with privileges to 2015).
fn join_time(v: &Value) -> u64 {
    let issued = v["inputs"]["issue_ts"].as_u64().unwrap();
    if v["format"] == "006" {
        issued - 3600
    } else {
        issued + 60
    }
}

#[test]
fn every_suite_token_parses_to_what_the_suite_built() {
    let all = common::fixture("tools-vectors.json");
    let vectors = all["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 38, "{} vectors", vectors.len());
    let mut languages: Vec<&str> = vectors
        .iter()
        .map(|v| v["language"].as_str().unwrap())
        .collect();
    languages.sort_unstable();
    languages.dedup();
    for v in vectors {
        let text = v["token"].as_str().unwrap();
        let where_ = format!("{} {}:{}", v["language"], v["path"], v["line"]);
        let token = Token::parse(text).unwrap_or_else(|e| panic!("{where_}: {e}"));
        assert_eq!(
            token.app_id(),
            v["inputs"]["app_id"].as_str().unwrap(),
            "{where_}"
        );
        if v["format"] == "007" {
            let expected: Vec<(ServiceKind, Option<String>, Option<String>)> =
                v["decoded"]["services"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        let kind = ServiceKind::from_type(
                            u16::try_from(s["type"].as_u64().unwrap()).unwrap(),
                        )
                        .unwrap();
                        let user = s
                            .get("uid_or_account")
                            .or_else(|| s.get("user_id"))
                            .or_else(|| s.get("user_uuid"))
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        let channel = s
                            .get("channel")
                            .or_else(|| s.get("room_uuid"))
                            .and_then(Value::as_str)
                            .map(str::to_owned);
                        (kind, channel, user)
                    })
                    .collect();
            let parsed: Vec<(ServiceKind, Option<String>, Option<String>)> = token
                .services()
                .iter()
                .map(|s| {
                    (
                        s.kind(),
                        s.channel().map(str::to_owned),
                        s.user().map(str::to_owned),
                    )
                })
                .collect();
            let kinds = |l: &[(ServiceKind, Option<String>, Option<String>)]| {
                l.iter().map(|s| s.0).collect::<Vec<_>>()
            };
            assert_eq!(kinds(&parsed), kinds(&expected), "{where_}");
            for (p, e) in parsed.iter().zip(&expected) {
                if matches!(p.0, ServiceKind::Rtc | ServiceKind::Rtm | ServiceKind::Chat) {
                    assert_eq!(p, e, "{where_}");
                }
            }
        }
    }
    println!(
        "Agora's builder test suites: {} tokens from {} languages parsed",
        vectors.len(),
        languages.len()
    );
}

#[test]
fn every_suite_token_verifies_with_the_suites_certificate() {
    let all = common::fixture("tools-vectors.json");
    let certificate = all["app_certificate"].as_str().unwrap();
    let mut checked = 0;
    for v in all["vectors"].as_array().unwrap() {
        let where_ = format!("{} {}:{}", v["language"], v["path"], v["line"]);
        let token = Token::parse(v["token"].as_str().unwrap()).unwrap();
        if v["format"] == "007" {
            assert_eq!(token.verify(certificate), Verification::Valid, "{where_}");
            assert_eq!(
                token.verify("00000000000000000000000000000000"),
                Verification::Invalid,
                "{where_}"
            );
            checked += 1;
        } else {
            assert_eq!(
                token.verify(certificate),
                Verification::NeedsJoin,
                "{where_}"
            );
        }
        for join in joins(v) {
            assert_eq!(
                token.verify_with(certificate, &join),
                Verification::Valid,
                "{where_} {join:?}"
            );
            checked += 1;
        }
    }
    println!("Agora's builder test suites: {checked} signatures verified");
}

#[test]
fn every_suite_token_joined_as_built_diagnoses_clean() {
    let all = common::fixture("tools-vectors.json");
    let (mut joins_checked, mut clean) = (0, 0);
    for v in all["vectors"].as_array().unwrap() {
        let where_ = format!("{} {}:{}", v["language"], v["path"], v["line"]);
        let text = v["token"].as_str().unwrap();
        let now = join_time(v);
        for join in joins(v) {
            let findings = diagnose(text, &join, now);
            joins_checked += 1;
            if findings.is_empty() {
                clean += 1;
            }
            assert!(findings.is_empty(), "{where_} {join:?}: {findings:?}");
        }
    }
    println!("Agora's builder test suites: {clean} of {joins_checked} joins clean");
    assert!(joins_checked >= 40, "{joins_checked} joins");
}
