//! Building AccessToken2 (007) tokens that cannot fail (feature `build`).
//!
//! Every check a token can fail at an SDK runs before signing, and refuses with a [`BuildError`]
//! that says which input is wrong and which [`TokenError`](crate::TokenError) it would have
//! caused. What is built is what Agora's own builders write, byte for byte before compression
//! (`tests/it/build_same_bytes.rs` compares with npm `agora-token` 2.0.6 on every builder function a
//! server uses).
//!
//! ```
//! use agora_token_errors::token::{Diagnosis, JoinParams, Role, Token, User};
//!
//! let app_id = "970CA35de60c44645bbae8a215061b33";
//! let s = Token::builder(app_id, "5CFd2fd1755d40ecb72977518be15d3b")
//!     .expire_in(3600)
//!     .rtc("lobby", User::Uid(42), Role::Publisher)
//!     .rtm("alice")
//!     .build()?;
//! let join = JoinParams::new(app_id, "lobby").with_uid(42);
//! let now = Token::parse(&s).unwrap().issued_at().unwrap();
//! assert!(Diagnosis::of(&s, &join, now, None).findings().is_empty());
//! # Ok::<(), agora_token_errors::token::BuildError>(())
//! ```

mod error;
mod pack;

use core::fmt;

pub use error::{BuildError, IdProblem};

use super::{RtmPermissions, ServiceKind, Token, User};

crate::space::listed_enum! {
/// The RTC role a token is built for: a publisher also gets the publishing privileges.
///
/// ```
/// use agora_token_errors::token::Role;
///
/// assert_eq!("publisher".parse::<Role>(), Ok(Role::Publisher));
/// assert_eq!("2".parse::<Role>(), Ok(Role::Subscriber)); // the builders' RtcRole.SUBSCRIBER
/// assert_eq!("host".parse::<Role>(), Ok(Role::Publisher)); // the SDK's client role that needs it
/// assert_eq!(Role::Subscriber.to_string(), "subscriber");
/// assert!("admin".parse::<Role>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// Joins and publishes audio, video and data streams.
    Publisher = "publisher",
    /// Joins only.
    Subscriber = "subscriber",
}
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads `publisher` or `subscriber` in any case, the official builders' `RtcRole` numbers (`1`
/// publisher, `2` subscriber, AgoraIO/Tools `DynamicKey/AgoraDynamicKey/nodejs/src/RtcTokenBuilder2.js`),
/// and the SDK client roles that need each (`host` or `broadcaster`, `audience`).
impl core::str::FromStr for Role {
    type Err = crate::UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let keys = [
            ("publisher", Role::Publisher),
            ("1", Role::Publisher),
            ("host", Role::Publisher),
            ("broadcaster", Role::Publisher),
            ("subscriber", Role::Subscriber),
            ("2", Role::Subscriber),
            ("audience", Role::Subscriber),
        ];
        crate::unknown::parse_keyed(
            s,
            keys,
            "a role: publisher (1, host) or subscriber (2, audience)",
        )
    }
}

/// How long each RTC privilege lasts, in seconds from the issue time; `None` leaves the privilege
/// out of the token. What `buildTokenWithUidAndPrivilege` takes.
///
/// ```
/// use agora_token_errors::token::RtcPrivileges;
///
/// // Joins for an hour, publishes audio for ten minutes, nothing else.
/// let p = RtcPrivileges { join: Some(3600), publish_audio: Some(600), ..Default::default() };
/// assert_eq!(p.publish_video, None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RtcPrivileges {
    /// Joining the channel.
    pub join: Option<u64>,
    /// Publishing audio.
    pub publish_audio: Option<u64>,
    /// Publishing video.
    pub publish_video: Option<u64>,
    /// Publishing data streams.
    pub publish_data: Option<u64>,
}

impl RtcPrivileges {
    /// The privileges of `role`, each for `seconds`.
    #[must_use]
    pub fn for_role(role: Role, seconds: u64) -> Self {
        let publish = (role == Role::Publisher).then_some(seconds);
        RtcPrivileges {
            join: Some(seconds),
            publish_audio: publish,
            publish_video: publish,
            publish_data: publish,
        }
    }

