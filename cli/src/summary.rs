//! What `scan` says after the findings: per file and in total, each error and event counted with
//! the first and last line it was seen on, and each access token found, decoded: when it
//! expires, whether it had expired when its line was written (where the line starts with a time
//! in a common format), and, where its line also names the channel and uid it joined with, the
//! diagnosis of that token against that join. Tokens are shown by their head only.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use agora_token_errors::Found;
use agora_token_errors::token::{Diagnosis, JoinParams, Token};
use serde_json::{Value, json};

/// How many tokens a summary keeps (the first ones found); the rest are counted.
const MAX_TOKENS: usize = 100;

/// What was seen once or more: how often, and on which lines first and last.
#[derive(Clone, Copy, Debug)]
struct Seen {
    count: u64,
    first: usize,
    last: usize,
    /// The inputs of the first and last line, in a summary of several.
    first_in: Option<usize>,
    last_in: Option<usize>,
}

/// A token found, as the summary tells it.
#[derive(Clone, Debug)]
struct TokenSeen {
    /// `line N`, or `FILE:N` in a summary of several inputs.
    place: String,
    line: usize,
    head: String,
    told: String,
    json: Value,
    /// A token whose own line names no join, kept (never shown) with the time its line was
    /// written and its byte offset until the lines around it are read ([`crate::nearby`]).
    pending: Option<(String, Option<u64>, usize)>,
}

/// The summary of one input, or of all.
#[derive(Clone, Debug, Default)]
pub(crate) struct Summary {
    seen: BTreeMap<(u8, &'static str), Seen>,
    /// The names of the inputs merged in, in order.
    names: Vec<String>,
    tokens: Vec<TokenSeen>,
    more_tokens: u64,
    pub(crate) bytes: u64,
}

impl Summary {
    /// Counts a finding in.
    pub(crate) fn add(&mut self, f: &Found<'_>) {
        let mut count = |key: (u8, &'static str)| {
            let s = self.seen.entry(key).or_insert(Seen {
                count: 0,
                first: f.line(),
                last: f.line(),
                first_in: None,
                last_in: None,
            });
            s.count += 1;
            s.last = f.line();
        };
        if let Some(e) = f.error() {
            count((0, e.as_str()));
        }
        if let Some(e) = f.event() {
            count((1, e.as_str()));
        }
        if let Some(token) = f.token() {
            if self.tokens.len() < MAX_TOKENS {
                self.tokens.push(token_seen(token, f));
            } else {
                self.more_tokens += 1;
            }
        }
    }

    /// The tokens kept whose own line names no join, each by its index and byte offset, to pair
    /// with a join a few lines away ([`crate::nearby`]).
    pub(crate) fn waiting(&self) -> Vec<(usize, usize)> {
        self.tokens
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((i, t.pending.as_ref()?.2)))
            .collect()
    }

    /// Judges token `i` against the join on `line`, `lines` lines away (after it if positive).
    pub(crate) fn join_nearby(&mut self, i: usize, line: &str, lines: isize) {
        let Some(seen) = self.tokens.get_mut(i) else {
            return;
        };
        let Some((token, used, _)) = seen.pending.take() else {
            return;
        };
        let Ok(t) = Token::parse(&token) else {
            return;
        };
        let n = lines.unsigned_abs();
        let s = if n == 1 { "" } else { "s" };
        let place = if lines < 0 {
            format!("{n} line{s} above")
        } else {
            format!("{n} line{s} below")
        };
        seen.join_with(&token, &t, line, used, &place);
    }

    /// Whether any token error or event was seen.
    pub(crate) fn found(&self) -> bool {
        !self.seen.is_empty()
    }

    /// This summary and `other`'s together, `other` read (from the input `name`) after this one.
    pub(crate) fn merge(&mut self, other: &Summary, name: &str) {
        let input = self.names.len();
        self.names.push(name.to_owned());
        for (k, s) in &other.seen {
            self.seen
                .entry(*k)
                .and_modify(|t| {
                    t.count += s.count;
                    t.last = s.last;
                    t.last_in = Some(input);
                })
                .or_insert(Seen {
                    first_in: Some(input),
                    last_in: Some(input),
                    ..*s
                });
        }
        for t in &other.tokens {
            if self.tokens.len() < MAX_TOKENS {
                let mut t = t.clone();
                t.pending = None;
                t.place = format!("{name}:{}", t.line);
                self.tokens.push(t);
            } else {
                self.more_tokens += 1;
            }
        }
        self.more_tokens += other.more_tokens;
        self.bytes += other.bytes;
    }

