//! The decoded token: its version, App ID, times, services and privileges.

use core::fmt;
use core::str::FromStr;

use super::permissions::RtmPermissions;
use super::time::UnixTime;
use super::{Advice, TokenParseError, User, diagnosis, parse};
use crate::UnknownName;

crate::space::listed_enum! {
/// An access token's format version; `as_str()` is how the token starts (`signaling` for the
/// retired `1:appId:expiry:md5` form). A [`Token`] is 006 or 007; the formats
/// Agora has retired are named where parsing refuses them
/// ([`TokenParseError::Obsolete`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Version {
    /// AccessToken (`006`): legacy, still built by `agora-access-token`.
    V006 = "006",
    /// AccessToken2 (`007`): what Agora recommends.
    V007 = "007",
    /// DynamicKey 3 (`003...`), retired.
    DynamicKey3 = "003",
    /// DynamicKey 4 (`004...`), retired.
    DynamicKey4 = "004",
    /// DynamicKey 5 (`005...`), retired.
    DynamicKey5 = "005",
    /// A signaling token (`1:appId:expiry:md5`), retired.
    Signaling = "signaling",
}
}

impl Version {
    /// Its name as Agora's docs write it (`006`, `DynamicKey 5`).
    fn label(self) -> &'static str {
        match self {
            Version::DynamicKey3 => "DynamicKey 3",
            Version::DynamicKey4 => "DynamicKey 4",
            Version::DynamicKey5 => "DynamicKey 5",
            Version::Signaling => "signaling token",
            other => other.as_str(),
        }
    }
}

crate::space::labelled!(
    Version,
    |v| v.label(),
    "a token version, \"006\" or \"007\" (or a retired one: \"005\", \"signaling\")"
);

/// Declares [`ServiceKind`] from one table, one row per 007 service type: the variant, its type
/// number, its `as_str` and its label. Every accessor and `ALL` come from the rows.
macro_rules! service_kinds {
    ($($(#[$doc:meta])* $variant:ident = ($ty:literal, $id:literal, $label:literal),)*) => {
        /// A service a token grants access to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ServiceKind {
            $($(#[$doc])* $variant,)*
        }

        impl ServiceKind {
            /// Every kind, in service type order.
            pub const ALL: &'static [ServiceKind] = &[$(ServiceKind::$variant),*];

            /// Its stable lower snake_case name: what the `serde` feature writes, and what
            /// `FromStr` reads back.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ServiceKind::$variant => $id,)*
                }
            }

            /// Its 007 service type number.
            #[must_use]
            pub fn service_type(self) -> u16 {
                match self {
                    $(ServiceKind::$variant => $ty,)*
                }
            }

            /// Its variant name (`Rtm2`).
            fn variant(self) -> &'static str {
                match self {
                    $(ServiceKind::$variant => stringify!($variant),)*
                }
            }

            /// Its name as Agora's console and docs write it (what `Display` prints).
            #[must_use]
            pub(crate) fn label(self) -> &'static str {
                match self {
                    $(ServiceKind::$variant => $label,)*
                }
            }
        }
    };
}

// The service types of AccessToken2: 1-8 from AgoraIO/Tools
// `DynamicKey/AgoraDynamicKey/go/src/accesstoken2/accesstoken.go` (its consts) and
// `cpp/src/AccessToken2.h`; 9 and 10 from npm `agora-token` 2.0.6 `src/AccessToken2.js`
// (`kConvoAIServiceType = 9`, `kSttServiceType = 10`).
service_kinds! {
    /// Real-time communication (voice and video channels); the only one that admits a join.
    Rtc = (1, "rtc", "RTC"),
    /// Real-time messaging (Signaling 1.x).
    Rtm = (2, "rtm", "RTM"),
    /// Media streaming.
    Streaming = (3, "streaming", "Streaming"),
    /// Full-path acceleration.
    Fpa = (4, "fpa", "FPA"),
    /// Chat (Agora Chat / Easemob).
    Chat = (5, "chat", "Chat"),
    /// Fusion CDN.
    Fcdn = (6, "fcdn", "FCDN"),
    /// Flexible Classroom (APaaS / Education).
    Apaas = (7, "apaas", "Flexible Classroom"),
    /// Real-time messaging 2.x (Signaling 2.x) with resource permissions.
    Rtm2 = (8, "rtm2", "RTM 2"),
    /// Conversational AI.
    ConvoAi = (9, "convo_ai", "Conversational AI"),
    /// Speech-to-text.
    Stt = (10, "stt", "Speech-to-Text"),
}

