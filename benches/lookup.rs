//! Lookup speed: `from_name` and `from_code` against a hand-written `match`, a `HashMap` and a
//! bare `phf::Map::get` over the same keys, measured in the same run.
//!
//! Inputs are 16,384 shuffled lookups, half hits and half misses (near-misses of the same
//! shape, short strings, long garbage), so the branch predictor cannot learn a short batch.
//! Ratios: `python3 scripts/bench_ratios.py` after `cargo bench --bench lookup`.

#![allow(clippy::cast_possible_truncation)] // inputs come from a 64-bit generator; truncation is fine

use std::collections::HashMap;
use std::hint::black_box;

use agora_token_errors::{CodeSpace, TokenError, spellings};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const N: usize = 16_384;

/// Every distinct name in the catalog, exact case, for the baselines. `check_baselines` proves at
/// start-up that this list still equals the catalog.
macro_rules! with_names {
    ($m:ident) => {
        $m! {
            "ERR_INVALID_APP_ID" => InvalidAppId,
            "AgoraErrorCodeInvalidAppId" => InvalidAppId,
            "AgoraErrorCode.invalidAppId" => InvalidAppId,
            "ErrorCodeType.errInvalidAppId" => InvalidAppId,
            "ErrorCode.InvalidAppId" => InvalidAppId,
            "ErrInvalidAppId" => InvalidAppId,
            "ERR_TOKEN_EXPIRED" => TokenExpired,
            "AgoraErrorCodeTokenExpired" => TokenExpired,
            "AgoraErrorCode.tokenExpired" => TokenExpired,
            "ErrorCodeType.errTokenExpired" => TokenExpired,
            "ErrorCode.TokenExpired" => TokenExpired,
            "ErrTokenExpired" => TokenExpired,
            "ERR_INVALID_TOKEN" => InvalidToken,
            "AgoraErrorCodeInvalidToken" => InvalidToken,
            "AgoraErrorCode.invalidToken" => InvalidToken,
            "ErrorCodeType.errInvalidToken" => InvalidToken,
            "ErrorCode.InvalidToken" => InvalidToken,
            "ErrInvalidToken" => InvalidToken,
            "ERR_INVALID_USER_ACCOUNT" => InvalidUserAccount,
            "AgoraErrorCodeInvalidUserAccount" => InvalidUserAccount,
            "AgoraErrorCode.invalidUserAccount" => InvalidUserAccount,
            "ErrorCodeType.errInvalidUserAccount" => InvalidUserAccount,
            "ErrInvalidUserAccount" => InvalidUserAccount,
            "ErrorCode.InvalidUserAccount" => InvalidUserAccount,
            "CONNECTION_CHANGED_INVALID_APP_ID" => InvalidAppId,
            "AgoraConnectionChangedReasonInvalidAppId" => InvalidAppId,
            "AgoraConnectionChangedInvalidAppId" => InvalidAppId,
            "ConnectionChangedReasonType.connectionChangedInvalidAppId" => InvalidAppId,
            "ConnectionChangedReason.InvalidAppId" => InvalidAppId,
            "ConnectionChangedInvalidAppId" => InvalidAppId,
            "CONNECTION_CHANGED_INVALID_TOKEN" => InvalidToken,
            "AgoraConnectionChangedReasonInvalidToken" => InvalidToken,
            "AgoraConnectionChangedInvalidToken" => InvalidToken,
            "ConnectionChangedReasonType.connectionChangedInvalidToken" => InvalidToken,
            "ConnectionChangedReason.InvalidToken" => InvalidToken,
            "ConnectionChangedInvalidToken" => InvalidToken,
            "CONNECTION_CHANGED_TOKEN_EXPIRED" => TokenExpired,
            "AgoraConnectionChangedReasonTokenExpired" => TokenExpired,
            "AgoraConnectionChangedTokenExpired" => TokenExpired,
            "ConnectionChangedReasonType.connectionChangedTokenExpired" => TokenExpired,
            "ConnectionChangedReason.TokenExpired" => TokenExpired,
            "ConnectionChangedTokenExpired" => TokenExpired,
            "CONNECTION_CHANGED_INCONSISTENT_APPID" => InconsistentAppId,
            "ConnectionChangedReasonType.connectionChangedInconsistentAppid" => InconsistentAppId,
            "ConnectionChangedInconsistentAppid" => InconsistentAppId,
            "RENEW_TOKEN_TOKEN_EXPIRED" => TokenExpired,
            "RenewTokenErrorCode.renewTokenTokenExpired" => TokenExpired,
            "RenewTokenTokenExpired" => TokenExpired,
            "RENEW_TOKEN_INVALID_TOKEN" => InvalidToken,
            "RenewTokenErrorCode.renewTokenInvalidToken" => InvalidToken,
            "RenewTokenInvalidToken" => InvalidToken,
            "RENEW_TOKEN_INVALID_CHANNEL_NAME" => InvalidToken,
            "RenewTokenErrorCode.renewTokenInvalidChannelName" => InvalidToken,
            "RenewTokenInvalidChannelName" => InvalidToken,
            "RENEW_TOKEN_INCONSISTENT_APPID" => InconsistentAppId,
            "RenewTokenErrorCode.renewTokenInconsistentAppid" => InconsistentAppId,
            "RenewTokenInconsistentAppid" => InconsistentAppId,
            "ERR_INVALID_VENDOR_KEY" => InvalidAppId,
            "ERR_DYNAMIC_KEY_TIMEOUT" => TokenExpired,
            "ERR_DYNAMIC_KEY_EXPIRED" => TokenExpired,
            "K_TIMESTAMP_EXPIRED" => TokenExpired,
            "TOKEN_EXPIRE" => TokenExpired,
            "ERR_NO_AUTHORIZED" => InvalidToken,
            "ERR_INVALID_DYNAMIC_KEY" => InvalidToken,
            "INVALID_DYNAMIC_KEY" => InvalidToken,
            "K_CHANNEL_PERMISSION_INVALID" => InvalidToken,
            "K_CERTIFICATE_INVALID" => InvalidToken,
            "ERR_REJOIN_TOKEN_INVALID" => InvalidToken,
            "ERR_STATIC_USE_DYANMIC_KE" => StaticUseDynamicKey,
            "ERR_STATIC_USE_DYNAMIC_KEY" => StaticUseDynamicKey,
            "ERR_DYNAMIC_USE_STATIC_KE" => DynamicUseStaticKey,
            "ERR_DYNAMIC_USE_STATIC_KEY" => DynamicUseStaticKey,
            "INVALID_VENDOR_KEY" => InvalidAppId,
            "NO_AUTHORIZED" => InvalidToken,
            "DYNAMIC_KEY_TIMEOUT" => TokenExpired,
            "DYNAMIC_KEY_EXPIRED" => TokenExpired,
            "STATIC_USE_DYNAMIC_KEY" => StaticUseDynamicKey,
            "STATIC_USE_DYANMIC_KEY" => StaticUseDynamicKey,
            "DYNAMIC_USE_STATIC_KEY" => DynamicUseStaticKey,
            "IIIEGAL_APPID" => InvalidAppId,
        }
    };
}

