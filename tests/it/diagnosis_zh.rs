//! Diagnosis speaks Chinese: every finding and advice a diagnosis (or a Conversational AI
//! request) can give has a Chinese message and fix, with no English sentence left in it, and
//! English stays the default, unchanged. `common::diagnose` runs [`check_locales`] on every
//! diagnosis the other test modules make, so each of their fixtures is checked in Chinese too.
#![cfg(feature = "token")]

use agora_token_errors::Locale;
use agora_token_errors::token::{Diagnosis, Finding};

/// Whether `c` is a CJK ideograph or CJK punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// `text` without what it quotes: `` `code` `` spans and `"values"` (Rust's `{:?}`, whose
/// inner quotes are escaped), which stay as in English.
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                for d in chars.by_ref() {
                    if d == '`' {
                        break;
                    }
                }
                out.push(' ');
            }
            '"' => {
                let mut escaped = false;
                for d in chars.by_ref() {
                    match (escaped, d) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => escaped = false,
                    }
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out
}

/// The longest run of English words in `text`, outside quotes and code: words of Latin letters
/// joined by spaces (and `'`, `-`, `,`), which a digit or a Chinese character ends.
fn longest_english_run(text: &str) -> usize {
    let mut longest = 0;
    for chunk in unquoted(text)
        .split(|c: char| !(c.is_ascii_alphabetic() || matches!(c, ' ' | '\'' | '-' | ',')))
    {
        let words = chunk
            .split([' ', ','])
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .count();
        longest = longest.max(words);
    }
    longest
}

/// Panics unless `text` reads as Chinese: CJK characters, and no English run of four words or
/// more (names such as `App Certificate` or `Flexible Classroom` are two).
pub(crate) fn assert_chinese(what: &str, text: &str) {
    assert!(text.chars().any(is_cjk), "{what} has no Chinese: {text}");
    assert!(
        longest_english_run(text) < 4,
        "{what} holds an English sentence: {text}"
    );
}

/// Every finding and advice of `d` in Chinese (message, fix, `Display`), and English the
/// default: `with_locale(Locale::En)` changes nothing.
pub(crate) fn check_locales(d: &Diagnosis) {
    assert_eq!(&d.clone().with_locale(Locale::En), d);
    let zh = d.clone().with_locale(Locale::Zh);
    assert_eq!(zh.findings().len(), d.findings().len());
    for (en, f) in d.findings().iter().zip(zh.findings()) {
        assert_eq!((en.kind(), en.error()), (f.kind(), f.error()));
        check_finding(f);
    }
    for (en, a) in d.advice().iter().zip(zh.advice()) {
        assert_eq!(en.kind(), a.kind());
        assert_chinese("advice", a.message());
        assert_chinese("advice fix", a.fix());
        assert_chinese("advice display", &a.to_string());
    }
}

/// One finding in Chinese: its message, fix and `Display`.
pub(crate) fn check_finding(f: &Finding) {
    assert_chinese(f.kind().as_str(), f.message());
    assert_chinese(f.kind().as_str(), f.fix());
    assert_chinese(f.kind().as_str(), &f.to_string());
}

#[test]
fn the_check_knows_chinese_from_english() {
    assert_eq!(longest_english_run("Token 为空"), 1);
    assert_eq!(
        longest_english_run("在 `agora token=` 之后传入 App ID 的 Token"),
        2
    );
    assert_eq!(
        longest_english_run("Token 对应的频道是 \"a long channel name here\"。"),
        1
    );
    assert!(longest_english_run("No token was given. If the project") >= 4);
    assert!(longest_english_run("没有 Token：the token is empty, or not given") >= 4);
}

#[test]
fn a_damaged_token_is_named_in_chinese_with_its_position() {
    use agora_token_errors::token::{FindingKind, JoinParams};
    let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
    let d = Diagnosis::of(" 007eJx...", &join, 1_800_000_000, None);
    check_locales(&d);
    let zh = d.with_locale(Locale::Zh);
    let f = &zh.findings()[0];
    assert!(matches!(f.kind(), FindingKind::Damaged(_)), "{f}");
    assert!(f.message().contains("第 0 字节"), "{f}");
}

#[test]
fn chinese_reaches_the_json_and_display() {
    use agora_token_errors::token::JoinParams;
    let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
    let d = Diagnosis::of("", &join, 1_800_000_000, None);
    let zh = d.clone().with_locale(Locale::Zh);
    assert!(zh.findings()[0].to_string().starts_with("可能的错误（"));
    #[cfg(feature = "serde")]
    {
        let v = serde_json::to_value(&zh).unwrap();
        assert_eq!(v["findings"][0]["message"], zh.findings()[0].message());
        assert_eq!(v["findings"][0]["kind"], "no_token");
        let en = serde_json::to_value(&d).unwrap();
        assert_eq!(en["findings"][0]["message"], d.findings()[0].message());
        assert!(
            en["findings"][0]["message"]
                .as_str()
                .unwrap()
                .starts_with("No token")
        );
    }
}
