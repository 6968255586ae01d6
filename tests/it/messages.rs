//! `from_message`: a corpus of real texts (tests/fixtures/messages.tsv), and properties.
#![cfg(feature = "messages")]

use crate::common;

use agora_token_errors::{TokenError, spellings};
use proptest::prelude::*;

fn corpus() -> Vec<(Option<TokenError>, String, String)> {
    common::corpus::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messages.tsv"
    ))
}

#[test]
fn real_texts_are_recognised_right_or_left_alone() {
    let corpus = corpus();
    let score = common::corpus::score(&corpus);
    assert!(
        corpus.len() >= 150 && score.negatives * 3 >= corpus.len(),
        "{} + {}",
        score.positives,
        score.negatives
    );
    score.print("real texts");
    assert_eq!(score.wrong, Vec::<String>::new(), "wrong labels");
    assert_eq!(score.false_alarms, Vec::<String>::new(), "false alarms");
    // 95% before other vendors' lines were corpus (issue 14): a code next to a bare error word,
    // and a phrase other vendors print too, now count only in a text that says it is Agora's.
    // What that costs is prose users wrote in Agora's issue threads (`I'm receiving the error
    // code 110`) and two short quotes (`error: code 110 -`, a bare `appid is invalid`), where
    // the thread itself is the only sign of Agora.
    // 92% until the names and words other software declares too went to catalog/shared.md
    // (minio's and Go back ends' `ErrInvalidToken`, WePublish's `ErrorCode.InvalidToken`,
    // Evervault's `The provided App ID is invalid`; tests/fixtures/other-vendors.txt holds them):
    // `onError ErrInvalidToken` and a bare `ErrorCode.InvalidToken` now need a sign of Agora.
    assert!(
        score.recognised * 100 >= score.positives * 90,
        "recall below 90%"
    );
}

#[test]
fn what_the_sdks_and_their_docs_write_is_recognised_right_or_left_alone() {
    // SDK doc comments and error tables (English and Chinese), API docs, sample code and
    // bundle strings, users' and maintainers' words (tests/fixtures/sdk-texts.tsv).
    // Issue 25 asks for 95%. What is left is words other software prints too with no code or
    // sign of Agora beside them (`The token is invalid.` in a sample app's strings.xml, and in
    // Chinese `Token 无效`, `Token 已过期`, which Alibaba's ARTC, Tencent's TRTC and Volcengine's
    // ByteRTC print as well), and users' own prose; reading those costs false alarms on other
    // vendors' lines (11 of them, before the Chinese phrases became shared).
    common::corpus::score_with(
        ("sdk-texts.tsv", "SDK and doc texts"),
        ("messages.tsv", "real texts, old and new"),
        150,
        915,
    );
}

#[test]
fn texts_gathered_after_the_last_tuning_are_recognised_right_or_left_alone() {
    // Texts and negatives of the same kinds, in three batches gathered on 2026-12-07 by helpers
    // that did not run the recogniser, from sources no other corpus cites
    // (tests/fixtures/fresh-texts.tsv): 79 of 98, 78 of 94 (2 false alarms) and 143 of 175 (1
    // false alarm) before anything was changed for them; a fourth batch, gathered on 2026-12-08,
    // 81 of 91 with no false alarm of 92. What is left is users' prose and bare words other
    // software prints too.
    common::corpus::score_fresh("fresh-texts.tsv", "fresh RTC texts", 800);
}

/// Every line of `tests/fixtures/ordinary-logs.txt`.
fn ordinary_logs() -> Vec<String> {
    common::corpus::lines("ordinary-logs.txt")
}

#[test]
fn ordinary_sdk_and_app_log_lines_are_not_token_errors() {
    let lines = ordinary_logs();
    let alarms: Vec<String> = lines
        .iter()
        .filter_map(|l| {
            TokenError::match_message(l)
                .map(|m| format!("{l:?} gave {:?} ({})", m.error(), m.matched()))
        })
        .collect();
    println!(
        "ordinary log lines: false alarms {} of {}",
        alarms.len(),
        lines.len()
    );
    assert!(lines.len() >= 300, "{} lines", lines.len());
    assert_eq!(alarms, Vec::<String>::new());
}

