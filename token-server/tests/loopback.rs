//! The token server, started on a loopback port: it issues a token, and diagnoses it
//! over HTTP.

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;

use agora_token_server as app;
use common::{APP_ID, CERT, PER_MINUTE, SECRET, raw, request, start, start_with};
use serde_json::Value;

#[test]
fn issues_a_token_and_diagnoses_it_over_http() {
    let addr = start();
    let (status, body) = request(
        addr,
        "GET",
        "/rtc/lobby/publisher/uid/42?expiry=3600&rtm=alice",
        None,
    );
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("007"));

    // The join it was built for: nothing to find.
    let clean = serde_json::json!({ "token": token, "channel": "lobby", "uid": 42 });
    let (status, body) = request(addr, "POST", "/diagnose", Some(&clean));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["findings"], Value::Array(vec![]), "{body}");
    // The library's `Diagnosis`, as the command-line tool writes it.
    assert_eq!(body["kind"], "diagnosis", "{body}");
    assert_eq!(body["join_looks_right"], true, "{body}");
    assert_eq!(body["join"]["user"], 42, "{body}");
    assert_eq!(body["token"]["app_id"], APP_ID);
    assert!(!body.to_string().contains(CERT));

    // Another uid, with the error the client saw: the cause, named.
    let wrong = serde_json::json!({ "token": token, "channel": "lobby", "uid": 7, "error": "onError: err 110, msg: " });
    let (_, body) = request(addr, "POST", "/diagnose", Some(&wrong));
    assert_eq!(body["reported"], "invalid_token");
    assert_eq!(body["findings"][0]["kind"], "user_mismatch", "{body}");
    assert_eq!(body["findings"][0]["error"], "invalid_token");

    // The error as a bare code, read in the join's product: RTC's 110.
    let code = serde_json::json!({ "token": token, "channel": "lobby", "uid": 7, "error": "110" });
    let (_, body) = request(addr, "POST", "/diagnose", Some(&code));
    assert_eq!(body["reported"], "invalid_token", "{body}");
    // A code that is no token error there is said to be one, not ignored.
    let none = serde_json::json!({ "token": token, "channel": "lobby", "uid": 7, "error": "17" });
    let (status, body) = request(addr, "POST", "/diagnose", Some(&none));
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("17 is not a token error"),
        "{body}"
    );

    // The RTM login the token also carries.
    let rtm = serde_json::json!({ "token": token, "rtm_user": "alice" });
    let (_, body) = request(addr, "POST", "/diagnose", Some(&rtm));
    assert_eq!(body["findings"], Value::Array(vec![]), "{body}");
}

#[test]
fn refuses_inputs_that_would_fail_and_says_why() {
    let addr = start();
    let (status, body) = request(
        addr,
        "GET",
        "/rtc/lobby/publisher/uid/42?expiry=1700003600",
        None,
    );
    assert_eq!(status, 400);
    assert_eq!(body["prevents"], "token_expired", "{body}");
    assert!(body["error"].as_str().unwrap().contains("Unix time"));
    let (status, body) = request(addr, "GET", "/rtc/lobby/owner/uid/42", None);
    assert_eq!(status, 400);
    assert!(
        body["error"].as_str().unwrap().contains("publisher"),
        "{body}"
    );
    // A role is read as the library reads it: the builders' numbers and the client roles too.
    for role in ["subscriber", "2", "audience", "Publisher", "host"] {
        let (status, body) = request(addr, "GET", &format!("/rtc/lobby/{role}/uid/42"), None);
        assert_eq!(status, 200, "{role}: {body}");
    }
}

#[test]
fn a_token_is_issued_only_to_an_authorised_caller() {
    let addr = start();
    let path = "/rtc/lobby/publisher/uid/42";
    let (status, body) = raw(addr, "GET", path, "", "");
    assert_eq!(status, 401, "{body}");
    assert!(body["error"].is_string(), "{body}");
    let (status, _) = raw(addr, "GET", path, "Authorization: Bearer wrong\r\n", "");
    assert_eq!(status, 401);
    let (status, _) = raw(addr, "GET", "/rtm/alice", "", "");
    assert_eq!(status, 401);
    assert_eq!(request(addr, "GET", path, None).0, 200);
}

