//! Conversational AI (voice agents): whether an agent can join with the tokens of its start
//! request, offline (feature `convoai`).
//!
//! A voice agent needs three tokens, and they are easily confused: the human client's RTC (and
//! RTM) tokens, the agent's own token in the request's `properties.token` (for the agent's uid
//! in the request's channel, with RTM too when the agent uses RTM), and, when the REST call is
//! not authorised by Basic auth, `Authorization: agora token=<token>`. This reads the start
//! request as Agora's REST reference writes it and says, cause first, which of the tokens in it
//! is wrong and why.

use std::fmt;

use super::finding::{Finding, FindingKind};
use super::{Diagnosis, JoinParams, User};
use crate::TokenError;

/// Which token of a start request a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AgentToken {
    /// The agent's own token, `properties.token`: for the agent's uid in the request's channel.
    Agent,
    /// The token of the REST call's `Authorization: agora token=<token>` header.
    Authorization,
}

impl AgentToken {
    /// Its stable name: `"agent"` or `"authorization"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            AgentToken::Agent => "agent",
            AgentToken::Authorization => "authorization",
        }
    }
}

impl fmt::Display for AgentToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            AgentToken::Agent => "the agent's token (properties.token)",
            AgentToken::Authorization => "the REST call's token (Authorization: agora token=)",
        })
    }
}

/// Why a start request could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AgentRequestError {
    /// The body is not JSON.
    #[error("the start request is not JSON: {0}")]
    NotJson(String),
    /// The body has no `properties` object, where the agent's channel, uid and token are.
    #[error("the start request has no `properties` object (channel, token, agent_rtc_uid)")]
    NoProperties,
}

/// A Conversational AI start request: what the agent joins with (`properties.channel`,
/// `agent_rtc_uid`, `enable_string_uid`, `token`, `advanced_features.enable_rtm`) and how the
/// REST call is authorised.
///
/// ```
/// use agora_token_errors::token::{AgentRequest, AgentToken, FindingKind};
///
/// let body = r#"{"name": "a1", "properties": {"channel": "room-7", "token": "",
///                "agent_rtc_uid": "1001", "remote_rtc_uids": ["*"]}}"#;
/// let request = AgentRequest::parse(body, Some("Basic dXNlcjpzZWNyZXQ="))?;
/// let findings = request.diagnose("970CA35de60c44645bbae8a215061b33", None, 1_800_000_000);
/// let (token, cause) = &findings[0];
/// assert_eq!((*token, cause.kind()), (AgentToken::Agent, FindingKind::NoToken));
/// # Ok::<(), agora_token_errors::token::AgentRequestError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentRequest {
    channel: Option<String>,
    token: Option<String>,
    agent_uid: Option<String>,
    string_uid: bool,
    rtm: bool,
    authorization: Option<String>,
}

/// The least lifetime left that an agent's token should have when the agent starts: an agent
/// does not renew its token, and leaves the channel when it expires.
const SESSION_MARGIN: u64 = 3600;

