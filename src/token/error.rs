//! Why a string is not a usable token. Messages describe the input; they never repeat it.

use core::fmt;

crate::space::listed_enum! {
/// How a token was damaged on its way to the client (copy-paste, URL handling, JSON encoding,
/// logging). Every kind can be undone; [`Diagnosis::of`](super::Diagnosis::of) names it, undoes it and
/// diagnoses the repaired token. `ALL` lists them in the order `diagnose` undoes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Damage {
    /// Whitespace or a line break before the token.
    LeadingWhitespace = "leading_whitespace",
    /// Whitespace or a line break after the token (often a trailing newline from a file or shell).
    TrailingWhitespace = "trailing_whitespace",
    /// Quotes around the token (a JSON string or a shell argument pasted whole).
    Quoted = "quoted",
    /// JSON string escapes left in: `\/` for `/`, `\u002B` for `+` (some JSON encoders escape
    /// these), `\n`.
    JsonEscaped = "json_escaped",
    /// Percent-encoding such as `%2B`, `%2F` or `%3D` (the token was URL-encoded, possibly twice,
    /// and not decoded).
    UrlEncoded = "url_encoded",
    /// A space inside the token where base64 had a `+` (a query string decoded as a form).
    SpaceForPlus = "space_for_plus",
    /// Line breaks or tabs inside the token (wrapped by a terminal, an editor or an e-mail).
    LineBreaks = "line_breaks",
    /// Invisible characters inside or around the token: zero-width spaces, a byte-order mark,
    /// no-break spaces (copied from a web page or a chat message).
    InvisibleCharacters = "invisible_characters",
    /// The URL-safe base64 alphabet (`-`, `_`) where Agora uses `+` and `/`.
    UrlSafeAlphabet = "url_safe_alphabet",
    /// The `=` padding at the end of the base64 was dropped.
    PaddingRemoved = "padding_removed",
    /// A label or wrapper around the token: `Bearer `, `token=`, `Authorization: `, a JSON
    /// object (`{"token":"..."}`) or a query string.
    Wrapped = "wrapped",
    /// The token pasted twice (or two tokens joined).
    Repeated = "repeated",
    /// Characters after the token's `=` padding, where a token ends.
    TrailingCharacters = "trailing_characters",
    /// The token shortened for display: its head, then `...` or `…` where the rest was (as logs,
    /// issue reports and this crate's own output show a token). The rest is not there to repair.
    Elided = "elided",
    /// Data after the token's end: bytes after its compressed content, or after the last
    /// service its content declares. Agora's parsers ignore them, so a token with anything glued
    /// to it would read (and verify) as the token without it.
    TrailingData = "trailing_data",
}
}

