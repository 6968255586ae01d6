//! What stands between the internet and the builder: who may ask for a token (a hook the app
//! fills; the default compares a shared secret), how often, how long a request may take and how
//! large its body may be. Every refusal is JSON.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use agora_token_errors::token::{Role, User};
use axum::Json;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// What a caller asks to be granted.
// The default hook checks only the secret; the app's own hook reads these.
#[allow(dead_code)]
pub(crate) enum Grant<'a> {
    /// Joining `channel` as `user` with `role`.
    Rtc {
        channel: &'a str,
        user: &'a User,
        role: Role,
    },
    /// Logging in to RTM as `user`.
    Rtm { user: &'a str },
}

/// Decides whether the caller (its headers: a session cookie, an API key) may have the grant:
/// `Err` says why not. The app replaces the default with its own check: which user the caller
/// is signed in as, and which channels and roles that user may have.
pub(crate) type Authorize = dyn Fn(&HeaderMap, &Grant<'_>) -> Result<(), String> + Send + Sync;

/// The limits the server applies.
pub(crate) struct Guard {
    pub(crate) authorize: Box<Authorize>,
    /// Requests per client address per minute.
    pub(crate) per_minute: u32,
    /// The longest a request may take.
    pub(crate) timeout: Duration,
    /// The largest request body, in bytes.
    pub(crate) body_limit: usize,
}

impl Guard {
    /// The default: a caller must send `Authorization: Bearer <secret>`; any channel, user and
    /// role is then granted (a real app checks them against the caller's session).
    pub(crate) fn shared_secret(secret: String) -> Guard {
        Guard {
            authorize: Box::new(move |headers, _grant| {
                let given = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .unwrap_or("");
                if same(given.as_bytes(), secret.as_bytes()) {
                    Ok(())
                } else {
                    Err("send `Authorization: Bearer <the server's secret>`".to_owned())
                }
            }),
            per_minute: 60,
            timeout: Duration::from_secs(5),
            body_limit: 16 * 1024,
        }
    }
}

/// Compares in time that depends on the lengths only, not on where the bytes differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// A JSON refusal.
pub(crate) fn refuse(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// Requests seen per client address in the current minute. Bounded: when it holds too many
/// addresses, the minute's counts are dropped.
pub(crate) struct Limiter {
    per_minute: u32,
    seen: Mutex<(Instant, HashMap<IpAddr, u32>)>,
}

impl Limiter {
    pub(crate) fn new(per_minute: u32) -> Limiter {
        Limiter {
            per_minute,
            seen: Mutex::new((Instant::now(), HashMap::new())),
        }
    }

    fn allow(&self, ip: IpAddr) -> bool {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.0.elapsed() >= Duration::from_secs(60) || seen.1.len() >= 100_000 {
            *seen = (Instant::now(), HashMap::new());
        }
        let count = seen.1.entry(ip).or_insert(0);
        *count += 1;
        *count <= self.per_minute
    }
}

/// Refuses a client over its rate, and a request that takes too long.
pub(crate) async fn limits(
    State((limiter, timeout)): State<(Arc<Limiter>, Duration)>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    if !limiter.allow(addr.ip()) {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests: try again in a minute",
        );
    }
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => refuse(StatusCode::SERVICE_UNAVAILABLE, "the request took too long"),
    }
}
