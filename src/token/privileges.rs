//! The privilege ids of every service, as Agora's builders number and name them: one table,
//! which labels, the builder and the checks all read.

use super::ServiceKind;

/// RTC: joining the channel.
pub(in crate::token) const JOIN_CHANNEL: u16 = 1;
/// RTC: publishing audio.
pub(in crate::token) const PUBLISH_AUDIO: u16 = 2;
/// RTC: publishing video.
pub(in crate::token) const PUBLISH_VIDEO: u16 = 3;
/// RTC: publishing a data stream.
pub(in crate::token) const PUBLISH_DATA: u16 = 4;
/// RTM, RTM 2 and FPA: logging in.
pub(in crate::token) const LOGIN: u16 = 1;
/// Chat: a user token; Flexible Classroom: a room user.
pub(in crate::token) const CHAT_USER: u16 = 1;
/// Chat: an app token.
pub(in crate::token) const CHAT_APP: u16 = 2;
/// Flexible Classroom: a room user, a user, an app.
pub(in crate::token) const APAAS_ROOM_USER: u16 = 1;
pub(in crate::token) const APAAS_USER: u16 = 2;
pub(in crate::token) const APAAS_APP: u16 = 3;
/// 006 only: administrating the RTC channel, and the RTM login of a 006 token.
pub(in crate::token) const ADMINISTRATE_CHANNEL: u16 = 101;
pub(in crate::token) const RTM_LOGIN_006: u16 = 1000;

/// Every 007 privilege: service, id, Agora's name.
pub(in crate::token) const TABLE: &[(ServiceKind, u16, &str)] = &[
    (ServiceKind::Rtc, JOIN_CHANNEL, "joinChannel"),
    (ServiceKind::Rtc, PUBLISH_AUDIO, "publishAudioStream"),
    (ServiceKind::Rtc, PUBLISH_VIDEO, "publishVideoStream"),
    (ServiceKind::Rtc, PUBLISH_DATA, "publishDataStream"),
    (ServiceKind::Rtm, LOGIN, "login"),
    (ServiceKind::Fpa, LOGIN, "login"),
    (ServiceKind::Rtm2, LOGIN, "login"),
    (ServiceKind::Streaming, 1, "publishMixStream"),
    (ServiceKind::Streaming, 2, "publishRawStream"),
    (ServiceKind::Chat, CHAT_USER, "user"),
    (ServiceKind::Chat, CHAT_APP, "app"),
    (ServiceKind::Fcdn, 1, "publish"),
    (ServiceKind::Fcdn, 2, "play"),
    (ServiceKind::Apaas, APAAS_ROOM_USER, "roomUser"),
    (ServiceKind::Apaas, APAAS_USER, "user"),
    (ServiceKind::Apaas, APAAS_APP, "app"),
];

/// Agora's name of a 007 privilege.
#[cfg(feature = "build")]
pub(in crate::token) fn label(kind: ServiceKind, id: u16) -> &'static str {
    TABLE
        .iter()
        .find(|&&(k, row, _)| k == kind && row == id)
        .map_or("", |&(_, _, label)| label)
}