    /// The summary as Markdown, under `title`.
    pub(crate) fn markdown(&self, title: &str) -> String {
        let mut out = format!("\n## {title}\n\n");
        if self.seen.is_empty() {
            out.push_str("No token error or token event.\n");
        } else {
            out.push_str("| seen | count | first line | last line |\n|---|---|---|---|\n");
            // Lines of several inputs are named `FILE:LINE`.
            let several = self.names.len() > 1;
            let place = |input: Option<usize>, line: usize| match input {
                Some(i) if several => format!("{}:{line}", self.names[i]),
                _ => line.to_string(),
            };
            for ((kind, name), s) in &self.seen {
                let kind = if *kind == 0 { "error" } else { "event" };
                writeln!(
                    out,
                    "| {kind} `{name}` | {} | {} | {} |",
                    s.count,
                    place(s.first_in, s.first),
                    place(s.last_in, s.last)
                )
                .unwrap();
            }
        }
        if !self.tokens.is_empty() {
            out.push_str("\nAccess tokens (shown by their head only):\n\n");
            for t in &self.tokens {
                let place = if self.names.len() > 1 {
                    t.place.clone()
                } else {
                    format!("line {}", t.line)
                };
                writeln!(out, "- {place}: `{}` {}", t.head, t.told).unwrap();
            }
            if self.more_tokens > 0 {
                writeln!(out, "- and {} more", self.more_tokens).unwrap();
            }
        }
        out
    }

    /// The summary as one JSON value.
    pub(crate) fn json(&self) -> Value {
        let seen: Vec<Value> = self
            .seen
            .iter()
            .map(|((kind, name), s)| {
                let key = if *kind == 0 { "error" } else { "event" };
                json!({ key: name, "count": s.count, "first_line": s.first, "last_line": s.last })
            })
            .collect();
        let tokens: Vec<&Value> = self.tokens.iter().map(|t| &t.json).collect();
        json!({ "bytes": self.bytes, "seen": seen, "tokens": tokens, "more_tokens": self.more_tokens })
    }
}

/// A token found on a line: decoded, judged at the line's time, and against the join the line
/// names.
fn token_seen(token: &str, f: &Found<'_>) -> TokenSeen {
    let head = head(token);
    let line = f.line_text();
    let mut json = json!({ "line": f.line(), "token": head });
    let t = match Token::parse(token) {
        Ok(t) => t,
        Err(e) => {
            json["unreadable"] = json!(e.to_string());
            return TokenSeen {
                place: String::new(),
                line: f.line(),
                head,
                told: format!("cannot be decoded: {e}"),
                json,
                pending: None,
            };
        }
    };
    let expires = t.expires_at();
    let mut told = format!(
        "{} token for App ID {}, expires {}",
        t.version(),
        t.app_id(),
        crate::token::utc(expires)
    );
    json["app_id"] = json!(t.app_id());
    json["expires_at"] = json!(expires);
    let used = time_of(line, t.issued_at());
    if let Some(at) = used {
        json["used_at"] = json!(at);
        json["expired_when_used"] = json!(at >= expires);
        if at >= expires {
            write!(
                told,
                "; the line is {} after it expired",
                duration(at - expires)
            )
            .unwrap();
        } else {
            write!(
                told,
                "; still valid for {} when the line was written",
                duration(expires - at)
            )
            .unwrap();
        }
    }
    let mut seen = TokenSeen {
        place: String::new(),
        line: f.line(),
        head,
        told,
        json,
        pending: None,
    };
    if !seen.join_with(token, &t, line, used, "on the same line") {
        seen.pending = Some((token.to_owned(), used, f.span().start));
    }
    seen
}

impl TokenSeen {
    /// Judges the token against the join `line` names (`joinChannel(... channelId: ..., uid:
    /// ...)`), if it names a channel, and tells it, `where` it was found; whether it did.
    fn join_with(
        &mut self,
        token: &str,
        t: &Token,
        line: &str,
        used: Option<u64>,
        place: &str,
    ) -> bool {
        let Some(channel) = field(line, &CHANNEL_KEYS, token) else {
            return false;
        };
        let mut join = JoinParams::new(t.app_id(), &channel);
        if let Some(uid) = field(line, &["uid", "optionalUid"], token) {
            join = match uid.parse::<u32>() {
                Ok(n) => join.with_uid(n),
                Err(_) => join.with_account(&uid),
            };
        }
        let at = used
            .or(t.issued_at())
            .unwrap_or(t.expires_at().saturating_sub(1));
        let d = Diagnosis::of(token, &join, at, None);
        let verdict = d.findings().first().map_or_else(
            || "good for it".to_owned(),
            |f| format!("{} ({})", f.message(), f.error().as_str()),
        );
        write!(self.told, "; joined channel `{channel}` {place}: {verdict}").unwrap();
        self.json["join"] = json!({
            "channel": channel,
            "place": place,
            "join_looks_right": d.join_looks_right(),
        });
        if let Some(f) = d.findings().first() {
            self.json["join"]["finding"] = json!(f.kind().as_str());
            self.json["join"]["error"] = json!(f.error().as_str());
        }
        true
    }
}

/// A token as the tool shows it: its first 12 characters and `...`, as the library's JSON does.
pub(crate) fn head(token: &str) -> String {
    token.chars().take(12).collect::<String>() + "..."
}

/// A duration in words: `3 h 5 min`, `40 s`.
fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        3600..86_400 => format!("{} h {} min", secs / 3600, secs / 60 % 60),
        _ => format!("{} d {} h", secs / 86_400, secs / 3600 % 24),
    }
}

