//! Recognising token errors in what apps actually hold: log lines, exception texts, callbacks.
//!
//! The rule is *right or silent*: a text is claimed only where an SDK's own identifier, an SDK's
//! own phrase, or the code of a callback whose codes are token errors stands in it. Ordinary log
//! lines (other callbacks' states and reasons, variables and JSON fields that happen to be named
//! `tokenExpired`, numbers near the word `onError`) are left alone; `tests/fixtures/ordinary-logs.txt`
//! holds hundreds of them, and the test over it allows no false alarm.

mod callback;
mod check;
mod context;
mod error_word;
mod log;
mod marker;
mod phrase;
mod read;
mod scan;
mod stream;

use core::ops::Range;

pub use log::{Found, scan};
pub use stream::scan_reader;

use crate::catalog::Phrase;
use crate::space::{labelled, listed_enum};
use crate::{CodeSpace, Product, Spelling, TokenError};

listed_enum! {
    /// What a [`MessageMatch`] rests on.
    ///
    /// ```
    /// use agora_token_errors::{Evidence, TokenError};
    ///
    /// let m = TokenError::match_message("User join failed [ERR_NO_AUTHORIZED]").unwrap();
    /// assert_eq!(m.evidence(), Evidence::Identifier);
    /// let m = TokenError::match_message("[Agora] join failed, error code 110").unwrap();
    /// assert_eq!(m.evidence(), Evidence::ErrorCode);
    /// assert_eq!(m.evidence().as_str(), "error_code");
    /// assert_eq!("error_code".parse(), Ok(Evidence::ErrorCode));
    /// ```
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    #[non_exhaustive]
    pub enum Evidence {
        /// An identifier of the catalog (`ERR_NO_AUTHORIZED`, `ConnectionChangedReason.InvalidToken`).
        Identifier = "identifier",
        /// A phrase of `catalog/phrases.md` (`invalid vendor key, can not find appid`).
        Phrase = "phrase",
        /// The code of a callback of `catalog/callbacks.md` (`onError: err 110`).
        Callback = "callback",
        /// A code next to a word that reports an error (`error code 110`, `110 error`, `错误码 110`).
        ErrorCode = "error_code",
    }
}

// Its `as_str`, in any case, with spaces or dashes for the underscore.
labelled!(Evidence, |e| e.as_str(), "an evidence kind");

listed_enum! {
    /// Why a [`MessageMatch`] counts: its evidence is Agora's own, or evidence other software
    /// prints too stands with a sign of Agora or with a code that means the same error.
    ///
    /// ```
    /// use agora_token_errors::{Support, TokenError};
    ///
    /// let m = TokenError::match_message("User join failed [ERR_NO_AUTHORIZED]").unwrap();
    /// assert_eq!(m.support(), Support::Own);
    /// let m = TokenError::match_message("Agora-SDK [ERROR]: join failed: INVALID_TOKEN").unwrap();
    /// assert_eq!(m.support(), Support::Agora);
    /// let m = TokenError::match_message("error 110: invalid token").unwrap();
    /// assert_eq!(m.support(), Support::Agreement);
    /// assert_eq!("agreement".parse(), Ok(Support::Agreement));
    /// ```
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    #[non_exhaustive]
    pub enum Support {
        /// Only Agora's SDKs print this evidence: it counts alone.
        Own = "own",
        /// The text says it comes from Agora: a word of `catalog/context.md` (`Agora`, `声网`,
        /// `CAN_NOT_GET_GATEWAY_SERVER`) or other evidence only Agora's SDKs print.
        Agora = "agora",
        /// A code and words beside it that mean the same token error: `101: Invalid App ID`,
        /// `error 110 invalid token`, `reason 8, the token is invalid`.
        Agreement = "agreement",
        /// Nothing in the text says it is Agora's, but it was given to [`crate::Report::of`],
        /// the reader of what a user reported to this crate, and it is nothing but a spelling
        /// other software prints too that names its error (`The token is invalid.`, `token
        /// 已过期`): asked of an Agora tool, it means Agora's error
        /// ([`TokenError::match_report`]). `from_message` and `scan` never give it.
        Reported = "reported",
    }
}

labelled!(Support, |s| s.as_str(), "a kind of support");

