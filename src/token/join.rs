//! What the client joined (or logged in) with: the other half of a diagnosis.

use core::fmt;

use super::ServiceKind;
use super::permissions::{RtmAccess, RtmResource};

/// The user a client joins as.
///
/// With `serde`, a uid is a JSON number and an account a JSON string, as the SDKs' join calls
/// take them: `12345` and `"alice"`. A number that is no `u32` is refused, never wrapped.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use agora_token_errors::token::User;
///
/// assert_eq!(serde_json::from_str::<User>("12345").unwrap(), User::Uid(12345));
/// assert_eq!(serde_json::from_str::<User>("\"alice\"").unwrap(), User::Account("alice".into()));
/// assert_eq!(serde_json::to_string(&User::Account("42".into())).unwrap(), "\"42\"");
/// assert!(serde_json::from_str::<User>("4294967296").is_err());
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum User {
    /// An int uid; 0 lets the SDK pick one.
    Uid(u32),
    /// A string user account (RTC), or the user id of an RTM login.
    Account(String),
}

impl User {
    /// How a token spells this user: uid 0 as `""`, other uids in decimal, accounts as they are.
    pub(super) fn as_token_text(&self) -> String {
        match self {
            User::Uid(0) => String::new(),
            User::Uid(uid) => uid.to_string(),
            User::Account(account) => account.clone(),
        }
    }
}

impl fmt::Display for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            User::Uid(uid) => write!(f, "uid {uid}"),
            User::Account(account) => write!(f, "user account {account:?}"),
        }
    }
}

// `User` as JSON: see its docs.
#[cfg(feature = "serde")]
mod user_serde {
    use core::fmt;

    use serde::de::{self, Deserialize, Deserializer, Visitor};
    use serde::ser::{Serialize, Serializer};

    use super::User;

    impl Serialize for User {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                User::Uid(uid) => s.serialize_u32(*uid),
                User::Account(account) => s.serialize_str(account),
            }
        }
    }

    impl<'de> Deserialize<'de> for User {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct UserVisitor;
            impl Visitor<'_> for UserVisitor {
                type Value = User;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(
                        "a uid (a number from 0 to 4294967295) or a user account (a string)",
                    )
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<User, E> {
                    u32::try_from(v)
                        .map(User::Uid)
                        .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<User, E> {
                    u32::try_from(v)
                        .map(User::Uid)
                        .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<User, E> {
                    Ok(User::Account(v.to_owned()))
                }
            }
            d.deserialize_any(UserVisitor)
        }
    }
}

/// What a join is into: an RTC channel, an RTM login or a Chat login.
#[derive(Clone, PartialEq, Eq)]
enum Target {
    Rtc { channel: String },
    Rtm,
    Chat,
}

/// What the client joined with: App ID, channel (or, for RTM, the login), user and, optionally,
/// the App Certificate to check the signature with (feature `verify`).
///
/// A join made without saying which user it is (`JoinParams::new(app, channel)` alone) is not
/// judged on the user at all: say [`with_uid`](Self::with_uid) or
/// [`with_account`](Self::with_account), and `.with_uid(0)` for an explicit uid-0 join (the SDK
/// picks the uid).
///
/// ```
/// use agora_token_errors::token::{JoinParams, User};
///
/// let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby").with_uid(12345);
/// assert_eq!(join.user(), Some(&User::Uid(12345)));
/// let unknown = JoinParams::new("970CA35de60c44645bbae8a215061b33", "lobby");
/// assert_eq!(unknown.user(), None);
/// let login = JoinParams::rtm("970CA35de60c44645bbae8a215061b33", "alice");
/// assert_eq!(login.channel(), None);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct JoinParams {
    app_id: String,
    target: Target,
    user: Option<User>,
    certificate: Option<String>,
    rtm_resource: Option<(RtmResource, RtmAccess, String)>,
}

impl JoinParams {
    /// An RTC join to `channel` under `app_id`, by a user not said yet.
    #[must_use]
    pub fn new(app_id: impl Into<String>, channel: impl Into<String>) -> JoinParams {
        JoinParams {
            app_id: app_id.into(),
            target: Target::Rtc {
                channel: channel.into(),
            },
            user: None,
            certificate: None,
            rtm_resource: None,
        }
    }

