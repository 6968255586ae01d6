//! `from_name`: every identifier of every family, in any case and qualified; nothing else.

use crate::common;

use agora_token_errors::{TokenError, spellings};
use common::flip_case;

#[test]
fn every_spelling_maps_to_its_variant() {
    for s in spellings() {
        assert_eq!(
            TokenError::from_name(s.identifier()),
            Some(s.error()),
            "{}",
            s.identifier()
        );
    }
}

#[test]
fn case_is_not_significant() {
    for s in spellings() {
        let e = Some(s.error());
        assert_eq!(
            TokenError::from_name(&s.identifier().to_lowercase()),
            e,
            "{}",
            s.identifier()
        );
        assert_eq!(
            TokenError::from_name(&s.identifier().to_uppercase()),
            e,
            "{}",
            s.identifier()
        );
        assert_eq!(
            TokenError::from_name(&flip_case(s.identifier())),
            e,
            "{}",
            s.identifier()
        );
    }
}

#[test]
fn qualified_forms_are_accepted() {
    let cases = [
        ("Constants.ERR_TOKEN_EXPIRED", TokenError::TokenExpired),
        (
            "io.agora.rtc2.Constants.ERR_INVALID_TOKEN",
            TokenError::InvalidToken,
        ),
        (
            "IRtcEngineEventHandler.ErrorCode.ERR_INVALID_APP_ID",
            TokenError::InvalidAppId,
        ),
        ("agora::ERR_INVALID_TOKEN", TokenError::InvalidToken),
        (
            "ERROR_CODE_TYPE.ERR_INVALID_APP_ID",
            TokenError::InvalidAppId,
        ),
        ("AgoraErrorCode.invalidToken", TokenError::InvalidToken),
        (".invalidToken", TokenError::InvalidToken),
        ("ErrorCode.InvalidToken", TokenError::InvalidToken),
        ("ErrorCodeType.errInvalidToken", TokenError::InvalidToken),
        ("ErrorCodeType.ErrInvalidToken", TokenError::InvalidToken),
        ("ErrInvalidToken", TokenError::InvalidToken),
        (
            "CONNECTION_CHANGED_REASON_TYPE.CONNECTION_CHANGED_TOKEN_EXPIRED",
            TokenError::TokenExpired,
        ),
        (
            "ConnectionChangedReasonType.connectionChangedInconsistentAppid",
            TokenError::InconsistentAppId,
        ),
        (
            "RENEW_TOKEN_ERROR_CODE.RENEW_TOKEN_INCONSISTENT_APPID",
            TokenError::InconsistentAppId,
        ),
        ("AgoraRTCErrorCode.TOKEN_EXPIRE", TokenError::TokenExpired),
        ("  ERR_NO_AUTHORIZED\n", TokenError::InvalidToken),
    ];
    for (name, e) in cases {
        assert_eq!(TokenError::from_name(name), Some(e), "{name}");
    }
}

#[test]
fn sdk_typos_and_faq_spellings_both_map() {
    for (name, e) in [
        ("ERR_STATIC_USE_DYANMIC_KE", TokenError::StaticUseDynamicKey),
        (
            "ERR_STATIC_USE_DYNAMIC_KEY",
            TokenError::StaticUseDynamicKey,
        ),
        ("STATIC_USE_DYANMIC_KEY", TokenError::StaticUseDynamicKey),
        ("STATIC_USE_DYNAMIC_KEY", TokenError::StaticUseDynamicKey),
        ("ERR_DYNAMIC_USE_STATIC_KE", TokenError::DynamicUseStaticKey),
        (
            "ERR_DYNAMIC_USE_STATIC_KEY",
            TokenError::DynamicUseStaticKey,
        ),
        ("IIIEGAL_APPID", TokenError::InvalidAppId),
        ("K_TIMESTAMP_EXPIRED", TokenError::TokenExpired),
    ] {
        assert_eq!(TokenError::from_name(name), Some(e), "{name}");
    }
}

#[test]
fn names_that_are_not_token_errors_are_none() {
    for name in [
        "ERR_INVALID_ARGUMENT",
        "ERR_DECRYPTION_FAILED",
        "ERR_INVALID_CHANNEL_NAME",
        "ERR_MODULE_NOT_FOUND",
        "ERR_CERT_RAW",
        "ErrorCodeType.errInvalidArgument",
        "AgoraErrorCodeInvalidArgument",
        "CONNECTION_CHANGED_REJECTED_BY_SERVER",
        "CONNECTION_CHANGED_RENEW_TOKEN",
        "RENEW_TOKEN_SUCCESS",
        "RENEW_TOKEN_CANCELED_BY_NEW_REQUEST",
        "CAN_NOT_GET_GATEWAY_SERVER",
        "ERR_OK",
        "TOKEN",
        "ERR_",
    ] {
        assert_eq!(TokenError::from_name(name), None, "{name}");
    }
}

#[test]
fn one_byte_changes_are_rejected_unless_they_spell_another_name() {
    let known: std::collections::HashSet<String> = spellings()
        .iter()
        .map(|s| {
            s.identifier()
                .rsplit(['.', ':'])
                .next()
                .unwrap()
                .to_uppercase()
        })
        .collect();
    for s in spellings() {
        let name = s.identifier().rsplit(['.', ':']).next().unwrap();
        for i in 0..name.len() {
            for replacement in [b'X', b'_', b'0'] {
                let mut bytes = name.as_bytes().to_vec();
                if bytes[i].to_ascii_uppercase() == replacement {
                    continue;
                }
                bytes[i] = replacement;
                let near = String::from_utf8(bytes).unwrap();
                if !known.contains(&near.to_uppercase()) {
                    assert_eq!(TokenError::from_name(&near), None, "{near} (from {name})");
                }
            }
        }
        let truncated = &name[..name.len() - 1];
        if !known.contains(&truncated.to_uppercase()) {
            assert_eq!(TokenError::from_name(truncated), None, "{truncated}");
        }
        assert_eq!(TokenError::from_name(&format!("{name}S")), None, "{name}S");
    }
}

#[test]
fn hostile_input_is_none() {
    let huge = "A".repeat(1 << 20);
    let huge_name = format!("{}ERR_INVALID_TOKEN", "x.".repeat(100_000));
    for input in [
        "",
        " ",
        ".",
        "::",
        "\0",
        "ERR_INVALID_TOKEN\0",
        "ERR_INVALİD_TOKEN", // dotted capital I, not ASCII
        "ＥＲＲ＿ＩＮＶＡＬＩＤ＿ＴＯＫＥＮ",
        "ERR_INVALID_TOKEN🙂",
        "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
        huge.as_str(),
        huge_name.as_str(),
    ] {
        assert_eq!(TokenError::from_name(input), None, "{:?}", input.get(..40));
    }
}

#[test]
fn only_the_whole_name_is_the_name() {
    // The name map's key does not keep the length: a prefix, or the name with more bytes after
    // it, must still not be taken for it.
    for s in spellings() {
        let member = s.member();
        for cut in 1..=3 {
            let prefix = &member[..member.len() - cut];
            if let Some(found) = agora_token_errors::Spelling::from_name(prefix) {
                assert!(
                    found.member().eq_ignore_ascii_case(prefix),
                    "{prefix} found {found:?}"
                );
            }
        }
        for tail in ["\0", "\0\0\0\0\0\0\0\0", "X"] {
            let longer = format!("{member}{tail}");
            if let Some(found) = agora_token_errors::Spelling::from_name(&longer) {
                assert!(found.member().eq_ignore_ascii_case(&longer), "{longer:?}");
            }
        }
    }
}
