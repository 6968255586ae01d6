//! A token server for Agora, built on `agora-token-errors`: it issues RTC (and RTM) tokens from
//! the crate's checked builder to callers the app authorises, and diagnoses a token against the
//! join that failed. `main.rs` runs it; `tests/loopback.rs` starts it on a loopback port.

mod app;
pub mod guard;
mod listen;

pub use app::{Project, router, serve};
pub use listen::Connections;
