//! [`Diagnosis`]: everything diagnosis says about one token (and the join it failed), as one
//! value, which is also one JSON object for a command-line tool, a token server or a user.

use crate::token::finding::{Advice, Finding, Severity};
use crate::token::{JoinParams, ServiceKind, Token, TokenParseError, User};
use crate::{Locale, TokenError};

/// What a token and the join it was used for say, together: the token decoded (its transport
/// damage undone), the findings with their cause first, the advice, and the error the client
/// reported, if any. [`Diagnosis::of`] is the one way to diagnose a token;
/// [`Diagnosis::of_token`] decodes a token alone.
///
/// With `serde` it serialises as one object whose `kind` is `"diagnosis"` (a token against a
/// join) or `"token"` (a token alone), with `token` (its fields, never its signature),
/// `unreadable` (why it could not be decoded), `join` (App ID, channel, service, user and the
/// time judged, never a certificate), `reported`, `findings`, `advice` and, for a join,
/// `join_looks_right`.
///
/// ```
/// use agora_token_errors::TokenError;
/// use agora_token_errors::token::{Diagnosis, FindingKind, JoinParams};
///
/// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
/// let d = Diagnosis::of("not a token", &join, 1_800_000_000, Some(TokenError::InvalidToken));
/// assert!(!d.join_looks_right());
/// assert_eq!(d.reported(), Some(TokenError::InvalidToken));
/// assert_eq!(d.findings()[0].kind(), FindingKind::Unparseable);
/// assert!(d.token().is_none() && d.unreadable().is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    token: Option<Token>,
    unreadable: Option<TokenParseError>,
    join: Option<Judged>,
    reported: Option<TokenError>,
    findings: Vec<Finding>,
    advice: Vec<Advice>,
}

/// The join as diagnosis judged it: what it joined with, never the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Judged {
    app_id: String,
    channel: Option<String>,
    service: ServiceKind,
    user: Option<User>,
    at: u64,
}

impl Diagnosis {
    /// Diagnoses the token string `token` against `join` at `now_unix` (Unix seconds; see
    /// [`unix_seconds`](super::super::unix_seconds) for a `SystemTime`).
    ///
    /// Damage of every kind, in any combination (whitespace, quotes, JSON escapes, URL
    /// encoding, a space for `+`, line breaks, invisible characters, the URL-safe alphabet,
    /// dropped padding), is named with the character and where it is, undone, and the repaired
    /// token diagnosed; a token that cannot be read is a finding too. A correct token, joined
    /// with exactly its parameters before it expires, has no findings.
    ///
    /// With `reported`, the error the SDK already reported: when no certain error finding
    /// explains it (directly, or through another surface the same fault takes: an App ID
    /// mismatch is an invalid token on the Web), the causes that cannot be seen offline are
    /// added as [`Certainty::Likely`](super::super::Certainty::Likely) findings, most likely
    /// first, each saying what to check in Agora Console.
    #[must_use]
    pub fn of(
        token: &str,
        join: &JoinParams,
        now_unix: u64,
        reported: Option<TokenError>,
    ) -> Diagnosis {
        let read = super::read(token);
        let findings = match reported {
            Some(e) => super::diagnose_reported(token, &read, join, now_unix, e),
            None => super::diagnose(token, &read, join, now_unix),
        };
        let judged = Judged {
            app_id: join.app_id().to_owned(),
            channel: join.channel().map(str::to_owned),
            service: join.service(),
            user: join.user().cloned(),
            at: now_unix,
        };
        Diagnosis {
            join: Some(judged),
            reported,
            findings,
            ..Diagnosis::of_read(read)
        }
    }

    /// Decodes `token` alone, its transport damage undone: no join, so no findings, only what
    /// the token says and the advice on it.
    ///
    /// ```
    /// let d = agora_token_errors::token::Diagnosis::of_token("\"007eJx\"");
    /// assert!(d.token().is_none());
    /// assert!(d.unreadable().unwrap().to_string().contains("cut short"));
    /// ```
    #[must_use]
    pub fn of_token(token: &str) -> Diagnosis {
        Diagnosis::of_read(super::read(token))
    }

