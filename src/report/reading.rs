//! What an input means, as one value: the answer a command-line tool, a token server's `/check`
//! endpoint or a browser package gives for a code, a name, an error text or an event name.

use crate::{CodeSpace, Locale, Lookalike, Platform, Product, Spelling, TokenError, TokenEvent};

/// What an input was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reading {
    /// A bare code, and what it means in each space it was read in (`None`: no token error
    /// there).
    Code {
        /// The code as given.
        code: i32,
        /// Each space read, with the error the code means there.
        readings: Vec<(CodeSpace, Option<TokenError>)>,
    },
    /// An SDK identifier (the catalog row it is, where it is one) or the crate's own name.
    Name {
        /// The row of the identifier, `None` for the crate's own name (`invalid_token`).
        spelling: Option<&'static Spelling>,
    },
    /// An error text, and what in it matched.
    #[cfg(feature = "messages")]
    Text(crate::MessageMatch),
    /// A token event's callback or event name.
    Event(TokenEvent),
    /// None of these.
    Unread,
}

impl Reading {
    /// Its stable lower snake_case name, the `kind` it serialises under: `code`, `name`,
    /// `text`, `event` or `none`.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            Reading::Code { .. } => "code",
            Reading::Name { .. } => "name",
            #[cfg(feature = "messages")]
            Reading::Text(_) => "text",
            Reading::Event(_) => "event",
            Reading::Unread => "none",
        }
    }
}

/// What an input means: what it was read as, the token errors it reports (each once, in the
/// order read), and the product whose terms explain them.
///
/// ```
/// use agora_token_errors::{CodeSpace, Product, Report, TokenError};
///
/// let r = Report::of("110", &CodeSpace::of(Product::Rtc), None);
/// assert_eq!(r.reading().as_str(), "code");
/// assert_eq!(r.errors(), [TokenError::InvalidToken]);
/// let r = Report::of("28", &[CodeSpace::ChatWeb], None);
/// assert_eq!(r.product(), Product::Chat); // read in Chat's space, explained in Chat's terms
/// let r = Report::of("libcurl error 110", &CodeSpace::ALL, None);
/// assert!(r.errors().is_empty());
/// ```
///
/// With `serde` it serialises as one object: `kind` (what it was read as), `input`, `product`,
/// `matched` (the code's readings, the name's row, the text's match, or the event with its
/// callbacks) and `errors`, each with its `error` (the error's `as_str()`), texts in the product's terms, action and
/// spellings, every name its `as_str()`; with [`with_platform`](Report::with_platform), also
/// `platform`: its RTC error space (`null` in an RTM or Chat report), each error's identifier in
/// the product's SDK and that SDK's callbacks to renew and rejoin on.
/// This is the object the command-line tool's `--json` prints and the WebAssembly package's
/// `explain` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    input: String,
    reading: Reading,
    errors: Vec<TokenError>,
    event: Option<TokenEvent>,
    product: Product,
    platform: Option<Platform>,
    locale: Locale,
    lookalike: Option<&'static Lookalike>,
}

