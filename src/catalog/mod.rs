//! `TokenError` and its lookups, generated from `catalog/*.md` by `build.rs` through the macros
//! in `macros.rs`.

use core::fmt;
use core::str::FromStr;

use crate::{Action, Language, Locale, Product, Spelling, Texts, UnknownName};

#[macro_use]
mod macros;
pub(crate) mod names;

/// The prose of one variant, straight from `catalog/errors.md`.
pub(crate) struct Prose {
    pub(crate) variant: &'static str,
    pub(crate) action: Action,
    pub(crate) display: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) cause: &'static str,
    pub(crate) remediation: &'static str,
    pub(crate) native: &'static str,
    pub(crate) web: &'static str,
}

/// One row of `catalog/phrases.md`: a text an SDK prints for a token error.
#[cfg_attr(not(feature = "messages"), allow(dead_code))]
pub(crate) struct Phrase {
    pub(crate) text: &'static str,
    pub(crate) min: usize,
    pub(crate) space: CodeSpace,
    pub(crate) code: Option<i32>,
    pub(crate) error: TokenError,
    pub(crate) source: &'static str,
    /// Other vendors print it too (`catalog/shared.md`): it counts only in an Agora text. In
    /// words, and joined by underscores (OAuth's `invalid_token`).
    pub(crate) shared: bool,
    pub(crate) shared_joined: bool,
}

/// One row of `catalog/callbacks.md`: a callback whose arguments carry a code of `space` (the
/// table cites where each name was read).
#[cfg_attr(not(feature = "messages"), allow(dead_code))]
pub(crate) struct CodedCallback {
    pub(crate) name: &'static str,
    pub(crate) space: CodeSpace,
    /// The fields the code is read from, in order: `-` for the number right after the name,
    /// else the word the number follows (`reason`).
    pub(crate) fields: &'static [&'static str],
}

/// What a hit of an anchor of `catalog/anchors.md` is checked for.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "messages"), allow(dead_code))]
pub(crate) enum AnchorCheck {
    /// An identifier containing the anchor, else a phrase around it.
    Word,
    /// Only a phrase around it (anchors chosen for a phrase's cut-short prefix).
    Phrase,
    /// A callback of `catalog/callbacks.md` whose code is read (`onConnectionStateChanged ...
    /// reason: 8`).
    Callback,
    /// A word that reports an error (`error`, `errorCode`, `错误`, `expired`, `invalid`): a
    /// native code right after it (`Error code: 110`, `RTC Error:110`, `报错 110`), or right
    /// before it (`110 error`, `101的错误`, `109(expired)`, `110 token is invalid`); else a phrase.
    ErrorWord,
}

/// What `build.rs` writes from `catalog/*.md`.
#[allow(clippy::unreadable_literal)]
#[cfg_attr(not(feature = "messages"), allow(dead_code))] // codes such as 2010005 are quoted as the SDKs write them
mod generated {
    use super::{AnchorCheck, CodedCallback, Phrase, Prose};
    #[cfg(feature = "std")]
    use crate::lookalike::{By, Lookalike};
    use crate::{Action, Callback, Language, Platform, Product, Spelling, TokenEvent};

    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}

pub(crate) use generated::event_remediation;
#[cfg_attr(not(feature = "messages"), allow(unused_imports))]
pub(crate) use generated::{
    ANCHORS, AVOID_WORDS, CALLBACKS, CODE_KEYWORDS, CONTEXT_FOR_CODES_ONLY, CONTEXT_WORDS,
    ERROR_WORDS, EVENT_CALLBACKS, FILLERS, NETWORK_FAILURES, PHRASES, RETURN_WORDS, SOCKET_CALLS,
    SPELLINGS, TIME_WORDS,
};
#[cfg(feature = "std")]
pub(crate) use generated::{CONVOAI_NAMES, LOOKALIKES};
pub use generated::{CodeSpace, TokenError};
use generated::{SPELLING_RANGES, TEXTS, error_for_code, product_text};

