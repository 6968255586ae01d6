//! `lookalikes.md`: codes, names and texts users report as token problems that are not token
//! errors. Read, checked against the token error rows (none may be one), and written out.

use std::fmt::Write as _;

use crate::model::{Catalog, Row};
use crate::tables::{check_source, table};

/// A row of `lookalikes.md`.
pub(crate) struct Lookalike {
    pub(crate) line: usize,
    pub(crate) matched: String,
    pub(crate) kind: String,
    pub(crate) space: Option<String>,
    pub(crate) code: Option<i64>,
    pub(crate) product: String,
    pub(crate) meaning: String,
    pub(crate) check: String,
    pub(crate) source: String,
    /// `meaning` and `check` in Simplified Chinese (`lookalikes-zh.md`).
    pub(crate) zh: (String, String),
}

pub(crate) fn parse(text: &str) -> Vec<Lookalike> {
    table(text, "lookalikes.md", 8)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("lookalikes.md:{line}");
            let matched = c[0].trim_matches('`').to_owned();
            let kind = c[1].clone();
            assert!(
                matches!(kind.as_str(), "name" | "code" | "status" | "text"),
                "{at}: the kind is name, code, status or text"
            );
            let space = (c[2] != "-").then(|| c[2].clone());
            let code = (c[3] != "-").then(|| {
                c[3].parse::<i64>()
                    .unwrap_or_else(|_| panic!("{at}: `{}` is not a code", c[3]))
            });
            match kind.as_str() {
                "code" => assert!(
                    space.is_some() && code.is_some(),
                    "{at}: a code row names its space and code"
                ),
                "status" => assert!(
                    space.is_none()
                        && code.is_some_and(|c| (100..600).contains(&c))
                        && c[4] == "convoai",
                    "{at}: a status row is an HTTP status of Conversational AI, in no code space"
                ),
                "name" => assert!(
                    !matched.is_empty()
                        && matched
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"_.".contains(&b)),
                    "{at}: `{matched}` is not an identifier"
                ),
                _ => assert!(
                    !matched.is_empty() && matched == matched.to_lowercase(),
                    "{at}: a text is written in lower case"
                ),
            }
            assert!(
                matches!(c[4].as_str(), "rtc" | "rtm" | "chat" | "convoai"),
                "{at}: the product is rtc, rtm, chat or convoai"
            );
            for (what, text) in [("meaning", &c[5]), ("check", &c[6])] {
                assert!(
                    text.len() > 20 && text.ends_with('.'),
                    "{at}: the {what} is a sentence"
                );
            }
            check_source(&c[7], &at);
            Lookalike {
                line,
                matched,
                kind,
                space,
                code,
                product: c[4].clone(),
                meaning: c[5].clone(),
                check: c[6].clone(),
                source: c[7].clone(),
                zh: (String::new(), String::new()),
            }
        })
        .collect()
}

/// Adds the Chinese `meaning` and `check` of `lookalikes-zh.md`: one row per row, in the same
/// order, keyed by the same `match` cell, each text holding Chinese.
pub(crate) fn add_chinese(text: &str, rows: &mut [Lookalike]) {
    let zh = table(text, "lookalikes-zh.md", 3);
    assert_eq!(
        zh.len(),
        rows.len(),
        "lookalikes-zh.md: {} rows for the {} of lookalikes.md",
        zh.len(),
        rows.len()
    );
    let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for (row, (line, c)) in rows.iter_mut().zip(zh) {
        let at = format!("lookalikes-zh.md:{line}");
        assert_eq!(
            c[0].trim_matches('`'),
            row.matched,
            "{at}: the row of lookalikes.md:{} comes here",
            row.line
        );
        assert!(
            han(&c[1]) && han(&c[2]),
            "{at}: the meaning and check are in Chinese"
        );
        row.zh = (c[1].clone(), c[2].clone());
    }
}

/// No lookalike is a token error already: not an identifier of `identifiers.md`, not a code a
/// token error has in its space; and each is listed once.
pub(crate) fn check(c: &Catalog) {
    let spaces: Vec<&str> = c.spaces.iter().map(|s| s.name.as_str()).collect();
    let mut seen = std::collections::BTreeSet::new();
    for l in &c.lookalikes {
        let at = format!("lookalikes.md:{}", l.line);
        assert!(
            seen.insert((l.matched.to_ascii_lowercase(), l.space.clone(), l.code)),
            "{at}: listed twice"
        );
        if let Some(space) = &l.space {
            assert!(spaces.contains(&space.as_str()), "{at}: no space `{space}`");
        }
        let is_error = |r: &&Row| {
            (l.kind == "name" && r.name.eq_ignore_ascii_case(&l.matched))
                || (l.kind == "code"
                    && l.space.as_deref() == Some(r.space.as_str())
                    && r.code.map(i64::from) == l.code)
        };
        if let Some(r) = c.rows.iter().find(is_error) {
            panic!(
                "{at}: `{}` is the token error {} (identifiers.md:{})",
                l.matched, r.variant, r.line
            );
        }
    }
}

pub(crate) fn emit(out: &mut String, c: &Catalog) {
    out.push_str("lookalikes! {\n");
    for l in &c.lookalikes {
        let space = l
            .space
            .as_deref()
            .map_or("None".to_owned(), |s| format!("Some(CodeSpace::{s})"));
        let code = l.code.map_or("None".to_owned(), |n| format!("Some({n})"));
        writeln!(
            out,
            "    {:?}, {}, {space}, {code}, {:?}, {:?}, {:?}, {:?}, {:?}, {:?};",
            l.matched,
            match l.kind.as_str() {
                "name" => "Name",
                "code" => "Code",
                "status" => "Status",
                _ => "Text",
            },
            l.product,
            l.meaning,
            l.check,
            l.zh.0,
            l.zh.1,
            l.source
        )
        .unwrap();
    }
    out.push_str("}\n\n");
}
