//! [`Lookalike`]: what users report as a token problem and is not a token error, from
//! `catalog/lookalikes.md`, each with what it is, what to check and where that was read.

use crate::catalog::{CONVOAI_NAMES, ERROR_WORDS, LOOKALIKES};
use crate::{CodeSpace, Locale};

/// How a lookalike is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum By {
    /// An SDK identifier, in any case, alone or as a word of a text.
    Name,
    /// A code in its code space, alone or written after its product's name in a text.
    Code,
    /// An HTTP status of Conversational AI's REST API, within a text that names the product.
    Status,
    /// A phrase, in any case, within a text.
    Text,
}

/// A code, an SDK identifier or a text that users report as a token problem and that is not a
/// token error by itself (a project that is not active, RTM not enabled, a server error, a wrong
/// region), with what it is and what to check instead. Where no public source says what a code
/// means, [`meaning`](Lookalike::meaning) says so. [`Report`](crate::Report) gives it when
/// nothing in the input is a token error; [`TokenError::from_message`](crate::TokenError) and
/// [`scan`](crate::scan) stay silent on it.
///
/// ```
/// use agora_token_errors::{CodeSpace, Locale, Report};
///
/// let r = Report::of("-10012", &[CodeSpace::Rtm], None);
/// assert!(r.errors().is_empty());
/// let l = r.lookalike().unwrap();
/// assert_eq!((l.space(), l.code()), (Some(CodeSpace::Rtm), Some(-10012)));
/// assert!(l.meaning(Locale::En).contains("server"));
/// assert!(l.meaning(Locale::Zh).contains("服务"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lookalike {
    // Written by `build.rs` from `catalog/lookalikes.md` (the `lookalikes!` macro), read here.
    pub(crate) text: &'static str,
    pub(crate) by: By,
    pub(crate) space: Option<CodeSpace>,
    pub(crate) code: Option<i32>,
    pub(crate) product: &'static str,
    /// In English and in Simplified Chinese.
    pub(crate) meaning: [&'static str; 2],
    pub(crate) check: [&'static str; 2],
    pub(crate) source: &'static str,
}

impl Lookalike {
    /// The identifier or phrase it is recognised by (`ERR_NO_ACTIVE_STATUS`, `allocate
    /// failed`); empty for a code alone.
    #[must_use]
    pub fn text(&self) -> &'static str {
        self.text
    }

    /// The code space of its code, if it has one.
    #[must_use]
    pub fn space(&self) -> Option<CodeSpace> {
        self.space
    }

    /// Its code, if it has one.
    #[must_use]
    pub fn code(&self) -> Option<i32> {
        self.code
    }

    /// The product it comes from: `"rtc"`, `"rtm"`, `"chat"` or `"convoai"` (Conversational AI).
    #[must_use]
    pub fn product(&self) -> &'static str {
        self.product
    }

    /// What it is, in a sentence in `locale` (or that no public source says what it is, and what
    /// is known).
    #[must_use]
    pub fn meaning(&self, locale: Locale) -> &'static str {
        self.meaning[usize::from(locale == Locale::Zh)]
    }

    /// What to check instead, in a sentence in `locale`.
    #[must_use]
    pub fn check(&self, locale: Locale) -> &'static str {
        self.check[usize::from(locale == Locale::Zh)]
    }

    /// Where it was read: repository or package and path, a documentation page or an issue.
    #[must_use]
    pub fn citation(&self) -> &'static str {
        self.source
    }
}

/// The most of a text looked at for a lookalike: a report keeps 4 KiB.
const MAX_TEXT: usize = 4096;

/// The lookalike `input` is: a code read in `spaces`, an identifier, or a text holding an
/// identifier, a phrase, or a product's name and a code of that product (`RTM error code:
/// -10012`). The first row that matches, in the table's order.
pub(crate) fn of(input: &str, spaces: &[CodeSpace]) -> Option<&'static Lookalike> {
    let text = input.trim();
    let text = &text[..(0..=text.len().min(MAX_TEXT))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)];
    if let Ok(code) = text.parse::<i32>() {
        // Any row with that code in a space it is read in, in the order the spaces are read.
        return spaces.iter().find_map(|&space| {
            LOOKALIKES
                .iter()
                .find(|l| l.code == Some(code) && l.space == Some(space))
        });
    }
    let lower = text.to_ascii_lowercase();
    LOOKALIKES.iter().find(|l| match l.by {
        By::Name => {
            let name = l.text.to_ascii_lowercase();
            let member = name.rsplit('.').next().unwrap_or(&name);
            has_word(&lower, &name) || has_word(&lower, member)
        }
        By::Text => has_word(&lower, l.text),
        By::Status => {
            // Beside a name of Conversational AI (`catalog/words.md`), never alone.
            l.code.is_some_and(|code| has_number(&lower, code))
                && CONVOAI_NAMES
                    .iter()
                    .any(|name| core::str::from_utf8(name).is_ok_and(|n| lower.contains(n)))
        }
        By::Code => {
            let (Some(code), Some(space)) = (l.code, l.space) else {
                return false;
            };
            // A code of three digits or more, after its product's name: a bare small number in
            // a text is too common to say anything. A code of five digits or more (RTM 2.x's
            // -10001 to -15xxx) also right after an error word: `error code: -10012`.
            code.unsigned_abs() >= 100
                && has_number(&lower, code)
                && (has_word(&lower, space.product().as_str())
                    || code.unsigned_abs() >= 10_000 && after_error_word(&lower, code))
        }
    })
}

/// Whether `word` stands in `text` as a whole word (not inside a longer identifier or number:
/// `code: 1410` is not in `code: 14100`).
fn has_word(text: &str, word: &str) -> bool {
    let b = text.as_bytes();
    let inside = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    text.match_indices(word)
        .any(|(at, _)| (at == 0 || !inside(at - 1)) && !inside(at + word.len()))
}

/// Whether `code` is written in `text` right after a word that reports an error (`error code:
/// -10012`, `errorCode=-10012`, `错误码：-10012`): nothing but separators between them.
fn after_error_word(text: &str, code: i32) -> bool {
    let written = code.to_string();
    text.match_indices(&written).any(|(at, _)| {
        let before = text[..at].trim_end_matches(|c: char| {
            c.is_ascii_whitespace() || matches!(c, ':' | '=' | '：' | '(' | '[' | '"')
        });
        // An error word of `catalog/words.md`, alone or before `code` (`error code`), or
        // Chinese `错误`, `错误码`, `错误代码`.
        let before = before.strip_suffix("code").map_or(before, str::trim_end);
        let before = before
            .strip_suffix('码')
            .map_or(before, |b| b.strip_suffix('代').unwrap_or(b));
        before.ends_with("错误")
            || ERROR_WORDS.iter().any(|w| {
                let w = core::str::from_utf8(w).unwrap_or_default();
                before.strip_suffix(w).is_some_and(|rest| {
                    !rest.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                })
            })
    })
}

/// Whether `code` is written in `text` as a whole number, its sign included.
fn has_number(text: &str, code: i32) -> bool {
    let written = code.to_string();
    let b = text.as_bytes();
    text.match_indices(&written).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| b[i]);
        let signed_before = code >= 0 && before == Some(b'-');
        !signed_before
            && !before.is_some_and(|c| c.is_ascii_digit())
            && !b.get(at + written.len()).is_some_and(u8::is_ascii_digit)
    })
}
