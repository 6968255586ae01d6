//! What a handler does about a token error or event.

use core::fmt;
use core::str::FromStr;

use crate::UnknownName;
use crate::space::listed_enum;

listed_enum! {
/// The recovery an error or event calls for.
///
/// Agora's documents disagree on whether an expired token is renewed or the channel joined
/// again. The SDK sources settle it: the will-expire callback comes while the token is still
/// valid, and `renewToken` replaces it in place; once the SDK reports expiry (`onRequestToken`,
/// Web `token-privilege-did-expire`, error 109 or connection reason 9) the connection has been
/// refused, and the Web 4.x declarations say to call `join` again with a new token. So
/// will-expire is [`Action::RenewToken`] and expired is [`Action::RejoinWithNewToken`].
///
/// ```
/// use agora_token_errors::{Action, TokenError, TokenEvent};
///
/// assert_eq!(TokenEvent::WillExpire.action(), Action::RenewToken);
/// assert_eq!(TokenError::TokenExpired.action(), Action::RejoinWithNewToken);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Action {
    /// Fetch a new token from the token server and pass it to `renewToken`; stay in the channel.
    RenewToken = "renew_token",
    /// Fetch a new token from the token server and join the channel again with it.
    RejoinWithNewToken = "rejoin_with_new_token",
    /// The token (or the user it names) is wrong: fix what the token server builds it from (App
    /// ID, certificate, channel, user) or what the client joins with, then join with a new one.
    /// Retrying with the same inputs fails the same way.
    RebuildToken = "rebuild_token",
    /// The project's setup is wrong (App ID, certificate mode): change the configuration; no
    /// token, old or new, cures it.
    FixConfiguration = "fix_configuration",
}
}

impl Action {
    /// Whether this action involves fetching a new token.
    ///
    /// ```
    /// assert!(agora_token_errors::Action::RenewToken.needs_new_token());
    /// ```
    #[must_use]
    pub fn needs_new_token(self) -> bool {
        matches!(
            self,
            Action::RenewToken | Action::RejoinWithNewToken | Action::RebuildToken
        )
    }

    /// Whether the app can carry it out by itself, automatically.
    ///
    /// ```
    /// assert!(!agora_token_errors::Action::FixConfiguration.is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(self) -> bool {
        matches!(self, Action::RenewToken | Action::RejoinWithNewToken)
    }

    /// One sentence saying what to do, for a log or UI.
    ///
    /// ```
    /// assert!(agora_token_errors::Action::RenewToken.summary().contains("renewToken"));
    /// ```
    #[must_use]
    pub fn summary(self) -> &'static str {
        match self {
            Action::RenewToken => {
                "fetch a new token and pass it to renewToken without leaving the channel"
            }
            Action::RejoinWithNewToken => "fetch a new token and join the channel again with it",
            Action::RebuildToken => {
                "fix the App ID, certificate, channel or user the token is built from (or joined with), then join with a new token"
            }
            Action::FixConfiguration => {
                "fix the project's configuration (App ID, App Certificate mode); retrying will not help"
            }
        }
    }
}

/// A short lowercase phrase: `renew token`, `rejoin with new token`, `rebuild token`, `fix
/// configuration` ([`Action::summary`] says it in a sentence).
///
/// ```
/// assert_eq!(agora_token_errors::Action::RenewToken.to_string(), "renew token");
/// ```
impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.as_str();
        for (i, word) in id.split('_').enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(word)?;
        }
        Ok(())
    }
}

/// Parses the id, the variant name or the `Display` text, in any case.
///
/// ```
/// use agora_token_errors::Action;
/// assert_eq!("renew token".parse(), Ok(Action::RenewToken));
/// assert_eq!("RejoinWithNewToken".parse(), Ok(Action::RejoinWithNewToken));
/// ```
impl FromStr for Action {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::unknown::parse_keyed(
            s,
            Action::ALL.iter().map(|&a| (a.as_str(), a)),
            "an action (renew_token, rejoin_with_new_token, rebuild_token, fix_configuration)",
        )
    }
}
