//! Name and code lookups on arbitrary input: none may panic, and a hit is a real spelling.
#![no_main]

use agora_token_errors::{CodeSpace, TokenError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(e) = TokenError::from_name(&text) {
        assert!(!e.spellings().is_empty());
    }
    let _ = text.parse::<TokenError>();
    if data.len() >= 4 {
        let code = i32::from_le_bytes([data[0], data[1], data[2], data[3]]);
        for &space in CodeSpace::ALL {
            let _ = TokenError::from_code(space, code);
        }
    }
});
