//! `scan` over Agora SDKs' own log files (`tests/fixtures/sdk-logs/`): real excerpts of the native
//! SDK's `agorasdk.log`, the wrappers' logs (Unity, Flutter, React Native, Electron), the Web
//! SDK's console and RTM and Chat logs, each with the lines a support engineer would mark
//! (`NN-name.expect`: line, error, event). Every marked line must be found with its error or
//! event, and nothing on any other line.
#![cfg(all(feature = "messages", feature = "token"))]

use std::collections::BTreeMap;

use agora_token_errors::{TokenError, TokenEvent, scan};

/// What a line is marked with: its token error and its token event, either may be absent.
type Mark = (Option<TokenError>, Option<TokenEvent>);

/// Each excerpt's name, its text and its marked lines.
fn excerpts() -> Vec<(String, String, BTreeMap<usize, Mark>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sdk-logs");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|log| {
            let raw = std::fs::read(&log).unwrap();
            let text = String::from_utf8_lossy(&raw).into_owned();
            let expect = std::fs::read_to_string(log.with_extension("expect")).unwrap_or_default();
            let marks = expect
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| {
                    let cells: Vec<&str> = l.split('\t').collect();
                    let line = cells[0].trim().parse().unwrap();
                    let error = (cells[1] != "-").then(|| cells[1].parse().unwrap());
                    let event = (cells[2] != "-").then(|| cells[2].parse().unwrap());
                    (line, (error, event))
                })
                .collect();
            let name = log.file_name().unwrap().to_string_lossy().into_owned();
            (name, text, marks)
        })
        .collect()
}

#[test]
fn marked_lines_of_real_sdk_logs_are_found_and_no_other_line_is() {
    let excerpts = excerpts();
    let enough = excerpts.len() >= 15;
    let (mut marked, mut found, mut others, mut alarms) = (0, 0, 0, Vec::new());
    let mut missed = Vec::new();
    for (name, text, marks) in &excerpts {
        let mut seen: BTreeMap<usize, Mark> = BTreeMap::new();
        for f in scan(text.as_bytes()) {
            let mark = seen.entry(f.line()).or_default();
            mark.0 = mark.0.or(f.error());
            mark.1 = mark.1.or(f.event());
            if let (Some(got), Some(&(Some(want), _))) = (f.error(), marks.get(&f.line())) {
                if got != want {
                    alarms.push(format!("{name}:{}: {want:?} read as {got:?}", f.line()));
                }
            }
        }
        let lines = text.lines().count();
        for (line, &(error, event)) in marks {
            assert!(*line <= lines, "{name}: line {line} of {lines}");
            marked += 1;
            let got = seen.get(line).copied().unwrap_or_default();
            let ok =
                error.is_none_or(|e| got.0 == Some(e)) && event.is_none_or(|e| got.1 == Some(e));
            if ok {
                found += 1;
            } else {
                let at = text.lines().nth(line - 1).unwrap_or("");
                missed.push(format!(
                    "{name}:{line}: want {error:?} {event:?}, got {got:?}: {at}"
                ));
            }
        }
        others += lines - marks.len();
        for (line, got) in &seen {
            if !marks.contains_key(line) && (got.0.is_some() || got.1.is_some()) {
                let at = text.lines().nth(line - 1).unwrap_or("");
                alarms.push(format!("{name}:{line}: {got:?} on an unmarked line: {at}"));
            }
        }
    }
    println!(
        "SDK logs ({} excerpts): recognised {found} of {marked} marked lines ({}.{}%), false alarms {} of {others} other lines",
        excerpts.len(),
        found * 100 / marked.max(1),
        found * 1000 / marked.max(1) % 10,
        alarms.len()
    );
    for m in &missed {
        println!("  missed: {m}");
    }
    for a in &alarms {
        println!("  alarm: {a}");
    }
    assert!(enough, "{} excerpts", excerpts.len());
    assert_eq!(alarms, Vec::<String>::new(), "false alarms or wrong labels");
    assert!(marked >= 56, "{marked} marked lines");
    assert!(found * 100 >= marked * 95, "recall below 95%");
}
