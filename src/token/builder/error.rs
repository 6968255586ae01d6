//! Why a token cannot be built, and what is worth a second look: never showing the certificate.

use core::fmt;

use crate::TokenError;
use crate::token::Field;

/// What is wrong with an App ID or App Certificate given to the builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IdProblem {
    /// It is not 32 characters long.
    Length(usize),
    /// It has whitespace (often a trailing newline from a file or an environment variable).
    Whitespace,
    /// It has a character that is not a hexadecimal digit, at this byte.
    NotHex(usize),
}

impl fmt::Display for IdProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdProblem::Length(n) => write!(f, "is {n} characters long, not 32"),
            IdProblem::Whitespace => f.write_str("has whitespace in or around it"),
            IdProblem::NotHex(at) => write!(
                f,
                "has a character at byte {at} that is not a hexadecimal digit"
            ),
        }
    }
}

/// Why [`TokenBuilder::build`](super::TokenBuilder::build) refused to sign: each check runs
/// before signing, says which input is wrong and, where one applies, which [`TokenError`] the
/// token would have caused. No message shows the App Certificate.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The App ID is not 32 hexadecimal characters.
    #[error("the App ID {0}")]
    AppId(IdProblem),
    /// The App Certificate is not 32 hexadecimal characters.
    #[error("the App Certificate {0}")]
    AppCertificate(IdProblem),
    /// The App ID was given as the App Certificate too (or the two were swapped into one).
    #[error(
        "the App ID and the App Certificate are the same string; the certificate is the other 32-character value on the project page"
    )]
    SameIdAndCertificate,
    /// No lifetime was given.
    #[error("no lifetime was given: call expire_in(seconds)")]
    NoLifetime,
    /// A lifetime of 0 seconds.
    #[error("a lifetime of 0 seconds makes a token that has already expired")]
    ZeroLifetime,
    /// A lifetime over the 24 hours Agora honours.
    #[error("a lifetime of {0} s is more than the 86400 s (24 h) Agora honours")]
    LifetimeOverOneDay(u64),
    /// A lifetime that looks like a Unix time in seconds.
    #[error(
        "a lifetime of {0} looks like a Unix time; 007 tokens take seconds from now (for example 3600)"
    )]
    LifetimeLooksAbsolute(u64),
    /// A lifetime that looks like a Unix time in milliseconds.
    #[error(
        "a lifetime of {0} looks like a time in milliseconds; 007 tokens take seconds from now (for example 3600)"
    )]
    LifetimeLooksMilliseconds(u64),
    /// A required string is empty.
    #[error("the {0} is empty")]
    Empty(Field),
    /// A string is longer than Agora allows.
    #[error("the {field} is {len} bytes long; Agora allows at most {max}")]
    TooLong {
        /// Which string.
        field: Field,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A string has a character outside the set Agora allows.
    #[error(
        "the {field} has {character:?} at byte {position}, outside the 89 characters Agora allows"
    )]
    Character {
        /// Which string.
        field: Field,
        /// The character.
        character: char,
        /// Where it is, in bytes.
        position: usize,
    },
    /// The RTM user id starts with a space, which RTM refuses.
    #[error("the RTM user id starts with a space")]
    LeadingSpace,
    /// The token would be longer than Agora's SDKs accept (its channel names, user ids or
    /// services together are too long): it is not handed out.
    #[error(
        "the token would be {len} characters long; Agora's SDKs accept at most {max}: {}",
        longest.map_or_else(
            || "use fewer services in one token".to_owned(),
            |f| format!("its longest input is the {f}: shorten it, or put fewer services in one token"),
        )
    )]
    TokenTooLong {
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
        /// The input that takes the most room (a channel name, a user id or account, an RTM
        /// resource name), if any input is longer than a few characters.
        longest: Option<Field>,
    },
    /// No service was added: the token would grant nothing.
    #[error("no service was added: call rtc, rtm, chat_user or chat_app")]
    NoService,
    /// A time (the issue time, or a privilege's seconds) past the 4,294,967,295 a token's 32-bit
    /// field holds.
    #[error("the {what} is {seconds}, more than the 4294967295 a token's 32-bit time field holds")]
    TimeOutOfRange {
        /// Which time: `issue time`, or the privilege's name in Agora's builders.
        what: &'static str,
        /// The seconds given.
        seconds: u64,
    },
}

impl BuildError {
    /// The error the SDK would have reported for a token built from these inputs, where one
    /// applies.
    ///
    /// ```
    /// use agora_token_errors::TokenError;
    /// use agora_token_errors::token::{Token, User, Role, BuildError};
    ///
    /// let err = Token::builder("970CA35de60c44645bbae8a215061b3", "5CFd2fd1755d40ecb72977518be15d3b")
    ///     .expire_in(600)
    ///     .rtc("lobby", User::Uid(1), Role::Publisher)
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.prevents(), Some(TokenError::InvalidAppId));
    /// assert!(!err.to_string().contains("5CFd"));
    /// ```
    #[must_use]
    pub fn prevents(&self) -> Option<TokenError> {
        Some(match self {
            BuildError::AppId(_) => TokenError::InvalidAppId,
            BuildError::AppCertificate(_) | BuildError::SameIdAndCertificate => {
                TokenError::InvalidToken
            }
            BuildError::ZeroLifetime
            | BuildError::LifetimeOverOneDay(_)
            | BuildError::LifetimeLooksAbsolute(_)
            | BuildError::LifetimeLooksMilliseconds(_) => TokenError::TokenExpired,
            BuildError::Empty(Field::Account)
            | BuildError::TooLong {
                field: Field::Account,
                ..
            }
            | BuildError::Character {
                field: Field::Account,
                ..
            } => TokenError::InvalidUserAccount,
            BuildError::Empty(_)
            | BuildError::TooLong { .. }
            | BuildError::Character { .. }
            | BuildError::LeadingSpace
            | BuildError::NoService
            | BuildError::TokenTooLong { .. } => TokenError::InvalidToken,
            BuildError::NoLifetime | BuildError::TimeOutOfRange { .. } => return None,
        })
    }
}
