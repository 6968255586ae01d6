//! `scan`: one pass over a whole log finds every token error, token event and access token, with
//! its line, never across a line break, and agrees with `match_message` line by line.
#![cfg(all(feature = "messages", feature = "token"))]

use crate::common;

use agora_token_errors::{TokenError, TokenEvent, scan};

/// Every text of the real-text corpora and both line corpora, one per line.
fn corpus_lines() -> Vec<String> {
    let tsv = |file: &str| {
        common::corpus::read(&format!(
            "{}/tests/fixtures/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .into_iter()
        .flat_map(|(_, _, text)| text.lines().map(str::to_owned).collect::<Vec<_>>())
    };
    tsv("messages.tsv")
        .chain(tsv("products-messages.tsv"))
        .chain(common::corpus::lines("ordinary-logs.txt"))
        .chain(common::corpus::lines("other-vendors.txt"))
        .collect()
}

#[test]
fn the_first_error_of_each_line_is_what_match_message_says_of_that_line() {
    let lines = corpus_lines();
    let log = lines.join("\n");
    let found: Vec<_> = scan(log.as_bytes())
        .filter(|f| f.error().is_some())
        .collect();
    let mut agree = 0;
    for (i, line) in lines.iter().enumerate() {
        let first = found.iter().find(|f| f.line() == i + 1);
        let expected = TokenError::match_message(line);
        assert_eq!(
            first.map(agora_token_errors::Found::error),
            expected.as_ref().map(|m| Some(m.error())),
            "line {}: {line:?}",
            i + 1
        );
        if let (Some(f), Some(m)) = (first, expected) {
            let line_start = f.span().start - m.span().start;
            assert_eq!(&log.as_bytes()[line_start..][..line.len()], line.as_bytes());
            agree += 1;
        }
    }
    println!(
        "scan: {} lines, {} with an error, every first one as match_message reads its line",
        lines.len(),
        agree
    );
    assert!(agree > 200, "{agree}");
}

#[test]
fn every_error_on_a_line_is_found_and_none_spans_a_line_break() {
    let log = "E/App: ERR_NO_AUTHORIZED then ERR_DYNAMIC_KEY_TIMEOUT(109)\nI/App: fine\nE/App: onError: err 101, msg:\n";
    let found: Vec<_> = scan(log.as_bytes()).collect();
    let got: Vec<_> = found.iter().map(|f| (f.line(), f.error())).collect();
    assert_eq!(
        got,
        [
            (1, Some(TokenError::InvalidToken)),
            (1, Some(TokenError::TokenExpired)),
            (3, Some(TokenError::InvalidAppId)),
        ]
    );
    for f in &found {
        assert!(!log[f.span()].contains('\n'), "{f:?}");
    }
    assert_eq!(&log[found[1].span()], "ERR_DYNAMIC_KEY_TIMEOUT");
}

#[test]
fn each_place_is_found_once_though_several_anchors_lie_in_it() {
    // `dynamic key` and `expired` both anchor the phrase `dynamic key expired`.
    let log = "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: dynamic key expired\n";
    let found: Vec<_> = scan(log.as_bytes()).map(|f| f.span()).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&log[found[0].clone()], "dynamic key expired");
    // Over the whole corpus, no place is reported twice.
    let corpus = corpus_lines().join("\n");
    let spans: Vec<_> = scan(corpus.as_bytes()).map(|f| f.span()).collect();
    let mut twice = 0;
    for pair in spans.windows(2) {
        if pair[0].start < pair[1].end && pair[1].start < pair[0].end {
            println!(
                "overlap: {:?}",
                &corpus[pair[0].start.min(pair[1].start)..pair[0].end.max(pair[1].end)]
            );
            twice += 1;
        }
    }
    println!(
        "scan: {} places found in the corpus, {twice} overlapping",
        spans.len()
    );
    assert_eq!(twice, 0);
}

#[test]
fn a_shared_spelling_needs_agora_on_its_own_line() {
    // The first line names Agora; the second is another SDK's, with the same words.
    let log = "Agora-SDK [ERROR]: INVALID_TOKEN\nfirebase: INVALID_TOKEN\n";
    let lines: Vec<_> = scan(log.as_bytes()).map(|f| f.line()).collect();
    assert_eq!(lines, [1]);
}

#[test]
fn token_events_are_found_by_their_callback_and_event_names() {
    for common::EventRow {
        name,
        event: expected,
        ..
    } in common::event_rows()
    {
        let log = format!("12:00:00 I/App: hello\n12:00:01 W/App: {name} fired\n");
        let found: Vec<_> = scan(log.as_bytes()).collect();
        let event = found.iter().find_map(agora_token_errors::Found::event);
        assert_eq!(event, Some(expected), "{log:?} gave {found:?}");
        assert!(found.iter().all(|f| f.line() == 2), "{found:?}");
    }
    // Part of a longer word, a name is not the callback.
    assert!(scan(b"myonRequestTokenHandler failed").next().is_none());
}

#[test]
fn the_web_sdks_did_expire_line_is_the_error_and_the_event_at_once() {
    let log = "Agora-SDK [INFO]: [client-1a2b3] received message onTokenPrivilegeDidExpire, please get new token and join again";
    let found: Vec<_> = scan(log.as_bytes()).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].error(), Some(TokenError::TokenExpired));
    assert_eq!(found[0].event(), Some(TokenEvent::DidExpire));
}

