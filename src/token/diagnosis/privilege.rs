//! What a token shows when the SDK reports a missing privilege
//! ([`TokenError::PrivilegeMissing`]): a subscriber token used to go on stage, or RTM 2.x
//! resource permissions that leave the operation out.

use crate::TokenError;
use crate::token::finding::{Finding, FindingKind};
use crate::token::{JoinParams, ServiceKind, Token, time::UnixTime};

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
    let fix = "Build a publisher token (role PUBLISHER: the publish privileges for the token's lifetime) for every user who may switch to host, and renew with it before the switch.";
    if granted.is_empty() {
        return vec![Finding::new(
            FindingKind::NoPublishPrivilege,
            TokenError::PrivilegeMissing,
            "The token grants joining the channel only, no publishing (a subscriber token): where the project requires co-host authentication, the switch to host is refused.".to_owned(),
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
            format!(
                "The token's publishing privileges ended at {}, before the time given, though joining still works.",
                UnixTime(end)
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
            format!(
                "The token's RTM 2 permissions do not grant {access} on {resource} {name:?}: the call is refused."
            ),
            "Build the RTM token with `buildTokenWithPermissions` granting that access on that resource (and every other one the client uses), renew it, and retry the call.",
        )];
    }
    let listed: Vec<String> = p
        .grants()
        .iter()
        .map(|g| {
            let resource = g.resource().map_or("an unknown kind", |r| r.as_str());
            let access = g.access().map_or("unknown access", |a| a.as_str());
            format!("{access} on {resource} {:?}", g.names())
        })
        .collect();
    vec![
        Finding::new(
            FindingKind::RtmPermissionsLimited,
            TokenError::PrivilegeMissing,
            format!(
                "The token's RTM 2 permissions grant only: {}. A channel or resource the call used outside them is refused.",
                listed.join("; ")
            ),
            "Build the RTM token with `buildTokenWithPermissions` listing every channel and resource the client reads and writes, renew it, and retry the call.",
        )
        .likely(),
    ]
}
