//! Generates the catalog from `catalog/errors.md` and `catalog/identifiers.md`.
//!
//! Those two tables are the crate's single source of truth. This script checks them (every row
//! has a source, no row repeats, no name and no code means two variants, every variant has a
//! code) and writes `$OUT_DIR/catalog.rs`: the `TokenError` enum with its docs and `Display`
//! texts, the spelling listing, the code lookup, `name()`/`code()` data and the phf name map.
//! Any inconsistency panics here, so it fails the build rather than a user's lookup.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

#[path = "src/key.rs"]
#[allow(dead_code, unreachable_pub)]
mod key;

/// Code spaces in the order `name()` prefers them: a native language's own error enum first,
/// then its connection and renew-token enums; JavaScript's gateway codes before access-point ones.
const SPACES: &[&str] = &[
    "Native",
    "ConnectionChangedReason",
    "RenewTokenResult",
    "Web",
    "WebAccessPoint",
];
const FIELDS: &[&str] = &[
    "action",
    "display",
    "summary",
    "cause",
    "remediation",
    "native",
    "web",
];

struct Variant {
    name: String,
    fields: BTreeMap<String, String>,
}

struct Row {
    name: String,
    language: String,
    space: String,
    code: Option<i32>,
    variant: String,
    source: String,
    line: usize,
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=catalog/errors.md");
    println!("cargo::rerun-if-changed=catalog/identifiers.md");
    println!("cargo::rerun-if-changed=src/key.rs");

    let variants = parse_variants(&read("catalog/errors.md"));
    let rows = parse_rows(&read("catalog/identifiers.md"));
    check(&variants, &rows);

    let mut out = String::new();
    emit_enum(&mut out, &variants, &rows);
    emit_texts(&mut out, &variants);
    emit_spellings(&mut out, &variants, &rows);
    emit_code_lookup(&mut out, &variants, &rows);
    emit_names(&mut out, &variants, &rows);

    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("catalog.rs");
    std::fs::write(dest, out).expect("write catalog.rs");
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse_variants(text: &str) -> Vec<Variant> {
    let mut variants: Vec<Variant> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("## ") {
            let name = name.trim();
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
                "errors.md:{}: `{name}` is not a variant name",
                n + 1
            );
            variants.push(Variant {
                name: name.to_owned(),
                fields: BTreeMap::new(),
            });
        } else if let (Some(v), Some(field)) = (variants.last_mut(), line.strip_prefix("- ")) {
            let (key, value) = field
                .split_once(": ")
                .unwrap_or_else(|| panic!("errors.md:{}: expected `- key: value`", n + 1));
            assert!(
                FIELDS.contains(&key),
                "errors.md:{}: unknown field `{key}`",
                n + 1
            );
            let old = v.fields.insert(key.to_owned(), value.trim().to_owned());
            assert!(
                old.is_none(),
                "errors.md:{}: `{key}` given twice for {}",
                n + 1,
                v.name
            );
        }
    }
    for v in &variants {
        for f in FIELDS {
            assert!(
                v.fields.contains_key(*f),
                "errors.md: {} has no `{f}`",
                v.name
            );
        }
        let display = &v.fields["display"];
        assert!(
            display.chars().all(|c| !c.is_ascii_uppercase()) && !display.ends_with('.'),
            "errors.md: {}: display must be lowercase without a final period",
            v.name
        );
        let summary = &v.fields["summary"];
        assert!(
            summary.ends_with('.') && summary.matches(". ").count() == 0,
            "errors.md: {}: summary must be one sentence",
            v.name
        );
    }
    assert!(!variants.is_empty(), "errors.md defines no variant");
    variants
}

fn parse_rows(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some(inner) = line.strip_prefix('|') else {
            continue;
        };
        let cells: Vec<&str> = inner
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if cells[0] == "name" || cells[0].starts_with("---") {
            continue;
        }
        assert_eq!(cells.len(), 6, "identifiers.md:{}: expected 6 cells", n + 1);
        let name = cells[0].trim_matches('`');
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.'),
            "identifiers.md:{}: `{name}` is not an identifier",
            n + 1
        );
        let code = match cells[3] {
            "-" => None,
            c => Some(
                c.parse()
                    .unwrap_or_else(|_| panic!("identifiers.md:{}: bad code `{c}`", n + 1)),
            ),
        };
        assert!(
            SPACES.contains(&cells[2]),
            "identifiers.md:{}: unknown space `{}`",
            n + 1,
            cells[2]
        );
        let source = cells[5];
        let origin = source.split(' ').next().unwrap_or("");
        assert!(
            (origin.contains('/') || origin.starts_with("npm:")) && source.len() > origin.len() + 1,
            "identifiers.md:{}: the source must name a repository (or package) and a path",
            n + 1
        );
        rows.push(Row {
            name: name.to_owned(),
            language: cells[1].to_owned(),
            space: cells[2].to_owned(),
            code,
            variant: cells[4].to_owned(),
            source: source.to_owned(),
            line: n + 1,
        });
    }
    rows
}

