//! Every token error and token event in a log file, with its line.
//!
//! ```sh
//! cargo run --example scan_log -- agorasdk.log
//! ```

use std::io::Write as _;

use agora_token_errors::scan;

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: scan_log FILE");
        std::process::exit(2);
    };
    let log = std::fs::read(path)?;
    let mut out = std::io::stdout().lock();
    for found in scan(&log) {
        match (found.error(), found.event()) {
            (Some(e), _) => writeln!(out, "line {}: {e}: {}", found.line(), e.remediation())?,
            (None, Some(ev)) => writeln!(out, "line {}: {ev}", found.line())?,
            (None, None) => {}
        }
    }
    Ok(())
}