impl TokenError {
    /// The error a code means in `space`, or `None` when that number is not a token error there.
    ///
    /// Negated codes, as native methods return them, map like their positive code; any `i32`
    /// (including `i32::MIN`) is accepted without panicking.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, TokenError};
    ///
    /// assert_eq!(TokenError::from_code(CodeSpace::Native, 110), Some(TokenError::InvalidToken));
    /// assert_eq!(TokenError::from_code(CodeSpace::Native, -110), Some(TokenError::InvalidToken));
    /// assert_eq!(TokenError::from_code(CodeSpace::Native, 120), None); // decryption failure
    /// assert_eq!(TokenError::from_code(CodeSpace::Web, 120), Some(TokenError::DynamicUseStaticKey));
    /// ```
    #[must_use]
    #[inline]
    pub fn from_code(space: CodeSpace, code: i32) -> Option<TokenError> {
        error_for_code(space, code.unsigned_abs())
    }

    /// The error an SDK identifier names, in any SDK family's spelling, or `None`.
    ///
    /// Case is not significant, surrounding whitespace is ignored, and a qualifier before the last
    /// `.` or `:` may be given or left out (`Constants.ERR_TOKEN_EXPIRED`,
    /// `AgoraErrorCode.invalidToken`, `agora::rtc::ERR_INVALID_TOKEN`). Does not allocate.
    /// [`Spelling::from_name`] gives the catalog row, which the qualifier picks where SDK
    /// enums share a member.
    ///
    /// ```
    /// use agora_token_errors::TokenError;
    ///
    /// assert_eq!(TokenError::from_name("ERR_STATIC_USE_DYANMIC_KE"), Some(TokenError::StaticUseDynamicKey));
    /// assert_eq!(TokenError::from_name("ErrorCodeType.errInvalidToken"), Some(TokenError::InvalidToken));
    /// assert_eq!(TokenError::from_name("err_token_expired"), Some(TokenError::TokenExpired));
    /// assert_eq!(TokenError::from_name("ERR_INVALID_ARGUMENT"), None);
    /// ```
    #[must_use]
    #[inline]
    pub fn from_name(name: &str) -> Option<TokenError> {
        let bytes = name.as_bytes();
        // Lengths are checked before any byte is read: most non-names end here.
        if bytes.len() > MAX_QUALIFIED_NAME_LEN || bytes.len() < names::MIN_LEN {
            return None;
        }
        let name = bytes.trim_ascii();
        // One member means one error (build.rs checks it), so any candidate answers. A qualifier
        // is cut off first (a word-at-a-time scan of the last bytes, far cheaper than a lookup
        // that would fail), so that every input is looked up once.
        let list = names::candidates(names::qualified_member(name).unwrap_or(name))?;
        Some(SPELLINGS[usize::from(list[0])].error())
    }

