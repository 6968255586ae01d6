//! `--lang zh` on a diagnosis: a token's findings and a voice agent's start request explained
//! in Chinese, labels and all, while English stays as it was.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_agora-token-errors"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("agora-token-errors-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether `text` holds Chinese characters.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[test]
fn lang_zh_diagnoses_a_token_in_chinese() {
    use agora_token_errors::token::{Role, Token, User};
    let app = "970CA35de60c44645bbae8a215061b33";
    let cert = "5CFd2fd1755d40ecb72977518be15d3b";
    let token = Token::builder(app, cert)
        .issued_at(1_780_000_000)
        .expire_in(3600)
        .rtc("room-7", User::Uid(42), Role::Publisher)
        .build()
        .unwrap();
    let args = |lang: &'static str| {
        [
            "--token",
            &token,
            "--app-id",
            app,
            "--channel",
            "room-8",
            "--uid",
            "42",
            "--certificate",
            cert,
            "--now",
            "1780000060",
            "--lang",
            lang,
        ]
        .map(str::to_owned)
    };
    let run_with = |a: &[String]| run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let (code, out) = run_with(&args("zh"));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("1. 错误（invalid_token）："), "{out}");
    assert!(
        out.contains("Token 对应的频道是 \"room-7\"，但客户端加入的是 \"room-8\"。"),
        "{out}"
    );
    assert!(
        out.contains("解决方法：严格按客户端加入的频道名生成 Token"),
        "{out}"
    );
    assert!(!out.contains("The token is for channel"), "{out}");
    // The token's own fields too.
    assert!(out.contains("Token：007 Token，App ID"), "{out}");
    assert!(
        out.contains("  服务 RTC，频道 \"room-7\"，用户 \"42\""),
        "{out}"
    );
    assert!(out.contains("    权限 1（joinChannel）：结束于 "), "{out}");
    assert!(!out.contains("privilege 1"), "{out}");
    // The same answer in English, as it always was.
    let (code, en) = run_with(&args("en"));
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("The token is for channel \"room-7\" but the client joins \"room-8\"."),
        "{en}"
    );
    assert!(!has_chinese(&en), "{en}");
    // The JSON carries the texts in the language asked for.
    let mut with_json = args("zh").to_vec();
    with_json.push("--json".to_owned());
    let (_, out) = run_with(&with_json);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let finding = &v["findings"][0];
    assert_eq!(finding["kind"], "channel_mismatch", "{v}");
    assert!(has_chinese(finding["message"].as_str().unwrap()), "{v}");
    assert!(has_chinese(finding["fix"].as_str().unwrap()), "{v}");
    for text in [&out, &en] {
        assert!(!text.contains(&token[..40]), "the token is shown whole");
        assert!(!text.contains(cert), "the certificate is shown");
    }
}

#[test]
fn lang_zh_checks_a_voice_agents_start_request_in_chinese() {
    let dir = temp_dir("convoai-zh");
    let file = dir.join("start.json");
    std::fs::write(
        &file,
        r#"{"name": "a", "properties": {"agent_rtc_uid": "1001", "token": ""}}"#,
    )
    .unwrap();
    let path = file.display().to_string();
    let args = |lang| {
        vec![
            "--convoai-request",
            path.as_str(),
            "--app-id",
            "970CA35de60c44645bbae8a215061b33",
            "--authorization",
            "Basic Y3VzdG9tZXI6c2VjcmV0",
            "--now",
            "1780000060",
            "--lang",
            lang,
        ]
    };
    let (code, out) = run(&args("zh"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("智能体无法加入频道：智能体的 Token（properties.token）：启动请求的 properties 中没有 channel"),
        "{out}"
    );
    assert!(out.contains("解决方法：设置 properties.channel"), "{out}");
    let (code, en) = run(&args("en"));
    assert_eq!(code, 1, "{en}");
    assert!(
        en.starts_with("the agent cannot join: the agent's token (properties.token): The start request's properties have no channel"),
        "{en}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
