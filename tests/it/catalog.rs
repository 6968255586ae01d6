//! The catalog is complete and consistent: every variant has its texts, codes and spellings.

use crate::common;

use agora_token_errors::{CodeSpace, Language, TokenError, spellings};
use common::all;
#[test]
fn all_lists_every_variant_once_in_declaration_order() {
    // The enum and ALL come from one macro invocation; discriminants count from 0 in order.
    for (i, &e) in TokenError::ALL.iter().enumerate() {
        assert_eq!(e as usize, i, "{e:?}");
    }
    for (i, &s) in CodeSpace::ALL.iter().enumerate() {
        assert_eq!(s as usize, i, "{s:?}");
    }
    for (i, &l) in Language::ALL.iter().enumerate() {
        assert_eq!(l as usize, i, "{l:?}");
    }
}

#[test]
fn display_is_short_lowercase_without_final_period() {
    for e in all() {
        let s = e.to_string();
        assert!(!s.is_empty() && s.len() <= 60, "{e:?}: {s:?}");
        assert_eq!(s, s.to_lowercase(), "{e:?}");
        assert!(!s.ends_with('.'), "{e:?}");
    }
}

#[test]
fn every_variant_has_all_its_texts() {
    for e in all() {
        for (what, text) in [
            ("summary", e.summary()),
            ("cause", e.cause()),
            ("remediation", e.remediation()),
            ("native surface", e.native_surface()),
            ("web surface", e.web_surface()),
        ] {
            assert!(text.len() > 40, "{e:?} {what} is too thin: {text:?}");
        }
        assert!(
            e.summary().ends_with('.') && !e.summary().contains(". "),
            "{e:?}: one sentence"
        );
    }
}

#[test]
fn every_text_is_written_in_every_locale_and_product() {
    use agora_token_errors::{Locale, Product};
    let han = |t: &str| {
        t.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
    };
    for e in all() {
        for &product in Product::ALL {
            let en = e.texts(product, Locale::En);
            let zh = e.texts(product, Locale::Zh);
            for (what, en, zh) in [
                ("summary", en.summary(), zh.summary()),
                ("cause", en.cause(), zh.cause()),
                ("remediation", en.remediation(), zh.remediation()),
            ] {
                assert!(
                    en.len() > 30 && han(en) == 0,
                    "{e:?} {product} {what}: {en:?}"
                );
                // Written in Chinese, not left in English: most of it is Han characters.
                assert!(
                    han(zh) * 3 >= zh.chars().count() / 2,
                    "{e:?} {product} {what}: {zh:?}"
                );
            }
            // Where a product has its own English text, its Chinese text is its own too.
            let rtc = e.texts(agora_token_errors::Product::Rtc, Locale::Zh);
            if en.cause() != e.cause() {
                assert_ne!(zh.cause(), rtc.cause(), "{e:?} {product}");
            }
            if en.remediation() != e.remediation() {
                assert_ne!(zh.remediation(), rtc.remediation(), "{e:?} {product}");
            }
        }
        assert_eq!(
            e.texts(agora_token_errors::Product::Rtc, Locale::En)
                .cause(),
            e.cause()
        );
        assert_eq!(
            e.texts(agora_token_errors::Product::Rtc, Locale::En)
                .summary(),
            e.summary()
        );
        assert_eq!(
            e.texts(agora_token_errors::Product::Rtc, Locale::En)
                .remediation(),
            e.remediation()
        );
    }
}

#[test]
fn every_event_says_what_to_do_in_each_product_and_locale() {
    use agora_token_errors::{Locale, Product, TokenEvent};
    for &event in TokenEvent::ALL {
        for &product in Product::ALL {
            let en = event.remediation(product, Locale::En);
            let zh = event.remediation(product, Locale::Zh);
            assert!(en.len() > 40 && en.is_ascii(), "{event} {product}: {en:?}");
            assert!(!zh.is_ascii() && zh != en, "{event} {product}: {zh:?}");
            // A will-expire event is renewed in place; after expiry an RTC client joins again
            // and an RTM or Chat client logs in again.
            match (event, product) {
                (TokenEvent::WillExpire, _) => assert!(en.contains("renewToken"), "{en}"),
                (TokenEvent::DidExpire, Product::Rtc) => assert!(en.contains("join"), "{en}"),
                (TokenEvent::DidExpire, _) => assert!(en.contains("log in"), "{en}"),
                _ => {}
            }
        }
    }
}

