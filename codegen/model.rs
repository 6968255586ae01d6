//! Reads and checks the catalog tables (`catalog/*.md`). Anything inconsistent panics, which
//! fails the build with the file and line at fault.

use std::collections::{BTreeMap, BTreeSet};

/// The fields of one `errors.md` section, in the order the generated code takes them.
pub(crate) const FIELDS: &[&str] = &[
    "action",
    "display",
    "summary",
    "cause",
    "remediation",
    "native",
    "web",
];

/// Optional fields: `reported-as`, the other errors SDKs report the same fault as
/// (comma-separated variant names).
/// `named-as`, the words a text about the error uses (comma-separated, lower case): a code that
/// other vendors print too (`error code 110`) counts in a text that names them.
pub(crate) const OPTIONAL_FIELDS: &[&str] = &["reported-as", "named-as"];

/// Optional per-product texts in `errors.md`: `<product>-cause`, `<product>-remediation`.
pub(crate) const PRODUCT_FIELDS: &[&str] = &["cause", "remediation"];

pub(crate) struct Space {
    pub(crate) name: String,
    pub(crate) product: String,
    pub(crate) doc: String,
}

pub(crate) struct Variant {
    pub(crate) name: String,
    pub(crate) fields: BTreeMap<String, String>,
}

impl Variant {
    /// The words of its `named-as` field.
    pub(crate) fn named_as(&self) -> Vec<&str> {
        let words: Vec<&str> = self
            .fields
            .get("named-as")
            .map(|list| {
                list.split(',')
                    .map(|w| w.trim().trim_matches('`'))
                    .collect()
            })
            .unwrap_or_default();
        for w in &words {
            assert!(
                w.len() >= 3 && *w == w.to_lowercase(),
                "errors.md: {}: a named-as word is lower case, 3 bytes or more",
                self.name
            );
        }
        words
    }

    /// The variants of its `reported-as` field.
    pub(crate) fn reported_as(&self) -> Vec<&str> {
        self.fields
            .get("reported-as")
            .map(|list| list.split(',').map(str::trim).collect())
            .unwrap_or_default()
    }
}

pub(crate) struct Row {
    pub(crate) name: String,
    pub(crate) language: String,
    pub(crate) space: String,
    pub(crate) code: Option<i32>,
    pub(crate) variant: String,
    pub(crate) source: String,
    pub(crate) line: usize,
    /// Other vendors print this identifier too (`shared.md`).
    pub(crate) shared: bool,
}

impl Row {
    /// The identifier without its qualifier (`invalidToken` of `AgoraErrorCode.invalidToken`).
    pub(crate) fn member(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }

    /// Where the member starts in the name (0 when the name has no qualifier).
    pub(crate) fn member_at(&self) -> usize {
        self.name.len() - self.member().len()
    }
}

pub(crate) struct Phrase {
    pub(crate) text: String,
    pub(crate) min: usize,
    pub(crate) space: String,
    pub(crate) code: Option<i32>,
    pub(crate) variant: String,
    pub(crate) source: String,
    /// Other vendors print this phrase too (`shared.md`): in words, and joined by underscores
    /// (OAuth's `invalid_token`).
    pub(crate) shared: bool,
    pub(crate) shared_joined: bool,
}

/// A token lifecycle callback or event name (`events.md`).
pub(crate) struct EventName {
    pub(crate) name: String,
    pub(crate) event: String,
    pub(crate) product: String,
    pub(crate) platforms: Vec<String>,
    pub(crate) source: String,
}

/// A callback whose arguments carry a code, and the fields of its arguments the code is read
/// from (`-`: the number right after the name).
pub(crate) struct Callback {
    pub(crate) name: String,
    pub(crate) space: String,
    pub(crate) fields: Vec<String>,
}

pub(crate) struct Catalog {
    pub(crate) spaces: Vec<Space>,
    pub(crate) variants: Vec<Variant>,
    pub(crate) rows: Vec<Row>,
    pub(crate) phrases: Vec<Phrase>,
    pub(crate) callbacks: Vec<Callback>,
    /// The words of `context.md`: a text holding one comes from an Agora SDK.
    pub(crate) context: Vec<String>,
    pub(crate) events: Vec<EventName>,
    /// The words of `words.md`, by list.
    pub(crate) words: BTreeMap<String, Vec<String>>,
    /// The anchors of `anchors.md`, with their check (`Word`, `Phrase`, `Callback`, `ErrorWord`).
    pub(crate) anchors: Vec<(String, String)>,
}

