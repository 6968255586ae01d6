//! Comparing a token with the join it was used for, and naming what would fail.

use core::fmt;

use super::{Damage, ServiceKind, Token, TokenParseError, Version};
use crate::TokenError;

/// Agora caps a privilege at this many seconds (24 h; builder docs and `RtcTokenBuilder2`).
const MAX_LIFETIME: u64 = 24 * 3600;

/// A 007 lifetime this large is a Unix time passed where seconds-from-now were wanted
/// (1,000,000,000 s is over 31 years; as a date, September 2001).
const LOOKS_ABSOLUTE: u64 = 1_000_000_000;

/// The user a client joins as.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum User {
    /// An int uid; 0 lets the SDK pick one.
    Uid(u32),
    /// A string user account.
    Account(String),
}

impl User {
    /// How a token spells this user: uid 0 as `""`, other uids in decimal, accounts as they are.
    pub(super) fn as_token_text(&self) -> String {
        match self {
            User::Uid(0) => String::new(),
            User::Uid(uid) => uid.to_string(),
            User::Account(account) => account.clone(),
        }
    }
}

impl fmt::Display for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            User::Uid(uid) => write!(f, "uid {uid}"),
            User::Account(account) => write!(f, "user account {account:?}"),
        }
    }
}

/// What the client joined with: App ID, channel, user and, optionally, the App Certificate to
/// check the signature with (feature `verify`).
///
/// ```
/// use agora_token_errors::token::JoinParams;
///
/// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(12345);
/// let by_account = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_account("alice");
/// # let _ = (join, by_account);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct JoinParams {
    app_id: String,
    channel: String,
    user: User,
    certificate: Option<String>,
}

impl JoinParams {
    /// A join to `channel` under `app_id`, as uid 0 until [`with_uid`](Self::with_uid) or
    /// [`with_account`](Self::with_account) says otherwise.
    #[must_use]
    pub fn new(app_id: impl Into<String>, channel: impl Into<String>) -> JoinParams {
        JoinParams {
            app_id: app_id.into(),
            channel: channel.into(),
            user: User::Uid(0),
            certificate: None,
        }
    }

    /// Joins as this int uid.
    #[must_use]
    pub fn with_uid(mut self, uid: u32) -> JoinParams {
        self.user = User::Uid(uid);
        self
    }

    /// Joins as this user account (string uid).
    #[must_use]
    pub fn with_account(mut self, account: impl Into<String>) -> JoinParams {
        self.user = User::Account(account.into());
        self
    }

    /// The project's App Certificate, so that diagnosis can tell "signed with another
    /// certificate" from "built for other parameters" (used with the `verify` feature). It is
    /// never shown by `Debug`.
    #[must_use]
    pub fn with_app_certificate(mut self, certificate: impl Into<String>) -> JoinParams {
        self.certificate = Some(certificate.into());
        self
    }

    /// The App ID the engine was initialised with.
    #[must_use]
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The channel joined.
    #[must_use]
    pub fn channel(&self) -> &str {
        &self.channel
    }

    /// The user joined as.
    #[must_use]
    pub fn user(&self) -> &User {
        &self.user
    }

    #[cfg_attr(not(feature = "verify"), allow(dead_code))]
    pub(super) fn certificate(&self) -> Option<&str> {
        self.certificate.as_deref()
    }
}

