//! One row of the catalog: how one SDK family spells one error.

use crate::{CodeSpace, Language, TokenError};

/// One identifier an SDK uses for a [`TokenError`], with its language, code space, code and the
/// source it was read from.
///
/// ```
/// use agora_token_errors::{CodeSpace, Language, TokenError};
///
/// let web = TokenError::StaticUseDynamicKey
///     .spellings()
///     .iter()
///     .find(|s| s.language() == Language::JavaScript && s.space() == CodeSpace::Web)
///     .unwrap();
/// assert_eq!(web.name(), "ERR_STATIC_USE_DYANMIC_KE"); // the SDK's own spelling
/// assert_eq!(web.code(), Some(119));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Spelling {
    name: &'static str,
    language: Language,
    space: CodeSpace,
    code: Option<i32>,
    error: TokenError,
    source: &'static str,
}

impl Spelling {
    pub(crate) const fn new(
        name: &'static str,
        language: Language,
        space: CodeSpace,
        code: Option<i32>,
        error: TokenError,
        source: &'static str,
    ) -> Self {
        Spelling {
            name,
            language,
            space,
            code,
            error,
            source,
        }
    }

    /// The identifier exactly as the SDK (or, for the FAQ's variants, the FAQ) writes it.
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.spellings()[0];
    /// assert_eq!(s.name(), "ERR_TOKEN_EXPIRED");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The language the identifier is written in.
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.spellings()[0];
    /// assert_eq!(s.language(), agora_token_errors::Language::Cpp);
    /// ```
    #[must_use]
    pub const fn language(&self) -> Language {
        self.language
    }

    /// The code space its number belongs to.
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.spellings()[0];
    /// assert_eq!(s.space(), agora_token_errors::CodeSpace::Native);
    /// ```
    #[must_use]
    pub const fn space(&self) -> CodeSpace {
        self.space
    }

    /// Its number, or `None` for a string-only identifier (Web 4.x `TOKEN_EXPIRE`).
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.spellings()[0];
    /// assert_eq!(s.code(), Some(109));
    /// ```
    #[must_use]
    pub const fn code(&self) -> Option<i32> {
        self.code
    }

    /// The error it means.
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.spellings()[0];
    /// assert_eq!(s.error(), agora_token_errors::TokenError::TokenExpired);
    /// ```
    #[must_use]
    pub const fn error(&self) -> TokenError {
        self.error
    }

    /// Where it was read: repository or npm package, path and line.
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.spellings()[0];
    /// assert!(s.source().starts_with("AgoraIO/API-Examples "));
    /// ```
    #[must_use]
    pub const fn source(&self) -> &'static str {
        self.source
    }
}

/// Every spelling in the catalog, grouped by [`TokenError`] in declaration order.
///
/// ```
/// let all = agora_token_errors::spellings();
/// assert!(all.iter().any(|s| s.name() == "AgoraErrorCodeTokenExpired"));
/// ```
#[must_use]
pub fn spellings() -> &'static [Spelling] {
    &crate::catalog::SPELLINGS
}
