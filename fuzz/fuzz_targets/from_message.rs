//! `from_message` on arbitrary text: no panic, and a match's span lies inside the text.
#![no_main]

use agora_token_errors::TokenError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(m) = TokenError::match_message(&text) {
        assert!(m.span().end <= text.len());
        assert_eq!(TokenError::from_message(&text), Some(m.error()));
    }
});
