//! `Token::parse`, `diagnose` and `verify` on arbitrary input: none may panic.
#![no_main]

use agora_token_errors::token::{JoinParams, Token, diagnose};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(t) = Token::parse(&text) {
        let join = JoinParams::new(t.app_id(), "c").with_uid(1);
        let _ = t.diagnose(&join, 1_800_000_000);
        let _ = t.verify("5CFd2fd1755d40ecb72977518be15d3b");
        let _ = t.verify_with("5CFd2fd1755d40ecb72977518be15d3b", &join);
        let _ = (t.to_string(), format!("{t:?}"));
    }
    let join = JoinParams::new("970CA35de60c44645bbae8a215061b33", "test_channel").with_account("a");
    let _ = diagnose(&text, &join, 0);
});
