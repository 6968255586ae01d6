//! Diagnosing a token string: damage repaired and named, then the token checked against the
//! join (`checks`: App ID, service, channel, user, signature; `expiry`: the clocks), for an
//! error already reported (`reported`, `privilege`), and advice on what works but could be
//! better (`advice`); `outcome` keeps all of it together as a [`Diagnosis`]. No two of the
//! checks import each other: what they share is `service`.

mod advice;
mod checks;
mod expiry;
mod outcome;
mod privilege;
mod reported;
mod service;

pub(super) use advice::of as advice;
pub use outcome::Diagnosis;
pub(super) use reported::diagnose_reported;

use crate::TokenError;
use crate::token::finding::{Finding, FindingKind};
use crate::token::repair::{self, Seen};
use crate::token::{Damage, JoinParams, MAX_TOKEN_LEN, Token, TokenParseError};

/// The longest input diagnosis reads: a token percent-encoded whole takes three times its
/// length, and one escaped for JSON up to six.
const MAX_INPUT_LEN: usize = 6 * MAX_TOKEN_LEN;

/// Sorts findings so that the cause comes first: errors before warnings, certain before likely,
/// otherwise in the order they were found.
pub(in crate::token) fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(Finding::rank);
}

/// Diagnoses a token string, already [`read`], against a join (what
/// [`Diagnosis::of`](super::Diagnosis::of) keeps): the damage undone is named, and a token that
/// could not be read is a finding too. Findings come sorted: `findings[0]` is the error that
/// stops the join.
pub(super) fn diagnose(token: &str, read: &Read, join: &JoinParams, now_unix: u64) -> Vec<Finding> {
    let mut findings = Vec::new();
    checks::check_join(join, &mut findings);
    if token.trim().is_empty() {
        findings.push(
            Finding::new(
                FindingKind::NoToken,
                TokenError::DynamicUseStaticKey,
                "No token was given. If the project has its App Certificate enabled, the join is refused.".to_owned(),
                "Build a token on your server with the project's App Certificate and pass it to the join call; only projects in App-ID-only mode take no token (check the project in Agora Console).",
            )
            .likely(),
        );
        sort(&mut findings);
        return findings;
    }
    findings.extend(read.1.iter().map(damaged));
    match &read.0 {
        Ok(t) => checks::check_token(t, join, now_unix, &mut findings),
        // The elided token's own finding says it all.
        Err(TokenParseError::Damaged {
            damage: Damage::Elided,
            ..
        }) => {}
        // Damage no repair undoes (data after the token's end): named in the same terms.
        &Err(TokenParseError::Damaged { damage, position }) => findings.push(Finding::new(
            FindingKind::Damaged(damage),
            TokenError::InvalidToken,
            format!(
                "The token is damaged at byte {position}: that is {}. It cannot be repaired, and it was not diagnosed further.",
                damage.label()
            ),
            damage.fix(),
        )),
        Err(e) => findings.push(unusable(e)),
    }
    sort(&mut findings);
    findings
}

/// A token string read: parsed once its transport damage is undone, and the damage seen.
pub(super) type Read = (Result<Token, TokenParseError>, Vec<Seen>);

/// Reads `token`, undoing and noting transport damage first.
pub(super) fn read(token: &str) -> Read {
    if token.len() > MAX_INPUT_LEN {
        let too_long = TokenParseError::TooLong {
            len: token.len(),
            max: MAX_TOKEN_LEN,
        };
        return (Err(too_long), Vec::new());
    }
    parse_repaired(token)
}

/// `token` parsed once its transport damage is undone, and the damage seen. A token shown by
/// its head only (`007eJx...`) is that, not a token cut short by accident.
pub(super) fn parse_repaired(token: &str) -> (Result<Token, TokenParseError>, Vec<Seen>) {
    let (text, mut seen) = repair::repaired(token);
    let parsed = Token::parse(&text);
    let Some(s) = seen.iter_mut().find(|s| s.damage == Damage::Elided) else {
        return (parsed, seen);
    };
    if parsed.is_ok() {
        // A whole token with dots after it: text after it, not a token cut for display.
        s.damage = Damage::TrailingCharacters;
        return (parsed, seen);
    }
    let elided = TokenParseError::Damaged {
        damage: Damage::Elided,
        position: s.position,
    };
    (Err(elided), seen)
}

fn damaged(s: &Seen) -> Finding {
    let what = match s.damage {
        Damage::PaddingRemoved => format!(
            "the token ends at byte {} without its `=` padding",
            s.position
        ),
        Damage::Elided => {
            return Finding::new(
                FindingKind::Damaged(s.damage),
                TokenError::InvalidToken,
                format!(
                    "Only the head of a token is here: it ends in {} at byte {}; that is {}. What was cut off cannot be repaired.",
                    shown(s.character),
                    s.position,
                    s.damage.label()
                ),
                s.damage.fix(),
            );
        }
        _ => format!("{} at byte {}", shown(s.character), s.position),
    };
    Finding::new(
        FindingKind::Damaged(s.damage),
        TokenError::InvalidToken,
        format!(
            "The token is damaged: {what}; that is {}. It was repaired to diagnose it.",
            s.damage.label()
        ),
        s.damage.fix(),
    )
}

/// A character as a message shows it: `` `\` ``, or its code point for invisible ones.
fn shown(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\n' => "a line break".to_owned(),
        '\r' => "a carriage return".to_owned(),
        '\t' => "a tab".to_owned(),
        c if c.is_ascii_graphic() => format!("a `{c}`"),
        c if c.is_whitespace() || c.is_control() || repair::is_invisible(c) => {
            format!("the invisible character U+{:04X}", u32::from(c))
        }
        c => format!("a `{c}` (U+{:04X})", u32::from(c)),
    }
}

fn unusable(e: &TokenParseError) -> Finding {
    match e {
        TokenParseError::Obsolete(kind) => Finding::new(
            FindingKind::ObsoleteFormat,
            TokenError::InvalidToken,
            format!("This is an obsolete {kind} key, which current SDKs reject."),
            "Build an AccessToken2 (007) token with Agora's current token builders (npm `agora-token`, or the AgoraDynamicKey sources for your server language).",
        ),
        e => Finding::new(
            FindingKind::Unparseable,
            TokenError::InvalidToken,
            format!("This is not a usable Agora token: {e}."),
            "Pass the token exactly as your token server's builder returned it, whole.",
        ),
    }
}