impl Report {
    /// The one reader of what a user reported. Reads `input` as a bare code (in `spaces`), an
    /// SDK or crate name, an event name or (with
    /// `messages`) an error text, in that order. `product` sets whose terms explain the errors;
    /// without it, the product the input speaks for (a code read in one product's spaces, an RTM
    /// or Chat spelling, a text's match), else RTC. The input is kept up to 4 KiB.
    #[must_use]
    pub fn of(input: &str, spaces: &[CodeSpace], product: Option<Product>) -> Report {
        let text = input.trim();
        let mut errors: Vec<TokenError> = Vec::new();
        let mut speaks_for = None;
        let mut event = None;
        let reading = if let Ok(code) = text.parse::<i32>() {
            let readings: Vec<(CodeSpace, Option<TokenError>)> = spaces
                .iter()
                .map(|&s| (s, TokenError::from_code(s, code)))
                .collect();
            for e in readings.iter().filter_map(|r| r.1) {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
            // The product whose spaces give the code a meaning: every space read when none
            // does, else those where it is a token error (-10005 is RTM's alone).
            let meant: Vec<Product> = readings
                .iter()
                .filter(|r| errors.is_empty() || r.1.is_some())
                .map(|r| r.0.product())
                .collect();
            if meant.iter().all(|&p| Some(p) == meant.first().copied()) {
                speaks_for = meant.first().copied();
            }
            Reading::Code { code, readings }
        } else if let Ok(e) = text.parse::<TokenError>() {
            errors.push(e);
            let spelling = Spelling::from_name(text);
            speaks_for = spelling.map(Spelling::product);
            Reading::Name { spelling }
        } else if let Some(e) = TokenEvent::from_name(text) {
            event = Some(e);
            Reading::Event(e)
        } else {
            read_text(input, &mut errors, &mut speaks_for)
        };
        // Nothing read is a token error or event: what users take for one, if it is that.
        let lookalike = (errors.is_empty() && event.is_none())
            .then(|| crate::lookalike::of(input, spaces))
            .flatten();
        Report {
            input: kept(input),
            reading,
            errors,
            event,
            product: product.or(speaks_for).unwrap_or(Product::Rtc),
            platform: None,
            locale: Locale::En,
            lookalike,
        }
    }

    /// What the input is when it is no token error but something users take for one (a
    /// project that is not active, RTM not enabled, a server error), with what to check: see
    /// [`Lookalike`]. `None` when a token error or event was read, or nothing known.
    #[must_use]
    pub fn lookalike(&self) -> Option<&'static Lookalike> {
        self.lookalike
    }

    /// Which kind of answer this is: `"token_error"`, `"token_event"`, `"lookalike"` (not a
    /// token error, and what it is) or `"none"` (nothing known). The JSON's `answer`.
    #[must_use]
    pub fn answer(&self) -> &'static str {
        match (self.errors.is_empty(), self.event, self.lookalike) {
            (false, _, _) => "token_error",
            (true, Some(_), _) => "token_event",
            (true, None, Some(_)) => "lookalike",
            (true, None, None) => "none",
        }
    }

    /// The same report, for an app on `platform`: its identifiers and callbacks join the answer.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Platform, Report};
    ///
    /// let r = Report::of("110", &[Platform::Flutter.error_space()], None).with_platform(Platform::Flutter);
    /// assert_eq!(r.platform(), Some(Platform::Flutter));
    /// ```
    #[must_use]
    pub fn with_platform(mut self, platform: Platform) -> Report {
        self.platform = Some(platform);
        self
    }

    /// The same report with the errors explained in `locale` (English by default).
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Locale, Report};
    ///
    /// let r = Report::of("110", &[CodeSpace::Native], None).with_locale(Locale::Zh);
    /// assert_eq!(r.errors()[0].as_str(), "invalid_token");
    /// ```
    #[must_use]
    pub fn with_locale(mut self, locale: Locale) -> Report {
        self.locale = locale;
        self
    }

    /// The platform the answer is for, if one was given.
    #[must_use]
    pub fn platform(&self) -> Option<Platform> {
        self.platform
    }

    /// The input as given (its first 4 KiB), every access token in it shown by its head only
    /// (spans of the match still count bytes of the input as given).
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What the input was read as.
    #[must_use]
    pub fn reading(&self) -> &Reading {
        &self.reading
    }

    /// The token errors it reports, each once; empty when it reports none.
    #[must_use]
    pub fn errors(&self) -> &[TokenError] {
        &self.errors
    }

    /// The token event it names, if it names one.
    #[must_use]
    pub fn event(&self) -> Option<TokenEvent> {
        self.event
    }

    /// The product whose terms explain the errors.
    #[must_use]
    pub fn product(&self) -> Product {
        self.product
    }

    /// The name `error` has in the SDK of the report's platform and product: for a code, that
    /// code's own name there (Web 2 is `K_TIMESTAMP_EXPIRED`, Web 109 `ERR_DYNAMIC_KEY_TIMEOUT`),
    /// else the error's first name in that language. `None` without a platform, or where
    /// that SDK has no name for it.
    ///
    /// ```
    /// use agora_token_errors::{Platform, Report, TokenError};
    ///
    /// let web = |code| Report::of(code, &[Platform::Web.error_space()], None).with_platform(Platform::Web);
    /// assert_eq!(web("2").identifier(TokenError::TokenExpired), Some("K_TIMESTAMP_EXPIRED"));
    /// assert_eq!(web("109").identifier(TokenError::TokenExpired), Some("ERR_DYNAMIC_KEY_TIMEOUT"));
    /// ```
    #[must_use]
    pub fn identifier(&self, error: TokenError) -> Option<&'static str> {
        let language = self.platform?.language();
        let own = match &self.reading {
            Reading::Code { code, readings } => error.spellings().iter().find(|s| {
                s.language() == language
                    && s.code() == Some(code.abs())
                    && readings.contains(&(s.space(), Some(error)))
            }),
            _ => None,
        };
        own.map(Spelling::identifier)
            .or_else(|| error.identifier(self.product, language))
    }
}