impl ServiceKind {
    /// The kind with this 007 service type number.
    #[must_use]
    pub fn from_type(service_type: u16) -> Option<ServiceKind> {
        ServiceKind::ALL
            .iter()
            .copied()
            .find(|k| k.service_type() == service_type)
    }

    /// The name of one of this service's privilege ids, if Agora's builders define it.
    pub(super) fn privilege_label(self, id: u16, version: Version) -> Option<&'static str> {
        match (self, id) {
            (ServiceKind::Rtc, privilege::ADMINISTRATE_CHANNEL) if version == Version::V006 => {
                Some("administrateChannel")
            }
            (ServiceKind::Rtc | ServiceKind::Rtm, privilege::RTM_LOGIN_006)
                if version == Version::V006 =>
            {
                Some("rtmLogin")
            }
            _ => privilege::TABLE
                .iter()
                .find(|&&(kind, row, _)| kind == self && row == id)
                .map(|&(_, _, label)| label),
        }
    }
}

#[path = "privileges.rs"]
pub(super) mod privilege;

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// One privilege a service grants, with its expiry as an absolute time.
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Privilege {
    pub(super) id: u16,
    pub(super) label: Option<&'static str>,
    pub(super) raw: u32,
    pub(super) expires_at: Option<u64>,
}

impl Privilege {
    /// The privilege id (1 is joinChannel for RTC).
    #[must_use]
    pub fn id(&self) -> u16 {
        self.id
    }

    /// Its name in Agora's builders (`joinChannel`, `publishAudioStream`, ...), if known.
    #[must_use]
    pub fn name(&self) -> Option<&'static str> {
        self.label
    }

    /// The value as stored: seconds after the issue time in 007, a Unix time in 006.
    #[must_use]
    pub fn raw(&self) -> u32 {
        self.raw
    }

    /// When the privilege ends, in Unix seconds, or `None` when it has no limit of its own and
    /// ends with the token.
    ///
    /// A stored 0 means no limit of its own: 006 builders document it so, 007 builders use it as
    /// their default `privilegeExpire`, and Agora staff advise signing the join privilege "with a
    /// timestamp" to get expiry callbacks at all.
    #[must_use]
    pub fn expires_at(&self) -> Option<u64> {
        self.expires_at
    }
}

/// One service a token grants: its kind, privileges and the channel and user it names.
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub(super) kind: ServiceKind,
    pub(super) privileges: Vec<Privilege>,
    pub(super) channel: Option<String>,
    pub(super) user: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub(super) permissions: Option<RtmPermissions>,
}

impl Service {
    /// The RTM 2.x resource permissions of an RTM 2 service (`Rtm2Permissions`, AgoraIO/Tools
    /// PR #434); `None` for other services.
    #[must_use]
    pub fn rtm_permissions(&self) -> Option<&RtmPermissions> {
        self.permissions.as_ref()
    }

    /// What service this is.
    #[must_use]
    pub fn kind(&self) -> ServiceKind {
        self.kind
    }

    /// The privileges it grants, in id order.
    #[must_use]
    pub fn privileges(&self) -> &[Privilege] {
        &self.privileges
    }

    /// The privilege with this id.
    #[must_use]
    pub fn privilege(&self, id: u16) -> Option<&Privilege> {
        self.privileges.iter().find(|p| p.id == id)
    }

    /// The channel (RTC, Streaming, FCDN) or room (Flexible Classroom) it is for, in clear. `None`
    /// for services without one, and for 006 tokens, which hold only a CRC-32 of it.
    #[must_use]
    pub fn channel(&self) -> Option<&str> {
        self.channel.as_deref()
    }

