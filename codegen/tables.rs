//! The catalog's markdown tables read into rows: one reader per file of `catalog/`, each
//! checking its own table's cells (names, codes, sources) as it reads them. `model.rs` checks
//! the rows against each other.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Callback, EventName, FIELDS, OPTIONAL_FIELDS, PRODUCT_FIELDS, Phrase, Row, Space, Variant,
    WORD_LISTS,
};
/// The rows of `words.md`, by list.
pub(crate) fn parse_words(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut lists: BTreeMap<String, Vec<String>> = WORD_LISTS
        .iter()
        .map(|l| ((*l).to_owned(), Vec::new()))
        .collect();
    for (line, c) in table(text, "words.md", 3) {
        let at = format!("words.md:{line}");
        let word = c[0].trim_matches('`').to_owned();
        assert!(
            !word.is_empty() && word == word.to_ascii_lowercase(),
            "{at}: a word is lower case"
        );
        assert!(!c[2].is_empty(), "{at}: say which shape the word serves");
        let list = lists
            .get_mut(c[1].as_str())
            .unwrap_or_else(|| panic!("{at}: unknown list `{}`", c[1]));
        assert!(
            !list.contains(&word),
            "{at}: `{word}` is listed twice in {}",
            c[1]
        );
        list.push(word);
    }
    for (name, list) in &lists {
        assert!(!list.is_empty(), "words.md: the {name} list is empty");
    }
    lists
}

/// The rows of `anchors.md`: each anchor with its check's name in the generated code.
pub(crate) fn parse_anchors(text: &str) -> Vec<(String, String)> {
    let anchors: Vec<(String, String)> = table(text, "anchors.md", 3)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("anchors.md:{line}");
            let anchor = c[0].trim_matches('`').to_owned();
            assert!(
                !anchor.is_empty() && anchor.len() <= 16 && anchor == anchor.to_ascii_lowercase(),
                "{at}: an anchor is lower case, 1 to 16 bytes"
            );
            let check = match c[1].as_str() {
                "word" => "Word",
                "phrase" => "Phrase",
                "callback" => "Callback",
                "error-word" => "ErrorWord",
                other => panic!("{at}: unknown check `{other}`"),
            };
            (anchor, check.to_owned())
        })
        .collect();
    for (i, (a, _)) in anchors.iter().enumerate() {
        for (j, (b, _)) in anchors.iter().enumerate() {
            assert!(
                i == j || !b.starts_with(a.as_str()),
                "anchors.md: `{a}` starts `{b}`: at most one anchor may match at a place"
            );
        }
    }
    anchors
}

/// The rows of `events.md`.
pub(crate) fn parse_events(text: &str) -> Vec<EventName> {
    let mut names = BTreeSet::new();
    // A name means one event wherever it is used: the scan searches each name once.
    let mut meaning: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    table(text, "events.md", 5)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("events.md:{line}");
            let name = c[0].trim_matches('`').to_owned();
            assert!(
                is_ident(&name, b":()_-"),
                "{at}: `{name}` is not a callback or event name"
            );
            assert!(
                names.insert((name.clone(), c[2].clone(), c[3].clone())),
                "{at}: `{name}` is listed twice for {} on {}",
                c[2],
                c[3]
            );
            assert!(
                matches!(c[1].as_str(), "WillExpire" | "DidExpire"),
                "{at}: the event is WillExpire or DidExpire"
            );
            let event = meaning.entry(name.clone()).or_insert_with(|| c[1].clone());
            assert!(
                *event == c[1],
                "{at}: `{name}` means {event} in another row, {} here",
                c[1]
            );
            assert!(
                matches!(c[2].as_str(), "Rtc" | "Rtm" | "Chat"),
                "{at}: the product is Rtc, Rtm or Chat"
            );
            let platforms: Vec<String> = c[3].split(',').map(|p| p.trim().to_owned()).collect();
            assert!(
                platforms.iter().all(|p| is_ident(p, b"")),
                "{at}: platforms are Platform variants, comma-separated"
            );
            check_source(&c[4], &at);
            EventName {
                name,
                event: c[1].clone(),
                product: c[2].clone(),
                platforms,
                source: c[4].clone(),
            }
        })
        .collect()
}

