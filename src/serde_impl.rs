//! `serde` support. Every named type is written as its `as_str()`, its stable lower snake_case
//! name, and read back through its `FromStr` (which takes that name and the human spellings):
//! one JSON convention, and one matcher for parsing and deserialising.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::{Action, CodeSpace, Language, Platform, Product, TokenError, TokenEvent};

struct FromStrVisitor<T>(PhantomData<T>, &'static str);

impl<T: FromStr> Visitor<'_> for FromStrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(crate::unknown::clip(v)), &self))
    }
}

macro_rules! by_str {
    ($($ty:ty => |$v:ident| $text:expr, $expecting:literal;)*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let $v = self;
                serializer.collect_str(&$text)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(FromStrVisitor(PhantomData, $expecting))
            }
        }
    )*};
}

by_str! {
    TokenError => |e| e.as_str(), "a token error such as \"token_expired\" or an Agora SDK error name";
    CodeSpace => |s| s.as_str(), "a code space such as \"native\" or \"web_access_point\"";
    Language => |l| l.as_str(), "a language such as \"java\" or \"cpp\"";
    Product => |p| p.as_str(), "a product: \"rtc\", \"rtm\" or \"chat\"";
    Platform => |p| p.as_str(), "a platform such as \"android\" or \"react_native\"";
    TokenEvent => |e| e.as_str(), "a token event such as \"will_expire\" or a callback name";
    Action => |a| a.as_str(), "an action such as \"renew_token\"";
    crate::Locale => |l| l.as_str(), "a locale: \"en\" or \"zh\"";
}

#[cfg(feature = "messages")]
by_str! {
    crate::Evidence => |e| e.as_str(), "evidence such as \"identifier\" or \"error_code\"";
    crate::Support => |s| s.as_str(), "a support such as \"own\" or \"agreement\"";
}

#[cfg(feature = "token")]
by_str! {
    crate::token::ServiceKind => |k| k.as_str(), "a token service such as \"rtc\" or \"rtm2\"";
    crate::token::Version => |v| v.as_str(), "a token version, \"006\" or \"007\"";
    crate::token::Damage => |d| d.as_str(), "a kind of damage such as \"quoted\"";
    crate::token::Field => |f| f.as_str(), "a token field such as \"app_id\"";
    // `"damaged"` for every damage (a finding carries its damage in its own `damage` field):
    // a damaged kind alone is output-only, as `FindingKind`'s docs say.
    crate::token::FindingKind => |k| k.as_str(), "a finding kind such as \"channel_mismatch\" or \"damaged: quoted\"";
    crate::token::Severity => |v| v.as_str(), "a severity: \"error\" or \"warning\"";
    crate::token::Certainty => |c| c.as_str(), "a certainty: \"certain\" or \"likely\"";
    crate::token::AdviceKind => |k| k.as_str(), "an advice kind such as \"short_lifetime\"";
    crate::token::RtmResource => |r| r.as_str(), "an RTM resource such as \"message_channels\"";
    crate::token::RtmAccess => |a| a.as_str(), "an RTM access: \"read\" or \"write\"";
}

#[cfg(feature = "build")]
by_str! {
    crate::token::Role => |r| r.as_str(), "a role, \"publisher\" or \"subscriber\"";
}

#[cfg(feature = "verify")]
by_str! {
    crate::token::Verification => |v| v.as_str(), "a verification: \"valid\", \"invalid\" or \"needs_join\"";
}

/// A catalog row: `identifier`, `error`, `language`, `space`, `product`, `code` and `citation`,
/// every name its `as_str()`.
impl Serialize for crate::Spelling {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = serializer.serialize_struct("Spelling", 7)?;
        out.serialize_field("identifier", self.identifier())?;
        out.serialize_field("error", &self.error())?;
        out.serialize_field("language", &self.language())?;
        out.serialize_field("space", &self.space())?;
        out.serialize_field("product", &self.product())?;
        out.serialize_field("code", &self.code())?;
        out.serialize_field("citation", self.citation())?;
        out.end()
    }
}

/// What a text matched: `error`, `matched`, `evidence`, `support`, `space`, `product`, `code`,
/// `start` and `end` (where, in bytes, as every span the crate writes) and `citation`.
#[cfg(feature = "messages")]
impl Serialize for crate::MessageMatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut out = serializer.serialize_struct("MessageMatch", 10)?;
        out.serialize_field("error", &self.error())?;
        out.serialize_field("matched", self.matched())?;
        out.serialize_field("evidence", &self.evidence())?;
        out.serialize_field("support", &self.support())?;
        out.serialize_field("space", &self.space())?;
        out.serialize_field("product", &self.product())?;
        out.serialize_field("code", &self.code())?;
        out.serialize_field("start", &self.span().start)?;
        out.serialize_field("end", &self.span().end)?;
        out.serialize_field("citation", &self.citation())?;
        out.end()
    }
}