/// The keys a join's channel is written after (`joinChannel(... channelId: ...)`).
pub(crate) const CHANNEL_KEYS: [&str; 3] = ["channelId", "channelName", "channel"];

/// The value written after one of `keys` on the line (`channelId:"lobby"`, `"uid":42`,
/// `channel=lobby`), never the token itself.
pub(crate) fn field(line: &str, keys: &[&str], token: &str) -> Option<String> {
    for key in keys {
        let mut from = 0;
        while let Some(i) = line[from..].find(key) {
            let at = from + i;
            from = at + key.len();
            // A whole word: `channel` is not the end of `subchannel`.
            let before = line[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &line[at + key.len()..];
            let rest = rest.trim_start_matches('"').trim_start();
            let Some(rest) = rest.strip_prefix([':', '=']) else {
                continue;
            };
            let rest = rest.trim_start().trim_start_matches('"');
            let value: String = rest
                .chars()
                .take_while(|c| !matches!(c, '"' | ',' | ' ' | ')' | '}' | ';' | '&'))
                .take(64)
                .collect();
            if !value.is_empty() && !token.starts_with(&value) {
                return Some(value);
            }
        }
    }
    None
}

/// The time a line starts with, in Unix seconds (UTC, as written): Agora's SDK log
/// (`[12/12/23 14:02:06:976]`), ISO 8601 and the iris logs (`2023-12-12 14:02:06.929`,
/// `2023-12-12T14:02:06Z`), or logcat (`12-09 16:41:51.076`, whose year is taken from the
/// token's issue time).
fn time_of(line: &str, issued: Option<u64>) -> Option<u64> {
    let head = line.trim_start().trim_start_matches('[');
    let b = head.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let s = head.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let clock = |at: usize| -> Option<u64> {
        (b.get(at + 2) == Some(&b':') && b.get(at + 5) == Some(&b':')).then_some(())?;
        Some(num(at..at + 2)? * 3600 + num(at + 3..at + 5)? * 60 + num(at + 6..at + 8)?)
    };
    // `YYYY-MM-DD[ T]HH:MM:SS`
    if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') && matches!(b.get(10), Some(b' ' | b'T'))
    {
        return Some(days(num(0..4)?, num(5..7)?, num(8..10)?)? * 86_400 + clock(11)?);
    }
    // `MM/DD/YY HH:MM:SS`
    if b.get(2) == Some(&b'/') && b.get(5) == Some(&b'/') && b.get(8) == Some(&b' ') {
        return Some(days(2000 + num(6..8)?, num(0..2)?, num(3..5)?)? * 86_400 + clock(9)?);
    }
    // `MM-DD HH:MM:SS` (logcat): the year of the token's issue.
    if b.get(2) == Some(&b'-') && b.get(5) == Some(&b' ') {
        let year = 1970 + issued? / 31_556_952;
        return Some(days(year, num(0..2)?, num(3..5)?)? * 86_400 + clock(6)?);
    }
    None
}

/// Days from 1970-01-01 to a date (proleptic Gregorian), if it is one.
fn days(y: u64, m: u64, d: u64) -> Option<u64> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y < 1970 {
        return None;
    }
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::{days, field, time_of};

    #[test]
    fn times_of_common_log_lines_are_read_as_written() {
        // 2023-12-12 14:02:06 UTC is 1702389726.
        assert_eq!(
            time_of("[12/12/23 14:02:06:976][33043][A]: x", None),
            Some(1_702_389_726)
        );
        assert_eq!(
            time_of("[2023-12-12 14:02:06.929] [28796] [info]", None),
            Some(1_702_389_726)
        );
        assert_eq!(
            time_of("2023-12-12T14:02:06Z join", None),
            Some(1_702_389_726)
        );
        assert_eq!(
            time_of("12-12 14:02:06.076: I/AGORA_SDK(3105)", Some(1_702_000_000)),
            Some(1_702_389_726)
        );
        assert_eq!(time_of("12-12 14:02:06.076: I/AGORA_SDK(3105)", None), None);
        assert_eq!(time_of("14:13:04:158 Agora-SDK [WARNING]", None), None);
        assert_eq!(time_of("[13/45/23 14:02:06:976]", None), None);
        assert_eq!(days(1970, 1, 1), Some(0));
    }

    #[test]
    fn join_fields_are_read_and_the_token_is_never_one() {
        let token = "007eJxTYBC0";
        let line = r#"joinChannel(token:"007eJxTYBC0", channelId:"lobby", info:"", uid:42)"#;
        assert_eq!(
            field(line, &["channelId", "channel"], token).as_deref(),
            Some("lobby")
        );
        assert_eq!(field(line, &["uid"], token).as_deref(), Some("42"));
        let line = r#"{"token":"007eJxTYBC0","channelName":"a-b","uid":7}"#;
        assert_eq!(field(line, &["channelName"], token).as_deref(), Some("a-b"));
        assert_eq!(field("subchannel=x", &["channel"], token), None);
        assert_eq!(field("channel=007eJxTYBC0", &["channel"], token), None);
    }
}
