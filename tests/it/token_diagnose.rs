//! Diagnosis names the exact cause, on tokens made by Agora's official builders.
#![cfg(feature = "token")]

use agora_token_errors::TokenError;
use agora_token_errors::token::{
    AdviceKind, Certainty, Damage, Diagnosis, Finding, FindingKind, JoinParams, Severity, Token,
    TokenParseError,
};
#[cfg(feature = "verify")]
use serde_json::Value;

use crate::common;
use common::{diagnose, diagnose_reported};

use common::tokens::{APP_ID, kinds, only, soon, token};

#[test]
fn matching_join_finds_nothing() {
    for (name, join) in [
        (
            "rtc_uid_publisher",
            JoinParams::new(APP_ID, "test_channel").with_uid(12345),
        ),
        (
            "rtc_account",
            JoinParams::new(APP_ID, "acct_channel").with_account("alice"),
        ),
        (
            "rtc_uid_zero_any_user",
            JoinParams::new(APP_ID, "open room").with_uid(987),
        ),
        (
            "rtc_uid_zero_any_user",
            JoinParams::new(APP_ID, "open room").with_account("anyone"),
        ),
        (
            "rtc_privilege_default_zero",
            JoinParams::new(APP_ID, "default-privilege").with_uid(7),
        ),
        (
            "rtc_unicode_channel",
            JoinParams::new(APP_ID, "salle-café-会议").with_uid(42),
        ),
        (
            "rtc_account_numeric_string",
            JoinParams::new(APP_ID, "acct_channel").with_uid(12345),
        ),
    ] {
        let findings = diagnose(&token(name), &join, soon(name));
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
}

#[test]
fn another_channel_is_invalid_token_naming_both() {
    let join = JoinParams::new(APP_ID, "Test_Channel").with_uid(12345);
    let findings = diagnose(
        &token("rtc_uid_publisher"),
        &join,
        soon("rtc_uid_publisher"),
    );
    let f = only(&findings, FindingKind::ChannelMismatch);
    assert_eq!(f.error(), TokenError::InvalidToken);
    assert!(
        f.message().contains("\"test_channel\"") && f.message().contains("\"Test_Channel\""),
        "{}",
        f.message()
    );
    assert!(f.message().contains("letter case"), "{}", f.message());
}

#[test]
fn another_channel_is_found_in_006_by_crc() {
    let join = JoinParams::new(APP_ID, "other").with_uid(12345);
    let findings = diagnose(&token("v006_rtc_uid"), &join, soon("v006_rtc_uid"));
    let f = only(&findings, FindingKind::ChannelMismatch);
    assert!(f.message().contains("CRC-32"));
    assert_eq!(f.error(), TokenError::InvalidToken);
}

#[test]
fn another_uid_is_a_user_mismatch() {
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(54321);
    let findings = diagnose(
        &token("rtc_uid_publisher"),
        &join,
        soon("rtc_uid_publisher"),
    );
    let f = only(&findings, FindingKind::UserMismatch);
    assert!(f.message().contains("12345") && f.message().contains("54321"));
    let findings = diagnose(&token("v006_rtc_uid"), &join, soon("v006_rtc_uid"));
    only(&findings, FindingKind::UserMismatch);
}

#[test]
fn account_token_joined_with_int_uid_and_the_reverse() {
    let join = JoinParams::new(APP_ID, "acct_channel").with_uid(5);
    let findings = diagnose(&token("rtc_account"), &join, soon("rtc_account"));
    let f = only(&findings, FindingKind::UserKindMismatch);
    assert!(
        f.message().contains("user account \"alice\""),
        "{}",
        f.message()
    );

    let join = JoinParams::new(APP_ID, "test_channel").with_account("bob");
    let findings = diagnose(
        &token("rtc_uid_publisher"),
        &join,
        soon("rtc_uid_publisher"),
    );
    let f = only(&findings, FindingKind::UserKindMismatch);
    assert!(f.message().contains("int uid 12345"), "{}", f.message());
}

#[test]
fn joining_as_uid_zero_with_a_uid_token() {
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(0);
    let findings = diagnose(
        &token("rtc_uid_publisher"),
        &join,
        soon("rtc_uid_publisher"),
    );
    assert_eq!(
        only(&findings, FindingKind::UidZeroJoin).error(),
        TokenError::InvalidToken
    );
    let findings = diagnose(&token("v006_rtc_uid"), &join, soon("v006_rtc_uid"));
    only(&findings, FindingKind::UidZeroJoin);
}

#[test]
fn another_app_id_is_inconsistent_app_id() {
    let other = "0123456789abcdef0123456789abcdef";
    let join = JoinParams::new(other, "test_channel").with_uid(12345);
    let findings = diagnose(
        &token("rtc_uid_publisher"),
        &join,
        soon("rtc_uid_publisher"),
    );
    let f = only(&findings, FindingKind::AppIdMismatch);
    assert_eq!(f.error(), TokenError::InconsistentAppId);
    assert!(f.message().contains(APP_ID) && f.message().contains(other));
}

#[test]
fn malformed_app_id_on_the_client_is_invalid_app_id() {
    for bad in [
        " 970CA35de60c44645bbae8a215061b33",
        "970CA35de60c44645bbae8a215061b3",
        "not-an-app-id",
    ] {
        let join = JoinParams::new(bad, "test_channel").with_uid(12345);
        let findings = diagnose(
            &token("rtc_uid_publisher"),
            &join,
            soon("rtc_uid_publisher"),
        );
        assert_eq!(
            only(&findings, FindingKind::AppIdMalformed).error(),
            TokenError::InvalidAppId,
            "{bad:?}"
        );
    }
}

#[test]
fn expired_token_says_how_long_ago() {
    let name = "rtc_uid_publisher";
    let t = Token::parse(&token(name)).unwrap();
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
    let findings = diagnose(&token(name), &join, t.expires_at() + 2 * 3600 + 5 * 60);
    let f = only(&findings, FindingKind::Expired);
    assert_eq!(f.error(), TokenError::TokenExpired);
    assert!(f.message().contains("2 h 5 min ago"), "{}", f.message());
    assert!(diagnose(&token(name), &join, t.expires_at() - 1).is_empty());
}

#[test]
fn join_privilege_expiring_before_the_token() {
    let name = "rtc_privilege_shorter_than_token"; // token 7200 s, privileges 60 s
    let t = Token::parse(&token(name)).unwrap();
    let join = JoinParams::new(APP_ID, "short-join").with_uid(99);
    let issued = t.issued_at().unwrap();
    // Before it ends, a privilege shorter than the token is a choice, not a fault: advice.
    assert_eq!(diagnose(&token(name), &join, issued + 10), []);
    assert!(
        Diagnosis::of_token(&token(name))
            .advice()
            .iter()
            .any(|a| a.kind() == AdviceKind::PrivilegeEndsBeforeToken)
    );
    let later = diagnose(&token(name), &join, issued + 600);
    let f = only(&later, FindingKind::JoinPrivilegeExpired);
    assert_eq!(
        (f.error(), f.severity()),
        (TokenError::TokenExpired, Severity::Error)
    );
    assert!(f.message().contains("9 min ago"), "{}", f.message());
}

#[test]
fn privileges_ending_early_on_purpose_are_advice_not_findings() {
    let name = "rtc_each_privilege";
    let join = JoinParams::new(APP_ID, "priv").with_uid(77);
    assert_eq!(diagnose(&token(name), &join, soon(name)), []);
    let early = Diagnosis::of_token(&token(name))
        .advice()
        .iter()
        .filter(|a| a.kind() == AdviceKind::PrivilegeEndsBeforeToken)
        .count();
    assert_eq!(early, 4);
}

#[test]
fn absolute_time_passed_as_lifetime_and_lifetime_over_a_day() {
    let join = JoinParams::new(APP_ID, "abs").with_uid(5);
    let f = diagnose(
        &token("rtc_expire_absolute_time_mistake"),
        &join,
        soon("rtc_expire_absolute_time_mistake"),
    );
    assert_eq!(
        only(&f, FindingKind::ExpireLooksAbsolute).error(),
        TokenError::TokenExpired
    );
    assert!(!kinds(&f).contains(&FindingKind::LifetimeOverOneDay));
    let join = JoinParams::new(APP_ID, "long").with_uid(5);
    let f = diagnose(
        &token("rtc_lifetime_over_a_day"),
        &join,
        soon("rtc_lifetime_over_a_day"),
    );
    assert!(
        only(&f, FindingKind::LifetimeOverOneDay)
            .message()
            .contains("2 d")
    );
}

#[test]
fn tokens_for_other_services_cannot_join_rtc() {
    for name in [
        "rtm_only",
        "chat_user",
        "chat_app",
        "fpa",
        "education_room_user",
        "v006_rtm",
    ] {
        let join = JoinParams::new(APP_ID, "test_channel").with_uid(1);
        let findings = diagnose(&token(name), &join, soon(name));
        let f = only(&findings, FindingKind::WrongService);
        assert_eq!(f.error(), TokenError::InvalidToken, "{name}");
        assert!(f.message().contains("not RTC"), "{name}: {}", f.message());
    }
}

#[test]
fn legacy_formats_get_advice_or_an_error() {
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
    let findings = diagnose(&token("v006_rtc_uid"), &join, soon("v006_rtc_uid"));
    assert_eq!(findings, [], "a correct 006 token is not a fault");
    let diagnosis = Diagnosis::of_token(&token("v006_rtc_uid"));
    let advice = diagnosis.advice();
    let a = advice
        .iter()
        .find(|a| a.kind() == AdviceKind::LegacyAccessToken)
        .unwrap();
    assert!(a.fix().contains("007") || a.fix().contains("AccessToken2"));
    let findings = diagnose(&token("v005_dynamic_key"), &join, 1_800_000_000);
    assert_eq!(
        only(&findings, FindingKind::ObsoleteFormat).error(),
        TokenError::InvalidToken
    );
}

#[test]
fn transport_damage_is_named_then_undone() {
    let good = token("rtc_uid_publisher");
    assert!(good.contains('+'), "the vector needs a + to damage");
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
    let now = soon("rtc_uid_publisher");
    let cases = [
        (format!("{good}\n"), Damage::TrailingWhitespace),
        (format!("  {good}"), Damage::LeadingWhitespace),
        (good.replace('+', " "), Damage::SpaceForPlus),
        (
            good.replace('+', "%2B").replace('/', "%2F"),
            Damage::UrlEncoded,
        ),
        (
            good.replace('+', "-").replace('/', "_"),
            Damage::UrlSafeAlphabet,
        ),
        (format!("\"{good}\""), Damage::Quoted),
        (good.replace('/', "\\/"), Damage::JsonEscaped),
        (good.replace('+', "\\u002B"), Damage::JsonEscaped),
        (
            format!("{}\n{}", &good[..40], &good[40..]),
            Damage::LineBreaks,
        ),
        (format!("\u{200B}{good}"), Damage::InvisibleCharacters),
        (
            good.trim_end_matches('=').to_owned(),
            Damage::PaddingRemoved,
        ),
        (
            good.replace('+', "%252B").replace('/', "%252F"),
            Damage::UrlEncoded,
        ),
    ];
    for (damaged, damage) in cases {
        let findings = diagnose(&damaged, &join, now);
        assert_eq!(
            kinds(&findings),
            [FindingKind::Damaged(damage)],
            "{damage:?}"
        );
        assert_eq!(findings[0].error(), TokenError::InvalidToken);
        // The repaired token is diagnosed too: with a wrong channel, that shows.
        let elsewhere = JoinParams::new(APP_ID, "elsewhere").with_uid(12345);
        let findings = diagnose(&damaged, &elsewhere, now);
        assert!(
            kinds(&findings).contains(&FindingKind::ChannelMismatch),
            "{damage:?}: {:?}",
            kinds(&findings)
        );
    }
}

#[test]
fn truncation_is_reported_as_such() {
    let good = token("rtc_uid_publisher");
    let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
    for cut in [good.len() - 5, good.len() - 7, good.len() / 2, 40] {
        let findings = diagnose(&good[..cut], &join, soon("rtc_uid_publisher"));
        assert_eq!(findings.len(), 1, "cut at {cut}: {findings:#?}");
        assert_eq!(findings[0].kind(), FindingKind::Unparseable, "cut at {cut}");
        assert!(
            findings[0].message().contains("cut short"),
            "cut at {cut}: {}",
            findings[0].message()
        );
        assert_eq!(findings[0].error(), TokenError::InvalidToken);
    }
}

#[test]
fn no_token_is_likely_a_certificate_project() {
    let join = JoinParams::new(APP_ID, "lobby").with_uid(1);
    for empty in ["", "  ", "\n"] {
        let findings = diagnose(empty, &join, 0);
        let f = only(&findings, FindingKind::NoToken);
        assert_eq!(
            (f.error(), f.certainty()),
            (TokenError::DynamicUseStaticKey, Certainty::Likely)
        );
        assert!(f.fix().contains("Agora Console"));
    }
}

#[test]
fn garbage_is_unparseable() {
    let join = JoinParams::new(APP_ID, "lobby").with_uid(1);
    for garbage in [
        "hello",
        "007",
        "007!!!!",
        "006short",
        "008AAAA",
        "007AAAAAAAA=",
    ] {
        let findings = diagnose(garbage, &join, 0);
        assert_eq!(findings.len(), 1, "{garbage}: {findings:#?}");
        assert_eq!(findings[0].error(), TokenError::InvalidToken, "{garbage}");
    }
}

#[cfg(feature = "verify")]
#[test]
fn a_certificate_tells_another_signer_from_other_parameters() {
    let all: Value = serde_json::from_str(include_str!("../fixtures/tokens.json")).unwrap();
    let cert = all["app_certificate"].as_str().unwrap();
    let other = all["other_certificate"].as_str().unwrap();
    for name in ["rtc_uid_publisher", "v006_rtc_uid"] {
        let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
        let now = soon(name);
        let signed_ok = diagnose(&token(name), &join.clone().with_app_certificate(cert), now);
        assert!(
            !kinds(&signed_ok).contains(&FindingKind::SignatureMismatch),
            "{name}"
        );
        let f = diagnose(&token(name), &join.with_app_certificate(other), now);
        assert_eq!(
            only(&f, FindingKind::SignatureMismatch).error(),
            TokenError::InvalidToken,
            "{name}"
        );
    }
}

mod reported {
    use super::*;

    fn likely(findings: &[Finding]) -> Vec<TokenError> {
        findings
            .iter()
            .filter(|f| f.certainty() == Certainty::Likely)
            .map(Finding::error)
            .collect()
    }

    #[test]
    fn an_unexplained_110_points_at_the_certificate() {
        let name = "rtc_uid_publisher";
        let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
        let f = diagnose_reported(&token(name), &join, soon(name), TokenError::InvalidToken);
        assert_eq!(
            likely(&f),
            [TokenError::StaticUseDynamicKey, TokenError::InvalidToken]
        );
        assert!(f.iter().all(
            |f| f.kind() == FindingKind::NotVisibleOffline && f.fix().contains("Agora Console")
        ));
    }

    /// A signature that verifies with the server's certificate rules out another certificate
    /// for that one only: the commonest real cause, a server certificate that is not the
    /// project's current one, stays a likely cause.
    #[cfg(feature = "verify")]
    #[test]
    fn a_verified_signature_keeps_the_projects_current_certificate_as_a_cause() {
        let all: Value = serde_json::from_str(include_str!("../fixtures/tokens.json")).unwrap();
        let name = "rtc_uid_publisher";
        let join = JoinParams::new(APP_ID, "test_channel")
            .with_uid(12345)
            .with_app_certificate(all["app_certificate"].as_str().unwrap());
        let f = diagnose_reported(&token(name), &join, soon(name), TokenError::InvalidToken);
        assert_eq!(
            likely(&f),
            [TokenError::StaticUseDynamicKey, TokenError::InvalidToken]
        );
        let current = f
            .iter()
            .find(|f| f.error() == TokenError::InvalidToken)
            .unwrap();
        assert!(
            current.message().contains("current one"),
            "{}",
            current.message()
        );
    }

    /// A certificate that is not 32 hexadecimal digits is named as malformed, never as a
    /// signature mismatch, and never shown.
    #[cfg(feature = "verify")]
    #[test]
    fn a_malformed_certificate_is_named_as_malformed() {
        let all: Value = serde_json::from_str(include_str!("../fixtures/tokens.json")).unwrap();
        let good = all["app_certificate"].as_str().unwrap();
        let name = "rtc_uid_publisher";
        for cert in [
            "",
            "not a cert",
            &format!("{good} "),
            &good[..31],
            &format!("{}g", &good[..31]),
        ] {
            let join = JoinParams::new(APP_ID, "test_channel")
                .with_uid(12345)
                .with_app_certificate(cert);
            let f = diagnose(&token(name), &join, soon(name));
            let kinds: Vec<_> = f.iter().map(Finding::kind).collect();
            assert_eq!(kinds, [FindingKind::CertificateMalformed], "{cert:?}");
            if !cert.trim().is_empty() {
                assert!(!f[0].message().contains(cert.trim()), "{}", f[0].message());
            }
        }
    }

    #[test]
    fn a_certain_cause_needs_no_guess() {
        let name = "rtc_uid_publisher";
        let join = JoinParams::new(APP_ID, "elsewhere").with_uid(12345);
        let f = diagnose_reported(&token(name), &join, soon(name), TokenError::InvalidToken);
        assert_eq!(kinds(&f), [FindingKind::ChannelMismatch]);
    }

    #[test]
    fn other_reported_errors_get_their_unseen_causes() {
        let name = "rtc_uid_publisher";
        let join = JoinParams::new(APP_ID, "test_channel").with_uid(12345);
        for (reported, expected) in [
            (TokenError::TokenExpired, TokenError::TokenExpired),
            (TokenError::InvalidAppId, TokenError::InvalidAppId),
            (TokenError::InconsistentAppId, TokenError::InconsistentAppId),
            (
                TokenError::StaticUseDynamicKey,
                TokenError::StaticUseDynamicKey,
            ),
        ] {
            let f = diagnose_reported(&token(name), &join, soon(name), reported);
            assert_eq!(likely(&f), [expected], "{reported:?}");
        }
        let t = Token::parse(&token(name)).unwrap();
        let f = diagnose_reported(
            &token(name),
            &join,
            t.expires_at() + 10,
            TokenError::TokenExpired,
        );
        assert_eq!(
            kinds(&f),
            [FindingKind::Expired],
            "an expired token explains 109 for certain"
        );
    }
}

#[test]
fn every_obsolete_format_is_named() {
    let join = JoinParams::new(APP_ID, "lobby").with_uid(1);
    for (key, kind) in [
        (
            "003AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "DynamicKey 3",
        ),
        (
            "004AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "DynamicKey 4",
        ),
        ("005AQAoADhEMDBERjY1RjJCMTYwNkUzMjY2NzJGR", "DynamicKey 5"),
        (
            "1:970CA35de60c44645bbae8a215061b33:1700000000:0123456789abcdef",
            "signaling token",
        ),
    ] {
        assert!(
            matches!(Token::parse(key), Err(TokenParseError::Obsolete(k)) if k.to_string() == kind),
            "{kind}"
        );
        let f = diagnose(key, &join, 0);
        assert_eq!(kinds(&f), [FindingKind::ObsoleteFormat], "{kind}");
        assert!(
            f[0].message().contains(kind) && f[0].fix().contains("007"),
            "{kind}"
        );
    }
}
