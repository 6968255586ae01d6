//! The token server's routes: issue RTC (and RTM) tokens, and diagnose a token against the join
//! that failed. Shared by `main.rs` and `tests/token_server.rs`.

use std::sync::Arc;
use std::time::SystemTime;

use agora_token_errors::token::{
    BuildError, JoinParams, Role, Token, User, diagnose, diagnose_reported, unix_seconds,
};
use agora_token_errors::{CodeSpace, Product, TokenError};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

/// The project the server signs for. The certificate never leaves this struct.
pub(crate) struct Project {
    pub(crate) app_id: String,
    pub(crate) app_certificate: String,
}

#[derive(Deserialize)]
pub(crate) struct Expiry {
    /// The token's lifetime in seconds (default 3600).
    expiry: Option<u64>,
    /// Also grant an RTM login to this user id.
    rtm: Option<String>,
}

/// The routes.
pub(crate) fn router(project: Project) -> Router {
    Router::new()
        .route("/rtc/{channel}/{role}/{kind}/{user}", get(rtc))
        .route("/rtm/{user}", get(rtm))
        .route("/diagnose", post(diagnose_token))
        .with_state(Arc::new(project))
}

fn refused(e: &BuildError) -> Response {
    let body = json!({ "error": e.to_string(), "prevents": e.prevents().map(|e| e.as_str()) });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// `GET /rtc/lobby/publisher/uid/42?expiry=3600&rtm=alice`
async fn rtc(
    State(p): State<Arc<Project>>,
    Path((channel, role, kind, user)): Path<(String, String, String, String)>,
    Query(q): Query<Expiry>,
) -> Response {
    let role = match role.as_str() {
        "publisher" => Role::Publisher,
        "subscriber" => Role::Subscriber,
        other => {
            let body =
                json!({ "error": format!("role {other:?} is neither publisher nor subscriber") });
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
    };
    let user = match (kind.as_str(), user.parse::<u32>()) {
        ("uid", Ok(uid)) => User::Uid(uid),
        ("account", _) => User::Account(user),
        _ => {
            let body = json!({ "error": "give /uid/<0..4294967295> or /account/<name>" });
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
    };
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
    State(p): State<Arc<Project>>,
    Path(user): Path<String>,
    Query(q): Query<Expiry>,
) -> Response {
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
async fn diagnose_token(State(p): State<Arc<Project>>, Json(d): Json<Diagnose>) -> Response {
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
        Some(e) => match TokenError::from_report(e, &CodeSpace::of(product)) {
            Ok(r) => Some(r),
            Err(why) => {
                let body = json!({ "error": format!("error {e:?}: {why}") });
                return (StatusCode::BAD_REQUEST, Json(body)).into_response();
            }
        },
    };
    let findings = match reported {
        Some(r) => diagnose_reported(&d.token, &join, now, r),
        None => diagnose(&d.token, &join, now),
    };
    let token = Token::parse(d.token.trim()).ok();
    Json(json!({
        "reported": reported.map(|e| e.as_str()),
        "token": token,
        "findings": findings,
        "advice": token.as_ref().map(Token::advice).unwrap_or_default(),
    }))
    .into_response()
}
