//! `from_message` on what SDK sources and docs write beside a code: each coded identifier's own
//! description (tests/fixtures/doc-descriptions.tsv), and enum declarations read by their value
//! and their exact name.
#![cfg(feature = "messages")]

use crate::common;

use agora_token_errors::TokenError;

#[test]
fn each_codes_own_description_in_agoras_sources_and_docs_is_read_beside_its_code() {
    // What Agora's SDK sources and doc tables write beside each coded identifier of the catalog,
    // English and Chinese (tests/fixtures/doc-descriptions.tsv, harvested by
    // fixtures/harvest-doc-descriptions.py): 169 of 197 before the descriptions it found missing
    // became phrases, each beside its own code (`121: Invalid user ID.`, `（6）：无效的 App ID。`);
    // 195, then all 197 once one anchor (`witch`) took the place of native 119's two.
    let texts = common::corpus::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/doc-descriptions.tsv"
    ));
    let score = common::corpus::score(&texts);
    score.print("Agora's descriptions beside their codes");
    assert!(score.positives >= 150, "{score:?}");
    assert_eq!(score.wrong, Vec::<String>::new(), "wrong labels");
    assert!(
        score.recognised * 100 >= score.positives * 98,
        "recall below 98%"
    );
}

#[test]
fn a_declaration_is_read_by_its_value_and_its_exact_name() {
    read_as(&[
        // Agora's value agrees, or a string constant is declared as itself.
        (
            "    ERR_TOKEN_EXPIRED = 109,",
            Some(TokenError::TokenExpired),
        ),
        (
            "  TOKEN_EXPIRE = \"TOKEN_EXPIRE\",",
            Some(TokenError::TokenExpired),
        ),
        // React Native RTM's bare member with the value of its row.
        ("  invalidToken = 16,", Some(TokenError::InvalidToken)),
        // An engine that copies Agora's names with its own numbers; a Go error of another case;
        // words joined by underscores and cut short (a game server's `invalid_vendor_key`).
        ("    ERR_TOKEN_EXPIRED = 111,", None),
        ("\tErrInvalidAppID = errors.New(\"invalid app_id\")", None),
        ("WriteHTTPError(w, 401, \"invalid_vendor_key\")", None),
        ("  invalidToken = 401,", None),
    ]);
}

#[test]
fn a_member_quoted_in_a_doc_table_row_is_read_with_the_rows_code() {
    read_as(&[
        // Docs-Source's Signaling tables: the code, then the member as code.
        (
            "| `-10003` | `invalidAppId` | Invalid App ID:<ul><li>Check whether the App ID is correct.</li>",
            Some(TokenError::InvalidAppId),
        ),
        (
            "| `-10016` | `inconsistentAppid` | App ID used for login or channel join is inconsistent. |",
            Some(TokenError::InconsistentAppId),
        ),
        // A code no row of the member has, a member not quoted as code, or no code at all.
        ("| `401` | `invalidToken` | Unauthorized |", None),
        ("| 110 | invalidToken | x |", None),
        ("the `invalidToken` case", None),
    ]);
}

/// Each text is read as the error given, or left alone.
fn read_as(cases: &[(&str, Option<TokenError>)]) {
    for &(text, want) in cases {
        assert_eq!(TokenError::from_message(text), want, "{text}");
    }
}
