//! Before signing, a `TokenBuilder` refuses what an SDK would refuse (and says why, with the
//! error the SDK would report), and advises on what works but surprises.
#![cfg(feature = "build")]
// Tables of cases read best as they are: one line per case.
#![allow(clippy::too_many_lines, clippy::type_complexity)]

use agora_token_errors::TokenError;
use agora_token_errors::token::{BuildError, Role, Token, TokenBuilder, User};

#[test]
fn preflight_refuses_what_would_fail_and_says_why() {
    let app = "970CA35de60c44645bbae8a215061b33";
    let cert = "5CFd2fd1755d40ecb72977518be15d3b";
    let rtc = |b: TokenBuilder| b.rtc("lobby", User::Uid(42), Role::Publisher);
    let cases: Vec<(TokenBuilder, fn(&BuildError) -> bool, Option<TokenError>)> = vec![
        (
            rtc(Token::builder("970CA35de60c44645bbae8a215061b3", cert).expire_in(60)),
            |e| matches!(e, BuildError::AppId(_)),
            Some(TokenError::InvalidAppId),
        ),
        (
            rtc(Token::builder(format!("{app}\n"), cert).expire_in(60)),
            |e| matches!(e, BuildError::AppId(_)),
            Some(TokenError::InvalidAppId),
        ),
        (
            rtc(Token::builder(app, "5CFd2fd1755d40ecb72977518be15d3z").expire_in(60)),
            |e| matches!(e, BuildError::AppCertificate(_)),
            Some(TokenError::InvalidToken),
        ),
        (
            rtc(Token::builder(app, app).expire_in(60)),
            |e| matches!(e, BuildError::SameIdAndCertificate),
            Some(TokenError::InvalidToken),
        ),
        (
            rtc(Token::builder(app, cert).expire_in(0)),
            |e| matches!(e, BuildError::ZeroLifetime),
            Some(TokenError::TokenExpired),
        ),
        (
            rtc(Token::builder(app, cert).expire_in(86_401)),
            |e| matches!(e, BuildError::LifetimeOverOneDay(_)),
            Some(TokenError::TokenExpired),
        ),
        (
            rtc(Token::builder(app, cert).expire_in(1_700_003_600)),
            |e| matches!(e, BuildError::LifetimeLooksAbsolute(_)),
            Some(TokenError::TokenExpired),
        ),
        (
            rtc(Token::builder(app, cert).expire_in(1_700_003_600_000)),
            |e| matches!(e, BuildError::LifetimeLooksMilliseconds(_)),
            Some(TokenError::TokenExpired),
        ),
        (
            rtc(Token::builder(app, cert)),
            |e| matches!(e, BuildError::NoLifetime),
            None,
        ),
        (
            // A time in milliseconds passed as the issue time: past the token's 32-bit field.
            rtc(Token::builder(app, cert)
                .expire_in(600)
                .issued_at(1_700_000_000_000)),
            |e| {
                matches!(
                    e,
                    BuildError::TimeOutOfRange {
                        what: "issue time",
                        seconds: 1_700_000_000_000
                    }
                )
            },
            None,
        ),
        (
            Token::builder(app, cert)
                .expire_in(600)
                .rtm_with_expire("u", 1 << 32),
            |e| matches!(e, BuildError::TimeOutOfRange { what: "login", .. }),
            None,
        ),
        (
            Token::builder(app, cert).expire_in(600),
            |e| matches!(e, BuildError::NoService),
            Some(TokenError::InvalidToken),
        ),
        (
            Token::builder(app, cert)
                .expire_in(600)
                .rtc("", User::Uid(1), Role::Publisher),
            |e| matches!(e, BuildError::Empty(_)),
            Some(TokenError::InvalidToken),
        ),
        (
            Token::builder(app, cert).expire_in(600).rtc(
                "c".repeat(65),
                User::Uid(1),
                Role::Publisher,
            ),
            |e| matches!(e, BuildError::TooLong { max: 64, .. }),
            Some(TokenError::InvalidToken),
        ),
        (
            Token::builder(app, cert).expire_in(600).rtc(
                "salle-café",
                User::Uid(1),
                Role::Publisher,
            ),
            |e| {
                matches!(
                    e,
                    BuildError::Character {
                        character: 'é',
                        position: 9,
                        ..
                    }
                )
            },
            Some(TokenError::InvalidToken),
        ),
        (
            Token::builder(app, cert).expire_in(600).rtc(
                "lobby",
                User::Account(String::new()),
                Role::Publisher,
            ),
            |e| matches!(e, BuildError::Empty(_)),
            Some(TokenError::InvalidUserAccount),
        ),
        (
            Token::builder(app, cert).expire_in(600).rtc(
                "lobby",
                User::Account("a".repeat(256)),
                Role::Publisher,
            ),
            |e| matches!(e, BuildError::TooLong { max: 255, .. }),
            Some(TokenError::InvalidUserAccount),
        ),
        (
            Token::builder(app, cert).expire_in(600).rtm(""),
            |e| matches!(e, BuildError::Empty(_)),
            Some(TokenError::InvalidToken),
        ),
        (
            Token::builder(app, cert).expire_in(600).rtm("u".repeat(65)),
            |e| matches!(e, BuildError::TooLong { max: 64, .. }),
            Some(TokenError::InvalidToken),
        ),
        (
            Token::builder(app, cert).expire_in(600).rtm(" alice"),
            |e| matches!(e, BuildError::LeadingSpace),
            Some(TokenError::InvalidToken),
        ),
        (
            Token::builder(app, cert)
                .expire_in(600)
                .chat_user("x".repeat(65_536)),
            |e| matches!(e, BuildError::TooLong { max: 65_535, .. }),
            Some(TokenError::InvalidToken),
        ),
    ];
    for (b, is, prevents) in cases {
        let e = b.build().unwrap_err();
        assert!(is(&e), "{b:?}: {e}");
        assert_eq!(e.prevents(), prevents, "{e}");
        let shown = format!("{e} {e:?} {b:?}");
        assert!(
            !shown.contains(cert) && !shown.contains("5CFd2fd"),
            "{shown}"
        );
    }
}

