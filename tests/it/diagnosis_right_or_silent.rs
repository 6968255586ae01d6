//! Right or silent: findings come in the order that names the cause, nothing is judged that was
//! not given, and every fault the issue lists (clock skew, bad accounts, combined damage, reported
//! errors the token contradicts or another surface explains) is named.
#![cfg(feature = "token")]

use crate::common;
use common::{diagnose, diagnose_reported};

use agora_token_errors::TokenError;
use agora_token_errors::token::{Certainty, Damage, FindingKind, JoinParams, Severity, Token};
use common::tokens::{APP_ID, kinds, only, soon, token};

#[test]
fn the_cause_comes_first_errors_then_warnings_certain_then_likely() {
    let name = "rtc_lifetime_over_a_day";
    let t = Token::parse(&token(name)).unwrap();
    // Another channel, joined after the 24 h Agora honours: the certain error leads.
    let join = JoinParams::new(APP_ID, "elsewhere").with_uid(5);
    let now = t.issued_at().unwrap() + 25 * 3600;
    let findings = diagnose(&token(name), &join, now);
    assert_eq!(
        findings[0].kind(),
        FindingKind::ChannelMismatch,
        "{findings:#?}"
    );
    let ranks: Vec<(Severity, Certainty)> = findings
        .iter()
        .map(|f| (f.severity(), f.certainty()))
        .collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);
    assert!(kinds(&findings).contains(&FindingKind::LifetimeOverOneDay));
    // For a 006 token with the wrong uid, findings[0] is the error, not advice.
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(54321);
    let findings = diagnose(&token("v006_rtc_uid"), &join, soon("v006_rtc_uid"));
    assert_eq!(findings[0].error(), TokenError::InvalidToken);
    assert_eq!(findings[0].kind(), FindingKind::UserMismatch);
}

#[test]
fn a_join_without_a_user_is_not_judged_on_the_user() {
    for name in ["rtc_uid_publisher", "v006_rtc_uid", "rtc_account"] {
        let channel = if name == "rtc_account" {
            "acct_channel"
        } else {
            "test_channel"
        };
        let join = JoinParams::new(APP_ID, channel);
        assert_eq!(diagnose(&token(name), &join, soon(name)), [], "{name}");
    }
}

#[test]
fn a_clock_behind_the_issue_time_is_a_warning() {
    let name = "rtc_uid_publisher";
    let t = Token::parse(&token(name)).unwrap();
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
    let findings = diagnose(&token(name), &join, t.issued_at().unwrap() - 600);
    let f = only(&findings, FindingKind::ClockSkew);
    assert_eq!(f.severity(), Severity::Warning);
    assert!(f.message().contains("10 min"), "{}", f.message());
    assert_eq!(diagnose(&token(name), &join, t.issued_at().unwrap()), []);
}

#[test]
fn an_empty_or_overlong_account_is_an_invalid_user_account() {
    let name = "rtc_account";
    for account in [String::new(), "a".repeat(256)] {
        let join = JoinParams::new(APP_ID, "acct_channel").with_account(account.clone());
        let findings = diagnose(&token(name), &join, soon(name));
        assert_eq!(
            only(&findings, FindingKind::InvalidAccount).error(),
            TokenError::InvalidUserAccount,
            "{} bytes",
            account.len()
        );
    }
    let join = JoinParams::new(APP_ID, "acct_channel").with_account("a".repeat(255));
    assert!(
        !kinds(&diagnose(&token(name), &join, soon(name))).contains(&FindingKind::InvalidAccount)
    );
}

#[test]
fn damage_of_several_kinds_at_once_is_all_named_and_undone() {
    let good = token("rtc_uid_publisher");
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
    let now = soon("rtc_uid_publisher");
    // JSON-escaped, quoted, with a trailing newline, padding dropped, `+` as a space.
    let damaged = format!(
        "\"{}\"\n",
        good.trim_end_matches('=')
            .replace('/', "\\/")
            .replace('+', " ")
    );
    let findings = diagnose(&damaged, &join, now);
    let mut seen: Vec<FindingKind> = kinds(&findings);
    seen.sort_by_key(|k| format!("{k:?}"));
    for damage in [
        Damage::Quoted,
        Damage::TrailingWhitespace,
        Damage::JsonEscaped,
        Damage::SpaceForPlus,
        Damage::PaddingRemoved,
    ] {
        assert!(
            seen.contains(&FindingKind::Damaged(damage)),
            "{damage:?}: {seen:?}"
        );
    }
    assert!(
        findings
            .iter()
            .all(|f| matches!(f.kind(), FindingKind::Damaged(_)))
    );
    // Each is named by its character and place, never by a codec's message.
    let json = findings
        .iter()
        .find(|f| f.kind() == FindingKind::Damaged(Damage::JsonEscaped))
        .unwrap();
    assert!(
        json.message().contains("a `\\` at byte"),
        "{}",
        json.message()
    );
    assert!(
        findings
            .iter()
            .all(|f| !f.message().contains("Invalid symbol"))
    );
}

#[test]
fn a_report_of_no_token_while_one_is_given_says_it_did_not_reach_the_join() {
    let name = "rtc_uid_publisher";
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
    let f = diagnose_reported(
        &token(name),
        &join,
        soon(name),
        TokenError::DynamicUseStaticKey,
    );
    assert_eq!(f.len(), 1);
    assert!(
        !f[0].message().contains("No token was given"),
        "{}",
        f[0].message()
    );
    assert!(
        f[0].message().contains("never reached"),
        "{}",
        f[0].message()
    );
}

#[test]
fn a_certain_cause_reported_through_another_surface_silences_the_guesses() {
    let name = "rtc_uid_publisher";
    let join = JoinParams::new("0123456789abcdef0123456789abcdef", "test_channel").with_uid(12345);
    // The Web SDK reports a token for another App ID as an invalid token.
    let f = diagnose_reported(&token(name), &join, soon(name), TokenError::InvalidToken);
    assert_eq!(kinds(&f), [FindingKind::AppIdMismatch]);
    assert!(f.iter().all(|f| f.certainty() == Certainty::Certain));
}
