//! On a terminal and off it: colour and the progress bar only where a person is reading, never
//! when piped or with `NO_COLOR`. The terminal is a pseudo-terminal made by util-linux's
//! `script`, which runs the tool with standard output and standard error on it.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_agora-token-errors");

/// A log in the test's own temporary directory: `size` bytes of ordinary lines, then an error.
fn log(name: &str, size: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "agora-token-errors-terminal-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let line = "12:00:01.123 I/App: frame rendered, nothing to report here at all\n";
    let mut text = line.repeat(size / line.len());
    text.push_str("12:00:02.000 E/App: onError: err 110, msg: \n");
    std::fs::write(&path, text).unwrap();
    path
}

/// The tool's output as a terminal shows it (standard output and standard error together), or
/// `None` where `script` is not installed.
fn on_terminal(args: &[&str], path: &Path, no_color: bool) -> Option<String> {
    let command = format!("{BIN} {} {}", args.join(" "), path.display());
    let mut script = Command::new("script");
    script.args(["-qec", &command, "/dev/null"]);
    script.env_remove("NO_COLOR");
    if no_color {
        script.env("NO_COLOR", "1");
    }
    let out = script.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn piped(args: &[&str], path: &Path) -> (String, String) {
    let out = Command::new(BIN)
        .args(args)
        .arg(path)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ESC: &str = "\x1b[";

#[test]
fn findings_are_coloured_on_a_terminal_and_plain_when_piped_or_with_no_color() {
    let path = log("small.log", 4096);
    let Some(coloured) = on_terminal(&["scan"], &path, false) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert!(coloured.contains("110"), "{coloured}");
    // The line number in green and the matched text in bold red, as ripgrep colours them.
    assert!(coloured.contains("\x1b[32m"), "{coloured:?}");
    assert!(coloured.contains("\x1b[1;31m"), "{coloured:?}");

    let plain = on_terminal(&["scan"], &path, true).unwrap();
    assert!(plain.contains("110") && !plain.contains(ESC), "{plain:?}");

    let (out, err) = piped(&["scan"], &path);
    assert!(out.contains("110") && !out.contains(ESC), "{out:?}");
    assert!(!err.contains(ESC), "{err:?}");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_large_input_gets_a_progress_bar_on_a_terminal_only() {
    // Over the 8 MiB from which the bar is drawn; the test's debug build reads it slowly enough
    // for the first drawing.
    let path = log("large.log", 9 << 20);
    let Some(shown) = on_terminal(&["scan"], &path, false) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert!(shown.contains("\r["), "{}", &shown[..shown.len().min(400)]);
    assert!(
        shown.contains(" of 9 MiB"),
        "{}",
        &shown[..shown.len().min(400)]
    );
    assert!(shown.contains("110"));

    let (out, err) = piped(&["scan"], &path);
    assert!(out.contains("110"), "{out}");
    assert!(
        !err.contains("MiB") && !out.contains(" of 9 MiB"),
        "{err:?}"
    );
    std::fs::remove_file(&path).unwrap();
}
