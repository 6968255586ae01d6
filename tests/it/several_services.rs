//! A token may hold several services of one kind (AgoraIO/Tools PR #433: an RTC channel and an
//! RTM stream channel are two RTC services of one token). A join is judged against the one that
//! admits it; when none does, against the closest, and the finding names it.
#![cfg(feature = "build")]

use crate::common;
use agora_token_errors::token::{FindingKind, JoinParams, Role, ServiceKind, Token, User};
use common::diagnose;

const APP: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const ISSUED: u64 = 1_700_000_000;

fn two_rtc_services() -> String {
    Token::builder(APP, CERT)
        .issued_at(ISSUED)
        .salt(1)
        .expire_in(3600)
        .rtm("user-a")
        .rtc("lobby", User::Uid(42), Role::Publisher)
        .rtc(
            "stream-lobby",
            User::Account("user-a".into()),
            Role::Publisher,
        )
        .build()
        .unwrap()
}

fn kinds(token: &str, join: &JoinParams) -> Vec<FindingKind> {
    diagnose(token, join, ISSUED + 60)
        .iter()
        .map(agora_token_errors::token::Finding::kind)
        .collect()
}

#[test]
fn the_builder_keeps_every_service_by_type_and_in_order_within_one() {
    let t = Token::parse(&two_rtc_services()).unwrap();
    let got: Vec<_> = t
        .services()
        .iter()
        .map(|s| (s.kind(), s.channel(), s.user()))
        .collect();
    assert_eq!(
        got,
        [
            (ServiceKind::Rtc, Some("lobby"), Some("42")),
            (ServiceKind::Rtc, Some("stream-lobby"), Some("user-a")),
            (ServiceKind::Rtm, None, Some("user-a")),
        ]
    );
}

#[test]
fn a_join_that_matches_any_service_of_its_kind_diagnoses_clean() {
    let token = two_rtc_services();
    let cert = |j: JoinParams| j.with_app_certificate(CERT);
    assert_eq!(
        kinds(&token, &cert(JoinParams::new(APP, "lobby").with_uid(42))),
        []
    );
    assert_eq!(
        kinds(
            &token,
            &cert(JoinParams::new(APP, "stream-lobby").with_account("user-a"))
        ),
        []
    );
    assert_eq!(kinds(&token, &cert(JoinParams::rtm(APP, "user-a"))), []);
}

#[test]
fn a_join_that_matches_none_is_judged_against_the_closest() {
    let token = two_rtc_services();
    // The second service's channel, with the first service's user: one finding, the user.
    let findings = diagnose(
        &token,
        &JoinParams::new(APP, "stream-lobby").with_uid(42),
        ISSUED + 60,
    );
    let got: Vec<_> = findings
        .iter()
        .map(agora_token_errors::token::Finding::kind)
        .collect();
    assert_eq!(got, [FindingKind::UserKindMismatch], "{findings:?}");
    assert!(
        findings[0].message().contains("user-a"),
        "{}",
        findings[0].message()
    );
    // A channel in no service: the channel is named, and nothing else is claimed.
    let elsewhere = diagnose(
        &token,
        &JoinParams::new(APP, "elsewhere").with_uid(42),
        ISSUED + 60,
    );
    assert_eq!(elsewhere.len(), 1, "{elsewhere:?}");
    assert_eq!(elsewhere[0].kind(), FindingKind::ChannelMismatch);
    let message = elsewhere[0].message();
    assert!(
        message.contains("\"lobby\"") && message.contains("\"stream-lobby\""),
        "{message}"
    );
}