/// The words of `context.md`, lower-cased, each with whether it vouches only for a code (`a
/// code`) rather than for any spelling (`any`).
pub(crate) fn parse_context(text: &str) -> Vec<(String, bool)> {
    let words: Vec<(String, bool)> = table(text, "context.md", 3)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("context.md:{line}");
            let word = c[0].trim_matches('`').to_owned();
            assert!(
                word.len() >= 4 && word == word.to_lowercase(),
                "{at}: a context word is written in lower case, 4 bytes or more"
            );
            let codes_only = match c[1].as_str() {
                "any" => false,
                "a code" => true,
                other => panic!("{at}: `vouches for` is `any` or `a code`, not `{other}`"),
            };
            check_source(&c[2], &at);
            (word, codes_only)
        })
        .collect();
    assert!(!words.is_empty(), "context.md: no words");
    words
}

pub(crate) fn parse_callbacks(text: &str) -> Vec<Callback> {
    table(text, "callbacks.md", 4)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("callbacks.md:{line}");
            let name = c[0].trim_matches('`');
            assert!(is_ident(name, b""), "{at}: `{name}` is not an identifier");
            let fields: Vec<String> = c[2]
                .split(',')
                .map(|f| f.trim().trim_matches('`').to_owned())
                .collect();
            assert!(
                fields.iter().all(|f| f == "-"
                    || f.strip_prefix('#')
                        .is_some_and(|k| k.parse::<usize>().is_ok_and(|k| k > 0))
                    || is_ident(f.strip_prefix('(').unwrap_or(f), b"")),
                "{at}: fields are `-`, `#N`, identifiers or `(identifier`, comma-separated"
            );
            check_source(&c[3], &at);
            Callback {
                name: name.to_owned(),
                space: c[1].clone(),
                fields,
            }
        })
        .collect()
}

pub(crate) fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The cells of every body row of the first table in `text`, with their line numbers.
pub(crate) fn table(text: &str, file: &str, width: usize) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut header = true;
    for (n, line) in text.lines().enumerate() {
        let Some(inner) = line.strip_prefix('|') else {
            continue;
        };
        let cells: Vec<String> = inner
            .trim_end()
            .strip_suffix('|')
            .unwrap_or(inner)
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect();
        if header || cells[0].starts_with("---") {
            header = false;
            continue;
        }
        assert_eq!(
            cells.len(),
            width,
            "{file}:{}: expected {width} cells",
            n + 1
        );
        out.push((n + 1, cells));
    }
    out
}

pub(crate) fn parse_code(cell: &str, at: &str) -> Option<i32> {
    match cell {
        "-" => None,
        c => Some(c.parse().unwrap_or_else(|_| panic!("{at}: bad code `{c}`"))),
    }
}

pub(crate) fn check_source(source: &str, at: &str) {
    let origin = source.split(' ').next().unwrap_or("");
    assert!(
        (origin.contains('/') || origin.starts_with("npm:") || origin.starts_with("pypi:"))
            && source.len() > origin.len() + 1,
        "{at}: the source must name a repository (or npm or PyPI package) and a path"
    );
}

pub(crate) fn is_ident(name: &str, extra: &[u8]) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || extra.contains(&b))
}

pub(crate) fn parse_spaces(text: &str) -> Vec<Space> {
    let spaces: Vec<Space> = table(text, "spaces.md", 3)
        .into_iter()
        .map(|(n, c)| {
            let name = c[0].trim_matches('`').to_owned();
            assert!(
                is_ident(&name, &[]),
                "spaces.md:{n}: `{name}` is not a name"
            );
            Space {
                name,
                product: c[1].clone(),
                doc: c[2].clone(),
            }
        })
        .collect();
    assert!(!spaces.is_empty(), "spaces.md defines no space");
    spaces
}

