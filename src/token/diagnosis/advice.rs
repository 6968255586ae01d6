//! Advice: what works but is worth knowing. Never a fault, so never a `Finding`.

use crate::token::finding::{Advice, AdviceKind};
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
            "This is a legacy 006 AccessToken; it still works, but Agora recommends AccessToken2 (007).".to_owned(),
            "Switch the token server to Agora's AccessToken2 builders (npm `agora-token`, `RtcTokenBuilder2` in other languages).",
        ));
    }
    if let Some(lifetime) = t
        .lifetime()
        .map(u64::from)
        .filter(|&l| l > 0 && l < SHORT_LIFETIME)
    {
        out.push(Advice::new(
            AdviceKind::ShortLifetime,
            format!("The token lives {}; the will-expire callback comes 30 s before its end.", Span(lifetime)),
            "Give tokens a lifetime that leaves time to fetch and renew a new one (minutes to hours).",
        ));
    }
    for service in t.services() {
        for p in service.privileges() {
            let Some(end) = p.expires_at().filter(|&end| end < t.token_expires_at()) else {
                continue;
            };
            let name = p.name().unwrap_or("unnamed");
            out.push(Advice::new(
                AdviceKind::PrivilegeEndsBeforeToken,
                format!(
                    "The {} {name} privilege ends at {}, {} before the token does; the user loses it then.",
                    service.kind(),
                    UnixTime(end),
                    Span(t.token_expires_at() - end)
                ),
                "If that is not intended, give the privilege the token's lifetime; renew before it ends either way.",
            ));
        }
        let any_user = service.kind() == ServiceKind::Rtc
            && (service.user() == Some("")
                || (t.version() == Version::V006 && t.crc_uid == Some(0)));
        if any_user {
            out.push(Advice::new(
                AdviceKind::AnyUser,
                "The token was built for uid 0: it admits any user into its channel.".to_owned(),
                "Build tokens for the user who joins if the channel must be restricted to known users.",
            ));
        }
    }
    out
}