/// Every catalogued (space, code), with the key the phf baseline uses (space << 32 | code).
macro_rules! with_codes {
    ($m:ident) => {
        $m! {
            Native, 101, 101_u64 => InvalidAppId,
            Native, 109, 109_u64 => TokenExpired,
            Native, 110, 110_u64 => InvalidToken,
            Native, 134, 134_u64 => InvalidUserAccount,
            Web, 2, 4294967298_u64 => TokenExpired,
            Web, 3, 4294967299_u64 => InvalidToken,
            Web, 4, 4294967300_u64 => InvalidToken,
            Web, 101, 4294967397_u64 => InvalidAppId,
            Web, 109, 4294967405_u64 => TokenExpired,
            Web, 110, 4294967406_u64 => InvalidToken,
            Web, 118, 4294967414_u64 => TokenExpired,
            Web, 119, 4294967415_u64 => StaticUseDynamicKey,
            Web, 120, 4294967416_u64 => DynamicUseStaticKey,
            Web, 2013, 4294969309_u64 => InvalidAppId,
            Web, 2024, 4294969320_u64 => InvalidToken,
            WebAccessPoint, 2010005, 8591944597_u64 => InvalidAppId,
            WebAccessPoint, 2010009, 8591944601_u64 => InvalidToken,
            WebAccessPoint, 2010010, 8591944602_u64 => TokenExpired,
            WebAccessPoint, 2010013, 8591944605_u64 => TokenExpired,
            WebAccessPoint, 2010014, 8591944606_u64 => StaticUseDynamicKey,
            WebAccessPoint, 2010015, 8591944607_u64 => DynamicUseStaticKey,
            WebAccessPoint, 9010001, 8598944593_u64 => InvalidAppId,
            ConnectionChangedReason, 6, 12884901894_u64 => InvalidAppId,
            ConnectionChangedReason, 8, 12884901896_u64 => InvalidToken,
            ConnectionChangedReason, 9, 12884901897_u64 => TokenExpired,
            ConnectionChangedReason, 24, 12884901912_u64 => InconsistentAppId,
            RenewTokenResult, 2, 17179869186_u64 => TokenExpired,
            RenewTokenResult, 3, 17179869187_u64 => InvalidToken,
            RenewTokenResult, 4, 17179869188_u64 => InvalidToken,
            RenewTokenResult, 5, 17179869189_u64 => InconsistentAppId,
        }
    };
}

