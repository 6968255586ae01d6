//! The languages the crate's own texts are written in, and one error's texts in one of them.

crate::space::listed_enum! {
    /// A language the crate's causes, remediations and summaries are written in.
    ///
    /// ```
    /// use agora_token_errors::Locale;
    /// assert_eq!("zh".parse::<Locale>(), Ok(Locale::Zh));
    /// assert_eq!(Locale::Zh.to_string(), "简体中文");
    /// ```
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
    #[non_exhaustive]
    pub enum Locale {
        /// English.
        #[default]
        En = "en",
        /// Simplified Chinese, for Shengwang's users.
        Zh = "zh",
    }
}

impl Locale {
    /// Its name in its own language (`English`, `简体中文`).
    fn label(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Zh => "简体中文",
        }
    }

    /// The locale a BCP 47 tag such as a browser's `navigator.language` names (`zh-CN`,
    /// `zh-Hans`, `en-US`), if the crate writes in it.
    fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next().unwrap_or(tag);
        Locale::ALL
            .iter()
            .copied()
            .find(|l| primary.eq_ignore_ascii_case(l.as_str()))
    }
}

impl core::fmt::Display for Locale {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.label())
    }
}

/// Reads `en`, `zh`, a BCP 47 tag (`zh-CN`, `en-US`) or the language's own name.
impl core::str::FromStr for Locale {
    type Err = crate::UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(l) = Locale::from_tag(s.trim()) {
            return Ok(l);
        }
        crate::unknown::parse_keyed(
            s,
            Locale::ALL.iter().map(|&l| (l.label(), l)),
            "a locale (en, zh)",
        )
    }
}

/// What one [`TokenError`](crate::TokenError) is, why it happens and what to do, in one
/// product's terms and one language: what [`TokenError::texts`](crate::TokenError::texts) gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Texts {
    pub(crate) summary: &'static str,
    pub(crate) cause: &'static str,
    pub(crate) remediation: &'static str,
}

impl Texts {
    /// One sentence saying what the error is.
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.summary
    }

    /// What made the SDK report it.
    #[must_use]
    pub fn cause(&self) -> &'static str {
        self.cause
    }

    /// What the app or its token server must change.
    #[must_use]
    pub fn remediation(&self) -> &'static str {
        self.remediation
    }
}