/// A token error found in a text, with what matched and the catalog row it stands for.
///
/// ```
/// use agora_token_errors::{CodeSpace, TokenError};
///
/// let m = TokenError::match_message("User join failed [ERR_NO_AUTHORIZED]").unwrap();
/// assert_eq!(m.matched(), "ERR_NO_AUTHORIZED");
/// assert_eq!((m.space(), m.code()), (Some(CodeSpace::Web), Some(110)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageMatch {
    error: TokenError,
    matched: &'static str,
    spelling: Option<&'static Spelling>,
    space: Option<CodeSpace>,
    code: Option<i32>,
    source: Option<&'static str>,
    span: Range<usize>,
    evidence: Evidence,
    /// Other vendors print this evidence too: it counts only with `context`.
    shared: bool,
    context: Option<Range<usize>>,
    support: Support,
    /// For a code next to an error word, what may still show it is another number.
    veto: Option<error_word::Veto>,
}

impl MessageMatch {
    /// The same match, its places moved `by` bytes later (read from a part of a longer input).
    pub(super) fn shift(&mut self, by: usize) {
        self.span = self.span.start + by..self.span.end + by;
        if let Some(c) = &mut self.context {
            *c = c.start + by..c.end + by;
        }
    }

    /// A match of a catalog identifier.
    fn row(spelling: &'static Spelling, matched: &'static str, span: Range<usize>) -> Self {
        MessageMatch {
            error: spelling.error(),
            matched,
            spelling: Some(spelling),
            space: Some(spelling.space()),
            code: spelling.code(),
            source: Some(spelling.citation()),
            span,
            evidence: Evidence::Identifier,
            shared: spelling.is_shared(),
            context: None,
            support: Support::Own,
            veto: None,
        }
    }

    /// A match of a code after a callback (or "error code"): the row is the catalog's first
    /// for that code, its identifier in the SDK's enum. `shared`: other vendors print the same
    /// (an error word, or a callback name in another case than Agora's).
    fn coded(
        error: TokenError,
        (callback, evidence, shared): (&'static str, Evidence, bool),
        space: CodeSpace,
        code: i32,
        span: Range<usize>,
    ) -> Self {
        let row = error.spellings().iter().find(|s| {
            s.space() == space && (s.code() == Some(code) || s.code() == Some(code.abs()))
        });
        MessageMatch {
            error,
            matched: callback,
            spelling: row,
            space: Some(space),
            code: row.and_then(Spelling::code).or(Some(code.abs())),
            source: row.map(Spelling::citation),
            span,
            evidence,
            shared,
            context: None,
            support: Support::Own,
            veto: None,
        }
    }

    /// A match of a phrase of `catalog/phrases.md`.
    fn phrase(phrase: &'static Phrase, span: Range<usize>) -> Self {
        MessageMatch {
            error: phrase.error,
            matched: phrase.text,
            spelling: None,
            space: Some(phrase.space),
            code: phrase.code,
            source: Some(phrase.source),
            span,
            evidence: Evidence::Phrase,
            shared: phrase.shared,
            context: None,
            support: Support::Own,
            veto: None,
        }
    }

    /// The match read in the space of a code beside it that means the same error: its row,
    /// space and code become that code's.
    fn agreed(&mut self, space: CodeSpace, code: i32) {
        let row = self.error.spellings().iter().find(|s| {
            s.space() == space && (s.code() == Some(code) || s.code() == Some(code.abs()))
        });
        self.space = Some(space);
        self.code = row.and_then(Spelling::code).or(Some(code));
        if let Some(row) = row {
            self.spelling = Some(row);
            self.source = Some(row.citation());
        }
    }

    /// The same match in a text that starts `offset` bytes earlier.
    fn shifted(mut self, offset: usize) -> Self {
        self.span = self.span.start + offset..self.span.end + offset;
        self.veto = self.veto.map(|v| v.shifted(offset));
        self
    }

    /// The error.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.error(), agora_token_errors::TokenError::InvalidToken);
    /// ```
    #[must_use]
    pub fn error(&self) -> TokenError {
        self.error
    }

    /// What matched: the identifier as the catalog spells it, the phrase as
    /// `catalog/phrases.md` writes it, or the callback whose code was read, as
    /// `catalog/callbacks.md` spells it (`onError`, `OnError`, `didOccurError`,
    /// `onConnectionStateChanged`, `connectionChangedToState`, `onRenewTokenResult`, ...);
    /// `error code` for a code next to an error word.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("rtcEngine:didOccurError: 101").unwrap();
    /// assert_eq!(m.matched(), "didOccurError");
    /// ```
    #[must_use]
    pub fn matched(&self) -> &'static str {
        self.matched
    }

