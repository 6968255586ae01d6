//! `scan PATH...`: every token error, token event and access token in logs of any size, one
//! line each as it is found, then a summary. Files are scanned in parallel on all cores and
//! printed whole, one after another, in the order given (a directory's files in name order).
//!
//! Memory stays bounded: each file is read as a stream (`scan_reader`), and a file's lines wait
//! in a queue of [`QUEUE`] lines until the files before it are printed.

use std::fmt::Write as _;
use std::io::{self, IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Duration;

use agora_token_errors::{Found, scan_reader};
use serde_json::json;

use crate::input::{Source, sources};
use crate::nearby;
use crate::summary::Summary;
use crate::terminal::Style;

/// Batches of output a file may have waiting while the files before it are printed.
const QUEUE: usize = 16;

/// Bytes of output lines sent to the printer at once.
const BATCH: usize = 64 << 10;

/// Inputs this large in all (bytes) get a progress bar on a terminal.
const PROGRESS_FROM: u64 = 8 << 20;

/// What a worker sends the printer about one input.
enum Message {
    Lines(String),
    Done(Summary, Result<(), String>),
}

/// How the findings are printed.
#[derive(Clone, Copy)]
struct Shape {
    json: bool,
    summary_only: bool,
    /// Several inputs: each line starts with its file's name.
    named: bool,
    style: Style,
}

pub(crate) fn run(paths: &[PathBuf], summary_only: bool, json: bool, style: Style) -> ExitCode {
    let (sources, mut failed) = sources(paths);
    let named = sources.len() > 1 || paths.iter().any(|p| p.is_dir());
    let shape = Shape {
        json,
        summary_only,
        named,
        style,
    };
    let total_len: u64 = sources.iter().filter_map(Source::len).sum();
    let read = AtomicU64::new(0);
    let done = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    let (senders, receivers): (Vec<SyncSender<Message>>, Vec<Receiver<Message>>) =
        sources.iter().map(|_| sync_channel(QUEUE)).unzip();
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(sources.len())
        .max(1);
    let mut total = Summary::default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(i) else { break };
                    scan_one(source, &senders[i], shape, &read);
                }
            });
        }
        if std::io::stderr().is_terminal() && total_len >= PROGRESS_FROM {
            s.spawn(|| progress(&read, total_len, &done));
        }
        for (source, rx) in sources.iter().zip(&receivers) {
            let name = source.name();
            for message in rx {
                match message {
                    Message::Lines(line) => {
                        // A closed pipe (`| head`) ends the output, not the scan's meaning.
                        let _ = out.write_all(line.as_bytes());
                    }
                    Message::Done(summary, result) => {
                        if let Err(e) = result {
                            failed.push(format!("{name}: {e}"));
                        }
                        if shape.named && !json && summary.found() {
                            let _ = out.write_all(
                                summary.markdown(&format!("Summary: {name}")).as_bytes(),
                            );
                        }
                        total.merge(&summary, &name);
                        break;
                    }
                }
            }
        }
        done.store(true, Ordering::Relaxed);
    });
    if json {
        let summary = json!({ "kind": "summary", "files": sources.len(), "errors": failed, "total": total.json() });
        let _ = writeln!(out, "{summary}");
    } else {
        let title = if shape.named {
            "Summary: all files"
        } else {
            "Summary"
        };
        let _ = out.write_all(total.markdown(title).as_bytes());
    }
    let _ = out.flush();
    for f in &failed {
        eprintln!("agora-token-errors: {f}");
    }
    if !failed.is_empty() {
        ExitCode::from(2)
    } else if total.found() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Scans one input, sending each finding's line as it is found, then its summary.
fn scan_one(source: &Source, tx: &SyncSender<Message>, shape: Shape, read: &AtomicU64) {
    let name = source.name();
    let mut summary = Summary::default();
    let count = |n: usize| {
        read.fetch_add(n as u64, Ordering::Relaxed);
    };
    let mut batch = String::new();
    let result = source.open(count).and_then(|reader| {
        scan_reader(reader, |f| {
            summary.add(&f);
            if !shape.summary_only {
                line_of(&mut batch, &f, &name, shape);
                if batch.len() >= BATCH {
                    // A closed receiver means the printer has stopped; nothing more to send.
                    let _ = tx.send(Message::Lines(std::mem::take(&mut batch)));
                }
            }
        })
    });
    if result.is_ok() {
        for (i, line, lines) in nearby::joins(source, &summary.waiting()) {
            summary.join_nearby(i, &line, lines);
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Message::Lines(batch));
    }
    let result = match result {
        Ok(bytes) => {
            summary.bytes = bytes;
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    };
    let _ = tx.send(Message::Done(summary, result));
}

/// One finding as a line, `FILE:LINE:COLUMN: what: text` or one JSON object, added to `out`.
fn line_of(out: &mut String, f: &Found<'_>, name: &str, shape: Shape) {
    if shape.json {
        let mut v = serde_json::to_value(f).unwrap_or_default();
        v["kind"] = json!("found");
        v["file"] = json!(name);
        let _ = writeln!(out, "{v}");
        return;
    }
    let style = shape.style;
    // Without colour (piped, as a support engineer's scan of a big log mostly is) the line is
    // written straight into the batch: no string per part of it.
    if style.hit("").is_empty() {
        if shape.named {
            let _ = write!(out, "{name}:");
        }
        let _ = write!(out, "{}:{}: ", f.line(), f.column());
        what(out, f);
        if f.token().is_none() {
            out.push_str(": ");
            out.push_str(first_chars(f.text(), 120));
        }
        out.push('\n');
        return;
    }
    let mut what_text = String::new();
    what(&mut what_text, f);
    let shown = if f.token().is_some() {
        String::new()
    } else {
        format!(": {}", style.hit(first_chars(f.text(), 120)))
    };
    let file = if shape.named {
        format!("{}:", style.path(name))
    } else {
        String::new()
    };
    let place = style.line_number(&format!("{}:{}", f.line(), f.column()));
    let _ = writeln!(out, "{file}{place}: {what_text}{shown}");
}

/// What a finding is (`invalid_token (will_expire)`, `event will_expire`, `token 007eJxTY...
/// (139 bytes)`), added to `out`.
fn what(out: &mut String, f: &Found<'_>) {
    match (f.error(), f.event(), f.token()) {
        (Some(e), Some(ev), _) => {
            let _ = write!(out, "{} ({})", e.as_str(), ev.as_str());
        }
        (Some(e), None, _) => out.push_str(e.as_str()),
        (None, Some(ev), _) => {
            let _ = write!(out, "event {}", ev.as_str());
        }
        (None, None, Some(t)) => {
            let _ = write!(out, "token {} ({} bytes)", crate::summary::head(t), t.len());
        }
        (None, None, None) => {}
    }
}

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    // No more bytes than `n`, no more characters: nothing to count.
    if text.len() <= n {
        return text;
    }
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// A progress bar on standard error, redrawn until `done`.
fn progress(read: &AtomicU64, total: u64, done: &AtomicBool) {
    let mut err = io::stderr();
    while !done.load(Ordering::Relaxed) {
        let n = read.load(Ordering::Relaxed).min(total);
        let filled = usize::try_from(n * 30 / total.max(1)).unwrap_or(30);
        let _ = write!(
            err,
            "\r[{}{}] {} of {} MiB",
            "#".repeat(filled),
            " ".repeat(30 - filled),
            n >> 20,
            total >> 20
        );
        let _ = err.flush();
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = write!(err, "\r{}\r", " ".repeat(60));
}
