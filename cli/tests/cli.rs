//! The command-line tool, run as a user runs it: its answers, its JSON and its exit statuses
//! (0 found, 1 none found, 2 a usage error) in every mode.

use std::io::Write as _;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_agora-token-errors"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str], stdin: Option<&str>) -> (i32, serde_json::Value) {
    let mut with = args.to_vec();
    with.push("--json");
    let (code, out, _) = run(&with, stdin);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
    )
}

#[test]
fn a_code_is_explained_in_its_products_terms() {
    let (code, out, _) = run(&["110"], None);
    assert_eq!(code, 0, "{out}");
    // The answer first: what it is and what to do; the spellings with --verbose.
    assert!(
        out.starts_with("110 is invalid_token in native: rebuild token: "),
        "{out}"
    );
    assert!(!out.contains("AgoraErrorCodeInvalidToken"), "{out}");
    let (_, out, _) = run(&["110", "--verbose"], None);
    assert!(out.contains("AgoraErrorCodeInvalidToken"), "{out}");
    assert!(out.contains("110 in each code space:"), "{out}");
    // Negative, as native methods return it: not a flag.
    let (code, v) = json(&["-110", "--space", "native"], None);
    assert_eq!(code, 0);
    assert_eq!(v["kind"], "code");
    assert_eq!(v["errors"][0]["error"], "invalid_token");
    // Chat's 28 speaks Chat, not RTC.
    let (_, v) = json(&["28", "--space", "chat_web"], None);
    assert_eq!(v["product"], "chat", "{v}");
    assert!(
        v["errors"][0]["cause"].as_str().unwrap().contains("Chat"),
        "{v}"
    );
    // Its text too: Chat's spellings and identifier, none of RTC's SDK surfaces.
    let (_, out, _) = run(&["28", "--space", "chat_web", "--platform", "ios"], None);
    assert!(out.contains("on iOS: AgoraChatErrorInvalidToken"), "{out}");
    assert!(!out.contains("joinChannel"), "{out}");
    let (_, out, _) = run(&["28", "--space", "chat_web", "-v"], None);
    assert!(out.contains("spellings in Chat:"), "{out}");
    assert!(
        out.contains("WEBIM_CONNCTION_TOKEN_NOT_ASSIGN_ERROR"),
        "{out}"
    );
    assert!(!out.contains("ERR_INVALID_TOKEN "), "{out}");
    assert!(!out.contains("native SDKs:"), "{out}");
    // RTM 2.x's -10005 in RTM's terms.
    let (code, v) = json(&["-10005", "--product", "rtm"], None);
    assert_eq!((code, v["product"].as_str()), (0, Some("rtm")), "{v}");
    assert!(
        v["errors"][0]["cause"].as_str().unwrap().contains("RTM"),
        "{v}"
    );
    // A code that is no token error where it is read: the same report, with no errors, exit 1.
    let (code, v) = json(&["17", "--space", "native"], None);
    assert_eq!((code, v["kind"].as_str()), (1, Some("code")), "{v}");
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0), "{v}");
    assert_eq!(
        v["matched"]["readings"][0]["error"],
        serde_json::Value::Null,
        "{v}"
    );
}

