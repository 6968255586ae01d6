//! `agora-token-errors`: explains an Agora token error (a code, an SDK identifier, a log line or
//! error text, an event name), scans a log for every one, or diagnoses a token against the join
//! that failed.
//!
//! ```text
//! cargo install agora-token-errors-cli
//! agora-token-errors 110
//! agora-token-errors -110 --platform flutter
//! agora-token-errors 2 --space web
//! agora-token-errors 'AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: dynamic use static key'
//! echo 'onError: err 110' | agora-token-errors -
//! agora-token-errors scan app.log
//! agora-token-errors --token 007eJx... --app-id <ID> --channel <NAME> --uid 42
//! agora-token-errors 110 --json
//! ```
//!
//! Exit status: explaining and scanning answer as grep does, 0 when a token error or event was
//! found and 1 when none was; `--token` answers as a check does (a linter's), 0 when the token
//! decodes and is good for the join and 1 when a finding of severity error was found; 2 for a
//! usage or input error. `--json` prints the same
//! answer as one JSON object whose `kind` says what was read. Times are in UTC.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use agora_token_errors::{CodeSpace, Locale, Platform, Product};
use clap::Parser;
use serde_json::{Value, json};

/// Explains an Agora token error code, SDK identifier, error text or event name, scans a log
/// for every one, or diagnoses a token against the join that failed.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "agora-token-errors",
    version,
    allow_negative_numbers = true,
    args_conflicts_with_subcommands = true,
    after_help = spaces_help(),
    group(clap::ArgGroup::new("subject").args(["token", "convoai_request"]))
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// A code (110, -110), an SDK identifier (ERR_INVALID_TOKEN), a log line or error text, or
    /// an event name (onTokenPrivilegeWillExpire); words given unquoted are read as one text;
    /// `-` reads it from standard input. With --token, the error the client reported (optional).
    #[arg(num_args = 0..)]
    input: Vec<String>,
    /// Also print every spelling, every platform's callbacks and the code in each code space.
    #[arg(long, short)]
    verbose: bool,
    /// Read a bare code in this code space only (see the list below).
    #[arg(long, value_parser = parse_with::<CodeSpace>)]
    space: Option<CodeSpace>,
    /// Speak this platform's language: its code space, identifiers and callbacks.
    #[arg(long, value_parser = parse_with::<Platform>)]
    platform: Option<Platform>,
    /// Give causes and fixes in this product's terms (rtc, rtm, chat).
    #[arg(long, value_parser = parse_with::<Product>)]
    product: Option<Product>,
    /// Write causes, fixes and summaries in this language: en (the default) or zh (简体中文).
    #[arg(long, value_parser = parse_with::<Locale>, default_value = "en")]
    lang: Locale,
    /// Print the answer as JSON, one object whose `kind` says what was read.
    #[arg(long, global = true)]
    json: bool,
    /// Decode this token and diagnose it against the join (--app-id, --channel, --uid/--account).
    #[arg(long)]
    token: Option<String>,
    /// Diagnose a Conversational AI start request (its JSON body; `-` reads standard input):
    /// whether the agent can join with its tokens (needs --app-id).
    #[arg(long, value_name = "FILE", conflicts_with = "token")]
    convoai_request: Option<std::path::PathBuf>,
    /// The start request's Authorization header value (`Basic ...` or `agora token=...`).
    #[arg(long, requires = "convoai_request")]
    authorization: Option<String>,
    /// The App ID the client initialised the engine with.
    #[arg(long, requires = "subject")]
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
    #[arg(long, requires = "subject")]
    certificate: Option<String>,
    /// The time of the join, in Unix seconds (default: now).
    #[arg(long, requires = "subject")]
    now: Option<u64>,
}

#[derive(clap::Subcommand, Debug, Clone)]
enum Command {
    /// Print every token error, token event and access token in logs, one line each, starting
    /// `FILE:LINE:COLUMN:` (tokens are shown by their first characters only), then a summary.
    /// Directories are read recursively; `.gz` files and UTF-16 logs are read as they are.
    Scan {
        /// The log files and directories; `-` (the default) reads standard input.
        paths: Vec<std::path::PathBuf>,
        /// Print only the summary (Markdown): each error and event counted, with the first and
        /// last line it was seen on, and each token found, decoded.
        #[arg(long)]
        summary: bool,
    },
}

/// The code spaces `--space` takes, from the catalog.
fn spaces_help() -> String {
    let mut out = String::from("Code spaces (--space):\n");
    for s in CodeSpace::ALL {
        writeln!(out, "  {:<30} {}", s.as_str(), s.product()).unwrap();
    }
    out
}

