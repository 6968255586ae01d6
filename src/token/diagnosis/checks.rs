//! The checks of a decoded token against the join: App ID, service, channel, user, signature.

use super::service::granting_service;
use crate::TokenError;
use crate::token::finding::{Finding, FindingKind};
use crate::token::{JoinParams, ServiceKind, Token, User};

/// Agora's limit on a user account, in bytes (`joinChannelWithUserAccount`).
const MAX_ACCOUNT_LEN: usize = 255;

fn is_app_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks on the join alone.
pub(in crate::token) fn check_join(join: &JoinParams, findings: &mut Vec<Finding>) {
    let id = join.app_id();
    if !is_app_id(id) {
        let what = if id.trim() == id {
            format!(
                "is {} characters long, not 32 hexadecimal digits",
                id.chars().count()
            )
        } else {
            "has whitespace around it".to_owned()
        };
        findings.push(Finding::new(
            FindingKind::AppIdMalformed,
            TokenError::InvalidAppId,
            format!("The App ID the client uses {what}."),
            "Copy the App ID from the project page of Agora Console again and pass exactly those 32 characters to the engine.",
        ));
    }
    if let (ServiceKind::Rtc, Some(User::Account(account))) = (join.service(), join.user()) {
        // Characters outside Agora's documented set are not judged here: SDKs differ in what
        // they accept, and a wrong answer costs more than none.
        let problem = if account.is_empty() {
            Some("is empty (an empty account is not a user; join with uid 0 to let the SDK pick one)".to_owned())
        } else if account.len() > MAX_ACCOUNT_LEN {
            Some(format!(
                "is {} bytes long, more than the 255 Agora allows",
                account.len()
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            findings.push(Finding::new(
                FindingKind::InvalidAccount,
                TokenError::InvalidUserAccount,
                format!("The user account the client joins with {problem}."),
                "Use a non-empty user account of at most 255 bytes made of Agora's allowed characters, and build the token for exactly that string.",
            ));
        }
    }
}

/// Checks of a decoded token against the join. A token may hold several services of one kind
/// (an RTC channel and an RTM stream channel, each an RTC service; official builders keep them
/// all): the join is judged against the one that admits it, else the closest.
pub(in crate::token) fn check_token(
    t: &Token,
    join: &JoinParams,
    now: u64,
    findings: &mut Vec<Finding>,
) {
    match closest_first(t, join) {
        Some(view) => check_chosen(&view, join, now, findings),
        None => check_chosen(t, join, now, findings),
    }
}

/// The token with the service of the join's kind that fits the join best moved first, where it
/// holds more than one of that kind and the first is not the best; `None` otherwise (no copy).
/// Best: the channel and the user both match; then the channel; then the user; else the first.
fn closest_first(t: &Token, join: &JoinParams) -> Option<Token> {
    let kind = granting_service(t, join)?;
    let of_kind: Vec<usize> = (0..t.services.len())
        .filter(|&i| t.services[i].kind() == kind)
        .collect();
    if of_kind.len() < 2 {
        return None;
    }
    let fit = |i: usize| {
        let s = &t.services[i];
        let channel = join
            .channel()
            .is_some_and(|c| kind != ServiceKind::Rtc || s.channel() == Some(c));
        let user = join.user().is_some_and(|u| match s.user() {
            Some("") => kind == ServiceKind::Rtc,
            Some(theirs) => theirs == u.as_token_text(),
            None => false,
        });
        u8::from(channel) * 2 + u8::from(user)
    };
    let best = of_kind
        .iter()
        .copied()
        .max_by_key(|&i| (fit(i), usize::MAX - i))?;
    if best == of_kind[0] {
        return None;
    }
    let mut view = t.clone();
    let chosen = view.services.remove(best);
    view.services.insert(of_kind[0], chosen);
    Some(view)
}

fn check_chosen(t: &Token, join: &JoinParams, now: u64, findings: &mut Vec<Finding>) {
    check_app_id(t, join, findings);
    match granting_service(t, join) {
        None => wrong_service(t, join, findings),
        Some(kind) => {
            if kind == ServiceKind::Rtc {
                check_channel(t, join, findings);
            }
            if let Some(user) = join.user() {
                check_user(t, kind, user, findings);
            }
        }
    }
    super::expiry::check(t, join, now, findings);
    #[cfg(feature = "verify")]
    check_signature(t, join, findings);
}

fn wrong_service(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    let granted: Vec<&str> = t.services().iter().map(|s| s.kind().label()).collect();
    let granted = if granted.is_empty() {
        "no known service".to_owned()
    } else {
        granted.join(", ")
    };
    let (message, fix) = match join.service() {
        ServiceKind::Chat => (
            format!(
                "The token grants {granted}, not Chat: it cannot be used to log in to Agora Chat."
            ),
            "Build the Chat user token with `ChatTokenBuilder.buildUserToken` for the user who logs in.",
        ),
        ServiceKind::Rtm => (
            format!(
                "The token grants {granted}, not RTM: it cannot be used to log in to RTM (Signaling)."
            ),
            "Build the login token with the RTM builder (`RtmTokenBuilder.buildToken`), or an RTC token that carries RTM too (`buildTokenWithRtm`); an RTC-only or console temporary token does not log in to RTM.",
        ),
        _ => (
            format!("The token grants {granted}, not RTC: it cannot be used to join a channel."),
            "Build the join token with the RTC builder (`RtcTokenBuilder.buildTokenWithUid` or `buildTokenWithUserAccount`); RTM, Chat and other services need their own tokens.",
        ),
    };
    findings.push(Finding::new(
        FindingKind::WrongService,
        TokenError::InvalidToken,
        message,
        fix,
    ));
}

fn check_app_id(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    let ours = join.app_id().trim();
    if t.app_id() == ours {
        return;
    }
    let detail = if !is_app_id(t.app_id()) {
        " (the token's is not even 32 hexadecimal digits)"
    } else if t.app_id().eq_ignore_ascii_case(ours) {
        " (they differ only in letter case)"
    } else {
        ""
    };
    findings.push(Finding::new(
        FindingKind::AppIdMismatch,
        TokenError::InconsistentAppId,
        format!(
            "The token was built for App ID {} but the client uses {ours}{detail}; native 4.x SDKs report connection reason 24, the Web SDK an invalid token.",
            t.app_id()
        ),
        "Use one project: the token server's App ID and App Certificate must belong to the App ID the client initialises the engine with.",
    ));
}

fn check_channel(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    let Some(ours) = join.channel() else { return };
    if t.matches_channel(ours) {
        return;
    }
    let message = match t.service(ServiceKind::Rtc).and_then(|s| s.channel()) {
        Some(theirs) => {
            let hint = if theirs.trim() == ours.trim() {
                " (they differ only in surrounding whitespace)"
            } else if theirs.eq_ignore_ascii_case(ours) {
                " (they differ only in letter case; channel names are case-sensitive)"
            } else {
                ""
            };
            let others: Vec<String> = t
                .services()
                .iter()
                .filter(|s| s.kind() == ServiceKind::Rtc)
                .filter_map(|s| s.channel())
                .filter(|&c| c != theirs)
                .map(|c| format!("{c:?}"))
                .collect();
            let others = if others.is_empty() {
                String::new()
            } else {
                format!(" (its other RTC services are for {})", others.join(", "))
            };
            format!(
                "The token is for channel {theirs:?}{others} but the client joins {ours:?}{hint}."
            )
        }
        None => format!(
            "The token was built for another channel than {ours:?} (its CRC-32 of the channel name differs)."
        ),
    };
    findings.push(Finding::new(
        FindingKind::ChannelMismatch,
        TokenError::InvalidToken,
        message,
        "Build the token for exactly the channel name the client joins (same case, no extra whitespace), or join the channel the token names.",
    ));
}

fn check_user(t: &Token, kind: ServiceKind, user: &User, findings: &mut Vec<Finding>) {
    if t.admits(kind, user) {
        return;
    }
    if kind != ServiceKind::Rtc {
        let theirs = match t.service(kind).and_then(|s| s.user()) {
            Some("") => "no user (an app token)".to_owned(),
            Some(u) => format!("user id {u:?}"),
            None => "another user id (its CRC-32 differs)".to_owned(),
        };
        findings.push(Finding::new(
            FindingKind::UserMismatch,
            TokenError::InvalidToken,
            format!("The token's {kind} service is for {theirs}, but the client logs in as {user}."),
            format!("Build the {kind} token for exactly the user id the client logs in with (the RTC uid or account does not count)."),
        ));
        return;
    }
    let fix_same = "Build the token for the same user the client joins as: the same int uid with `buildTokenWithUid`, or the same string with `buildTokenWithUserAccount`; or build it for uid 0 to admit any user.";
    let Some(theirs) = t.service(ServiceKind::Rtc).and_then(|s| s.user()) else {
        // 006: only a CRC-32 of the user is known.
        let (kind, message) = if *user == User::Uid(0) {
            (FindingKind::UidZeroJoin, "The client joins as uid 0 (the SDK then picks a uid) but the token was built for a specific user.".to_owned())
        } else {
            (
                FindingKind::UserMismatch,
                format!(
                    "The token was built for another user than {user} (its CRC-32 of the user differs)."
                ),
            )
        };
        findings.push(Finding::new(
            kind,
            TokenError::InvalidToken,
            message,
            fix_same,
        ));
        return;
    };
    let token_uid = theirs.parse::<u32>().ok();
    let (kind, message) = match (user, token_uid) {
        (User::Uid(0), _) => (
            FindingKind::UidZeroJoin,
            format!(
                "The client joins as uid 0, so the SDK picks a random uid, but the token is only for user {theirs:?}."
            ),
        ),
        (User::Uid(uid), None) => (
            FindingKind::UserKindMismatch,
            format!(
                "The token was built for user account {theirs:?} but the client joins with int uid {uid}; join with that user account instead."
            ),
        ),
        (User::Account(account), Some(_)) if account.parse::<u32>().is_err() => (
            FindingKind::UserKindMismatch,
            format!(
                "The token was built for int uid {theirs} but the client joins with user account {account:?}."
            ),
        ),
        _ => (
            FindingKind::UserMismatch,
            format!("The token is for user {theirs:?} but the client joins as {user}."),
        ),
    };
    findings.push(Finding::new(
        kind,
        TokenError::InvalidToken,
        message,
        fix_same,
    ));
}

#[cfg(feature = "verify")]
fn check_signature(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    use crate::token::{Verification, Version};
    let Some(cert) = join.certificate() else {
        return;
    };
    // A 006 signature covers the channel and user, so it can only be checked when they match.
    let params_differ = findings.iter().any(|f| {
        matches!(
            f.kind(),
            FindingKind::AppIdMismatch
                | FindingKind::ChannelMismatch
                | FindingKind::UserMismatch
                | FindingKind::UserKindMismatch
                | FindingKind::UidZeroJoin
                | FindingKind::WrongService
        )
    });
    let malformed = if cert.len() != 32 && cert.trim() == cert {
        Some(format!(
            "is {} characters long, not 32 hexadecimal digits",
            cert.chars().count()
        ))
    } else if cert.trim() != cert {
        Some("has whitespace around it".to_owned())
    } else if !cert.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some("holds characters that are not hexadecimal digits".to_owned())
    } else {
        None
    };
    if let Some(what) = malformed {
        // Never the certificate itself: it is a secret.
        findings.push(Finding::new(
            FindingKind::CertificateMalformed,
            TokenError::InvalidToken,
            format!("The App Certificate given {what}: a token server that signs with it makes tokens Agora refuses."),
            "Copy the App Certificate from the project page of Agora Console again (32 hexadecimal characters, nothing around them) into the token server's configuration.",
        ));
        return;
    }
    if t.version() == Version::V006 && params_differ {
        return;
    }
    if t.verify_with(cert, join) == Verification::Invalid {
        findings.push(Finding::new(
            FindingKind::SignatureMismatch,
            TokenError::InvalidToken,
            "The token's signature does not match the App Certificate given: it was signed with another certificate (another project, or one since reset), or altered.".to_owned(),
            "Configure the token server with the App Certificate of the project whose App ID the client uses (Agora Console, project page), then build a new token.",
        ));
    }
}
