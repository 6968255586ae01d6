//! `scan`'s summary holds a token against the join it was used for, on its own line or a few
//! lines away (apps log the token they fetched, then call `joinChannel`).

use std::process::Command;

use agora_token_errors::token::{Role, Token, User};

fn summary(log: &str, name: &str) -> serde_json::Value {
    summary_of(log.as_bytes(), log, name, "app.log")
}

/// The summary of `bytes` (the log `log`, maybe compressed) written as `file`.
fn summary_of(bytes: &[u8], log: &str, name: &str, file: &str) -> serde_json::Value {
    let dir = std::env::temp_dir().join(format!(
        "agora-token-errors-join-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_agora-token-errors"))
        .args(["scan", "--json", path.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains(&log[log.find("007").unwrap()..][..40]),
        "a token shown whole"
    );
    serde_json::from_str(text.lines().last().unwrap()).unwrap()
}

fn token() -> String {
    Token::builder(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .issued_at(1_780_000_000)
    .expire_in(3600)
    .rtc("room-7", User::Uid(42), Role::Publisher)
    .build()
    .unwrap()
}

#[test]
fn a_token_is_held_against_the_join_a_few_lines_below_it() {
    let log = format!(
        "2026-05-28 20:26:41 fetched token {}\n2026-05-28 20:26:41 starting\n\
         2026-05-28 20:26:42 joinChannel(channelId: room-8, uid: 42)\n\
         2026-05-28 20:26:43 onError: err 110, msg:\n",
        token()
    );
    let s = summary(&log, "below");
    let join = &s["total"]["tokens"][0]["join"];
    assert_eq!(join["channel"], "room-8", "{s}");
    assert_eq!(join["place"], "2 lines below");
    assert_eq!(join["finding"], "channel_mismatch");
    assert_eq!(join["error"], "invalid_token");
}

#[test]
fn a_join_above_is_found_and_a_good_one_says_so() {
    let log = format!(
        "joinChannel channelId=room-7 uid=42\nrenewing\ntoken={}\n",
        token()
    );
    let s = summary(&log, "above");
    let join = &s["total"]["tokens"][0]["join"];
    assert_eq!(join["place"], "2 lines above", "{s}");
    assert_eq!(join["join_looks_right"], true);
}

#[test]
fn no_join_within_reach_leaves_the_token_alone() {
    let log = format!(
        "joinChannel channelId=room-8 uid=42\n{}token={}\n",
        "noise\n".repeat(6),
        token()
    );
    let s = summary(&log, "far");
    assert!(s["total"]["tokens"][0].get("join").is_none(), "{s}");
}

#[test]
fn a_gzipped_log_is_read_again_for_the_join_beside_a_token_deep_in_it() {
    use std::io::Write as _;
    let log = format!(
        "{}fetched token {}\nstarting\njoinChannel(channelId: room-9, uid: 42)\n{}",
        "12:00:00 I/App: heartbeat ok\n".repeat(20_000),
        token(),
        "12:00:01 I/App: heartbeat ok\n".repeat(5_000),
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(log.as_bytes()).unwrap();
    let s = summary_of(&gz.finish().unwrap(), &log, "gz", "app.log.gz");
    let join = &s["total"]["tokens"][0]["join"];
    assert_eq!(join["channel"], "room-9", "{s}");
    assert_eq!(join["place"], "2 lines below");
    assert_eq!(join["finding"], "channel_mismatch");
}

#[test]
fn standard_input_pairs_a_token_with_the_join_on_its_own_line_only() {
    use std::io::Write as _;
    use std::process::Stdio;
    let log = format!(
        "fetched token {}\njoinChannel(channelId: room-9, uid: 42)\n",
        token()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_agora-token-errors"))
        .args(["scan", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(log.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let s: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert!(s["total"]["tokens"][0].get("join").is_none(), "{s}");
}
