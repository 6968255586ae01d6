//! `Token::parse`, `Diagnosis::of` and `verify` on arbitrary input: none may panic.
#![no_main]

use agora_token_errors::token::{Diagnosis, JoinParams, Token};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(t) = Token::parse(&text) {
        let join = JoinParams::new(t.app_id(), "c").with_uid(1);
        let _ = t.verify("5CFd2fd1755d40ecb72977518be15d3b");
        let _ = t.verify_with("5CFd2fd1755d40ecb72977518be15d3b", &join);
        let _ = (t.to_string(), format!("{t:?}"));
    }
    let join =
        JoinParams::new("970CA35de60c44645bbae8a215061b33", "test_channel").with_account("a");
    let _ = Diagnosis::of(&text, &join, 0, None);
});
