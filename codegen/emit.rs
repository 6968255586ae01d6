//! Writes the checked catalog as macro invocations: data only. The macros that turn it into the
//! enums, tables and lookups live in `src/catalog/macros.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::key;
use crate::model::{Catalog, PRODUCT_FIELDS, Row};

pub(crate) fn catalog(c: &Catalog) -> String {
    let mut out = String::new();
    spaces(&mut out, c);
    errors(&mut out, c);
    product_texts(&mut out, c);
    reported_as(&mut out, c);
    spellings(&mut out, c);
    codes(&mut out, c);
    phrases(&mut out, c);
    callbacks(&mut out, c);
    context(&mut out, c);
    events(&mut out, c);
    crate::event_texts::emit(&mut out, c);
    anchors(&mut out, c);
    words(&mut out, c);
    names(&mut out, c);
    crate::lookalikes::emit(&mut out, c);
    out
}

fn spaces(out: &mut String, c: &Catalog) {
    out.push_str("code_spaces! {\n");
    for s in &c.spaces {
        writeln!(
            out,
            "    {}, {:?}, {}, {:?};",
            s.name,
            snake_case(&s.name),
            s.product,
            s.doc
        )
        .unwrap();
    }
    out.push_str("}\n\n");
}

fn errors(out: &mut String, c: &Catalog) {
    out.push_str("token_errors! {\n");
    for v in &c.variants {
        let f = &v.fields;
        let mut table =
            String::from("| identifier | language | code space | code |\n|---|---|---|---|\n");
        for r in c.rows.iter().filter(|r| r.variant == v.name) {
            let code = r.code.map_or_else(|| "-".to_owned(), |c| c.to_string());
            writeln!(
                table,
                "| `{}` | {} | {} | {code} |",
                r.name, r.language, r.space
            )
            .unwrap();
        }
        writeln!(
            out,
            "    {}, {:?}, {}, {:?}, {:?}, {:?}, {:?}, {:?}, {:?}, {:?};",
            v.name,
            snake_case(&v.name),
            f["action"],
            f["display"],
            f["summary"],
            f["cause"],
            f["remediation"],
            f["native"],
            f["web"],
            table
        )
        .unwrap();
    }
    out.push_str("}\n\n");
}

fn product_texts(out: &mut String, c: &Catalog) {
    let products: BTreeSet<&str> = c.spaces.iter().map(|s| s.product.as_str()).collect();
    out.push_str("product_texts! {\n");
    for v in &c.variants {
        for (locale, prefix) in [("En", ""), ("Zh", "zh-")] {
            for p in &products {
                // RTC's English texts are the variant's own fields; every other product and
                // locale has a row where it says something of its own.
                let key = |field: &str| match (*p, prefix) {
                    ("Rtc", _) => format!("{prefix}{field}"),
                    _ => format!("{prefix}{}-{field}", p.to_lowercase()),
                };
                if (*p, locale) == ("Rtc", "En") {
                    continue;
                }
                let get = |field: &str| v.fields.get(&key(field));
                if PRODUCT_FIELDS.iter().any(|f| get(f).is_some()) {
                    let opt = |field: &str| {
                        get(field).map_or_else(|| "None".to_owned(), |t| format!("Some({t:?})"))
                    };
                    writeln!(
                        out,
                        "    {}, {p}, {locale}, {}, {}, {};",
                        v.name,
                        opt("summary"),
                        opt("cause"),
                        opt("remediation")
                    )
                    .unwrap();
                }
            }
        }
    }
    out.push_str("}\n\n");
}

fn reported_as(out: &mut String, c: &Catalog) {
    out.push_str("reported_as! {\n");
    for v in &c.variants {
        writeln!(out, "    {}: [{}];", v.name, v.reported_as().join(", ")).unwrap();
    }
    out.push_str("}\n\n");
    out.push_str("named_as! {\n");
    for v in &c.variants {
        writeln!(out, "    {}: {:?};", v.name, v.named_as()).unwrap();
    }
    out.push_str("}\n\n");
}

fn spellings(out: &mut String, c: &Catalog) {
    let rows = c.ordered_rows();
    out.push_str("spellings! {\n");
    for r in &rows {
        let code = r
            .code
            .map_or_else(|| "None".to_owned(), |c| format!("Some({c})"));
        writeln!(
            out,
            "    {:?}, {}, {}, {}, {code}, {}, {:?}, {};",
            r.name,
            r.member_at(),
            r.language,
            r.space,
            r.variant,
            citation(&r.source),
            r.shared
        )
        .unwrap();
    }
    out.push_str("}\n\n");
    let mut ranges = Vec::new();
    let mut at = 0;
    for v in &c.variants {
        let n = rows.iter().filter(|r| r.variant == v.name).count();
        ranges.push(format!("({at}, {})", at + n));
        at += n;
    }
    writeln!(out, "spelling_ranges! {{ {} }}\n", ranges.join(", ")).unwrap();
}

