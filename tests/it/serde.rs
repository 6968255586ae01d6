//! With `serde`: a stable id out; that id or any SDK name in; unknown input is an error.
#![cfg(feature = "serde")]

use crate::common;

use agora_token_errors::{TokenError, spellings};
use common::all;

#[test]
fn serialises_as_the_stable_id_and_round_trips() {
    for e in all() {
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, format!("\"{}\"", e.as_str()));
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

/// RTM 2 permissions serialise with their service: kind, access and names.
#[cfg(feature = "build")]
#[test]
fn rtm2_permissions_serialise_with_their_service() {
    use agora_token_errors::token::{RtmAccess, RtmPermissions, RtmResource, Token};
    let token = Token::builder(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .expire_in(3600)
    .rtm_with_permissions(
        "user-a",
        RtmPermissions::new().grant(RtmResource::StreamChannels, RtmAccess::Write, ["lobby"]),
    )
    .build()
    .unwrap();
    let t = Token::parse(&token).unwrap();
    let json = serde_json::to_value(&t.services()[0]).unwrap();
    assert_eq!(
        json["permissions"],
        serde_json::json!([{"resource": "stream_channels", "access": "write", "names": ["lobby"]}]),
        "{json}"
    );
}

/// One JSON convention: every named type serialises as exactly its `as_str()`, lower
/// snake_case, and reads back from it, through `FromStr` too.
#[test]
fn every_named_type_serialises_as_its_as_str_and_reads_back() {
    use agora_token_errors::{Action, CodeSpace, Language, Platform, Product, TokenEvent};
    fn check<T>(all: &[T], as_str: impl Fn(&T) -> &'static str)
    where
        T: serde::Serialize
            + serde::de::DeserializeOwned
            + std::str::FromStr
            + PartialEq
            + std::fmt::Debug,
        <T as std::str::FromStr>::Err: std::fmt::Debug,
    {
        for v in all {
            let name = as_str(v);
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{name}"
            );
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(name));
            assert_eq!(
                &serde_json::from_value::<T>(serde_json::json!(name)).unwrap(),
                v
            );
            assert_eq!(&name.parse::<T>().unwrap(), v);
        }
    }
    check(TokenError::ALL, |e| e.as_str());
    check(CodeSpace::ALL, |c| c.as_str());
    check(Language::ALL, |l| l.as_str());
    check(Product::ALL, |p| p.as_str());
    check(agora_token_errors::Locale::ALL, |l| l.as_str());
    check(Platform::ALL, |p| p.as_str());
    check(TokenEvent::ALL, |e| e.as_str());
    check(Action::ALL, |a| a.as_str());
    #[cfg(feature = "messages")]
    check(agora_token_errors::Evidence::ALL, |e| e.as_str());
    #[cfg(feature = "messages")]
    check(agora_token_errors::Support::ALL, |s| s.as_str());
    #[cfg(feature = "token")]
    {
        use agora_token_errors::token::{
            AdviceKind, Certainty, Damage, Field, RtmAccess, RtmResource, ServiceKind, Severity,
            Version,
        };
        check(ServiceKind::ALL, |k| k.as_str());
        check(Version::ALL, |v| v.as_str());
        check(Damage::ALL, |d| d.as_str());
        check(Field::ALL, |f| f.as_str());
        check(Severity::ALL, |s| s.as_str());
        check(Certainty::ALL, |c| c.as_str());
        check(AdviceKind::ALL, |k| k.as_str());
        check(RtmResource::ALL, |r| r.as_str());
        check(RtmAccess::ALL, |a| a.as_str());
        // A finding kind writes its `as_str()` as every named type does; a damaged kind is
        // `"damaged"`, its damage in the finding's own `damage` field, so alone it is output-only.
        for &k in agora_token_errors::token::FindingKind::ALL {
            use agora_token_errors::token::FindingKind;
            let json = serde_json::to_value(k).unwrap();
            assert_eq!(json, serde_json::json!(k.as_str()));
            let back = serde_json::from_value::<FindingKind>(json);
            if matches!(k, FindingKind::Damaged(_)) {
                assert!(back.is_err(), "{k}");
            } else {
                assert_eq!(back.unwrap(), k);
            }
        }
    }
    #[cfg(feature = "build")]
    {
        check(agora_token_errors::token::Role::ALL, |r| r.as_str());
    }
    #[cfg(feature = "verify")]
    check(agora_token_errors::token::Verification::ALL, |v| v.as_str());
}

/// A finding serialises flat: `kind` a name, and damage in its own `damage` field.
#[cfg(feature = "token")]
#[test]
fn findings_serialise_flat_with_the_damage_in_its_own_field() {
    use crate::common::diagnose;
    use agora_token_errors::token::JoinParams;
    let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(1);
    let token = common::tokens::token("rtc_uid_publisher");
    let findings = diagnose(&token.replace('+', " "), &join, 0);
    let json = serde_json::to_value(&findings).unwrap();
    let first = &json[0];
    assert_eq!(first["kind"], "damaged", "{json}");
    assert_eq!(first["damage"], "space_for_plus", "{json}");
    assert_eq!(first["error"], "invalid_token");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["certainty"], "certain");
    for f in json.as_array().unwrap() {
        assert!(f["kind"].is_string(), "{f}");
        if f["kind"] != "damaged" {
            assert!(f.get("damage").is_none(), "{f}");
        }
    }
}

