//! The error every `FromStr` of the crate's named types returns.

use core::fmt;

/// A string that names none of the values of the type it was parsed as.
///
/// It keeps the first bytes of the input (never more than 48, so parsing allocates nothing) and
/// says what was expected.
///
/// ```
/// let err = "ERR_NOPE".parse::<agora_token_errors::TokenError>().unwrap_err();
/// assert_eq!(err.input(), "ERR_NOPE");
/// assert_eq!(err.to_string(), "`ERR_NOPE` is not an Agora token error name");
/// let err = "symbian".parse::<agora_token_errors::Platform>().unwrap_err();
/// assert!(err.to_string().starts_with("`symbian` is not a platform"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownName {
    shown: [u8; UnknownName::SHOWN],
    shown_len: u8,
    input_len: usize,
    expected: &'static str,
}

impl UnknownName {
    const SHOWN: usize = 48;

    pub(crate) fn new(input: &str, expected: &'static str) -> Self {
        let head = clip(input);
        let mut shown = [0; Self::SHOWN];
        shown[..head.len()].copy_from_slice(head.as_bytes());
        UnknownName {
            shown,
            shown_len: u8::try_from(head.len()).unwrap_or(0),
            input_len: input.len(),
            expected,
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

    /// What a valid input would have been (`"an Agora token error name"`, `"a platform (...)"`).
    ///
    /// ```
    /// let err = "x".parse::<agora_token_errors::CodeSpace>().unwrap_err();
    /// assert!(err.expected().starts_with("a code space"));
    /// ```
    #[must_use]
    pub fn expected(&self) -> &'static str {
        self.expected
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.input_len == 0 {
            write!(f, "an empty string is not {}", self.expected)
        } else if self.input_len > usize::from(self.shown_len) {
            write!(
                f,
                "`{}…` ({} bytes) is not {}",
                self.input().escape_debug(),
                self.input_len,
                self.expected
            )
        } else {
            write!(
                f,
                "`{}` is not {}",
                self.input().escape_debug(),
                self.expected
            )
        }
    }
}

impl fmt::Debug for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownName")
            .field("input", &self.input())
            .field("input_len", &self.input_len)
            .field("expected", &self.expected)
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

/// Parses `s` against each value's keys, comparing only letters, digits, `+` and `#`,
/// lower-cased: case, spaces, dashes and dots do not matter (`React Native`, `react-native`,
/// `c++`). Allocates nothing; an input too long to be any key is refused unread.
pub(crate) fn parse_keyed<'k, T: Copy>(
    s: &str,
    keys: impl IntoIterator<Item = (&'k str, T)>,
    expected: &'static str,
) -> Result<T, UnknownName> {
    fn folded(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes()
            .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'#'))
            .map(|b| b.to_ascii_lowercase())
    }
    // The longest key is a label of some 80 bytes; 160 leaves room for spacing and stays
    // short enough that a refused input costs one pass over few bytes per key.
    if s.len() <= 160 {
        for (key, value) in keys {
            if folded(key).eq(folded(s)) {
                return Ok(value);
            }
        }
    }
    Err(UnknownName::new(s, expected))
}
