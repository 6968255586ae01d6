//! `from_code`: every catalogued code maps, per space; everything else is `None`.

use crate::common;

use agora_token_errors::{CodeSpace, TokenError};
use common::coded;

#[test]
fn every_catalogued_code_maps_to_its_variant() {
    for (s, code) in coded() {
        assert_eq!(
            TokenError::from_code(s.space(), code),
            Some(s.error()),
            "{} {code}",
            s.identifier()
        );
    }
}

#[test]
fn negated_codes_map_like_positive_ones() {
    for (s, code) in coded() {
        assert_eq!(
            TokenError::from_code(s.space(), -code),
            Some(s.error()),
            "-{code}"
        );
    }
}

#[test]
fn same_number_means_different_things_per_space() {
    use CodeSpace::*;
    assert_eq!(TokenError::from_code(Native, 2), None); // ERR_INVALID_ARGUMENT
    assert_eq!(
        TokenError::from_code(Web, 2),
        Some(TokenError::TokenExpired)
    ); // K_TIMESTAMP_EXPIRED
    assert_eq!(
        TokenError::from_code(RenewTokenResult, 2),
        Some(TokenError::TokenExpired)
    );
    // Natively 119 is ERR_SET_CLIENT_ROLE_NOT_AUTHORIZED: a token without the publish privilege.
    assert_eq!(
        TokenError::from_code(Native, 119),
        Some(TokenError::PrivilegeMissing)
    );
    assert_eq!(TokenError::from_code(Native, 120), None);
    assert_eq!(
        TokenError::from_code(Web, 119),
        Some(TokenError::StaticUseDynamicKey)
    );
    assert_eq!(
        TokenError::from_code(Web, 120),
        Some(TokenError::DynamicUseStaticKey)
    );
    assert_eq!(TokenError::from_code(Native, 9), None);
    assert_eq!(
        TokenError::from_code(ConnectionChangedReason, 9),
        Some(TokenError::TokenExpired)
    );
    assert_eq!(
        TokenError::from_code(Web, 2013),
        Some(TokenError::InvalidAppId)
    );
    assert_eq!(TokenError::from_code(Native, 2013), None);
}

#[test]
fn codes_that_are_not_token_errors_are_none() {
    use CodeSpace::*;
    let not_token = [
        (Native, 0),
        (Native, 1),
        (Native, 3),
        (Native, 17),
        (Native, 102), // invalid channel name (format), not a token condition
        (Native, 157), // ERR_MODULE_NOT_FOUND = ERR_CERT_RAW: ambiguous, stays None
        (ConnectionChangedReason, 10), // rejected by server
        (ConnectionChangedReason, 12), // renewing the token: not an error
        (RenewTokenResult, 0), // success
        (RenewTokenResult, 6), // cancelled by a newer request
        (Web, 0),
        (WebAccessPoint, 2_010_000),
    ];
    for (space, code) in not_token {
        assert_eq!(TokenError::from_code(space, code), None, "{space:?} {code}");
    }
}

#[test]
fn extreme_codes_never_panic_and_are_none() {
    for &space in CodeSpace::ALL {
        for code in [i32::MIN, i32::MIN + 1, -1, i32::MAX, 1 << 30] {
            assert_eq!(TokenError::from_code(space, code), None, "{space:?} {code}");
        }
    }
}