#[test]
fn texts_are_distinct_between_variants() {
    let mut seen = std::collections::HashSet::new();
    for e in all() {
        assert!(seen.insert(e.to_string()), "display of {e:?} repeats");
        assert!(
            seen.insert(e.remediation().to_owned()),
            "remediation of {e:?} repeats"
        );
        assert!(seen.insert(e.as_str().to_owned()), "id of {e:?} repeats");
    }
}

#[test]
fn invalid_token_remediation_covers_every_cause_the_faq_lists() {
    let fix = TokenError::InvalidToken.remediation();
    for needle in [
        "App Certificate",
        "without it",
        "App ID",
        "channel name",
        "uid",
        "user account",
    ] {
        assert!(
            fix.contains(needle),
            "110's remediation does not mention {needle:?}"
        );
    }
}

#[test]
fn every_variant_has_a_code_and_spellings_with_sources() {
    for e in all() {
        assert!(
            CodeSpace::ALL.iter().any(|&s| e.code(s).is_some()),
            "{e:?} has no code"
        );
        assert!(!e.spellings().is_empty(), "{e:?} has no spelling");
        for s in e.spellings() {
            assert_eq!(s.error(), e);
            assert!(
                s.citation().contains('/') || s.citation().starts_with("npm:"),
                "{}: {}",
                s.identifier(),
                s.citation()
            );
        }
    }
}

#[test]
fn per_variant_spellings_partition_the_whole_listing() {
    let total: usize = all().map(|e| e.spellings().len()).sum();
    assert_eq!(total, spellings().len());
}

#[test]
fn no_row_repeats() {
    let mut seen = std::collections::HashSet::new();
    for s in spellings() {
        assert!(
            seen.insert((s.identifier(), s.language(), s.space(), s.code())),
            "{s:?} repeats"
        );
    }
}

#[test]
fn faq_identifier_table_is_covered() {
    // The FAQ's table, row by row: code, Java/C++/C#, Objective-C, JavaScript.
    let faq = [
        (
            101,
            Some("ERR_INVALID_APP_ID"),
            Some("AgoraErrorCodeInvalidAppId"),
            "ERR_INVALID_VENDOR_KEY",
        ),
        (
            109,
            Some("ERR_TOKEN_EXPIRED"),
            Some("AgoraErrorCodeTokenExpired"),
            "ERR_DYNAMIC_KEY_TIMEOUT",
        ),
        (
            110,
            Some("ERR_INVALID_TOKEN"),
            Some("AgoraErrorCodeInvalidToken"),
            "ERR_NO_AUTHORIZED",
        ),
        (2, None, None, "K_TIMESTAMP_EXPIRED"),
        (118, None, None, "ERR_DYNAMIC_KEY_EXPIRED"),
        (119, None, None, "ERR_STATIC_USE_DYNAMIC_KEY"),
        (120, None, None, "ERR_DYNAMIC_USE_STATIC_KEY"),
    ];
    for (code, native, objc, js) in faq {
        let web = TokenError::from_code(CodeSpace::Web, code).expect("FAQ web code");
        assert_eq!(TokenError::from_name(js), Some(web), "{js}");
        if let (Some(native), Some(objc)) = (native, objc) {
            let e = TokenError::from_code(CodeSpace::Native, code).expect("FAQ native code");
            assert_eq!(e, web, "native and web {code} differ");
            for lang in [Language::Java, Language::Cpp, Language::CSharp] {
                assert_eq!(
                    e.identifier(agora_token_errors::Product::Rtc, lang),
                    Some(native)
                );
            }
            assert_eq!(
                e.identifier(agora_token_errors::Product::Rtc, Language::ObjectiveC),
                Some(objc)
            );
        } else {
            assert_eq!(
                TokenError::from_code(CodeSpace::Native, code).filter(|&e| e == web),
                None
            );
            assert_eq!(
                web.identifier(agora_token_errors::Product::Rtc, Language::Java),
                if web == TokenError::TokenExpired {
                    Some("ERR_TOKEN_EXPIRED")
                } else {
                    None
                }
            );
        }
    }
}

