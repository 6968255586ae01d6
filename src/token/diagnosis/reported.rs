//! Diagnosis for an error the SDK has already reported: what the token shows, and when that
//! does not explain the report, the causes only the project's settings or a clock can confirm.

use super::{Read, diagnose, sort};
use crate::TokenError;
use crate::token::JoinParams;
use crate::token::finding::{Certainty, Finding, FindingKind, Severity};

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

fn likely(error: TokenError, message: &str, fix: &str) -> Finding {
    Finding::new(
        FindingKind::NotVisibleOffline,
        error,
        message.to_owned(),
        fix,
    )
    .likely()
}

/// The causes of `reported` that only the project's settings (or a clock) can confirm, given
/// whether a token is in hand.
fn unseen_causes(
    reported: TokenError,
    token_given: bool,
    certificate_checked: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    match reported {
        TokenError::InvalidAppId => out.push(likely(
            TokenError::InvalidAppId,
            "The App ID is well formed, so Agora likely does not know it as active: the project was deleted or disabled, or belongs to another account or region.",
            "Open the project in Agora Console, check that it is enabled, and copy its App ID again.",
        )),
        TokenError::DynamicUseStaticKey if token_given => out.push(likely(
            TokenError::DynamicUseStaticKey,
            "The SDK reports that it got no token, yet a token is given here: it likely never reached the join call (a variable still null or empty, a token fetch not awaited, arguments in the wrong order).",
            "Log the token right at the join call and pass the value your token server returned; join only after the fetch completes.",
        )),
        TokenError::InvalidToken | TokenError::StaticUseDynamicKey if token_given => {
            out.push(likely(
                TokenError::StaticUseDynamicKey,
                "The project likely has no App Certificate enabled, so any token is refused (the Web SDK reports 119, native SDKs an invalid token).",
                "In Agora Console, enable the project's App Certificate (and build tokens with it), or join with no token.",
            ));
            if reported == TokenError::InvalidToken {
                out.push(if certificate_checked {
                    likely(
                        TokenError::InvalidToken,
                        "The signature matches the App Certificate given, so the token is sound for that certificate; if it is the token server's, it may not be the project's current one (another project's, or one since reset or disabled).",
                        "Compare the certificate with the one on the project's page in Agora Console, for the App ID the client uses; after a reset, update the token server.",
                    )
                } else {
                    likely(
                        TokenError::InvalidToken,
                        "The token was likely signed with another App Certificate: another project's, or one that has since been reset or disabled.",
                        "Compare the token server's App Certificate with the project's in Agora Console (or, with the `verify` feature, pass it with JoinParams::with_app_certificate to check the signature here).",
                    )
                });
            }
        }
        // Given no token (the arm above took the case with one).
        TokenError::StaticUseDynamicKey => out.push(likely(
            TokenError::StaticUseDynamicKey,
            "The SDK reports that it got a token, yet none is given here: it likely received another one (a stale, cached or hard-coded token), and the project has no App Certificate enabled.",
            "Find where the join call's token comes from; join with no token while the project stays in App-ID-only mode, or enable its App Certificate and build tokens with it.",
        )),
        TokenError::DynamicUseStaticKey | TokenError::InvalidToken => out.push(likely(
            TokenError::DynamicUseStaticKey,
            "No token was given and the project likely has its App Certificate enabled.",
            "Fetch a token from your token server and pass it to the join call.",
        )),
        TokenError::TokenExpired if !token_given => out.push(likely(
            TokenError::TokenExpired,
            "The SDK reports an expired token, yet none is given here: it likely received another, older token than the one examined.",
            "Diagnose the token the join call actually receives, and fetch a fresh one before every join.",
        )),
        TokenError::TokenExpired => out.push(likely(
            TokenError::TokenExpired,
            "The token does not look expired at the time given, so a clock is likely off (the token server's, which stamps the issue time, or the device's), or the token expired while the user stayed in the channel.",
            "Keep the token server's clock in sync (NTP), give tokens enough lifetime, and renew on every will-expire callback.",
        )),
        TokenError::InconsistentAppId => out.push(likely(
            TokenError::InconsistentAppId,
            "The token's App ID matches the one given here, so the engine was likely initialised with a different App ID than this one.",
            "Check the App ID the engine is created with at run time (build flavours, environment files) against the token server's.",
        )),
        TokenError::PrivilegeMissing => out.push(likely(
            TokenError::PrivilegeMissing,
            "The token in hand grants what the join needs, so the project likely checks more than it grants: co-host authentication for a role switch, or RTM permission settings in Agora Console for the channel or resource used.",
            "Check the project's co-host authentication and RTM permission settings in Agora Console, and build tokens that grant each operation the client performs.",
        )),
        TokenError::InvalidUserAccount => out.push(likely(
            TokenError::InvalidUserAccount,
            "The user account given here is valid, so the SDK likely received another one (empty, too long, or with characters outside Agora's set).",
            "Log the user account right at the join call; use at most 255 bytes of Agora's allowed characters.",
        )),
        // No catch-all: a variant added to `catalog/errors.md` fails to compile here until its
        // unseen causes are written.
    }
    out
}
