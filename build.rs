//! Generates the catalog from `catalog/*.md`: the crate's single source of truth.
//!
//! `codegen/tables.rs` reads the tables and `codegen/model.rs` checks them (every row has a
//! source, no row repeats, no code and no identifier means two errors, every error has a code);
//! any inconsistency panics here, so it fails the build rather than a user's lookup. `codegen/emit.rs` writes the checked
//! rows to `$OUT_DIR/catalog.rs` as macro invocations, data only; the macros in
//! `src/catalog/macros.rs` turn them into the enums, texts, tables and lookups.

#[path = "codegen/emit.rs"]
mod emit;
#[path = "codegen/event_texts.rs"]
mod event_texts;
#[path = "src/key.rs"]
#[allow(dead_code, unreachable_pub)]
mod key;
#[path = "codegen/lookalikes.rs"]
mod lookalikes;
#[path = "codegen/model.rs"]
mod model;
#[path = "codegen/tables.rs"]
mod tables;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=codegen/model.rs");
    println!("cargo::rerun-if-changed=codegen/emit.rs");
    println!("cargo::rerun-if-changed=codegen/tables.rs");
    println!("cargo::rerun-if-changed=codegen/lookalikes.rs");
    println!("cargo::rerun-if-changed=codegen/event_texts.rs");
    println!("cargo::rerun-if-changed=src/key.rs");
    let catalog = model::Catalog::read();
    let out = emit::catalog(&catalog);
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo"))
        .join("catalog.rs");
    std::fs::write(dest, out).expect("write catalog.rs");
}
