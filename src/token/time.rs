//! Times: showing them (UTC, always) and converting from `SystemTime`. The checks of a token's
//! clocks against the time of the join are in `diagnosis/expiry.rs`.

use core::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Agora caps a token and each privilege at this many seconds (24 h; builder docs and
/// `RtcTokenBuilder2`).
pub(super) const MAX_LIFETIME: u64 = 24 * 3600;

/// A 007 lifetime this large is a Unix time passed where seconds-from-now were wanted
/// (1,000,000,000 s is over 31 years; as a date, September 2001).
pub(super) const LOOKS_ABSOLUTE: u64 = 1_000_000_000;

/// Unix seconds of a `SystemTime` (0 for times before 1970), for the `now_unix` arguments of
/// [`Diagnosis::of`](super::Diagnosis::of) and friends.
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

/// A Unix time, shown as a UTC date and time: `2026-11-27 18:46:28 UTC` (1,700,000,000 is
/// `2023-11-14 22:13:20 UTC`). Every time the crate prints is shown this way; its API takes
/// and gives Unix seconds as `u64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct UnixTime(pub(crate) u64);

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

#[cfg(test)]
mod tests {
    use super::UnixTime;

    #[test]
    fn a_unix_time_is_shown_as_a_utc_date_and_time() {
        assert_eq!(
            UnixTime(1_700_000_000).to_string(),
            "2023-11-14 22:13:20 UTC"
        );
        assert_eq!(UnixTime(0).to_string(), "1970-01-01 00:00:00 UTC");
        assert_eq!(UnixTime(951_782_400).to_string(), "2000-02-29 00:00:00 UTC");
    }
}