/// One line saying what the input was read as, for a message to a user: the error it reports,
/// or why it reports none or more than one. The input itself is not repeated (it may hold a
/// token).
///
/// ```
/// use agora_token_errors::{CodeSpace, Product, Report};
///
/// let rtm = CodeSpace::of(Product::Rtm);
/// assert_eq!(Report::of("-10009", &rtm, None).to_string(), "-10009 is token_expired in rtm");
/// assert_eq!(
///     Report::of("5", &rtm, None).to_string(),
///     "5 means invalid_token in rtm_login, token_expired in rtm_renew_token: give the product, platform or code space"
/// );
/// assert_eq!(Report::of("18", &[CodeSpace::Native], None).to_string(), "18 is no token error in native");
/// assert_eq!(Report::of("hello", &rtm, None).to_string(), "names no token error");
/// // What users take for a token error is said not to be one, and what it is.
/// assert!(Report::of("17", &[CodeSpace::Native], None)
///     .to_string()
///     .starts_with("17 is not a token error: The join was refused"));
/// ```
impl core::fmt::Display for Report {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if let Some(l) = self.lookalike {
            if let Reading::Code { code, .. } = &self.reading {
                write!(f, "{code} is ")?;
            }
            return match self.locale {
                Locale::Zh => write!(f, "不是 Token 错误：{}", l.meaning(self.locale)),
                Locale::En => write!(f, "not a token error: {}", l.meaning(self.locale)),
            };
        }
        let Reading::Code { code, readings } = &self.reading else {
            return match self.errors.as_slice() {
                [] => f.write_str("names no token error"),
                errors => {
                    f.write_str("reads as ")?;
                    let names: Vec<&str> = errors.iter().map(|e| e.as_str()).collect();
                    f.write_str(&names.join(", "))
                }
            };
        };
        let meant: Vec<(CodeSpace, TokenError)> = readings
            .iter()
            .filter_map(|&(space, e)| Some((space, e?)))
            .collect();
        match (self.errors.as_slice(), meant.as_slice()) {
            ([], _) => {
                let spaces: Vec<&str> = readings.iter().map(|r| r.0.as_str()).collect();
                write!(f, "{code} is no token error in {}", spaces.join(", "))
            }
            ([e], [(space, _), ..]) => write!(f, "{code} is {} in {}", e.as_str(), space.as_str()),
            _ => {
                write!(f, "{code} means ")?;
                let mut seen: Vec<TokenError> = Vec::new();
                for &(space, e) in &meant {
                    if !seen.contains(&e) {
                        if !seen.is_empty() {
                            f.write_str(", ")?;
                        }
                        write!(f, "{} in {}", e.as_str(), space.as_str())?;
                        seen.push(e);
                    }
                }
                f.write_str(": give the product, platform or code space")
            }
        }
    }
}

