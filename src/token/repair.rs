//! Transport damage: finding it, naming it, and undoing it.
//!
//! Tokens are base64 text, and text gets mangled on its way from a token server to an SDK:
//! trimmed badly, quoted, JSON- or URL-encoded (sometimes twice), decoded as a form, wrapped,
//! converted to URL-safe base64, labelled (`Bearer `, `token=`, a JSON object), pasted twice.
//! Each kind leaves a sign no real token contains, so it can be named exactly (which character,
//! where) and undone, in any combination. A text with no token's start in it (`006` and an App
//! ID, or `007e` and a zlib header's letter, `007eJ` from Agora's builders) is not a token, and
//! nothing is repaired in it.

use std::borrow::Cow;
use std::fmt;

use super::{Damage, Token};

/// A token as it was meant to be: the text given with its transport damage undone, and what
/// was undone. What [`Diagnosis::of`](super::Diagnosis::of) repairs before it diagnoses, for a `/check`
/// endpoint or a log to show. Its `Debug` shows the token's first characters only.
///
/// ```
/// use agora_token_errors::token::{Damage, repair};
///
/// let token = "007eJxTYBC0/test"; // a token's start, for the example
/// let r = repair(&format!("Bearer {token}"));
/// assert_eq!(r.token(), token);
/// assert_eq!(r.undone(), [Damage::Wrapped]);
/// let r = repair(&format!(r#"{{"token":"{}"}}"#, token.replace('+', " ")));
/// assert_eq!(r.undone(), [Damage::Wrapped]);
/// // Text that is not a token is not repaired.
/// assert_eq!(repair("hello world").undone(), []);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Repaired {
    token: String,
    undone: Vec<Damage>,
}

impl Repaired {
    /// The repaired token (the text as given when nothing needed undoing).
    #[must_use]
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Each kind of damage undone, once, in the order repair undoes them.
    #[must_use]
    pub fn undone(&self) -> &[Damage] {
        &self.undone
    }
}

impl fmt::Debug for Repaired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Repaired")
            .field("token", &crate::shown::Shown(&self.token))
            .field("undone", &self.undone)
            .finish()
    }
}

/// The text given with its transport damage undone: edges, quotes, wrappers (`Bearer `,
/// `token=`, a JSON object), a second copy, characters after the padding, JSON and URL escapes,
/// spaces for `+`, line breaks, invisible characters, URL-safe base64 and dropped padding. Text
/// with no token's start in it is returned as it is.
#[must_use]
pub fn repair(text: &str) -> Repaired {
    let (token, seen) = repaired(text);
    Repaired {
        token: token.into_owned(),
        undone: seen.iter().map(|s| s.damage).collect(),
    }
}

/// [`repair`], with where each damage was first seen; a clean token is not copied.
pub(super) fn repaired(token: &str) -> (Cow<'_, str>, Vec<Seen>) {
    // Most tokens arrive whole: only one with a byte outside base64 is copied to be repaired.
    let (mut text, mut seen) = if is_clean(token) {
        (Cow::Borrowed(token), Vec::new())
    } else {
        let (text, seen) = undo(token);
        (Cow::Owned(text), seen)
    };
    if let Some(padded) = padded(&text) {
        // Padding is restored only when that yields a token: otherwise the body was cut short.
        if Token::parse(&padded).is_ok() {
            seen.push(Seen {
                damage: Damage::PaddingRemoved,
                position: token.trim_end().len(),
                character: '=',
            });
            text = Cow::Owned(padded);
        }
    }
    (text, seen)
}

/// One kind of damage found, with where it was first seen (in the input as given) and the
/// character seen there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Seen {
    pub(super) damage: Damage,
    pub(super) position: usize,
    pub(super) character: char,
}

/// The length of the App ID a 006 token carries in clear after its version.
pub(super) const APP_ID_LEN: usize = 32;

/// `token` with the `=` padding its base64 body lacks, if it lacks any (and could have lost it).
pub(super) fn padded(token: &str) -> Option<String> {
    let body = match token.get(..3)? {
        "007" => token.len() - 3,
        "006" => token.len().checked_sub(3 + APP_ID_LEN)?,
        _ => return None,
    };
    match body % 4 {
        2 => Some(format!("{token}==")),
        3 => Some(format!("{token}=")),
        _ => None,
    }
}

/// Zero-width spaces and joiners, the byte-order mark, no-break spaces, the word joiner.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00A0}' | '\u{202F}'
    )
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}'
    )
}