    /// An RTM (Signaling) login under `app_id` as `user_id`: no channel; the token's RTM
    /// service must be for that user id.
    #[must_use]
    pub fn rtm(app_id: impl Into<String>, user_id: impl Into<String>) -> JoinParams {
        JoinParams {
            app_id: app_id.into(),
            target: Target::Rtm,
            user: Some(User::Account(user_id.into())),
            certificate: None,
            rtm_resource: None,
        }
    }

    /// An Agora Chat login under `app_id` as `user_id`: the token's Chat service must be a user
    /// token for that user id.
    #[must_use]
    pub fn chat(app_id: impl Into<String>, user_id: impl Into<String>) -> JoinParams {
        JoinParams {
            app_id: app_id.into(),
            target: Target::Chat,
            user: Some(User::Account(user_id.into())),
            certificate: None,
            rtm_resource: None,
        }
    }

    /// The RTM 2.x resource the refused call used, and how (`MessageChannels`, `Write`,
    /// `"lobby"` for a publish to that channel), so that a reported
    /// [`PrivilegeMissing`](crate::TokenError::PrivilegeMissing) is checked against the token's
    /// RTM 2 permissions for exactly that resource.
    #[must_use]
    pub fn with_rtm_resource(
        mut self,
        resource: RtmResource,
        access: RtmAccess,
        name: impl Into<String>,
    ) -> JoinParams {
        self.rtm_resource = Some((resource, access, name.into()));
        self
    }

    /// The RTM 2.x resource given with [`with_rtm_resource`](Self::with_rtm_resource).
    pub(super) fn rtm_resource(&self) -> Option<(RtmResource, RtmAccess, &str)> {
        self.rtm_resource
            .as_ref()
            .map(|(r, a, n)| (*r, *a, n.as_str()))
    }

    /// Joins as this user: [`with_uid`](Self::with_uid) or [`with_account`](Self::with_account)
    /// by the user's kind.
    #[must_use]
    pub fn with_user(mut self, user: User) -> JoinParams {
        self.user = Some(user);
        self
    }

    /// Joins as this int uid (0: the SDK picks one, and only a uid-0 token admits that).
    #[must_use]
    pub fn with_uid(mut self, uid: u32) -> JoinParams {
        self.user = Some(User::Uid(uid));
        self
    }

    /// Joins as this user account (string uid); for an RTM login, logs in as this user id.
    #[must_use]
    pub fn with_account(mut self, account: impl Into<String>) -> JoinParams {
        self.user = Some(User::Account(account.into()));
        self
    }

    /// The App Certificate the token server signs with, so that diagnosis checks the signature:
    /// it tells "signed with another certificate" from "built for other parameters", and names a
    /// certificate that is not 32 hexadecimal digits. Only with the `verify` feature, since
    /// without it nothing could be checked and a certificate must not change a diagnosis. It is
    /// never shown by `Debug`.
    #[cfg(feature = "verify")]
    #[cfg_attr(docsrs, doc(cfg(feature = "verify")))]
    #[must_use]
    pub fn with_app_certificate(mut self, certificate: impl Into<String>) -> JoinParams {
        self.certificate = Some(certificate.into());
        self
    }

    /// The App ID the engine (or RTM client) was initialised with.
    #[must_use]
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The channel joined, or `None` for an RTM or Chat login.
    #[must_use]
    pub fn channel(&self) -> Option<&str> {
        match &self.target {
            Target::Rtc { channel } => Some(channel),
            Target::Rtm | Target::Chat => None,
        }
    }

    /// The user joined as, or `None` when it was not said.
    #[must_use]
    pub fn user(&self) -> Option<&User> {
        self.user.as_ref()
    }

    /// The service the join needs from the token: RTC for a channel, RTM or Chat for a login.
    #[must_use]
    pub fn service(&self) -> ServiceKind {
        match self.target {
            Target::Rtc { .. } => ServiceKind::Rtc,
            Target::Rtm => ServiceKind::Rtm,
            Target::Chat => ServiceKind::Chat,
        }
    }

    #[cfg_attr(not(feature = "verify"), allow(dead_code))]
    pub(super) fn certificate(&self) -> Option<&str> {
        self.certificate.as_deref()
    }
}

/// Never shows the App Certificate.
impl fmt::Debug for JoinParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinParams")
            .field("app_id", &self.app_id)
            .field("service", &self.service())
            .field("channel", &self.channel())
            .field("user", &self.user)
            .field(
                "app_certificate",
                &self.certificate.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}
