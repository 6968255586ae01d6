//! `TokenError` and its lookups, generated from `catalog/*.md` by `build.rs`.

use core::fmt;
use core::str::FromStr;

use crate::key;
use crate::{Action, CodeSpace, Language, Spelling};

/// The prose of one variant, straight from `catalog/errors.md`.
pub(crate) struct Texts {
    pub(crate) variant: &'static str,
    pub(crate) action: Action,
    pub(crate) display: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) cause: &'static str,
    pub(crate) remediation: &'static str,
    pub(crate) native: &'static str,
    pub(crate) web: &'static str,
}

/// The code `build.rs` writes from `catalog/errors.md` and `catalog/identifiers.md`.
#[allow(clippy::unreadable_literal)] // codes such as 2010005 are quoted as the SDKs write them
mod generated {
    use super::Texts;
    use crate::{Action, CodeSpace, Language, Spelling};

    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}

pub(crate) use generated::SPELLINGS;
pub use generated::TokenError;
use generated::{
    KEY_OFFSETS, MAX_NAME_LEN, MIN_NAME_LEN, NAME_INDEX, NAMES, SPELLING_RANGES, TEXTS,
    error_for_code, primary_code, primary_name,
};

/// Inputs longer than this are not names, however they are qualified; they are rejected before
/// any byte is read.
const MAX_QUALIFIED_NAME_LEN: usize = 128;

// The key is the length and at most `MAX_OFFSETS` bytes in a u32.
const _: () =
    assert!(KEY_OFFSETS.len() <= key::MAX_OFFSETS && MAX_NAME_LEN < 256 && MIN_NAME_LEN >= 8);

/// The error an unqualified identifier (any case) names.
#[inline]
fn lookup(identifier: &[u8]) -> Option<TokenError> {
    lookup_spelling(identifier).map(Spelling::error)
}

/// The first catalog spelling of an unqualified identifier (any case).
#[inline]
pub(crate) fn lookup_spelling(identifier: &[u8]) -> Option<&'static Spelling> {
    if identifier.len() < MIN_NAME_LEN || identifier.len() > MAX_NAME_LEN {
        return None;
    }
    let &index = NAME_INDEX.get(&key::key(identifier, &KEY_OFFSETS))?;
    let (name, spelling) = &NAMES[index];
    // The key holds the length, so the candidate is as long as the identifier.
    key::eq_upper(identifier, name).then(|| &SPELLINGS[*spelling])
}

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
    /// `.` or `:` is dropped (`Constants.ERR_TOKEN_EXPIRED`, `AgoraErrorCode.invalidToken`,
    /// `agora::rtc::ERR_INVALID_TOKEN`). Does not allocate.
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
        if bytes.len() > MAX_QUALIFIED_NAME_LEN || bytes.len() < MIN_NAME_LEN {
            return None;
        }
        let name = bytes.trim_ascii();
        // Most inputs are bare identifiers; only when the whole input is not one is it searched
        // for a qualifier to drop.
        lookup(name).or_else(|| lookup(key::after_separator(name, MAX_NAME_LEN + 1)?))
    }

    /// The identifier `language`'s SDK uses for this error, or `None` where it has none (the
    /// FAQ's "/").
    ///
    /// Native languages answer from their own error enum first, then the connection-changed and
    /// renew-token enums; JavaScript from the Web gateway codes, then the access-point codes. For
    /// a variant with several codes it is the name in the row of the primary code.
    ///
    /// ```
    /// use agora_token_errors::{Language, TokenError};
    ///
    /// assert_eq!(TokenError::TokenExpired.name(Language::JavaScript), Some("ERR_DYNAMIC_KEY_TIMEOUT"));
    /// assert_eq!(TokenError::TokenExpired.name(Language::Java), Some("ERR_TOKEN_EXPIRED"));
    /// assert_eq!(TokenError::StaticUseDynamicKey.name(Language::Java), None);
    /// ```
    #[must_use]
    pub fn name(&self, language: Language) -> Option<&'static str> {
        primary_name(*self, language)
    }

    /// This error's primary code in `space`, or `None` when the space has no code for it.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, TokenError};
    ///
    /// assert_eq!(TokenError::TokenExpired.code(CodeSpace::Web), Some(109));
    /// assert_eq!(TokenError::TokenExpired.code(CodeSpace::ConnectionChangedReason), Some(9));
    /// assert_eq!(TokenError::InvalidUserAccount.code(CodeSpace::Web), None);
    /// ```
    #[must_use]
    pub fn code(&self, space: CodeSpace) -> Option<i32> {
        primary_code(*self, space)
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

    /// A stable snake-case id (`"invalid_token"`), used by the `serde` feature.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::TokenError::InvalidAppId.id(), "invalid_app_id");
    /// ```
    #[must_use]
    pub fn id(&self) -> &'static str {
        (*self).into()
    }

    /// One sentence saying what the error is.
    ///
    /// ```
    /// let s = agora_token_errors::TokenError::TokenExpired.summary();
    /// assert!(s.ends_with('.'));
    /// ```
    #[must_use]
    pub fn summary(&self) -> &'static str {
        self.texts().summary
    }

    /// What made the SDK report this error.
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
        self.texts().cause
    }

    /// What the app or its token server must change.
    ///
    /// ```
    /// let fix = agora_token_errors::TokenError::InvalidToken.remediation();
    /// assert!(fix.contains("channel name"));
    /// ```
    #[must_use]
    pub fn remediation(&self) -> &'static str {
        self.texts().remediation
    }

    /// How the error reaches a native app: which return value, callback or connection reason,
    /// at initialisation or at join.
    ///
    /// ```
    /// assert!(agora_token_errors::TokenError::InvalidAppId.native_surface().contains("-101"));
    /// ```
    #[must_use]
    pub fn native_surface(&self) -> &'static str {
        self.texts().native
    }

    /// How the error reaches a Web SDK app: which console message, rejection or event.
    ///
    /// ```
    /// assert!(agora_token_errors::TokenError::TokenExpired.web_surface().contains("token-privilege-did-expire"));
    /// ```
    #[must_use]
    pub fn web_surface(&self) -> &'static str {
        self.texts().web
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
        self.texts().action
    }

    /// Whether recovering needs a freshly built token.
    ///
    /// ```
    /// assert!(agora_token_errors::TokenError::InvalidToken.needs_new_token());
    /// assert!(!agora_token_errors::TokenError::StaticUseDynamicKey.needs_new_token());
    /// ```
    #[must_use]
    pub fn needs_new_token(&self) -> bool {
        self.action().needs_new_token()
    }

    /// Whether the app can recover by itself, without a change to its code, its token server or
    /// the project's settings (fetch a token and renew or join again).
    ///
    /// ```
    /// assert!(agora_token_errors::TokenError::TokenExpired.is_retryable());
    /// assert!(!agora_token_errors::TokenError::InvalidToken.is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.action().is_retryable()
    }

    fn texts(self) -> &'static Texts {
        &TEXTS[self as usize]
    }

    /// Matches the stable id (`token_expired`), the variant name (`TokenExpired`) or the
    /// `Display` text (`token expired`).
    pub(crate) fn from_id_or_display(s: &str) -> Option<TokenError> {
        let s = s.trim();
        TokenError::ALL.iter().copied().find(|e| {
            let t = e.texts();
            s.eq_ignore_ascii_case(e.id())
                || s.eq_ignore_ascii_case(t.variant)
                || s.eq_ignore_ascii_case(t.display)
        })
    }
}