/// A token deserialises from its string, as `Token::parse` reads it; a bad one is an error that
/// does not repeat it.
#[cfg(feature = "token")]
#[test]
fn a_token_deserialises_from_its_string() {
    use agora_token_errors::token::Token;
    // `build_token_with_uid(ch, 2882341273, PUBLISHER, 600, 600)` by the official python3 builder
    // (AgoraIO/Tools `DynamicKey/AgoraDynamicKey/python3/src/RtcTokenBuilder2.py` at da06bfb) with
    // the time and salt pinned; npm agora-token 2.0.6 writes the same payload.
    let s = "007eJxTYDhuGCT90E3Yo2+N3efJV5hX1K1MZAqae/Sa8UP9VXvOhfArMFiaGzg7GpumpJoZJJuYmJmYJiUlplokGhmaGpgZJhkbu38RYIhgYmBgZABhRgYWIAbxmcAkM5hkAZMKDOYp5kbGZqapSZYWxiYWpsaW5qnGqcZplikmZgZJKSmJXAxGFhZGxiaGRubGAKizJcs=";
    let read: Token = serde_json::from_value(serde_json::json!(s)).unwrap();
    let parsed = Token::parse(s).unwrap();
    assert_eq!(
        serde_json::to_value(&read).unwrap(),
        serde_json::to_value(&parsed).unwrap()
    );
    assert_eq!(read.app_id(), "970CA35de60c44645bbae8a215061b33");
    let damaged = &s[..60];
    let err = serde_json::from_value::<Token>(serde_json::json!(damaged))
        .unwrap_err()
        .to_string();
    assert!(!err.contains(damaged), "{err}");
    assert!(serde_json::from_value::<Token>(serde_json::json!(42)).is_err());
}

/// A user is a JSON number (uid) or string (account), as the join calls take it; anything else,
/// or a number outside `u32`, is an error and never becomes another user.
#[cfg(feature = "token")]
#[test]
fn a_user_is_a_number_or_a_string() {
    use agora_token_errors::token::User;
    for user in [
        User::Uid(0),
        User::Uid(u32::MAX),
        User::Account(String::new()),
        User::Account("42".into()),
        User::Account("alice".into()),
    ] {
        let json = serde_json::to_string(&user).unwrap();
        assert_eq!(serde_json::from_str::<User>(&json).unwrap(), user, "{json}");
    }
    assert_eq!(serde_json::to_string(&User::Uid(7)).unwrap(), "7");
    assert_eq!(
        serde_json::to_string(&User::Account("7".into())).unwrap(),
        "\"7\""
    );
    for bad in [
        "-1",
        "4294967296",
        "1.5",
        "null",
        "true",
        "[1]",
        "{\"uid\":1}",
    ] {
        assert!(serde_json::from_str::<User>(bad).is_err(), "{bad}");
    }
}

/// Every catalog row serialises with its names as their `as_str()`; a text's match with what
/// it matched, where, and on what evidence.
#[test]
fn spellings_and_message_matches_serialise() {
    for s in spellings() {
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(v["identifier"], s.identifier());
        assert_eq!(v["error"], s.error().as_str());
        assert_eq!(v["space"], s.space().as_str());
        assert_eq!(v["language"], s.language().as_str());
        assert_eq!(v["product"], s.space().product().as_str());
        assert_eq!(v["code"], serde_json::json!(s.code()));
        assert_eq!(v["citation"], s.citation());
    }
    #[cfg(feature = "messages")]
    {
        let text = "[Agora] join failed, error code 110";
        let m = TokenError::match_message(text).unwrap();
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["error"], "invalid_token");
        assert_eq!(v["evidence"], "error_code");
        assert_eq!(v["code"], 110);
        let span = m.span();
        assert_eq!(
            (&v["start"], &v["end"]),
            (&serde_json::json!(span.start), &serde_json::json!(span.end))
        );
        assert_eq!(&text[span], "error code 110");
    }
}
