//! Typed Agora token errors.
//!
//! Agora's SDKs report token, App ID and certificate problems under many names and numbers:
//! `ERR_TOKEN_EXPIRED` (109) on native, `ERR_DYNAMIC_KEY_TIMEOUT` (109), `ERR_DYNAMIC_KEY_EXPIRED`
//! (118) or `K_TIMESTAMP_EXPIRED` (2) on the Web, connection reason 9,
//! `AgoraErrorCodeTokenExpired`, `ErrorCodeType.errTokenExpired`... This crate turns any of them
//! into one [`TokenError`] that says what caused it and what to do.
//!
//! ```
//! use agora_token_errors::{CodeSpace, TokenError};
//!
//! fn on_error(err: i32) -> Option<&'static str> {
//!     let e = TokenError::from_code(CodeSpace::Native, err)?;
//!     match e {
//!         TokenError::TokenExpired => Some("fetch a new token and join again"),
//!         _ => Some(e.remediation()),
//!     }
//! }
//!
//! assert_eq!(on_error(109), Some("fetch a new token and join again"));
//! assert!(on_error(-110).unwrap().contains("App Certificate"));
//! assert_eq!(on_error(2), None); // native 2 is ERR_INVALID_ARGUMENT, not a token error
//! ```
//!
//! Numbers mean different things in different [`CodeSpace`]s, so a code lookup names its
//! space; a name lookup ([`TokenError::from_name`]) needs none. Lookups never allocate and never
//! panic, whatever the input. With the default features, [`TokenError::from_message`] reads
//! token errors out of log lines and error texts (and stays silent on everything else), and
//! [`token::Diagnosis::of`] decodes an access token offline and names the exact cause of a failed join.
//!
//! # Overview: which type answers which question
//!
//! | question | answer |
//! |---|---|
//! | What does this code, name or error text mean? | [`TokenError::from_code`], [`TokenError::from_name`], [`TokenError::from_message`] (with [`MessageMatch`]: what matched, where, and why it counts) |
//! | What made it happen, and what should the app do? | [`TokenError::cause`], [`TokenError::remediation`], [`TokenError::action`] ([`Action`]); [`TokenError::texts`] in a [`Product`]'s terms and a [`Locale`] (English, Simplified Chinese) |
//! | How does each SDK spell it? | [`TokenError::spellings`] ([`Spelling`]: identifier, [`Language`], [`CodeSpace`], code, source), [`TokenError::identifier`] |
//! | Which callback renews or rejoins, on my platform? | [`TokenEvent::callback`] with a [`Platform`] |
//! | What in this whole log is a token error or event? | [`scan`], [`scan_reader`] for a file or stream of any size ([`Found`]) |
//! | Everything about one input, as one value or JSON? | [`Report`] |
//! | What is in this token, and why does this join fail? | [`token::Diagnosis`] ([`token::Finding`]), [`token::Token`] |
//! | Is it signed with my certificate? Build one that cannot fail. | [`token::Token::verify`] (`verify`), [`token::Token::builder`] (`build`) |
//!
//! # Features
//!
//! - `std` (default): the standard library. Without it the crate is `#![no_std]` (no `alloc`
//!   needed) and still implements `core::error::Error`: codes, names, texts, actions, events and
//!   platforms all work.
//! - `messages` (default): [`TokenError::from_message`], [`TokenError::match_message`] and
//!   [`scan`] over a whole log.
//! - `token` (default): the [`token`] module, offline decoding and diagnosis of 006 and 007
//!   access tokens.
//! - `verify`: signature checks with an App Certificate (HMAC-SHA256).
//! - `build`: [`token::Token::builder`], AccessToken2 (007) tokens built with every check before
//!   signing (implies `verify`).
//! - `cli`: the command-line tool `agora-token-errors` (a binary; the library does not change).
//! - `serde`: every named type serialises as its `as_str()` (lower snake_case) and deserialises
//!   through its `FromStr`;
//!   findings, advice and decoded tokens serialise for JSON reports.
//!
//! # Stability of the public API
//!
//! Every public enum is `#[non_exhaustive]`, and every type with names parses with `FromStr`
//! into [`UnknownName`] (or, for [`token::Token`], [`token::TokenParseError`]), and names itself
//! with one `as_str()`, a `const fn` taking `self`. The crate uses strum only to derive
//! `Display`: no strum trait or type is part of the public API, so a strum upgrade can never
//! break a user's code. To iterate over variants, use the inherent `ALL` constants
//! ([`TokenError::ALL`], [`CodeSpace::ALL`], ...).
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod action;
mod catalog;
mod event;
mod key;
mod locale;
#[cfg(feature = "std")]
mod lookalike;
#[cfg(feature = "messages")]
mod message;
mod platform;
#[cfg(feature = "std")]
mod report;
#[cfg(feature = "serde")]
mod serde_impl;
#[cfg(any(feature = "std", feature = "messages", feature = "token"))]
mod shown;
mod space;
mod spelling;
#[cfg(any(feature = "messages", feature = "token"))]
mod starts;
#[cfg(feature = "token")]
#[cfg_attr(docsrs, doc(cfg(feature = "token")))]
pub mod token;
mod unknown;

pub use action::Action;
pub use catalog::{CodeSpace, TokenError};
pub(crate) use event::Callback;
pub use event::TokenEvent;
pub use locale::{Locale, Texts};
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use lookalike::Lookalike;
#[cfg(feature = "messages")]
#[cfg_attr(docsrs, doc(cfg(feature = "messages")))]
pub use message::{Evidence, Found, MessageMatch, Support, scan, scan_reader};
pub use platform::Platform;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use report::{Reading, Report};
pub use space::{Language, Product};
pub use spelling::{Spelling, spellings};
pub use unknown::UnknownName;

// README.md's and the guide's examples run as doctests (they use every default feature,
// `build` and, in the guide, `convoai`, and carry no hidden lines, so that they compile when
// pasted).
#[cfg(all(doctest, feature = "build", feature = "messages"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(all(doctest, feature = "build", feature = "messages", feature = "convoai"))]
#[doc = include_str!("../docs/guide.md")]
struct GuideDoctests;
