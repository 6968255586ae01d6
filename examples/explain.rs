//! Explains an Agora token error code or name.
//!
//! ```text
//! cargo run --example explain -- 110
//! cargo run --example explain -- ERR_DYNAMIC_USE_STATIC_KE
//! cargo run --example explain -- --web 2
//! ```
//!
//! A bare number is read in every code space (it means different things in each); `--native`,
//! `--web`, `--access-point`, `--connection` or `--renew` picks one. Unknown input exits with
//! status 1 and says why.

use std::fmt::Write as _;
use std::process::ExitCode;

use agora_token_errors::{CodeSpace, TokenError};

const USAGE: &str = "usage: explain [--native | --web | --access-point | --connection | --renew] <CODE>\n       explain <NAME>";

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
    let (space, input) = match args {
        [input] => (None, input.as_str()),
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
            describe(&mut out, e);
        }
    } else {
        if space.is_some() {
            return Err(format!(
                "a code space flag goes with a number, not with `{input}`"
            ));
        }
        let e = input.parse::<TokenError>().map_err(|e| e.to_string())?;
        describe(&mut out, e);
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

fn describe(out: &mut String, e: TokenError) {
    writeln!(out, "{e:?}: {e}").unwrap();
    writeln!(out, "  {}", e.summary()).unwrap();
    writeln!(out, "\ncause:\n  {}", e.cause()).unwrap();
    writeln!(out, "\nremediation:\n  {}", e.remediation()).unwrap();
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