#[test]
fn access_tokens_written_in_a_log_are_found_and_never_shown_whole() {
    for name in [
        "rtc_uid_publisher",
        "rtc_and_rtm",
        "v006_rtc_uid",
        "chat_app",
    ] {
        let token = common::tokens::token(name);
        let log = format!("D/App: joining with token={token}, uid 42\nD/App: next\n");
        let found: Vec<_> = scan(log.as_bytes()).collect();
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].token(), Some(token.as_str()), "{name}");
        assert_eq!(&log[found[0].span()], token, "{name}");
        let shown = format!("{:?}", found[0]);
        assert!(!shown.contains(&token[..40]), "{shown}");
    }
    // Too short, or inside a longer word: not a token.
    assert!(scan(b"build 006 of 007eJ").next().is_none());
    let glued = format!("x{}", common::tokens::token("rtc_uid_publisher"));
    assert!(scan(glued.as_bytes()).all(|f| f.token().is_none()));
}

#[test]
fn a_run_of_token_starts_is_one_token_and_starts_inside_words_are_none() {
    // `007eJx` repeated: one token from the first start; the starts inside it are part of it.
    let run = "007eJx".repeat(50_000);
    let found: Vec<_> = scan(run.as_bytes()).collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span(), 0..run.len());
    // `+` is base64 but not a word byte: still one token, from the first start.
    let plus = "+007eJ".repeat(50_000);
    let found: Vec<_> = scan(plus.as_bytes()).collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span().start, 1);
    // Every start preceded by a letter is inside a word: no token.
    let inside = "a007eJ".repeat(50_000);
    assert_eq!(scan(inside.as_bytes()).count(), 0);
}

#[test]
fn invalid_utf8_is_passed_over() {
    let mut log = b"\xff\xfe garbage \xc3\n".to_vec();
    log.extend_from_slice(b"E/App: ERR_NO_AUTHORIZED \xe2\x82\n\xf0");
    let found: Vec<_> = scan(&log).collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].line(), found[0].error()),
        (2, Some(TokenError::InvalidToken))
    );
}

#[test]
fn other_vendors_lines_hold_no_token_error_or_event() {
    let log = common::corpus::lines("other-vendors.txt").join("\n");
    let found: Vec<_> = scan(log.as_bytes())
        .filter(|f| f.error().is_some() || f.event().is_some())
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

#[cfg(feature = "serde")]
#[test]
fn a_found_serialises_with_only_what_is_there_and_a_token_cut_short() {
    let token = "007eJxTYNBa8OHIzvw8Ih5dhGwP1FUMM6p0Yt8iFYBZmqVJiSmJZlY2FinmBqnJ6anJRmYpRjmmqUlGpkZmKaZJiUkWlkmGBmkmJgBVyBQp";
    let log =
        format!("12:00 onError: err 109, msg:\nuse {token} now\nonTokenPrivilegeWillExpire\n");
    let found: Vec<serde_json::Value> = scan(log.as_bytes())
        .map(|f| serde_json::to_value(&f).unwrap())
        .collect();
    assert_eq!(found[0]["line"], 1);
    assert_eq!(found[0]["error"], "token_expired");
    assert!(found[0].get("token").is_none() && found[0].get("event").is_none());
    let t = found.iter().find(|f| f.get("token").is_some()).unwrap();
    assert_eq!(t["line"], 2);
    assert_eq!(t["token"], format!("{}...", &token[..12]));
    assert_eq!(
        &log[usize::try_from(t["start"].as_u64().unwrap()).unwrap()
            ..usize::try_from(t["end"].as_u64().unwrap()).unwrap()],
        token
    );
    assert!(
        found
            .iter()
            .any(|f| f["event"] == "will_expire" && f["line"] == 3)
    );
}

#[test]
fn column_and_text_are_the_span_seen_on_its_line() {
    let log = corpus_lines().join("\n");
    let mut checked = 0;
    for f in scan(log.as_bytes()) {
        let span = f.span();
        assert_eq!(f.text(), &log[span.clone()]);
        let line_start = log[..span.start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(f.column(), span.start - line_start + 1, "{:?}", f.text());
        assert_eq!(f.line(), log[..span.start].matches('\n').count() + 1);
        let line_end = log[span.end..]
            .find('\n')
            .map_or(log.len(), |i| span.end + i);
        assert_eq!(f.line_text(), &log[line_start..line_end]);
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}