/// The input as a report keeps it: its first 4 KiB, with every access token or dynamic key in it
/// (`003` to `007` and 32 or more base64 characters, where a word starts) shown by its head only,
/// and every word of exactly 32 hexadecimal digits (an App Certificate, or an App ID: the two
/// cannot be told apart) by its first four: a pasted token or certificate is a secret, and a
/// report is printed and sent on.
fn kept(input: &str) -> String {
    let end = (0..=input.len().min(4096))
        .rev()
        .find(|&i| input.is_char_boundary(i))
        .unwrap_or(0);
    let input = &input[..end];
    let b = input.as_bytes();
    let base64 = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=');
    let mut out = String::with_capacity(input.len());
    let (mut from, mut at) = (0, 0);
    while at + 3 <= b.len() {
        if at > 0 && b[at - 1].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        // A word starts here: each word is looked at once, so this stays linear.
        let word = b[at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if word == 32 && b[at..at + 32].iter().all(u8::is_ascii_hexdigit) {
            out.push_str(&input[from..at]);
            out.push_str(&input[at..at + 4]);
            out.push_str("...");
            from = at + 32;
            at += 32;
            continue;
        }
        if !(b[at..].starts_with(b"00") && (b'3'..=b'7').contains(&b[at + 2])) {
            at += word.max(1);
            continue;
        }
        let len = b[at..].iter().take_while(|c| base64(c)).count();
        if len >= 35 {
            out.push_str(&input[from..at]);
            out.push_str(&crate::shown::Shown(&input[at..at + len]).to_string());
            from = at + len;
        }
        at += len.max(1);
    }
    out.push_str(&input[from..]);
    out
}

#[cfg(feature = "messages")]
fn read_text(
    input: &str,
    errors: &mut Vec<TokenError>,
    speaks_for: &mut Option<Product>,
) -> Reading {
    match TokenError::match_report(input) {
        Some(m) => {
            errors.push(m.error());
            // A spelling anyone prints says nothing of the product it came from.
            if m.support() != crate::Support::Reported {
                *speaks_for = m.product();
            }
            Reading::Text(m)
        }
        None => Reading::Unread,
    }
}

#[cfg(not(feature = "messages"))]
fn read_text(_: &str, _: &mut Vec<TokenError>, _: &mut Option<Product>) -> Reading {
    Reading::Unread
}

#[cfg(feature = "serde")]
mod serde_impl {
    use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

    use super::{Reading, Report};
    use crate::{Locale, Platform, Product, TokenError, TokenEvent};

    /// An error in a product's terms.
    struct Explained(TokenError, Product, Locale);

    impl Serialize for Explained {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let Explained(e, product, locale) = *self;
            let texts = e.texts(product, locale);
            let mut out = s.serialize_struct("Error", 10)?;
            out.serialize_field("error", e.as_str())?;
            out.serialize_field("display", &e.to_string())?;
            out.serialize_field("summary", texts.summary())?;
            out.serialize_field("cause", texts.cause())?;
            out.serialize_field("remediation", texts.remediation())?;
            out.serialize_field("action", e.action().as_str())?;
            out.serialize_field("native_surface", e.native_surface())?;
            out.serialize_field("web_surface", e.web_surface())?;
            out.serialize_field("spellings", e.spellings())?;
            out.end()
        }
    }

    /// A lookalike: what it is recognised by, its code, what it is and what to check.
    struct AsLookalike(&'static crate::Lookalike, Locale);

    impl Serialize for AsLookalike {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let l = self.0;
            let mut out = s.serialize_struct("Lookalike", 7)?;
            out.serialize_field("text", l.text())?;
            out.serialize_field("space", &l.space().map(crate::CodeSpace::as_str))?;
            out.serialize_field("code", &l.code())?;
            out.serialize_field("product", l.product())?;
            out.serialize_field("meaning", l.meaning(self.1))?;
            out.serialize_field("check", l.check(self.1))?;
            out.serialize_field("citation", l.citation())?;
            out.end()
        }
    }

    /// What matched, by the kind of reading (an event's callbacks on the platform, else on each).
    struct Matched<'a>(&'a Reading, Product, Option<Platform>, Locale);

    impl Serialize for Matched<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            #[cfg(feature = "messages")]
            if let Reading::Text(m) = self.0 {
                return m.serialize(s);
            }
            let mut out = s.serialize_map(None)?;
            match self.0 {
                Reading::Code { code, readings } => {
                    out.serialize_entry("code", code)?;
                    let rows: Vec<_> = readings
                        .iter()
                        .map(|(space, e)| {
                            [
                                ("space", Some(space.as_str())),
                                ("product", Some(space.product().as_str())),
                                ("error", e.map(TokenError::as_str)),
                            ]
                            .into_iter()
                            .collect::<std::collections::BTreeMap<_, _>>()
                        })
                        .collect();
                    out.serialize_entry("readings", &rows)?;
                }
                Reading::Name { spelling } => {
                    out.serialize_entry("spelling", spelling)?;
                }
                // Written whole above: its fields are the match's own.
                #[cfg(feature = "messages")]
                Reading::Text(_) => {}
                Reading::Event(e) => {
                    out.serialize_entry("event", e.as_str())?;
                    out.serialize_entry("action", e.action().as_str())?;
                    out.serialize_entry("remediation", e.remediation(self.1, self.3))?;
                    let platforms = self.2.as_ref().map_or(Platform::ALL, core::slice::from_ref);
                    let callbacks: std::collections::BTreeMap<&str, Option<&str>> = platforms
                        .iter()
                        .map(|&p| (p.as_str(), e.callback(self.1, p)))
                        .collect();
                    out.serialize_entry("callbacks", &callbacks)?;
                }
                Reading::Unread => {}
            }
            out.end()
        }
    }

    impl Serialize for Report {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut out = s.serialize_struct("Report", 9)?;
            out.serialize_field("answer", self.answer())?;
            out.serialize_field("kind", self.reading.as_str())?;
            out.serialize_field("input", &self.input)?;
            out.serialize_field("product", self.product.as_str())?;
            out.serialize_field("locale", self.locale.as_str())?;
            out.serialize_field(
                "matched",
                &Matched(&self.reading, self.product, self.platform, self.locale),
            )?;
            let errors: Vec<Explained> = self
                .errors
                .iter()
                .map(|&e| Explained(e, self.product, self.locale))
                .collect();
            out.serialize_field("errors", &errors)?;
            match self.lookalike {
                Some(l) => out.serialize_field("lookalike", &AsLookalike(l, self.locale))?,
                None => out.skip_field("lookalike")?,
            }
            // Declared among the 9 fields; formats with fixed-size structs are told it is absent.
            match self.platform {
                Some(p) => {
                    out.serialize_field("platform", &OnPlatform(p, self))?;
                }
                None => out.skip_field("platform")?,
            }
            out.end()
        }
    }

    /// What a platform adds: its error space (RTC's; `null` in an RTM or Chat report), each
    /// error's identifier in the report's product, and the callbacks to renew and rejoin on in it.
    struct OnPlatform<'a>(Platform, &'a Report);

    impl Serialize for OnPlatform<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let OnPlatform(p, report) = *self;
            let (product, errors) = (report.product, &report.errors);
            let mut out = s.serialize_struct("Platform", 5)?;
            out.serialize_field("platform", p.as_str())?;
            // The platform's error space is RTC's; RTM and Chat SDKs report in several spaces.
            let space = Some(p.error_space()).filter(|s| s.product() == product);
            out.serialize_field("space", &space.map(crate::CodeSpace::as_str))?;
            let identifiers: Vec<std::collections::BTreeMap<&str, Option<&str>>> = errors
                .iter()
                .map(|&e| {
                    [
                        ("error", Some(e.as_str())),
                        ("identifier", report.identifier(e)),
                    ]
                    .into_iter()
                    .collect()
                })
                .collect();
            out.serialize_field("identifiers", &identifiers)?;
            out.serialize_field("renew_on", &TokenEvent::WillExpire.callback(product, p))?;
            out.serialize_field("rejoin_on", &TokenEvent::DidExpire.callback(product, p))?;
            out.end()
        }
    }
}
