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
use super::text::tr;
use super::{Diagnosis, JoinParams, User};
use crate::{Locale, TokenError};

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
    locale: Locale,
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
            locale: Locale::En,
        })
    }

    /// The same request, its [`diagnose`](Self::diagnose) findings written in `locale`
    /// ([`Finding::message`], [`Finding::fix`], their `Display` and JSON); English by default.
    /// What is found does not change, only how it is said.
    ///
    /// ```
    /// use agora_token_errors::Locale;
    /// use agora_token_errors::token::{AgentRequest, AgentToken, FindingKind};
    ///
    /// let body = r#"{"name": "a1", "properties": {"channel": "room-7", "agent_rtc_uid": "1001"}}"#;
    /// let request = AgentRequest::parse(body, Some("Basic dXNlcjpzZWNyZXQ="))?.with_locale(Locale::Zh);
    /// let findings = request.diagnose("970CA35de60c44645bbae8a215061b33", None, 1_800_000_000);
    /// let (token, cause) = &findings[0];
    /// assert_eq!((*token, cause.kind()), (AgentToken::Agent, FindingKind::NoToken));
    /// assert!(cause.message().starts_with("没有传入 Token。"));
    /// # Ok::<(), agora_token_errors::token::AgentRequestError>(())
    /// ```
    #[must_use]
    pub fn with_locale(mut self, locale: Locale) -> AgentRequest {
        self.locale = locale;
        self
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
        out.into_iter()
            .map(|(token, f)| (token, f.in_locale(self.locale)))
            .collect()
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
                tr!(en: "the channel the agent joins", zh: "智能体加入的频道"),
            )));
            return;
        };
        let Some(uid) = self.agent_uid.as_deref().filter(|u| !u.is_empty()) else {
            out.push(agent(request_field(
                "agent_rtc_uid",
                tr!(en: "the uid the agent joins as", zh: "智能体加入频道时用的 uid"),
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
                tr!(
                    en: format!("agent_rtc_uid is \"{}\", which is not an int uid, and enable_string_uid is not set: the agent cannot join as it.", shorten(uid)),
                    zh: format!("agent_rtc_uid 是 \"{}\"，不是 int uid，而 enable_string_uid 没有设置：智能体无法以它加入频道。", shorten(uid)),
                ),
                tr!(
                    en: "Give an int uid (\"0\" lets Agora pick one; the token must then be built for uid 0), or set enable_string_uid to true and build the token for that user account.",
                    zh: "填写 int uid（\"0\" 表示由声网分配，此时 Token 必须为 uid 0 生成），或把 enable_string_uid 设为 true，并为这个 user account 生成 Token。",
                ),
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
                        tr!(
                            en: format!("The agent's token expires {} min after the start: an agent does not renew its token, and leaves the channel then.", left / 60),
                            zh: format!("智能体的 Token 在启动后 {} min 就会过期：智能体不会为自己的 Token 续期，届时会离开频道。", left / 60),
                        ),
                        tr!(
                            en: "Build the agent's token to outlast the longest session you allow (up to 24 hours), or stop and start the agent again with a new token before it expires.",
                            zh: "为智能体生成有效期长于你允许的最长会话（最多 24 小时）的 Token，或在它过期前停止智能体，再用新 Token 重新启动。",
                        ),
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
                tr!(
                    en: "The REST call carries no Authorization header: Conversational AI answers 401 before the agent is started.",
                    zh: "REST 请求没有带 Authorization 请求头：对话式 AI 引擎会在启动智能体之前就返回 401。",
                ),
                tr!(
                    en: "Send `Authorization: Basic <base64 of customer key:secret>`, or `Authorization: agora token=<token>` with a token of this App ID built by the RTC+RTM builder.",
                    zh: "发送 `Authorization: Basic <base64 of customer key:secret>`，或 `Authorization: agora token=<token>`，其中的 Token 须是用 RTC+RTM 生成方法为这个 App ID 生成的。",
                ),
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
                tr!(
                    en: "The Authorization header is neither `Basic <credentials>` nor `agora token=<token>`: Conversational AI answers 401.",
                    zh: "Authorization 请求头既不是 `Basic <credentials>`，也不是 `agora token=<token>`：对话式 AI 引擎会返回 401。",
                ),
                tr!(
                    en: "Use `Authorization: Basic <base64 of customer key:secret>`, or `Authorization: agora token=<token>`.",
                    zh: "使用 `Authorization: Basic <base64 of customer key:secret>` 或 `Authorization: agora token=<token>`。",
                ),
            )));
            return;
        };
        let decoded = Diagnosis::of_token(token);
        let Some(t) = decoded.token() else {
            out.push(rest(unreadable_header(decoded.unreadable())));
            return;
        };
        if !t.app_id().eq_ignore_ascii_case(app_id) {
            out.push(rest(Finding::new(
                FindingKind::AppIdMismatch,
                TokenError::InvalidAppId,
                tr!(
                    en: format!("The Authorization header's token is for App ID {}, not {app_id}: the REST call gets 401.", t.app_id()),
                    zh: format!("Authorization 请求头中的 Token 属于 App ID {}，而不是 {app_id}：REST 请求会得到 401。", t.app_id()),
                ),
                tr!(
                    en: "Build the header's token with the App ID and App Certificate of the project the agent runs in.",
                    zh: "用智能体所在项目的 App ID 和 App Certificate 生成请求头中的 Token。",
                ),
            )));
        }
        if t.expires_at() <= now {
            out.push(rest(Finding::new(
                FindingKind::Expired,
                TokenError::TokenExpired,
                tr!(
                    en: format!("The Authorization header's token expired {} s before the call.", now - t.expires_at()),
                    zh: format!("Authorization 请求头中的 Token 在这次请求之前 {} s 就已过期。", now - t.expires_at()),
                ),
                tr!(
                    en: "Build a fresh token for each REST call, or one that lives as long as the calls are made.",
                    zh: "每次 REST 请求都生成新的 Token，或生成有效期覆盖所有请求的 Token。",
                ),
            )));
        }
        if let Some(cert) = certificate
            && t.verify(cert) == super::Verification::Invalid
        {
            out.push(rest(Finding::new(
                FindingKind::SignatureMismatch,
                TokenError::InvalidToken,
                tr!(
                    en: "The Authorization header's token is not signed with the App Certificate given.",
                    zh: "Authorization 请求头中的 Token 不是用给出的 App Certificate 签名的。",
                ),
                tr!(
                    en: "Build it with the project's current App Certificate.",
                    zh: "用项目当前的 App Certificate 生成它。",
                ),
            )));
        }
    }
}