/// The identifier the map is keyed on: the name's last segment, upper-cased.
fn map_key(name: &str) -> String {
    let name = name.as_bytes().trim_ascii();
    let segment = key::after_separator(name, usize::MAX).unwrap_or(name);
    String::from_utf8(segment.to_ascii_uppercase()).expect("ASCII")
}

fn check(variants: &[Variant], rows: &[Row]) {
    let known: BTreeSet<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    let mut seen = BTreeMap::new();
    let mut by_code = BTreeMap::new();
    let mut by_key = BTreeMap::new();
    for r in rows {
        assert!(
            known.contains(r.variant.as_str()),
            "identifiers.md:{}: no variant `{}` in errors.md",
            r.line,
            r.variant
        );
        let id = (&r.name, &r.language, &r.space, r.code);
        if let Some(first) = seen.insert(id, r.line) {
            panic!("identifiers.md:{}: repeats the row at line {first}", r.line);
        }
        if let Some(code) = r.code {
            assert!(
                code > 0,
                "identifiers.md:{}: codes are listed as positive numbers",
                r.line
            );
            if let Some((v, line)) = by_code.insert((&r.space, code), (&r.variant, r.line)) {
                assert_eq!(
                    v, &r.variant,
                    "identifiers.md:{}: {} {code} already means {v} (line {line})",
                    r.line, r.space
                );
            }
        }
        if let Some((v, line)) = by_key.insert(map_key(&r.name), (&r.variant, r.line)) {
            assert_eq!(
                v, &r.variant,
                "identifiers.md:{}: `{}` already means {v} (line {line})",
                r.line, r.name
            );
        }
    }
    for v in variants {
        assert!(
            rows.iter().any(|r| r.variant == v.name && r.code.is_some()),
            "{} has no code in identifiers.md",
            v.name
        );
    }
}

fn emit_enum(out: &mut String, variants: &[Variant], rows: &[Row]) {
    out.push_str(
        "/// A token, App ID or certificate error reported by an Agora RTC SDK.\n\
         ///\n\
         /// Each variant is one condition with one remedy; the many codes and identifiers the SDK\n\
         /// families use for it are listed under the variant and by [`TokenError::spellings`].\n\
         /// Build one with [`TokenError::from_code`] or [`TokenError::from_name`]; `Display`\n\
         /// prints a short lowercase phrase, [`TokenError::cause`] and\n\
         /// [`TokenError::remediation`] say why it happened and what to change.\n\
         ///\n\
         /// New variants may be added in minor releases, so `match` needs a wildcard arm.\n\
         ///\n\
         /// ```\n\
         /// use agora_token_errors::{CodeSpace, TokenError};\n\
         ///\n\
         /// let e = TokenError::from_code(CodeSpace::Web, 118).unwrap();\n\
         /// assert_eq!(e, TokenError::TokenExpired);\n\
         /// assert_eq!(e.to_string(), \"token expired\");\n\
         /// ```\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n\
         #[derive(::thiserror::Error, ::strum::EnumIter, ::strum::IntoStaticStr, ::strum::EnumCount)]\n\
         #[strum(serialize_all = \"snake_case\")]\n\
         #[non_exhaustive]\n\
         pub enum TokenError {\n",
    );
    for v in variants {
        let f = &v.fields;
        doc(out, &f["summary"]);
        doc(out, "");
        doc(out, &format!("**Cause.** {}", f["cause"]));
        doc(out, "");
        doc(out, &format!("**Remediation.** {}", f["remediation"]));
        doc(out, "");
        doc(
            out,
            &format!(
                "**Action.** [`Action::{}`](crate::Action::{})",
                f["action"], f["action"]
            ),
        );
        doc(out, "");
        doc(out, &format!("**Native SDKs.** {}", f["native"]));
        doc(out, "");
        doc(out, &format!("**Web SDK.** {}", f["web"]));
        doc(out, "");
        doc(out, "| identifier | language | code space | code |");
        doc(out, "|---|---|---|---|");
        for r in rows.iter().filter(|r| r.variant == v.name) {
            let code = r.code.map_or_else(|| "-".to_owned(), |c| c.to_string());
            doc(
                out,
                &format!("| `{}` | {} | {} | {code} |", r.name, r.language, r.space),
            );
        }
        writeln!(out, "    #[error({:?})]\n    {},", f["display"], v.name).unwrap();
    }
    out.push_str("}\n\nimpl TokenError {\n    /// Every variant, in declaration order.\n    ///\n    /// ```\n    /// assert!(agora_token_errors::TokenError::ALL.contains(&agora_token_errors::TokenError::InvalidToken));\n    /// ```\n    pub const ALL: &'static [TokenError] = &[\n");
    for v in variants {
        writeln!(out, "        TokenError::{},", v.name).unwrap();
    }
    out.push_str("    ];\n}\n\n");
}