macro_rules! name_baselines {
    ($($name:literal => $v:ident,)*) => {
        fn match_name(name: &str) -> Option<TokenError> {
            match name {
                $($name => Some(TokenError::$v),)*
                _ => None,
            }
        }
        static PHF_NAMES: phf::Map<&'static str, TokenError> = phf::phf_map! {
            $($name => TokenError::$v,)*
        };
        fn baseline_names() -> Vec<(&'static str, TokenError)> {
            vec![$(($name, TokenError::$v),)*]
        }
    };
}
with_names!(name_baselines);

macro_rules! code_baselines {
    ($($space:ident, $code:literal, $key:literal => $v:ident,)*) => {
        fn match_code(space: CodeSpace, code: i32) -> Option<TokenError> {
            match (space, code.unsigned_abs()) {
                $((CodeSpace::$space, $code) => Some(TokenError::$v),)*
                _ => None,
            }
        }
        static PHF_CODES: phf::Map<u64, TokenError> = phf::phf_map! {
            $($key => TokenError::$v,)*
        };
        fn baseline_codes() -> Vec<(CodeSpace, i32, TokenError)> {
            vec![$((CodeSpace::$space, $code, TokenError::$v),)*]
        }
    };
}
with_codes!(code_baselines);

fn space_index(space: CodeSpace) -> u64 {
    CodeSpace::ALL.iter().position(|&s| s == space).unwrap() as u64
}

fn phf_code(space: CodeSpace, code: i32) -> Option<TokenError> {
    PHF_CODES
        .get(&(space_index(space) << 32 | u64::from(code.unsigned_abs())))
        .copied()
}

/// The baselines must answer exactly what the catalog says, or the comparison means nothing.
fn check_baselines() {
    let mut catalog: Vec<(&str, TokenError)> = spellings()
        .iter()
        .map(|s| (s.identifier(), s.error()))
        .collect();
    catalog.sort();
    catalog.dedup();
    let mut listed = baseline_names();
    listed.sort();
    assert_eq!(
        listed, catalog,
        "benches/lookup.rs names differ from the catalog"
    );
    let mut codes: Vec<_> = spellings()
        .iter()
        .filter_map(|s| Some((space_index(s.space()), s.code()?, s.error())))
        .collect();
    codes.sort();
    codes.dedup();
    let mut listed: Vec<_> = baseline_codes()
        .into_iter()
        .map(|(s, c, e)| (space_index(s), c, e))
        .collect();
    listed.sort();
    assert_eq!(
        listed, codes,
        "benches/lookup.rs codes differ from the catalog"
    );
}

/// A small deterministic generator (xorshift64*), so every run sees the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn name_inputs(rng: &mut Rng) -> Vec<String> {
    let names: Vec<&str> = baseline_names().into_iter().map(|(n, _)| n).collect();
    let mut out = Vec::with_capacity(N);
    while out.len() < N / 2 {
        out.push(names[rng.below(names.len())].to_owned());
    }
    while out.len() < N {
        let miss = match rng.below(4) {
            // Near-miss: a real name with one byte changed (same length, same shape).
            0 | 1 => {
                let mut b = names[rng.below(names.len())].as_bytes().to_vec();
                let i = rng.below(b.len());
                b[i] = if b[i] == b'Z' { b'Y' } else { b'Z' };
                String::from_utf8(b).unwrap()
            }
            // Short strings.
            2 => ["", "ERR", "ERR_OK", "K_", "110", "token", "Agora"][rng.below(7)].to_owned(),
            // Long garbage, 200 to 4,000 bytes.
            _ => "ERR_GARBAGE_".repeat(17 + rng.below(320)),
        };
        if match_name(&miss).is_none() {
            out.push(miss);
        }
    }
    rng.shuffle(&mut out);
    out
}

