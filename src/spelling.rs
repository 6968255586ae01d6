//! One row of the catalog: how one SDK family spells one error.

use crate::catalog::names::{self, Qualifier};
use crate::{CodeSpace, Language, Product, TokenError};

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
/// assert_eq!(web.identifier(), "ERR_STATIC_USE_DYANMIC_KE"); // the SDK's own spelling
/// assert_eq!(web.code(), Some(119));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Spelling {
    identifier: &'static str,
    member_at: usize,
    language: Language,
    space: CodeSpace,
    code: Option<i32>,
    error: TokenError,
    source: &'static str,
    shared: bool,
}

impl Spelling {
    // One argument per column of `catalog/identifiers.md`, as the generated table passes them.
    #[allow(clippy::too_many_arguments)]
    pub(crate) const fn new(
        identifier: &'static str,
        member_at: usize,
        language: Language,
        space: CodeSpace,
        code: Option<i32>,
        error: TokenError,
        source: &'static str,
        shared: bool,
    ) -> Self {
        Spelling {
            identifier,
            member_at,
            language,
            space,
            code,
            error,
            source,
            shared,
        }
    }

    /// Whether other vendors print this identifier too (`catalog/shared.md`): in a text it counts
    /// only where the text also says it comes from Agora.
    ///
    /// ```
    /// use agora_token_errors::Spelling;
    ///
    /// assert!(Spelling::from_name("INVALID_TOKEN").unwrap().is_shared()); // also Adobe's
    /// assert!(!Spelling::from_name("ERR_NO_AUTHORIZED").unwrap().is_shared());
    /// ```
    #[must_use]
    pub const fn is_shared(&self) -> bool {
        self.shared
    }

    /// The catalog row an SDK identifier names, or `None`. Like [`TokenError::from_name`] it
    /// ignores case and surrounding whitespace; where SDK enums share a member, the qualifier
    /// picks the row (`ConnectionChangedReason.InvalidToken` is connection reason 8,
    /// `ErrorCode.InvalidToken` native 110), and a name without a known qualifier gives the
    /// first row of its member.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Spelling};
    ///
    /// let s = Spelling::from_name("ConnectionChangedReason.InvalidToken").unwrap();
    /// assert_eq!((s.space(), s.code()), (CodeSpace::ConnectionChangedReason, Some(8)));
    /// let s = Spelling::from_name("ErrorCode.InvalidToken").unwrap();
    /// assert_eq!((s.space(), s.code()), (CodeSpace::Native, Some(110)));
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<&'static Spelling> {
        if name.len() > 128 {
            return None;
        }
        let (qualifier, member) = names::split(name.as_bytes().trim_ascii());
        names::resolve(qualifier, member, Qualifier::Lenient)
    }

    /// The identifier exactly as the SDK (or, for the FAQ's variants, the FAQ) writes it,
    /// qualified where the SDK's users write it qualified (`AgoraErrorCode.invalidToken`).
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.spellings()[0];
    /// assert_eq!(s.identifier(), "ERR_TOKEN_EXPIRED");
    /// ```
    #[must_use]
    pub const fn identifier(&self) -> &'static str {
        self.identifier
    }

    /// The qualifier the identifier is written with (`AgoraErrorCode` of
    /// `AgoraErrorCode.invalidToken`), or `None`.
    ///
    /// ```
    /// let s = agora_token_errors::Spelling::from_name("ErrorCodeType.errInvalidToken").unwrap();
    /// assert_eq!(s.qualifier(), Some("ErrorCodeType"));
    /// assert_eq!(s.member(), "errInvalidToken");
    /// ```
    #[must_use]
    pub fn qualifier(&self) -> Option<&'static str> {
        (self.member_at > 0).then(|| &self.identifier[..self.member_at - 1])
    }

    /// The identifier without its qualifier.
    ///
    /// ```
    /// let s = agora_token_errors::Spelling::from_name("ERR_INVALID_TOKEN").unwrap();
    /// assert_eq!(s.member(), "ERR_INVALID_TOKEN");
    /// ```
    #[must_use]
    pub fn member(&self) -> &'static str {
        &self.identifier[self.member_at..]
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

    /// The product whose SDK uses it (its code space's product; serialised beside the space).
    #[must_use]
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) const fn product(&self) -> Product {
        self.space.product()
    }

    /// Its number as the SDK defines it, or `None` for a string-only identifier (Web 4.x
    /// `TOKEN_EXPIRE`).
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
    /// assert!(s.citation().starts_with("AgoraIO/API-Examples "));
    /// ```
    #[must_use]
    pub const fn citation(&self) -> &'static str {
        self.source
    }
}

/// Every spelling in the catalog, grouped by [`TokenError`] in declaration order.
///
/// ```
/// let all = agora_token_errors::spellings();
/// assert!(all.iter().any(|s| s.identifier() == "AgoraErrorCodeTokenExpired"));
/// ```
#[must_use]
pub fn spellings() -> &'static [Spelling] {
    &crate::catalog::SPELLINGS
}
