//! The checks before signing, and the layout Agora's builders write.

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::Mac as _;

use super::error::{BuildError, IdProblem};
use super::{RtcPrivileges, Spec, TokenBuilder};
use crate::token::Field;
use crate::token::RtmPermissions;
use crate::token::User;
use crate::token::diagnosis::{any_user_fix, short_lifetime_fix};
use crate::token::model::privilege;
use crate::token::text::tr;
use crate::token::time::{LOOKS_ABSOLUTE, MAX_LIFETIME, unix_seconds};
use crate::token::verify::{key_007, mac};
use crate::token::{Advice, AdviceKind};

/// Agora's limits on the strings a token carries, in bytes.
const MAX_CHANNEL: usize = 64;
const MAX_ACCOUNT: usize = 255;
const MAX_RTM_USER: usize = 64;
/// Every string is written with a `u16` length.
const MAX_FIELD: usize = u16::MAX as usize;

/// The characters Agora allows in channel names and user accounts: letters, digits, space and
/// 26 punctuation marks (89 in all).
fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || " !#$%&()+-:;<=.>?@[]^_{}|~,".contains(c)
}

fn id_problem(s: &str) -> Option<IdProblem> {
    if s.chars().any(char::is_whitespace) {
        Some(IdProblem::Whitespace)
    } else if s.len() != 32 {
        Some(IdProblem::Length(s.chars().count()))
    } else {
        s.bytes()
            .position(|b| !b.is_ascii_hexdigit())
            .map(IdProblem::NotHex)
    }
}

fn check_name(field: Field, s: &str, max: usize) -> Result<(), BuildError> {
    if s.is_empty() {
        return Err(BuildError::Empty(field));
    }
    if s.len() > max {
        return Err(BuildError::TooLong {
            field,
            len: s.len(),
            max,
        });
    }
    if let Some((position, character)) = s.char_indices().find(|&(_, c)| !is_allowed(c)) {
        return Err(BuildError::Character {
            field,
            character,
            position,
        });
    }
    Ok(())
}

