//! What diagnosis reports: findings (faults, each with the error the SDK reports for it) and
//! advice (what works but could be better, which is not a fault).

use core::fmt;

use super::Damage;
use crate::TokenError;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// No token was given.
    NoToken,
    /// The string is not a token.
    Unparseable,
    /// The token was damaged on its way (whitespace, quotes, JSON or URL encoding, ...).
    Damaged(Damage),
    /// A DynamicKey 3/4/5 or signaling key, which current SDKs do not take.
    ObsoleteFormat,
    /// An App ID (the client's or the token's) is not 32 hexadecimal characters, or carries
    /// whitespace.
    AppIdMalformed,
    /// The token's App ID is not the one the client uses.
    AppIdMismatch,
    /// The token grants none of the services the join needs (an RTM or Chat token used to join
    /// RTC, an RTC-only token used to log in to RTM).
    WrongService,
    /// The token is for another channel.
    ChannelMismatch,
    /// The token is for another user.
    UserMismatch,
    /// The token is for a user account and the client joined with an int uid, or the reverse.
    UserKindMismatch,
    /// The client joined as uid 0 (the SDK picks a uid) but the token names a uid.
    UidZeroJoin,
    /// The user account joined with is not one Agora accepts (empty, too long, other characters).
    InvalidAccount,
    /// The token has expired.
    Expired,
    /// The join-channel (or RTM login) privilege has expired although the token has not.
    JoinPrivilegeExpired,
    /// A 007 lifetime that looks like an absolute Unix time (007 wants seconds from now).
    ExpireLooksAbsolute,
    /// A 006 privilege expiry that looks like seconds from now (006 wants a Unix time).
    ExpireLooksRelative,
    /// A lifetime over the 24 hours Agora allows.
    LifetimeOverOneDay,
    /// The time given is before the token's issue time: a clock is off.
    ClockSkew,
    /// The signature does not match the App Certificate given.
    SignatureMismatch,
    /// The App Certificate given is not 32 hexadecimal digits.
    CertificateMalformed,
    /// The token grants joining only, no publishing: a role switch to host is refused where the
    /// project requires co-host authentication (for a reported
    /// [`PrivilegeMissing`](crate::TokenError::PrivilegeMissing)).
    NoPublishPrivilege,
    /// The token's RTM 2.x resource permissions limit what the login may read and write (for a
    /// reported [`PrivilegeMissing`](crate::TokenError::PrivilegeMissing)).
    RtmPermissionsLimited,
    /// A cause only the project's settings or a clock can confirm (from
    /// [`diagnose_reported`](super::diagnose_reported)).
    NotVisibleOffline,
}

/// How bad a finding is. Findings come sorted by it, errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// The join fails, or the user is removed from the channel, because of it.
    Error,
    /// Nothing fails yet, but it will (a lifetime over 24 h), or something is off that may make
    /// it fail (a clock).
    Warning,
}

/// Whether a finding is certain or the likeliest explanation of what cannot be seen offline
/// (whether the App Certificate is enabled, whether the App ID is active). Among findings of one
/// severity, certain ones come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Certainty {
    /// Read from the token and the join parameters.
    Certain,
    /// Only the project's settings in Agora Console (or a clock) can confirm it.
    Likely,
}

/// One fault diagnosis found, with the error the SDK reports for it and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    kind: FindingKind,
    error: TokenError,
    severity: Severity,
    certainty: Certainty,
    message: String,
    fix: String,
}

impl FindingKind {
    /// Its stable lower snake_case name (`"channel_mismatch"`; `"damaged"` for every kind of
    /// damage, which [`Finding`] serialises in its own `damage` field).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::NoToken => "no_token",
            FindingKind::Unparseable => "unparseable",
            FindingKind::Damaged(_) => "damaged",
            FindingKind::ObsoleteFormat => "obsolete_format",
            FindingKind::AppIdMalformed => "app_id_malformed",
            FindingKind::AppIdMismatch => "app_id_mismatch",
            FindingKind::WrongService => "wrong_service",
            FindingKind::ChannelMismatch => "channel_mismatch",
            FindingKind::UserMismatch => "user_mismatch",
            FindingKind::UserKindMismatch => "user_kind_mismatch",
            FindingKind::UidZeroJoin => "uid_zero_join",
            FindingKind::InvalidAccount => "invalid_account",
            FindingKind::Expired => "expired",
            FindingKind::JoinPrivilegeExpired => "join_privilege_expired",
            FindingKind::ExpireLooksAbsolute => "expire_looks_absolute",
            FindingKind::ExpireLooksRelative => "expire_looks_relative",
            FindingKind::LifetimeOverOneDay => "lifetime_over_one_day",
            FindingKind::ClockSkew => "clock_skew",
            FindingKind::SignatureMismatch => "signature_mismatch",
            FindingKind::CertificateMalformed => "certificate_malformed",
            FindingKind::NoPublishPrivilege => "no_publish_privilege",
            FindingKind::RtmPermissionsLimited => "rtm_permissions_limited",
            FindingKind::NotVisibleOffline => "not_visible_offline",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FindingKind::Damaged(d) => write!(f, "damaged: {}", d.as_str()),
            k => f.write_str(k.as_str()),
        }
    }
}

