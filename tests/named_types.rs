//! Every named type reads back what it writes: its `as_str()` and its `Display`, through `FromStr`.

use std::fmt::{Debug, Display};
use std::str::FromStr;

fn reads_back<T>(all: &[T], as_str: impl Fn(&T) -> &'static str) -> usize
where
    T: Display + FromStr + PartialEq + Debug,
{
    for v in all {
        let name = as_str(v);
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{v:?}: {name}"
        );
        assert_eq!(name.parse::<T>().ok().as_ref(), Some(v), "{name}");
        assert_eq!(v.to_string().parse::<T>().ok().as_ref(), Some(v), "{v}");
    }
    assert!("no such name".parse::<T>().is_err());
    assert!("x".repeat(10_000).parse::<T>().is_err());
    all.len()
}

#[test]
fn every_named_type_parses_its_as_str_and_its_display() {
    use agora_token_errors::{
        Action, CodeSpace, Language, Platform, Product, TokenError, TokenEvent,
    };
    let mut n = reads_back(TokenError::ALL, TokenError::as_str);
    n += reads_back(CodeSpace::ALL, |v| v.as_str());
    n += reads_back(Language::ALL, |v| v.as_str());
    n += reads_back(Product::ALL, |v| v.as_str());
    n += reads_back(Platform::ALL, |v| v.as_str());
    n += reads_back(TokenEvent::ALL, |v| v.as_str());
    n += reads_back(Action::ALL, |v| v.as_str());
    #[cfg(feature = "token")]
    {
        use agora_token_errors::token::{Field, ObsoleteFormat, ServiceKind};
        n += reads_back(Field::ALL, |v| v.as_str());
        n += reads_back(ObsoleteFormat::ALL, |v| v.as_str());
        n += reads_back(ServiceKind::ALL, |v| v.as_str());
    }
    #[cfg(feature = "build")]
    {
        use agora_token_errors::token::{BuildField, Role};
        n += reads_back(BuildField::ALL, |v| v.as_str());
        n += reads_back(Role::ALL, |v| v.as_str());
    }
    #[cfg(feature = "verify")]
    {
        n += reads_back(agora_token_errors::token::Verification::ALL, |v| v.as_str());
    }
    assert!(n > TokenError::ALL.len());
}
