//! Tokens as apps pass them around: behind `Bearer `, in `token=` or a JSON object, pasted
//! twice, with a character after their padding. Each wrapper is named in plain words, undone by
//! `repair`, and the token inside is diagnosed; text that is not a token is called not one.
#![cfg(feature = "token")]

use crate::common;
use common::diagnose;

use agora_token_errors::token::{Damage, FindingKind, JoinParams, Token, TokenParseError, repair};
use common::tokens::{APP_ID, soon, token};

/// Each way of wrapping a token, with the damage it must be named as.
fn wrapped(good: &str) -> Vec<(String, Vec<Damage>)> {
    let mut cases = vec![
        (format!("Bearer {good}"), vec![Damage::Wrapped]),
        (
            format!("Authorization: Bearer {good}"),
            vec![Damage::Wrapped],
        ),
        (format!("token={good}"), vec![Damage::Wrapped]),
        (
            format!("?channel=lobby&token={good}&uid=42"),
            vec![Damage::Wrapped],
        ),
        (format!(r#"{{"token":"{good}"}}"#), vec![Damage::Wrapped]),
        (
            format!(r#"{{"token": "{good}", "uid": 42}}"#),
            vec![Damage::Wrapped],
        ),
        (format!("{good}{good}"), vec![Damage::Repeated]),
        (format!("{good} {good}"), vec![Damage::Repeated]),
    ];
    if good.contains('+') {
        cases.push((
            format!(r#"{{"token":"{}"}}"#, good.replace('+', " ")),
            vec![Damage::SpaceForPlus, Damage::Wrapped],
        ));
    }
    if good.contains('/') {
        cases.push((
            format!("Bearer {}", good.replace('/', "\\/")),
            vec![Damage::JsonEscaped, Damage::Wrapped],
        ));
    }
    cases
}

#[test]
fn every_wrapper_is_named_undone_and_the_token_inside_diagnosed() {
    let mut checked = 0;
    for name in [
        "rtc_uid_publisher",
        "rtc_account",
        "rtc_and_rtm",
        "v006_rtc_uid",
    ] {
        let good = token(name);
        let now = soon(name);
        for (text, damage) in wrapped(&good) {
            let r = repair(&text);
            assert_eq!(r.token(), good, "{name}: {damage:?}");
            let mut undone = r.undone().to_vec();
            undone.sort();
            assert_eq!(undone, damage, "{name}: {text:.60}");
            // Diagnosed: the damage, then what the token inside shows (another channel here).
            let findings = diagnose(
                &text,
                &JoinParams::new(APP_ID, "elsewhere").with_uid(12345),
                now,
            );
            let kinds: Vec<_> = findings
                .iter()
                .map(agora_token_errors::token::Finding::kind)
                .collect();
            for d in &damage {
                assert!(
                    kinds.contains(&FindingKind::Damaged(*d)),
                    "{name}: {kinds:?}"
                );
            }
            assert!(
                kinds.contains(&FindingKind::ChannelMismatch),
                "{name}: {kinds:?}"
            );
            // Never shown whole.
            for f in &findings {
                assert!(!f.message().contains(&good[..40]), "{}", f.message());
            }
            checked += 1;
        }
    }
    println!("{checked} wrapped tokens named, undone and diagnosed");
}

#[test]
fn parse_names_the_wrapper_first() {
    let good = token("rtc_uid_publisher");
    assert_eq!(
        Token::parse(&format!("Bearer {good}")).unwrap_err(),
        TokenParseError::Damaged {
            damage: Damage::Wrapped,
            position: 0
        }
    );
    assert!(matches!(
        Token::parse(&format!("{good}{good}")).unwrap_err(),
        TokenParseError::Damaged {
            damage: Damage::Repeated,
            ..
        }
    ));
}

#[test]
fn a_character_after_the_padding_is_named_as_trailing() {
    let good = token("rtc_uid_publisher");
    let good = if good.ends_with('=') {
        good
    } else {
        token("rtc_uid_subscriber")
    };
    assert!(good.ends_with('='), "the vector needs padding");
    for extra in ["x", "A", ".", "0"] {
        let r = repair(&format!("{good}{extra}"));
        assert_eq!(r.token(), good, "{extra}");
        assert_eq!(r.undone(), [Damage::TrailingCharacters], "{extra}");
    }
}

#[test]
fn a_token_shown_by_its_head_only_is_named_elided_not_trailing_or_invisible() {
    let good = token("rtc_uid_publisher");
    let join = JoinParams::new(APP_ID, "lobby").with_uid(1);
    for (head, ending) in [(12, "..."), (12, "\u{2026}"), (40, ".."), (6, "\u{2026}")] {
        let shown = format!("{}{ending}", &good[..head]);
        assert_eq!(repair(&shown).undone(), [Damage::Elided], "{shown}");
        assert!(
            matches!(
                Token::parse(repair(&shown).token()),
                Err(TokenParseError::Truncated(_) | TokenParseError::UnknownVersion { .. })
            ) || repair(&shown).token().len() < 7
        );
        let findings = diagnose(&shown, &join, 0);
        // One finding says what it is; no second one calls the rest undecodable.
        assert_eq!(findings.len(), 1, "{shown}: {findings:?}");
        assert_eq!(findings[0].kind(), FindingKind::Damaged(Damage::Elided));
        let message = findings[0].message();
        assert!(
            !message.contains("invisible") && !message.contains("after the `=`"),
            "{message}"
        );
    }
    // A whole token followed by dots is whole: the dots are text after it.
    let whole = format!("{good}...");
    let findings = diagnose(&whole, &join, soon("rtc_uid_publisher"));
    assert!(
        findings
            .iter()
            .all(|f| f.kind() != FindingKind::Damaged(Damage::Elided)),
        "{findings:?}"
    );
}

#[test]
fn text_that_is_not_a_token_is_called_not_a_token() {
    let join = JoinParams::new(APP_ID, "lobby").with_uid(1);
    for text in [
        "hello world",
        "Bearer",
        "token=",
        "{\"token\":null}",
        "my token is 123",
    ] {
        assert_eq!(repair(text).undone(), [], "{text}");
        let findings = diagnose(text, &join, 0);
        let kinds: Vec<_> = findings
            .iter()
            .map(agora_token_errors::token::Finding::kind)
            .collect();
        assert!(
            kinds.contains(&FindingKind::Unparseable),
            "{text}: {kinds:?}"
        );
        assert!(
            !kinds.iter().any(|k| matches!(k, FindingKind::Damaged(_))),
            "{text}: {kinds:?}"
        );
    }
}

#[test]
fn a_clean_token_is_left_as_it_is() {
    for name in ["rtc_uid_publisher", "v006_rtc_uid", "chat_app"] {
        let good = token(name);
        let r = repair(&good);
        assert_eq!((r.token(), r.undone()), (good.as_str(), &[][..]));
        assert!(!format!("{r:?}").contains(&good[..40]));
    }
}

#[test]
fn data_after_a_007_tokens_end_is_damage_not_ignored() {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use std::io::{Read as _, Write as _};

    let good = token("rtc_uid_publisher");
    let join = JoinParams::new(APP_ID, "lobby").with_uid(12345);
    let compressed = STANDARD.decode(&good[3..]).unwrap();
    // Bytes glued after the zlib stream.
    let mut glued = compressed.clone();
    glued.extend_from_slice(b"\x00tail");
    // Bytes after the last service, inside a well-formed stream.
    let mut content = Vec::new();
    flate2::read::ZlibDecoder::new(&compressed[..])
        .read_to_end(&mut content)
        .unwrap();
    content.extend_from_slice(&[0, 1, 2, 3]);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&content).unwrap();
    let padded = z.finish().unwrap();
    for altered in [glued, padded] {
        let altered = format!("007{}", STANDARD.encode(&altered));
        assert!(matches!(
            Token::parse(&altered),
            Err(TokenParseError::Damaged {
                damage: Damage::TrailingData,
                ..
            })
        ));
        let findings = diagnose(&altered, &join, soon("rtc_uid_publisher"));
        assert_eq!(
            findings[0].kind(),
            FindingKind::Damaged(Damage::TrailingData),
            "{findings:?}"
        );
    }
    // The token as built is whole.
    assert!(Token::parse(&good).is_ok());
}