    /// The identifier `language`'s SDK of `product` uses for this error, read in that
    /// product's spaces only, or `None` where that SDK has none.
    ///
    /// ```
    /// use agora_token_errors::{Language, Product, TokenError};
    ///
    /// let e = TokenError::InvalidToken;
    /// assert_eq!(e.identifier(Product::Rtc, Language::ObjectiveC), Some("AgoraErrorCodeInvalidToken"));
    /// assert_eq!(e.identifier(Product::Rtm, Language::ObjectiveC), Some("AgoraRtmLoginErrorInvalidToken"));
    /// assert_eq!(e.identifier(Product::Chat, Language::Java), Some("INVALID_TOKEN"));
    /// let expired = TokenError::TokenExpired;
    /// assert_eq!(expired.identifier(Product::Rtc, Language::JavaScript), Some("ERR_DYNAMIC_KEY_TIMEOUT"));
    /// assert_eq!(TokenError::StaticUseDynamicKey.identifier(Product::Rtc, Language::Java), None);
    /// ```
    #[must_use]
    pub fn identifier(&self, product: Product, language: Language) -> Option<&'static str> {
        let spaces = CodeSpace::ALL.iter().filter(|s| s.product() == product);
        self.identifier_in(spaces, language)
    }

    fn identifier_in<'s>(
        self,
        spaces: impl IntoIterator<Item = &'s CodeSpace>,
        language: Language,
    ) -> Option<&'static str> {
        spaces.into_iter().find_map(|&space| {
            let primary = self.code(space);
            let mut mine = self
                .spellings()
                .iter()
                .filter(|s| s.language() == language && s.space() == space);
            let first = mine.next()?;
            let pick = core::iter::once(first)
                .chain(mine)
                .find(|s| s.code().is_some() && s.code() == primary);
            Some(pick.unwrap_or(first).identifier())
        })
    }

    /// This error's primary code in `space` (the first the catalog lists), or `None` when the
    /// space has no code for it.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, TokenError};
    ///
    /// assert_eq!(TokenError::TokenExpired.code(CodeSpace::Web), Some(109));
    /// assert_eq!(TokenError::TokenExpired.code(CodeSpace::ConnectionChangedReason), Some(9));
    /// assert_eq!(TokenError::InconsistentAppId.code(CodeSpace::Web), None);
    /// ```
    #[must_use]
    pub fn code(&self, space: CodeSpace) -> Option<i32> {
        self.spellings()
            .iter()
            .filter(|s| s.space() == space)
            .find_map(Spelling::code)
    }

    /// Every identifier and code any SDK family uses for this error, with its source.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, TokenError};
    ///
    /// let web: Vec<i32> = TokenError::TokenExpired
    ///     .spellings()
    ///     .iter()
    ///     .filter(|s| s.space() == CodeSpace::Web)
    ///     .filter_map(|s| s.code())
    ///     .collect();
    /// assert_eq!(web, [109, 118, 2]);
    /// ```
    #[must_use]
    pub fn spellings(&self) -> &'static [Spelling] {
        let (start, end) = SPELLING_RANGES[*self as usize];
        &SPELLINGS[start..end]
    }

    /// One sentence saying what the error is.
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.summary();
    /// assert!(s.ends_with('.'));
    /// ```
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.prose().summary
    }

    /// What made the RTC SDK report this error ([`TokenError::texts`] for other products and
    /// languages).
    ///
    /// Takes `&self`: called on a `&TokenError` it never resolves to the deprecated
    /// `std::error::Error::cause`.
    ///
    /// ```
    /// use std::error::Error as _;
    /// use agora_token_errors::TokenError;
    ///
    /// let e: &TokenError = &TokenError::InvalidToken;
    /// assert!(e.cause().contains("App Certificate"));
    /// ```
    #[must_use]
    pub fn cause(&self) -> &'static str {
        self.prose().cause
    }

    /// What the app or its token server must change, for RTC ([`TokenError::texts`] for other
    /// products and languages).
    ///
    /// ```
    /// let fix = agora_token_errors::TokenError::InvalidToken.remediation();
    /// assert!(fix.contains("channel name"));
    /// ```
    #[must_use]
    pub fn remediation(&self) -> &'static str {
        self.prose().remediation
    }

    /// The summary, cause and remediation in `product`'s terms (an RTM or Chat token is refused
    /// at login, not at a join) and in `locale`: `TokenError::texts(e, Product::Rtc,
    /// Locale::En)` is what [`summary`](Self::summary), [`cause`](Self::cause) and
    /// [`remediation`](Self::remediation) give. Every text is written in every locale
    /// (`build.rs` fails the build on a missing one).
    ///
    /// ```
    /// use agora_token_errors::{Locale, Product, TokenError};
    ///
    /// let e = TokenError::InvalidToken;
    /// assert!(e.texts(Product::Rtm, Locale::En).summary().contains("login"));
    /// assert!(e.texts(Product::Rtc, Locale::Zh).remediation().contains("App Certificate"));
    /// assert_eq!(e.texts(Product::Rtc, Locale::En).cause(), e.cause());
    /// ```
    #[must_use]
    pub fn texts(&self, product: Product, locale: Locale) -> Texts {
        let own = product_text(*self, product, locale);
        // RTC's English texts are the variant's own; every other locale has its RTC row.
        let rtc = if locale == Locale::En {
            let p = self.prose();
            [Some(p.summary), Some(p.cause), Some(p.remediation)]
        } else {
            product_text(*self, Product::Rtc, locale)
        };
        let pick = |i: usize| own[i].or(rtc[i]).unwrap_or_default();
        Texts {
            summary: pick(0),
            cause: pick(1),
            remediation: pick(2),
        }
    }

    /// How the error reaches a native app: which return value, callback or connection reason,
    /// at initialisation or at join.
    ///
    /// ```
    /// assert!(agora_token_errors::TokenError::InvalidAppId.native_surface().contains("-101"));
    /// ```
    #[must_use]
    pub fn native_surface(&self) -> &'static str {
        self.prose().native
    }

    /// How the error reaches a Web SDK app: which console message, rejection or event.
    ///
    /// ```
    /// assert!(agora_token_errors::TokenError::TokenExpired.web_surface().contains("token-privilege-did-expire"));
    /// ```
    #[must_use]
    pub fn web_surface(&self) -> &'static str {
        self.prose().web
    }

    /// What a handler should do about it.
    ///
    /// ```
    /// use agora_token_errors::{Action, TokenError};
    ///
    /// assert_eq!(TokenError::TokenExpired.action(), Action::RejoinWithNewToken);
    /// assert_eq!(TokenError::InvalidAppId.action(), Action::FixConfiguration);
    /// ```
    #[must_use]
    pub fn action(&self) -> Action {
        self.prose().action
    }

    fn prose(self) -> &'static Prose {
        &TEXTS[self as usize]
    }

    /// Matches the stable id (`token_expired`), the variant name (`TokenExpired`) or the
    /// `Display` text (`token expired`).
    fn from_id_or_display(s: &str) -> Option<TokenError> {
        let s = s.trim();
        TokenError::ALL.iter().copied().find(|e| {
            let t = e.prose();
            s.eq_ignore_ascii_case(e.as_str())
                || s.eq_ignore_ascii_case(t.variant)
                || s.eq_ignore_ascii_case(t.display)
        })
    }
}

