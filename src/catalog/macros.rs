//! The macros `build.rs`'s output invokes: the catalog arrives as rows of data, and these turn
//! the rows into the enums, their docs, the static tables and the lookups (the pattern of the
//! `http` crate's `status_codes!`). Nothing here is spelled as strings in `build.rs`.

/// `CodeSpace`, one variant per row of `catalog/spaces.md`, with its product.
macro_rules! code_spaces {
    ($($space:ident, $id:literal, $product:ident, $doc:literal;)*) => {
        /// Where an error number comes from. The same number means different things in
        /// different spaces: native 2 is `ERR_INVALID_ARGUMENT`, Web 2 is `K_TIMESTAMP_EXPIRED`.
        ///
        /// ```
        /// use agora_token_errors::{CodeSpace, TokenError};
        ///
        /// assert_eq!(TokenError::from_code(CodeSpace::Native, 2), None);
        /// assert_eq!(TokenError::from_code(CodeSpace::Web, 2), Some(TokenError::TokenExpired));
        /// assert_eq!("web".parse::<CodeSpace>(), Ok(CodeSpace::Web));
        /// ```
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::Display,
        )]
        #[non_exhaustive]
        pub enum CodeSpace {
            $(#[doc = $doc] $space,)*
        }

        impl CodeSpace {
            /// Every code space, in the catalog's order.
            ///
            /// ```
            /// assert!(agora_token_errors::CodeSpace::ALL.contains(&agora_token_errors::CodeSpace::Web));
            /// ```
            pub const ALL: &'static [CodeSpace] = &[$(CodeSpace::$space),*];

            /// The Agora product whose SDKs report codes of this space.
            ///
            /// ```
            /// use agora_token_errors::{CodeSpace, Product};
            /// assert_eq!(CodeSpace::ConnectionChangedReason.product(), Product::Rtc);
            /// ```
            #[must_use]
            pub const fn product(self) -> crate::Product {
                match self {
                    $(CodeSpace::$space => crate::Product::$product,)*
                }
            }

            /// Its stable lower snake_case name: what the `serde` feature writes, and what
            /// `FromStr` reads back.
            ///
            /// ```
            /// use agora_token_errors::CodeSpace;
            /// assert_eq!(CodeSpace::WebAccessPoint.as_str(), "web_access_point");
            /// assert_eq!("web_access_point".parse(), Ok(CodeSpace::WebAccessPoint));
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(CodeSpace::$space => $id,)*
                }
            }
        }
    };
}

/// `TokenError` and its texts, one variant per section of `catalog/errors.md`.
macro_rules! token_errors {
    ($($variant:ident, $id:literal, $action:ident, $display:literal, $summary:literal,
       $cause:literal, $remediation:literal, $native:literal, $web:literal, $table:literal;)*) => {
        /// A token, App ID or certificate error reported by an Agora SDK.
        ///
        /// Each variant is one condition with one remedy; the many codes and identifiers the SDK
        /// families use for it are listed under the variant and by [`TokenError::spellings`].
        /// Build one with [`TokenError::from_code`], [`TokenError::from_name`] or
        /// [`TokenError::from_message`]; `Display` prints a short lowercase phrase,
        /// [`TokenError::cause`] and [`TokenError::remediation`] say why it happened and what to
        /// change.
        ///
        /// New variants may be added in minor releases, so `match` needs a wildcard arm.
        ///
        /// ```
        /// use agora_token_errors::{CodeSpace, TokenError};
        ///
        /// let e = TokenError::from_code(CodeSpace::Web, 118).unwrap();
        /// assert_eq!(e, TokenError::TokenExpired);
        /// assert_eq!(e.to_string(), "token expired");
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum TokenError {
            $(
                #[doc = $summary]
                #[doc = ""]
                #[doc = concat!("**Cause.** ", $cause)]
                #[doc = ""]
                #[doc = concat!("**Remediation.** ", $remediation)]
                #[doc = ""]
                #[doc = concat!("**Action.** [`Action::", stringify!($action), "`](crate::Action::", stringify!($action), ")")]
                #[doc = ""]
                #[doc = concat!("**Native SDKs.** ", $native)]
                #[doc = ""]
                #[doc = concat!("**Web SDK.** ", $web)]
                #[doc = ""]
                #[doc = $table]
                $variant,
            )*
        }

        impl TokenError {
            /// Every variant, in declaration order.
            ///
            /// ```
            /// use agora_token_errors::TokenError;
            /// assert!(TokenError::ALL.contains(&TokenError::InvalidToken));
            /// ```
            pub const ALL: &'static [TokenError] = &[$(TokenError::$variant),*];

            /// Its stable lower snake_case name (`"invalid_token"`): what the `serde` feature
            /// writes, what `FromStr` reads back, and what `--json` output and logs can key on.
            ///
            /// ```
            /// assert_eq!(agora_token_errors::TokenError::InvalidAppId.as_str(), "invalid_app_id");
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                const IDS: &[&str] = &[$($id),*];
                IDS[self as usize]
            }
        }

        pub(crate) static TEXTS: [Prose; TokenError::ALL.len()] = [$(
            Prose {
                variant: stringify!($variant),
                action: Action::$action,
                display: $display,
                summary: $summary,
                cause: $cause,
                remediation: $remediation,
                native: $native,
                web: $web,
            },
        )*];
    };
}

