//! The token vectors of `tests/fixtures/tokens.json`, for the diagnosis tests.

use agora_token_errors::token::{Finding, FindingKind};
use serde_json::Value;

pub const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";

pub fn vector(name: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("../../fixtures/tokens.json")).unwrap();
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no vector {name}"))
        .clone()
}

pub fn token(name: &str) -> String {
    vector(name)["token"].as_str().unwrap().to_owned()
}

/// A minute after the vector was built: nothing has expired yet.
pub fn soon(name: &str) -> u64 {
    let v = vector(name);
    v["decoded"]["issue_ts"]
        .as_u64()
        .unwrap_or_else(|| v["decoded"]["ts"].as_u64().unwrap() - 24 * 3600)
        + 60
}

pub fn kinds(findings: &[Finding]) -> Vec<FindingKind> {
    findings.iter().map(Finding::kind).collect()
}

pub fn only(findings: &[Finding], kind: FindingKind) -> &Finding {
    let f: Vec<&Finding> = findings.iter().filter(|f| f.kind() == kind).collect();
    assert_eq!(f.len(), 1, "expected one {kind:?} in {:?}", kinds(findings));
    f[0]
}