fn doc(out: &mut String, line: &str) {
    writeln!(out, "    #[doc = {:?}]", format!(" {line}").trim_end()).unwrap();
}

fn emit_texts(out: &mut String, variants: &[Variant]) {
    writeln!(
        out,
        "pub(crate) static TEXTS: [Texts; {}] = [",
        variants.len()
    )
    .unwrap();
    for v in variants {
        let f = &v.fields;
        writeln!(
            out,
            "    Texts {{ variant: {:?}, action: Action::{}, display: {:?}, summary: {:?}, cause: {:?}, remediation: {:?}, native: {:?}, web: {:?} }},",
            v.name, f["action"], f["display"], f["summary"], f["cause"], f["remediation"], f["native"], f["web"]
        )
        .unwrap();
    }
    out.push_str("];\n\n");
}

fn emit_spellings(out: &mut String, variants: &[Variant], rows: &[Row]) {
    writeln!(
        out,
        "pub(crate) static SPELLINGS: [Spelling; {}] = [",
        rows.len()
    )
    .unwrap();
    let mut ranges = Vec::new();
    let mut at = 0;
    for v in variants {
        let start = at;
        for r in rows.iter().filter(|r| r.variant == v.name) {
            let code = r
                .code
                .map_or_else(|| "None".to_owned(), |c| format!("Some({c})"));
            writeln!(
                out,
                "    Spelling::new({:?}, Language::{}, CodeSpace::{}, {code}, TokenError::{}, {:?}),",
                r.name, r.language, r.space, r.variant, r.source
            )
            .unwrap();
            at += 1;
        }
        ranges.push((start, at));
    }
    out.push_str("];\n\n");
    writeln!(
        out,
        "pub(crate) static SPELLING_RANGES: [(usize, usize); {}] = {ranges:?};\n",
        variants.len()
    )
    .unwrap();
}

