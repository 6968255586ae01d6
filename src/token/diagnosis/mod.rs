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
#[cfg(feature = "build")]
pub(super) use advice::{any_user_fix, short_lifetime_fix};
pub use outcome::Diagnosis;
pub(super) use reported::diagnose_reported;

use crate::token::finding::{Finding, FindingKind};
use crate::token::repair::{self, Seen};
use crate::token::text::{after_zh, tr};
use crate::token::{Damage, JoinParams, MAX_TOKEN_LEN, Token, TokenParseError};
use crate::{Locale, TokenError};

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
                tr!(
                    en: "No token was given. If the project has its App Certificate enabled, the join is refused.",
                    zh: "没有传入 Token。如果项目启用了 App Certificate，加入频道会被拒绝。",
                ),
                tr!(
                    en: "Build a token on your server with the project's App Certificate and pass it to the join call; only projects in App-ID-only mode take no token (check the project in Agora Console).",
                    zh: "在服务端用项目的 App Certificate 生成 Token，传给加入频道的方法；只有仅用 App ID 鉴权的项目才不需要 Token（请在声网控制台查看项目设置）。",
                ),
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
        &Err(TokenParseError::Damaged { damage, position }) => {
            let (label, fix) = damage.texts();
            findings.push(Finding::new(
                FindingKind::Damaged(damage),
                TokenError::InvalidToken,
                tr!(
                    en: format!("The token is damaged at byte {position}: that is {}. It cannot be repaired, and it was not diagnosed further.", label.en),
                    zh: format!("Token 在第 {position} 字节处已损坏：{}。这无法修复，因此没有继续诊断。", label.zh),
                ),
                fix.into(),
            ));
        }
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
    let (label, fix) = s.damage.texts();
    let (position, en, zh) = (
        s.position,
        shown(s.character, Locale::En),
        shown(s.character, Locale::Zh),
    );
    let message = match s.damage {
        Damage::Elided => tr!(
            en: format!("Only the head of a token is here: it ends in {en} at byte {position}; that is {}. What was cut off cannot be repaired.", label.en),
            zh: format!("这里只有 Token 的开头部分：它在第 {position} 字节处结束，末尾是{zh}，也就是{}。被截掉的部分无法修复。", after_zh(label.zh)),
        ),
        Damage::PaddingRemoved => tr!(
            en: format!("The token is damaged: the token ends at byte {position} without its `=` padding; that is {}. It was repaired to diagnose it.", label.en),
            zh: format!("Token 已损坏：它在第 {position} 字节处结束，缺少末尾的 `=` 填充，也就是{}。已将它修复后再做诊断。", after_zh(label.zh)),
        ),
        _ => tr!(
            en: format!("The token is damaged: {en} at byte {position}; that is {}. It was repaired to diagnose it.", label.en),
            zh: format!("Token 已损坏：第 {position} 字节处是{zh}，也就是{}。已将它修复后再做诊断。", after_zh(label.zh)),
        ),
    };
    Finding::new(
        FindingKind::Damaged(s.damage),
        TokenError::InvalidToken,
        message,
        fix.into(),
    )
}

/// A character as a message shows it: `` `\` ``, or its code point for invisible ones.
fn shown(c: char, locale: Locale) -> String {
    let invisible = c.is_whitespace() || c.is_control() || repair::is_invisible(c);
    match locale {
        Locale::En => match c {
            ' ' => "a space".to_owned(),
            '\n' => "a line break".to_owned(),
            '\r' => "a carriage return".to_owned(),
            '\t' => "a tab".to_owned(),
            c if c.is_ascii_graphic() => format!("a `{c}`"),
            c if invisible => format!("the invisible character U+{:04X}", u32::from(c)),
            c => format!("a `{c}` (U+{:04X})", u32::from(c)),
        },
        Locale::Zh => match c {
            ' ' => "一个空格".to_owned(),
            '\n' => "一个换行符".to_owned(),
            '\r' => "一个回车符".to_owned(),
            '\t' => "一个制表符".to_owned(),
            c if c.is_ascii_graphic() => format!("一个 `{c}`"),
            c if invisible => format!("不可见字符 U+{:04X}", u32::from(c)),
            c => format!("一个 `{c}`（U+{:04X}）", u32::from(c)),
        },
    }
}

fn unusable(e: &TokenParseError) -> Finding {
    match e {
        TokenParseError::Obsolete(kind) => Finding::new(
            FindingKind::ObsoleteFormat,
            TokenError::InvalidToken,
            tr!(
                en: format!("This is an obsolete {kind} key, which current SDKs reject."),
                zh: format!("这是已废弃的{}，当前的 SDK 不再接受。", after_zh(&crate::token::error::version_zh(*kind))),
            ),
            tr!(
                en: "Build an AccessToken2 (007) token with Agora's current token builders (npm `agora-token`, or the AgoraDynamicKey sources for your server language).",
                zh: "用声网当前的 Token 生成方法生成 AccessToken2（007）Token（npm 包 `agora-token`，或适合你服务端语言的 AgoraDynamicKey 源码）。",
            ),
        ),
        e => {
            let why = e.text();
            Finding::new(
                FindingKind::Unparseable,
                TokenError::InvalidToken,
                tr!(
                    en: format!("This is not a usable Agora token: {}.", why.en),
                    zh: format!("这不是可用的声网 Token：{}。", why.zh),
                ),
                tr!(
                    en: "Pass the token exactly as your token server's builder returned it, whole.",
                    zh: "按 Token 服务器的生成方法返回的原样传入完整的 Token。",
                ),
            )
        }
    }
}
