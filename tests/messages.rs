//! `from_message`: a corpus of real texts (tests/fixtures/messages.tsv), and properties.
#![cfg(feature = "messages")]

use agora_token_errors::{TokenError, spellings};
use proptest::prelude::*;

/// (expected, source, text) per corpus line; `\n` in a text stands for a line break.
fn corpus() -> Vec<(Option<TokenError>, String, String)> {
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/messages.tsv"
    ))
    .unwrap();
    String::from_utf8_lossy(&raw)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut cells = l.splitn(3, '\t');
            let expected = cells.next().unwrap();
            let source = cells.next().unwrap_or("").to_owned();
            let text = cells.next().unwrap_or("").replace("\\n", "\n");
            let expected = (expected != "-").then(|| {
                expected
                    .parse::<TokenError>()
                    .unwrap_or_else(|e| panic!("{e}"))
            });
            (expected, source, text)
        })
        .collect()
}

#[test]
fn corpus_texts_give_their_expected_error() {
    let corpus = corpus();
    assert!(corpus.iter().filter(|c| c.0.is_some()).count() >= 40);
    assert!(corpus.iter().filter(|c| c.0.is_none()).count() >= 15);
    for (expected, source, text) in corpus {
        assert_eq!(
            TokenError::from_message(&text),
            expected,
            "{source}: {text:?}"
        );
    }
}

#[test]
fn every_variant_appears_in_the_corpus() {
    let corpus = corpus();
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
        "err_no_authorized",
        "Err_No_Authorized",
        "NO_AUTHORIZED",
        "Invalid Token, Authorized Failed",
    ] {
        assert_eq!(
            TokenError::from_message(text),
            Some(TokenError::InvalidToken),
            "{text}"
        );
    }
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

/// Lower-case noise without k, p, c or u contains none of the anchors.
fn noise() -> impl Strategy<Value = String> {
    "[abdefghijlmnoqrstvwxyz0-9 ,.;=\\[\\]{}\"-]{0,40}"
}

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
    fn every_identifier_in_noise_is_found(i in 0..spellings().len(), before in noise(), after in noise(), code in prop::option::of(0i32..3000)) {
        let s = &spellings()[i];
        let code = code.map_or_else(String::new, |c| format!("({c})"));
        let text = format!("{before} {}{code} {after}", s.identifier());
        prop_assert_eq!(TokenError::from_message(&text), Some(s.error()), "{}", text);
    }

    #[test]
    fn noise_alone_is_not_an_error(text in noise()) {
        prop_assert_eq!(TokenError::from_message(&text), None);
    }
}
