//! Every Agora token error, each in its own code space: RTC channel-media relay, RTM 1.x and 2.x,
//! Agora Chat. Codes, qualified names, per-product texts, events and texts users post.

use agora_token_errors::{CodeSpace, Locale, Product, Spelling, TokenError, TokenEvent};

#[test]
fn codes_resolve_in_their_own_spaces() {
    use TokenError::*;
    for (space, code, error) in [
        (CodeSpace::ChannelMediaRelay, 10, TokenExpired),
        (CodeSpace::ChannelMediaRelay, 11, TokenExpired),
        (CodeSpace::RtmLogin, 4, InvalidAppId),
        (CodeSpace::RtmLogin, 5, InvalidToken),
        (CodeSpace::RtmLogin, 6, TokenExpired),
        (CodeSpace::RtmRenewToken, 5, TokenExpired),
        (CodeSpace::RtmRenewToken, 6, InvalidToken),
        (CodeSpace::Rtm, -10003, InvalidAppId),
        (CodeSpace::Rtm, -10005, InvalidToken),
        (CodeSpace::Rtm, -10009, TokenExpired),
        (CodeSpace::Rtm, -10016, InconsistentAppId),
        (CodeSpace::RtmLinkStateChangeReason, 16, InvalidToken),
        (CodeSpace::RtmConnectionChangeReason, 8, InvalidToken),
        (CodeSpace::ChatWeb, 28, InvalidToken),
        (CodeSpace::ChatWeb, 56, TokenExpired),
        (CodeSpace::Chat, 104, InvalidToken),
        (CodeSpace::Chat, 108, TokenExpired),
    ] {
        assert_eq!(
            TokenError::from_code(space, code),
            Some(error),
            "{space:?} {code}"
        );
    }
    // The same numbers elsewhere are not these errors.
    assert_eq!(TokenError::from_code(CodeSpace::Native, 5), None);
    assert_eq!(TokenError::from_code(CodeSpace::ChannelMediaRelay, 4), None);
    assert_eq!(TokenError::from_code(CodeSpace::RtmLogin, 7), None);
}

#[test]
fn every_space_says_its_product() {
    assert_eq!(CodeSpace::RtmLogin.product(), Product::Rtm);
    assert_eq!(CodeSpace::Rtm.product(), Product::Rtm);
    assert_eq!(CodeSpace::ChatWeb.product(), Product::Chat);
    assert_eq!(CodeSpace::ChannelMediaRelay.product(), Product::Rtc);
    for &space in CodeSpace::ALL {
        assert!(Product::ALL.contains(&space.product()));
    }
}

