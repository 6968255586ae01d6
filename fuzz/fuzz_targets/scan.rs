//! `scan` over arbitrary bytes: it never panics, every place it finds lies on one line of the
//! input, in order, and the first error of a line is what `match_message` says of that line.
#![no_main]

use agora_token_errors::{TokenError, scan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut last = 0;
    let mut first_of_line: Option<(usize, Option<TokenError>)> = None;
    for found in scan(bytes) {
        let span = found.span();
        assert!(span.start <= span.end && span.end <= bytes.len());
        assert!(
            !bytes[span.clone()].contains(&b'\n'),
            "a place spans a line break"
        );
        assert!(found.line() >= last, "places come in line order");
        last = found.line();
        if found.error().is_some() && first_of_line.is_none_or(|(l, _)| l != found.line()) {
            first_of_line = Some((found.line(), found.error()));
            let line = bytes
                .split(|&b| b == b'\n')
                .nth(found.line() - 1)
                .unwrap_or(&[]);
            if let Ok(text) = core::str::from_utf8(line) {
                assert_eq!(TokenError::from_message(text), found.error(), "{text:?}");
            }
        }
        let _ = (format!("{found:?}"), found.token());
    }
});
