//! The ten platforms Agora's RTC SDKs ship for, and how each reports token errors.

use core::fmt;
use core::str::FromStr;

use crate::space::listed_enum;
use crate::unknown::parse_keyed;
use crate::{CodeSpace, Language, UnknownName};

listed_enum! {

/// A platform an Agora RTC SDK runs on.
///
/// ```
/// use agora_token_errors::{CodeSpace, Platform, Product, TokenError, TokenEvent};
///
/// let p: Platform = "flutter".parse().unwrap();
/// assert_eq!(p.error_space(), CodeSpace::Native);
/// assert_eq!(TokenError::InvalidToken.identifier(Product::Rtc, p.language()), Some("ErrorCodeType.errInvalidToken"));
/// assert_eq!(TokenEvent::WillExpire.callback(Product::Rtc, p), Some("onTokenPrivilegeWillExpire"));
/// assert_eq!(TokenEvent::DidExpire.callback(Product::Rtc, Platform::Web), Some("token-privilege-did-expire"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Platform {
    /// Android (Java or Kotlin).
    Android = "android",
    /// iOS (Objective-C or Swift).
    Ios = "ios",
    /// macOS (Objective-C or Swift).
    Macos = "macos",
    /// Windows (C++).
    Windows = "windows",
    /// Web browsers (the Web SDK, JavaScript).
    Web = "web",
    /// Unity (C#).
    Unity = "unity",
    /// Cocos Creator (scripts over the native SDK, which reports the native codes).
    CocosCreator = "cocos_creator",
    /// Electron (TypeScript).
    Electron = "electron",
    /// React Native (TypeScript).
    ReactNative = "react_native",
    /// Flutter (Dart).
    Flutter = "flutter",
}
}

impl Platform {
    /// How people write its name (what `Display` prints).
    ///
    /// ```
    /// assert_eq!(agora_token_errors::Platform::ReactNative.to_string(), "React Native");
    /// ```
    #[must_use]
    pub(crate) fn label(self) -> &'static str {
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
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Parses a platform name in any case, with or without spaces or dashes (`react-native`,
/// `React Native`, `cocos-creator`, `cocos`, `iOS`), or a short form (`rn`, `js`, `mac`, `win`).
///
/// ```
/// use agora_token_errors::Platform;
/// assert_eq!("React Native".parse::<Platform>(), Ok(Platform::ReactNative));
/// assert!("symbian".parse::<Platform>().is_err());
/// ```
impl FromStr for Platform {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(p) = Platform::from_as_str(s) {
            return Ok(p);
        }
        let labels = Platform::ALL.iter().map(|&p| (p.label(), p));
        let short = [
            ("mac", Platform::Macos),
            ("win", Platform::Windows),
            ("javascript", Platform::Web),
            ("js", Platform::Web),
            ("cocos", Platform::CocosCreator),
            ("rn", Platform::ReactNative),
            ("dart", Platform::Flutter),
        ];
        parse_keyed(
            s,
            labels.chain(short),
            "a platform (android, ios, macos, windows, web, unity, cocos, electron, react-native, flutter)",
        )
    }
}
