//! `serde` support. Every named type is written as the text its `Display` (or, for
//! `TokenError`, its stable id) gives, and read back through its `FromStr`: one matcher for
//! parsing and deserialising.

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
    TokenError => |e| e.id(), "a token error id such as \"token_expired\" or an Agora SDK error name";
    CodeSpace => |s| <&str>::from(*s), "a code space such as \"Native\" or \"Web\"";
    Language => |l| l, "a language such as \"Java\" or \"C++\"";
    Product => |p| p, "a product: \"RTC\", \"RTM\" or \"Chat\"";
    Platform => |p| p, "a platform such as \"Android\" or \"React Native\"";
    TokenEvent => |e| e, "a token event such as \"token will expire\" or a callback name";
    Action => |a| a.id(), "an action such as \"renew_token\"";
}