impl AgentRequest {
    /// Reads a start request's JSON `body` and its `Authorization` header value, if any.
    /// Fields missing or of the wrong type are not an error here: [`diagnose`](Self::diagnose)
    /// names them.
    pub fn parse(
        body: &str,
        authorization: Option<&str>,
    ) -> Result<AgentRequest, AgentRequestError> {
        let value: serde_json::Value =
            serde_json::from_str(body).map_err(|e| AgentRequestError::NotJson(e.to_string()))?;
        let properties = value
            .get("properties")
            .filter(|p| p.is_object())
            .ok_or(AgentRequestError::NoProperties)?;
        let text = |v: Option<&serde_json::Value>| match v {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let flag =
            |v: Option<&serde_json::Value>| v.and_then(serde_json::Value::as_bool) == Some(true);
        Ok(AgentRequest {
            channel: text(properties.get("channel")),
            token: text(properties.get("token")),
            agent_uid: text(properties.get("agent_rtc_uid")),
            string_uid: flag(properties.get("enable_string_uid")),
            rtm: flag(
                properties
                    .get("advanced_features")
                    .and_then(|a| a.get("enable_rtm")),
            ),
            authorization: authorization.map(str::to_owned),
        })
    }

    /// What would keep the agent from joining, or the REST call from being accepted, for the
    /// project `app_id` at `now_unix`, cause first, each with the token it is about. With the
    /// App Certificate, the signatures are checked too. Empty when the tokens are right.
    #[must_use]
    pub fn diagnose(
        &self,
        app_id: &str,
        certificate: Option<&str>,
        now_unix: u64,
    ) -> Vec<(AgentToken, Finding)> {
        let mut out: Vec<(AgentToken, Finding)> = Vec::new();
        self.agent_findings(app_id, certificate, now_unix, &mut out);
        self.authorization_findings(app_id, certificate, now_unix, &mut out);
        out.sort_by_key(|(_, f)| f.rank());
        out
    }

    fn agent_findings(
        &self,
        app_id: &str,
        certificate: Option<&str>,
        now: u64,
        out: &mut Vec<(AgentToken, Finding)>,
    ) {
        let agent = |f: Finding| (AgentToken::Agent, f);
        let Some(channel) = self.channel.as_deref().filter(|c| !c.is_empty()) else {
            out.push(agent(request_field(
                "channel",
                "the channel the agent joins",
            )));
            return;
        };
        let Some(uid) = self.agent_uid.as_deref().filter(|u| !u.is_empty()) else {
            out.push(agent(request_field(
                "agent_rtc_uid",
                "the uid the agent joins as",
            )));
            return;
        };
        let user = if self.string_uid {
            User::Account(uid.to_owned())
        } else if let Ok(n) = uid.parse::<u32>() {
            User::Uid(n)
        } else {
            out.push(agent(Finding::new(
                FindingKind::AgentUid,
                TokenError::InvalidUserAccount,
                format!("agent_rtc_uid is \"{}\", which is not an int uid, and enable_string_uid is not set: the agent cannot join as it.", shorten(uid)),
                "Give an int uid (\"0\" lets Agora pick one; the token must then be built for uid 0), or set enable_string_uid to true and build the token for that user account.",
            )));
            return;
        };
        let token = self.token.as_deref().unwrap_or("");
        let with_cert = |join: JoinParams| match certificate {
            Some(c) => join.with_app_certificate(c),
            None => join,
        };
        let rtc = Diagnosis::of(
            token,
            &with_cert(JoinParams::new(app_id, channel).with_user(user)),
            now,
            None,
        );
        out.extend(rtc.findings().iter().cloned().map(agent));
        if self.rtm && rtc.token().is_some() {
            // The agent logs in to RTM with its uid as its user id: the same token must carry it.
            let login = Diagnosis::of(token, &with_cert(JoinParams::rtm(app_id, uid)), now, None);
            // What the RTC join already said (an expiry, an App ID) is said once.
            let new: Vec<Finding> = login
                .findings()
                .iter()
                .filter(|f| !out.iter().any(|(_, g)| g.message() == f.message()))
                .cloned()
                .collect();
            out.extend(new.into_iter().map(agent));
        }
        if let Some(t) = rtc.token() {
            let left = t.expires_at().saturating_sub(now);
            if left > 0 && left < SESSION_MARGIN {
                out.push(agent(
                    Finding::new(
                        FindingKind::ShortForSession,
                        TokenError::TokenExpired,
                        format!("The agent's token expires {} min after the start: an agent does not renew its token, and leaves the channel then.", left / 60),
                        "Build the agent's token to outlast the longest session you allow (up to 24 hours), or stop and start the agent again with a new token before it expires.",
                    )
                    .warning(),
                ));
            }
        }
    }

    fn authorization_findings(
        &self,
        app_id: &str,
        certificate: Option<&str>,
        now: u64,
        out: &mut Vec<(AgentToken, Finding)>,
    ) {
        let header = self.authorization.as_deref().map_or("", str::trim);
        let rest = |f: Finding| (AgentToken::Authorization, f);
        if header.is_empty() {
            out.push(rest(Finding::new(
                FindingKind::NoAuthorization,
                TokenError::InvalidToken,
                "The REST call carries no Authorization header: Conversational AI answers 401 before the agent is started.".to_owned(),
                "Send `Authorization: Basic <base64 of customer key:secret>`, or `Authorization: agora token=<token>` with a token of this App ID built by the RTC+RTM builder.",
            )));
            return;
        }
        let lower = header.to_ascii_lowercase();
        if lower.starts_with("basic ") {
            // Basic auth: the customer key and secret, which cannot be checked offline.
            return;
        }
        let Some(token) = lower
            .find("token=")
            .filter(|_| lower.starts_with("agora "))
            .map(|at| header[at + 6..].trim().trim_matches('"'))
        else {
            out.push(rest(Finding::new(
                FindingKind::NoAuthorization,
                TokenError::InvalidToken,
                "The Authorization header is neither `Basic <credentials>` nor `agora token=<token>`: Conversational AI answers 401.".to_owned(),
                "Use `Authorization: Basic <base64 of customer key:secret>`, or `Authorization: agora token=<token>`.",
            )));
            return;
        };
        let decoded = Diagnosis::of_token(token);
        let Some(t) = decoded.token() else {
            let why = decoded
                .unreadable()
                .map_or_else(String::new, |e| format!(": {e}"));
            out.push(rest(Finding::new(
                FindingKind::Unparseable,
                TokenError::InvalidToken,
                format!("The token in the Authorization header cannot be read{why}: the REST call gets 401."),
                "Pass a whole 007 token of this App ID after `agora token=`, unquoted and unescaped.",
            )));
            return;
        };
        if !t.app_id().eq_ignore_ascii_case(app_id) {
            out.push(rest(Finding::new(
                FindingKind::AppIdMismatch,
                TokenError::InvalidAppId,
                format!("The Authorization header's token is for App ID {}, not {app_id}: the REST call gets 401.", t.app_id()),
                "Build the header's token with the App ID and App Certificate of the project the agent runs in.",
            )));
        }
        if t.expires_at() <= now {
            out.push(rest(Finding::new(
                FindingKind::Expired,
                TokenError::TokenExpired,
                format!("The Authorization header's token expired {} s before the call.", now - t.expires_at()),
                "Build a fresh token for each REST call, or one that lives as long as the calls are made.",
            )));
        }
        if let Some(cert) = certificate
            && t.verify(cert) == super::Verification::Invalid
        {
            out.push(rest(Finding::new(
                FindingKind::SignatureMismatch,
                TokenError::InvalidToken,
                "The Authorization header's token is not signed with the App Certificate given."
                    .to_owned(),
                "Build it with the project's current App Certificate.",
            )));
        }
    }
}

/// A start request that lacks what the agent joins with.
fn request_field(field: &str, what: &str) -> Finding {
    Finding::new(
        FindingKind::AgentRequest,
        TokenError::InvalidToken,
        format!("The start request's properties have no {field} ({what}): the agent cannot join."),
        format!("Set properties.{field}, and build the agent's token for that channel and uid."),
    )
}

/// A value as a message may quote it: its first 32 characters.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(32).collect();
    if out.len() < s.len() {
        out.push_str("...");
    }
    out
}
