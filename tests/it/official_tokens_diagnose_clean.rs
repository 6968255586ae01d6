//! A correct token diagnoses clean: every vector Agora's own builders wrote (every builder
//! function of npm `agora-token` 2.0.6 and `agora-access-token` 2.0.4, privilege defaults,
//! privileges ending early on purpose), joined with exactly its parameters before it expires,
//! gives no finding. Vectors: `tests/fixtures/builder-vectors.json` (`fixtures/generate-builders.js`).
#![cfg(feature = "token")]

use crate::common;
use common::diagnose;

use agora_token_errors::token::{FindingKind, JoinParams};
use serde_json::Value;

/// The builder inputs that are mistakes, with what diagnosis must say about each
/// (`tests/fixtures/builder-mistakes.json`, which the Node test reads too).
fn mistakes() -> Vec<(String, FindingKind)> {
    let f = common::fixture("builder-mistakes.json");
    let mistakes = f["mistakes"].as_object().unwrap();
    assert!(!mistakes.is_empty());
    mistakes
        .iter()
        .map(|(name, m)| {
            (
                name.clone(),
                m["finding"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect()
}

/// When the vector was built: the pinned issue time (006 records it as `now`).
fn built_at(v: &Value) -> u64 {
    let p = &v["pinned"];
    p["issue_ts"]
        .as_u64()
        .or_else(|| p["now"].as_u64())
        .unwrap()
}

/// Every join the vector's inputs describe: the RTC join (with the user as given, and with no
/// user said), the RTM login, the Chat login.
fn joins(v: &Value) -> Vec<JoinParams> {
    let i = &v["inputs"];
    let app = i["app_id"].as_str().unwrap();
    let mut out = Vec::new();
    if let Some(channel) = i["channel"].as_str() {
        let rtc = JoinParams::new(app, channel);
        out.push(rtc.clone());
        let user = i.get("uid").or_else(|| i.get("account")).unwrap();
        match (user.as_u64(), user.as_str()) {
            (Some(uid), _) => match u32::try_from(uid) {
                Ok(uid) => out.push(rtc.clone().with_uid(uid)),
                // A JavaScript number above u32: the builder wrote it as text.
                Err(_) => out.push(rtc.clone().with_account(uid.to_string())),
            },
            (None, Some("")) => out.push(rtc.clone().with_uid(0)),
            (None, Some(account)) => {
                out.push(rtc.clone().with_account(account));
                // An all-digit account is the same user as that int uid, in 007 and 006 alike.
                if let Ok(uid) = account.parse::<u32>() {
                    if uid.to_string() == account {
                        out.push(rtc.clone().with_uid(uid));
                    }
                }
            }
            _ => unreachable!("{user}"),
        }
    }
    let rtm_user = i.get("rtm_user_id").or_else(|| {
        (v["builder"].as_str().unwrap().contains("RtmTokenBuilder")).then(|| &i["user_id"])
    });
    if let Some(user) = rtm_user {
        let user = user
            .as_str()
            .map_or_else(|| user.to_string(), str::to_owned);
        if !user.is_empty() && user != "0" || v["name"].as_str().unwrap().contains("string_zero") {
            out.push(JoinParams::rtm(app, user));
        }
    }
    if v["builder"]
        .as_str()
        .unwrap()
        .contains("ChatTokenBuilder.buildUserToken")
    {
        out.push(JoinParams::chat(app, i["user_id"].as_str().unwrap()));
    }
    out
}

#[test]
fn every_official_token_joined_with_its_parameters_diagnoses_clean() {
    let f = common::fixture("builder-vectors.json");
    #[cfg_attr(not(feature = "verify"), allow(unused_variables))]
    let cert = f["app_certificate"].as_str().unwrap();
    let mistakes = mistakes();
    let (mut vectors, mut checked, mut clean, mut without_join) = (0, 0, 0, Vec::new());
    for v in f["vectors"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        if mistakes.iter().any(|(m, _)| m == name) {
            continue;
        }
        vectors += 1;
        let token = v["token"].as_str().unwrap();
        let now = built_at(v);
        let joins = joins(v);
        if joins.is_empty() {
            // FPA, Flexible Classroom and Chat app tokens: no client join this crate describes.
            without_join.push(name);
            continue;
        }
        for join in joins {
            // With the `verify` feature, also with the certificate, which checks the signature.
            #[cfg(feature = "verify")]
            let joins = [join.clone(), join.with_app_certificate(cert)];
            #[cfg(not(feature = "verify"))]
            let joins = [join];
            for join in joins {
                checked += 1;
                let findings = diagnose(token, &join, now);
                assert_eq!(findings, [], "{name}: {join:?}");

                clean += 1;
            }
        }
    }
    println!(
        "official builder tokens: {vectors} vectors, {checked} joins checked, {clean} clean; \
         no client join for {}: {without_join:?}",
        without_join.len()
    );
    assert_eq!(clean, checked);
    assert!(
        vectors >= 100 && checked >= 250,
        "{vectors} vectors, {checked} joins"
    );
    assert!(without_join.len() <= 16, "{without_join:?}");
}

#[test]
fn builder_mistakes_are_named() {
    let f = common::fixture("builder-vectors.json");
    for (name, kind) in mistakes() {
        let v = f["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name.as_str())
            .unwrap_or_else(|| panic!("{name} is not a vector of builder-vectors.json"));
        let now = built_at(v);
        let join = joins(v).pop().unwrap();
        let findings = diagnose(v["token"].as_str().unwrap(), &join, now);
        assert!(
            findings.iter().any(|f| f.kind() == kind),
            "{name}: {findings:#?}"
        );
    }
}

#[test]
fn the_wrong_channel_or_user_is_the_first_finding_for_every_rtc_vector() {
    let f = common::fixture("builder-vectors.json");
    for v in f["vectors"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let Some(channel) = v["inputs"]["channel"].as_str() else {
            continue;
        };
        let token = v["token"].as_str().unwrap();
        let now = built_at(v);
        let app = v["inputs"]["app_id"].as_str().unwrap();
        let elsewhere = JoinParams::new(app, format!("{channel}-other")).with_uid(0);
        let findings = diagnose(token, &elsewhere, now);
        assert_eq!(
            findings[0].kind(),
            FindingKind::ChannelMismatch,
            "{name}: {findings:#?}"
        );
    }
}