/// Never shows the App Certificate.
impl fmt::Debug for JoinParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinParams")
            .field("app_id", &self.app_id)
            .field("channel", &self.channel)
            .field("user", &self.user)
            .field(
                "app_certificate",
                &self.certificate.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// No token was given.
    NoToken,
    /// The string is not a token.
    Unparseable,
    /// The token was damaged on its way (whitespace, `+` turned into a space, URL encoding, ...).
    Damaged(Damage),
    /// A DynamicKey 3/4/5 or signaling key, which current SDKs do not take.
    ObsoleteFormat,
    /// A 006 AccessToken: still accepted, but superseded by 007.
    LegacyAccessToken,
    /// An App ID is not 32 hexadecimal characters, or carries whitespace.
    AppIdMalformed,
    /// The token's App ID is not the one the client uses.
    AppIdMismatch,
    /// The token grants no RTC service (an RTM, Chat, ... token used to join RTC).
    WrongService,
    /// The token is for another channel.
    ChannelMismatch,
    /// The token is for another user.
    UserMismatch,
    /// The token is for a user account and the client joined with an int uid, or the reverse.
    UserKindMismatch,
    /// The client joined as uid 0 (the SDK picks a uid) but the token names a uid.
    UidZeroJoin,
    /// The token has expired.
    Expired,
    /// The join-channel privilege has expired although the token has not.
    JoinPrivilegeExpired,
    /// A privilege ends before the token does.
    PrivilegeEndsBeforeToken,
    /// A 007 lifetime that looks like an absolute Unix time (007 wants seconds from now).
    ExpireLooksAbsolute,
    /// A 006 privilege expiry that looks like seconds from now (006 wants a Unix time).
    ExpireLooksRelative,
    /// A lifetime over the 24 hours Agora allows.
    LifetimeOverOneDay,
    /// The signature does not match the App Certificate given.
    SignatureMismatch,
    /// A cause only the project's settings or a clock can confirm (from [`diagnose_reported`]).
    NotVisibleOffline,
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// The join fails, or the user is removed from the channel, because of it.
    Error,
    /// Nothing fails yet, but it will (a privilege that ends early, a lifetime over 24 h).
    Warning,
    /// Works, but should change (a legacy format).
    Advice,
}

/// Whether a finding is certain or the likeliest explanation of what cannot be seen offline
/// (whether the App Certificate is enabled, whether the App ID is active).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Certainty {
    /// Read from the token and the join parameters.
    Certain,
    /// Only the project's settings in Agora Console can confirm it.
    Likely,
}

/// One thing diagnosis found, with the error the SDK reports for it and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    kind: FindingKind,
    error: TokenError,
    severity: Severity,
    certainty: Certainty,
    message: String,
    fix: String,
}

impl Finding {
    fn new(
        kind: FindingKind,
        error: TokenError,
        message: String,
        fix: impl Into<String>,
    ) -> Finding {
        Finding {
            kind,
            error,
            severity: Severity::Error,
            certainty: Certainty::Certain,
            message,
            fix: fix.into(),
        }
    }

    fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    fn likely(mut self) -> Finding {
        self.certainty = Certainty::Likely;
        self
    }

    /// The error the SDK reports (or will report) for it.
    #[must_use]
    pub fn error(&self) -> TokenError {
        self.error
    }

    /// What it is about.
    #[must_use]
    pub fn kind(&self) -> FindingKind {
        self.kind
    }

    /// Whether it fails now, later, or is advice.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether it is certain or likely.
    #[must_use]
    pub fn certainty(&self) -> Certainty {
        self.certainty
    }

    /// What is wrong, specifically (values, times, how long ago).
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What to change.
    #[must_use]
    pub fn fix(&self) -> &str {
        &self.fix
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let likely = if self.certainty == Certainty::Likely {
            "likely "
        } else {
            ""
        };
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        };
        write!(
            f,
            "{likely}{severity} ({}): {} Fix: {}",
            self.error, self.message, self.fix
        )
    }
}

/// Diagnoses a token string: like [`Token::diagnose`], and an unparseable or damaged token is
/// reported as a finding too. Damage that can be undone (whitespace, a space for `+`, URL
/// encoding, quotes, the URL-safe alphabet) is reported, undone, and the repaired token diagnosed.
///
/// ```
/// use agora_token_errors::TokenError;
/// use agora_token_errors::token::{JoinParams, diagnose};
///
/// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
/// let findings = diagnose("", &join, 1_800_000_000);
/// assert_eq!(findings[0].error(), TokenError::DynamicUseStaticKey);
/// let findings = diagnose("not a token", &join, 1_800_000_000);
/// assert_eq!(findings[0].error(), TokenError::InvalidToken);
/// ```
#[must_use]
pub fn diagnose(token: &str, join: &JoinParams, now_unix: u64) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_join(join, &mut findings);
    if token.trim().is_empty() {
        findings.push(
            Finding::new(
                FindingKind::NoToken,
                TokenError::DynamicUseStaticKey,
                "No token was given. If the project has its App Certificate enabled, the join is refused.".to_owned(),
                "Build a token on your server with the project's App Certificate and pass it to the join call; only projects in App-ID-only mode take no token (check the project in Agora Console).",
            )
            .likely(),
        );
        return findings;
    }
    let mut text = token.to_owned();
    // Each round undoes one kind of damage; three kinds at once is already unusual.
    for _ in 0..4 {
        match Token::parse(&text) {
            Ok(t) => {
                check_token(&t, join, now_unix, &mut findings);
                return findings;
            }
            Err(TokenParseError::Damaged(damage)) => {
                findings.push(Finding::new(
                    FindingKind::Damaged(damage),
                    TokenError::InvalidToken,
                    format!("The token is damaged: {}.", damage.describe()),
                    damage.fix(),
                ));
                match repair(&text, damage) {
                    Some(repaired) if repaired != text => text = repaired,
                    _ => return findings,
                }
            }
            Err(TokenParseError::Obsolete(kind)) => {
                findings.push(Finding::new(
                    FindingKind::ObsoleteFormat,
                    TokenError::InvalidToken,
                    format!("This is an obsolete {kind} key, which current SDKs reject."),
                    "Build an AccessToken2 (007) token with Agora's current token builders (npm `agora-token`, or the AgoraDynamicKey sources for your server language).",
                ));
                return findings;
            }
            Err(e) => {
                findings.push(Finding::new(
                    FindingKind::Unparseable,
                    TokenError::InvalidToken,
                    format!("This is not a usable Agora token: {e}."),
                    "Pass the token exactly as your token server's builder returned it.",
                ));
                return findings;
            }
        }
    }
    findings
}

