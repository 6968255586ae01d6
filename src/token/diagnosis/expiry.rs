//! The checks of a token's clocks against the time of the join: skew, expiry of the token and
//! of the privilege the join needs, and lifetimes a builder was given by mistake.

use super::service::granting_service;
use crate::TokenError;
use crate::token::finding::{Finding, FindingKind};
use crate::token::model::privilege;
use crate::token::time::{LOOKS_ABSOLUTE, MAX_LIFETIME, Span, UnixTime};
use crate::token::{JoinParams, ServiceKind, Token, Version};

const RENEW: &str = "Build a new token and join again with it (or pass it to `renewToken` while still in the channel); renew on every will-expire callback from then on.";

/// The clock checks: skew, expiry of the token and of the privilege the join needs, and
/// lifetimes a builder was given by mistake.
pub(super) fn check(t: &Token, join: &JoinParams, now: u64, findings: &mut Vec<Finding>) {
    if let Some(issued) = t.issued_at.filter(|&issued| now < issued) {
        findings.push(
            Finding::new(
                FindingKind::ClockSkew,
                TokenError::TokenExpired,
                format!(
                    "The token was issued at {}, {} after the time given ({}): the token server's clock runs ahead, or the clock that gave this time runs behind.",
                    UnixTime(issued),
                    Span(issued - now),
                    UnixTime(now)
                ),
                "Keep the token server's and the devices' clocks in sync (NTP); Agora's servers judge expiry by their own clock, so a token server running behind makes tokens that expire early.",
            )
            .warning(),
        );
    }
    let expired = now >= t.expiry;
    if expired {
        findings.push(Finding::new(
            FindingKind::Expired,
            TokenError::TokenExpired,
            format!(
                "The token expired {} ago, at {}.",
                Span(now - t.expiry),
                UnixTime(t.expiry)
            ),
            RENEW,
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
                format!(
                    "The token claims a lifetime of {}, but Agora honours at most 24 h: it likely stopped working at {}, {} ago.",
                    Span(lifetime),
                    UnixTime(capped),
                    Span(now - capped)
                ),
                RENEW,
            )
            .likely(),
        );
    }
    let (kind, message, fix) = if lifetime >= LOOKS_ABSOLUTE {
        (
            FindingKind::ExpireLooksAbsolute,
            format!(
                "The token's lifetime is {lifetime} s ({}), which looks like a Unix time passed where a 007 builder wants seconds from now; Agora does not honour more than 24 h.",
                Span(lifetime)
            ),
            "Pass the lifetime in seconds (for example 3600), not `now + 3600`: 007 builders add the issue time themselves.",
        )
    } else {
        (
            FindingKind::LifetimeOverOneDay,
            format!(
                "The token's lifetime is {}, more than the 24 h Agora allows.",
                Span(lifetime)
            ),
            "Build tokens for at most 24 hours and renew them on the will-expire callback.",
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
        let relative: Vec<&str> = service
            .privileges()
            .iter()
            .filter(|p| p.raw() != 0 && u64::from(p.raw()) < LOOKS_ABSOLUTE)
            .map(|p| p.name().unwrap_or("an unnamed"))
            .collect();
        if let Some(p) = service
            .privilege(id)
            .filter(|p| p.raw() != 0 && u64::from(p.raw()) < LOOKS_ABSOLUTE)
        {
            findings.push(Finding::new(
                FindingKind::ExpireLooksRelative,
                TokenError::TokenExpired,
                format!(
                    "The privilege expiry is {}, which looks like seconds from now passed where a 006 builder wants an absolute Unix time: the {} privilege ended in 1970.",
                    p.raw(),
                    relative.join(", ")
                ),
                "Pass `now + seconds` as the 006 privilege expiry (or move to 007 builders, which take seconds from now).",
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
        let what = if join.service() == ServiceKind::Rtm {
            "login"
        } else {
            "join-channel"
        };
        findings.push(Finding::new(
            FindingKind::JoinPrivilegeExpired,
            TokenError::TokenExpired,
            format!(
                "The {what} privilege expired {} ago, at {}, although the token itself is valid until {}.",
                Span(now - end),
                UnixTime(end),
                UnixTime(t.expiry)
            ),
            format!("Build the token with a {what} privilege that lasts as long as the token, then join again with it."),
        ));
    }
}