fn emit_code_lookup(out: &mut String, variants: &[Variant], rows: &[Row]) {
    // space -> code -> variant, in a stable order.
    let mut codes: BTreeMap<(usize, i32), &str> = BTreeMap::new();
    for r in rows {
        if let Some(c) = r.code {
            codes.insert((space_rank(&r.space), c), &r.variant);
        }
    }
    out.push_str("#[allow(clippy::unreadable_literal)]\npub(crate) fn error_for_code(space: CodeSpace, code: u32) -> Option<TokenError> {\n    match (space, code) {\n");
    for ((s, c), v) in &codes {
        writeln!(
            out,
            "        (CodeSpace::{}, {c}) => Some(TokenError::{v}),",
            SPACES[*s]
        )
        .unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n\n");

    // (variant, space) -> primary code: the first row of that space.
    out.push_str("#[allow(clippy::unreadable_literal)]\npub(crate) fn primary_code(error: TokenError, space: CodeSpace) -> Option<i32> {\n    match (error, space) {\n");
    for v in variants {
        for s in SPACES {
            if let Some(c) = primary(rows, &v.name, s) {
                writeln!(
                    out,
                    "        (TokenError::{}, CodeSpace::{s}) => Some({c}),",
                    v.name
                )
                .unwrap();
            }
        }
    }
    out.push_str("        _ => None,\n    }\n}\n\n");

    // (variant, language) -> name: the language's row for the primary code of the first space
    // that has one.
    let languages: BTreeSet<&str> = rows.iter().map(|r| r.language.as_str()).collect();
    out.push_str("pub(crate) fn primary_name(error: TokenError, language: Language) -> Option<&'static str> {\n    match (error, language) {\n");
    for v in variants {
        for lang in &languages {
            let pick = SPACES.iter().find_map(|s| {
                let mine: Vec<&Row> = rows
                    .iter()
                    .filter(|r| r.variant == v.name && r.language == *lang && r.space == *s)
                    .collect();
                let code = primary(rows, &v.name, s);
                mine.iter()
                    .find(|r| r.code.is_some() && r.code == code)
                    .or(mine.first())
                    .map(|r| r.name.clone())
            });
            if let Some(name) = pick {
                writeln!(
                    out,
                    "        (TokenError::{}, Language::{lang}) => Some({name:?}),",
                    v.name
                )
                .unwrap();
            }
        }
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
}

fn space_rank(space: &str) -> usize {
    SPACES
        .iter()
        .position(|s| *s == space)
        .expect("checked space")
}

fn primary(rows: &[Row], variant: &str, space: &str) -> Option<i32> {
    rows.iter()
        .find(|r| r.variant == variant && r.space == space && r.code.is_some())
        .and_then(|r| r.code)
}

fn emit_names(out: &mut String, variants: &[Variant], rows: &[Row]) {
    // One entry per distinct identifier (upper-cased last segment).
    // Rows in SPELLINGS order (grouped by variant), so that each name can point at its first
    // spelling there.
    let ordered: Vec<&Row> = variants
        .iter()
        .flat_map(|v| rows.iter().filter(move |r| r.variant == v.name))
        .collect();
    let mut keys: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    for (i, r) in ordered.iter().enumerate() {
        keys.entry(map_key(&r.name)).or_insert((&r.variant, i));
    }
    let names: Vec<&[u8]> = keys.keys().map(String::as_bytes).collect();
    let min = names.iter().map(|n| n.len()).min().unwrap();
    let max = names.iter().map(|n| n.len()).max().unwrap();
    let offsets = pick_offsets(&names, min);
    writeln!(
        out,
        "pub(crate) const KEY_OFFSETS: [usize; {}] = {offsets:?};",
        offsets.len()
    )
    .unwrap();
    writeln!(out, "pub(crate) const MIN_NAME_LEN: usize = {min};").unwrap();
    writeln!(out, "pub(crate) const MAX_NAME_LEN: usize = {max};").unwrap();
    // Stored upper-cased and zero-padded to a fixed width, for the word-wise compare.
    let width = max.div_ceil(8) * 8;
    writeln!(out, "pub(crate) const NAME_WIDTH: usize = {width};\n").unwrap();
    writeln!(
        out,
        "pub(crate) static NAMES: [([u8; NAME_WIDTH], usize); {}] = [",
        names.len()
    )
    .unwrap();
    for (k, (v, spelling)) in &keys {
        writeln!(
            out,
            "    (*b{:?}, {spelling}), // {v}",
            format!("{k:\0<width$}")
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    let mut map = phf_codegen::Map::new();
    for (i, n) in names.iter().enumerate() {
        map.entry(key::key(n, &offsets), i.to_string());
    }
    writeln!(
        out,
        "pub(crate) static NAME_INDEX: ::phf::Map<u32, usize> = {};",
        map.build()
    )
    .unwrap();
}

/// Greedily picks offsets from the end (within the shortest name) until every name has its own
/// key.
fn pick_offsets(names: &[&[u8]], shortest: usize) -> Vec<usize> {
    let distinct = |offsets: &[usize]| {
        names
            .iter()
            .map(|n| key::key(n, offsets))
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut chosen = Vec::new();
    while distinct(&chosen) < names.len() {
        assert!(
            chosen.len() < key::MAX_OFFSETS,
            "no {} byte offsets tell the catalog's names apart",
            key::MAX_OFFSETS
        );
        let best = (1..=shortest)
            .filter(|o| !chosen.contains(o))
            .max_by_key(|&o| {
                let mut trial = chosen.clone();
                trial.push(o);
                (distinct(&trial), std::cmp::Reverse(o))
            })
            .unwrap();
        chosen.push(best);
    }
    chosen
}