impl Damage {
    /// What happened, in a few words (what `Display` prints).
    ///
    /// ```
    /// use agora_token_errors::token::Damage;
    /// assert!(Damage::JsonEscaped.to_string().contains(r"\/"));
    /// ```
    #[must_use]
    pub(crate) fn label(self) -> &'static str {
        match self {
            Damage::LeadingWhitespace => "whitespace before the token",
            Damage::TrailingWhitespace => "whitespace or a newline after the token",
            Damage::Quoted => "quotes around the token",
            Damage::JsonEscaped => {
                r"JSON escapes left in the token (`\/` for `/`, `\u002B` for `+`)"
            }
            Damage::UrlEncoded => "URL percent-encoding left in the token (`%2B`, `%2F`, `%3D`)",
            Damage::SpaceForPlus => "a space where the token had a `+`",
            Damage::LineBreaks => "line breaks inside the token",
            Damage::InvisibleCharacters => {
                "invisible characters (zero-width space, byte-order mark, no-break space)"
            }
            Damage::UrlSafeAlphabet => "URL-safe base64 (`-`, `_`) instead of `+` and `/`",
            Damage::PaddingRemoved => "the `=` padding at its end was dropped",
            Damage::Wrapped => {
                "a label or wrapper around the token (`Bearer `, `token=`, a JSON object or query string)"
            }
            Damage::Repeated => "the token pasted twice, or two tokens joined",
            Damage::TrailingCharacters => "characters after the `=` that ends the token",
            Damage::Elided => {
                "the token shortened for display: its first characters, then `...` or `…` where the rest was cut off"
            }
            Damage::TrailingData => {
                "data after the token's end (after its compressed content, or after the services it declares)"
            }
        }
    }

    /// How to stop it happening.
    #[must_use]
    pub fn fix(self) -> &'static str {
        match self {
            Damage::LeadingWhitespace | Damage::TrailingWhitespace => {
                "Trim the token where it is read (file, environment variable, HTTP body) before passing it to the SDK."
            }
            Damage::Quoted => {
                "Pass the token's value, not its JSON or shell representation with quotes."
            }
            Damage::JsonEscaped => {
                "Parse the JSON the token arrived in with a JSON parser and pass the resulting string; do not cut the token out of the raw JSON text."
            }
            Damage::UrlEncoded => {
                "Decode the token once where it arrives percent-encoded, or stop encoding it on the way (and never twice)."
            }
            Damage::SpaceForPlus => {
                "The token went through a query string or form decoding that turned `+` into a space: send it in a JSON body or header, or percent-encode it (`+` as `%2B`) when it must travel in a URL."
            }
            Damage::LineBreaks => {
                "Pass the token on one line; do not wrap it (check copy-paste from terminals, e-mail and editors)."
            }
            Damage::InvisibleCharacters => {
                "Copy the token from its source as plain text, or strip zero-width and no-break spaces and byte-order marks where it is read."
            }
            Damage::UrlSafeAlphabet => {
                "Pass the token exactly as the builder returned it; do not convert it to URL-safe base64."
            }
            Damage::PaddingRemoved => {
                "Keep the token whole, including the `=` at its end; do not strip padding."
            }
            Damage::Wrapped => {
                "Pass the SDK the token's value alone: take it out of the header, query parameter or JSON field it arrived in."
            }
            Damage::Repeated => {
                "Pass one token, once: check for a paste done twice or two values concatenated."
            }
            Damage::TrailingCharacters => {
                "Cut the token where it ends, at its last `=`: check for text glued after it."
            }
            Damage::Elided => {
                "This is a token as a log or a report shows it, by its head only: take the whole token from where it was built or received (the token server's response, the app's variable), not from a log line or a screenshot."
            }
            Damage::TrailingData => {
                "Pass the token exactly as the builder returned it: something was appended to it on the way (or it was altered), and Agora's servers may read it differently from what was signed."
            }
        }
    }
}

crate::space::labelled!(
    Damage,
    |d| d.label(),
    "a kind of damage such as \"quoted\" or \"space_for_plus\""
);

crate::space::listed_enum! {
/// A field of a token's content: named where decoding fails, and where the builder refuses an
/// input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// The base64 (or, for 007, compressed) body as a whole.
    Body = "body",
    /// The App ID (006 carries it in clear after the version).
    AppId = "app_id",
    /// The HMAC-SHA256 signature.
    Signature = "signature",
    /// The 006 CRC-32 of the channel name.
    ChannelCrc = "channel_crc",
    /// The 006 CRC-32 of the user.
    UserCrc = "user_crc",
    /// The 006 signed message.
    Message = "message",
    /// The 007 issue time.
    IssueTime = "issue_time",
    /// The token's expiry (007: lifetime; 006: Unix time).
    Expiry = "expiry",
    /// The random salt.
    Salt = "salt",
    /// The number of services.
    ServiceCount = "service_count",
    /// A service's type.
    ServiceType = "service_type",
    /// A service's privilege map.
    Privileges = "privileges",
    /// A service's channel (or room) name.
    Channel = "channel",
    /// A service's user (uid, account or user id).
    User = "user",
    /// A Flexible Classroom role.
    Role = "role",
    /// RTM 2 resource permissions.
    Permissions = "permissions",
    /// An RTC user account (string uid), as the builder takes it.
    Account = "account",
    /// An RTM user id, as the builder takes it.
    RtmUser = "rtm_user",
    /// A Chat user id, as the builder takes it.
    ChatUser = "chat_user",
    /// A resource name of RTM 2 permissions, as the builder takes it.
    RtmResource = "rtm_resource",
}
}

