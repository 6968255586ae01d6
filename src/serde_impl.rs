//! `serde` support: a stable id out, any known name in.

use core::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::TokenError;

impl Serialize for TokenError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for TokenError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TokenErrorVisitor)
    }
}

struct TokenErrorVisitor;

impl Visitor<'_> for TokenErrorVisitor {
    type Value = TokenError;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a token error id such as \"token_expired\" or an Agora SDK error name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<TokenError, E> {
        TokenError::from_id_or_display(v)
            .or_else(|| TokenError::from_name(v))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(crate::catalog::clip(v)), &self))
    }
}
