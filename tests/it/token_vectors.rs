//! Every vector made by Agora's official builders decodes to exactly what the builder's own
//! parser read, and its signature verifies (fixtures/generate.js made tests/fixtures/tokens.json).
#![cfg(feature = "token")]

use crate::common;

use agora_token_errors::token::{ServiceKind, Token, TokenParseError, Version};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    common::fixture("tokens.json")["vectors"]
        .as_array()
        .unwrap()
        .clone()
}

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn kind(service_type: u64) -> ServiceKind {
    ServiceKind::from_type(u16::try_from(service_type).unwrap()).unwrap()
}

#[test]
fn there_are_vectors_of_every_format() {
    let names: Vec<String> = vectors()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.len() >= 20, "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("rtc_")));
    assert!(names.iter().any(|n| n.starts_with("v006_")));
    assert!(names.iter().any(|n| n.starts_with("v005_")));
}

#[test]
fn every_007_vector_decodes_field_by_field() {
    let mut seen = 0;
    for v in vectors()
        .iter()
        .filter(|v| v["token"].as_str().unwrap().starts_with("007"))
    {
        let name = v["name"].as_str().unwrap();
        let d = &v["decoded"];
        let t =
            Token::parse(v["token"].as_str().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(t.version(), Version::V007, "{name}");
        assert_eq!(t.app_id(), d["app_id"].as_str().unwrap(), "{name}");
        assert_eq!(t.issued_at(), Some(u(&d["issue_ts"])), "{name}");
        assert_eq!(t.lifetime().map(u64::from), Some(u(&d["expire"])), "{name}");
        assert_eq!(u64::from(t.salt()), u(&d["salt"]), "{name}");
        let services = d["services"].as_array().unwrap();
        // A join is refused after the token's own expiry, or after its join privilege's.
        let token_end = u(&d["issue_ts"]) + u(&d["expire"]);
        assert_eq!(t.token_expires_at(), token_end, "{name}");
        let join_end = services
            .iter()
            .find(|s| u(&s["type"]) == 1)
            .and_then(|s| s["privileges"].get("1"))
            .map(u)
            .filter(|&v| v != 0)
            .map(|v| u(&d["issue_ts"]) + v);
        assert_eq!(
            t.expires_at(),
            join_end.map_or(token_end, |j| j.min(token_end)),
            "{name}"
        );
        assert_eq!(t.services().len(), services.len(), "{name}");
        for (s, want) in t.services().iter().zip(services) {
            assert_eq!(s.kind(), kind(u(&want["type"])), "{name}");
            let privileges = want["privileges"].as_object().unwrap();
            assert_eq!(s.privileges().len(), privileges.len(), "{name}");
            for p in s.privileges() {
                let raw = u(&privileges[&p.id().to_string()]);
                assert_eq!(u64::from(p.raw()), raw, "{name} privilege {}", p.id());
                let expected = (raw != 0).then(|| u(&d["issue_ts"]) + raw);
                assert_eq!(p.expires_at(), expected, "{name} privilege {}", p.id());
            }
            if let Some(channel) = want.get("channel_name").or_else(|| want.get("room_uuid")) {
                assert_eq!(s.channel(), channel.as_str(), "{name}");
            }
            if let Some(user) = want
                .get("uid")
                .or_else(|| want.get("user_id"))
                .or_else(|| want.get("user_uuid"))
            {
                assert_eq!(s.user(), user.as_str(), "{name}");
            }
        }
        seen += 1;
    }
    assert!(seen >= 15);
}

#[test]
fn rtc_vectors_name_the_channel_and_uid_they_were_built_for() {
    for v in vectors()
        .iter()
        .filter(|v| v["name"].as_str().unwrap().starts_with("rtc_"))
    {
        let t = Token::parse(v["token"].as_str().unwrap()).unwrap();
        let rtc = t.service(ServiceKind::Rtc).unwrap();
        let inputs = &v["inputs"];
        assert_eq!(rtc.channel(), inputs["channel"].as_str());
        assert!(t.matches_channel(inputs["channel"].as_str().unwrap()));
        match (inputs.get("uid"), inputs.get("account")) {
            (Some(uid), _) if u(uid) == 0 => assert_eq!(rtc.user(), Some("")),
            (Some(uid), _) => assert_eq!(rtc.user(), Some(u(uid).to_string().as_str())),
            (None, Some(account)) => assert_eq!(rtc.user(), account.as_str()),
            _ => unreachable!(),
        }
    }
}

#[test]
fn every_006_vector_decodes_and_matches_its_crcs() {
    let mut seen = 0;
    for v in vectors()
        .iter()
        .filter(|v| v["token"].as_str().unwrap().starts_with("006"))
    {
        let name = v["name"].as_str().unwrap();
        let d = &v["decoded"];
        let t =
            Token::parse(v["token"].as_str().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(t.version(), Version::V006);
        assert_eq!(t.app_id(), d["app_id"].as_str().unwrap());
        assert_eq!(t.token_expires_at(), u(&d["ts"]));
        let join_end = d["privileges"].get("1").map(u).filter(|&v| v != 0);
        assert_eq!(
            t.expires_at(),
            join_end.map_or(u(&d["ts"]), |j| j.min(u(&d["ts"]))),
            "{name}"
        );
        assert_eq!(u64::from(t.salt()), u(&d["salt"]));
        assert_eq!(t.issued_at(), None);
        let privileges = d["privileges"].as_object().unwrap();
        let service = &t.services()[0];
        assert_eq!(service.privileges().len(), privileges.len());
        for p in service.privileges() {
            let raw = u(&privileges[&p.id().to_string()]);
            assert_eq!(u64::from(p.raw()), raw);
            assert_eq!(p.expires_at(), (raw != 0).then_some(raw));
        }
        let inputs = &v["inputs"];
        let channel = inputs["channel"]
            .as_str()
            .or(inputs["user_id"].as_str())
            .unwrap();
        assert!(t.matches_channel(channel), "{name}");
        assert!(!t.matches_channel("some other channel"), "{name}");
        let expected_kind = if name == "v006_rtm" {
            ServiceKind::Rtm
        } else {
            ServiceKind::Rtc
        };
        assert_eq!(service.kind(), expected_kind, "{name}");
        seen += 1;
    }
    assert!(seen >= 4);
}

#[test]
fn obsolete_dynamic_keys_are_named_as_such() {
    for v in vectors()
        .iter()
        .filter(|v| v["name"].as_str().unwrap().starts_with("v005_"))
    {
        let err = Token::parse(v["token"].as_str().unwrap()).unwrap_err();
        assert_eq!(err, TokenParseError::Obsolete(Version::DynamicKey5));
    }
}

#[cfg(feature = "verify")]
mod verify {
    use super::*;
    use agora_token_errors::token::{JoinParams, Verification};

    #[test]
    fn every_007_signature_verifies_with_the_certificate_and_only_with_it() {
        let f = common::fixture("tokens.json");
        let cert = f["app_certificate"].as_str().unwrap();
        let other = f["other_certificate"].as_str().unwrap();
        for v in vectors()
            .iter()
            .filter(|v| v["token"].as_str().unwrap().starts_with("007"))
        {
            let t = Token::parse(v["token"].as_str().unwrap()).unwrap();
            assert_eq!(
                t.verify(cert) == agora_token_errors::token::Verification::Valid,
                v["decoded"]["signature_valid"].as_bool().unwrap(),
                "{}",
                v["name"]
            );
            assert_eq!(t.verify(cert), Verification::Valid, "{}", v["name"]);
            assert_eq!(t.verify(other), Verification::Invalid, "{}", v["name"]);
            assert_eq!(t.verify(""), Verification::Invalid, "{}", v["name"]);
        }
    }

    #[test]
    fn every_006_signature_verifies_with_its_channel_and_user() {
        let f = common::fixture("tokens.json");
        let cert = f["app_certificate"].as_str().unwrap();
        let app_id = f["app_id"].as_str().unwrap();
        for v in vectors()
            .iter()
            .filter(|v| v["name"].as_str().unwrap().starts_with("v006_rtc"))
        {
            let t = Token::parse(v["token"].as_str().unwrap()).unwrap();
            let inputs = &v["inputs"];
            let join = JoinParams::new(app_id, inputs["channel"].as_str().unwrap());
            let join = match (inputs.get("uid"), inputs.get("account")) {
                (Some(uid), _) => join.with_uid(u32::try_from(u(uid)).unwrap()),
                (None, Some(a)) => join.with_account(a.as_str().unwrap()),
                _ => unreachable!(),
            };
            assert_eq!(
                t.verify_with(cert, &join),
                Verification::Valid,
                "{}",
                v["name"]
            );
            assert_eq!(
                t.verify_with(f["other_certificate"].as_str().unwrap(), &join),
                Verification::Invalid,
                "{}",
                v["name"]
            );
            let elsewhere = JoinParams::new(app_id, "elsewhere").with_uid(1);
            assert_eq!(
                t.verify_with(cert, &elsewhere),
                Verification::Invalid,
                "{}",
                v["name"]
            );
            // Without the channel and uid a 006 signature cannot be judged: not `false`.
            assert_eq!(t.verify(cert), Verification::NeedsJoin, "{}", v["name"]);
        }
        // The RTM 006 token signs the user id in the channel's place.
        for v in vectors().iter().filter(|v| v["name"] == "v006_rtm") {
            let t = Token::parse(v["token"].as_str().unwrap()).unwrap();
            let login = JoinParams::rtm(app_id, v["inputs"]["user_id"].as_str().unwrap());
            assert_eq!(t.verify_with(cert, &login), Verification::Valid);
            assert_eq!(
                t.verify_with(cert, &JoinParams::rtm(app_id, "mallory")),
                Verification::Invalid
            );
        }
    }
}
