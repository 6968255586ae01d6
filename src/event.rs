//! The token lifecycle callbacks: "will expire" and "did expire / request token".

use core::fmt;
use core::str::FromStr;

use crate::catalog::EVENT_CALLBACKS;
use crate::space::listed_enum;
use crate::unknown::UnknownName;
use crate::{Action, Platform, Product};

listed_enum! {

/// A token lifecycle event an SDK reports through a callback or event.
///
/// ```
/// use agora_token_errors::{Action, TokenEvent};
///
/// let e = TokenEvent::from_name("rtcEngine:tokenPrivilegeWillExpire:").unwrap();
/// assert_eq!(e, TokenEvent::WillExpire);
/// assert_eq!(e.action(), Action::RenewToken);
/// assert_eq!(TokenEvent::from_name("token-privilege-did-expire"), Some(TokenEvent::DidExpire));
/// assert_eq!(TokenEvent::from_name("onRequestToken").unwrap().action(), Action::RejoinWithNewToken);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum TokenEvent {
    /// The token is about to expire and still works: 30 seconds ahead in the RTC and RTM SDKs,
    /// at 80% of its validity in Agora Chat.
    WillExpire = "will_expire",
    /// The token has expired and the SDK asks for a new one (`onRequestToken`, Web
    /// `token-privilege-did-expire`).
    DidExpire = "did_expire",
}
}

/// One callback or event name of one product's SDK (a row of `catalog/events.md`), with the
/// event it reports and the platforms that use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Callback {
    name: &'static str,
    event: TokenEvent,
    product: Product,
    platforms: &'static [Platform],
}

impl Callback {
    /// A row of `catalog/events.md`.
    pub(crate) const fn new(
        name: &'static str,
        event: TokenEvent,
        product: Product,
        platforms: &'static [Platform],
    ) -> Callback {
        Callback {
            name,
            event,
            product,
            platforms,
        }
    }

    /// The callback or event name as the SDK spells it (read by the log scan).
    #[cfg_attr(not(feature = "messages"), allow(dead_code))]
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

    /// The event it reports (read by the log scan).
    #[cfg_attr(not(feature = "messages"), allow(dead_code))]
    pub(crate) fn event(&self) -> TokenEvent {
        self.event
    }
}

impl TokenEvent {
    /// The event a callback or event name stands for, from any platform. Case, `on` prefixes
    /// aside, and punctuation (`rtcEngine:tokenPrivilegeWillExpire:`,
    /// `token-privilege-will-expire`, `rtcEngine(_:tokenPrivilegeWillExpire:)`) do not matter.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::TokenEvent::from_name("OnRequestToken"), Some(agora_token_errors::TokenEvent::DidExpire));
    /// assert_eq!("will expire".parse(), Ok(agora_token_errors::TokenEvent::WillExpire));
    /// ```
    ///
    /// `FromStr` takes the same names, and also the `Display` text (`token will expire`) and the
    /// variant name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<TokenEvent> {
        if name.len() > 64 {
            return None;
        }
        let wanted = folded(name);
        EVENT_CALLBACKS
            .iter()
            .find(|c| folded(c.name).eq(wanted.clone()))
            .map(|c| c.event)
    }

    /// The callback or event `product`'s SDK fires for this event on `platform` (its current
    /// SDK generation), or `None` where no source names one.
    ///
    /// ```
    /// use agora_token_errors::{Platform, Product, TokenEvent};
    /// assert_eq!(TokenEvent::DidExpire.callback(Product::Rtc, Platform::Android), Some("onRequestToken"));
    /// assert_eq!(TokenEvent::DidExpire.callback(Product::Rtc, Platform::CocosCreator), None);
    /// assert_eq!(TokenEvent::DidExpire.callback(Product::Rtm, Platform::Android), Some("onTokenExpired"));
    /// assert_eq!(TokenEvent::WillExpire.callback(Product::Chat, Platform::Web), Some("onTokenWillExpire"));
    /// ```
    #[must_use]
    pub fn callback(&self, product: Product, platform: Platform) -> Option<&'static str> {
        EVENT_CALLBACKS
            .iter()
            .find(|c| c.event == *self && c.product == product && c.platforms.contains(&platform))
            .map(|c| c.name)
    }

    /// What to do when it fires: renew in place before expiry, join again after it.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::TokenEvent::DidExpire.action(), agora_token_errors::Action::RejoinWithNewToken);
    /// ```
    #[must_use]
    pub fn action(&self) -> Action {
        match self {
            TokenEvent::WillExpire => Action::RenewToken,
            TokenEvent::DidExpire => Action::RejoinWithNewToken,
        }
    }

    /// What to do when it fires, in `product`'s terms and in `locale`: renew in place before
    /// expiry, log in or join again after it.
    ///
    /// ```
    /// use agora_token_errors::{Locale, Product, TokenEvent};
    /// assert!(TokenEvent::WillExpire.remediation(Product::Rtc, Locale::En).contains("renewToken"));
    /// assert!(TokenEvent::DidExpire.remediation(Product::Rtm, Locale::En).contains("log in"));
    /// assert!(TokenEvent::DidExpire.remediation(Product::Rtc, Locale::Zh).contains("重新加入频道"));
    /// ```
    #[must_use]
    pub fn remediation(&self, product: Product, locale: crate::Locale) -> &'static str {
        crate::catalog::event_remediation(*self, product, locale)
    }
}

/// Parses every name [`TokenEvent::from_name`] accepts, the `Display` text (`token did
/// expire`, also without `token`) and the variant name.
impl FromStr for TokenEvent {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TokenEvent::from_as_str(s)
            .or_else(|| TokenEvent::from_name(s))
            .or_else(|| {
                let texts = TokenEvent::ALL.iter().flat_map(|&e| {
                    let display = match e {
                        TokenEvent::WillExpire => {
                            ["token will expire", "will expire", "WillExpire"]
                        }
                        TokenEvent::DidExpire => ["token did expire", "did expire", "DidExpire"],
                    };
                    display.map(|d| (d, e))
                });
                crate::unknown::parse_keyed(s, texts, "").ok()
            })
            .ok_or_else(|| UnknownName::new(s, "a token event or callback name"))
    }
}

impl fmt::Display for TokenEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenEvent::WillExpire => "token will expire",
            TokenEvent::DidExpire => "token did expire",
        })
    }
}

/// `name` lower-cased, without punctuation and without a leading `on`.
fn folded(name: &str) -> impl Iterator<Item = u8> + Clone + '_ {
    let bytes = name.as_bytes();
    let bytes = match bytes {
        [b'o' | b'O', b'n' | b'N', next, ..] if next.is_ascii_uppercase() || *next == b'_' => {
            &bytes[2..]
        }
        _ => bytes,
    };
    bytes
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
}