fn codes(out: &mut String, c: &Catalog) {
    // (space, |code|) -> variant, in a stable order.
    let rank = |space: &str| c.spaces.iter().position(|s| s.name == space).unwrap();
    let mut codes: BTreeMap<(usize, u32), (&str, &str)> = BTreeMap::new();
    for r in &c.rows {
        if let Some(code) = r.code {
            codes.insert(
                (rank(&r.space), code.unsigned_abs()),
                (&r.space, &r.variant),
            );
        }
    }
    out.push_str("codes! {\n");
    for ((_, code), (space, variant)) in &codes {
        writeln!(out, "    {space}, {code}, {variant};").unwrap();
    }
    out.push_str("}\n\n");
}

fn phrases(out: &mut String, c: &Catalog) {
    out.push_str("phrases! {\n");
    for p in &c.phrases {
        let code = p
            .code
            .map_or_else(|| "None".to_owned(), |c| format!("Some({c})"));
        writeln!(
            out,
            "    {:?}, {}, {}, {code}, {}, {:?}, {}, {};",
            p.text,
            p.min,
            p.space,
            p.variant,
            citation(&p.source),
            p.shared,
            p.shared_joined
        )
        .unwrap();
    }
    out.push_str("}\n\n");
}

fn callbacks(out: &mut String, c: &Catalog) {
    out.push_str("callbacks! {\n");
    for cb in &c.callbacks {
        writeln!(out, "    {:?}, {}, {:?};", cb.name, cb.space, cb.fields).unwrap();
    }
    out.push_str("}\n\n");
}

fn words(out: &mut String, c: &Catalog) {
    out.push_str("recogniser_words! {\n");
    for (list, words) in &c.words {
        let name = list.replace('-', "_").to_ascii_uppercase() + "S";
        writeln!(out, "    {name}: {words:?};").unwrap();
    }
    out.push_str("}\n\n");
}

fn anchors(out: &mut String, c: &Catalog) {
    out.push_str("anchors! {\n");
    for (anchor, check) in &c.anchors {
        writeln!(out, "    {anchor:?}, {check};").unwrap();
    }
    out.push_str("}\n\n");
}

fn events(out: &mut String, c: &Catalog) {
    out.push_str("token_events! {\n");
    for e in &c.events {
        writeln!(
            out,
            "    {:?}, {}, {}, [{}], {:?};",
            e.name,
            e.event,
            e.product,
            e.platforms.join(", "),
            e.source
        )
        .unwrap();
    }
    out.push_str("}\n\n");
}

fn context(out: &mut String, c: &Catalog) {
    let words: Vec<&str> = c.context.iter().map(|(w, _)| w.as_str()).collect();
    let codes_only: Vec<bool> = c.context.iter().map(|&(_, b)| b).collect();
    writeln!(out, "context_words! {{ {words:?} {codes_only:?} }}\n").unwrap();
}

/// The member an identifier is keyed on, upper-cased.
fn member_key(r: &Row) -> String {
    r.member().to_ascii_uppercase()
}

fn names(out: &mut String, c: &Catalog) {
    let rows = c.ordered_rows();
    // Each member, with the spellings that end in it: unqualified ones first (a bare word in a
    // text can only be one of those), then qualified ones, each group in spelling order.
    let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        members.entry(member_key(r)).or_default().push(i);
    }
    for list in members.values_mut() {
        list.sort_by_key(|&i| (rows[i].member_at() != 0, i));
    }
    let keys: Vec<&[u8]> = members.keys().map(String::as_bytes).collect();
    let min = keys.iter().map(|k| k.len()).min().unwrap();
    let max = keys.iter().map(|k| k.len()).max().unwrap();
    let rotation = pick_rotation(&keys);
    let width = max.div_ceil(8) * 8;
    let mut candidates = Vec::new();
    let mut entries = String::new();
    for (k, list) in &members {
        let start = candidates.len();
        candidates.extend(list.iter().map(usize::to_string));
        writeln!(
            entries,
            "        (*b{:?}, {start}, {}),",
            format!("{k:\0<width$}"),
            list.len()
        )
        .unwrap();
    }
    let mut map = phf_codegen::Map::new();
    for (i, k) in keys.iter().enumerate() {
        map.entry(key::key(k, rotation), i.to_string());
    }
    writeln!(
        out,
        "names! {{\n    rotation: {rotation},\n    min: {min},\n    max: {max},\n    width: {width},\n    members: [\n{entries}    ],\n    candidates: [{}],\n    index: {},\n}}",
        candidates.join(", "),
        map.build()
    )
    .unwrap();
}

/// The first rotation under which every name has its own key.
fn pick_rotation(names: &[&[u8]]) -> u32 {
    (1..64)
        .find(|&rotation| {
            names
                .iter()
                .map(|n| key::key(n, rotation))
                .collect::<BTreeSet<_>>()
                .len()
                == names.len()
        })
        .expect("no rotation tells the catalog's names apart")
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.char_indices() {
        if ch.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// A row's source cell as its `citation()` gives it: where it was read (repository or package,
/// path and line, `;` between several), without the notes in parentheses that the catalog keeps
/// for its readers (what the line says, why the row reads as it does). Every build carries the
/// citations, so the notes would weigh on the debugger page's WebAssembly.
fn citation(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut depth = 0usize;
    for ch in source.chars() {
        match ch {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    let mut cited = out
        .split(';')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    let first = cited.next().unwrap_or_default();
    cited
        .filter(|s| !s.is_empty())
        .fold(first, |all, s| format!("{all}; {s}"))
}
