//! The catalog's table of every error and its codes (catalog/README.md) is the catalog: regenerate
//! it from the API and compare; and the README names the test command CI runs.

use std::fmt::Write as _;

use agora_token_errors::{CodeSpace, Product, TokenError};

fn codes(e: TokenError, space: CodeSpace) -> Vec<String> {
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
    codes
}

/// One row per error and product: its codes in each of that product's code spaces.
fn table() -> String {
    let mut out = String::from(
        "| `TokenError` | `Display` | Product | Codes, by code space |\n|---|---|---|---|\n",
    );
    for &e in TokenError::ALL {
        let mut first = true;
        for &product in Product::ALL {
            let cells: Vec<String> = CodeSpace::ALL
                .iter()
                .filter(|s| s.product() == product)
                .filter_map(|&s| {
                    let c = codes(e, s);
                    (!c.is_empty()).then(|| format!("{s} {}", c.join(", ")))
                })
                .collect();
            if cells.is_empty() {
                continue;
            }
            let (name, display) = if first {
                (format!("`{e:?}`"), e.to_string())
            } else {
                (String::new(), String::new())
            };
            first = false;
            writeln!(
                out,
                "| {name} | {display} | {product} | {} |",
                cells.join("; ")
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn the_catalog_readmes_table_matches_the_catalog() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/README.md")).unwrap();
    let expected = table();
    assert!(
        readme.contains(&expected),
        "catalog/README.md's table is stale; it should read:\n\n{expected}"
    );
}

#[test]
fn readme_names_the_test_command_ci_runs() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(readme.contains("cargo test --workspace --all-features"));
    assert!(ci.contains("cargo test --locked --workspace --all-features"));
}
