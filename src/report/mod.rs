//! The error a client reported, as the user has it: a bare code, an SDK name or an error text,
//! read in the code spaces of the product or platform it came from.

mod reading;

use core::fmt;

pub use reading::{Reading, Report};

use crate::{CodeSpace, TokenError};

/// Why [`TokenError::from_report`] read no token error.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReportError {
    /// The code is a token error in none of the spaces given.
    NotATokenError {
        /// The code as reported.
        code: i32,
    },
    /// The code is a different token error in different spaces given: narrow them (a product
    /// or platform's spaces, or one space).
    Ambiguous {
        /// The code as reported.
        code: i32,
        /// Each error the code means, with the first space it means it in.
        readings: Vec<(TokenError, CodeSpace)>,
    },
    /// The text is neither a code nor an SDK name, and no token error stands in it.
    Unread,
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NotATokenError { code } => {
                write!(f, "{code} is not a token error in the code spaces given")
            }
            ReportError::Ambiguous { code, readings } => {
                write!(f, "{code} means ")?;
                for (i, (e, space)) in readings.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{} in {}", e.as_str(), space.as_str())?;
                }
                f.write_str(": give the product, platform or code space")
            }
            ReportError::Unread => f.write_str("names no token error"),
        }
    }
}

impl core::error::Error for ReportError {}

impl TokenError {
    /// The token error a client reported, as the user has it: a bare code (`110`, `-110`),
    /// read in `spaces` where it must mean one error; an SDK name or the crate's own
    /// (`ERR_INVALID_TOKEN`, `invalid_token`); or, with the `messages` feature, an error text.
    /// Give a product's spaces ([`CodeSpace::of`]), a platform's
    /// ([`Platform::error_space`](crate::Platform::error_space)), or one space.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Platform, Product, ReportError, TokenError};
    ///
    /// let rtc = CodeSpace::of(Product::Rtc);
    /// assert_eq!(TokenError::from_report("110", &rtc), Ok(TokenError::InvalidToken));
    /// assert_eq!(TokenError::from_report("-110", &[CodeSpace::Native]), Ok(TokenError::InvalidToken));
    /// assert_eq!(TokenError::from_report("17", &rtc), Err(ReportError::NotATokenError { code: 17 }));
    /// // Web 2 is an expired token; native 2 is ERR_INVALID_ARGUMENT.
    /// assert_eq!(TokenError::from_report("2", &[Platform::Web.error_space()]), Ok(TokenError::TokenExpired));
    /// assert!(TokenError::from_report("2", &[Platform::Android.error_space()]).is_err());
    /// // RTM 1.x login 5 and renewal 5 are different errors.
    /// let rtm = CodeSpace::of(Product::Rtm);
    /// assert!(matches!(TokenError::from_report("5", &rtm), Err(ReportError::Ambiguous { .. })));
    /// assert_eq!(TokenError::from_report("-10009", &rtm), Ok(TokenError::TokenExpired));
    /// // Names and texts need no space.
    /// assert_eq!(TokenError::from_report("AgoraErrorCodeTokenExpired", &[]), Ok(TokenError::TokenExpired));
    /// ```
    pub fn from_report(report: &str, spaces: &[CodeSpace]) -> Result<TokenError, ReportError> {
        let text = report.trim();
        if let Ok(code) = text.parse::<i32>() {
            let mut readings: Vec<(TokenError, CodeSpace)> = Vec::new();
            for &space in spaces {
                if let Some(e) = TokenError::from_code(space, code) {
                    if !readings.iter().any(|(seen, _)| *seen == e) {
                        readings.push((e, space));
                    }
                }
            }
            return match readings.as_slice() {
                [(e, _)] => Ok(*e),
                [] => Err(ReportError::NotATokenError { code }),
                _ => Err(ReportError::Ambiguous { code, readings }),
            };
        }
        text.parse::<TokenError>()
            .ok()
            .or_else(|| from_text(text))
            .ok_or(ReportError::Unread)
    }
}

#[cfg(feature = "messages")]
fn from_text(text: &str) -> Option<TokenError> {
    TokenError::from_message(text)
}

#[cfg(not(feature = "messages"))]
fn from_text(_: &str) -> Option<TokenError> {
    None
}

impl CodeSpace {
    /// The code spaces of `product`'s SDKs, in the catalog's order.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Product};
    /// assert!(CodeSpace::of(Product::Rtm).contains(&CodeSpace::Rtm));
    /// assert!(!CodeSpace::of(Product::Rtm).contains(&CodeSpace::Native));
    /// ```
    #[must_use]
    pub fn of(product: crate::Product) -> Vec<CodeSpace> {
        CodeSpace::ALL
            .iter()
            .copied()
            .filter(|s| s.product() == product)
            .collect()
    }

    /// The spaces a bare code is read in, narrowed by what is known of the app: `space` alone
    /// when given, else the platform's error space (when it is `product`'s, or no product is
    /// given), else every space of `product`, else all.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Platform, Product};
    /// assert_eq!(CodeSpace::for_reading(None, Some(Platform::Web), None), [CodeSpace::Web]);
    /// // An RTM code from a Web app is read in RTM's spaces, not in RTC's Web space.
    /// assert_eq!(
    ///     CodeSpace::for_reading(None, Some(Platform::Web), Some(Product::Rtm)),
    ///     CodeSpace::of(Product::Rtm)
    /// );
    /// assert_eq!(CodeSpace::for_reading(None, None, Some(Product::Rtm)), CodeSpace::of(Product::Rtm));
    /// assert_eq!(CodeSpace::for_reading(None, None, None), CodeSpace::ALL);
    /// ```
    #[must_use]
    pub fn for_reading(
        space: Option<CodeSpace>,
        platform: Option<crate::Platform>,
        product: Option<crate::Product>,
    ) -> Vec<CodeSpace> {
        let platform_space = platform
            .map(crate::Platform::error_space)
            .filter(|s| product.is_none_or(|p| s.product() == p));
        match (space.or(platform_space), product) {
            (Some(s), _) => vec![s],
            (None, Some(p)) => CodeSpace::of(p),
            (None, None) => CodeSpace::ALL.to_vec(),
        }
    }
}