/// Undoes one kind of damage, where it can be undone.
fn repair(token: &str, damage: Damage) -> Option<String> {
    Some(match damage {
        Damage::LeadingWhitespace | Damage::TrailingWhitespace => token.trim().to_owned(),
        Damage::Quoted => token.trim_matches(|c| c == '"' || c == '\'').to_owned(),
        Damage::SpaceForPlus => token.replace(' ', "+"),
        Damage::UrlSafeAlphabet => token.replace('-', "+").replace('_', "/"),
        Damage::UrlEncoded => {
            let mut out = token.to_owned();
            for (from, to) in [
                ("%2B", "+"),
                ("%2b", "+"),
                ("%2F", "/"),
                ("%2f", "/"),
                ("%3D", "="),
                ("%3d", "="),
            ] {
                out = out.replace(from, to);
            }
            out
        }
        Damage::Truncated => return None,
    })
}

fn is_app_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks on the join alone.
pub(super) fn check_join(join: &JoinParams, findings: &mut Vec<Finding>) {
    let id = join.app_id();
    if !is_app_id(id) {
        let what = if id.trim() == id {
            format!(
                "is {} characters long, not 32 hexadecimal digits",
                id.chars().count()
            )
        } else {
            "has whitespace around it".to_owned()
        };
        findings.push(Finding::new(
            FindingKind::AppIdMalformed,
            TokenError::InvalidAppId,
            format!("The App ID the client uses {what}."),
            "Copy the App ID from the project page of Agora Console again and pass exactly those 32 characters to the engine.",
        ));
    }
}

/// Checks of a decoded token against the join.
pub(super) fn check_token(t: &Token, join: &JoinParams, now: u64, findings: &mut Vec<Finding>) {
    if t.version == Version::V006 {
        findings.push(
            Finding::new(
                FindingKind::LegacyAccessToken,
                TokenError::InvalidToken,
                "This is a legacy 006 AccessToken; it still works, but Agora recommends AccessToken2 (007).".to_owned(),
                "Switch the token server to Agora's AccessToken2 builders (npm `agora-token`, `RtcTokenBuilder2` in other languages).",
            )
            .with_severity(Severity::Advice),
        );
    }
    check_app_id(t, join, findings);
    let rtc = t.service(ServiceKind::Rtc);
    if rtc.is_none() {
        let granted: Vec<&str> = t.services.iter().map(|s| s.kind.name()).collect();
        let granted = if granted.is_empty() {
            "no known service".to_owned()
        } else {
            granted.join(", ")
        };
        findings.push(Finding::new(
            FindingKind::WrongService,
            TokenError::InvalidToken,
            format!("The token grants {granted}, not RTC: it cannot be used to join a channel."),
            "Build the join token with the RTC builder (`RtcTokenBuilder.buildTokenWithUid` or `buildTokenWithUserAccount`); RTM, Chat and other services need their own tokens.",
        ));
    } else {
        check_channel(t, join, findings);
        check_user(t, join, findings);
    }
    check_times(t, now, findings);
    #[cfg(feature = "verify")]
    check_signature(t, join, findings);
}

