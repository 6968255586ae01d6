//! The ten platforms Agora's RTC SDKs ship for, and how each reports token errors.

use core::fmt;
use core::str::FromStr;

use crate::{CodeSpace, Language, TokenError, TokenEvent};

/// A platform an Agora RTC SDK runs on.
///
/// ```
/// use agora_token_errors::{CodeSpace, Platform, TokenError, TokenEvent};
///
/// let p: Platform = "flutter".parse().unwrap();
/// assert_eq!(p.error_space(), CodeSpace::Native);
/// assert_eq!(p.error_name(TokenError::InvalidToken), Some("ErrorCodeType.errInvalidToken"));
/// assert_eq!(p.event_name(TokenEvent::WillExpire), "onTokenPrivilegeWillExpire");
/// assert_eq!(Platform::Web.event_name(TokenEvent::DidExpire), "token-privilege-did-expire");
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter, strum::VariantArray,
)]
#[non_exhaustive]
pub enum Platform {
    /// Android (Java or Kotlin).
    Android,
    /// iOS (Objective-C or Swift).
    Ios,
    /// macOS (Objective-C or Swift).
    Macos,
    /// Windows (C++).
    Windows,
    /// Web browsers (the Web SDK, JavaScript).
    Web,
    /// Unity (C#).
    Unity,
    /// Cocos Creator (scripts over the native SDK, which reports the native codes).
    CocosCreator,
    /// Electron (TypeScript).
    Electron,
    /// React Native (TypeScript).
    ReactNative,
    /// Flutter (Dart).
    Flutter,
}

impl Platform {
    /// Every platform.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::Platform::ALL.len(), 10);
    /// ```
    pub const ALL: &'static [Platform] = <Platform as strum::VariantArray>::VARIANTS;

    /// Its usual name.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::Platform::ReactNative.name(), "React Native");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Platform::Android => "Android",
            Platform::Ios => "iOS",
            Platform::Macos => "macOS",
            Platform::Windows => "Windows",
            Platform::Web => "Web",
            Platform::Unity => "Unity",
            Platform::CocosCreator => "Cocos Creator",
            Platform::Electron => "Electron",
            Platform::ReactNative => "React Native",
            Platform::Flutter => "Flutter",
        }
    }

    /// The code space its error callback's numbers belong to.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::Platform::Web.error_space(), agora_token_errors::CodeSpace::Web);
    /// ```
    #[must_use]
    pub fn error_space(self) -> CodeSpace {
        match self {
            Platform::Web => CodeSpace::Web,
            _ => CodeSpace::Native,
        }
    }

    /// The language its SDK's identifiers are written in. Cocos Creator scripts receive the
    /// native SDK's codes, so its names are the C++ ones.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::Platform::Unity.language(), agora_token_errors::Language::CSharp);
    /// ```
    #[must_use]
    pub fn language(self) -> Language {
        match self {
            Platform::Android => Language::Java,
            Platform::Ios | Platform::Macos => Language::ObjectiveC,
            Platform::Windows | Platform::CocosCreator => Language::Cpp,
            Platform::Web => Language::JavaScript,
            Platform::Unity => Language::CSharp,
            Platform::Electron | Platform::ReactNative => Language::TypeScript,
            Platform::Flutter => Language::Dart,
        }
    }

    /// The identifier this platform's SDK uses for `error`, or `None` where it has none.
    ///
    /// ```
    /// use agora_token_errors::{Platform, TokenError};
    /// assert_eq!(Platform::Ios.error_name(TokenError::TokenExpired), Some("AgoraErrorCodeTokenExpired"));
    /// ```
    #[must_use]
    pub fn error_name(self, error: TokenError) -> Option<&'static str> {
        error.name(self.language())
    }

    /// Where token errors reach the app.
    ///
    /// ```
    /// assert!(agora_token_errors::Platform::Unity.error_callback().contains("OnError"));
    /// ```
    #[must_use]
    pub fn error_callback(self) -> &'static str {
        match self {
            Platform::Ios | Platform::Macos => {
                "rtcEngine:didOccurError: and rtcEngine:connectionChangedToState:reason:"
            }
            Platform::Web => {
                "the rejected Promise of client.join (AgoraRTCError), and the connection-state-change event"
            }
            Platform::Unity => "OnError and OnConnectionStateChanged",
            _ => "onError and onConnectionStateChanged",
        }
    }

    /// The callback or event this platform fires for `event`.
    ///
    /// ```
    /// use agora_token_errors::{Platform, TokenEvent};
    /// assert_eq!(Platform::Unity.event_name(TokenEvent::WillExpire), "OnTokenPrivilegeWillExpire");
    /// ```
    #[must_use]
    pub fn event_name(self, event: TokenEvent) -> &'static str {
        event.name(self)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error `str::parse::<Platform>` returns.
///
/// ```
/// assert!("symbian".parse::<agora_token_errors::Platform>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown platform; expected one of: android, ios, macos, windows, web, unity, cocos, electron, react-native, flutter"
)]
pub struct UnknownPlatform;

/// Parses a platform name in any case, with or without spaces or dashes (`react-native`,
/// `React Native`, `cocos-creator`, `cocos`, `iOS`).
impl FromStr for Platform {
    type Err = UnknownPlatform;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut key = [0u8; 16];
        let mut len = 0;
        for b in s.bytes().filter(u8::is_ascii_alphanumeric) {
            *key.get_mut(len).ok_or(UnknownPlatform)? = b.to_ascii_lowercase();
            len += 1;
        }
        Ok(match &key[..len] {
            b"android" => Platform::Android,
            b"ios" => Platform::Ios,
            b"macos" | b"mac" => Platform::Macos,
            b"windows" | b"win" => Platform::Windows,
            b"web" | b"javascript" | b"js" => Platform::Web,
            b"unity" => Platform::Unity,
            b"cocos" | b"cocoscreator" => Platform::CocosCreator,
            b"electron" => Platform::Electron,
            b"reactnative" | b"rn" => Platform::ReactNative,
            b"flutter" | b"dart" => Platform::Flutter,
            _ => return Err(UnknownPlatform),
        })
    }
}
