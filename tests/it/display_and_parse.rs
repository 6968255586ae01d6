//! `Display`, `FromStr` and `std::error::Error` behave as an error type should.

use crate::common;

use std::error::Error as _;

use agora_token_errors::{TokenError, spellings};
use common::all;

#[test]
fn display_parses_back() {
    for e in all() {
        assert_eq!(e.to_string().parse::<TokenError>().unwrap(), e);
        assert_eq!(e.as_str().parse::<TokenError>().unwrap(), e);
    }
}

#[test]
fn every_name_parses() {
    for s in spellings() {
        assert_eq!(s.identifier().parse::<TokenError>().unwrap(), s.error());
    }
}

#[test]
fn parse_error_names_the_input() {
    let err = "ERR_NOT_A_THING".parse::<TokenError>().unwrap_err();
    assert_eq!(err.input(), "ERR_NOT_A_THING");
    assert!(err.to_string().contains("ERR_NOT_A_THING"), "{err}");
    assert_eq!(
        "".parse::<TokenError>().unwrap_err().to_string(),
        "an empty string is not an Agora token error name"
    );
}

#[test]
fn parse_error_of_huge_input_is_bounded() {
    let input = "é".repeat(1 << 19);
    let err = input.parse::<TokenError>().unwrap_err();
    assert!(err.to_string().len() < 200, "{}", err.to_string().len());
    assert!(err.to_string().contains("1048576 bytes"));
    assert!(format!("{err:?}").len() < 200);
}

#[test]
fn cause_through_a_reference_is_ours_not_error_cause() {
    for e in all() {
        let r: &TokenError = &e;
        #[allow(deprecated)]
        let std_cause = std::error::Error::cause(r);
        assert!(std_cause.is_none());
        assert_eq!(r.cause(), e.cause());
        assert!(!r.cause().is_empty());
        assert!(r.source().is_none());
    }
}

#[test]
fn is_a_send_sync_copy_error() {
    fn assert_traits<
        T: std::error::Error + Copy + Eq + Ord + std::hash::Hash + Send + Sync + 'static,
    >() {
    }
    assert_traits::<TokenError>();
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(TokenError::InvalidToken);
    assert_eq!(boxed.to_string(), "invalid token");
}
