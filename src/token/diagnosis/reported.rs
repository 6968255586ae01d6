//! Diagnosis for an error the SDK has already reported: what the token shows, and when that
//! does not explain the report, the causes only the project's settings or a clock can confirm.

use super::{Read, diagnose, sort};
use crate::TokenError;
use crate::token::JoinParams;
use crate::token::finding::{Certainty, Finding, FindingKind, Severity};
use crate::token::text::{Text, tr};

/// Diagnoses the token like [`diagnose`], for an error the SDK has already reported.
///
/// When no certain error finding explains `reported` (directly, or through another surface the
/// same fault takes: an App ID mismatch reported as an invalid token by the Web SDK), the causes
/// that cannot be seen offline are added as [`Certainty::Likely`] findings, most likely first,
/// each saying what to check in Agora Console. They never contradict the token in hand: a report
/// of "no token given" while a token is given here says the token did not reach the join call.
#[must_use]
pub(crate) fn diagnose_reported(
    token: &str,
    read: &Read,
    join: &JoinParams,
    now_unix: u64,
    reported: TokenError,
) -> Vec<Finding> {
    let mut findings = diagnose(token, read, join, now_unix);
    if reported == TokenError::PrivilegeMissing {
        findings.extend(super::privilege::findings(token, join, now_unix));
        sort(&mut findings);
    }
    let explained = findings.iter().any(|f| {
        f.severity() == Severity::Error
            && f.certainty() == Certainty::Certain
            && f.explains(reported)
    });
    if !explained {
        let given = !token.trim().is_empty();
        findings.extend(unseen_causes(
            reported,
            given,
            signature_checked(token, join),
        ));
        sort(&mut findings);
    }
    findings
}

/// Whether the token's signature was checked against a certificate given with the join and
/// found to match (`verify` feature): then "signed with another certificate" is ruled out for
/// that certificate, though not for the project's current one.
#[cfg(feature = "verify")]
fn signature_checked(token: &str, join: &JoinParams) -> bool {
    let Some(cert) = join.certificate() else {
        return false;
    };
    crate::token::Token::parse(token.trim())
        .is_ok_and(|t| t.verify_with(cert, join) == crate::token::Verification::Valid)
}

/// Without the `verify` feature no certificate can be given, and nothing is checked.
#[cfg(not(feature = "verify"))]
fn signature_checked(_: &str, _: &JoinParams) -> bool {
    false
}

/// A likely cause: what is likely (`message`) and what to check (`fix`), each in every language.
fn likely(error: TokenError, message: Text<&'static str>, fix: Text<&'static str>) -> Finding {
    Finding::new(
        FindingKind::NotVisibleOffline,
        error,
        message.into(),
        fix.into(),
    )
    .likely()
}