/// The per-product and per-locale texts of `errors.md` (`rtm-cause`, `zh-cause`,
/// `zh-rtm-cause`, ...): summary, cause and remediation, each `None` where the product says
/// nothing of its own (RTC's text in the same locale holds).
macro_rules! product_texts {
    ($($variant:ident, $product:ident, $locale:ident, $summary:expr, $cause:expr, $remediation:expr;)*) => {
        pub(crate) fn product_text(
            error: TokenError,
            product: crate::Product,
            locale: crate::Locale,
        ) -> [Option<&'static str>; 3] {
            #[allow(unreachable_patterns)]
            match (error, product, locale) {
                $((TokenError::$variant, crate::Product::$product, crate::Locale::$locale) => [$summary, $cause, $remediation],)*
                _ => [None; 3],
            }
        }
    };
}

/// The `reported-as` field of `errors.md`: the other errors SDKs report the same fault as.
macro_rules! reported_as {
    ($($variant:ident: [$($other:ident),*];)*) => {
        impl TokenError {
            /// The other errors an SDK may report for the same fault, where one surface reports
            /// it under another name: a project without an App Certificate is an invalid token
            /// to native SDKs, a token for another App ID an invalid token to the Web SDK.
            ///
            /// ```
            /// use agora_token_errors::TokenError;
            /// assert!(TokenError::StaticUseDynamicKey.also_reported_as().contains(&TokenError::InvalidToken));
            /// assert!(TokenError::InvalidAppId.also_reported_as().is_empty());
            /// ```
            #[must_use]
            pub fn also_reported_as(&self) -> &'static [TokenError] {
                match self {
                    $(TokenError::$variant => &[$(TokenError::$other),*],)*
                }
            }
        }
    };
}

/// The `named-as` words of `errors.md`.
macro_rules! named_as {
    ($($variant:ident: [$($word:literal),*];)*) => {
        impl TokenError {
            /// The words a text about this error uses (`token`, `app id`): a code other
            /// vendors print too counts in a text that names them.
            #[cfg_attr(not(feature = "messages"), allow(dead_code))]
            pub(crate) fn named_as(&self) -> &'static [&'static str] {
                match self {
                    $(TokenError::$variant => &[$($word),*],)*
                }
            }
        }
    };
}

/// Every row of `identifiers.md`, grouped by variant.
macro_rules! spellings {
    ($($name:literal, $member_at:literal, $language:ident, $space:ident, $code:expr,
       $variant:ident, $source:literal, $shared:literal;)*) => {
        pub(crate) static SPELLINGS: [Spelling; [$($name),*].len()] = [$(
            Spelling::new(
                $name,
                $member_at,
                Language::$language,
                CodeSpace::$space,
                $code,
                TokenError::$variant,
                $source,
                $shared,
            ),
        )*];
    };
}

/// Where each variant's rows start and end in `SPELLINGS`.
macro_rules! spelling_ranges {
    ($(($start:literal, $end:literal)),*) => {
        pub(crate) static SPELLING_RANGES: [(usize, usize); TokenError::ALL.len()] =
            [$(($start, $end)),*];
    };
}

/// The code lookup: one arm per (space, |code|).
macro_rules! codes {
    ($($space:ident, $code:literal, $variant:ident;)*) => {
        #[allow(clippy::unreadable_literal)] // codes such as 2010005 are quoted as the SDKs write them
        pub(crate) fn error_for_code(space: CodeSpace, code: u32) -> Option<TokenError> {
            match (space, code) {
                $((CodeSpace::$space, $code) => Some(TokenError::$variant),)*
                _ => None,
            }
        }
    };
}

/// Every row of `phrases.md`.
macro_rules! phrases {
    ($($text:literal, $min:literal, $space:ident, $code:expr, $variant:ident, $source:literal,
       $shared:literal, $shared_joined:literal;)*) => {
        pub(crate) static PHRASES: [Phrase; [$($text),*].len()] = [$(
            Phrase {
                text: $text,
                min: $min,
                space: CodeSpace::$space,
                code: $code,
                error: TokenError::$variant,
                source: $source,
                shared: $shared,
                shared_joined: $shared_joined,
            },
        )*];
    };
}