/// The kinds of source a catalog row may cite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SourceKind {
    /// A file of a GitHub repository: `owner/repo[@commit] path[:line]`.
    Repository,
    /// A file of an npm package: `npm:package@version file`.
    Npm,
    /// A file of a PyPI package: `pypi:package@version file`.
    Pypi,
    /// A documentation page: `docs.agora.io/...`, `api-ref.agora.io/...`.
    Docs,
    /// A GitHub issue or pull-request thread: `owner/repo#N`, `owner/repo issues/N`.
    Issue,
}

const SOURCE_KINDS: [SourceKind; 5] = [
    SourceKind::Repository,
    SourceKind::Npm,
    SourceKind::Pypi,
    SourceKind::Docs,
    SourceKind::Issue,
];

/// `owner/repo`, optionally `@ref`: one slash, GitHub's characters, no placeholder owner.
fn is_repo(origin: &str) -> bool {
    let name = origin.split('@').next().unwrap_or("");
    let mut parts = name.split('/');
    let (Some(owner), Some(repo), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let github = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    github(owner) && github(repo) && !owner.contains('.') && !owner.eq_ignore_ascii_case("tbd")
}

/// The kind of one citation, from its first word (and, for an issue, its second).
fn source_kind(citation: &str) -> Option<SourceKind> {
    let mut words = citation.split_whitespace();
    let origin = words.next()?;
    let rest = words.next();
    let package = |p: &str| p.contains('@') && rest.is_some();
    if let Some(p) = origin.strip_prefix("npm:") {
        return package(p).then_some(SourceKind::Npm);
    }
    if let Some(p) = origin.strip_prefix("pypi:") {
        return package(p).then_some(SourceKind::Pypi);
    }
    if let Some((repo, number)) = origin.split_once('#') {
        let number: String = number.chars().take_while(char::is_ascii_digit).collect();
        return (is_repo(repo) && number.parse::<u32>().is_ok_and(|n| n > 0))
            .then_some(SourceKind::Issue);
    }
    let host = origin.split('/').next().unwrap_or("");
    if host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Some(SourceKind::Docs);
    }
    let rest = rest?;
    if !is_repo(origin) {
        return None;
    }
    let thread = ["issues/", "pull/"].iter().any(|t| {
        rest.strip_prefix(t)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit() && c != '0'))
    });
    Some(if thread {
        SourceKind::Issue
    } else {
        SourceKind::Repository
    })
}

