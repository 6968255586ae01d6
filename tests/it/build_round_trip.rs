//! Round trip as a property: for any valid inputs, build, parse, verify with the certificate, and
//! diagnose the matching join: no finding.
#![cfg(feature = "build")]

use crate::common;
use agora_token_errors::token::{JoinParams, Role, RtcPrivileges, Token, User};
use common::diagnose;
use proptest::prelude::*;

/// Agora's 89 characters, in a channel of 1 to 64.
fn channel() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 !#$%&()+\\-:;<=.>?@\\[\\]^_{}|~,]{1,64}"
}

fn user() -> impl Strategy<Value = User> {
    prop_oneof![
        any::<u32>().prop_map(User::Uid),
        "[a-zA-Z0-9_\\-@.]{1,255}".prop_map(User::Account),
    ]
}

fn hex32() -> impl Strategy<Value = String> {
    "[0-9a-f]{32}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn built_tokens_parse_verify_and_diagnose_clean(
        app in hex32(),
        cert in hex32(),
        channel in channel(),
        user in user(),
        publisher in any::<bool>(),
        lifetime in 60u32..=86_400,
        privilege in prop::option::of(0u32..=60),
        rtm in prop::option::of("[a-zA-Z0-9_\\-]{1,64}"),
        issued in 1_500_000_000u32..2_000_000_000,
        salt in 1u32..=99_999_999,
    ) {
        prop_assume!(app != cert);
        let role = if publisher { Role::Publisher } else { Role::Subscriber };
        let mut b = Token::builder(&app, &cert).expire_in(u64::from(lifetime)).issued_at(u64::from(issued)).salt(salt);
        b = match privilege {
            // A privilege of 0 has no limit of its own; a short one ends on purpose, after `now`.
            Some(p) => b.rtc_with_privileges(&channel, user.clone(), RtcPrivileges::for_role(role, if p == 0 { 0 } else { u64::from(lifetime - p) })),
            None => b.rtc(&channel, user.clone(), role),
        };
        if let Some(rtm) = &rtm {
            b = b.rtm(rtm);
        }
        let s = b.build().unwrap();
        let t = Token::parse(&s).unwrap();
        prop_assert!(t.verify(&cert) == agora_token_errors::token::Verification::Valid);
        prop_assert!(t.verify(&app) != agora_token_errors::token::Verification::Valid);
        let now = u64::from(issued) + 1;
        let join = JoinParams::new(&app, &channel).with_user(user.clone());
        prop_assert_eq!(diagnose(&s, &join.clone().with_app_certificate(&cert), now), vec![]);
        if let Some(rtm) = &rtm {
            prop_assert_eq!(diagnose(&s, &JoinParams::rtm(&app, rtm), now), vec![]);
        }
    }

    #[test]
    fn any_inputs_build_or_refuse_without_panicking(
        app in ".{0,40}",
        cert in ".{0,40}",
        channel in ".{0,80}",
        account in ".{0,300}",
        lifetime in any::<u64>(),
        rtm in ".{0,80}",
    ) {
        let b = Token::builder(app, cert)
            .expire_in(lifetime)
            .rtc(channel, User::Account(account), Role::Publisher)
            .rtm(rtm);
        let _ = b.warnings();
        if let Ok(s) = b.build() {
            prop_assert!(Token::parse(&s).is_ok());
        }
    }
}

#[test]
fn a_token_longer_than_the_sdks_accept_is_never_handed_out() {
    use agora_token_errors::token::{BuildError, MAX_TOKEN_LEN, Token};
    // Random user ids do not compress: 3,000 bytes of them make a token of some 4,000
    // characters, which no SDK reads.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let user: String = (0..3000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(
                b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                    [(x % 62) as usize],
            )
        })
        .collect();
    let built = Token::builder(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .expire_in(3600)
    .chat_user(&user)
    .build();
    match built {
        Err(
            e @ BuildError::TokenTooLong {
                len,
                max,
                longest: Some(agora_token_errors::token::Field::ChatUser),
            },
        ) => {
            assert!(len > max && max == MAX_TOKEN_LEN);
            // It says which input is too long.
            assert!(
                e.to_string()
                    .contains("its longest input is the Chat user id"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Up to the limit, every token it hands out parses.
    for n in [10, 500, 1000] {
        if let Ok(t) = Token::builder(
            "970CA35de60c44645bbae8a215061b33",
            "5CFd2fd1755d40ecb72977518be15d3b",
        )
        .expire_in(3600)
        .chat_user(&user[..n])
        .build()
        {
            assert!(t.len() <= MAX_TOKEN_LEN);
            assert!(Token::parse(&t).is_ok(), "{n}");
        }
    }
}