/// Inputs longer than this are not names, however they are qualified; they are rejected before
/// any byte is read.
const MAX_QUALIFIED_NAME_LEN: usize = 128;

/// The short lowercase phrase of `catalog/errors.md` (`token expired`).
impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prose().display)
    }
}

impl core::error::Error for TokenError {}

/// Parses every name [`TokenError::from_name`] accepts, and also the stable
/// [`TokenError::as_str`], the variant name and the `Display` text. This is the one matcher behind
/// `FromStr` and the `serde` feature's deserialisation; `from_name` takes SDK identifiers only.
///
/// ```
/// use agora_token_errors::TokenError;
///
/// let e: TokenError = "AgoraErrorCodeInvalidAppId".parse().unwrap();
/// assert_eq!(e, TokenError::InvalidAppId);
/// assert_eq!(e.to_string().parse::<TokenError>().unwrap(), e);
/// assert_eq!("token_expired".parse::<TokenError>().unwrap(), TokenError::TokenExpired);
/// let err = "ERR_NOPE".parse::<TokenError>().unwrap_err();
/// assert_eq!(err.to_string(), "`ERR_NOPE` is not an Agora token error name");
/// ```
impl FromStr for TokenError {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TokenError::from_name(s)
            .or_else(|| TokenError::from_id_or_display(s))
            .ok_or_else(|| UnknownName::new(s, "an Agora token error name"))
    }
}
