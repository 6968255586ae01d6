//! A reported missing privilege (co-host role switch refused, RTM 2.x permission denied) is
//! checked against what the token grants.
#![cfg(feature = "build")]

use crate::common;
use agora_token_errors::TokenError;
use agora_token_errors::token::{
    Certainty, Finding, FindingKind, JoinParams, Role, RtmAccess, RtmPermissions, RtmResource,
    Token, User,
};
use common::diagnose_reported;

const APP: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const ISSUED: u64 = 1_700_000_000;

fn kinds(f: &[Finding]) -> Vec<(FindingKind, Certainty)> {
    f.iter().map(|f| (f.kind(), f.certainty())).collect()
}

fn rtc(role: Role) -> String {
    Token::builder(APP, CERT)
        .issued_at(ISSUED)
        .expire_in(3600)
        .rtc("lobby", User::Uid(42), role)
        .build()
        .unwrap()
}

#[test]
fn a_subscriber_token_is_the_certain_cause_of_a_refused_switch_to_host() {
    let join = JoinParams::new(APP, "lobby").with_uid(42);
    let now = ISSUED + 60;
    let f = diagnose_reported(
        &rtc(Role::Subscriber),
        &join,
        now,
        TokenError::PrivilegeMissing,
    );
    assert_eq!(
        kinds(&f),
        [(FindingKind::NoPublishPrivilege, Certainty::Certain)],
        "{f:?}"
    );
    assert_eq!(f[0].error(), TokenError::PrivilegeMissing);
    // The native code says the same.
    let report =
        agora_token_errors::Report::of("119", &[agora_token_errors::CodeSpace::Native], None);
    assert_eq!(report.errors(), [TokenError::PrivilegeMissing]);
}

#[test]
fn a_publisher_token_leaves_the_projects_settings_as_the_likely_cause() {
    let join = JoinParams::new(APP, "lobby").with_uid(42);
    let now = ISSUED + 60;
    let f = diagnose_reported(
        &rtc(Role::Publisher),
        &join,
        now,
        TokenError::PrivilegeMissing,
    );
    assert_eq!(
        kinds(&f),
        [(FindingKind::NotVisibleOffline, Certainty::Likely)],
        "{f:?}"
    );
}

#[test]
fn rtm_2_permissions_are_named_for_a_refused_rtm_call() {
    let token = Token::builder(APP, CERT)
        .issued_at(ISSUED)
        .expire_in(3600)
        .rtm_with_permissions(
            "user-a",
            RtmPermissions::new().grant(RtmResource::MessageChannels, RtmAccess::Read, ["news"]),
        )
        .build()
        .unwrap();
    let join = JoinParams::rtm(APP, "user-a");
    let f = diagnose_reported(&token, &join, ISSUED + 60, TokenError::PrivilegeMissing);
    let limited = f
        .iter()
        .find(|f| f.kind() == FindingKind::RtmPermissionsLimited)
        .unwrap_or_else(|| panic!("{f:?}"));
    assert_eq!(limited.certainty(), Certainty::Likely);
    assert!(
        limited
            .message()
            .contains("read on message_channels [\"news\"]"),
        "{}",
        limited.message()
    );
    // With the resource the call used, the answer is certain either way.
    let write =
        join.clone()
            .with_rtm_resource(RtmResource::MessageChannels, RtmAccess::Write, "news");
    let f = diagnose_reported(&token, &write, ISSUED + 60, TokenError::PrivilegeMissing);
    assert_eq!(
        kinds(&f)[0],
        (FindingKind::RtmPermissionsLimited, Certainty::Certain),
        "{f:?}"
    );
    let read = join.with_rtm_resource(RtmResource::MessageChannels, RtmAccess::Read, "news");
    let f = diagnose_reported(&token, &read, ISSUED + 60, TokenError::PrivilegeMissing);
    assert!(
        f.iter()
            .all(|f| f.kind() != FindingKind::RtmPermissionsLimited),
        "{f:?}"
    );
    // The RTM 2.x code of a refused subscribe reads as this error.
    assert_eq!(
        TokenError::from_message(
            r#"{"errorCode":-11038,"operation":"subscribe","reason":"No permission to subscribe message channel."}"#
        ),
        Some(TokenError::PrivilegeMissing)
    );
}
