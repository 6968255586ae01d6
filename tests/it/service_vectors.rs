//! Tokens with several services of one type, made by npm `agora-token` 2.0.6 (the registry's
//! latest) and the official test of AgoraIO/Tools PR #433 (`tests/fixtures/service-vectors.json`,
//! made by `fixtures/generate-services.js`, time and salt pinned). Each parses to every service
//! its builder kept, verifies, diagnoses clean for a join that matches any one of its services,
//! and this crate's builder makes the same bytes from the same inputs.
#![cfg(feature = "build")]

use crate::common;
use agora_token_errors::token::{
    JoinParams, RtcPrivileges, ServiceKind, Token, TokenBuilder, User,
};
use common::diagnose;
use serde_json::Value;

fn all() -> Value {
    serde_json::from_str(include_str!("../fixtures/service-vectors.json")).unwrap()
}

/// Every vector, the official test's and the other asserted tokens of the same test file, with
/// the App ID, certificate and issue time each was built with.
fn vectors() -> Vec<(String, Value, String, String, u64)> {
    let all = all();
    let (app, cert) = (
        all["app_id"].as_str().unwrap().to_owned(),
        all["app_certificate"].as_str().unwrap().to_owned(),
    );
    let mut out: Vec<_> = all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let issued = v["pinned"]["issue_ts"].as_u64().unwrap();
            (
                v["name"].as_str().unwrap().to_owned(),
                v.clone(),
                app.clone(),
                cert.clone(),
                issued,
            )
        })
        .collect();
    for v in std::iter::once(&all["official_test"])
        .chain(all["other_official_tests"].as_array().unwrap())
    {
        let inputs = &v["inputs"];
        out.push((
            v["source"].as_str().unwrap().to_owned(),
            v.clone(),
            inputs["app_id"].as_str().unwrap().to_owned(),
            inputs["app_certificate"].as_str().unwrap().to_owned(),
            inputs["issue_ts"].as_u64().unwrap(),
        ));
    }
    out
}

/// The user a service was built for: a numeric uid, a string account, or "" for uid 0.
fn user_of(service: &Value) -> Option<User> {
    match &service["uid"] {
        Value::Number(n) => Some(User::Uid(u32::try_from(n.as_u64()?).ok()?)),
        Value::String(s) => Some(User::Account(s.clone())),
        _ => None,
    }
}

fn kind_of(service: &Value) -> Option<ServiceKind> {
    ServiceKind::from_type(u16::try_from(service["type"].as_u64()?).ok()?)
}

#[test]
fn every_service_is_decoded_in_the_order_the_builder_packed_them() {
    let mut n = 0;
    for (name, v, _, _, _) in vectors() {
        let t =
            Token::parse(v["token"].as_str().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let decoded = v["decoded"].as_array().unwrap();
        assert_eq!(t.services().len(), decoded.len(), "{name}");
        for (s, want) in t.services().iter().zip(decoded) {
            assert_eq!(Some(s.kind()), kind_of(want), "{name}");
            assert_eq!(s.channel(), want["channel_name"].as_str(), "{name}");
            let user = want["uid"].as_str().or(want["user_id"].as_str());
            if user.is_some() {
                assert_eq!(s.user(), user, "{name}");
            }
        }
        n += 1;
    }
    println!("{n} tokens with repeated service types decoded");
    assert!(n >= 10, "{n}");
}

#[test]
fn every_token_verifies_with_its_certificate_only() {
    let other = all()["other_certificate"].as_str().unwrap().to_owned();
    for (name, v, _, cert, _) in vectors() {
        let t = Token::parse(v["token"].as_str().unwrap()).unwrap();
        assert!(
            t.verify(&cert) == agora_token_errors::token::Verification::Valid,
            "{name}"
        );
        assert!(
            t.verify(&other) != agora_token_errors::token::Verification::Valid,
            "{name}"
        );
    }
}

#[test]
fn a_join_that_matches_any_one_service_diagnoses_clean() {
    let mut joins = 0;
    for (name, v, app, cert, issued) in vectors() {
        let token = v["token"].as_str().unwrap();
        let now = issued + 60;
        for s in v["services"].as_array().unwrap() {
            let join = match (kind_of(s), user_of(s)) {
                (Some(ServiceKind::Rtc), Some(User::Uid(uid))) => {
                    JoinParams::new(&app, s["channel_name"].as_str().unwrap()).with_uid(uid)
                }
                (Some(ServiceKind::Rtc), Some(User::Account(a))) => {
                    JoinParams::new(&app, s["channel_name"].as_str().unwrap()).with_account(a)
                }
                (Some(ServiceKind::Rtm), _) => {
                    JoinParams::rtm(&app, s["user_id"].as_str().unwrap())
                }
                _ => continue,
            };
            let findings = diagnose(token, &join.with_app_certificate(&cert), now);
            assert_eq!(findings, vec![], "{name}: {s}");
            joins += 1;
        }
    }
    println!("{joins} joins against tokens with repeated services: all clean");
    assert!(joins >= 20, "{joins}");
}

/// The privileges of a service, as `RtcPrivileges`.
fn rtc_privileges(s: &Value) -> RtcPrivileges {
    let p = |id: &str| s["privileges"][id].as_u64();
    RtcPrivileges {
        join: p("1"),
        publish_audio: p("2"),
        publish_video: p("3"),
        publish_data: p("4"),
    }
}

#[test]
fn the_builder_makes_the_same_bytes_from_the_same_inputs() {
    let all = all();
    let mut same = 0;
    for (name, v, app, cert, issued) in vectors() {
        let salt = v["pinned"]["salt"]
            .as_u64()
            .or(v["inputs"]["salt"].as_u64())
            .unwrap();
        let expire = v["expire"]
            .as_u64()
            .or(v["inputs"]["expire"].as_u64())
            .unwrap();
        let mut b: TokenBuilder = Token::builder(&app, &cert)
            .issued_at(issued)
            .salt(u32::try_from(salt).unwrap())
            .expire_in(expire);
        let mut buildable = true;
        for s in v["services"].as_array().unwrap() {
            b = match (kind_of(s), user_of(s)) {
                (Some(ServiceKind::Rtc), Some(user)) => b.rtc_with_privileges(
                    s["channel_name"].as_str().unwrap(),
                    user,
                    rtc_privileges(s),
                ),
                (Some(ServiceKind::Rtm), _) => b.rtm_with_expire(
                    s["user_id"].as_str().unwrap(),
                    s["privileges"]["1"].as_u64().unwrap(),
                ),
                _ => {
                    buildable = false;
                    break;
                }
            };
        }
        if !buildable {
            continue;
        }
        let built = b.build().unwrap_or_else(|e| panic!("{name}: {e}"));
        // The same content; zlib streams may differ, so compare what they hold.
        let (ours, theirs) = (
            Token::parse(&built).unwrap(),
            Token::parse(v["token"].as_str().unwrap()).unwrap(),
        );
        assert_eq!(ours, theirs, "{name}");
        same += 1;
    }
    println!(
        "{same} of {} tokens rebuilt with the same content",
        vectors().len()
    );
    assert!(same >= 9, "{same}");
    let _ = all;
}
