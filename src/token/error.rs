//! Why a string is not a usable token. Messages describe the input; they never repeat it.

/// How a token was damaged on its way to the client (copy-paste, URL handling, logging).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Damage {
    /// Whitespace or a line break before the token.
    LeadingWhitespace,
    /// Whitespace or a line break after the token (often a trailing newline from a file or shell).
    TrailingWhitespace,
    /// A space inside the token where base64 had a `+` (a query string decoded as a form).
    SpaceForPlus,
    /// Percent-encoding such as `%2B`, `%2F` or `%3D` (the token was URL-encoded and not decoded).
    UrlEncoded,
    /// The URL-safe base64 alphabet (`-`, `_`) where Agora uses `+` and `/`.
    UrlSafeAlphabet,
    /// Quotes around the token (a JSON string pasted whole).
    Quoted,
    /// The token is cut short: its base64 or its content ends early.
    Truncated,
}

impl Damage {
    /// What happened, in a few words.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Damage::LeadingWhitespace => "whitespace before the token",
            Damage::TrailingWhitespace => "whitespace or a newline after the token",
            Damage::SpaceForPlus => "a space where the token had a `+`",
            Damage::UrlEncoded => "URL percent-encoding left in the token",
            Damage::UrlSafeAlphabet => "URL-safe base64 (`-`, `_`) instead of `+` and `/`",
            Damage::Quoted => "quotes around the token",
            Damage::Truncated => "the token is cut short",
        }
    }

    /// How to stop it happening.
    #[must_use]
    pub fn fix(self) -> &'static str {
        match self {
            Damage::LeadingWhitespace | Damage::TrailingWhitespace => {
                "Trim the token where it is read (file, environment variable, HTTP body) before passing it to the SDK."
            }
            Damage::SpaceForPlus => {
                "The token went through a query string or form decoding that turned `+` into a space: send it in a JSON body or header, or percent-encode it (`+` as `%2B`) when it must travel in a URL."
            }
            Damage::UrlEncoded => {
                "Decode the token once (it arrived percent-encoded), or stop encoding it twice on the way."
            }
            Damage::UrlSafeAlphabet => {
                "Pass the token exactly as the builder returned it; do not convert it to URL-safe base64."
            }
            Damage::Quoted => "Pass the token's value, not its JSON representation with quotes.",
            Damage::Truncated => {
                "Pass the whole token: check column sizes in your database, log truncation, and copy-paste limits."
            }
        }
    }
}

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
    /// The token was altered in transit.
    #[error("the token is damaged: {}", .0.describe())]
    Damaged(Damage),
    /// An obsolete format: DynamicKey 3, 4 or 5, or a signaling token.
    #[error("this is an obsolete {0} key, not an access token")]
    Obsolete(&'static str),
    /// Not an Agora token at all (or a version this crate does not know).
    #[error("the token starts with {prefix:?}, not the version 006 or 007")]
    UnknownVersion {
        /// Up to three leading characters, escaped.
        prefix: String,
    },
    /// The base64 body does not decode.
    #[error("the token's body is not valid base64 ({0})")]
    Base64(String),
    /// The 007 body is not zlib data.
    #[error("the 007 token's body does not inflate as zlib data")]
    Inflate,
    /// The 007 body inflates beyond the size limit (a zlib bomb, or not a token).
    #[error("the 007 token's body inflates to more than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The content ends inside a field.
    #[error("the token's content ends inside its {0}")]
    Truncated(&'static str),
    /// A field that must be text is not UTF-8.
    #[error("the token's {0} is not UTF-8 text")]
    NotText(&'static str),
    /// The signature is not the 32 bytes of an HMAC-SHA256.
    #[error("the token's signature is {0} bytes long, not 32")]
    SignatureLength(usize),
}
