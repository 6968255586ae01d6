//! The checks of a token's clocks against the time of the join: skew, expiry of the token and
//! of the privilege the join needs, and lifetimes a builder was given by mistake.

use super::service::granting_service;
use crate::TokenError;
use crate::token::finding::{Finding, FindingKind};
use crate::token::model::privilege;
use crate::token::text::{Text, tr};
use crate::token::time::{LOOKS_ABSOLUTE, MAX_LIFETIME, Span, UnixTime};
use crate::token::{JoinParams, ServiceKind, Token, Version};

fn renew() -> Text {
    tr!(
        en: "Build a new token and join again with it (or pass it to `renewToken` while still in the channel); renew on every will-expire callback from then on.",
        zh: "生成新的 Token 并用它重新加入频道（如果仍在频道内，就把它传给 `renewToken`）；此后在每次收到 Token 即将过期的回调时续期。",
    )
}

/// The clock checks: skew, expiry of the token and of the privilege the join needs, and
/// lifetimes a builder was given by mistake.
pub(super) fn check(t: &Token, join: &JoinParams, now: u64, findings: &mut Vec<Finding>) {
    if let Some(issued) = t.issued_at.filter(|&issued| now < issued) {
        findings.push(
            Finding::new(
                FindingKind::ClockSkew,
                TokenError::TokenExpired,
                tr!(
                    en: format!(
                        "The token was issued at {}, {} after the time given ({}): the token server's clock runs ahead, or the clock that gave this time runs behind.",
                        UnixTime(issued),
                        Span(issued - now),
                        UnixTime(now)
                    ),
                    zh: format!(
                        "Token 的签发时间是 {}，比给出的时间（{}）晚了 {}：Token 服务器的时钟偏快，或给出这个时间的时钟偏慢。",
                        UnixTime(issued),
                        UnixTime(now),
                        Span(issued - now)
                    ),
                ),
                tr!(
                    en: "Keep the token server's and the devices' clocks in sync (NTP); Agora's servers judge expiry by their own clock, so a token server running behind makes tokens that expire early.",
                    zh: "让 Token 服务器和设备的时钟保持同步（NTP）；声网服务器按自己的时钟判断是否过期，因此时钟偏慢的 Token 服务器生成的 Token 会提前过期。",
                ),
            )
            .warning(),
        );
    }
    let expired = now >= t.expiry;
    if expired {
        findings.push(Finding::new(
            FindingKind::Expired,
            TokenError::TokenExpired,
            tr!(
                en: format!(
                    "The token expired {} ago, at {}.",
                    Span(now - t.expiry),
                    UnixTime(t.expiry)
                ),
                zh: format!(
                    "Token 已于 {} 过期，距今 {}。",
                    UnixTime(t.expiry),
                    Span(now - t.expiry)
                ),
            ),
            renew(),
        ));
    }
    if let (Some(lifetime), Some(issued)) = (t.lifetime.map(u64::from), t.issued_at) {
        check_lifetime(lifetime, issued, now, expired, findings);
    }
    if !expired {
        check_privileges(t, join, now, findings);
    }
}

fn check_lifetime(
    lifetime: u64,
    issued: u64,
    now: u64,
    expired: bool,
    findings: &mut Vec<Finding>,
) {
    if lifetime <= MAX_LIFETIME {
        return;
    }
    let capped = issued + MAX_LIFETIME;
    if !expired && now >= capped {
        findings.push(
            Finding::new(
                FindingKind::Expired,
                TokenError::TokenExpired,
                tr!(
                    en: format!(
                        "The token claims a lifetime of {}, but Agora honours at most 24 h: it likely stopped working at {}, {} ago.",
                        Span(lifetime),
                        UnixTime(capped),
                        Span(now - capped)
                    ),
                    zh: format!(
                        "Token 声明的有效期是 {}，但声网最多只认 24 h：它很可能已在 {} 失效，距今 {}。",
                        Span(lifetime),
                        UnixTime(capped),
                        Span(now - capped)
                    ),
                ),
                renew(),
            )
            .likely(),
        );
    }
    let (kind, message, fix) = if lifetime >= LOOKS_ABSOLUTE {
        (
            FindingKind::ExpireLooksAbsolute,
            tr!(
                en: format!(
                    "The token's lifetime is {lifetime} s ({}), which looks like a Unix time passed where a 007 builder wants seconds from now; Agora does not honour more than 24 h.",
                    Span(lifetime)
                ),
                zh: format!(
                    "Token 的有效期是 {lifetime} s（{}），看起来是把 Unix 时间传给了要求“从现在起的秒数”的 007 生成方法；声网最多只认 24 h。",
                    Span(lifetime)
                ),
            ),
            tr!(
                en: "Pass the lifetime in seconds (for example 3600), not `now + 3600`: 007 builders add the issue time themselves.",
                zh: "以秒为单位传入有效期（例如 3600），而不是 `now + 3600`：007 的生成方法会自己加上签发时间。",
            ),
        )
    } else {
        (
            FindingKind::LifetimeOverOneDay,
            tr!(
                en: format!(
                    "The token's lifetime is {}, more than the 24 h Agora allows.",
                    Span(lifetime)
                ),
                zh: format!(
                    "Token 的有效期是 {}，超过了声网允许的 24 h。",
                    Span(lifetime)
                ),
            ),
            tr!(
                en: "Build tokens for at most 24 hours and renew them on the will-expire callback.",
                zh: "生成有效期不超过 24 小时的 Token，并在收到即将过期的回调时续期。",
            ),
        )
    };
    findings.push(Finding::new(kind, TokenError::TokenExpired, message, fix).warning());
}

