//! RTM 2.x resource permissions in a token (AgoraIO/Tools PR #434, `Rtm2Permissions`): which
//! message channels, stream channels, groups and users an RTM 2 login may read or write.

crate::space::listed_enum! {
/// A kind of RTM 2.x resource a permission names, with its number in the token (npm
/// `agora-token` 2.0.6 `src/AccessToken2.js:319-323`). `ALL` lists them in number order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RtmResource {
    /// Message channels (0).
    MessageChannels = "message_channels",
    /// Stream channels (1).
    StreamChannels = "stream_channels",
    /// Group channels (2).
    GroupChannels = "group_channels",
    /// Server groups (3).
    ServerGroups = "server_groups",
    /// Users (4).
    Users = "users",
}
}

crate::space::listed_enum! {
/// What a permission allows on its resources (`kRead` 0, `kWrite` 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RtmAccess {
    /// Reading: subscribing to a channel, reading storage or history.
    Read = "read",
    /// Writing: publishing, setting storage, taking locks.
    Write = "write",
}
}

impl RtmResource {
    /// Its number in the token's bytes (not an error code).
    #[must_use]
    pub fn wire(self) -> u16 {
        match self {
            RtmResource::MessageChannels => 0,
            RtmResource::StreamChannels => 1,
            RtmResource::GroupChannels => 2,
            RtmResource::ServerGroups => 3,
            RtmResource::Users => 4,
        }
    }

    /// The kind with this number, or `None` for one this crate does not know.
    #[must_use]
    pub fn from_wire(number: u16) -> Option<RtmResource> {
        RtmResource::ALL
            .iter()
            .copied()
            .find(|r| r.wire() == number)
    }
}

impl RtmAccess {
    /// Its number in the token's bytes (not an error code).
    #[must_use]
    pub fn wire(self) -> u16 {
        match self {
            RtmAccess::Read => 0,
            RtmAccess::Write => 1,
        }
    }

    /// The access with this number, or `None` for one this crate does not know.
    #[must_use]
    pub fn from_wire(number: u16) -> Option<RtmAccess> {
        RtmAccess::ALL.iter().copied().find(|a| a.wire() == number)
    }
}

crate::space::labelled!(
    RtmResource,
    |r| r.as_str(),
    "an RTM resource such as \"message_channels\" or \"users\""
);
crate::space::labelled!(
    RtmAccess,
    |a| a.as_str(),
    "an RTM access: \"read\" or \"write\""
);

/// One permission: the resources of one kind that one access is granted on, as the token
/// numbers them (kept as written, so a kind or access this crate does not know is not lost).
/// With `serde` it serialises as `{"resource": "stream_channels", "access": "write", "names":
/// [...]}`, a number standing for a kind or access this crate does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RtmGrant {
    pub(super) resource: u16,
    pub(super) access: u16,
    pub(super) names: Vec<String>,
}

impl RtmGrant {
    /// The kind of resource, or `None` for a number this crate does not know.
    #[must_use]
    pub fn resource(&self) -> Option<RtmResource> {
        RtmResource::from_wire(self.resource)
    }

    /// The access, or `None` for a number this crate does not know.
    #[must_use]
    pub fn access(&self) -> Option<RtmAccess> {
        RtmAccess::from_wire(self.access)
    }

    /// The resources' names (channel names, group ids, user ids), as written.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// The RTM 2.x resource permissions of a token's RTM 2 service: for each kind of resource and
/// access, the names granted. Empty for a login without resource limits.
///
/// ```
/// # #[cfg(feature = "build")] {
/// use agora_token_errors::token::{RtmAccess, RtmPermissions, RtmResource};
///
/// let p = RtmPermissions::new()
///     .grant(RtmResource::MessageChannels, RtmAccess::Read, ["lobby", "news"])
///     .grant(RtmResource::MessageChannels, RtmAccess::Write, ["lobby"]);
/// assert!(p.allows(RtmResource::MessageChannels, RtmAccess::Write, "lobby"));
/// assert!(!p.allows(RtmResource::MessageChannels, RtmAccess::Write, "news"));
/// # }
/// ```
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RtmPermissions {
    pub(super) grants: Vec<RtmGrant>,
}

impl RtmPermissions {
    /// No permissions.
    #[must_use]
    pub fn new() -> RtmPermissions {
        RtmPermissions::default()
    }

    /// Grants `access` on `names` of `resource`, replacing what was granted for that pair (as
    /// `Rtm2Permissions.add` does); kept in number order, as the token writes them.
    #[must_use]
    pub fn grant<S: Into<String>>(
        mut self,
        resource: RtmResource,
        access: RtmAccess,
        names: impl IntoIterator<Item = S>,
    ) -> RtmPermissions {
        let key = (resource.wire(), access.wire());
        self.grants.retain(|g| (g.resource, g.access) != key);
        self.grants.push(RtmGrant {
            resource: key.0,
            access: key.1,
            names: names.into_iter().map(Into::into).collect(),
        });
        self.grants.sort_by_key(|g| (g.resource, g.access));
        self
    }

    /// Every permission, in number order.
    #[must_use]
    pub fn grants(&self) -> &[RtmGrant] {
        &self.grants
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.grants.is_empty()
    }

    /// Whether `access` is granted on the resource `name` of `resource`, by its exact name. A
    /// granted name such as `stream-*` is compared as written: no source says how Agora's
    /// servers match patterns, so none is guessed.
    #[must_use]
    pub fn allows(&self, resource: RtmResource, access: RtmAccess, name: &str) -> bool {
        self.grants.iter().any(|g| {
            g.resource == resource.wire()
                && g.access == access.wire()
                && g.names.iter().any(|n| n == name)
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for RtmGrant {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = s.serialize_struct("RtmGrant", 3)?;
        match self.resource() {
            Some(r) => out.serialize_field("resource", r.as_str())?,
            None => out.serialize_field("resource", &self.resource)?,
        }
        match self.access() {
            Some(a) => out.serialize_field("access", a.as_str())?,
            None => out.serialize_field("access", &self.access)?,
        }
        out.serialize_field("names", &self.names)?;
        out.end()
    }
}
