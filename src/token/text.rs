//! The texts diagnosis writes (findings, advice, the damage it names), each in every language
//! the crate writes in, side by side where it is written: [`tr!`] builds one, and a text
//! without one of them does not compile.

use std::borrow::Cow;

use crate::Locale;

/// One text in each [`Locale`]: what [`tr!`] builds. A locale added to [`Locale`] is a field
/// added here, so every text missing it fails to compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Text<S = Cow<'static, str>> {
    pub(crate) en: S,
    pub(crate) zh: S,
}

impl Text {
    /// The text in `locale`.
    pub(crate) fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.en,
            Locale::Zh => &self.zh,
        }
    }
}

impl From<Text<&'static str>> for Text {
    fn from(t: Text<&'static str>) -> Text {
        Text {
            en: Cow::Borrowed(t.en),
            zh: Cow::Borrowed(t.zh),
        }
    }
}

/// `s` set after Chinese text: with a space before it when it starts with a Latin letter, a
/// digit or a mark (`Token`, `DynamicKey 3`, `` `=` ``), as Chinese technical writing sets them.
pub(crate) fn after_zh(s: &str) -> String {
    if s.starts_with(|c: char| c.is_ascii_graphic()) {
        format!(" {s}")
    } else {
        s.to_owned()
    }
}

/// A text in English and Chinese, side by side: `tr!(en: ..., zh: ...)`, each a `&'static str`
/// or a `String` (`format!` for values: channel names, uids and times appear as in English).
macro_rules! tr {
    (en: $en:expr, zh: $zh:expr $(,)?) => {
        $crate::token::text::Text {
            en: ::core::convert::Into::into($en),
            zh: ::core::convert::Into::into($zh),
        }
    };
}
pub(crate) use tr;
