//! Conversational AI: a voice agent's start request diagnosed offline. Each case is a request as
//! Agora's REST reference writes it, with tokens from the crate's builder (byte for byte npm
//! `agora-token` 2.0.6, `tests/build_same_bytes.rs`), and the token and finding it must name.
#![cfg(all(feature = "convoai", feature = "build"))]

use agora_token_errors::token::{
    AgentRequest, AgentRequestError, AgentToken, FindingKind, Role, Severity, Token, User,
};

const APP: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const OTHER_APP: &str = "0123456789abcdef0123456789abcdef";
const OTHER_CERT: &str = "fedcba9876543210fedcba9876543210";
const ISSUED: u64 = 1_780_000_000;
const NOW: u64 = ISSUED + 60;

/// A token issued at `ISSUED` for `hours`, with RTC for `(channel, user)` and RTM for `rtm`.
fn token(
    app: &str,
    cert: &str,
    hours: u64,
    rtc: Option<(&str, User)>,
    rtm: Option<&str>,
) -> String {
    let mut b = Token::builder(app, cert)
        .issued_at(ISSUED)
        .expire_in(hours * 3600);
    if let Some((channel, user)) = rtc {
        b = b.rtc(channel, user, Role::Publisher);
    }
    if let Some(user) = rtm {
        b = b.rtm(user);
    }
    b.build().unwrap()
}

fn agent_token(channel: &str, uid: u32, rtm: bool) -> String {
    let uid_text = uid.to_string();
    token(
        APP,
        CERT,
        4,
        Some((channel, User::Uid(uid))),
        rtm.then_some(uid_text.as_str()),
    )
}

fn body(properties: &str) -> String {
    format!(
        r#"{{"name": "agent-1", "properties": {{{properties}, "remote_rtc_uids": ["*"], "idle_timeout": 120}}}}"#
    )
}

/// The request's findings as `(token, kind, severity)`, cause first.
fn check(
    properties: &str,
    authorization: Option<&str>,
    certificate: Option<&str>,
) -> Vec<(AgentToken, FindingKind, Severity)> {
    let request = AgentRequest::parse(&body(properties), authorization).unwrap();
    let findings = request.diagnose(APP, certificate, NOW);
    for (_, f) in &findings {
        assert!(!f.message().contains(CERT), "{f}");
    }
    in_chinese(&request, &findings, certificate);
    findings
        .iter()
        .map(|(t, f)| (*t, f.kind(), f.severity()))
        .collect()
}

/// The same request diagnosed in Chinese: the same findings, each said in Chinese.
fn in_chinese(
    request: &AgentRequest,
    findings: &[(AgentToken, agora_token_errors::token::Finding)],
    certificate: Option<&str>,
) {
    let zh = request
        .clone()
        .with_locale(agora_token_errors::Locale::Zh)
        .diagnose(APP, certificate, NOW);
    assert_eq!(zh.len(), findings.len());
    for ((token, en), (zh_token, f)) in findings.iter().zip(&zh) {
        assert_eq!((token, en.kind()), (zh_token, f.kind()));
        assert!(!f.message().contains(CERT), "{f}");
        crate::diagnosis_zh::check_finding(f);
    }
}

const BASIC: Option<&str> = Some("Basic Y3VzdG9tZXI6c2VjcmV0");

/// One start request and what its diagnosis must say: `(token, kind, severity)`, cause first.
struct Case {
    name: &'static str,
    properties: String,
    authorization: Option<String>,
    certificate: Option<&'static str>,
    want: Vec<(AgentToken, FindingKind, Severity)>,
}

#[test]
fn start_requests_say_which_token_is_wrong_cause_first() {
    let cases = cases();
    for c in &cases {
        let got = check(&c.properties, c.authorization.as_deref(), c.certificate);
        // The cause, and every finding that is an error, are what the case names.
        let errors: Vec<_> = got
            .iter()
            .filter(|f| f.2 == Severity::Error)
            .copied()
            .collect();
        let want: Vec<_> = c
            .want
            .iter()
            .filter(|f| f.2 == Severity::Error)
            .copied()
            .collect();
        assert_eq!(errors, want, "{}: {got:?}", c.name);
        assert_eq!(
            got.first(),
            c.want.first(),
            "{}: the cause comes first: {got:?}",
            c.name
        );
    }
    println!(
        "convoai: {} start requests diagnosed, each naming the token that is wrong",
        cases.len()
    );
    assert!(cases.len() >= 20);
}