/// Whether `token` is made only of the standard base64 alphabet with its padding at the end,
/// starts with a version and holds one token, as every undamaged token does: then it has no
/// transport damage to look for.
pub(super) fn is_clean(token: &str) -> bool {
    let b = token.as_bytes();
    // A fold without early exit, so that it compiles to a vector loop.
    let outside = b.iter().fold(0u8, |outside, &b| {
        outside | u8::from(!(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')))
    });
    let padding = b.iter().rev().take_while(|&&c| c == b'=').count();
    outside == 0
        && memchr::memchr(b'=', &b[..b.len() - padding]).is_none()
        && (b.starts_with(b"007") || b.starts_with(b"006"))
        && token_start(token, 1).is_none()
}

/// Where a token starts in `text`: `007` and the base64 of a zlib header
/// ([`STARTS_007`](crate::starts::STARTS_007): `007eJ` from Agora's builders), or `006` and a
/// 32-digit hexadecimal App ID.
fn token_start(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memmem::find_iter(&b[from..], b"00")
        .map(|i| from + i)
        .find(|&i| {
            let rest = &b[i..];
            crate::starts::STARTS_007
                .iter()
                .any(|s| rest.starts_with(s.as_bytes()))
                || (rest.starts_with(b"006")
                    && rest.len() >= 35
                    && rest[3..35].iter().all(u8::is_ascii_hexdigit))
        })
}

/// Whether `c` can stand inside a (possibly damaged) token: base64, its padding, and the
/// characters transport damage leaves.
fn in_token(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '+' | '/' | '=' | '%' | '\\' | '-' | '_' | ' ' | '\n' | '\r' | '\t'
        )
        || is_invisible(c)
}

/// Whether `c` is what wraps a value: quotes, JSON and query punctuation.
fn is_wrapper_punctuation(c: char) -> bool {
    is_quote(c) || matches!(c, '}' | ']' | ')' | '>' | '&' | ',' | ';')
}

/// Where the token is in `text`: the bytes to repair, and the wrappers around it (a label
/// before it, JSON or query text after it, characters after its padding, a second copy pasted
/// after it). `None` when no token starts in `text`: it is not a token.
fn locate(text: &str) -> Option<(usize, usize, Vec<Seen>)> {
    let at = token_start(text, 0)?;
    let mut seen = Vec::new();
    let is_edge = |c: char| c.is_whitespace() || is_quote(c) || is_invisible(c);
    let from = match text[..at].char_indices().find(|&(_, c)| !is_edge(c)) {
        Some((i, c)) => {
            seen.push(Seen {
                damage: Damage::Wrapped,
                position: i,
                character: c,
            });
            at
        }
        None => 0,
    };
    // The token runs while its characters can be a token's, and ends after its padding.
    let mut end = text.len();
    let mut padding = false;
    for (i, c) in text[at..].char_indices() {
        if !in_token(c) || (padding && c != '=') {
            end = at + i;
            break;
        }
        padding |= c == '=';
    }
    // A second token's start inside it or right after it: pasted twice, or two joined.
    let again = token_start(text, at + 1).filter(|&q| {
        q < end
            || text[end..q]
                .chars()
                .all(|c| is_edge(c) || c == ',' || c == ';')
    });
    if let Some(again) = again {
        seen.push(Seen {
            damage: Damage::Repeated,
            position: again,
            character: '0',
        });
        // The first copy ends where the second starts, less what separates them.
        end = text[..end.min(again)]
            .trim_end_matches(|c: char| is_edge(c) || c == ',' || c == ';')
            .len();
        // What follows the first copy is the second one, not a wrapper.
        return Some((from, end, seen));
    }
    // `007eJx...`, `007eJx…`: the head of a token shown for display, the rest cut off.
    if !padding && (text[end..].starts_with("..") || text[end..].starts_with('\u{2026}')) {
        seen.push(Seen {
            damage: Damage::Elided,
            position: end,
            character: text[end..].chars().next().unwrap_or('.'),
        });
        return Some((from, end, seen));
    }
    let to = match text[end..].char_indices().find(|&(_, c)| !is_edge(c)) {
        Some((i, c)) => {
            let damage = if is_wrapper_punctuation(c) || text[end..].starts_with(is_quote) {
                Damage::Wrapped
            } else {
                Damage::TrailingCharacters
            };
            if !seen.iter().any(|s| s.damage == damage) {
                seen.push(Seen {
                    damage,
                    position: end + i,
                    character: c,
                });
            }
            end
        }
        None => text.len(),
    };
    Some((from, to, seen))
}

/// The first damage in `token`, without undoing anything: what [`Token::parse`] reports.
///
/// [`Token::parse`]: super::Token::parse
pub(super) fn first(token: &str) -> Option<Seen> {
    if is_clean(token) {
        return None;
    }
    let (from, to, mut around) = locate(token)?;
    if !around.is_empty() {
        around.sort_by_key(|s| s.position);
        return around.first().copied();
    }
    let token = &token[from..to];
    let seen = |damage, position: usize| Seen {
        damage,
        position,
        character: token[position..].chars().next().unwrap_or(' '),
    };
    let first = token.chars().next()?;
    let last_at = token.char_indices().last().map_or(0, |(i, _)| i);
    let last = token[last_at..].chars().next()?;
    if first.is_whitespace() && !is_invisible(first) {
        return Some(seen(Damage::LeadingWhitespace, 0));
    }
    if last.is_whitespace() && !is_invisible(last) {
        return Some(seen(Damage::TrailingWhitespace, last_at));
    }
    if is_quote(first) {
        return Some(seen(Damage::Quoted, 0));
    }
    for (i, c) in token.char_indices() {
        let damage = match c {
            '\\' => Damage::JsonEscaped,
            '%' if is_percent_escape(&token.as_bytes()[i..]) => Damage::UrlEncoded,
            ' ' => Damage::SpaceForPlus,
            '\n' | '\r' | '\t' => Damage::LineBreaks,
            c if is_invisible(c) => Damage::InvisibleCharacters,
            '-' | '_' => Damage::UrlSafeAlphabet,
            _ => continue,
        };
        return Some(seen(damage, i));
    }
    None
}

fn is_percent_escape(b: &[u8]) -> bool {
    b.len() >= 3 && b[0] == b'%' && b[1].is_ascii_hexdigit() && b[2].is_ascii_hexdigit()
}

/// Undoes every kind of damage in `text`, in a fixed order, and says what was undone (each
/// kind once, with where it was first seen in the input). Padding is restored by the caller,
/// which knows where the base64 starts. A text with no token in it is returned as it is.
pub(super) fn undo(text: &str) -> (String, Vec<Seen>) {
    let Some((from, to, around)) = locate(text) else {
        return (text.to_owned(), Vec::new());
    };
    let (out, mut found) = undo_inside(&text[from..to]);
    for s in &mut found {
        s.position += from;
    }
    found.extend(around);
    found.sort_by_key(|s| s.damage);
    (out, found)
}

/// [`undo`] over the token's own bytes.
fn undo_inside(token: &str) -> (String, Vec<Seen>) {
    let mut found: Vec<Seen> = Vec::new();
    let mut note = |damage, position, character| {
        if !found.iter().any(|s| s.damage == damage) {
            found.push(Seen {
                damage,
                position,
                character,
            });
        }
    };

    // Edges: whitespace and quotes, possibly nested (`"  007..."`), invisible characters too.
    let mut start = 0;
    let mut end = token.len();
    loop {
        let s = &token[start..end];
        let Some(c) = s.chars().next() else { break };
        let last = s.chars().next_back().unwrap_or(c);
        let last_at = end - last.len_utf8();
        if c.is_whitespace() && !is_invisible(c) {
            note(Damage::LeadingWhitespace, start, c);
            start += c.len_utf8();
        } else if last.is_whitespace() && !is_invisible(last) {
            note(Damage::TrailingWhitespace, last_at, last);
            end = last_at;
        } else if is_quote(c) {
            note(Damage::Quoted, start, c);
            start += c.len_utf8();
        } else if is_quote(last) {
            note(Damage::Quoted, last_at, last);
            end = last_at;
        } else {
            break;
        }
    }

    // Inside: JSON escapes, percent-encoding (repeatedly: tokens get encoded twice), then the
    // characters that never belong in base64.
    let mut out = String::with_capacity(end - start);
    let inner = &token[start..end];
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        match c {
            '\\' => {
                note(Damage::JsonEscaped, at, c);
                match chars.next() {
                    Some((_, 'u')) => {
                        let hex: String = (0..4)
                            .filter_map(|_| chars.next())
                            .map(|(_, h)| h)
                            .collect();
                        if let Some(ch) =
                            u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            out.push(ch);
                        }
                    }
                    Some((_, 'n' | 'r' | 't')) => {}
                    Some((_, other)) => out.push(other),
                    None => {}
                }
            }
            c if is_invisible(c) => note(Damage::InvisibleCharacters, at, c),
            '\n' | '\r' | '\t' => note(Damage::LineBreaks, at, c),
            c => out.push(c),
        }
    }
    let mut rounds = 0;
    while rounds < 3 && out.as_bytes().windows(3).any(is_percent_escape) {
        if rounds == 0 {
            let at = inner.find('%').map_or(start, |i| start + i);
            note(Damage::UrlEncoded, at, '%');
        }
        out = percent_decode(&out);
        rounds += 1;
    }
    if let Some(i) = out.find(' ') {
        note(
            Damage::SpaceForPlus,
            inner.find(' ').map_or(start + i, |j| start + j),
            ' ',
        );
        out = out.replace(' ', "+");
    }
    if let Some(i) = out.find(['-', '_']) {
        let c = out[i..].chars().next().unwrap_or('-');
        note(
            Damage::UrlSafeAlphabet,
            inner.find(c).map_or(start + i, |j| start + j),
            c,
        );
        out = out.replace('-', "+").replace('_', "/");
    }
    found.sort_by_key(|s| s.damage);
    (out, found)
}

/// Decodes `%XX` escapes; anything else is kept as it is.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if is_percent_escape(&b[i..]) {
            let hex = core::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("00");
            out.push(u8::from_str_radix(hex, 16).unwrap_or(b'%'));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