impl Catalog {
    pub(crate) fn read() -> Catalog {
        let spaces = parse_spaces(&read("catalog/spaces.md"));
        let variants = parse_variants(&read("catalog/errors.md"), &spaces);
        let rows = parse_rows(&read("catalog/identifiers.md"));
        let phrases = parse_phrases(&read("catalog/phrases.md"));
        let callbacks = parse_callbacks(&read("catalog/callbacks.md"));
        let context = parse_context(&read("catalog/context.md"));
        let events = parse_events(&read("catalog/events.md"));
        let anchors = parse_anchors(&read("catalog/anchors.md"));
        let words = parse_words(&read("catalog/words.md"));
        let mut catalog = Catalog {
            spaces,
            variants,
            rows,
            phrases,
            callbacks,
            context,
            events,
            words,
            anchors,
        };
        catalog.mark_shared(&read("catalog/shared.md"));
        catalog.check();
        catalog.check_anchors();
        catalog
    }

    /// The rows in spelling order: grouped by variant, in `errors.md` order, each group in
    /// `identifiers.md` order.
    pub(crate) fn ordered_rows(&self) -> Vec<&Row> {
        self.variants
            .iter()
            .flat_map(|v| self.rows.iter().filter(move |r| r.variant == v.name))
            .collect()
    }

    fn check(&self) {
        let spaces: BTreeSet<&str> = self.spaces.iter().map(|s| s.name.as_str()).collect();
        let variants: BTreeSet<&str> = self.variants.iter().map(|v| v.name.as_str()).collect();
        let mut seen = BTreeMap::new();
        let mut by_code = BTreeMap::new();
        let mut by_member = BTreeMap::new();
        for r in &self.rows {
            let at = format!("identifiers.md:{}", r.line);
            assert!(
                variants.contains(r.variant.as_str()),
                "{at}: no variant `{}` in errors.md",
                r.variant
            );
            assert!(
                spaces.contains(r.space.as_str()),
                "{at}: no space `{}` in spaces.md",
                r.space
            );
            let id = (&r.name, &r.language, &r.space, r.code);
            if let Some(first) = seen.insert(id, r.line) {
                panic!("{at}: repeats the row at line {first}");
            }
            if let Some(code) = r.code {
                assert!(code != 0, "{at}: 0 is success in every space, not an error");
                let key = (&r.space, code.unsigned_abs());
                if let Some((v, line)) = by_code.insert(key, (&r.variant, r.line)) {
                    assert_eq!(
                        v, &r.variant,
                        "{at}: {} {code} already means {v} (line {line})",
                        r.space
                    );
                }
            }
            // One member, one variant: a bare member looked up without its qualifier must not
            // be able to mean two things.
            let member = r.member().to_ascii_uppercase();
            if let Some((v, line)) = by_member.insert(member, (&r.variant, r.line)) {
                assert_eq!(
                    v,
                    &r.variant,
                    "{at}: `{}` already means {v} (line {line})",
                    r.member()
                );
            }
        }
        for v in &self.variants {
            for other in v.reported_as() {
                assert!(
                    variants.contains(other) && other != v.name,
                    "errors.md: {}: reported-as names `{other}`, not another variant",
                    v.name
                );
            }
            assert!(
                self.rows
                    .iter()
                    .any(|r| r.variant == v.name && r.code.is_some()),
                "{} has no code in identifiers.md",
                v.name
            );
        }
        for p in &self.phrases {
            assert!(
                variants.contains(p.variant.as_str()) && spaces.contains(p.space.as_str()),
                "phrases.md: `{}` names an unknown variant or space",
                p.text
            );
            if let Some(code) = p.code {
                assert_eq!(
                    by_code.get(&(&p.space, code.unsigned_abs())).map(|x| x.0),
                    Some(&p.variant),
                    "phrases.md: `{}`: {} {code} is not {} in identifiers.md",
                    p.text,
                    p.space,
                    p.variant
                );
            }
        }
        let mut names = BTreeSet::new();
        for cb in &self.callbacks {
            assert!(
                spaces.contains(cb.space.as_str()),
                "callbacks.md: `{}` names an unknown space",
                cb.name
            );
            assert!(
                names.insert(cb.name.as_str()),
                "callbacks.md: `{}` is listed twice",
                cb.name
            );
        }
    }
}

impl Catalog {
    /// Marks the identifiers and phrases `shared.md` lists: each must be one of the catalog's, and
    /// listed once.
    fn mark_shared(&mut self, text: &str) {
        let mut listed = BTreeSet::new();
        for (line, c) in table(text, "shared.md", 3) {
            let at = format!("shared.md:{line}");
            let spelling = c[0].trim_matches('`').to_owned();
            assert!(
                listed.insert(spelling.clone()),
                "{at}: `{spelling}` is listed twice"
            );
            check_source(&c[2], &at);
            let mut found = false;
            for r in self.rows.iter_mut().filter(|r| r.name == spelling) {
                r.shared = true;
                found = true;
            }
            for p in &mut self.phrases {
                if p.text == spelling {
                    p.shared = true;
                    found = true;
                } else if !p.text.contains('_') && p.text.replace(' ', "_") == spelling {
                    p.shared_joined = true;
                    found = true;
                }
            }
            assert!(
                found,
                "{at}: `{spelling}` is neither an identifier of identifiers.md nor a phrase of phrases.md (in words or joined by underscores)"
            );
        }
    }
}