/// The lists of `words.md`, each as a static of byte strings.
macro_rules! recogniser_words {
    ($($list:ident: [$($word:literal),*];)*) => {
        $(
            #[cfg_attr(not(feature = "messages"), allow(dead_code))]
            pub(crate) static $list: [&[u8]; [$($word),*].len()] = [$($word.as_bytes()),*];
        )*
    };
}

/// Every row of `anchors.md`.
macro_rules! anchors {
    ($($anchor:literal, $check:ident;)*) => {
        #[cfg_attr(not(feature = "messages"), allow(dead_code))]
        pub(crate) static ANCHORS: [(&str, AnchorCheck); [$($anchor),*].len()] =
            [$(($anchor, AnchorCheck::$check)),*];
    };
}

/// Every row of `events.md` (its source stays in the table, where `build.rs` checks it).
macro_rules! token_events {
    ($($name:literal, $event:ident, $product:ident, [$($platform:ident),*], $source:literal;)*) => {
        pub(crate) static EVENT_CALLBACKS: [Callback; [$($name),*].len()] = [$(
            Callback::new(
                $name,
                TokenEvent::$event,
                Product::$product,
                &[$(Platform::$platform),*],
            ),
        )*];
    };
}

/// The rows of `event-texts.md`: what to do when an event fires, per product and language.
macro_rules! event_texts {
    ($($event:ident, $product:ident, $en:literal, $zh:literal;)*) => {
        pub(crate) fn event_remediation(
            event: TokenEvent,
            product: Product,
            locale: crate::Locale,
        ) -> &'static str {
            #[allow(unreachable_patterns)]
            match (event, product, locale) {
                $(
                    (TokenEvent::$event, Product::$product, crate::Locale::Zh) => $zh,
                    (TokenEvent::$event, Product::$product, _) => $en,
                )*
                // `build.rs` checks that every event has a row for every product.
                _ => "",
            }
        }
    };
}

/// The words of `context.md`: a text that holds one comes from an Agora SDK.
macro_rules! context_words {
    ([$($word:literal),*] [$($codes_only:literal),*]) => {
        #[cfg_attr(not(feature = "messages"), allow(dead_code))]
        pub(crate) static CONTEXT_WORDS: [&str; [$($word),*].len()] = [$($word),*];
        /// For each word of [`CONTEXT_WORDS`], whether it vouches only for a code next to an
        /// error word (an API name other vendors copied), not for a shared phrase.
        #[cfg_attr(not(feature = "messages"), allow(dead_code))]
        pub(crate) static CONTEXT_FOR_CODES_ONLY: [bool; [$($word),*].len()] = [$($codes_only),*];
    };
}

/// Every row of `callbacks.md`.
macro_rules! callbacks {
    ($($name:literal, $space:ident, [$($field:literal),*];)*) => {
        pub(crate) static CALLBACKS: [CodedCallback; [$($name),*].len()] = [$(
            CodedCallback {
                name: $name,
                space: CodeSpace::$space,
                fields: &[$($field),*],
            },
        )*];
    };
}

/// The name map: each member's key, the member upper-cased and padded, and the spellings that
/// end in it.
macro_rules! names {
    (
        rotation: $rotation:literal,
        min: $min:literal,
        max: $max:literal,
        width: $width:literal,
        members: [$(($member:expr, $start:literal, $len:literal),)*],
        candidates: [$($candidate:literal),*],
        index: $index:expr,
    ) => {
        pub(crate) const KEY_ROTATION: u32 = $rotation;
        pub(crate) const MIN_NAME_LEN: usize = $min;
        pub(crate) const MAX_NAME_LEN: usize = $max;
        pub(crate) const NAME_WIDTH: usize = $width;
        pub(crate) static MEMBERS: [([u8; NAME_WIDTH], u16, u16); [$($start),*].len()] =
            [$(($member, $start, $len)),*];
        pub(crate) static CANDIDATES: [u16; [$($candidate),*].len()] = [$($candidate),*];
        pub(crate) static NAME_INDEX: ::phf::Map<u64, u16> = $index;
    };
}

/// Every row of `lookalikes.md` (read by reports, which need `std`).
#[cfg(feature = "std")]
macro_rules! lookalikes {
    ($($text:literal, $by:ident, $space:expr, $code:expr, $product:literal, $meaning:literal, $check:literal, $zh_meaning:literal, $zh_check:literal, $source:literal;)*) => {
        pub(crate) static LOOKALIKES: [Lookalike; <[&str]>::len(&[$($text),*])] = [$(
            Lookalike {
                text: $text,
                by: By::$by,
                space: $space,
                code: $code,
                product: $product,
                meaning: [$meaning, $zh_meaning],
                check: [$check, $zh_check],
                source: $source,
            },
        )*];
    };
}

#[cfg(not(feature = "std"))]
macro_rules! lookalikes {
    ($($row:tt)*) => {};
}