fn code_inputs(rng: &mut Rng) -> Vec<(CodeSpace, i32)> {
    let codes = baseline_codes();
    let mut out = Vec::with_capacity(N);
    while out.len() < N / 2 {
        let (s, c, _) = codes[rng.below(codes.len())];
        out.push((s, if rng.below(2) == 0 { c } else { -c }));
    }
    while out.len() < N {
        let space = CodeSpace::ALL[rng.below(CodeSpace::ALL.len())];
        let code = match rng.below(3) {
            0 => codes[rng.below(codes.len())].1 + 1 + rng.below(3) as i32,
            1 => rng.below(200) as i32,
            _ => rng.next() as i32,
        };
        if match_code(space, code).is_none() {
            out.push((space, code));
        }
    }
    rng.shuffle(&mut out);
    out
}

fn bench_names(c: &mut Criterion) {
    check_baselines();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let inputs = name_inputs(&mut rng);
    let hash: HashMap<&str, TokenError> = baseline_names().into_iter().collect();
    let mut g = c.benchmark_group("from_name");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("match (baseline)", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|s| match_name(black_box(s)))
                .count()
        });
    });
    g.bench_function("HashMap", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|s| hash.get(black_box(s.as_str())))
                .count()
        });
    });
    g.bench_function("phf::Map::get", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|s| PHF_NAMES.get(black_box(s.as_str())))
                .count()
        });
    });
    g.bench_function("TokenError::from_name", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|s| TokenError::from_name(black_box(s)))
                .count()
        });
    });
    g.finish();

    // What only from_name accepts: re-cased and qualified hits, mixed with the same misses.
    let mixed: Vec<String> = inputs
        .iter()
        .enumerate()
        .map(|(i, s)| match (match_name(s).is_some(), i % 3) {
            (true, 0) => s.to_lowercase(),
            (true, 1) => format!("Constants.{s}"),
            _ => s.clone(),
        })
        .collect();
    let mut g = c.benchmark_group("from_name_any_case");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("match (baseline, exact input)", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|s| match_name(black_box(s)))
                .count()
        });
    });
    g.bench_function("TokenError::from_name", |b| {
        b.iter(|| {
            mixed
                .iter()
                .filter_map(|s| TokenError::from_name(black_box(s)))
                .count()
        });
    });
    g.finish();

    // Long garbage alone, against a call that does nothing.
    let garbage: Vec<String> = (0..N)
        .map(|i| "ERR_GARBAGE_".repeat(17 + i % 320))
        .collect();
    let mut g = c.benchmark_group("from_name_long_garbage");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("empty call (baseline)", |b| {
        b.iter(|| {
            garbage
                .iter()
                .filter(|s| black_box(s.as_str()).is_empty())
                .count()
        });
    });
    g.bench_function("TokenError::from_name", |b| {
        b.iter(|| {
            garbage
                .iter()
                .filter_map(|s| TokenError::from_name(black_box(s)))
                .count()
        });
    });
    g.finish();
}

fn bench_codes(c: &mut Criterion) {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let inputs = code_inputs(&mut rng);
    let hash: HashMap<(CodeSpace, u32), TokenError> = baseline_codes()
        .into_iter()
        .map(|(s, c, e)| ((s, c.unsigned_abs()), e))
        .collect();
    let mut g = c.benchmark_group("from_code");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("match (baseline)", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|&(s, c)| match_code(black_box(s), black_box(c)))
                .count()
        });
    });
    g.bench_function("HashMap", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|&(s, c)| hash.get(&(black_box(s), black_box(c).unsigned_abs())))
                .count()
        });
    });
    g.bench_function("phf::Map::get", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|&(s, c)| phf_code(black_box(s), black_box(c)))
                .count()
        });
    });
    g.bench_function("TokenError::from_code", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter_map(|&(s, c)| TokenError::from_code(black_box(s), black_box(c)))
                .count()
        });
    });
    g.finish();
}

criterion_group!(benches, bench_names, bench_codes);
criterion_main!(benches);