    /// The catalog row that matched: the identifier's own row (its qualifier picks it where
    /// enums share a member), or for a code read after a callback the row of that code.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.spelling().unwrap().identifier(), "ERR_INVALID_TOKEN");
    /// ```
    #[must_use]
    pub fn spelling(&self) -> Option<&'static Spelling> {
        self.spelling
    }

    /// The code space of the row that matched.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, TokenError};
    /// let m = TokenError::match_message("ConnectionChangedReason.InvalidToken").unwrap();
    /// assert_eq!(m.space(), Some(CodeSpace::ConnectionChangedReason));
    /// ```
    #[must_use]
    pub fn space(&self) -> Option<CodeSpace> {
        self.space
    }

    /// The product whose SDK reported it (its space's product; serialised beside the space).
    #[must_use]
    pub(crate) fn product(&self) -> Option<Product> {
        self.space.map(CodeSpace::product)
    }

    /// The code of the row that matched, as the SDK defines it (positive for native codes,
    /// whatever sign the text printed): `ERR_INVALID_TOKEN(2)` is still 110.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("[Agora] onError err=-110").unwrap();
    /// assert_eq!(m.code(), Some(110));
    /// ```
    #[must_use]
    pub fn code(&self) -> Option<i32> {
        self.code
    }

    /// Where the catalog row (or phrase) that matched was read: repository or npm package, path
    /// and line.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("invalid token, authorized failed").unwrap();
    /// assert!(m.citation().unwrap().starts_with("npm:agora-rtc-sdk-ng"));
    /// ```
    #[must_use]
    pub fn citation(&self) -> Option<&'static str> {
        self.source
    }

    /// Where in the text it matched, in bytes.
    ///
    /// ```
    /// let m = agora_token_errors::TokenError::match_message("onError: err 110, msg: ").unwrap();
    /// assert_eq!(m.span(), 0..16); // `onError: err 110`
    /// ```
    #[must_use]
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// What the match rests on: an identifier, a phrase, a callback's code, or a code next to an
    /// error word.
    ///
    /// ```
    /// use agora_token_errors::{Evidence, TokenError};
    /// let m = TokenError::match_message("rtcEngine:didOccurError: 101").unwrap();
    /// assert_eq!(m.evidence(), Evidence::Callback);
    /// ```
    #[must_use]
    pub fn evidence(&self) -> Evidence {
        self.evidence
    }

    /// Why the match counts: Agora's own evidence, a sign of Agora in the text, or a code and
    /// words beside it that mean the same error ([`context`](Self::context) says where).
    ///
    /// ```
    /// use agora_token_errors::{Support, TokenError};
    /// // Native getErrorDescription(110) beside its code; other software prints the words too.
    /// let text = "110: The Token is invalid";
    /// let m = TokenError::match_message(text).unwrap();
    /// assert_eq!((m.error(), m.support()), (TokenError::InvalidToken, Support::Agreement));
    /// assert_eq!(&text[m.context().unwrap()], "110");
    /// assert_eq!(TokenError::match_message("The Token is invalid"), None);
    /// ```
    #[must_use]
    pub fn support(&self) -> Support {
        self.support
    }

    /// Where the text says it comes from Agora, for evidence that other vendors print too (a
    /// bare `INVALID_TOKEN`, `invalid appid`, `the token has expired`, `error code 110`): such
    /// evidence counts only in a text that names Agora (`catalog/context.md`) or holds a
    /// spelling only Agora's SDKs print. `None` where the evidence is Agora's own.
    ///
    /// ```
    /// use agora_token_errors::TokenError;
    ///
    /// let text = "Agora-SDK [ERROR]: join failed: INVALID_TOKEN";
    /// let m = TokenError::match_message(text).unwrap();
    /// assert_eq!(&text[m.context().unwrap()], "Agora");
    /// assert_eq!(TokenError::from_message("grpc: INVALID_TOKEN"), None);
    /// assert_eq!(TokenError::match_message("onError: err 110").unwrap().context(), None);
    /// ```
    #[must_use]
    pub fn context(&self) -> Option<Range<usize>> {
        self.context.clone()
    }
}

