//! Explains an Agora token error code or name.
//!
//! ```text
//! cargo run --example explain -- 110
//! cargo run --example explain -- ERR_DYNAMIC_USE_STATIC_KE
//! cargo run --example explain -- --web 2
//! cargo run --example explain -- --token <TOKEN> --app-id <ID> --channel <NAME> --uid <UID>
//! ```
//!
//! With `--token`, the token is decoded (shown without its signature) and diagnosed against the
//! join: `--uid` or `--account`, optionally `--certificate` (with the `verify` feature) and `--now`
//! (Unix seconds; the clock by default).
//!
//! cargo run --example explain -- 'AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: dynamic use static key'
//! cargo run --example explain -- --platform flutter 110
//! ```
//!
//! A bare number is read in every code space (it means different things in each); `--native`,
//! `--web`, `--access-point`, `--connection` or `--renew` picks one, and `--platform` picks that
//! platform's space and speaks its language (identifiers, callbacks). Anything else is read as a
//! name, then as error text (a log line, an exception message). Unknown input exits with status 1
//! and says why.

use std::fmt::Write as _;
use std::process::ExitCode;

use agora_token_errors::{CodeSpace, Platform, TokenError, TokenEvent};

const USAGE: &str = "usage: explain [--platform P] [--native | --web | --access-point | --connection | --renew] <CODE>\n       explain [--platform P] <NAME or error text>\n       explain --token T [--app-id ID --channel NAME (--uid N | --account A)] [--certificate C] [--now UNIX]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("explain: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    if args.iter().any(|a| a == "--token") {
        return token::run(args);
    }
    let (platform, args) = match args {
        [flag, name, rest @ ..] if flag == "--platform" => (
            Some(name.parse::<Platform>().map_err(|e| e.to_string())?),
            rest,
        ),
        _ => (None, args),
    };
    let (space, input) = match args {
        [input] => (platform.map(Platform::error_space), input.as_str()),
        [flag, input] => (Some(space_flag(flag)?), input.as_str()),
        _ => return Err(USAGE.to_owned()),
    };
    let mut out = String::new();
    if let Ok(code) = input.trim().parse::<i32>() {
        let spaces = space.as_ref().map_or(CodeSpace::ALL, std::slice::from_ref);
        let mut found = Vec::new();
        for &space in spaces {
            match TokenError::from_code(space, code) {
                Some(e) => {
                    writeln!(out, "{space} {code}: {e} ({e:?})").unwrap();
                    if !found.contains(&e) {
                        found.push(e);
                    }
                }
                None => writeln!(out, "{space} {code}: not a token error").unwrap(),
            }
        }
        if found.is_empty() {
            return Err(format!("{code} is not a token error in {}", list(spaces)));
        }
        for e in found {
            out.push('\n');
            describe(&mut out, e, platform);
        }
    } else if let Ok(e) = input.parse::<TokenError>() {
        describe(&mut out, e, platform);
    } else if let Some(event) = TokenEvent::from_name(input) {
        writeln!(out, "{event}: {}", event.remediation()).unwrap();
        writeln!(
            out,
            "action: {:?}: {}",
            event.action(),
            event.action().describe()
        )
        .unwrap();
        for &p in platform
            .as_ref()
            .map_or(Platform::ALL, std::slice::from_ref)
        {
            writeln!(out, "  {p}: {}", event.name(p)).unwrap();
        }
    } else if let Some(m) = TokenError::match_message(input) {
        write!(out, "recognised `{}`", m.matched()).unwrap();
        if let Some(space) = m.space() {
            write!(out, " ({space}").unwrap();
            if let Some(code) = m.code() {
                write!(out, " {code}").unwrap();
            }
            out.push(')');
        }
        out.push_str("\n\n");
        describe(&mut out, m.error(), platform);
    } else {
        let shown: String = input.chars().take(80).collect();
        return Err(format!(
            "`{shown}` is neither a code, an Agora token error name, nor a text reporting one"
        ));
    }
    Ok(out)
}

fn space_flag(flag: &str) -> Result<CodeSpace, String> {
    Ok(match flag {
        "--native" => CodeSpace::Native,
        "--web" => CodeSpace::Web,
        "--access-point" | "--ap" => CodeSpace::WebAccessPoint,
        "--connection" => CodeSpace::ConnectionChangedReason,
        "--renew" => CodeSpace::RenewTokenResult,
        other => return Err(format!("unknown option `{other}`\n{USAGE}")),
    })
}