#[test]
fn surprising_but_valid_choices_are_advice_before_signing() {
    use agora_token_errors::token::{Advice, AdviceKind};
    let kinds = |w: &[Advice]| w.iter().map(Advice::kind).collect::<Vec<_>>();
    let b = Token::builder(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .expire_in(30)
    .rtc_with_privilege_expire("lobby", User::Uid(0), Role::Subscriber, 0);
    assert!(b.build().is_ok());
    let w = b.warnings();
    assert_eq!(
        kinds(&w),
        [
            AdviceKind::ShortLifetime,
            AdviceKind::PrivilegeWithoutLimit,
            AdviceKind::AnyUser
        ],
        "{w:?}"
    );
    assert!(w[0].message().contains("30 s"), "{w:?}");
    assert!(w[1].message().contains("joinChannel"), "{w:?}");
    let b = Token::builder(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .expire_in(600)
    .rtc("lobby", User::Account("12345".into()), Role::Publisher);
    let w = b.warnings();
    assert_eq!(kinds(&w), [AdviceKind::NumericAccount]);
    assert!(w[0].message().contains("int uid 12345"), "{w:?}");
    // Longer than the token, as Agora's own repeated-services test builds it: the token's
    // expiry ends the privilege first.
    let b = Token::builder(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .expire_in(600)
    .rtm_with_expire("test_user", 650);
    assert!(b.build().is_ok());
    let w = b.warnings();
    assert_eq!(kinds(&w), [AdviceKind::PrivilegeLongerThanToken]);
    assert!(
        w[0].message().contains("login") && w[0].message().contains("650 s"),
        "{w:?}"
    );
    // Each piece of advice says what to consider.
    assert!(w.iter().all(|a| !a.fix().is_empty()));
}
