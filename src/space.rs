//! The languages identifiers are spelt in, and the products whose SDKs report them.

/// Declares a field-less enum together with its `ALL` list, so that the list cannot drift from
/// the enum.
macro_rules! listed_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $id:literal,)*
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            #[doc = concat!("Every `", stringify!($name), "`, in declaration order.")]
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Its stable lower snake_case name: what the `serde` feature writes, and what
            /// `FromStr` reads back.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            /// The value whose [`as_str`](Self::as_str) is `s`, exactly.
            #[allow(dead_code)]
            pub(crate) fn from_as_str(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}
pub(crate) use listed_enum;

/// `Display` and `FromStr` for a [`listed_enum!`] type with a human name (`$label`): `Display`
/// writes that name; `FromStr` reads its `as_str()`, or the name in any case and with or without
/// spaces, else an [`UnknownName`] expecting `$expected`.
#[cfg_attr(not(feature = "token"), allow(unused_macros))]
macro_rules! labelled {
    ($name:ty, $label:expr, $expected:literal) => {
        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let label: fn(&$name) -> &'static str = $label;
                f.write_str(label(self))
            }
        }

        impl core::str::FromStr for $name {
            type Err = crate::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                if let Some(v) = <$name>::from_as_str(s) {
                    return Ok(v);
                }
                let label: fn(&$name) -> &'static str = $label;
                crate::unknown::parse_keyed(
                    s,
                    <$name>::ALL.iter().map(|v| (label(v), *v)),
                    $expected,
                )
            }
        }
    };
}
#[cfg_attr(
    not(any(feature = "token", feature = "messages")),
    allow(unused_imports)
)]
pub(crate) use labelled;

listed_enum! {
    /// A language an SDK family writes its identifiers in.
    ///
    /// ```
    /// use agora_token_errors::{Language, Product, TokenError};
    ///
    /// assert_eq!(TokenError::InvalidToken.identifier(Product::Rtc, Language::ObjectiveC), Some("AgoraErrorCodeInvalidToken"));
    /// assert_eq!(TokenError::InvalidToken.identifier(Product::Rtc, Language::JavaScript), Some("ERR_NO_AUTHORIZED"));
    /// assert_eq!("c#".parse::<Language>(), Ok(Language::CSharp));
    /// ```
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::Display)]
    #[non_exhaustive]
    pub enum Language {
        /// Java (Android `io.agora.rtc.Constants`, `io.agora.rtc2.Constants`).
        Java = "java",
        /// C++ (Windows, macOS, Linux and the headers under every native SDK).
        #[strum(to_string = "C++")]
        Cpp = "cpp",
        /// C# (Unity and the C# SDK).
        #[strum(to_string = "C#")]
        CSharp = "csharp",
        /// Objective-C (iOS and macOS).
        #[strum(to_string = "Objective-C")]
        ObjectiveC = "objective_c",
        /// Swift's import of the Objective-C enums.
        Swift = "swift",
        /// JavaScript (the Web SDKs).
        JavaScript = "javascript",
        /// TypeScript (React Native and Electron wrappers).
        TypeScript = "typescript",
        /// Dart (the Flutter wrappers).
        Dart = "dart",
    }
}

listed_enum! {
    /// An Agora product whose tokens and SDK errors the catalog covers. The same token servers
    /// issue tokens for all of them, and one token can carry several.
    ///
    /// ```
    /// use agora_token_errors::{CodeSpace, Product};
    ///
    /// assert_eq!(CodeSpace::Native.product(), Product::Rtc);
    /// assert_eq!("rtc".parse::<Product>(), Ok(Product::Rtc));
    /// ```
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::Display)]
    #[non_exhaustive]
    pub enum Product {
        /// Real-time communication: voice and video channels (Video Calling, Voice Calling,
        /// Interactive Live Streaming).
        #[strum(to_string = "RTC")]
        Rtc = "rtc",
        /// Real-time messaging (Signaling), 1.x and 2.x.
        #[strum(to_string = "RTM")]
        Rtm = "rtm",
        /// Agora Chat.
        Chat = "chat",
    }
}

use core::str::FromStr;

use crate::unknown::parse_keyed;
use crate::{CodeSpace, UnknownName};

/// Parses the variant name in any case and punctuation (`Web`, `web-access-point`,
/// `connection_changed_reason`), or a short form: `connection`, `renew`, `access-point`.
impl FromStr for CodeSpace {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(c) = CodeSpace::ALL.iter().copied().find(|c| c.as_str() == s) {
            return Ok(c);
        }
        let names = CodeSpace::ALL.iter().map(|&c| (c.as_str(), c));
        let short = [
            ("connection", CodeSpace::ConnectionChangedReason),
            ("renew", CodeSpace::RenewTokenResult),
            ("access point", CodeSpace::WebAccessPoint),
            ("ap", CodeSpace::WebAccessPoint),
        ];
        parse_keyed(
            s,
            names.chain(short),
            "a code space (native, connection, renew, web, access-point, ...)",
        )
    }
}

/// Parses the variant name or the usual spelling in any case (`cpp`, `C++`, `c#`, `objc`,
/// `Objective-C`, `ts`, `js`).
impl FromStr for Language {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(l) = Language::from_as_str(s) {
            return Ok(l);
        }
        let names = Language::ALL.iter().map(|&l| (l.as_str(), l));
        let usual = [
            ("C++", Language::Cpp),
            ("C#", Language::CSharp),
            ("objc", Language::ObjectiveC),
            ("Objective-C", Language::ObjectiveC),
            ("js", Language::JavaScript),
            ("ts", Language::TypeScript),
        ];
        parse_keyed(
            s,
            names.chain(usual),
            "a language (java, cpp, csharp, objc, swift, js, ts, dart)",
        )
    }
}

/// Parses `rtc`, `rtm` (or `signaling`) and `chat` in any case.
impl FromStr for Product {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(p) = Product::from_as_str(s) {
            return Ok(p);
        }
        let names = Product::ALL.iter().map(|&p| (p.as_str(), p));
        parse_keyed(
            s,
            names.chain([("signaling", Product::Rtm)]),
            "a product (rtc, rtm, chat)",
        )
    }
}
