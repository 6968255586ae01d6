//! What stands between the internet and the builder: who may ask for a token (a hook the app
//! fills; the default compares a shared secret), how often, how long a request may take and how
//! large its body may be. Every refusal is JSON.
//!
//! The rate is counted per caller: an authenticated caller (the [`Identify`] hook) by who it is
//! and where it connects from, an unauthenticated one by where it connects from alone, in a
//! budget of its own, so that failed attempts never spend an authorised caller's budget. Where
//! it connects from is the peer address, or, when the peer is a proxy the operator names in
//! [`Guard::trusted_proxies`], the address that proxy appended to `X-Forwarded-For`.

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
pub enum Grant<'a> {
    /// Joining `channel` as `user` with `role`.
    Rtc {
        /// The channel to join.
        channel: &'a str,
        /// The user to join as.
        user: &'a User,
        /// The role to join with.
        role: Role,
    },
    /// Logging in to RTM as `user`.
    Rtm {
        /// The RTM user id.
        user: &'a str,
    },
    /// Diagnosing a token: whether it was signed with this server's certificate is for the
    /// app's callers only.
    Diagnose,
}

/// Decides whether the caller (its headers: a session cookie, an API key) may have the grant:
/// `Err` says why not. The app replaces the default with its own check: which user the caller
/// is signed in as, and which channels and roles that user may have.
pub type Authorize = dyn Fn(&HeaderMap, &Grant<'_>) -> Result<(), String> + Send + Sync;

/// Who the caller is, from its headers (`None`: not authenticated). Only the rate limit reads
/// it; what the caller may have is [`Authorize`]'s to decide.
pub type Identify = dyn Fn(&HeaderMap) -> Option<String> + Send + Sync;

/// The limits the server applies.
pub struct Guard {
    /// Who may have what (see [`Authorize`]).
    pub authorize: Box<Authorize>,
    /// Who the caller is, for the rate limit (see [`Identify`]).
    pub identify: Box<Identify>,
    /// Requests per caller per minute (see the module's docs for what a caller is).
    pub per_minute: u32,
    /// Proxies whose `X-Forwarded-For` is believed (empty: none; the peer address counts).
    pub trusted_proxies: Vec<IpAddr>,
    /// Timeouts and the cap on connections.
    pub connections: crate::Connections,
    /// The longest a request may take.
    pub timeout: Duration,
    /// The largest request body, in bytes.
    pub body_limit: usize,
}

impl Guard {
    /// The default: a caller must send `Authorization: Bearer <secret>`; any channel, user and
    /// role is then granted (a real app checks them against the caller's session).
    #[must_use]
    pub fn shared_secret(secret: String) -> Guard {
        let secret = Arc::new(secret);
        let known = Arc::clone(&secret);
        Guard {
            authorize: Box::new(move |headers, _grant| {
                if bearer_is(headers, &secret) {
                    Ok(())
                } else {
                    Err("send `Authorization: Bearer <the server's secret>`".to_owned())
                }
            }),
            identify: Box::new(move |headers| {
                bearer_is(headers, &known).then(|| "bearer".to_owned())
            }),
            per_minute: 60,
            trusted_proxies: Vec::new(),
            connections: crate::Connections::default(),
            timeout: Duration::from_secs(5),
            body_limit: 16 * 1024,
        }
    }
}

/// Whether the request carries `Authorization: Bearer <secret>`.
fn bearer_is(headers: &HeaderMap, secret: &str) -> bool {
    let given = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    same(given.as_bytes(), secret.as_bytes())
}

/// Compares in time that depends on the lengths only, not on where the bytes differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// A JSON refusal.
pub(crate) fn refuse(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// Whose budget a request spends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Caller {
    /// An authenticated caller, connecting from an address.
    Known(String, IpAddr),
    /// A caller that did not authenticate, by address.
    Unknown(IpAddr),
}

/// Requests seen per caller in the current minute. Bounded: it holds at most [`MAX_CLIENTS`]
/// callers, and a new caller past that waits for the next minute, so a blocked client is never
/// forgotten before its minute is over.
pub(crate) struct Limiter {
    per_minute: u32,
    seen: Mutex<(Instant, HashMap<Caller, u32>)>,
}

/// The most client addresses the limiter remembers in one minute.
const MAX_CLIENTS: usize = 100_000;

/// How long a refused client should wait: until the limiter's minute is over.
pub(crate) struct RetryAfter(pub(crate) u64);

impl Limiter {
    pub(crate) fn new(per_minute: u32) -> Limiter {
        Limiter {
            per_minute,
            seen: Mutex::new((Instant::now(), HashMap::new())),
        }
    }

    fn allow(&self, caller: Caller) -> Result<(), RetryAfter> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.0.elapsed() >= Duration::from_secs(60) {
            *seen = (Instant::now(), HashMap::new());
        }
        let wait = RetryAfter(60u64.saturating_sub(seen.0.elapsed().as_secs()).max(1));
        if !seen.1.contains_key(&caller) && seen.1.len() >= MAX_CLIENTS {
            return Err(wait);
        }
        let count = seen.1.entry(caller).or_insert(0);
        *count = count.saturating_add(1);
        if *count <= self.per_minute {
            Ok(())
        } else {
            Err(wait)
        }
    }
}

/// What the rate limit needs of the guard, shared with every request.
pub(crate) struct Limits {
    pub(crate) limiter: Limiter,
    pub(crate) timeout: Duration,
    pub(crate) identify: Box<Identify>,
    pub(crate) trusted_proxies: Vec<IpAddr>,
}

/// Where the request comes from: the peer, or the client a trusted proxy names last in
/// `X-Forwarded-For` (the entry it appended; earlier ones are the client's own word).
fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(peer)
}

/// Refuses a caller over its rate, and a request that takes too long.
pub(crate) async fn limits(
    State(limits): State<Arc<Limits>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let from = client_address(addr.ip(), headers, &limits.trusted_proxies);
    let caller = match (limits.identify)(headers) {
        Some(who) => Caller::Known(who, from),
        None => Caller::Unknown(from),
    };
    if let Err(RetryAfter(seconds)) = limits.limiter.allow(caller) {
        let mut response = refuse(
            StatusCode::TOO_MANY_REQUESTS,
            format!("too many requests: try again in {seconds} s"),
        );
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(seconds),
        );
        return response;
    }
    match tokio::time::timeout(limits.timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => refuse(StatusCode::SERVICE_UNAVAILABLE, "the request took too long"),
    }
}