#[test]
fn names_shared_across_products_resolve_by_their_qualifier() {
    for (name, space, code) in [
        ("RtmErrorCode.invalidToken", CodeSpace::Rtm, -10005),
        ("ErrorCodeType.errInvalidToken", CodeSpace::Native, 110),
        (
            "RtmLinkStateChangeReason.invalidToken",
            CodeSpace::RtmLinkStateChangeReason,
            16,
        ),
        (
            "RtmConnectionChangeReason.invalidToken",
            CodeSpace::RtmConnectionChangeReason,
            8,
        ),
        ("ErrorCode.invalidToken", CodeSpace::Rtm, -10005), // RN RTM
        ("ErrorCode.InvalidToken", CodeSpace::Native, 110), // RN RTC 3.x
        ("AgoraRtmErrorCode.tokenExpired", CodeSpace::Rtm, -10009),
        ("AgoraErrorCode.tokenExpired", CodeSpace::Native, 109),
    ] {
        let s = Spelling::from_name(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!((s.space(), s.code()), (space, Some(code)), "{name}");
        #[cfg(feature = "messages")]
        {
            // Some of these names are other software's too (`ErrorCode.InvalidToken` of
            // WePublish, `ErrorCode.invalidToken` of ByteRTC's Flutter SDK): in a text that says
            // it is Agora's.
            let m = TokenError::match_message(&format!("Agora error: {name}")).unwrap();
            assert_eq!(
                (m.space(), m.code()),
                (Some(space), Some(code)),
                "{name} in a text"
            );
            assert_eq!(
                m.space().map(agora_token_errors::CodeSpace::product),
                Some(space.product())
            );
        }
    }
}

#[test]
fn products_have_their_own_causes_and_fixes() {
    let e = TokenError::InvalidToken;
    assert_eq!(
        e.remediation(),
        e.texts(Product::Rtc, Locale::En).remediation()
    );
    assert_eq!(e.cause(), e.texts(Product::Rtc, Locale::En).cause());
    assert!(
        e.texts(Product::Rtm, Locale::En)
            .remediation()
            .contains("log")
    );
    assert!(
        e.texts(Product::Rtm, Locale::En)
            .remediation()
            .contains("RtmTokenBuilder")
    );
    assert!(
        e.texts(Product::Chat, Locale::En)
            .remediation()
            .contains("Chat")
    );
    for &e in TokenError::ALL {
        for &p in Product::ALL {
            assert!(
                e.texts(p, Locale::En).cause().len() > 40
                    && e.texts(p, Locale::En).remediation().len() > 40,
                "{e:?} {p}"
            );
        }
    }
}

#[test]
fn a_chat_app_key_error_is_an_invalid_app_id_fixed_in_chat_terms() {
    assert_eq!(
        TokenError::from_code(CodeSpace::Chat, 100),
        Some(TokenError::InvalidAppId)
    );
    assert_eq!(
        TokenError::from_code(CodeSpace::ChatWeb, 27),
        Some(TokenError::InvalidAppId)
    );
    assert_eq!(
        TokenError::from_name("AgoraChatErrorCode.invalidAppkey"),
        Some(TokenError::InvalidAppId)
    );
    let e = TokenError::InvalidAppId;
    assert!(
        e.texts(Product::Chat, Locale::En)
            .remediation()
            .contains("App Key")
    );
    assert!(
        e.texts(Product::Chat, Locale::En)
            .cause()
            .contains("App Key")
    );
    assert!(!e.remediation().contains("App Key"));
}

#[test]
fn rtm_and_chat_callbacks_are_token_events() {
    for (name, event) in [
        ("onTokenExpired", TokenEvent::DidExpire),
        ("OnTokenExpired", TokenEvent::DidExpire),
        ("rtmKitTokenDidExpire:", TokenEvent::DidExpire),
        ("onTokenWillExpire", TokenEvent::WillExpire),
        ("tokenPrivilegeWillExpire", TokenEvent::WillExpire),
        ("onTokenDidExpire", TokenEvent::DidExpire),
        ("rtmKitTokenPrivilegeWillExpire:", TokenEvent::WillExpire),
    ] {
        assert_eq!(TokenEvent::from_name(name), Some(event), "{name}");
    }
    assert_eq!(
        TokenEvent::DidExpire.callback(Product::Rtm, agora_token_errors::Platform::Android),
        Some("onTokenExpired")
    );
}

#[cfg(feature = "messages")]
#[test]
fn rtm_chat_and_relay_texts_are_recognised_right_or_left_alone() {
    let corpus = crate::common::corpus::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/products-messages.tsv"
    ));
    let score = crate::common::corpus::score(&corpus);
    assert!(score.negatives >= score.positives, "{score:?}");
    score.print("RTM, Chat and relay texts");
    assert_eq!(score.wrong, Vec::<String>::new());
    assert_eq!(score.false_alarms, Vec::<String>::new());
    // 85% until the names other software declares too (Catapush's and Betfair's
    // `INVALID_APP_KEY`, NASA's `Illegal App ID`, App Engine's `Inconsistent app ids`) went to
    // catalog/shared.md: bare, they are no longer read as Agora's (84.6%).
    assert!(
        score.recognised * 100 >= score.positives * 84,
        "recall below 84%"
    );
}

#[cfg(feature = "messages")]
#[test]
fn rtm_chat_and_relay_texts_in_their_own_words_are_recognised_right_or_left_alone() {
    // RTM 2.x and 1.x, Chat and relay texts as their SDKs, docs (English and Chinese) and
    // users write them (tests/fixtures/products-texts.tsv).
    // Issue 25 asks for 92%. What is left (22 texts) is the RTM and Chat SDKs' bare reasons
    // (`Invalid token`, `Token is expired.`, `/** Token expired. */`), which other software
    // prints word for word, with no code or sign of Agora beside them, and users' own prose.
    crate::common::corpus::score_with(
        (
            "products-texts.tsv",
            "RTM, Chat and relay texts in their own words",
        ),
        (
            "products-messages.tsv",
            "RTM, Chat and relay texts, old and new",
        ),
        70,
        865,
    );
}