#[test]
fn each_match_reports_the_row_it_matched() {
    use agora_token_errors::CodeSpace;
    for (text, space, code, matched) in [
        (
            "ConnectionChangedReason.InvalidToken",
            CodeSpace::ConnectionChangedReason,
            8,
            "ConnectionChangedReason.InvalidToken",
        ),
        (
            // A name other software declares too (WePublish's API): read beside its value.
            "ErrorCode.InvalidToken: 110,",
            CodeSpace::Native,
            110,
            "ErrorCode.InvalidToken",
        ),
        (
            "AgoraErrorCodeInvalidToken(2)",
            CodeSpace::Native,
            110,
            "AgoraErrorCodeInvalidToken",
        ),
        (
            "ERR_INVALID_VENDOR_KEY(2013)",
            CodeSpace::Web,
            2013,
            "ERR_INVALID_VENDOR_KEY",
        ),
        (
            "rtcEngine:connectionChangedToState:5 reason:24",
            CodeSpace::ConnectionChangedReason,
            24,
            "connectionChangedToState",
        ),
        ("OnError err: 110, msg: ", CodeSpace::Native, 110, "OnError"),
        (
            "onRenewTokenResult token: 007eJxTYBA, code: 3",
            CodeSpace::RenewTokenResult,
            3,
            "onRenewTokenResult",
        ),
    ] {
        let m = TokenError::match_message(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(
            (m.space(), m.code(), m.matched()),
            (Some(space), Some(code), matched),
            "{text}"
        );
        if let Some(row) = m.spelling() {
            assert_eq!((row.space(), row.code()), (space, Some(code)), "{text}");
        }
    }
}

#[test]
fn members_count_only_with_their_qualifier() {
    for text in [
        r#"{"tokenExpired": false}"#,
        "invalidToken=0",
        "let invalidAppId = true;",
        "case .tokenExpired:",
        "TokenExpired",
    ] {
        assert_eq!(TokenError::from_message(text), None, "{text}");
    }
    assert_eq!(
        TokenError::from_message("case .tokenExpired: // AgoraErrorCode.tokenExpired"),
        Some(TokenError::TokenExpired)
    );
}

#[test]
fn every_variant_appears_in_the_corpus_of_real_texts() {
    // RTC texts, and RTM and Chat texts for the errors only those products report.
    let mut corpus = corpus();
    corpus.extend(common::corpus::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/products-messages.tsv"
    )));
    for &e in TokenError::ALL {
        assert!(
            corpus.iter().any(|c| c.0 == Some(e)),
            "{e:?} has no corpus text"
        );
    }
}

#[test]
fn a_match_says_what_matched_and_where() {
    let text = "Agora-SDK [ERROR]: User join failed [ERR_DYNAMIC_USE_STATIC_KE] (120)";
    let m = TokenError::match_message(text).unwrap();
    assert_eq!(m.matched(), "ERR_DYNAMIC_USE_STATIC_KE");
    assert_eq!(&text[m.span()], "ERR_DYNAMIC_USE_STATIC_KE");
    assert_eq!(m.spelling().unwrap().code(), Some(120));
    assert_eq!(m.code(), Some(120), "the row's own code");
    assert_eq!(m.space(), Some(agora_token_errors::CodeSpace::Web));

    let m = TokenError::match_message("onError: err -110, msg: ").unwrap();
    assert_eq!(
        (m.error(), m.code(), m.matched()),
        (TokenError::InvalidToken, Some(110), "onError")
    );

    let m = TokenError::match_message(
        "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: dynamic use static key",
    )
    .unwrap();
    assert_eq!(m.matched(), "dynamic use static key");
    assert_eq!(
        (m.space(), m.code()),
        (
            Some(agora_token_errors::CodeSpace::WebAccessPoint),
            Some(2_010_015)
        )
    );
}

#[test]
fn case_varies_as_the_sdks_vary() {
    for text in [
        "NO_AUTHORIZED",
        "[ERR_NO_AUTHORIZED]",
        "Invalid Token, Authorized Failed",
        "INVALID TOKEN, AUTHORIZED FAILED",
        "invalid_token, authorized failed",
    ] {
        assert_eq!(
            TokenError::from_message(text),
            Some(TokenError::InvalidToken),
            "{text}"
        );
    }
}