fn check_app_id(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    let ours = join.app_id().trim();
    if !is_app_id(&t.app_id) {
        findings.push(Finding::new(
            FindingKind::AppIdMalformed,
            TokenError::InvalidAppId,
            "The App ID inside the token is not 32 hexadecimal digits.".to_owned(),
            "Configure the token server with the App ID from Agora Console, exactly as shown there.",
        ));
    } else if t.app_id != ours {
        let detail = if t.app_id.eq_ignore_ascii_case(ours) {
            " (they differ only in letter case)"
        } else {
            ""
        };
        findings.push(Finding::new(
            FindingKind::AppIdMismatch,
            TokenError::InconsistentAppId,
            format!(
                "The token was built for App ID {} but the client uses {}{detail}; native 4.x SDKs report connection reason 24, the Web SDK an invalid token.",
                t.app_id, ours
            ),
            "Use one project: the token server's App ID and App Certificate must belong to the App ID the client initialises the engine with.",
        ));
    }
}

fn check_channel(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    if t.matches_channel(join.channel()) {
        return;
    }
    let ours = join.channel();
    let message = match t.service(ServiceKind::Rtc).and_then(|s| s.channel()) {
        Some(theirs) => {
            let hint = if theirs.trim() == ours.trim() {
                " (they differ only in surrounding whitespace)"
            } else if theirs.eq_ignore_ascii_case(ours) {
                " (they differ only in letter case; channel names are case-sensitive)"
            } else {
                ""
            };
            format!("The token is for channel {theirs:?} but the client joins {ours:?}{hint}.")
        }
        None => format!(
            "The token was built for another channel than {ours:?} (its CRC-32 of the channel name differs)."
        ),
    };
    findings.push(Finding::new(
        FindingKind::ChannelMismatch,
        TokenError::InvalidToken,
        message,
        "Build the token for exactly the channel name the client joins (same case, no extra whitespace), or join the channel the token names.",
    ));
}

fn check_user(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    let user = join.user();
    if t.matches_user(user) {
        return;
    }
    let fix_same = "Build the token for the same user the client joins as: the same int uid with `buildTokenWithUid`, or the same string with `buildTokenWithUserAccount`; or build it for uid 0 to admit any user.";
    let Some(theirs) = t.service(ServiceKind::Rtc).and_then(|s| s.user()) else {
        // 006: only a CRC-32 of the user is known.
        let (kind, message) = if *user == User::Uid(0) {
            (FindingKind::UidZeroJoin, "The client joins as uid 0 (the SDK then picks a uid) but the token was built for a specific user.".to_owned())
        } else {
            (
                FindingKind::UserMismatch,
                format!(
                    "The token was built for another user than {user} (its CRC-32 of the user differs)."
                ),
            )
        };
        findings.push(Finding::new(
            kind,
            TokenError::InvalidToken,
            message,
            fix_same,
        ));
        return;
    };
    let token_uid = theirs.parse::<u32>().ok();
    let (kind, message) = match (user, token_uid) {
        (User::Uid(0), _) => (
            FindingKind::UidZeroJoin,
            format!(
                "The client joins as uid 0, so the SDK picks a random uid, but the token is only for user {theirs:?}."
            ),
        ),
        (User::Uid(uid), None) => (
            FindingKind::UserKindMismatch,
            format!(
                "The token was built for user account {theirs:?} but the client joins with int uid {uid}; join with that user account instead."
            ),
        ),
        (User::Account(account), Some(_)) if account.parse::<u32>().is_err() => (
            FindingKind::UserKindMismatch,
            format!(
                "The token was built for int uid {theirs} but the client joins with user account {account:?}."
            ),
        ),
        _ => (
            FindingKind::UserMismatch,
            format!("The token is for user {theirs:?} but the client joins as {user}."),
        ),
    };
    findings.push(Finding::new(
        kind,
        TokenError::InvalidToken,
        message,
        fix_same,
    ));
}

