//! Typed Agora RTC token errors.
//!
//! Agora's RTC SDKs report token, App ID and certificate problems under many names and
//! numbers: `ERR_TOKEN_EXPIRED` (109) on native, `ERR_DYNAMIC_KEY_TIMEOUT` (109),
//! `ERR_DYNAMIC_KEY_EXPIRED` (118) or `K_TIMESTAMP_EXPIRED` (2) on the Web, connection reason 9,
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
//! space; a name lookup ([`TokenError::from_name`]) needs none, because every SDK identifier
//! is unique. Lookups never allocate and never panic, whatever the input.
//!
//! # Features
//!
//! - `std` (default): the standard library's side of the dependencies. Without it the crate is
//!   `#![no_std]` and still implements `core::error::Error`.
//! - `serde`: `TokenError` serialises as its stable [`TokenError::id`] and deserialises from that
//!   id or any name [`TokenError::from_name`] accepts.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]

mod action;
mod catalog;
mod event;
mod key;
#[cfg(feature = "messages")]
mod message;
mod platform;
#[cfg(feature = "serde")]
mod serde_impl;
mod space;
mod spelling;
#[cfg(feature = "token")]
pub mod token;
mod unknown;

pub use action::Action;
pub use catalog::{CodeSpace, TokenError};
pub use event::TokenEvent;
#[cfg(feature = "messages")]
pub use message::MessageMatch;
pub use platform::Platform;
pub use space::{Language, Product};
pub use spelling::{Spelling, spellings};
pub use unknown::UnknownName;

// README.md's examples run as doctests.
#[cfg(all(doctest, feature = "token"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