    fn listed(&self) -> [(u16, &'static str, Option<u64>); 4] {
        use super::model::privilege::{
            JOIN_CHANNEL, PUBLISH_AUDIO, PUBLISH_DATA, PUBLISH_VIDEO, label,
        };
        let rtc = |id| (id, label(ServiceKind::Rtc, id));
        [
            (rtc(JOIN_CHANNEL), self.join),
            (rtc(PUBLISH_AUDIO), self.publish_audio),
            (rtc(PUBLISH_VIDEO), self.publish_video),
            (rtc(PUBLISH_DATA), self.publish_data),
        ]
        .map(|((id, name), seconds)| (id, name, seconds))
    }
}

/// One service the token will grant. A privilege of `None` lasts the token's lifetime.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Spec {
    Rtc {
        channel: String,
        user: User,
        role: Option<Role>,
        privileges: Option<RtcPrivileges>,
    },
    Rtm {
        user: String,
        expire: Option<u64>,
    },
    Chat {
        user: String,
        app: bool,
    },
    /// RTM 2 with resource permissions (service type 8).
    Rtm2 {
        user: String,
        permissions: RtmPermissions,
    },
    /// A service with no privileges or fields: ConvoAI (9), STT (10).
    Bare(ServiceKind),
    /// FPA (4), with its login privilege unlimited (0), as `FpaTokenBuilder.buildToken` writes it.
    Fpa,
    /// Flexible Classroom (APaaS, 7): a room, a user, a role, and the privilege granted (1 room
    /// user, written without privileges; 2 user; 3 app).
    Apaas {
        room: String,
        user: String,
        role: u16,
        privilege: u16,
    },
}

impl Spec {
    fn service_type(&self) -> u16 {
        match self {
            Spec::Rtc { .. } => ServiceKind::Rtc.service_type(),
            Spec::Rtm { .. } => ServiceKind::Rtm.service_type(),
            Spec::Chat { .. } => ServiceKind::Chat.service_type(),
            Spec::Rtm2 { .. } => ServiceKind::Rtm2.service_type(),
            Spec::Bare(kind) => kind.service_type(),
            Spec::Fpa => ServiceKind::Fpa.service_type(),
            Spec::Apaas { .. } => ServiceKind::Apaas.service_type(),
        }
    }
}

/// Builds an AccessToken2 (007) token: [`Token::builder`].
#[derive(Clone, PartialEq, Eq)]
pub struct TokenBuilder {
    app_id: String,
    certificate: String,
    lifetime: Option<u64>,
    issued_at: Option<u64>,
    salt: Option<u32>,
    services: Vec<Spec>,
}

impl Token {
    /// A builder for an AccessToken2 (007) token of the project with this App ID and App
    /// Certificate (feature `build`).
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "build")))]
    pub fn builder(app_id: impl Into<String>, app_certificate: impl Into<String>) -> TokenBuilder {
        TokenBuilder {
            app_id: app_id.into(),
            certificate: app_certificate.into(),
            lifetime: None,
            issued_at: None,
            salt: None,
            services: Vec::new(),
        }
    }
}

impl TokenBuilder {
    /// The token's lifetime, in seconds from its issue time (1 to 86,400). Privileges last as
    /// long unless set otherwise. Taking a `u64` lets the build refuse a Unix time or a time in
    /// milliseconds passed by mistake.
    #[must_use]
    pub fn expire_in(mut self, seconds: u64) -> Self {
        self.lifetime = Some(seconds);
        self
    }

    /// Pins the issue time (Unix seconds) instead of the clock: for reproducible tokens in tests.
    #[must_use]
    pub fn issued_at(mut self, unix: u64) -> Self {
        self.issued_at = Some(unix);
        self
    }

    /// Pins the salt instead of a random one: for reproducible tokens in tests.
    #[must_use]
    pub fn salt(mut self, salt: u32) -> Self {
        self.salt = Some(salt);
        self
    }

    fn add(mut self, spec: Spec) -> Self {
        // Every service is kept, in the order added, as Agora's builders keep them since
        // AgoraIO/Tools PR #433 (several RTC services of one token: a channel and an RTM stream
        // channel); none replaces another.
        self.services.push(spec);
        self
    }

    /// Joining `channel` as `user`, with the publishing privileges for [`Role::Publisher`], each
    /// for the token's lifetime (`buildTokenWithUid` / `buildTokenWithUserAccount`).
    #[must_use]
    pub fn rtc(self, channel: impl Into<String>, user: User, role: Role) -> Self {
        self.add(Spec::Rtc {
            channel: channel.into(),
            user,
            role: Some(role),
            privileges: None,
        })
    }