/// The properties of a start request.
fn props(channel: &str, uid: &str, token: &str, extra: &str) -> String {
    format!(r#""channel": "{channel}", "agent_rtc_uid": "{uid}", "token": "{token}"{extra}"#)
}

/// The cases: a table, one row per request.
#[allow(clippy::too_many_lines)] // a table, read row by row
fn cases() -> Vec<Case> {
    use AgentToken::{Agent, Authorization};
    use FindingKind as K;
    use Severity::{Error, Warning};
    let timed = |issued: u64, lifetime: u64| {
        Token::builder(APP, CERT)
            .issued_at(issued)
            .expire_in(lifetime)
            .rtc("room-7", User::Uid(1001), Role::Publisher)
            .build()
            .unwrap()
    };
    let good = agent_token("room-7", 1001, false);
    let good_rtm = agent_token("room-7", 1001, true);
    let account = token(
        APP,
        CERT,
        4,
        Some(("room-7", User::Account("agent-a".into()))),
        Some("agent-a"),
    );
    // The header's token need only be a valid token of the App ID, not the agent's join.
    let header_ok = token(
        APP,
        CERT,
        1,
        Some(("any-channel", User::Uid(0))),
        Some("server"),
    );
    let header_other = token(
        OTHER_APP,
        OTHER_CERT,
        1,
        Some(("room-7", User::Uid(1))),
        None,
    );
    let expired = timed(ISSUED - 7200, 3600);
    let thirty_minutes = timed(ISSUED, 1800);
    let other_app = token(
        OTHER_APP,
        OTHER_CERT,
        4,
        Some(("room-7", User::Uid(1001))),
        None,
    );
    let signed_elsewhere = token(APP, OTHER_CERT, 4, Some(("room-7", User::Uid(1001))), None);
    let rtm_other_user = token(
        APP,
        CERT,
        4,
        Some(("room-7", User::Uid(1001))),
        Some("someone"),
    );
    let uid0 = token(APP, CERT, 4, Some(("room-7", User::Uid(0))), None);
    let basic = || BASIC.map(str::to_owned);
    let auth = |t: &str| Some(format!("agora token={t}"));
    let rtm_on = r#", "advanced_features": {"enable_rtm": true}"#;
    let string_uid = r#", "enable_string_uid": true"#;
    let case = |name, properties, authorization, certificate, want| Case {
        name,
        properties,
        authorization,
        certificate,
        want,
    };
    vec![
        case(
            "a good RTC token, Basic auth",
            props("room-7", "1001", &good, ""),
            basic(),
            None,
            vec![],
        ),
        case(
            "a good RTC+RTM token, RTM on",
            props("room-7", "1001", &good_rtm, rtm_on),
            basic(),
            None,
            vec![],
        ),
        case(
            "RTM on, an RTC-only token",
            props("room-7", "1001", &good, rtm_on),
            basic(),
            None,
            vec![(Agent, K::WrongService, Error)],
        ),
        case(
            "RTM on, RTM for another user",
            props("room-7", "1001", &rtm_other_user, rtm_on),
            basic(),
            None,
            vec![(Agent, K::UserMismatch, Error)],
        ),
        case(
            "the token for another channel",
            props("room-8", "1001", &good, ""),
            basic(),
            None,
            vec![(Agent, K::ChannelMismatch, Error)],
        ),
        case(
            "the token for another uid",
            props("room-7", "1002", &good, ""),
            basic(),
            None,
            vec![(Agent, K::UserMismatch, Error)],
        ),
        case(
            "a uid-0 token admits the agent's uid",
            props("room-7", "1001", &uid0, ""),
            basic(),
            None,
            vec![],
        ),
        case(
            "a string uid with enable_string_uid",
            props(
                "room-7",
                "agent-a",
                &account,
                &format!("{string_uid}{rtm_on}"),
            ),
            basic(),
            None,
            vec![],
        ),
        case(
            "a string uid without enable_string_uid",
            props("room-7", "agent-a", &account, ""),
            basic(),
            None,
            vec![(Agent, K::AgentUid, Error)],
        ),
        case(
            "enable_string_uid, a token for an int uid",
            props("room-7", "agent-b", &good, string_uid),
            basic(),
            None,
            vec![(Agent, K::UserKindMismatch, Error)],
        ),
        case(
            "no token",
            props("room-7", "1001", "", ""),
            basic(),
            None,
            vec![(Agent, K::NoToken, Error)],
        ),
        case(
            "no channel",
            r#""agent_rtc_uid": "1001", "token": "x""#.to_owned(),
            basic(),
            None,
            vec![(Agent, K::AgentRequest, Error)],
        ),
        case(
            "no agent uid",
            format!(r#""channel": "room-7", "token": "{good}""#),
            basic(),
            None,
            vec![(Agent, K::AgentRequest, Error)],
        ),
        case(
            "a token of another App ID",
            props("room-7", "1001", &other_app, ""),
            basic(),
            None,
            vec![(Agent, K::AppIdMismatch, Error)],
        ),
        case(
            "an expired token",
            props("room-7", "1001", &expired, ""),
            basic(),
            None,
            vec![(Agent, K::Expired, Error)],
        ),
        case(
            "a token for 30 minutes",
            props("room-7", "1001", &thirty_minutes, ""),
            basic(),
            None,
            vec![(Agent, K::ShortForSession, Warning)],
        ),
        case(
            "signed with another certificate",
            props("room-7", "1001", &signed_elsewhere, ""),
            basic(),
            Some(CERT),
            vec![(Agent, K::SignatureMismatch, Error)],
        ),
        case(
            "token auth with a good token for another channel",
            props("room-7", "1001", &good, ""),
            auth(&header_ok),
            Some(CERT),
            vec![],
        ),
        case(
            "token auth with another App ID's token",
            props("room-7", "1001", &good, ""),
            auth(&header_other),
            None,
            vec![(Authorization, K::AppIdMismatch, Error)],
        ),
        case(
            "token auth with an expired token",
            props("room-7", "1001", &good, ""),
            auth(&expired),
            None,
            vec![(Authorization, K::Expired, Error)],
        ),
        case(
            "token auth with a token signed elsewhere",
            props("room-7", "1001", &good, ""),
            auth(&signed_elsewhere),
            Some(CERT),
            vec![(Authorization, K::SignatureMismatch, Error)],
        ),
        case(
            "token auth with garbage",
            props("room-7", "1001", &good, ""),
            Some("agora token=not-a-token".to_owned()),
            None,
            vec![(Authorization, K::Unparseable, Error)],
        ),
        case(
            "no Authorization header",
            props("room-7", "1001", &good, ""),
            None,
            None,
            vec![(Authorization, K::NoAuthorization, Error)],
        ),
        case(
            "a Bearer header",
            props("room-7", "1001", &good, ""),
            Some("Bearer abc".to_owned()),
            None,
            vec![(Authorization, K::NoAuthorization, Error)],
        ),
        case(
            "both wrong: the agent's cause first",
            props("room-8", "1001", &good, ""),
            None,
            None,
            vec![
                (Agent, K::ChannelMismatch, Error),
                (Authorization, K::NoAuthorization, Error),
            ],
        ),
    ]
}

#[test]
fn a_request_that_cannot_be_read_says_why() {
    assert!(matches!(
        AgentRequest::parse("{not json", None),
        Err(AgentRequestError::NotJson(_))
    ));
    assert_eq!(
        AgentRequest::parse(r#"{"name": "a"}"#, None),
        Err(AgentRequestError::NoProperties)
    );
}

#[test]
fn start_requests_as_agoras_reference_writes_them_are_judged() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/convoai");
    let expect = std::fs::read_to_string(format!("{dir}/expect.tsv")).unwrap();
    let mut n = 0;
    for row in expect.lines().skip(1) {
        let c: Vec<&str> = row.split('\t').collect();
        let parts: Vec<&str> = c[1].split(", ").collect();
        let user = match parts[1].split_once(' ') {
            Some(("uid", n)) => User::Uid(n.parse().unwrap()),
            Some(("account", a)) => User::Account(a.to_owned()),
            other => panic!("{other:?}"),
        };
        let rtm = (parts[2] != "-").then_some(parts[2]);
        let built = token(APP, CERT, 4, Some((parts[0], user)), rtm);
        let body = std::fs::read_to_string(format!("{dir}/{}", c[0]))
            .unwrap()
            .replace("{TOKEN}", &built);
        let header = match c[2] {
            "Basic" => Some("Basic Y3VzdG9tZXI6c2VjcmV0".to_owned()),
            "token" => Some(format!("agora token={built}")),
            _ => None,
        };
        let request = AgentRequest::parse(&body, header.as_deref()).unwrap();
        let findings = request.diagnose(APP, Some(CERT), NOW);
        in_chinese(&request, &findings, Some(CERT));
        let cause = findings
            .first()
            .filter(|(_, f)| f.severity() == Severity::Error)
            .map(|(t, f)| format!("{}, {}", t.as_str(), f.kind().as_str()));
        assert_eq!(cause.as_deref().unwrap_or("-"), c[3], "{row}: {findings:?}");
        n += 1;
    }
    println!(
        "convoai: {n} requests shaped as Agora's reference writes them, each judged as expected"
    );
    assert!(n >= 6);
}
