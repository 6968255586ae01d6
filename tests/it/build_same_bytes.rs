//! Same bytes as Agora's builder: for the same inputs, with issue time and salt pinned, the
//! content a `TokenBuilder` signs (signature included) equals what npm `agora-token` 2.0.6 wrote,
//! byte for byte, for every builder function a server uses; the zlib streams may differ, so the
//! inflated payloads are compared. Inputs Agora's builder accepts but an SDK would refuse are
//! refused here, before signing.
#![cfg(feature = "build")]
// Tables of cases read best as they are: one line per case, short names for the JSON at hand.
#![allow(
    clippy::many_single_char_names,
    clippy::too_many_lines,
    clippy::type_complexity
)]

use crate::common;

use agora_token_errors::TokenError;
use agora_token_errors::token::{
    Role, RtcPrivileges, RtmAccess, RtmPermissions, RtmResource, Token, TokenBuilder, User,
};
use serde_json::Value;

/// The content a token carries before compression, signature included: base64-decoded and
/// inflated (what Agora's builders compress), so that any two zlib streams of it compare equal.
fn payload(token: &str) -> Vec<u8> {
    use base64::Engine as _;
    use std::io::Read as _;
    let body = base64::engine::general_purpose::STANDARD
        .decode(&token[3..])
        .unwrap();
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(&body[..])
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn u(v: &Value) -> u32 {
    u32::try_from(v.as_u64().unwrap()).unwrap()
}

/// A time the vector gives, in seconds.
fn secs(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

/// The user a builder wrote: `""` is uid 0, anything else the account text (an all-digit one is
/// the same bytes as that uid).
fn user(text: &str) -> User {
    if text.is_empty() {
        User::Uid(0)
    } else {
        User::Account(text.to_owned())
    }
}

/// `Rtm2Permissions.details` as the npm builder takes it: resource kind, then access, then names.
fn permissions(details: &Value) -> RtmPermissions {
    let mut p = RtmPermissions::new();
    for (resource, accesses) in details.as_object().unwrap() {
        let resource = RtmResource::from_wire(resource.parse().unwrap()).unwrap();
        for (access, names) in accesses.as_object().unwrap() {
            let access = RtmAccess::from_wire(access.parse().unwrap()).unwrap();
            let names: Vec<&str> = names
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap())
                .collect();
            p = p.grant(resource, access, names);
        }
    }
    p
}

fn role(v: &Value) -> Role {
    // Agora's builders compare with `== 1`, so the string "1" is a publisher too.
    if v.as_u64() == Some(1) || v.as_str() == Some("1") {
        Role::Publisher
    } else {
        Role::Subscriber
    }
}

/// The builder calls that reproduce a vector, by builder function and its arguments.
fn builder_for(v: &Value, app: &str, cert: &str) -> Option<TokenBuilder> {
    let f = v["builder"].as_str()?;
    let a = v["args"].as_array()?;
    let rtc_user = || user(v["decoded"]["services"][0]["uid"].as_str().unwrap_or(""));
    let b = Token::builder(app, cert)
        .issued_at(secs(&v["decoded"]["issue_ts"]))
        .salt(u(&v["decoded"]["salt"]));
    let text = |x: &Value| x.as_str().map_or_else(|| x.to_string(), str::to_owned);
    Some(
        if f.ends_with("RtcTokenBuilder.buildTokenWithUid")
            || f.ends_with("RtcTokenBuilder.buildTokenWithUserAccount")
        {
            let privilege = a.get(6).map_or(0, secs);
            b.expire_in(a[5].as_u64()?).rtc_with_privilege_expire(
                a[2].as_str()?,
                rtc_user(),
                role(&a[4]),
                privilege,
            )
        } else if f.ends_with("buildTokenWithUidAndPrivilege")
            || f.ends_with("BuildTokenWithUserAccountAndPrivilege")
        {
            b.expire_in(a[4].as_u64()?).rtc_with_privileges(
                a[2].as_str()?,
                rtc_user(),
                RtcPrivileges {
                    join: Some(secs(&a[5])),
                    publish_audio: Some(secs(&a[6])),
                    publish_video: Some(secs(&a[7])),
                    publish_data: Some(secs(&a[8])),
                },
            )
        } else if f.ends_with("buildTokenWithRtm") {
            let privilege = a.get(6).map_or(0, secs);
            b.expire_in(a[5].as_u64()?)
                .rtc_with_privilege_expire(a[2].as_str()?, rtc_user(), role(&a[4]), privilege)
                .rtm(text(&v["decoded"]["services"][1]["user_id"]))
        } else if f.ends_with("buildTokenWithRtm2") {
            let p = join_and_publish(
                role(&a[4]) == Role::Publisher,
                [&a[6], &a[7], &a[8], &a[9]].map(secs),
            );
            b.expire_in(a[5].as_u64()?)
                .rtc_with_privileges(a[2].as_str()?, rtc_user(), p)
                .rtm_with_expire(text(&a[10]), secs(&a[11]))
        } else if f.ends_with("ConvoAITokenBuilder.buildToken")
            || f.ends_with("SttTokenBuilder.buildToken")
        {
            // These compare the role with `===`: only the number 1 is a publisher.
            let p = join_and_publish(
                a[4].as_u64() == Some(1),
                [&a[6], &a[7], &a[8], &a[9]].map(secs),
            );
            let b = b
                .expire_in(a[5].as_u64()?)
                .rtc_with_privileges(a[2].as_str()?, rtc_user(), p)
                .rtm_with_expire(text(&a[10]), secs(&a[11]));
            if f.ends_with("ConvoAITokenBuilder.buildToken") {
                b.convo_ai()
            } else {
                b.stt()
            }
        } else if f.ends_with("RtmTokenBuilder.buildTokenWithPermissions") {
            b.expire_in(a[4].as_u64()?)
                .rtm_with_permissions(text(&a[2]), permissions(&a[3]["details"]))
        } else if f.ends_with("TokenBuilder.buildRoomUserToken") {
            b.expire_in(a[5].as_u64()?).apaas_room_user(
                text(&a[2]),
                text(&a[3]),
                u16::try_from(a[4].as_u64()?).ok()?,
            )
        } else if f.ends_with("TokenBuilder.buildUserToken") && f.contains("aasTokenBuilder")
            || f.ends_with("EducationTokenBuilder.buildUserToken")
        {
            b.expire_in(a[3].as_u64()?).apaas_user(text(&a[2]))
        } else if f.ends_with("ApaasTokenBuilder.buildAppToken")
            || f.ends_with("EducationTokenBuilder.buildAppToken")
        {
            b.expire_in(a[2].as_u64()?).apaas_app()
        } else if f.ends_with("FpaTokenBuilder.buildToken") {
            // Agora's FPA builder fixes the lifetime at 24 hours.
            b.expire_in(24 * 3600).fpa()
        } else if f.ends_with("RtmTokenBuilder.buildToken") && !f.contains("src/") {
            b.expire_in(a[3].as_u64()?).rtm(text(&a[2]))
        } else if f.ends_with("ChatTokenBuilder.buildUserToken") {
            b.expire_in(a[3].as_u64()?).chat_user(text(&a[2]))
        } else if f.ends_with("ChatTokenBuilder.buildAppToken") {
            b.expire_in(a[2].as_u64()?).chat_app()
        } else {
            return None;
        },
    )
}

#[test]
fn every_builder_function_writes_the_same_content_as_agoras() {
    let f = common::fixture("builder-vectors.json");
    let app = f["app_id"].as_str().unwrap();
    let cert = f["app_certificate"].as_str().unwrap();
    let (mut same, mut refused, mut other) = (0, Vec::new(), Vec::new());
    for v in f["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["version"] == "007")
    {
        let name = v["name"].as_str().unwrap();
        let Some(b) = builder_for(v, app, cert) else {
            other.push(v["builder"].as_str().unwrap().to_owned());
            continue;
        };
        match b.build().map(|t| payload(&t)) {
            Ok(content) => {
                assert_eq!(hex(&content), v["payload_hex"].as_str().unwrap(), "{name}");
                // And the token itself parses and verifies as Agora's did.
                let t = Token::parse(&b.build().unwrap()).unwrap();
                assert!(
                    t.verify(cert) == agora_token_errors::token::Verification::Valid,
                    "{name}"
                );
                same += 1;
            }
            Err(e) => refused.push((name.to_owned(), e)),
        }
    }
    other.sort();
    other.dedup();
    println!(
        "same bytes as npm agora-token 2.0.6: {same} vectors; refused before signing: {}; builder functions not covered: {other:?}",
        refused.len()
    );
    for (name, e) in &refused {
        println!("  refused {name}: {e}");
        // Only inputs an SDK would refuse, or that make tokens that fail, are refused.
        assert!(e.prevents().is_some(), "{name}: {e}");
    }
    assert!(same >= 90, "{same}");
    assert_eq!(other, Vec::<String>::new(), "builder functions not covered");
}

/// Every service type round-trips: built here and parsed back (Streaming and FCDN, which no
/// builder function of npm `agora-token` writes, from the token AgoraIO/Tools' own test
/// asserts, `tests/fixtures/service-vectors.json`).
#[test]
fn every_service_type_round_trips() {
    use agora_token_errors::token::ServiceKind;
    let (app, cert) = (
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    );
    let built = Token::builder(app, cert)
        .expire_in(3600)
        .rtc("lobby", User::Uid(42), Role::Publisher)
        .rtm("user-a")
        .fpa()
        .chat_user("user-a")
        .apaas_user("user-a")
        .rtm_with_permissions(
            "user-a",
            RtmPermissions::new().grant(RtmResource::MessageChannels, RtmAccess::Read, ["lobby"]),
        )
        .convo_ai()
        .stt()
        .build()
        .unwrap();
    let mut kinds: Vec<ServiceKind> = Token::parse(&built)
        .unwrap()
        .services()
        .iter()
        .map(agora_token_errors::token::Service::kind)
        .collect();
    let vectors: Value =
        serde_json::from_str(include_str!("../fixtures/service-vectors.json")).unwrap();
    let official = vectors["other_official_tests"][0]["token"]
        .as_str()
        .unwrap();
    kinds.extend(
        Token::parse(official)
            .unwrap()
            .services()
            .iter()
            .map(agora_token_errors::token::Service::kind),
    );
    for kind in ServiceKind::ALL {
        assert!(kinds.contains(kind), "{kind:?} did not round-trip");
        assert_eq!(ServiceKind::from_type(kind.service_type()), Some(*kind));
    }
}

#[test]
fn agoras_shipped_test_vectors_rebuild_to_the_same_content() {
    let f = common::fixture("builder-vectors.json");
    let vectors = f["tools_vectors"]["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 5);
    for v in vectors {
        let name = v["id"].as_str().unwrap_or("?");
        let t = Token::parse(v["shipped_token"].as_str().unwrap()).unwrap();
        let mut b = Token::builder(t.app_id(), "5CFd2fd1755d40ecb72977518be15d3b")
            .issued_at(t.issued_at().unwrap())
            .salt(t.salt())
            .expire_in(u64::from(t.lifetime().unwrap()));
        for s in t.services() {
            let p = |id| s.privilege(id).map(|p| u64::from(p.raw()));
            b = match s.kind() {
                agora_token_errors::token::ServiceKind::Rtc => b.rtc_with_privileges(
                    s.channel().unwrap(),
                    user(s.user().unwrap()),
                    RtcPrivileges {
                        join: p(1),
                        publish_audio: p(2),
                        publish_video: p(3),
                        publish_data: p(4),
                    },
                ),
                agora_token_errors::token::ServiceKind::Rtm => {
                    b.rtm_with_expire(s.user().unwrap(), p(1).unwrap())
                }
                agora_token_errors::token::ServiceKind::Chat if s.user() == Some("") => {
                    b.chat_app()
                }
                agora_token_errors::token::ServiceKind::Chat => b.chat_user(s.user().unwrap()),
                _ => panic!("{name}: unexpected service"),
            };
        }
        let payload_hex = v["shipped_payload_hex"].as_str().unwrap();
        assert_eq!(hex(&payload(&b.build().unwrap())), payload_hex, "{name}");
    }
}

#[test]
fn the_issue_example_builds_a_token_that_diagnoses_clean() {
    use crate::common::diagnose;
    use agora_token_errors::token::JoinParams;
    let app = "970CA35de60c44645bbae8a215061b33";
    let s = Token::builder(app, "5CFd2fd1755d40ecb72977518be15d3b")
        .expire_in(3600)
        .rtc("lobby", User::Uid(42), Role::Publisher)
        .rtm("alice")
        .build()
        .unwrap();
    let t = Token::parse(&s).unwrap();
    let now = t.issued_at().unwrap();
    assert_eq!(
        diagnose(&s, &JoinParams::new(app, "lobby").with_uid(42), now),
        []
    );
    assert_eq!(diagnose(&s, &JoinParams::rtm(app, "alice"), now), []);
    assert_eq!(t.lifetime(), Some(3600));
    let pinned = Token::builder(app, "5CFd2fd1755d40ecb72977518be15d3b")
        .issued_at(1_111_111)
        .salt(1)
        .expire_in(600)
        .rtc("lobby", User::Uid(42), Role::Subscriber);
    assert_eq!(
        pinned.build().unwrap(),
        pinned.build().unwrap(),
        "pinned builds are reproducible"
    );
    let _ = TokenError::InvalidToken;
}

/// RTM 2 permissions decode as Agora's own parser decoded them, kind by kind and access by
/// access, names in order, and serialise with them.
#[test]
fn rtm2_permissions_decode_as_agoras_parser_decodes_them() {
    let f = common::fixture("builder-vectors.json");
    let mut checked = 0;
    for v in f["vectors"].as_array().unwrap() {
        let want = &v["decoded"]["services"][0]["permissions"];
        if !want.is_object() {
            continue;
        }
        let t = Token::parse(v["token"].as_str().unwrap()).unwrap();
        let got = t.services()[0].rtm_permissions().unwrap();
        let expected = permissions(want);
        assert_eq!(got, &expected, "{}", v["name"]);
        for g in got.grants() {
            for name in g.names() {
                assert!(got.allows(g.resource().unwrap(), g.access().unwrap(), name));
            }
        }
        checked += 1;
    }
    println!("{checked} RTM 2 permission tokens decoded as Agora's parser decodes them");
    assert!(checked >= 3, "{checked}");
}

/// What the `...WithRtm2`, ConvoAI and STT builders grant: join always, the three publishing
/// privileges only to a publisher, each for its own seconds.
fn join_and_publish(publisher: bool, [join, audio, video, data]: [u64; 4]) -> RtcPrivileges {
    let publish = |seconds| publisher.then_some(seconds);
    RtcPrivileges {
        join: Some(join),
        publish_audio: publish(audio),
        publish_video: publish(video),
        publish_data: publish(data),
    }
}
