//! `scan FILE`: every token error, token event and access token in a log, one line each.

use std::fmt::Write as _;
use std::path::Path;

use agora_token_errors::scan;
use serde_json::json;

use super::{Answer, Args, Failure, MAX_INPUT};

pub(crate) fn run(file: &Path, _args: &Args) -> Result<Answer, Failure> {
    let mut log = Vec::new();
    let read = if file.as_os_str() == "-" {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin(), MAX_INPUT),
            &mut log,
        )
    } else {
        std::fs::File::open(file).and_then(|f| {
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_INPUT), &mut log)
        })
    };
    read.map_err(|e| Failure::Usage(format!("{}: {e}", file.display())))?;
    let mut text = String::new();
    let mut found = Vec::new();
    for f in scan(&log) {
        // The library's JSON shows a token by its head only; the text line shows the same.
        let value = serde_json::to_value(&f).unwrap_or_default();
        let what = match (f.error(), f.event(), f.token()) {
            (Some(e), Some(ev), _) => format!("{} ({})", e.as_str(), ev.as_str()),
            (Some(e), None, _) => e.as_str().to_owned(),
            (None, Some(ev), _) => format!("event {}", ev.as_str()),
            (None, None, Some(t)) => {
                let head = value["token"].as_str().unwrap_or("...");
                format!("token {head} ({} bytes)", t.len())
            }
            (None, None, None) => continue,
        };
        let shown = String::from_utf8_lossy(&log[f.span()]);
        let shown = if f.token().is_some() {
            String::new()
        } else {
            format!(": {}", shown.chars().take(120).collect::<String>())
        };
        writeln!(text, "{}:{}: {what}{shown}", f.line(), f.span().start).unwrap();
        found.push(value);
    }
    let any = found
        .iter()
        .any(|f| f.get("error").is_some() || f.get("event").is_some());
    Ok(Answer {
        text,
        json: json!({ "kind": "scan", "file": file.display().to_string(), "found": found }),
        found: any,
        check: false,
    })
}
