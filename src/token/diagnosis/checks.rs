//! The checks of a decoded token against the join: App ID, service, channel, user, signature.

use super::service::granting_service;
use crate::TokenError;
use crate::token::finding::{Finding, FindingKind};
use crate::token::text::{Text, tr};
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
        let len = id.chars().count();
        let message = if id.trim() == id {
            tr!(
                en: format!("The App ID the client uses is {len} characters long, not 32 hexadecimal digits."),
                zh: format!("客户端使用的 App ID 长 {len} 个字符，而不是 32 位十六进制字符。"),
            )
        } else {
            tr!(
                en: "The App ID the client uses has whitespace around it.",
                zh: "客户端使用的 App ID 首尾带有空白字符。",
            )
        };
        findings.push(Finding::new(
            FindingKind::AppIdMalformed,
            TokenError::InvalidAppId,
            message,
            tr!(
                en: "Copy the App ID from the project page of Agora Console again and pass exactly those 32 characters to the engine.",
                zh: "从声网控制台的项目页面重新复制 App ID，把这 32 个字符原样传给引擎。",
            ),
        ));
    }
    if let (ServiceKind::Rtc, Some(User::Account(account))) = (join.service(), join.user()) {
        // Characters outside Agora's documented set are not judged here: SDKs differ in what
        // they accept, and a wrong answer costs more than none.
        let len = account.len();
        let problem: Option<Text> = if account.is_empty() {
            Some(tr!(
                en: "The user account the client joins with is empty (an empty account is not a user; join with uid 0 to let the SDK pick one).",
                zh: "客户端加入频道用的 user account 为空（空字符串不是一个用户；想让 SDK 分配 uid，请用 uid 0 加入）。",
            ))
        } else if len > MAX_ACCOUNT_LEN {
            Some(tr!(
                en: format!("The user account the client joins with is {len} bytes long, more than the 255 Agora allows."),
                zh: format!("客户端加入频道用的 user account 长 {len} 字节，超过了声网允许的 255 字节。"),
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            findings.push(Finding::new(
                FindingKind::InvalidAccount,
                TokenError::InvalidUserAccount,
                problem,
                tr!(
                    en: "Use a non-empty user account of at most 255 bytes made of Agora's allowed characters, and build the token for exactly that string.",
                    zh: "使用不为空、不超过 255 字节、只含声网允许字符的 user account，并严格为这个字符串生成 Token。",
                ),
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
    let (en, zh) = if granted.is_empty() {
        ("no known service".to_owned(), "任何已知服务".to_owned())
    } else {
        (granted.join(", "), granted.join("、"))
    };
    let (message, fix) = match join.service() {
        ServiceKind::Chat => (
            tr!(
                en: format!("The token grants {en}, not Chat: it cannot be used to log in to Agora Chat."),
                zh: format!("这个 Token 授予的是 {zh} 而不是 Chat 的权限：不能用它登录声网即时通讯（Chat）。"),
            ),
            tr!(
                en: "Build the Chat user token with `ChatTokenBuilder.buildUserToken` for the user who logs in.",
                zh: "用 `ChatTokenBuilder.buildUserToken` 为登录的用户生成 Chat 用户 Token。",
            ),
        ),
        ServiceKind::Rtm => (
            tr!(
                en: format!("The token grants {en}, not RTM: it cannot be used to log in to RTM (Signaling)."),
                zh: format!("这个 Token 授予的是 {zh} 而不是 RTM 的权限：不能用它登录 RTM（信令）。"),
            ),
            tr!(
                en: "Build the login token with the RTM builder (`RtmTokenBuilder.buildToken`), or an RTC token that carries RTM too (`buildTokenWithRtm`); an RTC-only or console temporary token does not log in to RTM.",
                zh: "用 RTM 的生成方法（`RtmTokenBuilder.buildToken`）生成登录 Token，或生成同时含 RTM 权限的 RTC Token（`buildTokenWithRtm`）；只含 RTC 权限的 Token 和控制台的临时 Token 都不能登录 RTM。",
            ),
        ),
        _ => (
            tr!(
                en: format!("The token grants {en}, not RTC: it cannot be used to join a channel."),
                zh: format!("这个 Token 授予的是 {zh} 而不是 RTC 的权限：不能用它加入频道。"),
            ),
            tr!(
                en: "Build the join token with the RTC builder (`RtcTokenBuilder.buildTokenWithUid` or `buildTokenWithUserAccount`); RTM, Chat and other services need their own tokens.",
                zh: "用 RTC 的生成方法（`RtcTokenBuilder.buildTokenWithUid` 或 `buildTokenWithUserAccount`）生成加入频道的 Token；RTM、Chat 等其他服务需要各自的 Token。",
            ),
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
    let detail: Text<&str> = if !is_app_id(t.app_id()) {
        tr!(
            en: " (the token's is not even 32 hexadecimal digits)",
            zh: "（Token 里的 App ID 甚至不是 32 位十六进制字符）",
        )
    } else if t.app_id().eq_ignore_ascii_case(ours) {
        tr!(en: " (they differ only in letter case)", zh: "（两者只有大小写不同）")
    } else {
        tr!(en: "", zh: "")
    };
    let theirs = t.app_id();
    findings.push(Finding::new(
        FindingKind::AppIdMismatch,
        TokenError::InconsistentAppId,
        tr!(
            en: format!("The token was built for App ID {theirs} but the client uses {ours}{}; native 4.x SDKs report connection reason 24, the Web SDK an invalid token.", detail.en),
            zh: format!("Token 是为 App ID {theirs} 生成的，但客户端使用的是 {ours}{}；原生 4.x SDK 会报告连接状态变化原因 24，Web SDK 则报告 Token 无效。", detail.zh),
        ),
        tr!(
            en: "Use one project: the token server's App ID and App Certificate must belong to the App ID the client initialises the engine with.",
            zh: "统一使用同一个项目：Token 服务器的 App ID 和 App Certificate 必须属于客户端初始化引擎时用的那个 App ID。",
        ),
    ));
}

fn check_channel(t: &Token, join: &JoinParams, findings: &mut Vec<Finding>) {
    let Some(ours) = join.channel() else { return };
    if t.matches_channel(ours) {
        return;
    }
    let message = match t.service(ServiceKind::Rtc).and_then(|s| s.channel()) {
        Some(theirs) => {
            let hint: Text<&str> = if theirs.trim() == ours.trim() {
                tr!(
                    en: " (they differ only in surrounding whitespace)",
                    zh: "（两者只差首尾的空白字符）",
                )
            } else if theirs.eq_ignore_ascii_case(ours) {
                tr!(
                    en: " (they differ only in letter case; channel names are case-sensitive)",
                    zh: "（两者只有大小写不同；频道名区分大小写）",
                )
            } else {
                tr!(en: "", zh: "")
            };
            let others: Vec<String> = t
                .services()
                .iter()
                .filter(|s| s.kind() == ServiceKind::Rtc)
                .filter_map(|s| s.channel())
                .filter(|&c| c != theirs)
                .map(|c| format!("{c:?}"))
                .collect();
            let others: Text = if others.is_empty() {
                tr!(en: "", zh: "")
            } else {
                tr!(
                    en: format!(" (its other RTC services are for {})", others.join(", ")),
                    zh: format!("（它的其他 RTC 服务对应 {}）", others.join("、")),
                )
            };
            tr!(
                en: format!("The token is for channel {theirs:?}{} but the client joins {ours:?}{}.", others.en, hint.en),
                zh: format!("Token 对应的频道是 {theirs:?}{}，但客户端加入的是 {ours:?}{}。", others.zh, hint.zh),
            )
        }
        None => tr!(
            en: format!("The token was built for another channel than {ours:?} (its CRC-32 of the channel name differs)."),
            zh: format!("Token 是为 {ours:?} 以外的另一个频道生成的（Token 中频道名的 CRC-32 不同）。"),
        ),
    };
    findings.push(Finding::new(
        FindingKind::ChannelMismatch,
        TokenError::InvalidToken,
        message,
        tr!(
            en: "Build the token for exactly the channel name the client joins (same case, no extra whitespace), or join the channel the token names.",
            zh: "严格按客户端加入的频道名生成 Token（大小写一致，没有多余的空白），或加入 Token 对应的那个频道。",
        ),
    ));
}

fn check_user(t: &Token, kind: ServiceKind, user: &User, findings: &mut Vec<Finding>) {
    if t.admits(kind, user) {
        return;
    }
    if kind != ServiceKind::Rtc {
        let theirs: Text = match t.service(kind).and_then(|s| s.user()) {
            Some("") => tr!(en: "no user (an app token)", zh: "任何用户（这是一个 App Token）"),
            Some(u) => tr!(en: format!("user id {u:?}"), zh: format!("用户 ID {u:?}")),
            None => tr!(
                en: "another user id (its CRC-32 differs)",
                zh: "另一个用户 ID（其 CRC-32 不同）",
            ),
        };
        findings.push(Finding::new(
            FindingKind::UserMismatch,
            TokenError::InvalidToken,
            tr!(
                en: format!("The token's {kind} service is for {}, but the client logs in as {user}.", theirs.en),
                zh: format!("Token 的 {kind} 服务对应的是{}，但客户端登录用的是 {user}。", theirs.zh),
            ),
            tr!(
                en: format!("Build the {kind} token for exactly the user id the client logs in with (the RTC uid or account does not count)."),
                zh: format!("严格按客户端登录用的用户 ID 生成 {kind} Token（RTC 的 uid 或 user account 不算数）。"),
            ),
        ));
        return;
    }
    let fix_same = tr!(
        en: "Build the token for the same user the client joins as: the same int uid with `buildTokenWithUid`, or the same string with `buildTokenWithUserAccount`; or build it for uid 0 to admit any user.",
        zh: "为客户端加入频道时所用的同一个用户生成 Token：int uid 用 `buildTokenWithUid` 传入同一个 uid，字符串用 `buildTokenWithUserAccount` 传入同一个字符串；或者为 uid 0 生成 Token，允许任意用户加入。",
    );
    let Some(theirs) = t.service(ServiceKind::Rtc).and_then(|s| s.user()) else {
        // 006: only a CRC-32 of the user is known.
        let (kind, message) = if *user == User::Uid(0) {
            (
                FindingKind::UidZeroJoin,
                tr!(
                    en: "The client joins as uid 0 (the SDK then picks a uid) but the token was built for a specific user.",
                    zh: "客户端以 uid 0 加入频道（由 SDK 分配 uid），但 Token 是为某个特定用户生成的。",
                ),
            )
        } else {
            (
                FindingKind::UserMismatch,
                tr!(
                    en: format!("The token was built for another user than {user} (its CRC-32 of the user differs)."),
                    zh: format!("Token 是为 {user} 以外的另一个用户生成的（Token 中用户的 CRC-32 不同）。"),
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
            tr!(
                en: format!("The client joins as uid 0, so the SDK picks a random uid, but the token is only for user {theirs:?}."),
                zh: format!("客户端以 uid 0 加入频道，SDK 会随机分配一个 uid，但 Token 只允许用户 {theirs:?} 加入。"),
            ),
        ),
        (User::Uid(uid), None) => (
            FindingKind::UserKindMismatch,
            tr!(
                en: format!("The token was built for user account {theirs:?} but the client joins with int uid {uid}; join with that user account instead."),
                zh: format!("Token 是为 user account {theirs:?} 生成的，但客户端用 int uid {uid} 加入频道；请改用这个 user account 加入。"),
            ),
        ),
        (User::Account(account), Some(_)) if account.parse::<u32>().is_err() => (
            FindingKind::UserKindMismatch,
            tr!(
                en: format!("The token was built for int uid {theirs} but the client joins with user account {account:?}."),
                zh: format!("Token 是为 int uid {theirs} 生成的，但客户端用 user account {account:?} 加入频道。"),
            ),
        ),
        _ => (
            FindingKind::UserMismatch,
            tr!(
                en: format!("The token is for user {theirs:?} but the client joins as {user}."),
                zh: format!("Token 对应的用户是 {theirs:?}，但客户端加入频道用的是 {user}。"),
            ),
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
    let len = cert.chars().count();
    let malformed: Option<Text> = if cert.len() != 32 && cert.trim() == cert {
        Some(tr!(
            en: format!("is {len} characters long, not 32 hexadecimal digits"),
            zh: format!("长 {len} 个字符，而不是 32 位十六进制字符"),
        ))
    } else if cert.trim() != cert {
        Some(tr!(en: "has whitespace around it", zh: "首尾带有空白字符"))
    } else if !cert.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some(tr!(
            en: "holds characters that are not hexadecimal digits",
            zh: "含有十六进制数字以外的字符",
        ))
    } else {
        None
    };
    if let Some(what) = malformed {
        // Never the certificate itself: it is a secret.
        findings.push(Finding::new(
            FindingKind::CertificateMalformed,
            TokenError::InvalidToken,
            tr!(
                en: format!("The App Certificate given {}: a token server that signs with it makes tokens Agora refuses.", what.en),
                zh: format!("给出的 App Certificate {}：Token 服务器用它签名生成的 Token 会被声网拒绝。", what.zh),
            ),
            tr!(
                en: "Copy the App Certificate from the project page of Agora Console again (32 hexadecimal characters, nothing around them) into the token server's configuration.",
                zh: "从声网控制台的项目页面重新复制 App Certificate（32 位十六进制字符，前后不带任何内容），填入 Token 服务器的配置。",
            ),
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
            tr!(
                en: "The token's signature does not match the App Certificate given: it was signed with another certificate (another project, or one since reset), or altered.",
                zh: "Token 的签名与给出的 App Certificate 不符：它是用另一个证书签名的（另一个项目的，或之后已重置的证书），或者被改动过。",
            ),
            tr!(
                en: "Configure the token server with the App Certificate of the project whose App ID the client uses (Agora Console, project page), then build a new token.",
                zh: "在 Token 服务器上配置客户端所用 App ID 对应项目的 App Certificate（见声网控制台的项目页面），然后生成新的 Token。",
            ),
        ));
    }
}
