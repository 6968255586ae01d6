//! Actions, token events and platforms: every variant, every name, every platform.

use crate::common;

use agora_token_errors::{Action, CodeSpace, Language, Platform, TokenError, TokenEvent};

#[test]
fn will_expire_renews_and_did_expire_rejoins() {
    assert_eq!(TokenEvent::WillExpire.action(), Action::RenewToken);
    assert_eq!(TokenEvent::DidExpire.action(), Action::RejoinWithNewToken);
    assert_eq!(
        TokenError::TokenExpired.action(),
        TokenEvent::DidExpire.action()
    );
    for e in TokenEvent::ALL {
        assert!(e.action().needs_new_token() && e.action().is_retryable());
    }
}

#[test]
fn configuration_errors_are_not_retryable_and_need_no_token() {
    for e in [
        TokenError::InvalidAppId,
        TokenError::StaticUseDynamicKey,
        TokenError::InconsistentAppId,
    ] {
        assert_eq!(e.action(), Action::FixConfiguration, "{e:?}");
        assert!(
            !e.action().is_retryable() && !e.action().needs_new_token(),
            "{e:?}"
        );
    }
    for e in [
        TokenError::InvalidToken,
        TokenError::DynamicUseStaticKey,
        TokenError::InvalidUserAccount,
    ] {
        assert_eq!(e.action(), Action::RebuildToken, "{e:?}");
        assert!(
            !e.action().is_retryable() && e.action().needs_new_token(),
            "{e:?}"
        );
    }
    assert!(TokenError::TokenExpired.action().is_retryable());
}

#[test]
fn every_variant_has_a_described_action() {
    for &e in TokenError::ALL {
        assert!(!e.action().summary().is_empty(), "{e:?}");
    }
    for &a in Action::ALL {
        assert!(
            !a.is_retryable() || a.needs_new_token(),
            "{a:?}: retrying always means a new token"
        );
    }
}

#[test]
fn every_event_name_resolves_to_its_event() {
    let mut n = 0;
    for common::EventRow {
        name,
        event,
        platforms,
        source,
    } in common::event_rows()
    {
        assert_eq!(TokenEvent::from_name(&name), Some(event), "{name}");
        assert_eq!(
            TokenEvent::from_name(&name.to_uppercase()),
            Some(event),
            "{name}"
        );
        assert!(
            !platforms.is_empty() && (source.contains('/') || source.starts_with("npm:")),
            "{name}"
        );
        n += 1;
    }
    assert!(n >= 15);
    for name in [
        "onError",
        "renewToken",
        "onTokenPrivilege",
        "",
        "token-privilege-will",
        "x".repeat(100).as_str(),
    ] {
        assert_eq!(TokenEvent::from_name(name), None, "{name}");
    }
}

#[test]
fn every_platform_names_both_events_and_its_error_space() {
    for &p in Platform::ALL {
        for &e in TokenEvent::ALL {
            match e.callback(agora_token_errors::Product::Rtc, p) {
                Some(name) => assert_eq!(TokenEvent::from_name(name), Some(e), "{p} {e:?}"),
                // No source names Cocos Creator's callbacks: the crate says so rather than guess.
                None => assert_eq!(p, Platform::CocosCreator, "{p} {e:?} has no callback"),
            }
        }
        let expected = if p == Platform::Web {
            CodeSpace::Web
        } else {
            CodeSpace::Native
        };
        assert_eq!(p.error_space(), expected);
    }
    assert_eq!(
        TokenEvent::WillExpire.callback(agora_token_errors::Product::Rtc, Platform::Web),
        Some("token-privilege-will-expire")
    );
    assert_eq!(
        TokenEvent::DidExpire.callback(agora_token_errors::Product::Rtc, Platform::Unity),
        Some("OnRequestToken")
    );
    assert_eq!(
        TokenEvent::WillExpire.callback(agora_token_errors::Product::Rtc, Platform::Ios),
        Some("rtcEngine:tokenPrivilegeWillExpire:")
    );
    assert_eq!(Platform::Flutter.language(), Language::Dart);
}

#[test]
fn platforms_parse_from_their_names() {
    for &p in Platform::ALL {
        assert_eq!(p.as_str().parse::<Platform>(), Ok(p));
        assert_eq!(p.to_string().parse::<Platform>(), Ok(p));
        assert_eq!(
            p.to_string()
                .to_lowercase()
                .replace(' ', "-")
                .parse::<Platform>(),
            Ok(p)
        );
    }
    assert!("symbian".parse::<Platform>().is_err());
    assert!(
        "a-very-long-platform-name-indeed"
            .parse::<Platform>()
            .is_err()
    );
}