    /// Like [`rtc`](Self::rtc), with the privileges lasting `seconds` instead (the
    /// `privilegeExpire` of `buildTokenWithUid`; 0 means no limit of their own).
    #[must_use]
    pub fn rtc_with_privilege_expire(
        self,
        channel: impl Into<String>,
        user: User,
        role: Role,
        seconds: u64,
    ) -> Self {
        self.add(Spec::Rtc {
            channel: channel.into(),
            user,
            role: Some(role),
            privileges: Some(RtcPrivileges::for_role(role, seconds)),
        })
    }

    /// Joining `channel` as `user` with each privilege for its own time
    /// (`buildTokenWithUidAndPrivilege`, and the RTC part of `buildTokenWithRtm2`).
    #[must_use]
    pub fn rtc_with_privileges(
        self,
        channel: impl Into<String>,
        user: User,
        privileges: RtcPrivileges,
    ) -> Self {
        self.add(Spec::Rtc {
            channel: channel.into(),
            user,
            role: None,
            privileges: Some(privileges),
        })
    }

    /// Logging in to RTM as `user_id`, for the token's lifetime (`RtmTokenBuilder.buildToken`,
    /// and the RTM part of `buildTokenWithRtm`).
    #[must_use]
    pub fn rtm(self, user_id: impl Into<String>) -> Self {
        self.add(Spec::Rtm {
            user: user_id.into(),
            expire: None,
        })
    }

    /// Logging in to RTM as `user_id` for `seconds` (the `rtmTokenExpire` of
    /// `buildTokenWithRtm2`).
    #[must_use]
    pub fn rtm_with_expire(self, user_id: impl Into<String>, seconds: u64) -> Self {
        self.add(Spec::Rtm {
            user: user_id.into(),
            expire: Some(seconds),
        })
    }

    /// Logging in to RTM 2 as `user_id` with resource `permissions`, for the token's lifetime
    /// (`RtmTokenBuilder.buildTokenWithPermissions`, AgoraIO/Tools PR #434; an RTM 2 service,
    /// type 8). An empty `user_id` admits any user.
    #[must_use]
    pub fn rtm_with_permissions(
        self,
        user_id: impl Into<String>,
        permissions: RtmPermissions,
    ) -> Self {
        self.add(Spec::Rtm2 {
            user: user_id.into(),
            permissions,
        })
    }

    /// Fast Path Acceleration (FPA, type 4), as `FpaTokenBuilder.buildToken` writes it: its login
    /// privilege has no limit of its own (0), and Agora's builder fixes the token's lifetime at
    /// 24 hours (`expire_in(86400)`).
    #[must_use]
    pub fn fpa(self) -> Self {
        self.add(Spec::Fpa)
    }

    /// A Flexible Classroom room-user token's services (`EducationTokenBuilder` and
    /// `ApaasTokenBuilder.buildRoomUserToken`): the classroom service for `room_uuid`,
    /// `user_uuid` and `role`, an RTM login as `user_uuid`, and a Chat user whose id is the MD5 of
    /// `user_uuid` in hexadecimal, each for the token's lifetime. A role of 0 is written as
    /// 65535, as Agora's builders write it (`role || -1`).
    #[must_use]
    pub fn apaas_room_user(
        self,
        room_uuid: impl Into<String>,
        user_uuid: impl Into<String>,
        role: u16,
    ) -> Self {
        use md5::{Digest as _, Md5};
        let user = user_uuid.into();
        let digest = Md5::digest(user.as_bytes());
        let chat_user = digest.iter().fold(String::with_capacity(32), |mut hex, b| {
            use core::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
            hex
        });
        self.add(Spec::Apaas {
            room: room_uuid.into(),
            user: user.clone(),
            role: if role == 0 { u16::MAX } else { role },
            privilege: super::model::privilege::APAAS_ROOM_USER,
        })
        .rtm(user)
        .chat_user(chat_user)
    }

    /// A Flexible Classroom user token (`buildUserToken`): the classroom service for
    /// `user_uuid`, in no room and with no role, for the token's lifetime.
    #[must_use]
    pub fn apaas_user(self, user_uuid: impl Into<String>) -> Self {
        self.add(Spec::Apaas {
            room: String::new(),
            user: user_uuid.into(),
            role: u16::MAX,
            privilege: super::model::privilege::APAAS_USER,
        })
    }

