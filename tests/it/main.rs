//! The integration tests, one binary: one module per concern, each named for what it shows.
//! Shared helpers (corpus readers, the test tokens, the catalog's rows) are in `common`.

mod common;

mod actions_events_platforms;
mod build_preflight;
mod build_round_trip;
mod build_same_bytes;
mod catalog;
mod convoai;
mod declarations;
mod diagnosis_report;
mod diagnosis_right_or_silent;
mod diagnosis_zh;
mod display_and_parse;
mod from_code;
mod from_name;
mod identifier_and_code;
mod lookalikes;
mod messages;
mod named_types;
mod no_alloc;
mod official_tokens_diagnose_clean;
mod other_vendors;
mod privilege_missing;
mod products;
mod properties;
mod readme;
mod report;
mod scan;
mod scan_reader;
mod sdk_logs;
mod serde;
mod service_vectors;
mod several_services;
mod token_diagnose;
mod token_safety;
mod token_starts;
mod token_vectors;
mod token_wrappers;
mod tools_test_vectors;