    /// The user it is for: the RTC uid as text (`""` for uid 0, which admits any user) or user
    /// account, or the RTM, Chat or classroom user id. `None` where the service names no user,
    /// and for 006 tokens.
    #[must_use]
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }
}

/// A decoded version 006 or 007 access token.
///
/// Reading it needs no App Certificate; checking its signature does ([`Token::verify`], feature
/// `verify`). Building one, `Token::builder`, needs the feature `build`: without it the compiler
/// finds no `builder` and may point at [`Token::parse`] instead.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    pub(super) version: Version,
    pub(super) app_id: String,
    pub(super) issued_at: Option<u64>,
    pub(super) lifetime: Option<u32>,
    /// The token's own expiry, Unix seconds: [`Token::token_expires_at`].
    pub(super) expiry: u64,
    pub(super) salt: u32,
    pub(super) services: Vec<Service>,
    pub(super) crc_channel: Option<u32>,
    pub(super) crc_uid: Option<u32>,
    pub(super) unknown_services: bool,
    pub(super) signature: [u8; 32],
    pub(super) signed: Vec<u8>,
}

impl Token {
    /// Decodes a token. Fails, with a message that says what is wrong and never repeats the
    /// token, on anything that is not a whole, undamaged 006 or 007 token.
    pub fn parse(token: &str) -> Result<Token, TokenParseError> {
        parse::parse(token)
    }

    /// The format version.
    #[must_use]
    pub fn version(&self) -> Version {
        self.version
    }

    /// The App ID the token was built for.
    #[must_use]
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// When it was built, in Unix seconds (007 only; 006 does not record it).
    #[must_use]
    pub fn issued_at(&self) -> Option<u64> {
        self.issued_at
    }

    /// Its lifetime in seconds from the issue time, as the builder was given it (007 only).
    #[must_use]
    pub fn lifetime(&self) -> Option<u32> {
        self.lifetime
    }

    /// The Unix time after which a join with it is refused: the token's own expiry, or the end
    /// of its RTC join-channel privilege when that comes first (for 006 tokens, whose builders
    /// fix the token expiry at 24 hours, this is the privilege time the server was given).
    #[must_use]
    pub fn expires_at(&self) -> u64 {
        let join = self
            .service(ServiceKind::Rtc)
            .and_then(|s| s.privilege(privilege::JOIN_CHANNEL))
            .and_then(Privilege::expires_at);
        join.map_or(self.expiry, |j| j.min(self.expiry))
    }

    /// The token's own expiry, in Unix seconds, whatever its privileges say: issue time plus
    /// lifetime in 007, the message timestamp in 006.
    #[must_use]
    pub fn token_expires_at(&self) -> u64 {
        self.expiry
    }

    /// The random salt the builder mixed into the signature.
    #[must_use]
    pub fn salt(&self) -> u32 {
        self.salt
    }

