//! Reads and checks the catalog tables (`catalog/*.md`). Anything inconsistent panics, which
//! fails the build with the file and line at fault.

use std::collections::{BTreeMap, BTreeSet};

use crate::tables::{
    check_source, parse_anchors, parse_callbacks, parse_context, parse_events, parse_phrases,
    parse_rows, parse_spaces, parse_variants, parse_words, read, table,
};

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

/// Optional per-product texts in `errors.md`: `<product>-summary`, `<product>-cause`,
/// `<product>-remediation`.
pub(crate) const PRODUCT_FIELDS: &[&str] = &["summary", "cause", "remediation"];

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
    /// The words of `context.md`: a text holding one comes from an Agora SDK (for a code only,
    /// where the word is `true`).
    pub(crate) context: Vec<(String, bool)>,
    pub(crate) events: Vec<EventName>,
    /// The words of `words.md`, by list.
    pub(crate) words: BTreeMap<String, Vec<String>>,
    /// The anchors of `anchors.md`, with their check (`Word`, `Phrase`, `Callback`, `ErrorWord`).
    pub(crate) anchors: Vec<(String, String)>,
    /// What users take for token errors and is not (`lookalikes.md`).
    pub(crate) lookalikes: Vec<crate::lookalikes::Lookalike>,
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
        let mut lookalikes = crate::lookalikes::parse(&read("catalog/lookalikes.md"));
        crate::lookalikes::add_chinese(&read("catalog/lookalikes-zh.md"), &mut lookalikes);
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
            lookalikes,
        };
        catalog.mark_shared(&read("catalog/shared.md"));
        catalog.check();
        catalog.check_anchors();
        crate::lookalikes::check(&catalog);
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
    "time-word",
    "avoid-word",
    "return-word",
    "convoai-name",
];

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
