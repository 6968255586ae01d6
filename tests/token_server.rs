//! The token server example, started on a loopback port: it issues a token, and diagnoses it
//! over HTTP.
#![cfg(all(feature = "build", feature = "serde"))]

#[path = "../examples/token_server/app.rs"]
#[allow(dead_code)]
mod app;

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};

use serde_json::Value;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

fn start() -> SocketAddr {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        rt.block_on(async {
            let router = app::router(app::Project {
                app_id: APP_ID.into(),
                app_certificate: CERT.into(),
            });
            axum::serve(listener, router).await.unwrap();
        });
    });
    addr
}

/// One HTTP/1.1 request; the status and the JSON body.
fn request(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let status: u16 = response[9..12].parse().unwrap();
    let json = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(json).unwrap_or(Value::Null))
}

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
            .contains("not a token error"),
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
    let (status, _) = request(addr, "GET", "/rtc/lobby/owner/uid/42", None);
    assert_eq!(status, 400);
}
