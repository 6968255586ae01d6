//! `token::Diagnosis`: the token, the join, the findings and the advice as one value, and with
//! `serde` one JSON object with a top-level `kind`, never showing a secret.
#![cfg(feature = "build")]

use crate::common;
use agora_token_errors::TokenError;
use agora_token_errors::token::{Diagnosis, FindingKind, JoinParams, Role, Token, User};
use common::diagnose_reported;

const APP: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const NOW: u64 = 1_800_000_000;

fn built() -> String {
    Token::builder(APP, CERT)
        .issued_at(NOW)
        .expire_in(3600)
        .rtc("lobby", User::Uid(42), Role::Publisher)
        .build()
        .unwrap()
}

#[test]
fn the_join_it_was_built_for_looks_right_and_another_does_not() {
    let token = built();
    let right = JoinParams::new(APP, "lobby").with_uid(42);
    let d = Diagnosis::of(&token, &right, NOW + 60, None);
    assert!(d.join_looks_right(), "{:?}", d.findings());
    assert_eq!(d.token().map(Token::app_id), Some(APP));
    assert_eq!(d.at(), Some(NOW + 60));
    let wrong = JoinParams::new(APP, "elsewhere").with_uid(42);
    let d = Diagnosis::of(&token, &wrong, NOW + 60, Some(TokenError::InvalidToken));
    assert!(!d.join_looks_right());
    assert_eq!(d.reported(), Some(TokenError::InvalidToken));
    assert_eq!(d.findings()[0].kind(), FindingKind::ChannelMismatch);
    // The findings are what `diagnose_reported` gives.
    let alone = diagnose_reported(&token, &wrong, NOW + 60, TokenError::InvalidToken);
    assert_eq!(d.findings(), alone.as_slice());
}

#[test]
fn a_damaged_token_is_decoded_after_repair() {
    let token = built();
    let d = Diagnosis::of_token(&format!("\"{}\"\n", token.replace('+', " ")));
    assert_eq!(d.token(), Token::parse(&token).ok().as_ref());
    assert!(d.unreadable().is_none() && !d.join_looks_right());
    let d = Diagnosis::of_token(&token[..40]);
    assert!(d.token().is_none());
    assert!(d.unreadable().is_some());
}

#[cfg(feature = "serde")]
#[test]
fn serialises_with_its_kind_and_no_secret() {
    let token = built();
    let join = JoinParams::new(APP, "lobby")
        .with_account("alice")
        .with_app_certificate(CERT);
    let v = serde_json::to_value(Diagnosis::of(&token, &join, NOW + 60, None)).unwrap();
    assert_eq!(v["kind"], "diagnosis");
    assert_eq!(v["join"]["user"], "alice");
    assert_eq!(v["join"]["service"], "rtc");
    assert_eq!(v["join"]["at"], NOW + 60);
    assert_eq!(v["join_looks_right"], false);
    assert_eq!(v["findings"][0]["kind"], "user_kind_mismatch", "{v}");
    let text = v.to_string();
    assert!(!text.contains(CERT), "the certificate is shown");
    assert!(!text.contains(&token[..24]), "the token is shown");

    let v = serde_json::to_value(Diagnosis::of_token(&token)).unwrap();
    assert_eq!(v["kind"], "token");
    assert!(v.get("join").is_none() && v.get("join_looks_right").is_none());
    assert_eq!(v["token"]["services"][0]["channel"], "lobby");
    let v = serde_json::to_value(Diagnosis::of_token("not a token")).unwrap();
    assert_eq!(v["token"], serde_json::Value::Null);
    assert!(
        v["unreadable"]
            .as_str()
            .is_some_and(|m| !m.contains("not a token"))
    );
}