#[cfg(feature = "messages")]
#[test]
fn rtm_chat_and_relay_texts_gathered_after_the_last_tuning_are_recognised_right_or_left_alone() {
    // Three batches gathered on 2026-12-07 by helpers that did not run the recogniser, from sources
    // no other corpus cites (tests/fixtures/fresh-products-texts.tsv): 17 of 40, 63 of 90 (1
    // false alarm), then 103 of 151 (1 false alarm), before anything was changed for them; a
    // fourth batch on 2026-12-08, 60 of 97 with no false alarm of 96. RTM 2.x's enum members with their
    // values (C# doc comments, Dart's `@JsonValue`), RTM 1.x's `[rtm-API]` lines and the RTC
    // SDK's legacy signaling names were unread; what is left is Chat's and RTM's bare words and
    // their expiry callbacks, which the crate reads as events, not errors.
    crate::common::corpus::score_fresh(
        "fresh-products-texts.tsv",
        "fresh RTM, Chat and relay texts",
        700,
    );
}

#[cfg(feature = "token")]
mod rtm_login {
    use crate::common::diagnose;
    use agora_token_errors::TokenError;
    use agora_token_errors::token::{FindingKind, JoinParams};
    use serde_json::Value;

    fn vector(name: &str) -> (String, u64, String) {
        let all: Value =
            serde_json::from_str(include_str!("../fixtures/builder-vectors.json")).unwrap();
        let v = all["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap();
        (
            v["token"].as_str().unwrap().to_owned(),
            v["pinned"]["issue_ts"].as_u64().unwrap(),
            all["app_id"].as_str().unwrap().to_owned(),
        )
    }

    #[test]
    fn an_rtc_only_token_used_for_rtm_is_the_wrong_service() {
        let (token, now, app) = vector("rtc_uid_publisher");
        let findings = diagnose(&token, &JoinParams::rtm(&app, "12345"), now);
        assert_eq!(findings[0].kind(), FindingKind::WrongService);
        assert_eq!(findings[0].error(), TokenError::InvalidToken);
        assert!(
            findings[0].message().contains("not RTM"),
            "{}",
            findings[0].message()
        );
    }

    #[test]
    fn the_user_id_is_checked_against_the_rtm_service() {
        let (token, now, app) = vector("rtm_user");
        assert_eq!(
            diagnose(&token, &JoinParams::rtm(&app, "rtm-user"), now),
            []
        );
        let findings = diagnose(&token, &JoinParams::rtm(&app, "someone-else"), now);
        assert_eq!(findings[0].kind(), FindingKind::UserMismatch);
        assert!(
            findings[0].message().contains("rtm-user"),
            "{}",
            findings[0].message()
        );
        // An RTC token that carries RTM admits the RTM login of its RTM user only.
        let (token, now, app) = vector("rtc_rtm2_publisher");
        assert_eq!(
            diagnose(&token, &JoinParams::rtm(&app, "alice-rtm"), now),
            []
        );
        let findings = diagnose(&token, &JoinParams::rtm(&app, "alice"), now);
        assert_eq!(findings[0].kind(), FindingKind::UserMismatch);
    }

    #[test]
    fn an_expired_rtm_login_privilege_is_named() {
        let (token, now, app) = vector("rtc_rtm2_publisher"); // RTM login lasts 1800 s, token 3600 s
        let findings = diagnose(&token, &JoinParams::rtm(&app, "alice-rtm"), now + 2000);
        assert_eq!(findings[0].kind(), FindingKind::JoinPrivilegeExpired);
        assert!(
            findings[0].message().contains("login privilege"),
            "{}",
            findings[0].message()
        );
    }
}

#[cfg(feature = "messages")]
#[test]
fn a_generic_code_gives_way_to_the_cause_named_after_it_on_the_same_line() {
    // RTM 2.x reports four access-point reasons as -10005 (invalid token), and names the one at
    // fault beside it.
    let m = TokenError::match_message("errorCode: -10005, reason: DYNAMIC_ENABLED_BUT_STATIC_KEY")
        .unwrap();
    assert_eq!(m.error(), TokenError::DynamicUseStaticKey);
    // With no cause named, the code is what the line says.
    let m = TokenError::match_message("login failed, errorCode: -10005, reason: NO_AUTHORIZED")
        .unwrap();
    assert_eq!(
        (m.error(), m.code()),
        (TokenError::InvalidToken, Some(-10005))
    );
    // An RTM code keeps its sign.
    let m = TokenError::match_message(r#"{"errorCode":-11038,"reason":"denied"}"#).unwrap();
    assert_eq!(m.code(), Some(-11038));
}
