//! Offline inspection and diagnosis of Agora access tokens (feature `token`, on by default).
//!
//! Agora support starts every token thread by decoding the user's token. This module does that
//! without an App Certificate and without a network: it reads the App ID, times, services and
//! privileges of a version 006 or 007 token, and [`Diagnosis::of`] compares them with what the client
//! joined with to name the exact cause of a 101, 109, 110 or 119/120 and its fix.
//!
//! ```
//! use agora_token_errors::TokenError;
//! use agora_token_errors::token::{Diagnosis, JoinParams, Token};
//! # let s = "007eJxTYBC0/fY9T3rj4pUSPgFGgY+OiDI5HD+i4nLEJH1BsQbDJRkFBktzA2dHY9OUVDODZBMTMxPTpKTEVItEI0NTAzPDJGNjowuc2QJ8DAw/+duYGBkYGVgYGBlAfCYwyQwmWcAkD0NJanFJfHJGYl5eag4rg6GRsYkpALzTH6Q=";
//! let token = Token::parse(s)?;
//! assert_eq!(token.app_id(), "970CA35de60c44645bbae8a215061b33");
//!
//! // The token was built for `test_channel` and uid 12345.
//! let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "test-channel").with_uid(12345);
//! let now = token.issued_at().unwrap() + 60;
//! let diagnosis = Diagnosis::of(s, &join, now, None);
//! let cause = &diagnosis.findings()[0];
//! assert_eq!(cause.error(), TokenError::InvalidToken);
//! assert!(cause.message().contains("test_channel"));
//! # Ok::<(), agora_token_errors::token::TokenParseError>(())
//! ```
//!
//! Untrusted input is safe to pass: it is capped at [`MAX_TOKEN_LEN`] bytes before decoding and
//! a 007 body at [`MAX_CONTENT_LEN`] bytes after inflating, so a zlib bomb is rejected early and
//! nothing allocates without bound. `Debug` and `Display` of tokens, findings and errors show the
//! version, App ID and times, never the signature, the token or a certificate.

#[cfg(feature = "convoai")]
mod agent;
#[cfg(feature = "build")]
mod builder;
mod diagnosis;
mod error;
mod finding;
mod join;
mod model;
mod parse;
mod permissions;
mod repair;
mod text;
mod time;
#[cfg(feature = "verify")]
mod verify;

#[cfg(feature = "convoai")]
#[cfg_attr(docsrs, doc(cfg(feature = "convoai")))]
pub use agent::{AgentRequest, AgentRequestError, AgentToken};
#[cfg(feature = "build")]
#[cfg_attr(docsrs, doc(cfg(feature = "build")))]
pub use builder::{BuildError, IdProblem, Role, RtcPrivileges, TokenBuilder};
pub use diagnosis::Diagnosis;
pub use error::{Damage, Field, TokenParseError};
pub use finding::{Advice, AdviceKind, Certainty, Finding, FindingKind, Severity};
pub use join::{JoinParams, User};
pub use model::{Privilege, Service, ServiceKind, Token, Version};
pub use permissions::{RtmAccess, RtmGrant, RtmPermissions, RtmResource};
pub use repair::{Repaired, repair};
pub use time::unix_seconds;
#[cfg(feature = "verify")]
#[cfg_attr(docsrs, doc(cfg(feature = "verify")))]
pub use verify::Verification;

/// The longest token accepted, in bytes: what the SDKs accept (Web 4.x checks `[1, 2047]`).
pub const MAX_TOKEN_LEN: usize = 2047;

/// The largest a 007 token's content may inflate to, in bytes. Real tokens inflate to a few
/// hundred bytes; a larger body is refused before more is allocated.
pub const MAX_CONTENT_LEN: usize = 16 * 1024;
