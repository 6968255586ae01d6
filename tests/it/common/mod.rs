//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use agora_token_errors::{Spelling, TokenError, spellings};

/// Every spelling that carries a number.
pub fn coded() -> impl Iterator<Item = (&'static Spelling, i32)> {
    spellings().iter().filter_map(|s| s.code().map(|c| (s, c)))
}

/// `name` with the case of every ASCII letter flipped.
pub fn flip_case(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect()
}

/// A JSON fixture of `tests/fixtures`.
pub fn fixture(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every variant, through the catalog's own list.
pub fn all() -> impl Iterator<Item = TokenError> {
    TokenError::ALL.iter().copied()
}

#[cfg(feature = "token")]
pub mod tokens;

pub mod corpus;

/// The findings of [`Diagnosis::of`] for a token string against a join, with no error reported.
///
/// [`Diagnosis::of`]: agora_token_errors::token::Diagnosis::of
#[cfg(feature = "token")]
pub fn diagnose(
    token: &str,
    join: &agora_token_errors::token::JoinParams,
    now_unix: u64,
) -> Vec<agora_token_errors::token::Finding> {
    let d = agora_token_errors::token::Diagnosis::of(token, join, now_unix, None);
    crate::diagnosis_zh::check_locales(&d);
    d.findings().to_vec()
}

/// The findings of [`Diagnosis::of`] for a token string against a join, for an error the client
/// reported.
///
/// [`Diagnosis::of`]: agora_token_errors::token::Diagnosis::of
#[cfg(feature = "token")]
pub fn diagnose_reported(
    token: &str,
    join: &agora_token_errors::token::JoinParams,
    now_unix: u64,
    reported: TokenError,
) -> Vec<agora_token_errors::token::Finding> {
    let d = agora_token_errors::token::Diagnosis::of(token, join, now_unix, Some(reported));
    crate::diagnosis_zh::check_locales(&d);
    d.findings().to_vec()
}

/// A row of `catalog/events.md`: the callback or event name, the event it reports, and its
/// platforms and source cells.
pub struct EventRow {
    pub name: String,
    pub event: agora_token_errors::TokenEvent,
    pub platforms: String,
    pub source: String,
}

/// Every row of `catalog/events.md`, as the table writes it.
pub fn event_rows() -> Vec<EventRow> {
    let table =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/events.md")).unwrap();
    table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let event = match cells[2] {
                "WillExpire" => agora_token_errors::TokenEvent::WillExpire,
                "DidExpire" => agora_token_errors::TokenEvent::DidExpire,
                other => panic!("events.md: no event {other}"),
            };
            EventRow {
                name: cells[1].trim_matches('`').to_owned(),
                event,
                platforms: cells[4].to_owned(),
                source: cells[5].to_owned(),
            }
        })
        .collect()
}
