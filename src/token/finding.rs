//! What diagnosis reports: findings (faults, each with the error the SDK reports for it) and
//! advice (what works but could be better, which is not a fault).

use core::fmt;

use super::Damage;
use super::text::Text;
use crate::{Locale, TokenError};

/// Declares [`FindingKind`]: its field-less kinds, each with its stable name, and
/// `Damaged`, so that `ALL` and `as_str` cannot drift from the enum.
macro_rules! finding_kinds {
    ($($(#[$vmeta:meta])* $variant:ident = $id:literal,)*) => {
        /// What a finding is about.
        ///
        /// With `serde` it is written as its [`as_str`](FindingKind::as_str), as every named
        /// type is: `"damaged"` for every kind of damage, whose damage a [`Finding`] writes in
        /// its own `damage` field. So a damaged kind alone is output-only: reading `"damaged"`
        /// back fails (reading `"damaged: quoted"`, its `Display`, succeeds).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum FindingKind {
            /// The token was damaged on its way (whitespace, quotes, JSON or URL encoding, ...).
            Damaged(Damage),
            $($(#[$vmeta])* $variant,)*
        }

        /// The kinds without a field, in declaration order.
        const PLAIN: &[FindingKind] = &[$(FindingKind::$variant),*];

        impl FindingKind {
            /// Its stable lower snake_case name (`"channel_mismatch"`; `"damaged"` for every
            /// kind of damage, which [`Finding`] serialises in its own `damage` field and
            /// `Display` adds: `damaged: space_for_plus`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    FindingKind::Damaged(_) => "damaged",
                    $(FindingKind::$variant => $id,)*
                }
            }
        }
    };
}

finding_kinds! {
    /// No token was given.
    NoToken = "no_token",
    /// The string is not a token.
    Unparseable = "unparseable",
    /// A DynamicKey 3/4/5 or signaling key, which current SDKs do not take.
    ObsoleteFormat = "obsolete_format",
    /// An App ID (the client's or the token's) is not 32 hexadecimal characters, or carries
    /// whitespace.
    AppIdMalformed = "app_id_malformed",
    /// The token's App ID is not the one the client uses.
    AppIdMismatch = "app_id_mismatch",
    /// The token grants none of the services the join needs (an RTM or Chat token used to join
    /// RTC, an RTC-only token used to log in to RTM).
    WrongService = "wrong_service",
    /// The token is for another channel.
    ChannelMismatch = "channel_mismatch",
    /// The token is for another user.
    UserMismatch = "user_mismatch",
    /// The token is for a user account and the client joined with an int uid, or the reverse.
    UserKindMismatch = "user_kind_mismatch",
    /// The client joined as uid 0 (the SDK picks a uid) but the token names a uid.
    UidZeroJoin = "uid_zero_join",
    /// The user account joined with is not one Agora accepts (empty, too long, other characters).
    InvalidAccount = "invalid_account",
    /// The token has expired.
    Expired = "expired",
    /// The join-channel (or RTM login) privilege has expired although the token has not.
    JoinPrivilegeExpired = "join_privilege_expired",
    /// A 007 lifetime that looks like an absolute Unix time (007 wants seconds from now).
    ExpireLooksAbsolute = "expire_looks_absolute",
    /// A 006 privilege expiry that looks like seconds from now (006 wants a Unix time).
    ExpireLooksRelative = "expire_looks_relative",
    /// A lifetime over the 24 hours Agora allows.
    LifetimeOverOneDay = "lifetime_over_one_day",
    /// The time given is before the token's issue time: a clock is off.
    ClockSkew = "clock_skew",
    /// The signature does not match the App Certificate given.
    SignatureMismatch = "signature_mismatch",
    /// The App Certificate given is not 32 hexadecimal digits.
    CertificateMalformed = "certificate_malformed",
    /// The token grants joining only, no publishing: a role switch to host is refused where the
    /// project requires co-host authentication (for a reported
    /// [`PrivilegeMissing`](crate::TokenError::PrivilegeMissing)).
    NoPublishPrivilege = "no_publish_privilege",
    /// The token's RTM 2.x resource permissions limit what the login may read and write (for a
    /// reported [`PrivilegeMissing`](crate::TokenError::PrivilegeMissing)).
    RtmPermissionsLimited = "rtm_permissions_limited",
    /// A cause only the project's settings or a clock can confirm (diagnosing a reported
    /// error with [`Diagnosis::of`](super::Diagnosis::of)).
    NotVisibleOffline = "not_visible_offline",
    /// A Conversational AI start request lacks the channel or uid the agent joins with.
    AgentRequest = "agent_request",
    /// A Conversational AI agent's uid is not an int uid and `enable_string_uid` is not set.
    AgentUid = "agent_uid",
    /// A Conversational AI REST call carries no usable `Authorization` header.
    NoAuthorization = "no_authorization",
    /// A Conversational AI agent's token expires soon after the start: agents do not renew.
    ShortForSession = "short_for_session",
}

/// How many kinds there are: the field-less ones, and one per [`Damage`].
const KINDS: usize = PLAIN.len() + Damage::ALL.len();

impl FindingKind {
    /// Every kind, `Damaged` once with each [`Damage`] (in [`Damage::ALL`]'s order), then the
    /// field-less ones in declaration order.
    pub const ALL: &'static [FindingKind] = &{
        let mut all = [FindingKind::NoToken; KINDS];
        let mut i = 0;
        while i < Damage::ALL.len() {
            all[i] = FindingKind::Damaged(Damage::ALL[i]);
            i += 1;
        }
        let mut j = 0;
        while j < PLAIN.len() {
            all[i + j] = PLAIN[j];
            j += 1;
        }
        all
    };
}