#[test]
fn an_upper_case_constant_written_in_lower_case_is_a_variable_not_the_constant() {
    // No SDK prints its constants in lower case; in lower case they are variables, JSON fields
    // and OAuth's `invalid_token` error code.
    for text in [
        "err_no_authorized",
        "token_expired=0",
        r#"{"error":"invalid_token"}"#,
    ] {
        assert_eq!(TokenError::from_message(text), None, "{text}");
    }
    assert_eq!(
        TokenError::from_message("Agora-SDK [ERROR]: TOKEN_EXPIRED"),
        Some(TokenError::TokenExpired)
    );
}

#[test]
fn flutter_exceptions_carry_the_native_code() {
    let m =
        TokenError::match_message("Unhandled Exception: AgoraRtcException(-101, null)").unwrap();
    assert_eq!(m.error(), TokenError::InvalidAppId);
    assert_eq!(m.matched(), "AgoraRtcException");
    assert_eq!(m.code(), Some(101));
    assert_eq!(
        TokenError::from_message("AgoraRtcException(-110, null)"),
        Some(TokenError::InvalidToken)
    );
    assert_eq!(
        TokenError::from_message("AgoraRtcException(-17, null)"),
        None
    );
}

#[test]
fn chinese_error_code_words_carry_the_code() {
    for (text, error) in [
        ("声网 加入频道失败，错误码：110", TokenError::InvalidToken),
        ("Agora 错误代码 109", TokenError::TokenExpired),
        ("agora 报错码 101", TokenError::InvalidAppId),
        // Full-width digits, as Chinese input methods type them.
        (
            "声网 加入频道失败，错误码：１１０",
            TokenError::InvalidToken,
        ),
        // The code's own subject named in the text.
        ("加入频道失败，token 错误码：110", TokenError::InvalidToken),
    ] {
        assert_eq!(TokenError::from_message(text), Some(error), "{text}");
    }
    assert_eq!(TokenError::from_message("错误码：17"), None);
}

