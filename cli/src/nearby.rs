//! A token and the join it was used for, a few lines apart: apps log the token they fetched on
//! one line and `joinChannel(channelId: ..., uid: ...)` on the next. The scan streams, so the
//! input is read through a [`Tap`] that keeps its last bytes; a token whose own line names no
//! join waits until the lines after it have been read, then the lines around it are searched
//! for the nearest join (at most [`REACH`] lines away, never one that carries a token of its
//! own, which is judged on its own line).

use std::io::{self, Read};
use std::sync::{Arc, Mutex, PoisonError};

/// How many lines away a join is looked for, before and after the token's line.
pub(crate) const REACH: isize = 5;

/// Bytes read around a token for its join, each way.
const AROUND: usize = 4096;

/// Bytes the tap keeps: what the scan may read ahead of the finding it is handing over (a read of
/// 1 MiB and a buffer), and the lines around it.
const KEPT: usize = 3 << 20;

/// What the tap and the scan's handler share.
#[derive(Default)]
pub(crate) struct Nearby {
    /// The last [`KEPT`] bytes read, as a ring: byte `n` of the input is at `n % KEPT`.
    kept: Vec<u8>,
    /// How many bytes have been read.
    read: usize,
    /// Tokens waiting for their join: the summary's index and the byte offset of the token.
    waiting: Vec<(usize, usize)>,
    /// Joins found: the summary's index, the join's line and how many lines away it is.
    found: Vec<(usize, String, isize)>,
}

impl Nearby {
    /// A token at byte `at` waits for the lines around it.
    pub(crate) fn wait(&mut self, index: usize, at: usize) {
        self.waiting.push((index, at));
    }

    /// At the input's end: looks for the joins of the tokens still waiting, and hands over
    /// every join found.
    pub(crate) fn take(&mut self) -> Vec<(usize, String, isize)> {
        self.settle(true);
        std::mem::take(&mut self.found)
    }

    fn settle(&mut self, end: bool) {
        let mut i = 0;
        while i < self.waiting.len() {
            let (index, at) = self.waiting[i];
            if !end && at + AROUND > self.read {
                i += 1;
                continue;
            }
            self.waiting.swap_remove(i);
            if let Some((line, lines)) = self.join_around(at) {
                self.found.push((index, line, lines));
            }
        }
    }

    /// Keeps `bytes`, read after everything before: each byte is copied once.
    fn keep(&mut self, mut bytes: &[u8]) {
        if bytes.len() > KEPT {
            self.read += bytes.len() - KEPT;
            bytes = &bytes[bytes.len() - KEPT..];
        }
        // The ring grows as the input does, up to its size: a small file keeps only itself.
        if self.kept.len() < KEPT {
            let grow = bytes.len().min(KEPT - self.kept.len());
            self.kept.extend_from_slice(&bytes[..grow]);
            self.read += grow;
            bytes = &bytes[grow..];
            if bytes.is_empty() {
                return self.settled();
            }
        }
        let at = self.read % KEPT;
        let first = bytes.len().min(KEPT - at);
        self.kept[at..at + first].copy_from_slice(&bytes[..first]);
        self.kept[..bytes.len() - first].copy_from_slice(&bytes[first..]);
        self.read += bytes.len();
        self.settled();
    }

    /// Before their lines are written over: the tokens whose following lines are in.
    fn settled(&mut self) {
        if !self.waiting.is_empty() {
            self.settle(false);
        }
    }

    /// Bytes `from..to` of the input, if they are still kept.
    fn bytes(&self, from: usize, to: usize) -> Option<Vec<u8>> {
        if from + KEPT < self.read || to > self.read || from > to {
            return None;
        }
        Some((from..to).map(|n| self.kept[n % KEPT]).collect())
    }

    /// The nearest line to byte `at`'s that joins a channel, and how many lines away it is.
    fn join_around(&self, at: usize) -> Option<(String, isize)> {
        let oldest = self.read.saturating_sub(KEPT);
        let from = at.saturating_sub(AROUND).max(oldest);
        let to = (at + AROUND).min(self.read);
        let window = self.bytes(from, to)?;
        let text = String::from_utf8_lossy(&window);
        let own = text
            .get(..at - from)
            .map_or(0, |before| before.matches('\n').count());
        let lines: Vec<&str> = text.split('\n').collect();
        // The first and last lines of the window may be cut: not read.
        let usable = |i: usize| (from == 0 || i > 0) && (to == self.read || i + 1 < lines.len());
        (1..=REACH)
            .flat_map(|d| [-d, d])
            .filter_map(|d| Some((own.checked_add_signed(d)?, d)))
            .filter(|&(i, _)| i < lines.len() && usable(i))
            .find(|&(i, _)| is_join(lines[i]))
            .map(|(i, d)| (lines[i].chars().take(1024).collect(), d))
    }
}

/// Whether a line is a join call that names its channel and carries no token of its own.
fn is_join(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    (lower.contains("join") || line.contains("加入频道"))
        && ["channelid", "channelname", "channel"]
            .iter()
            .any(|k| lower.contains(k))
        && agora_token_errors::scan(line.as_bytes()).all(|f| f.token().is_none())
}

/// A reader that keeps what it reads in [`Nearby`].
pub(crate) struct Tap<R> {
    pub(crate) inner: R,
    pub(crate) shared: Arc<Mutex<Nearby>>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.shared
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .keep(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::Nearby;

    fn joins(text: &str, at: usize) -> Vec<(usize, String, isize)> {
        let mut n = Nearby::default();
        n.keep(text.as_bytes());
        n.wait(0, at);
        n.take()
    }

    #[test]
    fn the_nearest_join_line_is_found_either_way() {
        let log =
            "12:00:01 token fetched: 007eJxTYBC0\n12:00:02 joinChannel(channelId: lobby, uid: 7)\n";
        let found = joins(log, log.find("007e").unwrap());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, 1);
        assert!(found[0].1.contains("lobby"));
        let log = "joinChannel channelId=a uid=1\nother\nother\ntoken=007eJxTYBC0\n";
        assert_eq!(joins(log, log.find("007e").unwrap())[0].2, -3);
    }

    #[test]
    fn a_join_is_found_after_the_ring_has_wrapped() {
        let mut log = "x\n".repeat(2 << 20);
        let at = log.len() + "token ".len();
        log.push_str("token 007eJxTYBC0\njoinChannel channelId=late uid=3\n");
        log.push_str(&"y\n".repeat(1 << 20));
        let mut n = Nearby::default();
        for (i, chunk) in log.as_bytes().chunks(100_003).enumerate() {
            n.keep(chunk);
            if i == 42 {
                n.wait(0, at);
            }
        }
        let found = n.take();
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("late"), "{found:?}");
        assert_eq!(found[0].2, 1);
    }

    #[test]
    fn a_join_too_far_or_without_a_channel_is_not_taken() {
        let far = format!(
            "joinChannel channelId=a\n{}token 007eJxTYBC0\n",
            "x\n".repeat(6)
        );
        assert!(joins(&far, far.find("007e").unwrap()).is_empty());
        let log = "token 007eJxTYBC0\njoin failed\n";
        assert!(joins(log, log.find("007e").unwrap()).is_empty());
    }
}