/// The most a single input (an argument or standard input) may hold.
const MAX_INPUT: u64 = 64 << 20;

/// The input, or standard input for `-`: a text to explain, at most [`MAX_INPUT`] bytes (more
/// is refused, never cut silently; `scan -` reads logs of any size).
fn read_input(input: &str) -> Result<String, String> {
    if input != "-" {
        return Ok(input.to_owned());
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin(), MAX_INPUT + 1),
        &mut bytes,
    )
    .map_err(|e| format!("reading standard input: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(format!(
            "standard input holds more than {} MiB, more than one text to explain: `scan -` reads a log of any size",
            MAX_INPUT >> 20
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).trim_end().to_owned())
}

fn parse_with<T: std::str::FromStr>(s: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    s.parse::<T>().map_err(|e| e.to_string())
}

/// Whether a word given to explain is an Agora access token (or one cut short for display,
/// `007eJx...`): a version prefix, then base64, perhaps ending in an ellipsis.
fn looks_like_a_token(word: &str) -> bool {
    let cut = word.strip_suffix("...").or_else(|| word.strip_suffix('…'));
    let body = cut.unwrap_or(word);
    (word.starts_with("006") || word.starts_with("007"))
        && body.len() >= if cut.is_some() { 6 } else { 12 }
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// An answer: what to print, and whether a token error (or event, or finding) was found.
struct Answer {
    text: String,
    json: Value,
    found: bool,
    /// A check (`--token`): success is finding nothing wrong, as a linter's.
    check: bool,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => return usage_error(&e),
    };
    let style = terminal::Style::stdout();
    if let Some(Command::Scan { paths, summary }) = &args.command {
        return scan::run(paths, *summary, args.json, style);
    }
    let answer = if args.convoai_request.is_some() {
        agent::run(&args)
    } else if args.token.is_some() {
        token::run(&args)
    } else if let [word] = args.input.as_slice()
        && looks_like_a_token(word)
    {
        // A token given as the thing to explain (`agora-token-errors 007eJx...`): decoded as
        // `--token` would, its head only shown; a token cut for display is named as such.
        let mut as_token = args.clone();
        as_token.token = Some(word.clone());
        as_token.input.clear();
        token::run(&as_token)
    } else if !args.input.is_empty() {
        read_input(&args.input.join(" "))
            .map_err(Failure::Usage)
            .map(|input| explain::explain(&input, &args, style))
    } else {
        Err(Failure::Usage(
            "give a code, a name, an error text or an event name, `scan PATH...`, or --token (see --help)"
                .to_owned(),
        ))
    };
    match answer {
        Ok(a) => {
            // A closed pipe (`| head`) is not an error of the answer: it is ignored.
            let mut out = std::io::stdout().lock();
            let _ = if args.json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&a.json).unwrap_or_default()
                )
            } else {
                out.write_all(a.text.as_bytes())
            };
            // A check succeeds on finding nothing; an explanation or a scan on finding something.
            let success = if a.check { !a.found } else { a.found };
            if success {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(Failure::Usage(message)) => {
            if args.json {
                println!("{}", json!({ "kind": "error", "error": message }));
            } else {
                eprintln!("agora-token-errors: {message}");
            }
            ExitCode::from(2)
        }
    }
}

/// A command line clap refused, said without the values given: a mistyped flag may carry a
/// token or an App Certificate, and clap's own message prints them back. `--help` and
/// `--version` print as clap writes them.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let what = match e.kind() {
        ErrorKind::UnknownArgument => "an argument it does not know",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "a value it cannot use",
        ErrorKind::MissingRequiredArgument => "a required argument missing",
        ErrorKind::ArgumentConflict => "arguments that cannot go together",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "the wrong number of values",
        ErrorKind::InvalidSubcommand => "a subcommand it does not know",
        _ => "something it cannot read",
    };
    // The flag's name only (`--uid <UID>`), never what was typed after it.
    let flag = match e.get(ContextKind::InvalidArg) {
        Some(clap::error::ContextValue::String(name)) if name.starts_with('-') => {
            let name = name.split_whitespace().next().unwrap_or(name);
            let name: String = name.chars().take(32).collect();
            format!(" ({name})")
        }
        _ => String::new(),
    };
    eprintln!("agora-token-errors: the command line has {what}{flag}; see --help");
    ExitCode::from(2)
}

/// Why no answer was given: the input could not be used (exit 2).
enum Failure {
    Usage(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Usage(message)
    }
}

mod agent;
mod explain;
mod input;
mod nearby;
mod scan;
mod summary;
mod terminal;
mod token;
