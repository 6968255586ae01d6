//! What `scan` reads: the files under the paths given (directories recursively, in name order),
//! or standard input, each opened as a reader that undoes gzip and UTF-16 as it reads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input to scan.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// How the input is named in the output.
    pub(crate) fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_owned(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Its size on disk, when known (for the progress bar).
    pub(crate) fn len(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
        }
    }

    /// The input opened, decoded: a gzip stream is inflated (by its magic bytes, whatever its
    /// name), and UTF-16 text (by its byte order mark, or by the zero bytes of ASCII text in it)
    /// is read as UTF-8. `counted` is told the bytes taken from the disk or pipe as they are read.
    pub(crate) fn open<'a>(
        &self,
        counted: impl FnMut(usize) + Send + 'a,
    ) -> io::Result<Box<dyn Read + Send + 'a>> {
        let raw: Box<dyn Read + Send> = match self {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(p) => Box::new(File::open(p)?),
        };
        let mut raw = BufReader::with_capacity(
            1 << 16,
            Counting {
                inner: raw,
                counted,
            },
        );
        let head = raw.fill_buf()?;
        if head.starts_with(&[0x1f, 0x8b]) {
            let inflated = flate2::bufread::MultiGzDecoder::new(raw);
            return utf16_or_not(BufReader::with_capacity(1 << 16, inflated));
        }
        utf16_or_not(raw)
    }
}

impl Source {
    /// The file itself when it is read as it is (neither gzip nor UTF-16), so that a place in
    /// it can be read again by seeking; `None` for standard input and transformed files.
    pub(crate) fn plain(&self) -> Option<File> {
        let Source::File(p) = self else {
            return None;
        };
        let mut file = File::open(p).ok()?;
        let mut head = Vec::with_capacity(128);
        (&mut file).take(128).read_to_end(&mut head).ok()?;
        let transformed = head.starts_with(&[0x1f, 0x8b])
            || head.starts_with(&[0xff, 0xfe])
            || head.starts_with(&[0xfe, 0xff])
            || utf16_without_mark(&head).is_some();
        (!transformed).then_some(file)
    }
}

/// `reader` as UTF-8: UTF-16 text transcoded, anything else as it is.
fn utf16_or_not<'a, R: BufRead + Send + 'a>(
    mut reader: R,
) -> io::Result<Box<dyn Read + Send + 'a>> {
    let head = reader.fill_buf()?;
    let order = match head {
        [0xff, 0xfe, ..] => Some(Order::Little),
        [0xfe, 0xff, ..] => Some(Order::Big),
        _ => utf16_without_mark(head),
    };
    match order {
        Some(order) => Ok(Box::new(Utf16 {
            inner: reader,
            order,
            pending: Vec::new(),
            carry: Vec::new(),
            start: true,
        })),
        None => Ok(Box::new(reader)),
    }
}

/// UTF-16 without a byte order mark, as Windows tools write logs: ASCII text has a zero byte
/// in every pair, on the same side. Taken as UTF-16 only when the first 64 pairs all do.
fn utf16_without_mark(head: &[u8]) -> Option<Order> {
    let pairs: Vec<&[u8]> = head.chunks_exact(2).take(64).collect();
    if pairs.len() < 8 {
        return None;
    }
    if pairs.iter().all(|p| p[1] == 0 && p[0] != 0) {
        Some(Order::Little)
    } else if pairs.iter().all(|p| p[0] == 0 && p[1] != 0) {
        Some(Order::Big)
    } else {
        None
    }
}

#[derive(Clone, Copy)]
enum Order {
    Little,
    Big,
}

/// UTF-16 read as UTF-8; an unpaired surrogate becomes U+FFFD.
struct Utf16<R> {
    inner: R,
    order: Order,
    /// UTF-8 decoded and not yet handed out.
    pending: Vec<u8>,
    /// Bytes read that do not make a whole character yet.
    carry: Vec<u8>,
    /// Before the first character (a byte order mark there is dropped).
    start: bool,
}

impl<R: BufRead> Read for Utf16<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pending.is_empty() {
            let bytes = self.inner.fill_buf()?;
            if bytes.is_empty() {
                if self.carry.is_empty() {
                    return Ok(0);
                }
                // The input ended inside a character.
                self.carry.clear();
                self.pending
                    .extend_from_slice(char::REPLACEMENT_CHARACTER.to_string().as_bytes());
                break;
            }
            let mut data = std::mem::take(&mut self.carry);
            data.extend_from_slice(bytes);
            let taken = bytes.len();
            self.inner.consume(taken);
            // Whole units only, and a high surrogate at the end waits for its pair.
            let mut n = data.len() & !1;
            if n >= 2 && (0xd800..0xdc00).contains(&self.unit(&data[n - 2..n])) {
                n -= 2;
            }
            self.carry = data.split_off(n);
            self.decode(&data);
        }
        let n = out.len().min(self.pending.len());
        out[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

impl<R> Utf16<R> {
    fn unit(&self, pair: &[u8]) -> u16 {
        match self.order {
            Order::Little => u16::from_le_bytes([pair[0], pair[1]]),
            Order::Big => u16::from_be_bytes([pair[0], pair[1]]),
        }
    }

    fn decode(&mut self, bytes: &[u8]) {
        let order = self.order;
        let units = bytes.chunks_exact(2).map(|p| match order {
            Order::Little => u16::from_le_bytes([p[0], p[1]]),
            Order::Big => u16::from_be_bytes([p[0], p[1]]),
        });
        let mut text = String::new();
        for c in char::decode_utf16(units) {
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            if self.start {
                self.start = false;
                if c == '\u{feff}' {
                    continue;
                }
            }
            text.push(c);
        }
        self.pending.extend_from_slice(text.as_bytes());
    }
}

/// A reader that says how many bytes it has read.
struct Counting<R, F> {
    inner: R,
    counted: F,
}

impl<R: Read, F: FnMut(usize)> Read for Counting<R, F> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        (self.counted)(n);
        Ok(n)
    }
}

/// The inputs the paths name: `-` is standard input; a directory is every file under it, in
/// name order, its symbolic links to directories not followed. No path at all is standard input.
pub(crate) fn sources(paths: &[PathBuf]) -> (Vec<Source>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        out.push(Source::Stdin);
    }
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out, &mut errors);
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    (out, errors)
}

fn walk(dir: &Path, out: &mut Vec<Source>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, errors),
            Ok(m) if m.is_file() || (m.file_type().is_symlink() && p.is_file()) => {
                out.push(Source::File(p));
            }
            Ok(_) => {}
            Err(e) => errors.push(format!("{}: {e}", p.display())),
        }
    }
}
