//! The token server's routes: issue RTC (and RTM) tokens to callers the app authorises, and
//! diagnose a token against the join that failed.

use std::sync::Arc;
use std::time::SystemTime;

use agora_token_errors::token::{
    BuildError, Diagnosis, JoinParams, Role, Token, User, unix_seconds,
};
use agora_token_errors::{CodeSpace, Product, Report};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::guard::{self, Authorize, Grant, Guard, Limiter, Limits, refuse};

/// The project the server signs for. The certificate never leaves this struct.
pub struct Project {
    app_id: String,
    app_certificate: String,
}

impl Project {
    /// The project, once its App ID and certificate pass the builder's checks: a server with a
    /// bad one refuses to start instead of failing every request.
    pub fn new(app_id: String, app_certificate: String) -> Result<Project, String> {
        let probe = Token::builder(&app_id, &app_certificate)
            .expire_in(60)
            .rtc("probe", User::Uid(1), Role::Subscriber)
            .build();
        match probe {
            Ok(_) => Ok(Project {
                app_id,
                app_certificate,
            }),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// What the handlers share.
struct Server {
    project: Project,
    authorize: Box<Authorize>,
}

#[derive(Deserialize)]
pub(crate) struct Expiry {
    /// The token's lifetime in seconds (default 3600).
    expiry: Option<u64>,
    /// Also grant an RTM login to this user id.
    rtm: Option<String>,
}

/// The routes, behind the guard's rate limit, timeout and body limit; unknown paths and methods
/// get JSON too.
pub fn router(project: Project, guard: Guard) -> Router {
    let Guard {
        authorize,
        identify,
        per_minute,
        trusted_proxies,
        connections: _,
        timeout,
        body_limit,
    } = guard;
    let limits = Arc::new(Limits {
        limiter: Limiter::new(per_minute),
        timeout,
        identify,
        trusted_proxies,
    });
    Router::new()
        .route("/rtc/{channel}/{role}/{kind}/{user}", get(rtc))
        .route("/rtm/{user}", get(rtm))
        .route("/diagnose", post(diagnose_token))
        .fallback(|| async { refuse(StatusCode::NOT_FOUND, "no such route") })
        .method_not_allowed_fallback(|| async {
            refuse(StatusCode::METHOD_NOT_ALLOWED, "method not allowed here")
        })
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn_with_state(limits, guard::limits))
        .with_state(Arc::new(Server { project, authorize }))
}

/// Serves the routes for `project` behind `guard` on `listener`, holding connections as
/// `guard.connections` says.
pub async fn serve(
    listener: tokio::net::TcpListener,
    project: Project,
    guard: Guard,
) -> std::io::Result<()> {
    let connections = guard.connections;
    crate::listen::serve_connections(listener, router(project, guard), connections).await
}

/// A uid as the path writes it: decimal digits only, no sign or leading zero, and not 0 (a uid-0
/// token admits anyone into the channel).
fn strict_uid(text: &str) -> Result<u32, String> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<u32>() {
        Ok(0) => Err("uid 0 admits any user: give the user's own uid".to_owned()),
        Ok(uid) if digits && !text.starts_with('0') => Ok(uid),
        _ => Err(format!(
            "{text:?} is not a uid: give 1..4294967295 in plain digits"
        )),
    }
}

fn refused(e: &BuildError) -> Response {
    let body = json!({ "error": e.to_string(), "prevents": e.prevents().map(agora_token_errors::TokenError::as_str) });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// `GET /rtc/lobby/publisher/uid/42?expiry=3600&rtm=alice`
async fn rtc(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String, String)>, PathRejection>,
    query: Result<Query<Expiry>, QueryRejection>,
) -> Response {
    let (Path((channel, role, kind, user)), Query(q)) = match (path, query) {
        (Ok(p), Ok(q)) => (p, q),
        (Err(e), _) => return refuse(e.status(), e.body_text()),
        (_, Err(e)) => return refuse(e.status(), e.body_text()),
    };
    let p = &server.project;
    let role: Role = match role.parse() {
        Ok(role) => role,
        Err(why) => return refuse(StatusCode::BAD_REQUEST, why.to_string()),
    };
    let user = match kind.as_str() {
        "uid" => match strict_uid(&user) {
            Ok(uid) => User::Uid(uid),
            Err(why) => return refuse(StatusCode::BAD_REQUEST, why),
        },
        "account" => User::Account(user),
        _ => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "give /uid/<uid> or /account/<name>",
            );
        }
    };
    let grant = Grant::Rtc {
        channel: &channel,
        user: &user,
        role,
    };
    if let Err(why) = (server.authorize)(&headers, &grant) {
        return refuse(StatusCode::UNAUTHORIZED, why);
    }
    if let Some(rtm) = &q.rtm {
        if let Err(why) = (server.authorize)(&headers, &Grant::Rtm { user: rtm }) {
            return refuse(StatusCode::UNAUTHORIZED, why);
        }
    }
    let mut b = Token::builder(&p.app_id, &p.app_certificate)
        .expire_in(q.expiry.unwrap_or(3600))
        .rtc(channel, user, role);
    if let Some(rtm) = q.rtm {
        b = b.rtm(rtm);
    }
    match b.build() {
        Ok(token) => {
            let warnings: Vec<String> = b.warnings().iter().map(ToString::to_string).collect();
            Json(json!({ "token": token, "warnings": warnings })).into_response()
        }
        Err(e) => refused(&e),
    }
}