/// The `Authorization` header's token cannot be read (`why`).
fn unreadable_header(why: Option<&super::TokenParseError>) -> Finding {
    let message = match why.map(super::TokenParseError::text) {
        Some(why) => tr!(
            en: format!("The token in the Authorization header cannot be read: {}: the REST call gets 401.", why.en),
            zh: format!("无法读取 Authorization 请求头中的 Token：{}；REST 请求会得到 401。", why.zh),
        ),
        None => tr!(
            en: "The token in the Authorization header cannot be read: the REST call gets 401.",
            zh: "无法读取 Authorization 请求头中的 Token：REST 请求会得到 401。",
        ),
    };
    Finding::new(
        FindingKind::Unparseable,
        TokenError::InvalidToken,
        message,
        tr!(
            en: "Pass a whole 007 token of this App ID after `agora token=`, unquoted and unescaped.",
            zh: "在 `agora token=` 之后传入这个 App ID 的完整 007 Token，不加引号，也不转义。",
        ),
    )
}

/// A start request that lacks what the agent joins with.
fn request_field(field: &str, what: super::text::Text<&str>) -> Finding {
    Finding::new(
        FindingKind::AgentRequest,
        TokenError::InvalidToken,
        tr!(
            en: format!("The start request's properties have no {field} ({}): the agent cannot join.", what.en),
            zh: format!("启动请求的 properties 中没有 {field}（{}）：智能体无法加入频道。", what.zh),
        ),
        tr!(
            en: format!("Set properties.{field}, and build the agent's token for that channel and uid."),
            zh: format!("设置 properties.{field}，并为对应的频道和 uid 生成智能体的 Token。"),
        ),
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