impl Field {
    /// Its name in a message (`App ID`, `channel CRC`).
    #[must_use]
    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Body => "body",
            Field::AppId => "App ID",
            Field::Signature => "signature",
            Field::ChannelCrc => "channel CRC",
            Field::UserCrc => "user CRC",
            Field::Message => "signed message",
            Field::IssueTime => "issue time",
            Field::Expiry => "expiry",
            Field::Salt => "salt",
            Field::ServiceCount => "service count",
            Field::ServiceType => "service type",
            Field::Privileges => "privileges",
            Field::Channel => "channel name",
            Field::User => "user",
            Field::Role => "role",
            Field::Permissions => "permissions",
            Field::Account => "user account",
            Field::RtmUser => "RTM user id",
            Field::ChatUser => "Chat user id",
            Field::RtmResource => "RTM resource name",
        }
    }
}

crate::space::labelled!(
    Field,
    |f| f.label(),
    "a token field such as \"app_id\" or \"expiry\""
);

/// Why [`Token::parse`](super::Token::parse) rejected its input.
///
/// The message says what is wrong and where; it never contains the token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenParseError {
    /// The input is empty.
    #[error("the token is empty")]
    Empty,
    /// The input is longer than any SDK accepts.
    #[error("the token is {len} bytes long; Agora SDKs accept at most {max}")]
    TooLong {
        /// The input's length in bytes.
        len: usize,
        /// The limit (2047, as the SDKs enforce).
        max: usize,
    },
    /// The token was altered in transit; the first sign of it is at byte `position`.
    #[error("the token is damaged: {damage} (first at byte {position})")]
    Damaged {
        /// What happened to it.
        damage: Damage,
        /// Where in the input (bytes from its start) the damage is first seen.
        position: usize,
    },
    /// An obsolete format.
    #[error("this is an obsolete {0} key, not an access token")]
    Obsolete(super::Version),
    /// Not an Agora token at all (or a version this crate does not know).
    #[error("the token starts with {prefix:?}, not the version 006 or 007")]
    UnknownVersion {
        /// Up to three leading characters, escaped.
        prefix: String,
    },
    /// A character that base64 does not use, and no known kind of damage explains.
    #[error("the token has {} at byte {position}, which no token contains", Shown(*.character))]
    InvalidCharacter {
        /// The character.
        character: char,
        /// Where in the input it is, in bytes.
        position: usize,
    },
    /// The 007 body is not zlib data.
    #[error("the 007 token's body does not inflate as zlib data")]
    Inflate,
    /// The 007 body inflates beyond the size limit (a zlib bomb, or not a token).
    #[error("the 007 token's body inflates to more than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The token is cut short: its content ends inside this field.
    #[error("the token is cut short: it ends inside its {0}")]
    Truncated(Field),
    /// A field that must be text is not UTF-8.
    #[error("the token's {0} is not UTF-8 text")]
    NotText(Field),
    /// The signature is not the 32 bytes of an HMAC-SHA256.
    #[error("the token's signature is {0} bytes long, not 32")]
    SignatureLength(usize),
}

/// A character in a message: printable ASCII as `` `x` ``, anything else by its code point too.
struct Shown(char);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        if c.is_ascii_graphic() {
            write!(f, "a `{c}`")
        } else {
            write!(f, "the character U+{:04X}", u32::from(c))
        }
    }
}
