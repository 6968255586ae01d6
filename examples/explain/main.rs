//! Explains an Agora token error: a code, an SDK identifier, a log line or error text, an event
//! name, or a token diagnosed against the join that failed.
//!
//! ```text
//! cargo run --example explain -- 110
//! cargo run --example explain -- 110 --platform flutter
//! cargo run --example explain -- 2 --space web
//! cargo run --example explain -- 'AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: dynamic use static key'
//! cargo run --example explain -- --token 007eJx... --app-id <ID> --channel <NAME> --uid 42
//! cargo run --example explain -- 110 --json
//! ```
//!
//! Exit status: 0 when the input was explained (or, with `--token`, the join looks right); 1
//! when the input is not a token error, or `--token` found a finding of severity error; 2 for a
//! usage error. `--json` prints the same answer as JSON. Times are in UTC.
//!
//! Needs the default features (`messages` to read texts, `token` for `--token`); built without
//! them it says which one is missing.

use std::fmt::Write as _;
use std::process::ExitCode;

use agora_token_errors::{CodeSpace, Platform, Product, TokenError, TokenEvent};
use clap::Parser;
use serde_json::{Value, json};

/// Explains an Agora token error code, SDK identifier, error text or event name, or diagnoses a
/// token against the join that failed.
#[derive(Parser, Debug)]
#[command(name = "explain", version)]
struct Args {
    /// A code (110), an SDK identifier (ERR_INVALID_TOKEN), a log line or error text, or an event
    /// name (onTokenPrivilegeWillExpire). With --token, the error the client reported (optional).
    input: Option<String>,
    /// Read a bare code in this code space only (native, web, access-point, connection, renew).
    #[arg(long, value_parser = parse_with::<CodeSpace>)]
    space: Option<CodeSpace>,
    /// Speak this platform's language: its code space, identifiers and callbacks.
    #[arg(long, value_parser = parse_with::<Platform>)]
    platform: Option<Platform>,
    /// Give causes and fixes in this product's terms (rtc, rtm, chat).
    #[arg(long, value_parser = parse_with::<Product>)]
    product: Option<Product>,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
    /// Decode this token and diagnose it against the join (--app-id, --channel, --uid/--account).
    #[arg(long)]
    token: Option<String>,
    /// The App ID the client initialised the engine with.
    #[arg(long, requires = "token")]
    app_id: Option<String>,
    /// The channel the client joined.
    #[arg(long, requires = "token", conflicts_with = "rtm_user")]
    channel: Option<String>,
    /// The int uid the client joined as (0: the SDK picks one).
    #[arg(long, requires = "token", conflicts_with = "account")]
    uid: Option<u32>,
    /// The user account (string uid) the client joined as.
    #[arg(long, requires = "token")]
    account: Option<String>,
    /// Diagnose an RTM login as this user id instead of an RTC join.
    #[arg(long, requires = "token")]
    rtm_user: Option<String>,
    /// The App Certificate the token server signs with, to check the signature. Never printed.
    #[cfg(feature = "verify")]
    #[arg(long, requires = "token")]
    certificate: Option<String>,
    /// The time of the join, in Unix seconds (default: now).
    #[arg(long, requires = "token")]
    now: Option<u64>,
}

fn parse_with<T: std::str::FromStr>(s: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    s.parse::<T>().map_err(|e| e.to_string())
}