fn check_times(t: &Token, now: u64, findings: &mut Vec<Finding>) {
    let renew = "Build a new token and join again with it (or pass it to `renewToken` while still in the channel); renew on every will-expire callback from then on.";
    let expired = now >= t.expires_at;
    if expired {
        findings.push(Finding::new(
            FindingKind::Expired,
            TokenError::TokenExpired,
            format!(
                "The token expired {} ago, at {}.",
                Duration(now - t.expires_at),
                UnixTime(t.expires_at)
            ),
            renew,
        ));
    }
    if let Some(lifetime) = t.lifetime.map(u64::from) {
        if lifetime >= LOOKS_ABSOLUTE {
            findings.push(
                Finding::new(
                    FindingKind::ExpireLooksAbsolute,
                    TokenError::TokenExpired,
                    format!(
                        "The token's lifetime is {lifetime} s ({}), which looks like a Unix time passed where a 007 builder wants seconds from now; Agora does not honour more than 24 h.",
                        Duration(lifetime)
                    ),
                    "Pass the lifetime in seconds (for example 3600), not `now + 3600`: 007 builders add the issue time themselves.",
                )
                .with_severity(Severity::Warning),
            );
        } else if lifetime > MAX_LIFETIME {
            findings.push(
                Finding::new(
                    FindingKind::LifetimeOverOneDay,
                    TokenError::TokenExpired,
                    format!(
                        "The token's lifetime is {}, more than the 24 h Agora allows.",
                        Duration(lifetime)
                    ),
                    "Build tokens for at most 24 hours and renew them on the will-expire callback.",
                )
                .with_severity(Severity::Warning),
            );
        }
    }
    let Some(rtc) = t.service(ServiceKind::Rtc) else {
        return;
    };
    for p in rtc.privileges() {
        let name = p.name().unwrap_or("a");
        if t.version == Version::V006 && p.raw() != 0 && u64::from(p.raw()) < LOOKS_ABSOLUTE {
            findings.push(Finding::new(
                FindingKind::ExpireLooksRelative,
                TokenError::TokenExpired,
                format!(
                    "The {name} privilege expires at Unix time {}, which looks like seconds from now passed where a 006 builder wants an absolute Unix time: it ended in 1970.",
                    p.raw()
                ),
                "Pass `now + seconds` as the 006 privilege expiry (or move to 007 builders, which take seconds from now).",
            ));
            continue;
        }
        let Some(end) = p.expires_at() else { continue };
        if expired || end >= t.expires_at {
            continue;
        }
        if now >= end {
            if p.id() == 1 {
                findings.push(Finding::new(
                    FindingKind::JoinPrivilegeExpired,
                    TokenError::TokenExpired,
                    format!(
                        "The join-channel privilege expired {} ago, at {}, although the token itself is valid until {}.",
                        Duration(now - end),
                        UnixTime(end),
                        UnixTime(t.expires_at)
                    ),
                    "Build the token with a join privilege that lasts as long as the token, then join again with it.",
                ));
            }
        } else {
            findings.push(
                Finding::new(
                    FindingKind::PrivilegeEndsBeforeToken,
                    TokenError::TokenExpired,
                    format!(
                        "The {name} privilege ends at {}, {} before the token does; the user loses it then.",
                        UnixTime(end),
                        Duration(t.expires_at - end)
                    ),
                    "Give each privilege the token's lifetime unless ending it early is intended, and renew before it ends.",
                )
                .with_severity(Severity::Warning),
            );
        }
    }
}

#[cfg(feature = "verify")]
fn check_signature(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    let Some(cert) = join.certificate() else {
        return;
    };
    let params_differ = findings.iter().any(|f| {
        matches!(
            f.kind,
            FindingKind::AppIdMismatch
                | FindingKind::ChannelMismatch
                | FindingKind::UserMismatch
                | FindingKind::UserKindMismatch
                | FindingKind::UidZeroJoin
        )
    });
    // A 006 signature covers the channel and user, so it can only be checked when they match.
    if t.version == Version::V006 && params_differ {
        return;
    }
    if !t.verify_with(cert, join) {
        findings.push(Finding::new(
            FindingKind::SignatureMismatch,
            TokenError::InvalidToken,
            "The token's signature does not match the App Certificate given: it was signed with another certificate (another project, or one since reset), or altered.".to_owned(),
            "Configure the token server with the App Certificate of the project whose App ID the client uses (Agora Console, project page), then build a new token.",
        ));
    }
}

/// A Unix time shown as a UTC date and time.
pub(super) struct UnixTime(pub(super) u64);

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0 / 86_400;
        let secs = self.0 % 86_400;
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

/// Days since 1970-01-01 to a (year, month, day), by Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(m <= 2), m, d)
}

