//! Logs scanned: `scanBytes` (a piece of a file, for the debugger page's worker), `scan` (a
//! whole text, offsets in UTF-16 units), and `matchMessage`, the error text a page's other build
//! explains (see `split`).

use wasm_bindgen::prelude::*;

#[cfg(feature = "messages")]
use crate::offsets::Utf16Offsets;
#[cfg(feature = "messages")]
use crate::{string_argument, to_js};

/// Scans a log for every token error, token event and token: one object per place found, with
/// its 1-based `line` and `column`, and `start`/`end`, in UTF-16 units (`text.slice(start, end)`). Tokens are
/// shown cut short. Linear in the text.
///
/// # Errors
///
/// A `TypeError` when `text` is not a string.
#[cfg(feature = "messages")]
#[wasm_bindgen(unchecked_return_type = "Found[]")]
pub fn scan(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> Result<JsValue, JsValue> {
    let text = string_argument(text, "text")?;
    let found: Vec<_> = agora_token_errors::scan(text.as_bytes()).collect();
    let units = Utf16Offsets::new(
        &text,
        found.iter().flat_map(|f| {
            let line_start = f.span().start + 1 - f.column();
            [line_start, f.span().start, f.span().end]
        }),
    );
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        let mut value = serde_json::to_value(f).map_err(|e| JsError::new(&e.to_string()))?;
        if let Some(object) = value.as_object_mut() {
            let (start, line_start) = (f.span().start, f.span().start + 1 - f.column());
            object.insert("start".into(), units.get(start).into());
            object.insert("end".into(), units.get(f.span().end).into());
            let column = units.get(start) - units.get(line_start) + 1;
            object.insert("column".into(), column.into());
        }
        out.push(value);
    }
    to_js(&out)
}

/// Scans a piece of a log given as UTF-8 bytes, for a page's worker reading a file piece by
/// piece: pieces cut just after a line break are scanned exactly as the whole file would be
/// (as the library's `scan_reader` does). Returns `{ lines, found }`: the line breaks in the
/// piece, and each place found as the command-line tool's `scan --json` writes it (`line`,
/// `column`, `start` and `end` in bytes of the piece, `error`, `evidence`, `support`, `event`,
/// `token` shown by its head), the first `shown` of them also with `text`, its line cut to a
/// window around it with every token on it shown by its head, and `from`/`to`, where the place
/// is in that text (UTF-16 units). Tokens never appear whole.
///
/// # Errors
///
/// A `TypeError` when `shown` is not a whole number.
#[wasm_bindgen(js_name = scanBytes, unchecked_return_type = "ScannedPiece")]
pub fn scan_bytes(
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "number | undefined")] shown: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let shown = match shown {
        Some(v) if !(v.is_undefined() || v.is_null()) => {
            usize::try_from(crate::input::whole_number(&v, "shown", u64::MAX)?)
                .unwrap_or(usize::MAX)
        }
        _ => usize::MAX,
    };
    let found: Vec<_> = agora_token_errors::scan(bytes).collect();
    let tokens: Vec<_> = found
        .iter()
        .filter(|f| f.token().is_some())
        .map(agora_token_errors::Found::span)
        .collect();
    // One JSON text for the whole piece, parsed once on the JavaScript side: each place written
    // by the crate's serde straight into it (a `serde_json::Value` per place, then one text of
    // them all, cost five times as much), the shown ones with their three fields after it.
    let mut json = Vec::with_capacity(64 + found.len() * 112);
    json.extend_from_slice(b"{\"found\":[");
    for (i, f) in found.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        serde_json::to_writer(&mut json, f).map_err(|e| JsError::new(&e.to_string()))?;
        if i < shown && json.last() == Some(&b'}') {
            json.pop();
            let (text, from, to) = shown_line(f, &tokens);
            json.extend_from_slice(b",\"text\":");
            serde_json::to_writer(&mut json, &text).map_err(|e| JsError::new(&e.to_string()))?;
            push_number(&mut json, b",\"from\":", from);
            push_number(&mut json, b",\"to\":", to);
            json.push(b'}');
        }
    }
    // One pass over a piece of a few MiB; not worth a dependency (bytecount) of its own.
    #[allow(clippy::naive_bytecount)]
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    push_number(&mut json, b"],\"lines\":", lines);
    json.push(b'}');
    let json = String::from_utf8(json).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// `key` (`,"name":`) and `n` after it, in decimal.