crate::space::listed_enum! {
/// How bad a finding is. Findings come sorted by it, errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// The join fails, or the user is removed from the channel, because of it.
    Error = "error",
    /// Nothing fails yet, but it will (a lifetime over 24 h), or something is off that may make
    /// it fail (a clock).
    Warning = "warning",
}
}

crate::space::listed_enum! {
/// Whether a finding is certain or the likeliest explanation of what cannot be seen offline
/// (whether the App Certificate is enabled, whether the App ID is active). Among findings of one
/// severity, certain ones come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Certainty {
    /// Read from the token and the join parameters.
    Certain = "certain",
    /// Only the project's settings in Agora Console (or a clock) can confirm it.
    Likely = "likely",
}
}

crate::space::labelled!(
    Severity,
    |v| v.as_str(),
    "a severity: \"error\" or \"warning\""
);
crate::space::labelled!(
    Certainty,
    |v| v.as_str(),
    "a certainty: \"certain\" or \"likely\""
);

/// One fault diagnosis found, with the error the SDK reports for it and how to fix it.
///
/// Its texts are in English unless the diagnosis that gave it was put in another locale
/// ([`Diagnosis::with_locale`](super::Diagnosis::with_locale)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    kind: FindingKind,
    error: TokenError,
    severity: Severity,
    certainty: Certainty,
    message: Text,
    fix: Text,
    locale: Locale,
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FindingKind::Damaged(d) => write!(f, "damaged: {}", d.as_str()),
            k => f.write_str(k.as_str()),
        }
    }
}

/// Reads a field-less kind's `as_str()` (in any case), and a damaged kind as `Display` writes it
/// (`damaged: space_for_plus`, the damage by its `as_str()` or its label).
impl core::str::FromStr for FindingKind {
    type Err = crate::UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const EXPECTED: &str = "a finding kind such as \"channel_mismatch\" or \"damaged: quoted\"";
        let damage = s
            .get(..8)
            .filter(|head| head.eq_ignore_ascii_case("damaged:"))
            .map(|_| s[8..].trim());
        if let Some(damage) = damage {
            return damage
                .parse()
                .map(FindingKind::Damaged)
                .map_err(|_| crate::UnknownName::new(s, EXPECTED));
        }
        crate::unknown::parse_keyed(s, PLAIN.iter().map(|&k| (k.as_str(), k)), EXPECTED)
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
        out.serialize_field("message", self.message())?;
        out.serialize_field("fix", self.fix())?;
        out.end()
    }
}

impl Finding {
    pub(super) fn new(kind: FindingKind, error: TokenError, message: Text, fix: Text) -> Finding {
        Finding {
            kind,
            error,
            severity: Severity::Error,
            certainty: Certainty::Certain,
            message,
            fix,
            locale: Locale::En,
        }
    }

    /// The same finding, its texts in `locale`.
    pub(super) fn in_locale(mut self, locale: Locale) -> Finding {
        self.locale = locale;
        self
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
        self.message.get(self.locale)
    }

    /// What to change in this token or join: a step for the case at hand (serialised as `fix`).
    /// [`TokenError::remediation`](crate::TokenError::remediation) is the error's general advice,
    /// whatever the token.
    #[must_use]
    pub fn fix(&self) -> &str {
        self.fix.get(self.locale)
    }

