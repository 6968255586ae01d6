//! The catalog is complete and consistent: every variant has its texts, codes and spellings.

mod common;

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
                assert_eq!(e.identifier(lang), Some(native));
            }
            assert_eq!(e.identifier(Language::ObjectiveC), Some(objc));
        } else {
            assert_eq!(
                TokenError::from_code(CodeSpace::Native, code).filter(|&e| e == web),
                None
            );
            assert_eq!(
                web.identifier(Language::Java),
                if web == TokenError::TokenExpired {
                    Some("ERR_TOKEN_EXPIRED")
                } else {
                    None
                }
            );
        }
    }
}
