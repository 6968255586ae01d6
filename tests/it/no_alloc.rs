//! Lookups and texts never allocate: a counting global allocator proves it.

use agora_token_errors::{CodeSpace, Language, TokenError, spellings};

/// Allocations made on this thread while `f` runs (allocation-counter swaps in a counting global
/// allocator for this test binary).
fn allocations_during(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

#[test]
fn lookups_and_texts_do_not_allocate() {
    // Inputs are built before counting starts.
    let mut inputs: Vec<String> = spellings()
        .iter()
        .map(|s| s.identifier().to_owned())
        .collect();
    inputs.extend(spellings().iter().map(|s| s.identifier().to_lowercase()));
    inputs.extend(
        [
            "",
            "ERR_INVALID_ARGUMENT",
            "garbage",
            "Constants.ERR_TOKEN_EXPIRED",
        ]
        .map(String::from),
    );
    inputs.push("z".repeat(1 << 16));
    let mut sink = 0usize;
    let n = allocations_during(|| {
        for input in &inputs {
            sink += TokenError::from_name(input).map_or(0, |e| e as usize);
        }
        for &space in CodeSpace::ALL {
            for code in (-3000..3000).chain([i32::MIN, i32::MAX, 2_010_005, 9_010_001]) {
                sink += TokenError::from_code(space, code).map_or(0, |e| e as usize);
            }
        }
        for e in TokenError::ALL {
            sink += e.cause().len() + e.remediation().len() + e.summary().len();
            sink += e.native_surface().len() + e.web_surface().len() + e.as_str().len();
            sink += e.spellings().len();
            for &lang in Language::ALL {
                sink += e
                    .identifier(agora_token_errors::Product::Rtc, lang)
                    .map_or(0, str::len);
            }
            for &space in CodeSpace::ALL {
                sink += e.code(space).unwrap_or(0).unsigned_abs() as usize;
            }
        }
        sink += "nope".parse::<TokenError>().map_or(1, |e| e as usize);
    });
    assert!(sink > 0);
    assert_eq!(n, 0, "{n} allocations during lookups");
}

#[test]
fn the_counter_does_count() {
    let n = allocations_during(|| drop(std::hint::black_box(vec![1u8; 32])));
    assert_eq!(n, 1);
}

#[cfg(feature = "messages")]
#[test]
fn scanning_a_log_does_not_allocate_after_set_up() {
    use std::fmt::Write as _;
    let mut log = String::new();
    for i in 0..2000 {
        write!(
            log,
            "12:00:{:02} I/App: frame {i} ok\n12:00:01 E/agora: onError: err 110, msg: \n\
             Agora-SDK [ERROR]: INVALID_TOKEN, then onTokenPrivilegeWillExpire\n\
             libcurl error 110\n",
            i % 60
        )
        .unwrap();
    }
    // The searchers are set up on first use.
    let warm = agora_token_errors::scan(log.as_bytes()).count();
    let mut found = 0;
    let n = allocations_during(|| {
        found = agora_token_errors::scan(log.as_bytes()).count();
        found += usize::from(TokenError::from_message(&log).is_some());
    });
    assert_eq!(found, warm + 1);
    assert_eq!(found, 2000 * 3 + 1);
    assert_eq!(n, 0, "{n} allocations while scanning {} bytes", log.len());
}