/// The citations of a source cell: its parts split at `;` outside parentheses and backticks.
fn citations(cell: &str) -> Vec<&str> {
    let (mut out, mut depth, mut code, mut start) = (Vec::new(), 0_i32, false, 0);
    for (i, c) in cell.char_indices() {
        match c {
            '`' => code = !code,
            '(' if !code => depth += 1,
            ')' if !code => depth -= 1,
            ';' if !code && depth == 0 => {
                out.push(cell[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(cell[start..].trim());
    out.retain(|c| !c.is_empty());
    out
}

/// The source cells of the first table of `catalog/<file>`, with their line numbers.
fn source_cells(file: &str, column: usize) -> Vec<(usize, String)> {
    let path = format!("{}/catalog/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut rows = Vec::new();
    let mut header = true;
    for (n, line) in text.lines().enumerate() {
        let Some(inner) = line.trim_end().strip_prefix('|') else {
            continue;
        };
        let cells: Vec<&str> = inner
            .strip_suffix('|')
            .unwrap_or(inner)
            .split('|')
            .collect();
        if header || cells[0].trim().starts_with("---") {
            header = false;
            continue;
        }
        rows.push((n + 1, cells[column].trim().to_owned()));
    }
    rows
}

#[test]
fn every_catalog_row_cites_a_source_of_a_known_kind() {
    // Each table with the column its source is in.
    let tables = [
        ("identifiers.md", 5),
        ("phrases.md", 5),
        ("events.md", 4),
        ("shared.md", 2),
        ("callbacks.md", 3),
        ("context.md", 2),
    ];
    let mut unsourced = Vec::new();
    println!(
        "{:<16} {:>5} {:>10} {:>5} {:>5} {:>5} {:>6}",
        "table", "rows", "repository", "npm", "pypi", "docs", "issue"
    );
    for (file, column) in tables {
        let rows = source_cells(file, column);
        assert!(!rows.is_empty(), "{file}: no rows");
        let mut counts = [0_usize; SOURCE_KINDS.len()];
        for (line, cell) in &rows {
            let kinds: Vec<SourceKind> = citations(cell)
                .into_iter()
                .filter_map(source_kind)
                .collect();
            if kinds.is_empty() {
                unsourced.push(format!("{file}:{line}: {cell}"));
            }
            for (i, k) in SOURCE_KINDS.iter().enumerate() {
                counts[i] += usize::from(kinds.contains(k));
            }
        }
        println!(
            "{file:<16} {:>5} {:>10} {:>5} {:>5} {:>5} {:>6}",
            rows.len(),
            counts[0],
            counts[1],
            counts[2],
            counts[3],
            counts[4]
        );
        if file == "identifiers.md" {
            assert_eq!(rows.len(), spellings().len(), "{file}");
        }
    }
    // The API's citations are the tables' cells.
    for s in spellings() {
        assert!(
            citations(s.citation())
                .into_iter()
                .any(|c| source_kind(c).is_some()),
            "{}: {}",
            s.identifier(),
            s.citation()
        );
    }
    assert!(
        unsourced.is_empty(),
        "rows citing no repository, npm or PyPI package, docs page or issue thread:\n{}",
        unsourced.join("\n")
    );
}

#[test]
fn source_kinds_are_told_apart() {
    for (citation, kind) in [
        (
            "AgoraIO/API-Examples Android/x/AgoraBase.h:590",
            Some(SourceKind::Repository),
        ),
        (
            "AgoraIO-Extensions/Electron-SDK@51cd2aba (3.x) ts/Api/index.ts:599",
            Some(SourceKind::Repository),
        ),
        (
            "gautamhazari/.net_server_side_library docs/x.md",
            Some(SourceKind::Repository),
        ),
        (
            "npm:@firebase/auth@1.13.6 dist/esm/index.js.map",
            Some(SourceKind::Npm),
        ),
        ("npm:agora-rtc-sdk-ng@4.24.8", None),
        (
            "pypi:pyjwt@2.15.1 jwt/api_jws.py:446",
            Some(SourceKind::Pypi),
        ),
        (
            "docs.agora.io/en/faq/token_error (FAQ)",
            Some(SourceKind::Docs),
        ),
        (
            "api-ref.agora.io/en/chat-sdk/flutter/x.html",
            Some(SourceKind::Docs),
        ),
        (
            "ArtisanCloud/PowerWeChat#413 (`40013 invalid appid`)",
            Some(SourceKind::Issue),
        ),
        (
            "AgoraIO-Extensions/Agora-Flutter-SDK issues/878",
            Some(SourceKind::Issue),
        ),
        ("TBD/native-log#0 (a placeholder)", None),
        ("tests/fixtures/other-vendors.txt (a line)", None),
        ("the SDK's own log", None),
    ] {
        assert_eq!(source_kind(citation), kind, "{citation}");
    }
    assert_eq!(
        citations("a/b x.js:1 (`p; q`, see c; d); npm:e@1 f.js"),
        ["a/b x.js:1 (`p; q`, see c; d)", "npm:e@1 f.js"]
    );
}