    /// A Flexible Classroom app token (`buildAppToken`), for its REST API.
    #[must_use]
    pub fn apaas_app(self) -> Self {
        self.add(Spec::Apaas {
            room: String::new(),
            user: String::new(),
            role: u16::MAX,
            privilege: super::model::privilege::APAAS_APP,
        })
    }

    /// The Conversational AI service (type 9) that `ConvoAITokenBuilder.buildToken` adds after
    /// its RTC and RTM services (npm `agora-token` 2.0.6); it carries no privileges.
    #[must_use]
    pub fn convo_ai(self) -> Self {
        self.add(Spec::Bare(ServiceKind::ConvoAi))
    }

    /// The speech-to-text service (type 10) that `SttTokenBuilder.buildToken` adds after its RTC
    /// and RTM services (npm `agora-token` 2.0.6); it carries no privileges.
    #[must_use]
    pub fn stt(self) -> Self {
        self.add(Spec::Bare(ServiceKind::Stt))
    }

    /// An Agora Chat user token for `user_id` (`ChatTokenBuilder.buildUserToken`).
    #[must_use]
    pub fn chat_user(self, user_id: impl Into<String>) -> Self {
        self.add(Spec::Chat {
            user: user_id.into(),
            app: false,
        })
    }

    /// An Agora Chat app token, for the Chat REST API (`ChatTokenBuilder.buildAppToken`).
    #[must_use]
    pub fn chat_app(self) -> Self {
        self.add(Spec::Chat {
            user: String::new(),
            app: true,
        })
    }

    /// Surprising but valid choices in these inputs, as the same [`Advice`](super::Advice) a
    /// diagnosis gives: privileges of 0 or longer than the token, a lifetime under a minute,
    /// uid 0, an all-digit account.
    #[must_use]
    pub fn warnings(&self) -> Vec<super::Advice> {
        pack::warnings(self)
    }

    /// Checks every input, then signs and encodes the token: the string to hand to the SDK.
    pub fn build(&self) -> Result<String, BuildError> {
        let content = self.content()?;
        let token = pack::encode(&content);
        // A token no SDK (nor this crate's parser) would read is never handed out.
        if token.len() > crate::token::MAX_TOKEN_LEN {
            return Err(BuildError::TokenTooLong {
                len: token.len(),
                max: crate::token::MAX_TOKEN_LEN,
                longest: self.longest_input(),
            });
        }
        Ok(token)
    }

    /// The input that takes the most room in the token, if one is longer than 16 bytes.
    fn longest_input(&self) -> Option<super::Field> {
        let mut inputs: Vec<(super::Field, usize)> = Vec::new();
        for spec in &self.services {
            match spec {
                Spec::Rtc { channel, user, .. } => {
                    inputs.push((super::Field::Channel, channel.len()));
                    if let User::Account(a) = user {
                        inputs.push((super::Field::Account, a.len()));
                    }
                }
                Spec::Rtm { user, .. } => inputs.push((super::Field::RtmUser, user.len())),
                Spec::Chat { user, .. } => inputs.push((super::Field::ChatUser, user.len())),
                Spec::Rtm2 { user, permissions } => {
                    inputs.push((super::Field::RtmUser, user.len()));
                    let names: usize = permissions
                        .grants()
                        .iter()
                        .map(|g| g.names().iter().map(String::len).sum::<usize>())
                        .sum();
                    inputs.push((super::Field::RtmResource, names));
                }
                _ => {}
            }
        }
        inputs
            .into_iter()
            .filter(|&(_, len)| len > 16)
            .max_by_key(|&(_, len)| len)
            .map(|(field, _)| field)
    }

    /// The token's content before compression, signature included: what Agora's builders
    /// compress and base64-encode.
    fn content(&self) -> Result<Vec<u8>, BuildError> {
        pack::check(self)?;
        Ok(pack::content(self))
    }
}

/// Never shows the App Certificate.
impl fmt::Debug for TokenBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenBuilder")
            .field("app_id", &self.app_id)
            .field("app_certificate", &"<redacted>")
            .field("lifetime", &self.lifetime)
            .field("issued_at", &self.issued_at)
            .field("salt", &self.salt)
            .field("services", &self.services)
            .finish_non_exhaustive()
    }
}