pub(crate) fn parse_variants(text: &str, spaces: &[Space]) -> Vec<Variant> {
    let products: BTreeSet<String> = spaces.iter().map(|s| s.product.to_lowercase()).collect();
    let mut variants: Vec<Variant> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = format!("errors.md:{}", n + 1);
        if let Some(name) = line.strip_prefix("## ") {
            let name = name.trim();
            assert!(is_ident(name, &[]), "{at}: `{name}` is not a variant name");
            variants.push(Variant {
                name: name.to_owned(),
                fields: BTreeMap::new(),
            });
        } else if let (Some(v), Some(field)) = (variants.last_mut(), line.strip_prefix("- ")) {
            let (key, value) = field
                .split_once(": ")
                .unwrap_or_else(|| panic!("{at}: expected `- key: value`"));
            // `zh-cause`, `zh-rtm-cause`: the same text in Simplified Chinese.
            let text_key = key.strip_prefix("zh-").unwrap_or(key);
            let known = FIELDS.contains(&key)
                || OPTIONAL_FIELDS.contains(&key)
                || (text_key != key && PRODUCT_FIELDS.contains(&text_key))
                || text_key.split_once('-').is_some_and(|(product, field)| {
                    products.contains(product) && PRODUCT_FIELDS.contains(&field)
                });
            assert!(known, "{at}: unknown field `{key}`");
            let old = v.fields.insert(key.to_owned(), value.trim().to_owned());
            assert!(old.is_none(), "{at}: `{key}` given twice for {}", v.name);
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
        // Every text that has an English form has a Chinese one, and no Chinese text stands
        // without its English.
        for key in v.fields.keys() {
            let english = key.strip_prefix("zh-").unwrap_or(key);
            let is_text = PRODUCT_FIELDS.contains(&english)
                || english
                    .split_once('-')
                    .is_some_and(|(_, f)| PRODUCT_FIELDS.contains(&f));
            if is_text && english == key {
                assert!(
                    v.fields.contains_key(&format!("zh-{key}")),
                    "errors.md: {} has `{key}` but no `zh-{key}` (every text in English and Chinese)",
                    v.name
                );
            } else if is_text {
                assert!(
                    v.fields.contains_key(english),
                    "errors.md: {} has `{key}` but no `{english}`",
                    v.name
                );
            }
        }
        let display = &v.fields["display"];
        assert!(
            display.chars().all(|c| !c.is_ascii_uppercase()) && !display.ends_with('.'),
            "errors.md: {}: display must be lowercase without a final period",
            v.name
        );
        let summary = &v.fields["summary"];
        assert!(
            summary.ends_with('.') && !summary.contains(". "),
            "errors.md: {}: summary must be one sentence",
            v.name
        );
    }
    assert!(!variants.is_empty(), "errors.md defines no variant");
    variants
}

pub(crate) fn parse_rows(text: &str) -> Vec<Row> {
    table(text, "identifiers.md", 6)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("identifiers.md:{line}");
            let name = c[0].trim_matches('`');
            assert!(
                is_ident(name, b".") && !name.starts_with('.') && !name.ends_with('.'),
                "{at}: `{name}` is not an identifier"
            );
            check_source(&c[5], &at);
            Row {
                name: name.to_owned(),
                language: c[1].clone(),
                space: c[2].clone(),
                code: parse_code(&c[3], &at),
                variant: c[4].clone(),
                source: c[5].clone(),
                line,
                shared: false,
            }
        })
        .collect()
}

pub(crate) fn parse_phrases(text: &str) -> Vec<Phrase> {
    table(text, "phrases.md", 6)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("phrases.md:{line}");
            let text = c[0].trim_matches('`').to_owned();
            let min: usize = c[1]
                .parse()
                .unwrap_or_else(|_| panic!("{at}: bad minimum `{}`", c[1]));
            assert!(
                min >= 10 && min <= text.len() && text.is_char_boundary(min),
                "{at}: the minimum must be 10 bytes or more, within the phrase"
            );
            assert!(
                !text.bytes().any(|b| b.is_ascii_uppercase()),
                "{at}: phrases are written in lower case"
            );
            check_source(&c[5], &at);
            Phrase {
                text,
                min,
                space: c[2].clone(),
                code: parse_code(&c[3], &at),
                variant: c[4].clone(),
                source: c[5].clone(),
                shared: false,
                shared_joined: false,
            }
        })
        .collect()
}
