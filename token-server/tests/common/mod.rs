//! The loopback server the tests start, and raw HTTP/1.1 requests to it.
#![allow(dead_code, unreachable_pub)]

use agora_token_server as app;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};

use serde_json::Value;

pub const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
pub const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
pub const SECRET: &str = "a-test-secret-of-some-length";
/// Each test's server allows this many requests a minute from loopback.
pub const PER_MINUTE: u32 = 40;

pub fn start() -> SocketAddr {
    start_with(|_| {})
}

/// Starts a server whose guard `adjust` has changed.
pub fn start_with(adjust: impl FnOnce(&mut app::guard::Guard) + Send + 'static) -> SocketAddr {
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
            let project = app::Project::new(APP_ID.into(), CERT.into()).unwrap();
            let mut guard = app::guard::Guard::shared_secret(SECRET.into());
            guard.per_minute = PER_MINUTE;
            adjust(&mut guard);
            app::serve(listener, project, guard).await.unwrap();
        });
    });
    addr
}

/// One HTTP/1.1 request, with the server's secret; the status and the JSON body.
pub fn request(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let body = body.map(Value::to_string).unwrap_or_default();
    raw(
        addr,
        method,
        path,
        &format!("Authorization: Bearer {SECRET}\r\n"),
        &body,
    )
}

/// One HTTP/1.1 request with these extra header lines and this body.
pub fn raw(addr: SocketAddr, method: &str, path: &str, headers: &str, body: &str) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let status: u16 = response[9..12].parse().unwrap();
    let json = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(json).unwrap_or(Value::Null))
}