    /// Whether this finding explains an SDK's report of `reported`: its own error, or one of the
    /// errors that error also surfaces as ([`TokenError::also_reported_as`]: an App ID mismatch
    /// is an invalid token on the Web, a project without a certificate is an invalid token on
    /// native SDKs).
    ///
    /// ```
    /// use agora_token_errors::TokenError;
    /// use agora_token_errors::token::{Diagnosis, JoinParams};
    ///
    /// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
    /// let diagnosis = Diagnosis::of("", &join, 1_800_000_000, None);
    /// let findings = diagnosis.findings();
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
        let likely = self.certainty == Certainty::Likely;
        let (message, fix) = (self.message(), self.fix());
        match self.locale {
            Locale::En => {
                let likely = if likely { "likely " } else { "" };
                write!(
                    f,
                    "{likely}{} ({}): {message} Fix: {fix}",
                    self.severity, self.error
                )
            }
            Locale::Zh => {
                let likely = if likely { "可能的" } else { "" };
                let severity = match self.severity {
                    Severity::Error => "错误",
                    Severity::Warning => "警告",
                };
                write!(
                    f,
                    "{likely}{severity}（{}）：{message} 解决方法：{fix}",
                    self.error.as_str()
                )
            }
        }
    }
}

crate::space::listed_enum! {
/// What advice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AdviceKind {
    /// A 006 AccessToken: still accepted, but superseded by AccessToken2 (007).
    LegacyAccessToken = "legacy_access_token",
    /// A privilege ends before the token does (on purpose, with `...AndPrivilege` builders;
    /// always for 006 tokens, whose builders put the token's own expiry 24 h ahead).
    PrivilegeEndsBeforeToken = "privilege_ends_before_token",
    /// A lifetime under a minute: the will-expire callback comes 30 s before the end, leaving
    /// little time to renew.
    ShortLifetime = "short_lifetime",
    /// The token was built for uid 0 (or an empty account) and admits any user.
    AnyUser = "any_user",
    /// A privilege given 0 seconds when building: no limit of its own (it ends with the token),
    /// and some SDKs then fire no will-expire callback for it.
    PrivilegeWithoutLimit = "privilege_without_limit",
    /// A privilege set to last longer than the token when building: the token's expiry ends it
    /// first.
    PrivilegeLongerThanToken = "privilege_longer_than_token",
    /// An all-digit account given to the builder: the token is the same as one for that int uid.
    NumericAccount = "numeric_account",
}
}

crate::space::labelled!(
    AdviceKind,
    |v| v.as_str(),
    "an advice kind such as \"short_lifetime\""
);

/// Something about a token that works but is worth knowing: not a fault, so not a
/// [`Finding`] and not tied to a [`TokenError`]. See [`Diagnosis::advice`](super::Diagnosis::advice)
/// (in the diagnosis's locale) and, before a token is signed,
/// [`TokenBuilder::warnings`](super::TokenBuilder::warnings).
///
/// With `serde` it is written as `kind`, `message` and `fix`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    kind: AdviceKind,
    message: Text,
    fix: Text,
    locale: Locale,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Advice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = s.serialize_struct("Advice", 3)?;
        out.serialize_field("kind", &self.kind)?;
        out.serialize_field("message", self.message())?;
        out.serialize_field("fix", self.fix())?;
        out.end()
    }
}

impl Advice {
    pub(crate) fn new(kind: AdviceKind, message: Text, fix: Text) -> Advice {
        Advice {
            kind,
            message,
            fix,
            locale: Locale::En,
        }
    }

    /// The same advice, its texts in `locale`.
    pub(in crate::token) fn in_locale(mut self, locale: Locale) -> Advice {
        self.locale = locale;
        self
    }

    /// What it is about.
    #[must_use]
    pub fn kind(&self) -> AdviceKind {
        self.kind
    }

    /// What was seen.
    #[must_use]
    pub fn message(&self) -> &str {
        self.message.get(self.locale)
    }

    /// What to consider changing.
    #[must_use]
    pub fn fix(&self) -> &str {
        self.fix.get(self.locale)
    }
}

impl fmt::Display for Advice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (message, fix) = (self.message(), self.fix());
        match self.locale {
            Locale::En => write!(f, "advice: {message} Consider: {fix}"),
            Locale::Zh => write!(f, "建议：{message} 可以考虑：{fix}"),
        }
    }
}