fn list(spaces: &[CodeSpace]) -> String {
    spaces
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(out: &mut String, e: TokenError, platform: Option<Platform>) {
    writeln!(out, "{e:?}: {e}").unwrap();
    writeln!(out, "  {}", e.summary()).unwrap();
    writeln!(out, "\ncause:\n  {}", e.cause()).unwrap();
    writeln!(out, "\nremediation:\n  {}", e.remediation()).unwrap();
    let action = e.action();
    writeln!(out, "\naction: {action:?}: {}", action.describe()).unwrap();
    writeln!(
        out,
        "  needs a new token: {}; the app can retry by itself: {}",
        e.needs_new_token(),
        e.is_retryable()
    )
    .unwrap();
    if let Some(p) = platform {
        writeln!(out, "\non {p}:").unwrap();
        match p.error_name(e) {
            Some(name) => writeln!(out, "  identifier: {name}").unwrap(),
            None => writeln!(out, "  identifier: none of its own on {p}").unwrap(),
        }
        writeln!(out, "  reported through: {}", p.error_callback()).unwrap();
        writeln!(
            out,
            "  renew on: {} (30 s before expiry); rejoin on: {}",
            p.event_name(TokenEvent::WillExpire),
            p.event_name(TokenEvent::DidExpire)
        )
        .unwrap();
        let surface = if p == Platform::Web {
            e.web_surface()
        } else {
            e.native_surface()
        };
        writeln!(out, "  how it shows: {surface}").unwrap();
        return;
    }
    writeln!(
        out,
        "\ncallbacks to handle (renew 30 s before expiry / rejoin after it):"
    )
    .unwrap();
    for p in Platform::ALL {
        writeln!(
            out,
            "  {:<14} {} / {}",
            p.name(),
            p.event_name(TokenEvent::WillExpire),
            p.event_name(TokenEvent::DidExpire)
        )
        .unwrap();
    }
    writeln!(out, "\nnative SDKs (Android, iOS, macOS, Windows, Unity, Electron, React Native, Flutter, Cocos):\n  {}", e.native_surface()).unwrap();
    writeln!(out, "\nWeb SDK:\n  {}", e.web_surface()).unwrap();
    writeln!(out, "\nspellings:").unwrap();
    for s in e.spellings() {
        let code = s.code().map_or_else(|| "-".to_owned(), |c| c.to_string());
        writeln!(
            out,
            "  {:<64} {:<12} {:<24} {code}",
            s.name(),
            s.language().to_string(),
            s.space().to_string()
        )
        .unwrap();
    }
}

#[cfg(feature = "token")]
mod token {
    use std::fmt::Write as _;
    use std::time::{SystemTime, UNIX_EPOCH};

    use agora_token_errors::token::{JoinParams, Token, diagnose};

    pub(crate) fn run(args: &[String]) -> Result<String, String> {
        let mut token = None;
        let (mut app_id, mut channel, mut uid, mut account, mut cert, mut now) =
            (None, None, None, None, None, None);
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or_else(|| format!("`{flag}` needs a value"))?;
            match flag.as_str() {
                "--token" => token = Some(value.as_str()),
                "--app-id" => app_id = Some(value.as_str()),
                "--channel" => channel = Some(value.as_str()),
                "--uid" => {
                    uid = Some(value.parse::<u32>().map_err(|_| {
                        format!("--uid takes a number from 0 to 4294967295, not {value:?}")
                    })?);
                }
                "--account" => account = Some(value.as_str()),
                "--certificate" => cert = Some(value.as_str()),
                "--now" => {
                    now = Some(
                        value
                            .parse::<u64>()
                            .map_err(|_| format!("--now takes Unix seconds, not {value:?}"))?,
                    );
                }
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        let token = token.ok_or("--token needs a value")?;
        let mut out = String::new();
        match Token::parse(token.trim()) {
            Ok(t) => describe(&mut out, &t),
            Err(e) => writeln!(out, "token: cannot be decoded: {e}").unwrap(),
        }
        let (Some(app_id), Some(channel)) = (app_id, channel) else {
            out.push_str(
                "\n(give --app-id and --channel, and --uid or --account, to diagnose a join)\n",
            );
            return Ok(out);
        };
        let mut join = JoinParams::new(app_id, channel);
        join = match (uid, account) {
            (Some(_), Some(_)) => return Err("give --uid or --account, not both".to_owned()),
            (Some(uid), None) => join.with_uid(uid),
            (None, Some(account)) => join.with_account(account),
            (None, None) => join,
        };
        if let Some(cert) = cert {
            join = join.with_app_certificate(cert);
        }
        let now = now.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
        let findings = diagnose(token, &join, now);
        writeln!(
            out,
            "\njoin: App ID {}, channel {:?}, {}",
            join.app_id(),
            join.channel(),
            join.user()
        )
        .unwrap();
        if findings.is_empty() {
            out.push_str("\nnothing wrong can be seen offline. If the join still fails, check in Agora Console that the\nproject's App Certificate is enabled and matches the token server's, and that the project is active.\n");
        }
        for (i, f) in findings.iter().enumerate() {
            let likely = if f.certainty() == agora_token_errors::token::Certainty::Likely {
                "likely "
            } else {
                ""
            };
            writeln!(
                out,
                "\n{}. {likely}{:?} -> {:?} ({})\n   {}\n   fix: {}",
                i + 1,
                f.severity(),
                f.error(),
                f.error(),
                f.message(),
                f.fix()
            )
            .unwrap();
        }
        Ok(out)
    }

    fn describe(out: &mut String, t: &Token) {
        writeln!(out, "token: {t}").unwrap();
        if let Some(lifetime) = t.lifetime() {
            writeln!(out, "  lifetime: {lifetime} s").unwrap();
        }
        for s in t.services() {
            write!(out, "  service {}", s.kind()).unwrap();
            if let Some(c) = s.channel() {
                write!(out, ", channel {c:?}").unwrap();
            }
            match s.user() {
                Some("") => write!(out, ", any user (uid 0)").unwrap(),
                Some(u) => write!(out, ", user {u:?}").unwrap(),
                None => {}
            }
            out.push('\n');
            for p in s.privileges() {
                let end = p.expires_at().map_or_else(
                    || "no limit of its own".to_owned(),
                    |e| format!("ends at Unix {e}"),
                );
                writeln!(
                    out,
                    "    privilege {} ({}): {end}",
                    p.id(),
                    p.name().unwrap_or("unknown")
                )
                .unwrap();
            }
        }
        if t.has_unknown_services() {
            out.push_str("  (more services of a type this crate does not know)\n");
        }
    }
}

#[cfg(not(feature = "token"))]
mod token {
    pub(crate) fn run(_: &[String]) -> Result<String, String> {
        Err("--token needs the `token` feature".to_owned())
    }
}
