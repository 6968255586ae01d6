//! `--convoai-request FILE`: whether a Conversational AI agent can join with the tokens of its
//! start request, answered as a check (exit 1 when it cannot).

use std::fmt::Write as _;
use std::time::SystemTime;

use agora_token_errors::Locale;
use agora_token_errors::token::{AgentRequest, AgentToken, Severity, unix_seconds};
use serde_json::{Value, json};

use super::{Answer, Args, Failure, read_input};

pub(crate) fn run(args: &Args) -> Result<Answer, Failure> {
    let path = args
        .convoai_request
        .as_deref()
        .unwrap_or_else(|| "-".as_ref());
    let body = if path.as_os_str() == "-" {
        read_input("-")?
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?
    };
    let Some(app_id) = args.app_id.as_deref() else {
        return Err(Failure::Usage(
            "--convoai-request needs --app-id (the project the agent runs in)".to_owned(),
        ));
    };
    let request = AgentRequest::parse(&body, args.authorization.as_deref())
        .map_err(|e| e.to_string())?
        .with_locale(args.lang);
    let now = args.now.unwrap_or_else(|| unix_seconds(SystemTime::now()));
    let findings = request.diagnose(app_id, args.certificate.as_deref(), now);
    let cannot = findings
        .iter()
        .any(|(_, f)| f.severity() == Severity::Error);
    let zh = args.lang == Locale::Zh;
    let mut text = String::new();
    match findings.first() {
        None if zh => text.push_str("智能体可以加入频道：它的 Token 和 REST 请求的鉴权对这个启动请求都是正确的\n"),
        None => text.push_str("the agent can join: its token and the REST call's authorisation are right for this start request\n"),
        Some((token, f)) if cannot && zh => {
            let which = match token {
                AgentToken::Agent => "智能体的 Token（properties.token）",
                _ => "REST 请求的 Token（Authorization: agora token=）",
            };
            writeln!(text, "智能体无法加入频道：{which}：{}", f.message()).unwrap();
        }
        Some((token, f)) if cannot => {
            writeln!(text, "the agent cannot join: {token}: {}", f.message()).unwrap();
        }
        Some(_) if zh => text.push_str("智能体可以加入频道，但有下面的警告\n"),
        Some(_) => text.push_str("the agent can join, with a warning below\n"),
    }
    let fix = if zh { "解决方法：" } else { "fix: " };
    for (token, f) in &findings {
        writeln!(
            text,
            "\n{} ({}, {}): {}",
            f.severity().as_str(),
            token.as_str(),
            f.kind().as_str(),
            f.message()
        )
        .unwrap();
        writeln!(text, "  {fix}{}", f.fix()).unwrap();
    }
    let listed: Vec<Value> = findings
        .iter()
        .map(|(token, f)| {
            let mut v = serde_json::to_value(f).unwrap_or_default();
            v["token"] = json!(token.as_str());
            v
        })
        .collect();
    Ok(Answer {
        text,
        json: json!({ "kind": "convoai", "can_join": !cannot, "findings": listed }),
        found: cannot,
        check: true,
    })
}
