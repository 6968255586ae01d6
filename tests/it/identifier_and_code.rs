//! `name()` and `code()` answer from the catalog and agree with the lookups.

use crate::common;

use agora_token_errors::{CodeSpace, Language, TokenError};
use common::all;

#[test]
fn name_is_a_spelling_of_the_same_variant_in_that_language() {
    for e in all() {
        for &lang in Language::ALL {
            if let Some(name) = e.identifier(agora_token_errors::Product::Rtc, lang) {
                assert!(
                    e.spellings()
                        .iter()
                        .any(|s| s.identifier() == name && s.language() == lang),
                    "{e:?}.identifier({lang:?}) = {name} is not one of its spellings"
                );
                assert_eq!(TokenError::from_name(name), Some(e));
            } else {
                assert!(
                    e.spellings().iter().all(|s| s.language() != lang),
                    "{e:?} has a {lang:?} spelling but name() is None"
                );
            }
        }
    }
}

#[test]
fn code_maps_back_to_its_variant() {
    for e in all() {
        for &space in CodeSpace::ALL {
            if let Some(code) = e.code(space) {
                assert_eq!(
                    TokenError::from_code(space, code),
                    Some(e),
                    "{e:?} {space:?} {code}"
                );
            }
        }
    }
}

#[test]
fn primary_codes_are_the_documented_ones() {
    use CodeSpace::*;
    use TokenError::*;
    let expected = [
        (InvalidAppId, Native, 101),
        (InvalidAppId, Web, 101),
        (InvalidAppId, WebAccessPoint, 2_010_005),
        (InvalidAppId, ConnectionChangedReason, 6),
        (TokenExpired, Native, 109),
        (TokenExpired, Web, 109),
        (TokenExpired, ConnectionChangedReason, 9),
        (TokenExpired, RenewTokenResult, 2),
        (InvalidToken, Native, 110),
        (InvalidToken, Web, 110),
        (InvalidToken, ConnectionChangedReason, 8),
        (InvalidToken, RenewTokenResult, 3),
        (StaticUseDynamicKey, Web, 119),
        (DynamicUseStaticKey, Web, 120),
        (InconsistentAppId, ConnectionChangedReason, 24),
        (InconsistentAppId, RenewTokenResult, 5),
        (InvalidUserAccount, Native, 134),
        (InvalidUserAccount, Web, 2015),
        (InvalidUserAccount, WebAccessPoint, 9_010_002),
    ];
    for (e, space, code) in expected {
        assert_eq!(e.code(space), Some(code), "{e:?} in {space:?}");
    }
    assert_eq!(StaticUseDynamicKey.code(Native), None);
    assert_eq!(InconsistentAppId.code(Web), None);
}

#[test]
fn names_follow_each_family_convention() {
    use Language::*;
    let e = TokenError::InvalidToken;
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, Java),
        Some("ERR_INVALID_TOKEN")
    );
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, Cpp),
        Some("ERR_INVALID_TOKEN")
    );
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, CSharp),
        Some("ERR_INVALID_TOKEN")
    );
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, ObjectiveC),
        Some("AgoraErrorCodeInvalidToken")
    );
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, Swift),
        Some("AgoraErrorCode.invalidToken")
    );
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, JavaScript),
        Some("ERR_NO_AUTHORIZED")
    );
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, TypeScript),
        Some("ErrInvalidToken")
    );
    assert_eq!(
        e.identifier(agora_token_errors::Product::Rtc, Dart),
        Some("ErrorCodeType.errInvalidToken")
    );
    // The SDK's own spellings win over the FAQ's.
    assert_eq!(
        TokenError::StaticUseDynamicKey.identifier(agora_token_errors::Product::Rtc, JavaScript),
        Some("ERR_STATIC_USE_DYANMIC_KE")
    );
    assert_eq!(
        TokenError::DynamicUseStaticKey.identifier(agora_token_errors::Product::Rtc, JavaScript),
        Some("ERR_DYNAMIC_USE_STATIC_KE")
    );
    assert_eq!(
        TokenError::TokenExpired.identifier(agora_token_errors::Product::Rtc, JavaScript),
        Some("ERR_DYNAMIC_KEY_TIMEOUT")
    );
    assert_eq!(
        TokenError::InconsistentAppId.identifier(agora_token_errors::Product::Rtc, Cpp),
        Some("CONNECTION_CHANGED_INCONSISTENT_APPID")
    );
}