/// A span of seconds in the two largest units: `3 h 12 min`, `2 d 4 h`, `45 s`.
struct Duration(u64);

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(u64, &str); 5] = [
            (365 * 86_400, "y"),
            (86_400, "d"),
            (3600, "h"),
            (60, "min"),
            (1, "s"),
        ];
        let secs = self.0;
        let Some(i) = UNITS.iter().position(|&(size, _)| secs >= size) else {
            return f.write_str("0 s");
        };
        let (size, unit) = UNITS[i];
        write!(f, "{} {unit}", secs / size)?;
        if let Some(&(next_size, next_unit)) = UNITS.get(i + 1) {
            let rest = secs % size / next_size;
            if rest > 0 {
                write!(f, " {rest} {next_unit}")?;
            }
        }
        Ok(())
    }
}

/// Diagnoses the token like [`diagnose`], for an error the SDK has already reported: when no
/// certain finding explains `reported`, the causes that cannot be seen offline are added as
/// [`Certainty::Likely`] findings, most likely first, each saying what to check in Agora Console.
///
/// ```
/// use agora_token_errors::TokenError;
/// use agora_token_errors::token::{Certainty, JoinParams, diagnose_reported};
///
/// // Nothing is wrong with this pair as far as can be seen offline.
/// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
/// let findings = diagnose_reported("", &join, 0, TokenError::DynamicUseStaticKey);
/// assert!(findings.iter().all(|f| f.error() == TokenError::DynamicUseStaticKey));
/// let findings = diagnose_reported("garbage", &join, 0, TokenError::InvalidToken);
/// assert_eq!(findings[0].certainty(), Certainty::Certain); // the certain cause comes first
/// ```
#[must_use]
pub fn diagnose_reported(
    token: &str,
    join: &JoinParams,
    now_unix: u64,
    reported: TokenError,
) -> Vec<Finding> {
    let mut findings = diagnose(token, join, now_unix);
    let explained = findings
        .iter()
        .any(|f| f.error == reported && f.severity == Severity::Error);
    if !explained {
        findings.extend(unseen_causes(
            reported,
            token.trim().is_empty(),
            join.certificate().is_some(),
        ));
    }
    findings
}

/// The causes of `reported` that only the project's settings (or a clock) can confirm.
fn unseen_causes(reported: TokenError, no_token: bool, certificate_checked: bool) -> Vec<Finding> {
    let likely = |error, message: &str, fix: &str| {
        Finding::new(
            FindingKind::NotVisibleOffline,
            error,
            message.to_owned(),
            fix,
        )
        .likely()
    };
    let mut out = Vec::new();
    match reported {
        TokenError::InvalidAppId => out.push(likely(
            TokenError::InvalidAppId,
            "The App ID is well formed and matches the token, so Agora likely does not know it as active: the project was deleted or disabled, or belongs to another account or region.",
            "Open the project in Agora Console, check that it is enabled, and copy its App ID again.",
        )),
        TokenError::InvalidToken | TokenError::StaticUseDynamicKey if !no_token => {
            out.push(likely(
                TokenError::StaticUseDynamicKey,
                "The project likely has no App Certificate enabled, so any token is refused (the Web SDK reports 119, native SDKs an invalid token).",
                "In Agora Console, enable the project's App Certificate (and build tokens with it), or join with no token.",
            ));
            if !certificate_checked && reported == TokenError::InvalidToken {
                out.push(likely(
                    TokenError::InvalidToken,
                    "The token was likely signed with another App Certificate: another project's, or one that has since been reset or disabled.",
                    "Compare the token server's App Certificate with the project's in Agora Console (or pass it with JoinParams::with_app_certificate to check the signature here).",
                ));
            }
        }
        TokenError::DynamicUseStaticKey | TokenError::InvalidToken => out.push(likely(
            TokenError::DynamicUseStaticKey,
            "No token was given and the project likely has its App Certificate enabled.",
            "Fetch a token from your token server and pass it to the join call.",
        )),
        TokenError::TokenExpired => out.push(likely(
            TokenError::TokenExpired,
            "The token does not look expired at the time given, so a clock is likely off (the token server's, which stamps the issue time, or the device's), or the token expired while the user stayed in the channel.",
            "Keep the token server's clock in sync (NTP), give tokens enough lifetime, and renew on every will-expire callback.",
        )),
        TokenError::InconsistentAppId => out.push(likely(
            TokenError::InconsistentAppId,
            "The token's App ID matches the one given here, so the engine was likely initialised with a different App ID than this one.",
            "Check the App ID the engine is created with at run time (build flavours, environment files) against the token server's.",
        )),
        _ => {}
    }
    out
}