    /// A token read, with no join.
    fn of_read((parsed, _): super::Read) -> Diagnosis {
        let advice = parsed.as_ref().map(Token::advice).unwrap_or_default();
        let (token, unreadable) = match parsed {
            Ok(t) => (Some(t), None),
            Err(e) => (None, Some(e)),
        };
        Diagnosis {
            token,
            unreadable,
            join: None,
            reported: None,
            findings: Vec::new(),
            advice,
        }
    }

    /// The same diagnosis with its findings' and advice's texts ([`Finding::message`],
    /// [`Finding::fix`], [`Advice::message`], [`Advice::fix`], their `Display` and their JSON)
    /// in `locale`; English by default. What is found does not change, only how it is said:
    /// names, channel names, uids and times appear as in English.
    ///
    /// ```
    /// use agora_token_errors::Locale;
    /// use agora_token_errors::token::{Diagnosis, FindingKind, JoinParams};
    ///
    /// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(7);
    /// let d = Diagnosis::of("", &join, 1_800_000_000, None);
    /// assert!(d.findings()[0].message().starts_with("No token was given."));
    ///
    /// let zh = d.with_locale(Locale::Zh);
    /// assert_eq!(zh.findings()[0].kind(), FindingKind::NoToken);
    /// assert!(zh.findings()[0].message().starts_with("没有传入 Token。"));
    /// assert!(zh.findings()[0].fix().contains("App Certificate"));
    /// ```
    #[must_use]
    pub fn with_locale(mut self, locale: Locale) -> Diagnosis {
        self.findings = self
            .findings
            .into_iter()
            .map(|f| f.in_locale(locale))
            .collect();
        self.advice = self
            .advice
            .into_iter()
            .map(|a| a.in_locale(locale))
            .collect();
        self
    }

    /// The token decoded, after its transport damage was undone.
    #[must_use]
    pub fn token(&self) -> Option<&Token> {
        self.token.as_ref()
    }

    /// Why the token could not be decoded, when it could not.
    #[must_use]
    pub fn unreadable(&self) -> Option<&TokenParseError> {
        self.unreadable.as_ref()
    }

    /// The error the client reported, as given to [`Diagnosis::of`].
    #[must_use]
    pub fn reported(&self) -> Option<TokenError> {
        self.reported
    }

    /// The time the join was judged at, in Unix seconds; `None` for a token alone.
    #[must_use]
    pub fn at(&self) -> Option<u64> {
        self.join.as_ref().map(|j| j.at)
    }

    /// The findings, sorted: `findings()[0]` is the cause that stops the join.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// What works but could be better (not a fault).
    #[must_use]
    pub fn advice(&self) -> &[Advice] {
        &self.advice
    }

    /// Whether the join looks right offline: a join was judged and no finding is an error. A
    /// join that looks right and still fails has a cause only Agora Console can show (the App
    /// Certificate enabled or changed, the project not active).
    #[must_use]
    pub fn join_looks_right(&self) -> bool {
        self.join.is_some()
            && !self
                .findings
                .iter()
                .any(|f| f.severity() == Severity::Error)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    use super::{Diagnosis, Judged};

    impl Serialize for Judged {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut out = s.serialize_struct("Join", 5)?;
            out.serialize_field("app_id", &self.app_id)?;
            out.serialize_field("channel", &self.channel)?;
            out.serialize_field("service", &self.service)?;
            out.serialize_field("user", &self.user)?;
            out.serialize_field("at", &self.at)?;
            out.end()
        }
    }

    impl Serialize for Diagnosis {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut out = s.serialize_struct("Diagnosis", 8)?;
            let kind = if self.join.is_some() {
                "diagnosis"
            } else {
                "token"
            };
            out.serialize_field("kind", kind)?;
            out.serialize_field("token", &self.token)?;
            out.serialize_field(
                "unreadable",
                &self.unreadable.as_ref().map(ToString::to_string),
            )?;
            // Declared among the 8 fields; formats with fixed-size structs are told they are
            // absent for a token alone.
            match &self.join {
                Some(join) => out.serialize_field("join", join)?,
                None => out.skip_field("join")?,
            }
            out.serialize_field("reported", &self.reported)?;
            out.serialize_field("findings", &self.findings)?;
            out.serialize_field("advice", &self.advice)?;
            if self.join.is_some() {
                out.serialize_field("join_looks_right", &self.join_looks_right())?;
            } else {
                out.skip_field("join_looks_right")?;
            }
            out.end()
        }
    }
}
