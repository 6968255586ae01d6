//! README.md's catalog table is the catalog: regenerate it from the API and compare.

use std::fmt::Write as _;

use agora_token_errors::{CodeSpace, TokenError};

fn codes(e: TokenError, space: CodeSpace) -> String {
    let mut codes: Vec<String> = Vec::new();
    for code in e
        .spellings()
        .iter()
        .filter(|s| s.space() == space)
        .filter_map(agora_token_errors::Spelling::code)
    {
        if !codes.contains(&code.to_string()) {
            codes.push(code.to_string());
        }
    }
    if codes.is_empty() {
        "-".to_owned()
    } else {
        codes.join(", ")
    }
}

fn table() -> String {
    let mut out = String::from(
        "| `TokenError` | `Display` | Native | Web | Web access point | Connection reason | Renew-token result |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for &e in TokenError::ALL {
        writeln!(
            out,
            "| `{e:?}` | {e} | {} | {} | {} | {} | {} |",
            codes(e, CodeSpace::Native),
            codes(e, CodeSpace::Web),
            codes(e, CodeSpace::WebAccessPoint),
            codes(e, CodeSpace::ConnectionChangedReason),
            codes(e, CodeSpace::RenewTokenResult),
        )
        .unwrap();
    }
    out
}

#[test]
fn readme_catalog_table_matches_the_catalog() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let expected = table();
    assert!(
        readme.contains(&expected),
        "README.md's catalog table is stale; it should read:\n\n{expected}"
    );
}

#[test]
fn readme_names_the_test_command_ci_runs() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(readme.contains("cargo test --all-features"));
    assert!(ci.contains("cargo test --locked --all-features"));
}
