//! Other vendors' errors in the same log: Firebase, WeChat, Twilio, libcurl, a payment SDK, a
//! player... print `invalid appid`, `TOKEN_EXPIRED` and `error code 110` too. None of their lines
//! is an Agora token error (`tests/fixtures/other-vendors.txt`, each block with its source).
#![cfg(feature = "messages")]

use crate::common;

use agora_token_errors::TokenError;

#[test]
fn other_vendors_errors_are_not_agora_token_errors() {
    let lines = common::corpus::lines("other-vendors.txt");
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/other-vendors.txt"
    ))
    .unwrap();
    let vendors = raw.lines().filter(|l| l.starts_with("# vendor:")).count();
    let alarms: Vec<String> = lines
        .iter()
        .filter_map(|l| {
            TokenError::match_message(l).map(|m| {
                format!(
                    "{l:?} gave {:?} ({}, {})",
                    m.error(),
                    m.matched(),
                    m.evidence()
                )
            })
        })
        .collect();
    println!(
        "other vendors' lines ({vendors} vendors): false alarms {} of {}",
        alarms.len(),
        lines.len()
    );
    for a in &alarms {
        println!("  false alarm: {a}");
    }
    assert!(lines.len() >= 300, "{} lines", lines.len());
    assert!(vendors >= 40, "{vendors} vendors");
    assert!(alarms.is_empty(), "{} false alarms", alarms.len());
}

#[test]
fn the_lines_the_issue_reported_are_left_alone() {
    for text in [
        r#"{"errcode":40013,"errmsg":"invalid appid rid: 6523a1b2"}"#,
        r#"{"error":{"code":400,"message":"TOKEN_EXPIRED"}}"#,
        r#"okhttp: <-- 401 https://api.example.com/me {"code":"TOKEN_EXPIRED"}"#,
        "Error: The token has expired. Please sign in again.",
        "payment error code 110: card declined",
        "E/ExoPlayerImplInternal: Playback error, error code 110",
        "libcurl error 110",
        "push error code 101: device token not registered",
        "SSL_connect error 101",
        "Redis error 109",
        "INVALID_TOKEN",
        "INVALID_APP_ID",
        "RTMP_STREAM_PUBLISH_REASON_INVALID_APPID",
    ] {
        assert_eq!(TokenError::match_message(text), None, "{text}");
    }
}

#[test]
fn the_same_words_count_in_an_agora_text() {
    for (text, error) in [
        (
            "Agora-SDK [ERROR]: join failed: INVALID_TOKEN",
            TokenError::InvalidToken,
        ),
        (
            "[agora] RTC error code 110: join failed",
            TokenError::InvalidToken,
        ),
        (
            "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: invalid appid",
            TokenError::InvalidAppId,
        ),
        // The code's own words say which error it is.
        (
            "error 110 Invalid token from token server",
            TokenError::InvalidToken,
        ),
        (
            "101的错误的意思是没有提供合法的appid",
            TokenError::InvalidAppId,
        ),
    ] {
        let m = TokenError::match_message(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(m.error(), error, "{text}");
    }
}

/// Pasted whole into the Agora tool's reader of reports, another vendor's line stays unread
/// too, unless it is nothing but a bare spelling (`INVALID_TOKEN`, `/** token 过期 */`): asked
/// of an Agora tool, that can only mean Agora's error.
#[test]
fn other_vendors_lines_given_as_reports_are_read_only_when_bare() {
    use agora_token_errors::{CodeSpace, Reading, Report, Support};
    let lines = common::corpus::lines("other-vendors.txt");
    let mut bare = 0;
    let mut read = Vec::new();
    for l in &lines {
        let r = Report::of(l, CodeSpace::ALL, None);
        if r.errors().is_empty() {
            continue;
        }
        match r.reading() {
            Reading::Name { .. } => bare += 1,
            Reading::Text(m) if m.support() == Support::Reported => bare += 1,
            _ => read.push(l),
        }
    }
    println!(
        "other vendors' lines as reports: read {} of {} ({bare} bare spellings, as asked of Agora's tool; {} more)",
        bare + read.len(),
        lines.len(),
        read.len()
    );
    for l in &read {
        println!("  read: {l:?}");
    }
    assert!(read.is_empty(), "{} read", read.len());
}
