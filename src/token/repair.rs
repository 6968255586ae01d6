//! Transport damage: finding it, naming it, and undoing it.
//!
//! Tokens are base64 text, and text gets mangled on its way from a token server to an SDK:
//! trimmed badly, quoted, JSON- or URL-encoded (sometimes twice), decoded as a form, wrapped,
//! converted to URL-safe base64. Each kind leaves a sign no real token contains, so it can be
//! named exactly (which character, where) and undone, in any combination.

use super::Damage;

/// One kind of damage found, with where it was first seen (in the input as given) and the
/// character seen there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Seen {
    pub(super) damage: Damage,
    pub(super) position: usize,
    pub(super) character: char,
}

/// Zero-width spaces and joiners, the byte-order mark, no-break spaces, the word joiner.
fn is_invisible(c: char) -> bool {
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

/// Whether `token` is made only of the standard base64 alphabet and its padding, as every
/// undamaged token is: then it has no transport damage to look for.
pub(super) fn is_clean(token: &str) -> bool {
    // A fold without early exit, so that it compiles to a vector loop.
    let outside = token.bytes().fold(0u8, |outside, b| {
        outside | u8::from(!(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')))
    });
    outside == 0
}

/// The first damage in `token`, without undoing anything: what [`Token::parse`] reports.
///
/// [`Token::parse`]: super::Token::parse
pub(super) fn first(token: &str) -> Option<Seen> {
    if is_clean(token) {
        return None;
    }
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

/// Undoes every kind of damage in `token`, in a fixed order, and says what was undone (each
/// kind once, with where it was first seen in the input). Padding is restored by the caller,
/// which knows where the base64 starts.
pub(super) fn undo(token: &str) -> (String, Vec<Seen>) {
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
