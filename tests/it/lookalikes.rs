//! What users take for token errors and is not (`catalog/lookalikes.md`): a report of each says
//! "not a token error", what it is and what to check, while `from_message` and `scan` stay
//! silent on it, and every report says which kind of answer it is.
#![cfg(feature = "std")]

use crate::common;

use agora_token_errors::{CodeSpace, Locale, Report};

/// Every row of the table as the table writes it: match, kind, space, code.
fn rows() -> Vec<(String, String, Option<CodeSpace>, Option<i32>)> {
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/catalog/lookalikes.md"
    ))
    .unwrap();
    table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| match"))
        .map(|row| {
            let c: Vec<&str> = row.split('|').map(str::trim).collect();
            let space = (c[3] != "-").then(|| c[3].parse::<CodeSpace>().unwrap());
            let code = (c[4] != "-").then(|| c[4].parse::<i32>().unwrap());
            (
                c[1].trim_matches('`').to_owned(),
                c[2].to_owned(),
                space,
                code,
            )
        })
        .collect()
}

#[test]
fn each_lookalike_is_answered_as_not_a_token_error_with_what_it_is() {
    let rows = rows();
    let (mut names, mut codes, mut statuses, mut texts) = (0, 0, 0, 0);
    for (matched, kind, space, code) in &rows {
        let spaces: Vec<CodeSpace> = space.map_or_else(|| CodeSpace::ALL.to_vec(), |s| vec![s]);
        let input = match kind.as_str() {
            "code" => {
                codes += 1;
                code.unwrap().to_string()
            }
            "name" => {
                names += 1;
                matched.clone()
            }
            "status" => {
                statuses += 1;
                format!("ConvoAI start failed: HTTP {}", code.unwrap())
            }
            _ => {
                texts += 1;
                format!("12:00:01 E/App: {matched}")
            }
        };
        let r = Report::of(&input, &spaces, None);
        assert!(r.errors().is_empty(), "{input}: {:?}", r.errors());
        let l = r
            .lookalike()
            .unwrap_or_else(|| panic!("{input}: no lookalike"));
        assert_eq!(r.answer(), "lookalike", "{input}");
        assert!(
            r.to_string().contains("not a token error: "),
            "{input}: {r}"
        );
        assert!(
            !l.meaning(Locale::En).is_empty()
                && !l.check(Locale::En).is_empty()
                && !l.citation().is_empty()
        );
        assert_ne!(l.meaning(Locale::Zh), l.meaning(Locale::En));
        assert_ne!(l.check(Locale::Zh), l.check(Locale::En));
        if kind == "status" {
            assert_eq!(l.code(), *code, "{input}");
        } else if kind != "code" {
            assert_eq!(l.text(), matched, "{input}");
        }
    }
    println!(
        "lookalikes: {} rows ({names} names, {codes} codes, {statuses} Conversational AI statuses, {texts} texts), each answered as not a token error",
        rows.len()
    );
    assert!(rows.len() >= 25, "{} rows", rows.len());
}

#[cfg(feature = "messages")]
#[test]
fn lookalikes_are_silent_in_from_message_and_scan() {
    let mut silent = 0;
    for (matched, kind, _, _) in rows() {
        if kind == "code" {
            continue;
        }
        let line = format!("12:00:01 E/App: {matched}");
        assert_eq!(
            agora_token_errors::TokenError::from_message(&line),
            None,
            "{line}"
        );
        assert!(
            agora_token_errors::scan(line.as_bytes()).all(|f| f.error().is_none()),
            "{line}"
        );
        silent += 1;
    }
    println!("lookalikes: false alarms 0 of {silent} names and texts in from_message and scan");
}

#[test]
fn every_report_says_which_kind_of_answer_it_is() {
    let all = CodeSpace::ALL;
    assert_eq!(Report::of("110", all, None).answer(), "token_error");
    assert_eq!(
        Report::of("onTokenPrivilegeWillExpire", all, None).answer(),
        "token_event"
    );
    assert_eq!(Report::of("hello there", all, None).answer(), "none");
    assert!(Report::of("hello there", all, None).lookalike().is_none());
    // A token error on the line wins: the lookalike is looked for only when there is none.
    #[cfg(feature = "messages")]
    {
        let r = Report::of(
            "Agora-SDK [ERROR]: ERR_INVALID_TOKEN, then ERR_NO_ACTIVE_STATUS",
            all,
            None,
        );
        assert_eq!(r.errors(), [agora_token_errors::TokenError::InvalidToken]);
        assert_eq!((r.answer(), r.lookalike()), ("token_error", None));
    }
}

#[test]
fn other_vendors_lines_are_no_lookalike_of_agora() {
    let lines = common::corpus::lines("other-vendors.txt");
    let claimed: Vec<&String> = lines
        .iter()
        .filter(|l| Report::of(l, CodeSpace::ALL, None).lookalike().is_some())
        .collect();
    let ordinary = common::corpus::lines("ordinary-logs.txt");
    let explained = ordinary
        .iter()
        .filter(|l| Report::of(l, CodeSpace::ALL, None).lookalike().is_some())
        .count();
    println!(
        "lookalikes: other vendors' lines taken for an Agora lookalike 0 of {} (found {}); ordinary Agora lines explained as one {explained} of {}",
        lines.len(),
        claimed.len(),
        ordinary.len()
    );
    assert!(claimed.is_empty(), "{claimed:?}");
}

#[test]
fn a_conversational_ai_status_is_read_only_beside_the_products_name() {
    // Every status of the REST reference is answered, the 401 naming the token it may be.
    for status in [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504] {
        let r = Report::of(&format!("ConvoAI /join answered {status}"), &[], None);
        let l = r.lookalike().unwrap_or_else(|| panic!("{status}"));
        assert_eq!((l.product(), l.code()), ("convoai", Some(status)));
        let token_named =
            l.meaning(Locale::En).contains("token") || l.check(Locale::En).contains("diagnose");
        assert_eq!(token_named, matches!(status, 401 | 503), "{status}");
    }
    // The same number without the product's name is no status of it.
    for text in [
        "HTTP 401 Unauthorized",
        "error 403 from the CDN",
        "upstream 502",
    ] {
        assert!(Report::of(text, &[], None).lookalike().is_none(), "{text}");
    }
}

#[test]
fn an_rtm_code_of_five_digits_is_read_after_an_error_word_without_the_products_name() {
    // RTM 2.x's codes (-10001 to -15xxx) are long enough to say whose they are after an error
    // word, as users paste them; a small number needs the product's name beside it.
    for text in [
        "error code: -10012",
        "errorCode=-10012",
        "错误码：-10012",
        "RTM error code: -10012",
    ] {
        let l = Report::of(text, &[], None).lookalike();
        assert_eq!(
            l.map(|l| (l.product(), l.code())),
            Some(("rtm", Some(-10012))),
            "{text}"
        );
    }
    for text in [
        "code -10012",
        "myerror -10012",
        "login failed -10012",
        "error code: 10012",
    ] {
        assert!(Report::of(text, &[], None).lookalike().is_none(), "{text}");
    }
}