/// An answer: what to print, and whether the input was a problem found (exit status 1).
struct Answer {
    text: String,
    json: Value,
    failed: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let answer = if args.token.is_some() {
        token::run(&args)
    } else if let Some(input) = args.input.as_deref() {
        explain(input, &args)
    } else {
        Err(
            "give a code, a name, an error text or an event name, or --token (see --help)"
                .to_owned(),
        )
    };
    match answer {
        Ok(a) => {
            if args.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&a.json).unwrap_or_default()
                );
            } else {
                print!("{}", a.text);
            }
            if a.failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            if args.json {
                println!("{}", json!({ "error": message }));
            } else {
                eprintln!("explain: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The code spaces a bare code is read in: `--space`, else the platform's, else every space of
/// `product` (all of them without one).
fn code_spaces(args: &Args, product: Option<Product>) -> Vec<CodeSpace> {
    match args.space.or(args.platform.map(Platform::error_space)) {
        Some(s) => vec![s],
        None => CodeSpace::ALL
            .iter()
            .copied()
            .filter(|s| product.is_none_or(|p| s.product() == p))
            .collect(),
    }
}

fn explain(input: &str, args: &Args) -> Result<Answer, String> {
    let platform = args.platform;
    let mut product = args.product;
    let mut text = String::new();
    let mut errors = Vec::new();
    let matched;
    if let Ok(code) = input.trim().parse::<i32>() {
        let spaces = code_spaces(args, product);
        let mut readings = Vec::new();
        for &space in &spaces {
            let e = TokenError::from_code(space, code);
            match e {
                Some(e) => writeln!(text, "{space} {code}: {e} ({e:?})").unwrap(),
                None => writeln!(text, "{space} {code}: not a token error").unwrap(),
            }
            readings.push(json!({ "space": space.to_string(), "product": space.product().to_string(), "error": e.map(|e| e.as_str()) }));
            if let Some(e) = e.filter(|e| !errors.contains(e)) {
                errors.push(e);
            }
        }
        matched = json!({ "code": code, "readings": readings });
        if errors.is_empty() {
            let list: Vec<String> = spaces.iter().map(ToString::to_string).collect();
            return Err(format!(
                "{code} is not a token error in {}",
                list.join(", ")
            ));
        }
        text.push('\n');
    } else if let Ok(e) = input.parse::<TokenError>() {
        errors.push(e);
        // An RTM or Chat spelling speaks for its product.
        let row = agora_token_errors::Spelling::from_identifier(input);
        product = product.or(row.map(agora_token_errors::Spelling::product));
        matched = json!({ "name": input.trim(), "product": row.map(|s| s.product().to_string()) });
    } else if let Some(event) = TokenEvent::from_name(input) {
        return Ok(explain_event(event, platform));
    } else if let Some(m) = messages::find(input) {
        write!(text, "recognised `{}`", m.0).unwrap();
        text.push_str(&m.1);
        text.push_str("\n\n");
        matched = m.2;
        errors.push(m.3);
        product = product.or(m.4);
    } else {
        let shown: String = input.chars().take(80).collect();
        let texts = if cfg!(feature = "messages") {
            ""
        } else {
            " (error texts are read only with the `messages` feature, on by default)"
        };
        return Err(format!(
            "`{shown}` is neither a code, an Agora token error name, nor a text reporting one{texts}"
        ));
    }
    let mut described = Vec::new();
    for (i, &e) in errors.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        describe(&mut text, e, platform, product);
        described.push(error_json(e, platform, product));
    }
    let json = json!({
        "input": input,
        "matched": matched,
        "product": product.unwrap_or(Product::Rtc).to_string(),
        "errors": described,
    });
    Ok(Answer {
        text,
        json,
        failed: false,
    })
}

fn explain_event(event: TokenEvent, platform: Option<Platform>) -> Answer {
    let mut text = String::new();
    writeln!(text, "{event}: {}", event.remediation()).unwrap();
    writeln!(
        text,
        "action: {}: {}",
        event.action(),
        event.action().describe()
    )
    .unwrap();
    let platforms = platform
        .as_ref()
        .map_or(Platform::ALL, std::slice::from_ref);
    let mut callbacks = serde_json::Map::new();
    for &p in platforms {
        let cb = p.callback(event);
        writeln!(text, "  {p}: {}", cb.unwrap_or("(no named callback)")).unwrap();
        callbacks.insert(p.to_string(), json!(cb));
    }
    let json = json!({
        "event": event.to_string(),
        "action": event.action().as_str(),
        "remediation": event.remediation(),
        "callbacks": callbacks,
    });
    Answer {
        text,
        json,
        failed: false,
    }
}

fn error_json(e: TokenError, platform: Option<Platform>, product: Option<Product>) -> Value {
    let product = product.unwrap_or(Product::Rtc);
    let codes: Vec<Value> = e
        .spellings()
        .iter()
        .map(|s| {
            json!({
                "identifier": s.identifier(), "language": s.language().to_string(),
                "space": s.space().to_string(), "product": s.product().to_string(),
                "code": s.code(), "source": s.source(),
            })
        })
        .collect();
    json!({
        "id": e.as_str(),
        "display": e.to_string(),
        "summary": e.summary(),
        "cause": e.cause_for(product),
        "remediation": e.remediation_for(product),
        "action": e.action().as_str(),
        "needs_new_token": e.needs_new_token(),
        "is_retryable": e.is_retryable(),
        "native_surface": e.native_surface(),
        "web_surface": e.web_surface(),
        "platform": platform.map(|p| json!({
            "platform": p.to_string(), "space": p.error_space().to_string(), "identifier": p.identifier(e),
            "renew_on": p.callback(TokenEvent::WillExpire), "rejoin_on": p.callback(TokenEvent::DidExpire),
        })),
        "spellings": codes,
    })
}

fn describe(out: &mut String, e: TokenError, platform: Option<Platform>, product: Option<Product>) {
    let product = product.unwrap_or(Product::Rtc);
    writeln!(out, "{e:?}: {e} ({product})").unwrap();
    writeln!(out, "  {}", e.summary()).unwrap();
    writeln!(out, "\ncause:\n  {}", e.cause_for(product)).unwrap();
    writeln!(out, "\nremediation:\n  {}", e.remediation_for(product)).unwrap();
    let action = e.action();
    writeln!(out, "\naction: {action}: {}", action.describe()).unwrap();
    writeln!(
        out,
        "  needs a new token: {}; the app can retry by itself: {}",
        e.needs_new_token(),
        e.is_retryable()
    )
    .unwrap();
    let callbacks = |p: Platform| {
        let name = |ev| p.callback(ev).unwrap_or("(none named)");
        format!(
            "{} / {}",
            name(TokenEvent::WillExpire),
            name(TokenEvent::DidExpire)
        )
    };
    if let Some(p) = platform {
        writeln!(out, "\non {p}:").unwrap();
        match p.identifier(e) {
            Some(name) => writeln!(out, "  identifier: {name}").unwrap(),
            None => writeln!(out, "  identifier: none of its own on {p}").unwrap(),
        }
        writeln!(out, "  reported through: {}", p.error_callback()).unwrap();
        writeln!(out, "  renew on / rejoin on: {}", callbacks(p)).unwrap();
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
    for &p in Platform::ALL {
        writeln!(out, "  {:<14} {}", p.label(), callbacks(p)).unwrap();
    }
    writeln!(out, "\nnative SDKs:\n  {}", e.native_surface()).unwrap();
    writeln!(out, "\nWeb SDK:\n  {}", e.web_surface()).unwrap();
    writeln!(out, "\nspellings:").unwrap();
    for s in e.spellings() {
        let code = s.code().map_or_else(|| "-".to_owned(), |c| c.to_string());
        writeln!(
            out,
            "  {:<64} {:<12} {:<24} {code}",
            s.identifier(),
            s.language().to_string(),
            s.space().to_string()
        )
        .unwrap();
    }
}

#[cfg(feature = "messages")]
mod messages {
    use agora_token_errors::{Product, TokenError};
    use serde_json::{Value, json};

    /// What matched, its space and code as text, as JSON, the error and the product.
    pub(crate) fn find(
        input: &str,
    ) -> Option<(&'static str, String, Value, TokenError, Option<Product>)> {
        let m = TokenError::match_message(input)?;
        let detail = match (m.space(), m.code()) {
            (Some(space), Some(code)) => format!(" ({space} {code})"),
            (Some(space), None) => format!(" ({space})"),
            _ => String::new(),
        };
        let json = json!({
            "matched": m.matched(), "space": m.space().map(|s| s.to_string()), "code": m.code(),
            "product": m.product().map(|p| p.to_string()), "span": [m.span().start, m.span().end],
            "source": m.source(),
        });
        Some((m.matched(), detail, json, m.error(), m.product()))
    }
}

#[cfg(not(feature = "messages"))]
mod messages {
    use agora_token_errors::{Product, TokenError};
    use serde_json::Value;

    /// Without the `messages` feature, texts are not read.
    pub(crate) fn find(
        _: &str,
    ) -> Option<(&'static str, String, Value, TokenError, Option<Product>)> {
        None
    }
}

#[cfg(feature = "token")]
mod token;

#[cfg(not(feature = "token"))]
mod token {
    pub(crate) fn run(_: &super::Args) -> Result<super::Answer, String> {
        Err("--token needs the `token` feature (on by default)".to_owned())
    }
}