#[test]
fn words_other_software_prints_count_beside_a_code_that_means_the_same_error() {
    use agora_token_errors::Support;
    for (text, error) in [
        ("110: invalid token", TokenError::InvalidToken),
        ("invalid token (110)", TokenError::InvalidToken),
        ("error 110 invalid token", TokenError::InvalidToken),
        ("109 - The token has expired", TokenError::TokenExpired),
        (
            "101: Invalid App ID. Rejoin with a valid App ID.",
            TokenError::InvalidAppId,
        ),
        ("-10005: The token is invalid.", TokenError::InvalidToken),
        (
            "| 108 | `TOKEN_EXPIRED` | The token has expired. |",
            TokenError::TokenExpired,
        ),
    ] {
        let m = TokenError::match_message(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(
            (m.error(), m.support()),
            (error, Support::Agreement),
            "{text}"
        );
        // `context` points at what agrees: the code, or the words that name the error.
        assert!(m.context().is_some_and(|c| !c.is_empty()), "{text}");
    }
    for text in [
        "401: invalid token",
        "110 - The token has expired",
        "invalid token (404)",
        "JsonWebTokenError: invalid token",
        "invalid token, retry in 110 ms",
        r#"{"error": "invalid_app_id"}"#,
        "2. The token has expired",
        "The token has expired: 2 attempts left",
    ] {
        assert_eq!(TokenError::match_message(text), None, "{text}");
    }
}

#[test]
fn the_marks_of_an_agora_sdk_on_a_line_say_it_is_agoras() {
    use agora_token_errors::Support;
    let words = "the token is invalid";
    assert_eq!(TokenError::match_message(words), None);
    for line in [
        "[2023-12-12 14:02:07.158] [28796] [error] [rtc_engine_event_handler.cc:200] the token is invalid",
        "[12/12/23 14:02:07:158][319503][A]:(00000225): ChannelProxy::onError the token is invalid",
    ] {
        let m = TokenError::match_message(line).unwrap_or_else(|| panic!("{line}"));
        assert_eq!(
            (m.error(), m.support()),
            (TokenError::InvalidToken, Support::Agora)
        );
    }
    // Another vendor's classes are no sign of Agora.
    let other = "[bytertc] IRTCEngineEventHandler::onError the token is invalid";
    assert_eq!(TokenError::match_message(other), None);
}

#[test]
fn joining_a_channel_by_agoras_names_says_the_text_is_agoras() {
    for (text, error) in [
        ("加入频道失败，错误码：110", TokenError::InvalidToken),
        (
            "joinChannel failed with error 110",
            TokenError::InvalidToken,
        ),
        (
            "used the RtmTokenBuilder but still giving the same message \"invalid token\"",
            TokenError::InvalidToken,
        ),
        (
            "nodejs token [109] \"agora-access-token\"",
            TokenError::TokenExpired,
        ),
        ("agora-rtc-sdk appid (101)", TokenError::InvalidAppId),
    ] {
        assert_eq!(TokenError::from_message(text), Some(error), "{text}");
    }
    // A bracketed code counts after a word that names its own error only.
    assert_eq!(TokenError::from_message("agora token (101)"), None);
    // The plain words are anyone's: a game bot that fails to join its chat channel. And the
    // API name is copied (NetEase's NERTC and Alibaba's ARTC call `joinChannel` too): it makes
    // Agora's a code, never a phrase anyone prints.
    for text in [
        "Failed to join channel (Invalid token or userid)",
        "failed to join channel, error 110",
        "joinChannel failed: the token has expired",
    ] {
        assert_eq!(TokenError::from_message(text), None, "{text}");
    }
}

#[test]
fn a_code_list_or_a_description_beside_its_code_is_read() {
    use agora_token_errors::Support;
    for (text, error) in [
        ("109/118/2: Token expired", TokenError::TokenExpired),
        ("119 Switching roles fails.", TokenError::PrivilegeMissing),
        ("119 用户切换角色失败。", TokenError::PrivilegeMissing),
    ] {
        let m = TokenError::match_message(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(m.error(), error, "{text}");
        assert_ne!(m.support(), Support::Own, "{text}");
    }
    // A description that says nothing of a token is nothing alone; a date is no code list.
    for text in [
        "Switching roles fails.",
        "切换角色失败",
        "2024/05/110 error",
        "12/110 expired token",
    ] {
        assert_eq!(TokenError::from_message(text), None, "{text}");
    }
}

#[test]
fn a_system_error_number_is_not_an_sdk_code() {
    // ENETUNREACH is 101 and ETIMEDOUT 110 on Linux; a join that fails is still read.
    for text in [
        "connect() failed, error 110: Connection timed out",
        "超时（错误码：110，信息：Connection timed out）",
        "E/AGORA_SDK( 5986): ERROR (10: 7: 6:590 | 7) 6342; ahpl_connect failed with error=101",
        "sendto failed, err=101 (Network is unreachable)",
    ] {
        assert_eq!(TokenError::from_message(text), None, "{text}");
    }
    assert_eq!(
        TokenError::from_message("Agora: failed to connect to the channel, error 110"),
        Some(TokenError::InvalidToken)
    );
}

#[test]
fn megabytes_of_input_return_quickly_and_without_allocating() {
    let _ = TokenError::from_message("warm up the searcher");
    let noise = "info: frame 1234 rendered; ERROR timeout; Agora engine ok; ERR_NOT_READY(3) "
        .repeat(40_000);
    let hits = "token ".repeat(200_000) + "TOKEN_ ";
    let with_error_at_end = format!("{noise}ERR_NO_AUTHORIZED");
    let info = allocation_counter::measure(|| {
        assert_eq!(TokenError::from_message(&noise), None);
        assert_eq!(TokenError::from_message(&hits), None);
        assert_eq!(
            TokenError::from_message(&with_error_at_end),
            Some(TokenError::InvalidToken)
        );
    });
    assert_eq!(info.count_total, 0);
}

/// Lower-case noise without k, p, c, u or `_`: of the anchors it can hold only the few made of
/// none of them (`rror`, `nvalid`, `dtostate`, `mediarelaystate`), which count only beside an
/// error word's code, a callback's name or a catalog identifier that noise this short and
/// random all but never spells.
fn noise() -> impl Strategy<Value = String> {
    "[abdefghijlmnoqrstvwxyz0-9 ,.;=\\[\\]{}\"-]{0,40}"
}

/// Pieces of what the recogniser reads (anchors, error and code words, separators, codes, wide
/// characters, callbacks), to be put together at random: every path through its checks, at
/// every place in a text, including its ends.
const FRAGMENTS: &[&str] = &[
    // The callback fragments that once made one long word quadratic (issue 14).
    "onnection",
    "nStateChanged",
    "tcexception",
    "mediarelaystate",
    "enewtokenresult",
    "Agora",
    " detail: ",
    "INVALID_TOKEN",
    "\u{a0}",
    "１",
    "007eJ",
    "onTokenPrivilegeWillExpire",
    "Error",
    "error",
    "err",
    " code",
    ":",
    "：",
    " ",
    "=",
    "-",
    "(",
    ")",
    "[",
    "]",
    "\n",
    "\n",
    "110",
    "109",
    "101",
    "5",
    "-10009",
    "1234567890123",
    "错误",
    "码",
    "代码",
    "报错",
    "的",
    "login fail",
    "ed",
    "login",
    "renewToken failed",
    "RTM:ERROR ",
    "AgoraRtcException",
    "onError",
    "onConnectionStateChanged",
    "reason",
    "state",
    "token",
    "Token",
    "invalid",
    "expired",
    "TOKEN_EXPIRED",
    "token_expired",
    "ErrorCodeType.",
    "errInvalidToken",
    "tcp",
    "timed out",
    "invalid vendor key, can not find appid",
    "dynamic use static key",
    "厂商使用了",
    "é",
    "_",
    ".",
    "appid",
    "App ID",
    "ic ke",
    "ccount",
];

proptest! {
    #[test]
    fn any_text_never_panics(s in "\\PC{0,400}") {
        let _ = TokenError::match_message(&s);
    }

    #[test]
    fn any_bytes_never_panic_after_lossy_decoding(b in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = TokenError::match_message(&String::from_utf8_lossy(&b));
    }

    #[test]
    fn texts_made_of_the_recognisers_own_words_never_panic(parts in prop::collection::vec(0usize..FRAGMENTS.len(), 0..40)) {
        let text: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
        let _ = TokenError::match_message(&text);
    }

    #[test]
    fn every_identifier_in_noise_is_found(i in 0..spellings().len(), before in noise(), after in noise(), code in prop::option::of(0i32..3000)) {
        let s = &spellings()[i];
        // `= 0` right after a native name declares another enum's member (an engine that copies
        // Agora's names with its own numbers), which is left alone on purpose.
        prop_assume!(!after.trim_start().starts_with('='));
        let code = code.map_or_else(String::new, |c| format!("({c})"));
        // A spelling other vendors print too needs the text to say it is Agora's.
        let agora = if s.is_shared() { "Agora" } else { "" };
        let text = format!("{agora}{before} {}{code} {after}", s.identifier());
        prop_assert_eq!(TokenError::from_message(&text), Some(s.error()), "{}", text);
    }

    // One long word (or line) of the recogniser's own words, repeated: each hit inside it costs
    // a bounded read, and `scan` reads the line as `match_message` does.
    #[test]
    fn long_runs_of_repeated_anchors_read_as_one_line(parts in prop::collection::vec(0usize..FRAGMENTS.len(), 1..6), times in 1usize..3000) {
        let unit: String = parts.iter().map(|&i| FRAGMENTS[i]).collect::<String>().replace('\n', " ");
        let text = unit.repeat(times);
        let first = agora_token_errors::scan(text.as_bytes()).find(|f| f.error().is_some());
        prop_assert_eq!(first.and_then(|f| f.error()), TokenError::from_message(&text));
    }

    #[test]
    fn noise_alone_is_not_an_error(text in noise()) {
        prop_assert_eq!(TokenError::from_message(&text), None);
    }
}