/// The lists of recogniser words in `words.md`.
pub(crate) const WORD_LISTS: &[&str] = &[
    "error-word",
    "code-keyword",
    "filler",
    "socket-call",
    "network-failure",
];

/// The rows of `words.md`, by list.
fn parse_words(text: &str) -> BTreeMap<String, Vec<String>> {
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
fn parse_anchors(text: &str) -> Vec<(String, String)> {
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

impl Catalog {
    /// Every identifier, phrase and callback holds an anchor whose check finds it.
    fn check_anchors(&self) {
        let held = |text: &str, checks: &[&str]| {
            let text = text.to_ascii_lowercase();
            let mut first: Option<(usize, &str)> = None;
            for (a, check) in &self.anchors {
                if let Some(at) = text.find(a.as_str()) {
                    if first.is_none_or(|(f, _)| at < f) {
                        first = Some((at, check.as_str()));
                    }
                }
            }
            (
                self.anchors
                    .iter()
                    .any(|(a, c)| checks.contains(&c.as_str()) && text.contains(a.as_str())),
                first.map(|(_, c)| c.to_owned()),
            )
        };
        for r in &self.rows {
            assert!(
                held(r.member(), &["Word", "ErrorWord"]).0,
                "identifiers.md:{}: `{}` holds no word or error-word anchor of anchors.md",
                r.line,
                r.name
            );
        }
        for p in &self.phrases {
            assert!(
                held(&p.text[..p.min], &["Word", "Phrase", "ErrorWord"]).0,
                "phrases.md: `{}` holds no word, phrase or error-word anchor of anchors.md in its first {} bytes",
                p.text,
                p.min
            );
        }
        for w in &self.words["error-word"] {
            assert!(
                held(w, &["ErrorWord"]).0,
                "words.md: the error word `{w}` holds no error-word anchor of anchors.md"
            );
        }
        for cb in &self.callbacks {
            let first = held(&cb.name, &[]).1;
            assert!(
                matches!(first.as_deref(), Some("Callback" | "ErrorWord")),
                "callbacks.md: `{}`: its first anchor of anchors.md is not a callback or error-word one",
                cb.name
            );
        }
    }
}

/// The rows of `events.md`.
fn parse_events(text: &str) -> Vec<EventName> {
    let mut names = BTreeSet::new();
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

/// The words of `context.md`, lower-cased, each with its source.
fn parse_context(text: &str) -> Vec<String> {
    let words: Vec<String> = table(text, "context.md", 2)
        .into_iter()
        .map(|(line, c)| {
            let at = format!("context.md:{line}");
            let word = c[0].trim_matches('`').to_owned();
            assert!(
                word.len() >= 4 && word == word.to_lowercase(),
                "{at}: a context word is written in lower case, 4 bytes or more"
            );
            check_source(&c[1], &at);
            word
        })
        .collect();
    assert!(!words.is_empty(), "context.md: no words");
    words
}

fn parse_callbacks(text: &str) -> Vec<Callback> {
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
                    || is_ident(f, b"")),
                "{at}: fields are `-`, `#N` or identifiers, comma-separated"
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

fn read(path: &str) -> String {
    println!("cargo::rerun-if-changed={path}");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The cells of every body row of the first table in `text`, with their line numbers.
fn table(text: &str, file: &str, width: usize) -> Vec<(usize, Vec<String>)> {
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

fn parse_code(cell: &str, at: &str) -> Option<i32> {
    match cell {
        "-" => None,
        c => Some(c.parse().unwrap_or_else(|_| panic!("{at}: bad code `{c}`"))),
    }
}

fn check_source(source: &str, at: &str) {
    let origin = source.split(' ').next().unwrap_or("");
    assert!(
        (origin.contains('/') || origin.starts_with("npm:") || origin.starts_with("pypi:"))
            && source.len() > origin.len() + 1,
        "{at}: the source must name a repository (or npm or PyPI package) and a path"
    );
}

fn is_ident(name: &str, extra: &[u8]) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || extra.contains(&b))
}

fn parse_spaces(text: &str) -> Vec<Space> {
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

fn parse_variants(text: &str, spaces: &[Space]) -> Vec<Variant> {
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
            let known = FIELDS.contains(&key)
                || OPTIONAL_FIELDS.contains(&key)
                || key.split_once('-').is_some_and(|(product, field)| {
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

fn parse_rows(text: &str) -> Vec<Row> {
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

fn parse_phrases(text: &str) -> Vec<Phrase> {
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