/// Every check, in the order a user would fix them.
pub(super) fn check(b: &TokenBuilder) -> Result<(), BuildError> {
    if let Some(p) = id_problem(&b.app_id) {
        return Err(BuildError::AppId(p));
    }
    if let Some(p) = id_problem(&b.certificate) {
        return Err(BuildError::AppCertificate(p));
    }
    if b.app_id.eq_ignore_ascii_case(&b.certificate) {
        return Err(BuildError::SameIdAndCertificate);
    }
    match b.lifetime {
        None => return Err(BuildError::NoLifetime),
        Some(0) => return Err(BuildError::ZeroLifetime),
        Some(s) if s >= 1_000_000_000_000 => return Err(BuildError::LifetimeLooksMilliseconds(s)),
        Some(s) if s >= LOOKS_ABSOLUTE => return Err(BuildError::LifetimeLooksAbsolute(s)),
        Some(s) if s > MAX_LIFETIME => return Err(BuildError::LifetimeOverOneDay(s)),
        Some(_) => {}
    }
    if b.services.is_empty() {
        return Err(BuildError::NoService);
    }
    check_times(b)?;
    for spec in &b.services {
        match spec {
            Spec::Rtc { channel, user, .. } => {
                check_name(Field::Channel, channel, MAX_CHANNEL)?;
                if let User::Account(account) = user {
                    check_name(Field::Account, account, MAX_ACCOUNT)?;
                }
            }
            Spec::Rtm { user, .. } => {
                if user.is_empty() {
                    return Err(BuildError::Empty(Field::RtmUser));
                }
                if user.len() > MAX_RTM_USER {
                    return Err(BuildError::TooLong {
                        field: Field::RtmUser,
                        len: user.len(),
                        max: MAX_RTM_USER,
                    });
                }
                if user.starts_with(' ') {
                    return Err(BuildError::LeadingSpace);
                }
            }
            Spec::Chat { user, app } => {
                if !app && user.is_empty() {
                    return Err(BuildError::Empty(Field::ChatUser));
                }
                if user.len() > MAX_FIELD {
                    return Err(BuildError::TooLong {
                        field: Field::ChatUser,
                        len: user.len(),
                        max: MAX_FIELD,
                    });
                }
            }
            Spec::Rtm2 { user, permissions } => {
                // An empty user id admits any user (`ServiceRtm2` writes user 0 as "").
                if user.len() > MAX_RTM_USER {
                    return Err(BuildError::TooLong {
                        field: Field::RtmUser,
                        len: user.len(),
                        max: MAX_RTM_USER,
                    });
                }
                let names = permissions
                    .grants()
                    .iter()
                    .flat_map(super::super::RtmGrant::names);
                if let Some(name) = names.clone().find(|n| n.len() > MAX_FIELD) {
                    return Err(BuildError::TooLong {
                        field: Field::RtmResource,
                        len: name.len(),
                        max: MAX_FIELD,
                    });
                }
                if names.clone().any(String::is_empty) {
                    return Err(BuildError::Empty(Field::RtmResource));
                }
            }
            Spec::Bare(_) | Spec::Fpa => {}
            Spec::Apaas { room, user, .. } => {
                for (field, text) in [(Field::Channel, room), (Field::RtmUser, user)] {
                    if text.len() > MAX_FIELD {
                        return Err(BuildError::TooLong {
                            field,
                            len: text.len(),
                            max: MAX_FIELD,
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

pub(super) fn warnings(b: &TokenBuilder) -> Vec<Advice> {
    let mut out = Vec::new();
    if let Some(s) = b.lifetime.filter(|&s| s > 0 && s < 60) {
        out.push(Advice::new(
            AdviceKind::ShortLifetime,
            tr!(
                en: format!("A lifetime of {s} s leaves little time to renew after the will-expire callback (30 s before the end)."),
                zh: format!("{s} s 的有效期在即将过期的回调（到期前 30 s）之后留给续期的时间很少。"),
            ),
            short_lifetime_fix().into(),
        ));
    }
    let lifetime = b.lifetime;
    // Agora's builders take a privilege longer than the token (`buildTokenWithRtm2`'s RTM
    // expiry, and their own repeated-services test): the token's expiry ends it first.
    let mut longer = |privilege: &str, seconds: u64| {
        if let Some(lifetime) = lifetime.filter(|&l| seconds > l) {
            out.push(Advice::new(
                AdviceKind::PrivilegeLongerThanToken,
                tr!(
                    en: format!("The {privilege} privilege is set to {seconds} s, longer than the token's {lifetime} s: the token's expiry ends it first."),
                    zh: format!("{privilege} 权限设为 {seconds} s，比 Token 的 {lifetime} s 还长：Token 过期时它会随之提前结束。"),
                ),
                tr!(
                    en: "Give the privilege at most the token's lifetime, or the token a longer one.",
                    zh: "让该权限的时长不超过 Token 的有效期，或者给 Token 更长的有效期。",
                ),
            ));
        }
    };
    for spec in &b.services {
        if let Spec::Rtc {
            privileges: Some(p),
            ..
        } = spec
        {
            for (_, name, seconds) in p.listed() {
                if let Some(s) = seconds {
                    longer(name, s);
                }
            }
        }
        if let Spec::Rtm {
            expire: Some(s), ..
        } = spec
        {
            longer("login", *s);
        }
    }
    for spec in &b.services {
        match spec {
            Spec::Rtc {
                user, privileges, ..
            } => {
                for (_, name, seconds) in privileges.unwrap_or_default().listed() {
                    if seconds == Some(0) {
                        out.push(without_limit(name));
                    }
                }
                match user {
                    User::Uid(0) => out.push(Advice::new(
                        AdviceKind::AnyUser,
                        tr!(
                            en: "uid 0 admits any user into the channel.",
                            zh: "uid 0 允许任何用户加入频道。",
                        ),
                        any_user_fix().into(),
                    )),
                    User::Account(a) if a.parse::<u32>().is_ok_and(|n| n.to_string() == *a) => {
                        out.push(Advice::new(
                            AdviceKind::NumericAccount,
                            tr!(
                                en: format!("The account {a:?} is all digits: the token also admits int uid {a}."),
                                zh: format!("user account {a:?} 全是数字：这个 Token 也允许 int uid {a} 加入。"),
                            ),
                            tr!(
                                en: "Join with the int uid, or give accounts a non-digit character, so that one identity has one form.",
                                zh: "改用 int uid 加入，或让 user account 含有非数字字符，使同一个身份只有一种形式。",
                            ),
                        ));
                    }
                    _ => {}
                }
            }
            Spec::Rtm {
                expire: Some(0), ..
            } => out.push(without_limit("login")),
            _ => {}
        }
    }
    out
}

/// A privilege given 0 seconds: no limit of its own.
fn without_limit(privilege: &str) -> Advice {
    Advice::new(
        AdviceKind::PrivilegeWithoutLimit,
        tr!(
            en: format!(
                "The {privilege} privilege has no limit of its own (0): it ends with the token, and some SDKs fire no will-expire callback for it."
            ),
            zh: format!(
                "{privilege} 权限没有单独的期限（0）：它随 Token 一起结束，而且有些 SDK 不会为它触发即将过期的回调。"
            ),
        ),
        tr!(
            en: "Give the privilege the token's lifetime in seconds if the app renews on the will-expire callback.",
            zh: "如果应用在即将过期的回调中续期，就把该权限的时长设为 Token 的有效期（秒）。",
        ),
    )
}

/// RTM 2 permissions as `ServiceRtm2.pack` writes them: the count of resource kinds, then per
/// kind (in number order) its number and the count of accesses, per access its number and the
/// names.
fn rtm2_permissions(out: &mut Vec<u8>, p: &RtmPermissions) {
    let grants = p.grants();
    let mut kinds: Vec<u16> = grants.iter().map(|g| g.resource).collect();
    kinds.dedup();
    out.extend_from_slice(&u16::try_from(kinds.len()).unwrap_or(0).to_le_bytes());
    for kind in kinds {
        let of_kind: Vec<_> = grants.iter().filter(|g| g.resource == kind).collect();
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&u16::try_from(of_kind.len()).unwrap_or(0).to_le_bytes());
        for g in of_kind {
            out.extend_from_slice(&g.access.to_le_bytes());
            out.extend_from_slice(&u16::try_from(g.names.len()).unwrap_or(0).to_le_bytes());
            for name in &g.names {
                bytes(out, name.as_bytes());
            }
        }
    }
}

/// `u16` length, then the bytes.
fn bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&u16::try_from(b.len()).unwrap_or(u16::MAX).to_le_bytes());
    out.extend_from_slice(b);
}

/// A privilege map: `u16` count, then (`u16` id, `u32` seconds) in id order.
fn privileges(out: &mut Vec<u8>, list: &[(u16, u64)]) {
    out.extend_from_slice(&u16::try_from(list.len()).unwrap_or(0).to_le_bytes());
    for &(id, seconds) in list {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&field_32(seconds).to_le_bytes());
    }
}

/// Every time given fits a token's 32-bit field: the issue time and each privilege's seconds.
fn check_times(b: &TokenBuilder) -> Result<(), BuildError> {
    let fits = |what, seconds: u64| {
        if u32::try_from(seconds).is_ok() {
            Ok(())
        } else {
            Err(BuildError::TimeOutOfRange { what, seconds })
        }
    };
    if let Some(t) = b.issued_at {
        fits("issue time", t)?;
    }
    for spec in &b.services {
        match spec {
            Spec::Rtc {
                privileges: Some(p),
                ..
            } => {
                for (_, name, seconds) in p.listed() {
                    seconds.map_or(Ok(()), |s| fits(name, s))?;
                }
            }
            Spec::Rtm {
                expire: Some(s), ..
            } => fits("login", *s)?,
            _ => {}
        }
    }
    Ok(())
}

/// A time as a token's 32-bit field holds it; [`check`] has refused times past it.
fn field_32(seconds: u64) -> u32 {
    u32::try_from(seconds).unwrap_or(u32::MAX)
}

/// A random salt in 1..=99,999,999, as Agora's Node and Python builders draw it.
fn random_salt() -> u32 {
    let mut b = [0u8; 4];
    // Without an entropy source the salt stays fixed; the signature is still valid.
    let _ = getrandom::fill(&mut b);
    u32::from_le_bytes(b) % 99_999_999 + 1
}

/// The signed content: signature first, then the signing info.
pub(super) fn content(b: &TokenBuilder) -> Vec<u8> {
    let lifetime = b.lifetime.unwrap_or(0);
    let issued = b
        .issued_at
        .unwrap_or_else(|| unix_seconds(SystemTime::now()));
    let salt = b.salt.unwrap_or_else(random_salt);
    let mut info = Vec::with_capacity(256);
    bytes(&mut info, b.app_id.as_bytes());
    info.extend_from_slice(&field_32(issued).to_le_bytes());
    info.extend_from_slice(&field_32(lifetime).to_le_bytes());
    info.extend_from_slice(&salt.to_le_bytes());
    let mut specs: Vec<&Spec> = b.services.iter().collect();
    specs.sort_by_key(|s| s.service_type());
    info.extend_from_slice(&u16::try_from(specs.len()).unwrap_or(0).to_le_bytes());
    for spec in specs {
        info.extend_from_slice(&spec.service_type().to_le_bytes());
        match spec {
            Spec::Rtc {
                channel,
                user,
                role,
                privileges: given,
            } => {
                let p = given.unwrap_or_else(|| {
                    RtcPrivileges::for_role(role.unwrap_or(super::Role::Subscriber), lifetime)
                });
                let list: Vec<(u16, u64)> = p
                    .listed()
                    .iter()
                    .filter_map(|&(id, _, s)| Some((id, s?)))
                    .collect();
                privileges(&mut info, &list);
                bytes(&mut info, channel.as_bytes());
                bytes(&mut info, user.as_token_text().as_bytes());
            }
            Spec::Rtm { user, expire } => {
                privileges(&mut info, &[(privilege::LOGIN, expire.unwrap_or(lifetime))]);
                bytes(&mut info, user.as_bytes());
            }
            Spec::Chat { user, app } => {
                let id = if *app {
                    privilege::CHAT_APP
                } else {
                    privilege::CHAT_USER
                };
                privileges(&mut info, &[(id, lifetime)]);
                bytes(&mut info, user.as_bytes());
            }
            Spec::Rtm2 { user, permissions } => {
                privileges(&mut info, &[(privilege::LOGIN, lifetime)]);
                bytes(&mut info, user.as_bytes());
                rtm2_permissions(&mut info, permissions);
            }
            Spec::Bare(_) => privileges(&mut info, &[]),
            Spec::Fpa => privileges(&mut info, &[(privilege::LOGIN, 0)]),
            Spec::Apaas {
                room,
                user,
                role,
                privilege,
            } => {
                // The room-user token's classroom service carries no privilege of its own.
                if *privilege == privilege::APAAS_ROOM_USER {
                    privileges(&mut info, &[]);
                } else {
                    privileges(&mut info, &[(*privilege, lifetime)]);
                }
                bytes(&mut info, room.as_bytes());
                bytes(&mut info, user.as_bytes());
                info.extend_from_slice(&role.to_le_bytes());
            }
        }
    }
    let mut m = mac(&key_007(&b.certificate, field_32(issued), salt));
    m.update(&info);
    let signature = m.finalize().into_bytes();
    let mut out = Vec::with_capacity(info.len() + 34);
    bytes(&mut out, &signature);
    out.extend_from_slice(&info);
    out
}

/// `007` + base64 of the zlib-compressed content. Any valid zlib stream of the content is as
/// good as another to the SDKs (the signature covers the content, not the stream), but zlib's
/// default level, which Agora's builders use, makes the token start `007eJ` as theirs do, and
/// so as every scanner and log filter written for Agora's tokens expects (the fastest level
/// wrote `007eAF`). The compressor's state is kept per thread and reset for each token: setting
/// it up costs far more than compressing a few hundred bytes.
pub(super) fn encode(content: &[u8]) -> String {
    use std::cell::RefCell;

    use flate2::{Compress, Compression, FlushCompress};

    thread_local! {
        static COMPRESS: RefCell<Compress> = RefCell::new(Compress::new(Compression::default(), true));
    }
    let mut compressed = Vec::with_capacity(content.len() + 64);
    COMPRESS.with(|z| {
        let mut z = z.borrow_mut();
        z.reset();
        loop {
            let consumed = usize::try_from(z.total_in()).unwrap_or(content.len());
            let status = z.compress_vec(
                &content[consumed.min(content.len())..],
                &mut compressed,
                FlushCompress::Finish,
            );
            match status {
                Ok(flate2::Status::StreamEnd) | Err(_) => break,
                Ok(_) => compressed.reserve(compressed.capacity().max(64)),
            }
        }
    });
    let mut out = String::with_capacity(3 + compressed.len().div_ceil(3) * 4);
    out.push_str("007");
    STANDARD.encode_string(&compressed, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use crate::Locale;
    use crate::token::{AdviceKind, Role, Token, User};

    /// Every warning the builder gives has a Chinese text (no public method gives it yet; a
    /// diagnosis's advice does, through `Diagnosis::with_locale`).
    #[test]
    fn every_warning_has_a_chinese_text() {
        let app = "970CA35de60c44645bbae8a215061b33";
        let cert = "5CFd2fd1755d40ecb72977518be15d3b";
        let b = Token::builder(app, cert)
            .expire_in(30)
            .rtc_with_privilege_expire("a", User::Uid(0), Role::Publisher, 0)
            .rtc("b", User::Account("12345".to_owned()), Role::Publisher)
            .rtm_with_expire("u", 600);
        let warnings = b.warnings();
        let mut kinds: Vec<AdviceKind> = warnings.iter().map(super::Advice::kind).collect();
        kinds.sort_by_key(|k| k.as_str());
        kinds.dedup();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        for a in warnings {
            let en = a.clone();
            let zh = a.in_locale(Locale::Zh);
            for text in [zh.message(), zh.fix()] {
                assert!(
                    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                    "{text}"
                );
            }
            assert_ne!(zh.message(), en.message());
        }
    }
}
