//! With `serde`: a stable id out; that id or any SDK name in; unknown input is an error.
#![cfg(feature = "serde")]

mod common;

use agora_token_errors::{TokenError, spellings};
use common::all;

#[test]
fn serialises_as_the_stable_id_and_round_trips() {
    for e in all() {
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, format!("\"{}\"", e.id()));
        assert_eq!(serde_json::from_str::<TokenError>(&json).unwrap(), e);
    }
}

#[test]
fn deserialises_from_every_sdk_name() {
    for s in spellings() {
        let json = serde_json::to_string(s.identifier()).unwrap();
        assert_eq!(
            serde_json::from_str::<TokenError>(&json).unwrap(),
            s.error(),
            "{}",
            s.identifier()
        );
    }
}

#[test]
fn unknown_or_mistyped_input_is_an_error() {
    for json in [
        "\"ERR_INVALID_ARGUMENT\"",
        "\"\"",
        "110",
        "null",
        "{}",
        "[\"token_expired\"]",
    ] {
        let err = serde_json::from_str::<TokenError>(json).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
    let huge = serde_json::to_string(&"x".repeat(1 << 20)).unwrap();
    let err = serde_json::from_str::<TokenError>(&huge)
        .unwrap_err()
        .to_string();
    assert!(
        err.len() < 300,
        "error message repeats the input: {} bytes",
        err.len()
    );
}

#[test]
fn works_inside_a_struct() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Report {
        error: TokenError,
    }
    let r: Report = serde_json::from_str(r#"{"error":"AgoraErrorCodeTokenExpired"}"#).unwrap();
    assert_eq!(
        r,
        Report {
            error: TokenError::TokenExpired
        }
    );
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"error":"token_expired"}"#
    );
}