/// `GET /rtm/alice?expiry=3600`
async fn rtm(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<Expiry>, QueryRejection>,
) -> Response {
    let (Path(user), Query(q)) = match (path, query) {
        (Ok(p), Ok(q)) => (p, q),
        (Err(e), _) => return refuse(e.status(), e.body_text()),
        (_, Err(e)) => return refuse(e.status(), e.body_text()),
    };
    if let Err(why) = (server.authorize)(&headers, &Grant::Rtm { user: &user }) {
        return refuse(StatusCode::UNAUTHORIZED, why);
    }
    let p = &server.project;
    let b = Token::builder(&p.app_id, &p.app_certificate)
        .expire_in(q.expiry.unwrap_or(3600))
        .rtm(user);
    match b.build() {
        Ok(token) => Json(json!({ "token": token })).into_response(),
        Err(e) => refused(&e),
    }
}

/// What a client joined with, and optionally the error it saw.
#[derive(Deserialize)]
pub(crate) struct Diagnose {
    token: String,
    /// The App ID the client used (default: the server's).
    app_id: Option<String>,
    channel: Option<String>,
    uid: Option<u32>,
    account: Option<String>,
    rtm_user: Option<String>,
    /// The error the client saw: a code name, an id or an error text.
    error: Option<String>,
    /// The time of the join, in Unix seconds (default: now).
    now: Option<u64>,
}

/// `POST /diagnose` with `{"token": ..., "channel": ..., "uid": ..., "error": ...}`
async fn diagnose_token(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Result<Json<Diagnose>, JsonRejection>,
) -> Response {
    // Whether a token was signed with this server's certificate is for its callers only.
    if let Err(why) = (server.authorize)(&headers, &Grant::Diagnose) {
        return refuse(StatusCode::UNAUTHORIZED, why);
    }
    let d = match body {
        Ok(Json(d)) => d,
        Err(e) => return refuse(e.status(), e.body_text()),
    };
    let p = &server.project;
    let app_id = d.app_id.unwrap_or_else(|| p.app_id.clone());
    // A bare code is read in the spaces of the product joined: RTC for a channel, RTM for a
    // login.
    let product = if d.rtm_user.is_some() {
        Product::Rtm
    } else {
        Product::Rtc
    };
    let mut join = match (d.rtm_user, d.channel) {
        (Some(user), _) => JoinParams::rtm(app_id, user),
        (None, Some(channel)) => JoinParams::new(app_id, channel),
        (None, None) => {
            let body = json!({ "error": "give channel (an RTC join) or rtm_user (an RTM login)" });
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
    };
    if let Some(uid) = d.uid {
        join = join.with_uid(uid);
    }
    if let Some(account) = d.account {
        join = join.with_account(account);
    }
    join = join.with_app_certificate(&p.app_certificate);
    let now = d.now.unwrap_or_else(|| unix_seconds(SystemTime::now()));
    let reported = match d.error.as_deref() {
        None => None,
        Some(e) => {
            let report = Report::of(e, &CodeSpace::of(product), Some(product));
            if let [r] = report.errors() {
                Some(*r)
            } else {
                let body = json!({ "error": format!("the reported error {report}") });
                return (StatusCode::BAD_REQUEST, Json(body)).into_response();
            }
        }
    };
    // The same object the command-line tool's `--token ... --json` writes: `kind`, `token`,
    // `join`, `reported`, `findings`, `advice`, `join_looks_right`.
    Json(Diagnosis::of(&d.token, &join, now, reported)).into_response()
}