/// Parses any SDK identifier [`TokenError::from_name`] accepts, the stable [`TokenError::id`],
/// the variant name, or the `Display` text.
///
/// ```
/// use agora_token_errors::TokenError;
///
/// let e: TokenError = "AgoraErrorCodeInvalidAppId".parse().unwrap();
/// assert_eq!(e, TokenError::InvalidAppId);
/// assert_eq!(e.to_string().parse::<TokenError>().unwrap(), e);
/// let err = "ERR_NOPE".parse::<TokenError>().unwrap_err();
/// assert_eq!(err.to_string(), "`ERR_NOPE` is not an Agora token error name");
/// ```
impl FromStr for TokenError {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TokenError::from_name(s)
            .or_else(|| TokenError::from_id_or_display(s))
            .ok_or_else(|| UnknownName::new(s))
    }
}

/// The error `str::parse::<TokenError>` returns: the input is not a known name.
///
/// It keeps the first bytes of the input (never more than a fixed, small amount, so parsing
/// allocates nothing) to show in its message.
///
/// ```
/// let err = "ERR_NOPE".parse::<agora_token_errors::TokenError>().unwrap_err();
/// assert_eq!(err.input(), "ERR_NOPE");
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct UnknownName {
    shown: [u8; UnknownName::SHOWN],
    shown_len: u8,
    input_len: usize,
}

impl UnknownName {
    const SHOWN: usize = 48;

    fn new(input: &str) -> Self {
        let head = clip(input);
        let mut shown = [0; Self::SHOWN];
        shown[..head.len()].copy_from_slice(head.as_bytes());
        UnknownName {
            shown,
            shown_len: u8::try_from(head.len()).unwrap_or(0),
            input_len: input.len(),
        }
    }

    /// The start of the rejected input (all of it when it was short).
    ///
    /// ```
    /// let long = "X".repeat(1000);
    /// let err = long.parse::<agora_token_errors::TokenError>().unwrap_err();
    /// assert_eq!(err.input().len(), 48);
    /// ```
    #[must_use]
    pub fn input(&self) -> &str {
        core::str::from_utf8(&self.shown[..usize::from(self.shown_len)]).unwrap_or("")
    }

    /// The length in bytes of the rejected input.
    ///
    /// ```
    /// let err = "ERR_NOPE".parse::<agora_token_errors::TokenError>().unwrap_err();
    /// assert_eq!(err.input_len(), 8);
    /// ```
    #[must_use]
    pub fn input_len(&self) -> usize {
        self.input_len
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.input_len == 0 {
            f.write_str("an empty string is not an Agora token error name")
        } else if self.input_len > usize::from(self.shown_len) {
            write!(
                f,
                "`{}…` ({} bytes) is not an Agora token error name",
                self.input().escape_debug(),
                self.input_len
            )
        } else {
            write!(
                f,
                "`{}` is not an Agora token error name",
                self.input().escape_debug()
            )
        }
    }
}

impl fmt::Debug for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownName")
            .field("input", &self.input())
            .field("input_len", &self.input_len)
            .finish_non_exhaustive()
    }
}

impl core::error::Error for UnknownName {}

/// The start of `s`, at most 48 bytes, cut on a character boundary: enough to name bad input in
/// a message without repeating megabytes of it.
pub(crate) fn clip(s: &str) -> &str {
    let mut cut = s.len().min(UnknownName::SHOWN);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}