/// The privilege a join needs: joinChannel for RTC; login for RTM (1 in 007, 1000 in 006).
pub(super) fn needed_privilege(t: &Token, join: &JoinParams) -> Option<(ServiceKind, u16)> {
    let service = granting_service(t, join)?;
    let id = if t.version == Version::V006 && join.service() == ServiceKind::Rtm {
        privilege::RTM_LOGIN_006
    } else {
        // joinChannel and login are both 1.
        privilege::JOIN_CHANNEL
    };
    Some((service, id))
}

fn check_privileges(t: &Token, join: &JoinParams, now: u64, findings: &mut Vec<Finding>) {
    let Some((kind, id)) = needed_privilege(t, join) else {
        return;
    };
    let Some(service) = t.service(kind) else {
        return;
    };
    if t.version == Version::V006 {
        let relative = |unnamed: &'static str| -> Vec<&str> {
            service
                .privileges()
                .iter()
                .filter(|p| p.raw() != 0 && u64::from(p.raw()) < LOOKS_ABSOLUTE)
                .map(|p| p.name().unwrap_or(unnamed))
                .collect()
        };
        if let Some(p) = service
            .privilege(id)
            .filter(|p| p.raw() != 0 && u64::from(p.raw()) < LOOKS_ABSOLUTE)
        {
            findings.push(Finding::new(
                FindingKind::ExpireLooksRelative,
                TokenError::TokenExpired,
                tr!(
                    en: format!(
                        "The privilege expiry is {}, which looks like seconds from now passed where a 006 builder wants an absolute Unix time: the {} privilege ended in 1970.",
                        p.raw(),
                        relative("an unnamed").join(", ")
                    ),
                    zh: format!(
                        "权限的过期时间是 {}，看起来是把“从现在起的秒数”传给了要求绝对 Unix 时间的 006 生成方法：{} 权限在 1970 年就已结束。",
                        p.raw(),
                        relative("未命名的").join("、")
                    ),
                ),
                tr!(
                    en: "Pass `now + seconds` as the 006 privilege expiry (or move to 007 builders, which take seconds from now).",
                    zh: "把 `now + seconds` 作为 006 权限的过期时间传入（或改用 007 的生成方法，它们接受从现在起的秒数）。",
                ),
            ));
            return;
        }
    }
    let Some(end) = service
        .privilege(id)
        .and_then(crate::token::Privilege::expires_at)
    else {
        return;
    };
    if now >= end && end < t.expiry {
        let what: Text<&str> = if join.service() == ServiceKind::Rtm {
            tr!(en: "login", zh: "登录")
        } else {
            tr!(en: "join-channel", zh: "加入频道")
        };
        findings.push(Finding::new(
            FindingKind::JoinPrivilegeExpired,
            TokenError::TokenExpired,
            tr!(
                en: format!(
                    "The {} privilege expired {} ago, at {}, although the token itself is valid until {}.",
                    what.en,
                    Span(now - end),
                    UnixTime(end),
                    UnixTime(t.expiry)
                ),
                zh: format!(
                    "{}权限已于 {} 过期，距今 {}，而 Token 本身的有效期到 {}。",
                    what.zh,
                    UnixTime(end),
                    Span(now - end),
                    UnixTime(t.expiry)
                ),
            ),
            tr!(
                en: format!("Build the token with a {} privilege that lasts as long as the token, then join again with it.", what.en),
                zh: format!("生成 Token 时让{w}权限与 Token 的有效期一样长，然后用新 Token 重新{w}。", w = what.zh),
            ),
        ));
    }
}