impl TokenError {
    /// The token error a log line, exception text or callback string reports, or `None`.
    ///
    /// Reads identifiers of every SDK family (qualified members such as `invalidToken` only with
    /// their enum's qualifier, upper-case constants such as `TOKEN_EXPIRED` only in upper case:
    /// `token_expired` is a variable), the SDKs' own reason phrases (in any case, glued to other text or
    /// cut short), and the code of `onError`, `didOccurError`, connection-state and
    /// renew-token-result callbacks and of "error code" shapes. It does not claim what is not a
    /// token error: other callbacks' reasons, other identifiers, bare numbers, variables and
    /// JSON fields, or a gateway failure for another reason. Any input, however long, returns
    /// without allocating (after a one-time set-up of the searcher on first use).
    ///
    /// ```
    /// use agora_token_errors::TokenError;
    ///
    /// let e = TokenError::from_message(
    ///     "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: flag: 4096, message: AgoraRTCError \
    ///      CAN_NOT_GET_GATEWAY_SERVER: dynamic use static key",
    /// );
    /// assert_eq!(e, Some(TokenError::DynamicUseStaticKey));
    /// assert_eq!(TokenError::from_message("User join failed [ERR_STATIC_USE_DYANMIC_KE]"), Some(TokenError::StaticUseDynamicKey));
    /// assert_eq!(TokenError::from_message("onError: err 109, msg: "), Some(TokenError::TokenExpired));
    /// assert_eq!(TokenError::from_message("onRemoteVideoStateChanged uid=123 state=2 reason=8"), None);
    /// assert_eq!(TokenError::from_message(r#"{"tokenExpired": false}"#), None);
    /// assert_eq!(TokenError::from_message("user 110 joined"), None);
    /// ```
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "messages")))]
    pub fn from_message(text: &str) -> Option<TokenError> {
        TokenError::match_message(text).map(|m| m.error)
    }

    /// Like [`TokenError::from_message`], and says what matched, where, and the catalog row,
    /// code space and code it stands for.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, TokenError};
    ///
    /// let m = TokenError::match_message("Agora-SDK [ERROR]: ERR_DYNAMIC_KEY_TIMEOUT(109)").unwrap();
    /// assert_eq!(m.error(), TokenError::TokenExpired);
    /// assert_eq!(m.matched(), "ERR_DYNAMIC_KEY_TIMEOUT");
    /// assert_eq!((m.space(), m.code()), (Some(CodeSpace::Web), Some(109)));
    /// ```
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "messages")))]
    pub fn match_message(text: &str) -> Option<MessageMatch> {
        context::first(text.as_bytes())
    }

    /// The match [`Report::of`](crate::Report::of) reads in a text a user reported to this
    /// crate: [`TokenError::match_message`]'s, or, where that finds none, a text that is nothing
    /// but a spelling other software prints too and that names its error (`token`, `app id`:
    /// the `named-as` words of `catalog/errors.md`), or a code beside an error word
    /// ([`Support::Reported`]). Asked of an Agora tool, a bare `The token is invalid.` can only
    /// mean Agora's error; in a log it stays unread.
    ///
    /// ```
    /// use agora_token_errors::{Support, TokenError};
    ///
    /// assert_eq!(TokenError::match_message("The token is invalid."), None);
    /// let m = TokenError::match_report("The token is invalid.").unwrap();
    /// assert_eq!((m.error(), m.support()), (TokenError::InvalidToken, Support::Reported));
    /// assert_eq!(TokenError::match_report("jwt: The token is invalid."), None);
    /// ```
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "messages")))]
    pub fn match_report(text: &str) -> Option<MessageMatch> {
        TokenError::match_message(text).or_else(|| context::reported(text.as_bytes()))
    }
}
