//! Property tests: arbitrary input never panics, and lookups are total and consistent.

use agora_token_errors::{CodeSpace, TokenError, spellings};
use proptest::prelude::*;

fn space() -> impl Strategy<Value = CodeSpace> {
    proptest::sample::select(CodeSpace::ALL)
}

proptest! {
    #[test]
    fn from_name_accepts_any_string(s in any::<String>()) {
        if let Some(e) = TokenError::from_name(&s) {
            // A hit is always one of the catalog's names, possibly qualified and re-cased.
            let seg = s.trim().rsplit(['.', ':']).next().unwrap().to_uppercase();
            prop_assert!(e.spellings().iter().any(|sp| sp.identifier().rsplit(['.', ':']).next().unwrap().to_uppercase() == seg));
        }
    }

    #[test]
    fn from_name_accepts_any_bytes_lossily(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let s = String::from_utf8_lossy(&bytes);
        let _ = TokenError::from_name(&s);
        let _ = s.parse::<TokenError>();
    }

    #[test]
    fn from_code_is_total_and_sign_blind(space in space(), code in any::<i32>()) {
        let e = TokenError::from_code(space, code);
        if code != i32::MIN {
            prop_assert_eq!(e, TokenError::from_code(space, -code));
        }
        if let Some(e) = e {
            prop_assert!(e.spellings().iter().any(|s| s.space() == space && s.code() == Some(code.saturating_abs())));
        }
    }

    #[test]
    fn every_name_is_found_under_any_qualifier(
        i in 0..spellings().len(),
        qualifier in "[A-Za-z][A-Za-z0-9_]{0,20}",
        sep in proptest::sample::select(&[".", "::", ":"][..]),
        pad in "[ \t\r\n]{0,3}",
    ) {
        let s = &spellings()[i];
        let input = format!("{pad}{qualifier}{sep}{}{pad}", s.identifier());
        prop_assert_eq!(TokenError::from_name(&input), Some(s.error()));
    }
}
