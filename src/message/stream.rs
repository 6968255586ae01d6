//! [`scan_reader`]: [`scan`](fn@super::scan) over a stream of any size, in bounded memory.

use std::io::{self, Read};

use super::{Found, scan};

/// Bytes asked of the reader at a time.
const READ: usize = 1 << 20;

/// The longest line held whole: a longer one is scanned in parts of this size.
pub(crate) const MAX_LINE: usize = 8 << 20;

/// Every token error, token event and access token in a stream (a log file of any size,
/// standard input, a decompressor), handed to `each` as it is found: the same findings, with
/// the same lines, columns and byte offsets (counted from the stream's start), as
/// [`scan`](fn@scan) over the whole input at once, whatever sizes the reader returns its bytes
/// in. Returns the number of bytes read.
///
/// Memory stays bounded whatever the input's size: the lines read but not yet scanned, at most
/// a line of 8 MiB and one read of 1 MiB. A line longer than 8 MiB is scanned in parts of that
/// size (an error written across a part's end is not seen; nothing is skipped). A finding's
/// token and its [`error_match`](Found::error_match) text borrow the part being scanned, so they are
/// read inside `each`. Read errors other than [`io::ErrorKind::Interrupted`] stop the scan and
/// are returned, with everything before them already handed over.
///
/// ```
/// use agora_token_errors::{TokenError, scan_reader};
///
/// let log: &[u8] = b"12:00:01 I/App: joined\n12:00:03 E/App: onError: err 109, msg:\n";
/// let mut errors = Vec::new();
/// let read = scan_reader(log, |f| errors.extend(f.error().map(|e| (f.line(), e))))?;
/// assert_eq!(read, log.len() as u64);
/// assert_eq!(errors, [(2, TokenError::TokenExpired)]);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn scan_reader<R: Read>(mut reader: R, mut each: impl FnMut(Found<'_>)) -> io::Result<u64> {
    let mut buf = vec![0u8; READ];
    // `buf[start..len]` is read and not yet scanned; `at` and `lines` are where `buf[start]`
    // stands in the stream, in bytes and in line breaks before it.
    let (mut start, mut len) = (0usize, 0usize);
    let (mut at, mut lines) = (0usize, 0usize);
    // Bytes of `buf[start]`'s line before it (a line over `MAX_LINE` is scanned in parts).
    let mut columns = 0usize;
    loop {
        if len == buf.len() {
            if start > 0 {
                buf.copy_within(start..len, 0);
                len -= start;
                start = 0;
            } else {
                // A line longer than what is held so far: room for one more read.
                buf.resize(len + READ, 0);
            }
        }
        let n = loop {
            match reader.read(&mut buf[len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        len += n;
        let end = n == 0;
        // Whole lines are scanned; the rest waits for its line break, unless the stream has
        // ended or the line outgrew what is held whole.
        let cut = if end {
            len
        } else {
            match memchr::memrchr(b'\n', &buf[len - n..len]) {
                Some(i) => len - n + i + 1,
                None if len - start >= MAX_LINE => len,
                None => continue,
            }
        };
        let part = &buf[start..cut];
        // The line breaks before the last finding's line are counted by the scan already: only
        // the rest of the part is counted again.
        let mut counted = (0, 0);
        for mut found in scan(part) {
            counted = (found.line() - 1, found.span().start + 1 - found.column());
            found.shift(at, lines, columns);
            each(found);
        }
        lines += counted.0 + memchr::memchr_iter(b'\n', &part[counted.1..]).count();
        columns = match memchr::memrchr(b'\n', part) {
            Some(i) => part.len() - i - 1,
            None => columns + part.len(),
        };
        at += cut - start;
        start = cut;
        if end {
            return Ok(at as u64);
        }
    }
}
