//! A token and the join it was used for, a few lines apart: apps log the token they fetched on
//! one line and `joinChannel(channelId: ..., uid: ...)` on the next. The scan streams and keeps
//! nothing of the lines it passes, so after it, the few kilobytes around each token that waits
//! for its join are read again: by seeking in a plain file, by reading a gzip or UTF-16 file
//! once more up to the last of them. Standard input cannot be read again: there a token is held
//! against the join on its own line only. The nearest join at most [`REACH`] lines away is
//! taken, never one that carries a token of its own (that one is judged on its own line).

use std::io::{Read, Seek, SeekFrom};

use crate::input::Source;
use crate::summary;

/// How many lines away a join is looked for, before and after the token's line.
pub(crate) const REACH: isize = 5;

/// Bytes read around a token for its join, each way.
const AROUND: usize = 4096;

/// The joins of the tokens `waiting` (the summary's index and the token's byte offset), each
/// with its line and how many lines away it is (after the token when positive).
pub(crate) fn joins(source: &Source, waiting: &[(usize, usize)]) -> Vec<(usize, String, isize)> {
    if waiting.is_empty() || matches!(source, Source::Stdin) {
        return Vec::new();
    }
    match source.plain() {
        Some(mut file) => waiting
            .iter()
            .filter_map(|&(index, at)| {
                let from = at.saturating_sub(AROUND);
                file.seek(SeekFrom::Start(from as u64)).ok()?;
                let want = at - from + AROUND;
                let mut window = Vec::with_capacity(want);
                (&mut file)
                    .take(want as u64)
                    .read_to_end(&mut window)
                    .ok()?;
                let ends = window.len() < want;
                let (line, lines) = join_in(&window, at - from, from == 0, ends)?;
                Some((index, line, lines))
            })
            .collect(),
        None => read_again(source, waiting),
    }
}

/// [`joins`] for a file read through a decoder: read once more, up to the last token's window,
/// keeping the last bytes only.
fn read_again(source: &Source, waiting: &[(usize, usize)]) -> Vec<(usize, String, isize)> {
    const READ: usize = 1 << 16;
    let Ok(mut reader) = source.open(|_| {}) else {
        return Vec::new();
    };
    let mut waiting = waiting.to_vec();
    waiting.sort_by_key(|w| w.1);
    let mut out = Vec::new();
    // `kept` holds the input from byte `base` on.
    let (mut kept, mut base) = (Vec::new(), 0usize);
    let mut buf = vec![0; READ];
    let mut next = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => 0,
        };
        kept.extend_from_slice(&buf[..n]);
        let read = base + kept.len();
        while let Some(&(index, at)) = waiting.get(next) {
            if n > 0 && at + AROUND > read {
                break;
            }
            next += 1;
            let from = at.saturating_sub(AROUND).max(base);
            let to = (at + AROUND).min(read);
            if let Some(window) = kept.get(from - base..to - base)
                && let Some((line, lines)) = join_in(window, at - from, from == 0, n == 0)
            {
                out.push((index, line, lines));
            }
        }
        if n == 0 || next == waiting.len() {
            return out;
        }
        // What the next token's window may still need: the last read and a window's worth.
        let keep = READ + 2 * AROUND;
        if kept.len() > 2 * keep {
            let drop = kept.len() - keep;
            kept.drain(..drop);
            base += drop;
        }
    }
}

/// The nearest line to byte `at` of `window` that joins a channel, and how many lines away it
/// is. `starts` and `ends`: whether the window starts and ends where the input does (else its
/// first and last lines may be cut, and are not read). Only the lines within reach are looked
/// at, each once.
fn join_in(window: &[u8], at: usize, starts: bool, ends: bool) -> Option<(String, isize)> {
    let newline = |b: &u8| *b == b'\n';
    let at = at.min(window.len());
    let own_start = window[..at].iter().rposition(newline).map_or(0, |i| i + 1);
    let own_end = window[at..]
        .iter()
        .position(newline)
        .map_or(window.len(), |i| at + i);
    let reach = REACH.unsigned_abs();
    // The lines before, nearest first: each ends where the next one starts, less its break.
    let mut before = Vec::with_capacity(reach);
    let mut next = own_start;
    while before.len() < reach && next > 0 {
        let end = next - 1;
        let start = window[..end].iter().rposition(newline).map_or(0, |i| i + 1);
        if start == 0 && !starts {
            break;
        }
        before.push(start..end);
        next = start;
    }
    let mut after = Vec::with_capacity(reach);
    let mut start = own_end + 1;
    while after.len() < reach && start < window.len() {
        let end = window[start..].iter().position(newline).map(|i| start + i);
        if end.is_none() && !ends {
            break;
        }
        let end = end.unwrap_or(window.len());
        after.push(start..end);
        start = end + 1;
    }
    (1..=REACH)
        .flat_map(|d| [-d, d])
        .filter_map(|d| {
            let lines = if d < 0 { &before } else { &after };
            Some((lines.get(d.unsigned_abs() - 1)?.clone(), d))
        })
        .map(|(r, d)| (String::from_utf8_lossy(&window[r]), d))
        .find(|(line, _)| is_join(line))
        .map(|(line, d)| (line.chars().take(1024).collect(), d))
}

/// Whether a line is a join call that names its channel and carries no token of its own.
/// The channel is read as the summary reads it on a token's own line ([`summary::field`]), so a
/// line taken here always gives the join it is judged against.
fn is_join(line: &str) -> bool {
    (line.to_ascii_lowercase().contains("join") || line.contains("加入频道"))
        && summary::field(line, &summary::CHANNEL_KEYS, "").is_some()
        && agora_token_errors::scan(line.as_bytes()).all(|f| f.token().is_none())
}

#[cfg(test)]
mod tests {
    use super::join_in;

    fn join(text: &str) -> Option<(String, isize)> {
        join_in(text.as_bytes(), text.find("007e").unwrap(), true, true)
    }

    #[test]
    fn the_nearest_join_line_is_found_either_way() {
        let log =
            "12:00:01 token fetched: 007eJxTYBC0\n12:00:02 joinChannel(channelId: lobby, uid: 7)\n";
        let (line, lines) = join(log).unwrap();
        assert_eq!(lines, 1);
        assert!(line.contains("lobby"));
        let log = "joinChannel channelId=a uid=1\nother\nother\ntoken=007eJxTYBC0\n";
        assert_eq!(join(log).unwrap().1, -3);
    }

    #[test]
    fn a_join_too_far_or_without_a_channel_is_not_taken() {
        let far = format!(
            "joinChannel channelId=a\n{}token 007eJxTYBC0\n",
            "x\n".repeat(6)
        );
        assert_eq!(join(&far), None);
        assert_eq!(join("token 007eJxTYBC0\njoin failed\n"), None);
    }

    #[test]
    fn a_line_that_says_join_and_channel_but_names_none_is_passed_over() {
        let log = "token 007eJxTYBC0\njoin channel failed\njoinChannel(channelId: lobby)\n";
        let (line, lines) = join(log).unwrap();
        assert_eq!(lines, 2);
        assert!(line.contains("lobby"));
    }

    #[test]
    fn a_cut_first_or_last_line_of_the_window_is_not_read() {
        let text = "joinChannel channelId=a\ntoken 007eJxTYBC0\n";
        let at = text.find("007e").unwrap();
        assert_eq!(join_in(text.as_bytes(), at, false, true), None);
        assert!(join_in(text.as_bytes(), at, true, true).is_some());
    }
}