fn push_number(json: &mut Vec<u8>, key: &[u8], n: usize) {
    json.extend_from_slice(key);
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        // A decimal digit: n % 10 < 10.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (n % 10) as u8;
        digits[at] = b'0' + digit;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    json.extend_from_slice(&digits[at..]);
}

/// Reads an error text as `explain` reads one, for a page whose `explain` is in another build
/// without the phrase tables: the match (`matched` of `explain`'s report, as JSON text) that
/// that build's `explainMatch` writes the report of, or `undefined` when the text reports no
/// token error.
///
/// # Errors
///
/// A `TypeError` when `text` is not a string.
#[cfg(feature = "split")]
#[wasm_bindgen(js_name = matchMessage, unchecked_return_type = "string | undefined")]
pub fn match_message(
    #[wasm_bindgen(unchecked_param_type = "string")] text: &JsValue,
) -> Result<JsValue, JsValue> {
    let text = crate::string_argument(text, "text")?;
    // As the one reader of a user's report reads it: a text that is nothing but a spelling
    // other software prints too counts here (`Support::Reported`), never in a log.
    match agora_token_errors::TokenError::match_report(&text) {
        Some(m) => serde_json::to_string(&m)
            .map(JsValue::from)
            .map_err(|e| JsError::new(&e.to_string()).into()),
        None => Ok(JsValue::UNDEFINED),
    }
}

/// What a place found looks like in a list: its line cut to a window around it, every token
/// on that window shown by its head only, and where the place is in that text (UTF-16 units).
fn shown_line(
    f: &agora_token_errors::Found<'_>,
    tokens: &[core::ops::Range<usize>],
) -> (String, usize, usize) {
    /// Bytes of context kept on each side.
    const AROUND: usize = 120;
    let span = f.span();
    let line_start = span.start + 1 - f.column();
    let line = f.line_text();
    if line.is_empty() {
        // A line that is not UTF-8: what was found, alone.
        let text = if f.token().is_some() {
            shown_token(f.text())
        } else {
            f.text().to_owned()
        };
        let len = text.encode_utf16().count();
        return (text, 0, len);
    }
    let floor = |mut i: usize| {
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (s, e) = (span.start - line_start, span.end - line_start);
    let from = floor(s.saturating_sub(AROUND));
    let to = floor((e + AROUND).min(line.len()));
    let mut text = String::with_capacity(to - from + 8);
    if from > 0 {
        text.push('…');
    }
    // Where the place starts and ends in `text`, in UTF-16 units, once passed.
    let (mut start, mut end) = (None, None);
    let mut pos = from;
    // Copies `line[pos..upto]`, noting `s` and `e` on the way.
    let plain = |text: &mut String,
                 pos: &mut usize,
                 upto: usize,
                 start: &mut Option<usize>,
                 end: &mut Option<usize>| {
        for (mark, at) in [(&mut *start, s), (&mut *end, e)] {
            if mark.is_none() && *pos <= at && at <= upto {
                text.push_str(&line[*pos..at]);
                *pos = at;
                *mark = Some(text.encode_utf16().count());
            }
        }
        if upto > *pos {
            text.push_str(&line[*pos..upto]);
            *pos = upto;
        }
    };
    let mut on_window: Vec<(usize, usize)> = tokens
        .iter()
        .filter(|t| t.start >= line_start && t.end <= line_start + line.len())
        .map(|t| (t.start - line_start, t.end - line_start))
        .filter(|&(ts, te)| te > from && ts < to)
        .collect();
    on_window.sort_unstable();
    for (ts, te) in on_window {
        let (ts, te) = (ts.max(pos), te.min(to));
        if ts >= te || !line.is_char_boundary(ts) || !line.is_char_boundary(te) {
            continue;
        }
        plain(&mut text, &mut pos, ts, &mut start, &mut end);
        if start.is_none() && ts <= s && s < te {
            start = Some(text.encode_utf16().count());
        }
        text.push_str(&shown_token(&line[ts..te]));
        pos = te;
        if end.is_none() && ts < e && e <= te {
            end = Some(text.encode_utf16().count());
        }
    }
    plain(&mut text, &mut pos, to, &mut start, &mut end);
    if to < line.len() {
        text.push('…');
    }
    let start = start.unwrap_or(0);
    (text, start, end.unwrap_or(start).max(start))
}

/// A token as a list shows it: its first 12 characters and `…`.
fn shown_token(token: &str) -> String {
    let head: String = token.chars().take(12).collect();
    format!("{head}…")
}