    /// The services it grants, in the order it lists them.
    ///
    /// A 006 token has one: RTC, or RTM when it grants only the RTM login privilege.
    #[must_use]
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The first service of this kind. A token may hold several of one kind (an RTC channel and
    /// an RTM stream channel are two RTC services; Agora's builders keep them all since AgoraIO/Tools
    /// PR #433): [`services`](Self::services) lists every one, and a diagnosis judges a join
    /// against the one that admits it.
    #[must_use]
    pub fn service(&self, kind: ServiceKind) -> Option<&Service> {
        self.services.iter().find(|s| s.kind == kind)
    }

    /// Whether the token lists a service type this crate does not know (a newer builder); like
    /// Agora's own parsers, decoding stops quietly there.
    #[must_use]
    pub fn has_unknown_services(&self) -> bool {
        self.unknown_services
    }

    /// Whether `channel` is the channel the token was built for. A 007 token holds it in clear;
    /// a 006 token only as a CRC-32, so a match there is near-certain rather than certain.
    #[must_use]
    pub fn matches_channel(&self, channel: &str) -> bool {
        match self.crc_channel {
            Some(crc) => crc32fast::hash(channel.as_bytes()) == crc,
            None => self.service(ServiceKind::Rtc).and_then(Service::channel) == Some(channel),
        }
    }

    /// Whether the token's `kind` service admits `user` (for RTM, the login user id).
    pub(super) fn admits(&self, kind: ServiceKind, user: &User) -> bool {
        let text = user.as_token_text();
        if self.version == Version::V006 {
            // 006 RTM tokens carry the user id where RTC ones carry the channel.
            return match (kind, self.crc_channel, self.crc_uid) {
                (ServiceKind::Rtc, _, Some(0)) => true,
                (ServiceKind::Rtc, _, Some(crc)) => crc32fast::hash(text.as_bytes()) == crc,
                (_, Some(crc), _) => crc32fast::hash(text.as_bytes()) == crc,
                _ => false,
            };
        }
        match self.service(kind).and_then(Service::user) {
            Some("") => kind == ServiceKind::Rtc,
            Some(u) => u == text,
            None => false,
        }
    }

    /// What works but is worth knowing about this token, none of it a fault: a legacy 006
    /// format, privileges that end before the token does (on purpose with the
    /// `...AndPrivilege` builders, always with 006 builders), a lifetime under a minute, a
    /// token that admits any user.
    #[must_use]
    pub(crate) fn advice(&self) -> Vec<Advice> {
        diagnosis::advice(self)
    }
}

/// The same as [`Token::parse`].
///
/// ```
/// use agora_token_errors::token::Token;
/// let err = "006garbage".parse::<Token>().unwrap_err();
/// assert!(err.to_string().contains("cut short"));
/// ```
impl FromStr for Token {
    type Err = TokenParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Token::parse(s)
    }
}

/// Shows the version, App ID and times only: never the signature or the token.
impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("version", &self.version)
            .field("app_id", &self.app_id)
            .field("issued_at", &self.issued_at)
            .field("expires_at", &self.expires_at())
            .finish_non_exhaustive()
    }
}

/// `007 token for App ID 970CA35d…, issued 2026-11-27 18:46:28 UTC, expires 2026-11-27 19:46:28 UTC`.
impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} token for App ID {}", self.version, self.app_id)?;
        if let Some(at) = self.issued_at {
            write!(f, ", issued {}", UnixTime(at))?;
        }
        write!(f, ", expires {}", UnixTime(self.expires_at()))
    }
}

/// Parses the label (`RTC`, `RTM 2`, `Flexible Classroom`) or the variant name, in any case.
impl FromStr for ServiceKind {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let all = ServiceKind::ALL.iter().copied();
        if let Some(k) = all.clone().find(|k| k.as_str() == s) {
            return Ok(k);
        }
        let labels = all.clone().map(|k| (k.label(), k));
        let variants = all.map(|k| (k.variant(), k));
        crate::unknown::parse_keyed(
            s,
            labels.chain(variants),
            "a token service (rtc, rtm, chat, ...)",
        )
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use core::fmt;

    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::Token;

    /// Reads a token from its string, as [`Token::parse`] does; the error says what is wrong
    /// with it and never repeats it. This is the one form a `Token` is read from: what
    /// `Serialize` writes is output only (the decoded fields, without the signature a token
    /// cannot be rebuilt without).
    impl<'de> Deserialize<'de> for Token {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct TokenString;
            impl Visitor<'_> for TokenString {
                type Value = Token;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an Agora token string (006... or 007...)")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Token, E> {
                    Token::parse(v).map_err(E::custom)
                }
            }
            d.deserialize_str(TokenString)
        }
    }

    /// The fields a diagnosis shows, never the signature: output only, since a token cannot be
    /// rebuilt without its signature (`Deserialize` reads the token's string instead).
    impl Serialize for Token {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut t = s.serialize_struct("Token", 7)?;
            t.serialize_field("version", &self.version)?;
            t.serialize_field("app_id", &self.app_id)?;
            t.serialize_field("issued_at", &self.issued_at)?;
            t.serialize_field("lifetime", &self.lifetime)?;
            t.serialize_field("expires_at", &self.expires_at())?;
            t.serialize_field("token_expires_at", &self.expiry)?;
            t.serialize_field("services", &self.services)?;
            t.end()
        }
    }
}
