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
    let mut n = reads_back(TokenError::ALL, |v| v.as_str());
    n += reads_back(CodeSpace::ALL, |v| v.as_str());
    n += reads_back(Language::ALL, |v| v.as_str());
    n += reads_back(Product::ALL, |v| v.as_str());
    n += reads_back(agora_token_errors::Locale::ALL, |v| v.as_str());
    n += reads_back(Platform::ALL, |v| v.as_str());
    n += reads_back(TokenEvent::ALL, |v| v.as_str());
    n += reads_back(Action::ALL, |v| v.as_str());
    #[cfg(feature = "token")]
    {
        use agora_token_errors::token::{
            AdviceKind, Certainty, Damage, Field, RtmAccess, RtmResource, ServiceKind, Severity,
            Version,
        };
        n += reads_back(Field::ALL, |v| v.as_str());
        n += reads_back(ServiceKind::ALL, |v| v.as_str());
        n += reads_back(Version::ALL, |v| v.as_str());
        n += reads_back(Damage::ALL, |v| v.as_str());
        n += reads_back(Severity::ALL, |v| v.as_str());
        n += reads_back(Certainty::ALL, |v| v.as_str());
        n += reads_back(AdviceKind::ALL, |v| v.as_str());
        n += reads_back(RtmResource::ALL, |v| v.as_str());
        n += reads_back(RtmAccess::ALL, |v| v.as_str());
    }
    #[cfg(feature = "messages")]
    {
        n += reads_back(agora_token_errors::Evidence::ALL, |v| v.as_str());
        n += reads_back(agora_token_errors::Support::ALL, |v| v.as_str());
    }
    #[cfg(feature = "build")]
    {
        use agora_token_errors::token::Role;
        n += reads_back(Role::ALL, |v| v.as_str());
    }
    #[cfg(feature = "verify")]
    {
        n += reads_back(agora_token_errors::token::Verification::ALL, |v| v.as_str());
    }
    assert!(n > TokenError::ALL.len());
}

/// `FindingKind` names every kind of damage apart in its `Display` (`damaged: quoted`), which
/// reads back; its `as_str` is `"damaged"` for all of them, and each other kind's `as_str` reads
/// back to that kind alone.
#[cfg(feature = "token")]
#[test]
fn every_finding_kind_reads_back_from_its_display() {
    use agora_token_errors::token::{Damage, FindingKind};
    let mut seen = std::collections::HashSet::new();
    for &k in FindingKind::ALL {
        let shown = k.to_string();
        assert!(seen.insert(shown.clone()), "two kinds show as {shown}");
        assert_eq!(shown.parse::<FindingKind>().ok(), Some(k), "{shown}");
        match k {
            FindingKind::Damaged(d) => {
                assert_eq!(k.as_str(), "damaged");
                assert_eq!(shown, format!("damaged: {}", d.as_str()));
            }
            _ => assert_eq!(k.as_str().parse::<FindingKind>().ok(), Some(k)),
        }
    }
    assert_eq!(
        FindingKind::ALL
            .iter()
            .filter(|k| matches!(k, FindingKind::Damaged(_)))
            .count(),
        Damage::ALL.len()
    );
    assert!("damaged".parse::<FindingKind>().is_err());
    assert!("damaged: no such damage".parse::<FindingKind>().is_err());
}
