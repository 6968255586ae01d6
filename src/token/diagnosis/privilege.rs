//! What a token shows when the SDK reports a missing privilege
//! ([`TokenError::PrivilegeMissing`]): a subscriber token used to go on stage, or RTM 2.x
//! resource permissions that leave the operation out.

use crate::token::finding::{Finding, FindingKind};
use crate::token::text::tr;
use crate::token::{JoinParams, RtmAccess, RtmResource, ServiceKind, Token, time::UnixTime};
use crate::{Locale, TokenError};

use crate::token::model::privilege::{PUBLISH_AUDIO, PUBLISH_DATA, PUBLISH_VIDEO};

/// The RTC publishing privileges (audio, video, data stream).
const PUBLISH: [u16; 3] = [PUBLISH_AUDIO, PUBLISH_VIDEO, PUBLISH_DATA];

/// The findings a token in hand gives for a reported missing privilege.
pub(super) fn findings(token: &str, join: &JoinParams, now: u64) -> Vec<Finding> {
    let Ok(t) = Token::parse(token.trim()) else {
        return Vec::new();
    };
    match join.service() {
        ServiceKind::Rtc => rtc(&t, join, now),
        ServiceKind::Rtm => rtm(&t, join),
        _ => Vec::new(),
    }
}

/// A role switch or publish refused: the RTC service for the join's channel grants no
/// publishing, or its publishing ended.
fn rtc(t: &Token, join: &JoinParams, now: u64) -> Vec<Finding> {
    let Some(service) = t
        .services()
        .iter()
        .filter(|s| s.kind() == ServiceKind::Rtc)
        .find(|s| {
            join.channel()
                .is_none_or(|c| s.channel().is_none_or(|own| own == c))
        })
    else {
        return Vec::new();
    };
    let granted: Vec<_> = PUBLISH
        .iter()
        .filter_map(|&id| service.privilege(id))
        .collect();
    let fix = tr!(
        en: "Build a publisher token (role PUBLISHER: the publish privileges for the token's lifetime) for every user who may switch to host, and renew with it before the switch.",
        zh: "为每个可能切换为主播的用户生成主播 Token（角色 PUBLISHER：在 Token 有效期内拥有发流权限），并在切换角色前用它续期。",
    );
    if granted.is_empty() {
        return vec![Finding::new(
            FindingKind::NoPublishPrivilege,
            TokenError::PrivilegeMissing,
            tr!(
                en: "The token grants joining the channel only, no publishing (a subscriber token): where the project requires co-host authentication, the switch to host is refused.",
                zh: "这个 Token 只授予加入频道的权限，没有发流权限（观众 Token）：项目启用了连麦鉴权时，切换为主播会被拒绝。",
            ),
            fix,
        )];
    }
    let ended: Vec<u64> = granted
        .iter()
        .filter_map(|p| p.expires_at())
        .filter(|&end| end <= now)
        .collect();
    match ended.iter().max() {
        Some(&end) if ended.len() == granted.len() => vec![Finding::new(
            FindingKind::NoPublishPrivilege,
            TokenError::PrivilegeMissing,
            tr!(
                en: format!(
                    "The token's publishing privileges ended at {}, before the time given, though joining still works.",
                    UnixTime(end)
                ),
                zh: format!(
                    "Token 的发流权限已于 {} 结束，早于给出的时间，尽管加入频道仍然可以。",
                    UnixTime(end)
                ),
            ),
            fix,
        )],
        _ => Vec::new(),
    }
}

/// An RTM 2.x operation refused: checked against the token's resource permissions for the
/// resource the call used when the join names it (certain), else the permissions are named
/// (likely).
fn rtm(t: &Token, join: &JoinParams) -> Vec<Finding> {
    let Some(p) = t
        .services()
        .iter()
        .filter_map(crate::token::Service::rtm_permissions)
        .find(|p| !p.is_empty())
    else {
        return Vec::new();
    };
    if let Some((resource, access, name)) = join.rtm_resource() {
        if p.allows(resource, access, name) {
            return Vec::new();
        }
        return vec![Finding::new(
            FindingKind::RtmPermissionsLimited,
            TokenError::PrivilegeMissing,
            tr!(
                en: format!("The token's RTM 2 permissions do not grant {access} on {resource} {name:?}: the call is refused."),
                zh: format!("Token 的 RTM 2 权限没有授予对 {resource} {name:?} 的 {access} 权限：这次调用会被拒绝。"),
            ),
            tr!(
                en: "Build the RTM token with `buildTokenWithPermissions` granting that access on that resource (and every other one the client uses), renew it, and retry the call.",
                zh: "用 `buildTokenWithPermissions` 生成 RTM Token，授予对该资源（以及客户端用到的其他每个资源）的这项权限，续期后重试这次调用。",
            ),
        )];
    }
    let listed = |locale: Locale| -> Vec<String> {
        p.grants()
            .iter()
            .map(|g| {
                let resource = g.resource().map(RtmResource::as_str);
                let access = g.access().map(RtmAccess::as_str);
                match locale {
                    Locale::En => format!(
                        "{} on {} {:?}",
                        access.unwrap_or("unknown access"),
                        resource.unwrap_or("an unknown kind"),
                        g.names()
                    ),
                    Locale::Zh => format!(
                        "对{} {:?} 的{}",
                        resource.map_or("未知类型".to_owned(), |r| format!(" {r}")),
                        g.names(),
                        access.map_or("未知权限".to_owned(), |a| format!(" {a} 权限"))
                    ),
                }
            })
            .collect()
    };
    vec![
        Finding::new(
            FindingKind::RtmPermissionsLimited,
            TokenError::PrivilegeMissing,
            tr!(
                en: format!(
                    "The token's RTM 2 permissions grant only: {}. A channel or resource the call used outside them is refused.",
                    listed(Locale::En).join("; ")
                ),
                zh: format!(
                    "Token 的 RTM 2 权限只授予了：{}。调用中用到的、超出这些范围的频道或资源会被拒绝。",
                    listed(Locale::Zh).join("；")
                ),
            ),
            tr!(
                en: "Build the RTM token with `buildTokenWithPermissions` listing every channel and resource the client reads and writes, renew it, and retry the call.",
                zh: "用 `buildTokenWithPermissions` 生成 RTM Token，列出客户端读写的每个频道和资源，续期后重试这次调用。",
            ),
        )
        .likely(),
    ]
}
