//! Advice: what works but is worth knowing. Never a fault, so never a `Finding`.

use crate::token::finding::{Advice, AdviceKind};
use crate::token::text::{Text, tr};
use crate::token::time::{Span, UnixTime};
use crate::token::{ServiceKind, Token, Version};

/// A lifetime shorter than this leaves little time to renew after the will-expire callback,
/// which comes 30 s before the end.
const SHORT_LIFETIME: u64 = 60;

pub(in crate::token) fn of(t: &Token) -> Vec<Advice> {
    let mut out = Vec::new();
    if t.version() == Version::V006 {
        out.push(Advice::new(
            AdviceKind::LegacyAccessToken,
            tr!(
                en: "This is a legacy 006 AccessToken; it still works, but Agora recommends AccessToken2 (007).",
                zh: "这是旧版的 006 AccessToken；它仍然可用，但声网推荐使用 AccessToken2（007）。",
            ),
            tr!(
                en: "Switch the token server to Agora's AccessToken2 builders (npm `agora-token`, `RtcTokenBuilder2` in other languages).",
                zh: "把 Token 服务器换成声网的 AccessToken2 生成方法（npm 包 `agora-token`，其他语言用 `RtcTokenBuilder2`）。",
            ),
        ));
    }
    if let Some(lifetime) = t
        .lifetime()
        .map(u64::from)
        .filter(|&l| l > 0 && l < SHORT_LIFETIME)
    {
        out.push(Advice::new(
            AdviceKind::ShortLifetime,
            tr!(
                en: format!("The token lives {}; the will-expire callback comes 30 s before its end.", Span(lifetime)),
                zh: format!("Token 的有效期只有 {}；即将过期的回调在到期前 30 s 才触发。", Span(lifetime)),
            ),
            short_lifetime_fix().into(),
        ));
    }
    for service in t.services() {
        for p in service.privileges() {
            let Some(end) = p.expires_at().filter(|&end| end < t.token_expires_at()) else {
                continue;
            };
            let kind = service.kind();
            let (at, before) = (UnixTime(end), Span(t.token_expires_at() - end));
            out.push(Advice::new(
                AdviceKind::PrivilegeEndsBeforeToken,
                tr!(
                    en: format!(
                        "The {kind} {} privilege ends at {at}, {before} before the token does; the user loses it then.",
                        p.name().unwrap_or("unnamed")
                    ),
                    zh: format!(
                        "{kind} 的{}权限在 {at} 结束，比 Token 早 {before}；届时用户将失去这项权限。",
                        p.name().map_or_else(|| "未命名".to_owned(), |n| format!(" {n} "))
                    ),
                ),
                tr!(
                    en: "If that is not intended, give the privilege the token's lifetime; renew before it ends either way.",
                    zh: "如果这不是有意为之，就让该权限与 Token 的有效期一样长；无论如何，都要在它结束前续期。",
                ),
            ));
        }
        let any_user = service.kind() == ServiceKind::Rtc
            && (service.user() == Some("")
                || (t.version() == Version::V006 && t.crc_uid == Some(0)));
        if any_user {
            out.push(Advice::new(
                AdviceKind::AnyUser,
                tr!(
                    en: "The token was built for uid 0: it admits any user into its channel.",
                    zh: "Token 是为 uid 0 生成的：任何用户都能用它加入它的频道。",
                ),
                any_user_fix().into(),
            ));
        }
    }
    out
}

/// What to do about a short lifetime (here and in the builder's warnings).
pub(in crate::token) fn short_lifetime_fix() -> Text<&'static str> {
    tr!(
        en: "Give tokens a lifetime that leaves time to fetch and renew a new one (minutes to hours).",
        zh: "给 Token 足够长的有效期（几分钟到几小时），留出获取新 Token 并续期的时间。",
    )
}

/// What to do about a token for any user (here and in the builder's warnings).
pub(in crate::token) fn any_user_fix() -> Text<&'static str> {
    tr!(
        en: "Build tokens for the user who joins if the channel must be restricted to known users.",
        zh: "如果频道只允许已知用户加入，就为实际加入的用户生成 Token。",
    )
}
