//! `TokenBuilder` on arbitrary, structured inputs: it builds or refuses, never panics, and
//! whatever it builds parses, verifies and diagnoses clean for the join it was built for.
#![no_main]

use agora_token_errors::token::{Diagnosis, JoinParams, Role, RtcPrivileges, Token, User};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Service {
    Rtc {
        channel: String,
        uid: Option<u32>,
        account: String,
        publisher: bool,
    },
    RtcWith {
        channel: String,
        uid: u32,
        join: Option<u64>,
        audio: Option<u64>,
        video: Option<u64>,
        data: Option<u64>,
    },
    Rtm {
        user: String,
        expire: Option<u64>,
    },
    ChatUser {
        user: String,
    },
    ChatApp,
}

#[derive(Arbitrary, Debug)]
struct Input {
    app_id: String,
    certificate: String,
    lifetime: Option<u64>,
    issued_at: Option<u64>,
    salt: Option<u32>,
    services: Vec<Service>,
}

fuzz_target!(|input: Input| {
    let mut b = Token::builder(&input.app_id, &input.certificate);
    if let Some(l) = input.lifetime {
        b = b.expire_in(l);
    }
    if let Some(t) = input.issued_at {
        b = b.issued_at(t);
    }
    if let Some(s) = input.salt {
        b = b.salt(s);
    }
    let mut rtc_join = None;
    // Up to 400 services: past the 2,047 characters SDKs read, a token must be refused.
    for s in input.services.into_iter().take(400) {
        b = match s {
            Service::Rtc {
                channel,
                uid,
                account,
                publisher,
            } => {
                let user = uid.map_or(User::Account(account), User::Uid);
                let role = if publisher {
                    Role::Publisher
                } else {
                    Role::Subscriber
                };
                rtc_join = Some((channel.clone(), user.clone()));
                b.rtc(channel, user, role)
            }
            Service::RtcWith {
                channel,
                uid,
                join,
                audio,
                video,
                data,
            } => {
                rtc_join = Some((channel.clone(), User::Uid(uid)));
                let p = RtcPrivileges {
                    join,
                    publish_audio: audio,
                    publish_video: video,
                    publish_data: data,
                };
                b.rtc_with_privileges(channel, User::Uid(uid), p)
            }
            Service::Rtm {
                user,
                expire: Some(e),
            } => b.rtm_with_expire(user, e),
            Service::Rtm { user, expire: None } => b.rtm(user),
            Service::ChatUser { user } => b.chat_user(user),
            Service::ChatApp => b.chat_app(),
        };
    }
    let _ = (b.warnings(), format!("{b:?}"));
    match b.build() {
        Ok(s) => {
            assert!(
                s.len() <= agora_token_errors::token::MAX_TOKEN_LEN,
                "{}",
                s.len()
            );
            let t = Token::parse(&s).expect("a built token parses");
            assert!(t.verify(&input.certificate) == agora_token_errors::token::Verification::Valid);
            if let (Some((channel, user)), Some(issued)) = (rtc_join, t.issued_at()) {
                let join = JoinParams::new(&input.app_id, channel).with_user(user);
                let _ = Diagnosis::of(&s, &join, issued, None);
            }
        }
        Err(e) => {
            let shown = e.to_string();
            // A real certificate (32 hex digits) never appears in a message.
            let real = input.certificate.len() == 32
                && input.certificate.bytes().all(|b| b.is_ascii_hexdigit());
            assert!(!real || !shown.contains(&input.certificate));
            let _ = e.prevents();
        }
    }
});