impl Severity {
    /// Its stable lower snake_case name: `"error"` or `"warning"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Certainty {
    /// Its stable lower snake_case name: `"certain"` or `"likely"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Certain => "certain",
            Certainty::Likely => "likely",
        }
    }
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Flat, in the crate's one JSON convention: `kind`, `damage` (for damage only), `error`,
/// `severity`, `certainty`, `message`, `fix`, each name its `as_str()`.
#[cfg(feature = "serde")]
impl serde::Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = s.serialize_struct("Finding", 7)?;
        out.serialize_field("kind", self.kind.as_str())?;
        if let FindingKind::Damaged(d) = self.kind {
            out.serialize_field("damage", d.as_str())?;
        } else {
            out.skip_field("damage")?;
        }
        out.serialize_field("error", &self.error)?;
        out.serialize_field("severity", self.severity.as_str())?;
        out.serialize_field("certainty", self.certainty.as_str())?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("fix", &self.fix)?;
        out.end()
    }
}

impl Finding {
    pub(super) fn new(
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

    pub(super) fn warning(mut self) -> Finding {
        self.severity = Severity::Warning;
        self
    }

    pub(super) fn likely(mut self) -> Finding {
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

    /// Whether it fails now, or will or may later.
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

    /// What to change in this token or join: a step for the case at hand (serialised as `fix`).
    /// [`TokenError::remediation`](crate::TokenError::remediation) is the error's general advice,
    /// whatever the token.
    #[must_use]
    pub fn fix(&self) -> &str {
        &self.fix
    }

    /// Whether this finding explains an SDK's report of `reported`: its own error, or one of the
    /// errors that error also surfaces as ([`TokenError::also_reported_as`]: an App ID mismatch
    /// is an invalid token on the Web, a project without a certificate is an invalid token on
    /// native SDKs).
    ///
    /// ```
    /// use agora_token_errors::TokenError;
    /// use agora_token_errors::token::{JoinParams, diagnose};
    ///
    /// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
    /// let findings = diagnose("", &join, 1_800_000_000);
    /// assert!(findings[0].explains(TokenError::InvalidToken)); // native SDKs report it so
    /// ```
    #[must_use]
    pub fn explains(&self, reported: TokenError) -> bool {
        self.error == reported || self.error.also_reported_as().contains(&reported)
    }

    /// The order findings are reported in: errors before warnings, certain before likely.
    pub(super) fn rank(&self) -> (Severity, Certainty) {
        (self.severity, self.certainty)
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
        };
        write!(
            f,
            "{likely}{severity} ({}): {} Fix: {}",
            self.error, self.message, self.fix
        )
    }
}

/// What advice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AdviceKind {
    /// A 006 AccessToken: still accepted, but superseded by AccessToken2 (007).
    LegacyAccessToken,
    /// A privilege ends before the token does (on purpose, with `...AndPrivilege` builders;
    /// always for 006 tokens, whose builders put the token's own expiry 24 h ahead).
    PrivilegeEndsBeforeToken,
    /// A lifetime under a minute: the will-expire callback comes 30 s before the end, leaving
    /// little time to renew.
    ShortLifetime,
    /// The token was built for uid 0 (or an empty account) and admits any user.
    AnyUser,
}

impl AdviceKind {
    /// Its stable lower snake_case name (`"short_lifetime"`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            AdviceKind::LegacyAccessToken => "legacy_access_token",
            AdviceKind::PrivilegeEndsBeforeToken => "privilege_ends_before_token",
            AdviceKind::ShortLifetime => "short_lifetime",
            AdviceKind::AnyUser => "any_user",
        }
    }
}

impl fmt::Display for AdviceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AdviceKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Something about a token that works but is worth knowing: not a fault, so not a
/// [`Finding`] and not tied to a [`TokenError`]. See [`Token::advice`](super::Token::advice).
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    kind: AdviceKind,
    message: String,
    fix: String,
}

impl Advice {
    pub(super) fn new(kind: AdviceKind, message: String, fix: impl Into<String>) -> Advice {
        Advice {
            kind,
            message,
            fix: fix.into(),
        }
    }

    /// What it is about.
    #[must_use]
    pub fn kind(&self) -> AdviceKind {
        self.kind
    }

    /// What was seen.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What to consider changing.
    #[must_use]
    pub fn fix(&self) -> &str {
        &self.fix
    }
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "advice: {} Consider: {}", self.message, self.fix)
    }
}