#[test]
fn lang_zh_gives_causes_and_fixes_in_chinese() {
    let (code, out, _) = run(&["110", "--lang", "zh"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("怎么改") && out.contains("App Certificate"),
        "{out}"
    );
    let (_, v) = json(&["-10005", "--lang", "zh", "--product", "rtm"], None);
    assert_eq!(v["locale"], "zh");
    assert!(
        v["errors"][0]["summary"]
            .as_str()
            .unwrap()
            .contains("RTM 登录")
    );
    let first = out.lines().next().unwrap();
    assert!(
        first.contains("声网控制台"),
        "the first line speaks Chinese too: {first}"
    );
    // An RTM code's first line is about RTM's login, not RTC's channel.
    let (_, out, _) = run(&["-10009"], None);
    let first = out.lines().next().unwrap();
    assert!(
        first.contains("RTM") && !first.contains("channel"),
        "{first}"
    );
    let (code, _, err) = run(&["110", "--lang", "fr"], None);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn names_texts_and_events_are_explained() {
    let (code, v) = json(&["ERR_STATIC_USE_DYANMIC_KE"], None);
    assert_eq!((code, v["kind"].as_str()), (0, Some("name")));
    let (code, v) = json(&["-"], Some("E/agora: onError: err 109, msg:\n"));
    assert_eq!((code, v["kind"].as_str()), (0, Some("text")), "{v}");
    assert_eq!(v["errors"][0]["error"], "token_expired");
    let (code, v) = json(&["onTokenPrivilegeWillExpire"], None);
    assert_eq!((code, v["kind"].as_str()), (0, Some("event")));
    // Another vendor's line is not a token error.
    let (code, _, _) = run(&["libcurl error 110"], None);
    assert_eq!(code, 1);
}

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ate-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const LOG: &[u8] = b"12:00:00 I/App: start\n12:00:01 E/agora: onError: err 110, msg:\nlibcurl error 110\n\xff\n12:00:02 W/agora: onTokenPrivilegeWillExpire\n";

#[test]
fn a_log_is_scanned_line_by_line() {
    let dir = temp_dir("one");
    let log = dir.join("app.log");
    std::fs::write(&log, LOG).unwrap();
    let (code, out, _) = run(&["scan", log.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    // LINE:COLUMN, then the summary.
    assert_eq!(lines[0], "2:19: invalid_token: onError: err 110", "{out}");
    assert_eq!(
        lines[1], "5:19: event will_expire: onTokenPrivilegeWillExpire",
        "{out}"
    );
    assert!(
        out.contains("| error `invalid_token` | 1 | 2 | 2 |"),
        "{out}"
    );
    assert!(out.contains("| event `will_expire` | 1 | 5 | 5 |"), "{out}");
    // --json: JSON Lines, one object per finding as it is found, then the summary.
    let (_, out, _) = run(&["scan", "--json", log.to_str().unwrap()], None);
    let objects: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 3, "{out}");
    assert_eq!(objects[0]["kind"], "found");
    assert_eq!(
        (objects[0]["line"].as_u64(), objects[0]["column"].as_u64()),
        (Some(2), Some(19))
    );
    assert_eq!(objects[0]["error"], "invalid_token");
    assert_eq!(objects[2]["kind"], "summary");
    assert_eq!(objects[2]["total"]["seen"].as_array().unwrap().len(), 2);
    // --summary: the summary only.
    let (_, out, _) = run(&["scan", "--summary", log.to_str().unwrap()], None);
    assert!(out.trim_start().starts_with("## Summary"), "{out}");
    // A log with none: exit 1; a file that is not there: exit 2, and the others still read.
    std::fs::write(&log, "nothing to see\n").unwrap();
    assert_eq!(run(&["scan", log.to_str().unwrap()], None).0, 1);
    let missing = dir.join("missing.log");
    assert_eq!(run(&["scan", missing.to_str().unwrap()], None).0, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn many_files_directories_gzip_and_utf16_are_read_in_a_stable_order() {
    use std::io::Write as _;
    let dir = temp_dir("many");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.log"), LOG).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(LOG).unwrap();
    std::fs::write(dir.join("sub/b.log.gz"), gz.finish().unwrap()).unwrap();
    // UTF-16LE with its byte order mark, as Windows tools write logs.
    let text = String::from_utf8_lossy(LOG);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("sub/c.log"), utf16).unwrap();
    let (code, out, err) = run(&["scan", dir.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}{err}");
    let found: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with(dir.to_str().unwrap()))
        .collect();
    let name = |f: &str| dir.join(f).display().to_string();
    assert_eq!(
        found,
        [
            format!("{}:2:19: invalid_token: onError: err 110", name("a.log")),
            format!(
                "{}:5:19: event will_expire: onTokenPrivilegeWillExpire",
                name("a.log")
            ),
            format!(
                "{}:2:19: invalid_token: onError: err 110",
                name("sub/b.log.gz")
            ),
            format!(
                "{}:5:19: event will_expire: onTokenPrivilegeWillExpire",
                name("sub/b.log.gz")
            ),
            format!(
                "{}:2:19: invalid_token: onError: err 110",
                name("sub/c.log")
            ),
            format!(
                "{}:5:19: event will_expire: onTokenPrivilegeWillExpire",
                name("sub/c.log")
            ),
        ],
        "{out}"
    );
    assert!(out.contains("## Summary: all files"), "{out}");
    assert!(out.contains("| error `invalid_token` | 3 |"), "{out}");
    // Standard input among files: `-`.
    let (code, out, _) = run(
        &["scan", name("a.log").as_str(), "-"],
        Some("E/agora: onError: err 109, msg:\n"),
    );
    assert_eq!(code, 0);
    assert!(out.contains("<stdin>:1:10: token_expired"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_token_in_a_log_is_summarised_by_its_head_with_its_expiry_and_join() {
    use agora_token_errors::token::{Role, Token, User};
    let app = "970CA35de60c44645bbae8a215061b33";
    let built = Token::builder(app, "5CFd2fd1755d40ecb72977518be15d3b")
        .issued_at(1_702_389_000)
        .expire_in(600)
        .rtc("lobby", User::Uid(42), Role::Publisher)
        .build()
        .unwrap();
    let log = format!(
        "[2023-12-12 14:02:06.929] joinChannel token:\"{built}\", channelId:\"other\", uid:42\n"
    );
    let dir = temp_dir("token");
    std::fs::write(dir.join("t.log"), &log).unwrap();
    let (_, out, _) = run(
        &["scan", "--summary", dir.join("t.log").to_str().unwrap()],
        None,
    );
    assert!(
        !out.contains(&built[..40]),
        "the token is shown whole: {out}"
    );
    assert!(out.contains(&format!("`{}...`", &built[..12])), "{out}");
    // Issued at 13:50:00 for 10 minutes; the line is written at 14:02:06.
    assert!(out.contains("the line is 2 min after it expired"), "{out}");
    assert!(out.contains("joined channel `other`"), "{out}");
    assert!(out.contains("(invalid_token)"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_code_is_answered_on_one_screen_with_or_without_a_platform() {
    let mut answered = 0;
    for e in agora_token_errors::TokenError::ALL {
        for s in e.spellings() {
            let Some(code) = s.code() else { continue };
            let code = code.to_string();
            for platform in [None, Some("android"), Some("web")] {
                let mut args = vec![code.as_str(), "--space", s.space().as_str()];
                if let Some(p) = platform {
                    args.extend(["--platform", p]);
                }
                let (_, out, _) = run(&args, None);
                assert!(out.lines().count() <= 25, "{args:?}:\n{out}");
                answered += 1;
            }
        }
    }
    assert!(answered > 100, "{answered}");
}

#[test]
fn words_given_unquoted_are_read_as_one_text() {
    let (code, v) = json(&["onError:", "err", "110"], None);
    assert_eq!((code, v["kind"].as_str()), (0, Some("text")), "{v}");
    assert_eq!(v["errors"][0]["error"], "invalid_token");
}

#[test]
fn usage_errors_exit_2_and_help_lists_every_space() {
    assert_eq!(run(&[], None).0, 2);
    assert_eq!(run(&["--bogus"], None).0, 2);
    let (code, out, _) = run(&["--help"], None);
    assert_eq!(code, 0);
    for space in agora_token_errors::CodeSpace::ALL {
        assert!(
            out.contains(space.as_str()),
            "{space:?} missing from --help"
        );
    }
}

#[test]
fn a_token_is_diagnosed_and_its_status_says_whether_a_cause_was_found() {
    use agora_token_errors::token::{Role, Token, User};
    let app = "970CA35de60c44645bbae8a215061b33";
    let built = Token::builder(app, "5CFd2fd1755d40ecb72977518be15d3b")
        .expire_in(3600)
        .rtc("lobby", User::Uid(42), Role::Publisher)
        .build()
        .unwrap();
    let join = |channel: &'static str| {
        let (code, v) = json(
            &[
                "--token",
                &built,
                "--app-id",
                app,
                "--channel",
                channel,
                "--uid",
                "42",
            ],
            None,
        );
        assert_eq!(v["kind"], "diagnosis", "{v}");
        assert!(
            !v.to_string().contains(&built[..40]),
            "the token is shown whole"
        );
        (code, v)
    };
    // A check, as linters answer: the join it was built for is good, exit 0.
    assert_eq!(join("lobby").0, 0);
    // Another channel: an error finding, exit 1.
    let (code, v) = join("elsewhere");
    assert_eq!(code, 1, "{v}");
    assert_eq!(v["findings"][0]["kind"], "channel_mismatch");

    // `--json` is the library's `Diagnosis`, field for field, the reported error included.
    let (_, v) = json(
        &[
            "--token",
            &built,
            "--app-id",
            app,
            "--channel",
            "lobby",
            "--uid",
            "7",
            "--now",
            "1800000000",
            "110",
        ],
        None,
    );
    let join = agora_token_errors::token::JoinParams::new(app, "lobby").with_uid(7);
    let library = agora_token_errors::token::Diagnosis::of(
        &built,
        &join,
        1_800_000_000,
        Some(agora_token_errors::TokenError::InvalidToken),
    );
    assert_eq!(v, serde_json::to_value(&library).unwrap());
    assert_eq!(v["join"]["user"], 7);
    // A token alone: `kind` says so, and there is no join.
    // A token alone that decodes: exit 0; one that does not: exit 1.
    let (code, v) = json(&["--token", &built], None);
    assert_eq!((code, &v["kind"]), (0, &serde_json::json!("token")), "{v}");
    assert_eq!(json(&["--token", "007eJx..."], None).0, 1);
    assert!(v.get("join").is_none());
    assert_eq!(v["token"]["app_id"], app);
}

#[test]
fn a_refused_command_line_never_echoes_what_was_typed_after_a_flag() {
    let cert = "5CFd2fd1755d40ecb72977518be15d3b";
    let token = "007eJxTYBC0/fY9T3rj4pUSPgFGgY+OiDI5HD+i4nLEJH1BsQbDJRkFBktz";
    for args in [
        vec!["--certifcate", cert, "110"],
        vec!["--uid", token, "110"],
        vec!["--now", token, "--token", token],
        vec!["--app-id", cert, "--uid", "x", "--token", token],
    ] {
        let (code, out, err) = run(&args, None);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        for secret in [cert, &token[..13]] {
            assert!(
                !err.contains(secret) && !out.contains(secret),
                "{args:?}: {err}"
            );
        }
        assert!(err.contains("see --help"), "{err}");
    }
}

#[test]
fn standard_input_over_the_limit_is_refused_never_cut() {
    let text = "a".repeat((64 << 20) + 1);
    let (code, out, err) = run(&["-"], Some(&text));
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("more than 64 MiB"), "{err}");
    // `scan -` reads a log whole, to the error at its end, past a line longer than it holds.
    let mut log = "a".repeat(9 << 20);
    log.push_str("\nE/agora: onError: err 110, msg:\n");
    let (code, out, _) = run(&["scan", "-"], Some(&log));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("2:10: invalid_token"), "{out}");
}

#[test]
fn a_voice_agents_start_request_is_checked_and_exits_1_when_it_cannot_join() {
    use agora_token_errors::token::{Role, Token, User};
    let app = "970CA35de60c44645bbae8a215061b33";
    let token = Token::builder(app, "5CFd2fd1755d40ecb72977518be15d3b")
        .issued_at(1_780_000_000)
        .expire_in(14_400)
        .rtc("room-7", User::Uid(1001), Role::Publisher)
        .rtm("1001")
        .build()
        .unwrap();
    let dir = temp_dir("convoai");
    let file = dir.join("start.json");
    let write = |channel: &str| {
        std::fs::write(
            &file,
            format!(r#"{{"name": "a", "properties": {{"channel": "{channel}", "agent_rtc_uid": "1001", "token": "{token}", "advanced_features": {{"enable_rtm": true}}}}}}"#),
        )
        .unwrap();
    };
    let args = |auth: &'static str| {
        vec![
            "--convoai-request".to_owned(),
            file.display().to_string(),
            "--app-id".to_owned(),
            app.to_owned(),
            "--authorization".to_owned(),
            auth.to_owned(),
            "--now".to_owned(),
            "1780000060".to_owned(),
        ]
    };
    let run_with = |a: &[String]| run(&a.iter().map(String::as_str).collect::<Vec<_>>(), None);
    write("room-7");
    let (code, out, _) = run_with(&args("Basic Y3VzdG9tZXI6c2VjcmV0"));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("the agent can join"), "{out}");
    write("room-8");
    let (code, out, _) = run_with(&args("Basic Y3VzdG9tZXI6c2VjcmV0"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("the agent cannot join: the agent's token"),
        "{out}"
    );
    assert!(!out.contains(&token[..40]), "the token is shown whole");
    let mut with_json = args("Bearer nope");
    with_json.push("--json".to_owned());
    let (code, out, _) = run_with(&with_json);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (code, v["kind"].as_str(), v["can_join"].as_bool()),
        (1, Some("convoai"), Some(false))
    );
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["token"] == "authorization")
    );
    // Without the App ID it cannot be judged: a usage error.
    assert_eq!(
        run(&["--convoai-request", file.to_str().unwrap()], None).0,
        2
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_token_given_as_the_thing_to_explain_is_decoded_and_a_cut_one_is_named() {
    use agora_token_errors::token::{Role, Token, User};
    let built = Token::builder(
        "970CA35de60c44645bbae8a215061b33",
        "5CFd2fd1755d40ecb72977518be15d3b",
    )
    .expire_in(3600)
    .rtc("lobby", User::Uid(42), Role::Publisher)
    .build()
    .unwrap();
    let (code, out, _) = run(&[&built], None);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("token: 007 token for App ID"), "{out}");
    assert!(out.contains("channel \"lobby\""), "{out}");
    assert!(
        !out.contains(&built),
        "the whole token is never printed: {out}"
    );
    // The form the README and `scan` print: named as a token cut short, not as an unknown text.
    for cut in ["007eJx...", "007eJxTYDhw…"] {
        let (code, v) = json(&[cut], None);
        assert_eq!(code, 1, "{v}");
        assert_eq!(v["kind"], "token", "{v}");
        let why = v["unreadable"].as_str().unwrap();
        assert!(why.contains("shortened for display"), "{why}");
    }
    // A code with leading zeros is still a code.
    let (_, v) = json(&["0070"], None);
    assert_ne!(v["kind"], "token", "{v}");
}