#[test]
fn uids_are_read_strictly_and_uid_0_is_refused() {
    let addr = start();
    for uid in ["+42", "0042", "0", "-1", "4294967296", "42abc", "%2042"] {
        let (status, body) = request(
            addr,
            "GET",
            &format!("/rtc/lobby/publisher/uid/{uid}"),
            None,
        );
        assert_eq!(status, 400, "{uid}: {body}");
        assert!(body["error"].is_string(), "{uid}: {body}");
    }
    assert_eq!(
        request(addr, "GET", "/rtc/lobby/publisher/uid/4294967295", None).0,
        200
    );
}

#[test]
fn every_rejection_is_json() {
    let addr = start();
    // Unknown route, wrong method, a body that is not JSON, one that is too large.
    let cases = [
        ("GET", "/nowhere", String::new(), 404),
        ("DELETE", "/diagnose", String::new(), 405),
        ("POST", "/diagnose", "{not json".to_owned(), 400),
        (
            "POST",
            "/diagnose",
            format!("{{\"token\":\"{}\"}}", "A".repeat(32 * 1024)),
            413,
        ),
        (
            "GET",
            "/rtc/lobby/publisher/uid/42?expiry=soon",
            String::new(),
            400,
        ),
    ];
    for (method, path, body, want) in cases {
        let (status, json) = raw(
            addr,
            method,
            path,
            &format!("Authorization: Bearer {SECRET}\r\n"),
            &body,
        );
        assert_eq!(status, want, "{method} {path}: {json}");
        assert!(json["error"].is_string(), "{method} {path}: {json}");
    }
}

#[test]
fn a_client_over_its_rate_is_refused() {
    let addr = start();
    let statuses: Vec<u16> = (0..PER_MINUTE + 5)
        .map(|_| request(addr, "GET", "/rtm/alice", None).0)
        .collect();
    assert!(
        statuses[..PER_MINUTE as usize].iter().all(|&s| s == 200),
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
}

#[test]
fn a_refused_client_is_told_when_to_come_back() {
    let addr = start();
    for _ in 0..PER_MINUTE {
        request(addr, "GET", "/rtm/alice", None);
    }
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /rtm/alice HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAuthorization: Bearer {SECRET}\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 429"), "{response}");
    let retry = response
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("retry-after: ")
                .map(str::to_owned)
        })
        .expect("a Retry-After header");
    let seconds: u64 = retry.trim().parse().unwrap();
    assert!((1..=60).contains(&seconds), "{seconds}");
}

#[test]
fn diagnosing_a_token_needs_the_same_authorisation_as_issuing_one() {
    let addr = start();
    let (_, body) = request(addr, "GET", "/rtm/alice", None);
    let token = body["token"].as_str().unwrap().to_owned();
    let d = serde_json::json!({ "token": token, "rtm_user": "alice" });
    let (status, body) = raw(addr, "POST", "/diagnose", "", &d.to_string());
    assert_eq!(status, 401, "{body}");
    assert!(body["error"].is_string(), "{body}");
    let (status, body) = request(addr, "POST", "/diagnose", Some(&d));
    assert_eq!(status, 200, "{body}");
}

#[test]
fn a_request_that_takes_too_long_is_refused_with_json() {
    let addr = start_with(|g| g.timeout = std::time::Duration::from_millis(300));
    // A client that announces a body and then stalls holds the handler until the timeout.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(
        s,
        "POST /diagnose HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAuthorization: Bearer {SECRET}\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{{\"token\":"
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let status: u16 = response[9..12].parse().unwrap();
    assert_eq!(status, 503, "{response}");
    let json = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let body: Value = serde_json::from_str(json).unwrap();
    assert_eq!(body["error"], "the request took too long");
    // The same server still answers a request that arrives whole.
    let (status, _) = request(addr, "GET", "/rtm/alice", None);
    assert_eq!(status, 200);
}

#[test]
fn a_bad_app_id_or_certificate_stops_the_server_at_start() {
    for (app, cert) in [
        ("not-an-app-id", CERT),
        (APP_ID, "short"),
        (APP_ID, APP_ID),
        (&format!("{APP_ID} ") as &str, CERT),
    ] {
        let why = app::Project::new(app.into(), cert.into()).err();
        assert!(why.is_some(), "{app:?} / {cert:?}");
        assert!(!why.unwrap().contains(CERT));
    }
}