/// The causes of `reported` that only the project's settings (or a clock) can confirm, given
/// whether a token is in hand.
#[allow(clippy::too_many_lines)] // A table: one arm per reported error, each cause in full.
fn unseen_causes(
    reported: TokenError,
    token_given: bool,
    certificate_checked: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    match reported {
        TokenError::InvalidAppId => out.push(likely(
            TokenError::InvalidAppId,
            tr!(
                en: "The App ID is well formed, so Agora likely does not know it as active: the project was deleted or disabled, or belongs to another account or region.",
                zh: "App ID 格式正确，因此很可能是声网认为它不处于激活状态：项目已被删除或停用，或属于另一个账号或区域。",
            ),
            tr!(
                en: "Open the project in Agora Console, check that it is enabled, and copy its App ID again.",
                zh: "在声网控制台打开该项目，确认它已启用，然后重新复制它的 App ID。",
            ),
        )),
        TokenError::DynamicUseStaticKey if token_given => out.push(likely(
            TokenError::DynamicUseStaticKey,
            tr!(
                en: "The SDK reports that it got no token, yet a token is given here: it likely never reached the join call (a variable still null or empty, a token fetch not awaited, arguments in the wrong order).",
                zh: "SDK 报告没有收到 Token，但这里给出了 Token：它很可能没有传到加入频道的调用（变量仍为 null 或空字符串、没有等待获取 Token 的异步操作完成、参数顺序写错）。",
            ),
            tr!(
                en: "Log the token right at the join call and pass the value your token server returned; join only after the fetch completes.",
                zh: "在加入频道的调用处打印 Token，传入 Token 服务器返回的值；等获取 Token 完成后再加入频道。",
            ),
        )),
        TokenError::InvalidToken | TokenError::StaticUseDynamicKey if token_given => {
            out.push(likely(
                TokenError::StaticUseDynamicKey,
                tr!(
                    en: "The project likely has no App Certificate enabled, so any token is refused (the Web SDK reports 119, native SDKs an invalid token).",
                    zh: "项目很可能没有启用 App Certificate，因此任何 Token 都会被拒绝（Web SDK 报告 119，原生 SDK 报告 Token 无效）。",
                ),
                tr!(
                    en: "In Agora Console, enable the project's App Certificate (and build tokens with it), or join with no token.",
                    zh: "在声网控制台为项目启用 App Certificate（并用它生成 Token），或者加入频道时不传 Token。",
                ),
            ));
            if reported == TokenError::InvalidToken {
                out.push(if certificate_checked {
                    likely(
                        TokenError::InvalidToken,
                        tr!(
                            en: "The signature matches the App Certificate given, so the token is sound for that certificate; if it is the token server's, it may not be the project's current one (another project's, or one since reset or disabled).",
                            zh: "签名与给出的 App Certificate 相符，所以对这个证书来说 Token 没有问题；如果这是 Token 服务器用的证书，它可能不是项目当前的证书（而是另一个项目的，或之后已重置或停用的证书）。",
                        ),
                        tr!(
                            en: "Compare the certificate with the one on the project's page in Agora Console, for the App ID the client uses; after a reset, update the token server.",
                            zh: "把这个证书与声网控制台中客户端所用 App ID 对应项目页面上的证书比对；重置证书后，记得更新 Token 服务器。",
                        ),
                    )
                } else {
                    likely(
                        TokenError::InvalidToken,
                        tr!(
                            en: "The token was likely signed with another App Certificate: another project's, or one that has since been reset or disabled.",
                            zh: "Token 很可能是用另一个 App Certificate 签名的：另一个项目的证书，或之后已被重置或停用的证书。",
                        ),
                        tr!(
                            en: "Compare the token server's App Certificate with the project's in Agora Console (or, with the `verify` feature, pass it with JoinParams::with_app_certificate to check the signature here).",
                            zh: "把 Token 服务器的 App Certificate 与声网控制台中项目的证书比对（或启用 `verify` feature，通过 JoinParams::with_app_certificate 传入证书，在这里检查签名）。",
                        ),
                    )
                });
            }
        }
        // Given no token (the arm above took the case with one).
        TokenError::StaticUseDynamicKey => out.push(likely(
            TokenError::StaticUseDynamicKey,
            tr!(
                en: "The SDK reports that it got a token, yet none is given here: it likely received another one (a stale, cached or hard-coded token), and the project has no App Certificate enabled.",
                zh: "SDK 报告收到了 Token，但这里没有给出 Token：它很可能收到了另一个 Token（过时的、缓存的或写死在代码里的），而项目没有启用 App Certificate。",
            ),
            tr!(
                en: "Find where the join call's token comes from; join with no token while the project stays in App-ID-only mode, or enable its App Certificate and build tokens with it.",
                zh: "找出加入频道时的 Token 从哪里来；项目保持仅用 App ID 鉴权时，加入频道不要传 Token，或者为项目启用 App Certificate 并用它生成 Token。",
            ),
        )),
        TokenError::DynamicUseStaticKey | TokenError::InvalidToken => out.push(likely(
            TokenError::DynamicUseStaticKey,
            tr!(
                en: "No token was given and the project likely has its App Certificate enabled.",
                zh: "没有传入 Token，而项目很可能启用了 App Certificate。",
            ),
            tr!(
                en: "Fetch a token from your token server and pass it to the join call.",
                zh: "从 Token 服务器获取 Token，传给加入频道的调用。",
            ),
        )),
        TokenError::TokenExpired if !token_given => out.push(likely(
            TokenError::TokenExpired,
            tr!(
                en: "The SDK reports an expired token, yet none is given here: it likely received another, older token than the one examined.",
                zh: "SDK 报告 Token 已过期，但这里没有给出 Token：它收到的很可能是另一个更早的 Token，而不是这里检查的这个。",
            ),
            tr!(
                en: "Diagnose the token the join call actually receives, and fetch a fresh one before every join.",
                zh: "诊断加入频道的调用实际收到的那个 Token，并在每次加入频道前获取新的 Token。",
            ),
        )),
        TokenError::TokenExpired => out.push(likely(
            TokenError::TokenExpired,
            tr!(
                en: "The token does not look expired at the time given, so a clock is likely off (the token server's, which stamps the issue time, or the device's), or the token expired while the user stayed in the channel.",
                zh: "在给出的时间点上，Token 看起来并没有过期，因此很可能是某个时钟不准（给 Token 打上签发时间的 Token 服务器的时钟，或设备的时钟），或者 Token 是在用户停留在频道内期间过期的。",
            ),
            tr!(
                en: "Keep the token server's clock in sync (NTP), give tokens enough lifetime, and renew on every will-expire callback.",
                zh: "让 Token 服务器的时钟保持同步（NTP），给 Token 足够长的有效期，并在每次收到即将过期的回调时续期。",
            ),
        )),
        TokenError::InconsistentAppId => out.push(likely(
            TokenError::InconsistentAppId,
            tr!(
                en: "The token's App ID matches the one given here, so the engine was likely initialised with a different App ID than this one.",
                zh: "Token 中的 App ID 与这里给出的相同，因此引擎初始化时用的很可能是另一个 App ID。",
            ),
            tr!(
                en: "Check the App ID the engine is created with at run time (build flavours, environment files) against the token server's.",
                zh: "检查运行时创建引擎所用的 App ID（不同的构建变体、环境配置文件），与 Token 服务器的 App ID 比对。",
            ),
        )),
        TokenError::PrivilegeMissing => out.push(likely(
            TokenError::PrivilegeMissing,
            tr!(
                en: "The token in hand grants what the join needs, so the project likely checks more than it grants: co-host authentication for a role switch, or RTM permission settings in Agora Console for the channel or resource used.",
                zh: "手头这个 Token 授予了加入所需的权限，因此项目很可能检查了 Token 没有授予的内容：切换角色时的连麦鉴权，或声网控制台中针对所用频道或资源的 RTM 权限设置。",
            ),
            tr!(
                en: "Check the project's co-host authentication and RTM permission settings in Agora Console, and build tokens that grant each operation the client performs.",
                zh: "在声网控制台检查项目的连麦鉴权和 RTM 权限设置，并生成授予客户端每项操作所需权限的 Token。",
            ),
        )),
        TokenError::InvalidUserAccount => out.push(likely(
            TokenError::InvalidUserAccount,
            tr!(
                en: "The user account given here is valid, so the SDK likely received another one (empty, too long, or with characters outside Agora's set).",
                zh: "这里给出的 user account 是有效的，因此 SDK 收到的很可能是另一个（空字符串、过长，或含有声网允许范围之外的字符）。",
            ),
            tr!(
                en: "Log the user account right at the join call; use at most 255 bytes of Agora's allowed characters.",
                zh: "在加入频道的调用处打印 user account；它最多 255 字节，只能使用声网允许的字符。",
            ),
        )),
        // No catch-all: a variant added to `catalog/errors.md` fails to compile here until its
        // unseen causes are written.
    }
    out
}
