//! Times: showing them (UTC, always), converting from `SystemTime`, and the checks of a
//! token's clocks against the time of the join.

use core::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use super::finding::{Finding, FindingKind};
use super::{JoinParams, ServiceKind, Token, Version};
use crate::TokenError;

/// Agora caps a token and each privilege at this many seconds (24 h; builder docs and
/// `RtcTokenBuilder2`).
pub(super) const MAX_LIFETIME: u64 = 24 * 3600;

/// A 007 lifetime this large is a Unix time passed where seconds-from-now were wanted
/// (1,000,000,000 s is over 31 years; as a date, September 2001).
pub(super) const LOOKS_ABSOLUTE: u64 = 1_000_000_000;

/// Unix seconds of a `SystemTime` (0 for times before 1970), for the `now_unix` arguments of
/// [`diagnose`](super::diagnose) and friends.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use agora_token_errors::token::unix_seconds;
///
/// assert_eq!(unix_seconds(UNIX_EPOCH + Duration::from_secs(1_700_000_000)), 1_700_000_000);
/// let now = unix_seconds(std::time::SystemTime::now());
/// # assert!(now > 1_700_000_000);
/// ```
#[must_use]
pub fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A Unix time as a `SystemTime`.
pub(super) fn system_time(unix: u64) -> SystemTime {
    UNIX_EPOCH + core::time::Duration::from_secs(unix)
}

/// A Unix time, shown as a UTC date and time: `2026-11-27 18:46:28 UTC`. Every time the crate
/// prints is shown this way.
///
/// ```
/// use agora_token_errors::token::UnixTime;
/// assert_eq!(UnixTime(1_700_000_000).to_string(), "2023-11-14 22:13:20 UTC");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(pub u64);

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0 / 86_400;
        let secs = self.0 % 86_400;
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

/// Days since 1970-01-01 to a (year, month, day), by Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(m <= 2), m, d)
}

/// A span of seconds in the two largest units: `3 h 12 min`, `2 d 4 h`, `45 s`.
pub(super) struct Span(pub(super) u64);

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(u64, &str); 5] = [
            (365 * 86_400, "y"),
            (86_400, "d"),
            (3600, "h"),
            (60, "min"),
            (1, "s"),
        ];
        let secs = self.0;
        let Some(i) = UNITS.iter().position(|&(size, _)| secs >= size) else {
            return f.write_str("0 s");
        };
        let (size, unit) = UNITS[i];
        write!(f, "{} {unit}", secs / size)?;
        if let Some(&(next_size, next_unit)) = UNITS.get(i + 1) {
            let rest = secs % size / next_size;
            if rest > 0 {
                write!(f, " {rest} {next_unit}")?;
            }
        }
        Ok(())
    }
}

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
    let expired = now >= t.expires_at;
    if expired {
        findings.push(Finding::new(
            FindingKind::Expired,
            TokenError::TokenExpired,
            format!(
                "The token expired {} ago, at {}.",
                Span(now - t.expires_at),
                UnixTime(t.expires_at)
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
    let service = super::checks::granting_service(t, join)?;
    let id = if t.version == Version::V006 && join.service() == ServiceKind::Rtm {
        1000
    } else {
        1
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
            .map(|p| p.label().unwrap_or("an unnamed"))
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
    let Some(end) = service.privilege(id).and_then(super::Privilege::expires_at) else {
        return;
    };
    if now >= end && end < t.expires_at {
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
                UnixTime(t.expires_at)
            ),
            format!("Build the token with a {what} privilege that lasts as long as the token, then join again with it."),
        ));
    }
}
