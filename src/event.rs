//! The token lifecycle callbacks: "will expire" and "did expire / request token".

use core::fmt;
use core::str::FromStr;

use crate::space::listed_enum;
use crate::unknown::UnknownName;
use crate::{Action, Platform};

listed_enum! {

/// A token lifecycle event an SDK reports through a callback or event.
///
/// ```
/// use agora_token_errors::{Action, TokenEvent};
///
/// let e = TokenEvent::from_name("rtcEngine:tokenPrivilegeWillExpire:").unwrap();
/// assert_eq!(e, TokenEvent::WillExpire);
/// assert_eq!(e.action(), Action::RenewToken);
/// assert_eq!(TokenEvent::from_name("token-privilege-did-expire"), Some(TokenEvent::DidExpire));
/// assert_eq!(TokenEvent::from_name("onRequestToken").unwrap().action(), Action::RejoinWithNewToken);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum TokenEvent {
    /// The token expires in 30 seconds (every SDK uses this lead time); it still works.
    WillExpire,
    /// The token has expired and the SDK asks for a new one (`onRequestToken`, Web
    /// `token-privilege-did-expire`).
    DidExpire,
}
}

/// The platforms whose 4.x SDKs use the C++ callback names (Java, C++, Dart, TypeScript). Cocos
/// Creator is not among them: its current scripting API does not expose these names, and no
/// source was found for what it does expose.
const CPP_NAMED: &[Platform] = &[
    Platform::Android,
    Platform::Windows,
    Platform::Electron,
    Platform::ReactNative,
    Platform::Flutter,
];

/// Every callback and event name, newest SDK generation first, with where it was read. The first
/// row naming a platform gives [`TokenEvent::callback`] for it.
const NAMES: &[(&str, TokenEvent, &[Platform], &str)] = {
    use Platform::{Electron, Flutter, Ios, Macos, ReactNative, Unity, Web};
    use TokenEvent::{DidExpire, WillExpire};
    &[
        (
            "onTokenPrivilegeWillExpire",
            WillExpire,
            CPP_NAMED,
            "AgoraIO/API-Examples Android/APIExample/agora-stream-encrypt/src/main/cpp/include/agora/IAgoraRtcEngine.h:2909; AgoraIO-Extensions/Agora-Flutter-SDK lib/src/agora_rtc_engine.dart:2316; AgoraIO-Extensions/react-native-agora src/IAgoraRtcEngine.ts:2110",
        ),
        (
            "OnTokenPrivilegeWillExpire",
            WillExpire,
            &[Unity],
            "AgoraIO-Extensions/Agora-C_Sharp-SDK Agora-C_Sharp-RTC-SDK/Code/Rtc/IRtcEngineEventHandler.cs:1219",
        ),
        (
            "rtcEngine:tokenPrivilegeWillExpire:",
            WillExpire,
            &[Ios, Macos],
            "AgoraIO-Extensions/Agora-Flutter-SDK@master integration_test_app/iris_integration_test/third_party/agora/rtc/include/AgoraRtcEngineKit.h:230",
        ),
        (
            "rtcEngine(_:tokenPrivilegeWillExpire:)",
            WillExpire,
            &[Ios, Macos],
            "AgoraIO-Extensions/react-native-agora@3.x ios/RCTAgora/Base/RtcEngineEvent.swift:273",
        ),
        (
            "token-privilege-will-expire",
            WillExpire,
            &[Web],
            "npm:agora-rtc-sdk-ng@4.24.8 rtc-sdk_en.d.ts:2725",
        ),
        (
            "onTokenPrivilegeWillExpire",
            WillExpire,
            &[Web],
            "npm:agora-rtc-sdk@3.6.11 index.d.ts:2879",
        ),
        (
            "tokenPrivilegeWillExpire",
            WillExpire,
            &[Flutter, Electron],
            "AgoraIO-Extensions/Agora-Flutter-SDK@master lib/src/rtc_engine_event_handler.dart:167; AgoraIO-Extensions/Electron-SDK@3.x ts/Api/index.ts:651",
        ),
        (
            "TokenPrivilegeWillExpire",
            WillExpire,
            &[ReactNative],
            "AgoraIO-Extensions/react-native-agora@3.x src/common/RtcEvents.ts:783",
        ),
        (
            "onRequestToken",
            DidExpire,
            CPP_NAMED,
            "AgoraIO/API-Examples Android/APIExample/agora-stream-encrypt/src/main/cpp/include/agora/IAgoraRtcEngine.h:2887; AgoraIO-Extensions/Agora-Flutter-SDK lib/src/agora_rtc_engine.dart:2304; AgoraIO-Extensions/react-native-agora src/IAgoraRtcEngine.ts:2096",
        ),
        (
            "OnRequestToken",
            DidExpire,
            &[Unity],
            "AgoraIO-Extensions/Agora-C_Sharp-SDK Agora-C_Sharp-RTC-SDK/Code/Rtc/IRtcEngineEventHandler.cs:1193",
        ),
        (
            "rtcEngineRequestToken:",
            DidExpire,
            &[Ios, Macos],
            "AgoraIO-Extensions/Agora-Flutter-SDK@master integration_test_app/iris_integration_test/third_party/agora/rtc/include/AgoraRtcEngineKit.h:240",
        ),
        (
            "rtcEngineRequestToken(_:)",
            DidExpire,
            &[Ios, Macos],
            "AgoraIO-Extensions/react-native-agora@3.x ios/RCTAgora/Base/RtcEngineEvent.swift:277",
        ),
        (
            "token-privilege-did-expire",
            DidExpire,
            &[Web],
            "npm:agora-rtc-sdk-ng@4.24.8 rtc-sdk_en.d.ts:2732",
        ),
        (
            "onTokenPrivilegeDidExpire",
            DidExpire,
            &[Web],
            "npm:agora-rtc-sdk@3.6.11 index.d.ts:2893",
        ),
        (
            "requestToken",
            DidExpire,
            &[Flutter, Electron],
            "AgoraIO-Extensions/Agora-Flutter-SDK@master lib/src/rtc_engine_event_handler.dart:176; AgoraIO-Extensions/Electron-SDK@3.x ts/Api/index.ts:601",
        ),
        (
            "RequestToken",
            DidExpire,
            &[ReactNative],
            "AgoraIO-Extensions/react-native-agora@3.x src/common/RtcEvents.ts:794",
        ),
        (
            "requestChannelKey",
            DidExpire,
            &[Electron],
            "AgoraIO-Extensions/Electron-SDK@3.x ts/Api/index.ts:599",
        ),
    ]
};

impl TokenEvent {
    /// The event a callback or event name stands for, from any platform. Case, `on` prefixes
    /// aside, and punctuation (`rtcEngine:tokenPrivilegeWillExpire:`,
    /// `token-privilege-will-expire`, `rtcEngine(_:tokenPrivilegeWillExpire:)`) do not matter.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::TokenEvent::from_name("OnRequestToken"), Some(agora_token_errors::TokenEvent::DidExpire));
    /// assert_eq!("will expire".parse(), Ok(agora_token_errors::TokenEvent::WillExpire));
    /// ```
    ///
    /// `FromStr` takes the same names, and also the `Display` text (`token will expire`) and the
    /// variant name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<TokenEvent> {
        if name.len() > 64 {
            return None;
        }
        let wanted = folded(name);
        NAMES
            .iter()
            .find(|(n, ..)| folded(n).eq(wanted.clone()))
            .map(|&(_, e, ..)| e)
    }

    /// The callback or event to handle on `platform` (its current SDK generation), or `None`
    /// where no source names one.
    ///
    /// ```
    /// use agora_token_errors::{Platform, TokenEvent};
    /// assert_eq!(TokenEvent::DidExpire.callback(Platform::Android), Some("onRequestToken"));
    /// assert_eq!(TokenEvent::DidExpire.callback(Platform::CocosCreator), None);
    /// ```
    #[must_use]
    pub fn callback(&self, platform: Platform) -> Option<&'static str> {
        NAMES
            .iter()
            .find(|(_, e, platforms, _)| e == self && platforms.contains(&platform))
            .map(|(n, ..)| *n)
    }

    /// Every callback and event name, with its event, the platforms that use it and its source.
    ///
    /// ```
    /// assert!(agora_token_errors::TokenEvent::callbacks().any(|(n, ..)| n == "token-privilege-will-expire"));
    /// ```
    pub fn callbacks()
    -> impl Iterator<Item = (&'static str, TokenEvent, &'static [Platform], &'static str)> {
        NAMES.iter().copied()
    }

    /// What to do when it fires: renew in place before expiry, join again after it.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::TokenEvent::DidExpire.action(), agora_token_errors::Action::RejoinWithNewToken);
    /// ```
    #[must_use]
    pub fn action(&self) -> Action {
        match self {
            TokenEvent::WillExpire => Action::RenewToken,
            TokenEvent::DidExpire => Action::RejoinWithNewToken,
        }
    }

    /// Whether handling it needs a new token (always).
    ///
    /// ```
    /// assert!(agora_token_errors::TokenEvent::WillExpire.needs_new_token());
    /// ```
    #[must_use]
    pub fn needs_new_token(&self) -> bool {
        self.action().needs_new_token()
    }

    /// Whether the app can handle it by itself (always).
    ///
    /// ```
    /// assert!(agora_token_errors::TokenEvent::DidExpire.is_retryable());
    /// ```
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.action().is_retryable()
    }

    /// What the handler should do, in a sentence.
    ///
    /// ```
    /// assert!(agora_token_errors::TokenEvent::WillExpire.remediation().contains("renewToken"));
    /// ```
    #[must_use]
    pub fn remediation(&self) -> &'static str {
        match self {
            TokenEvent::WillExpire => {
                "The token expires in 30 seconds: fetch a new one from the token server now and pass it to renewToken; the user stays in the channel."
            }
            TokenEvent::DidExpire => {
                "The token has expired and the SDK has dropped or refused the connection: fetch a new token from the token server and join the channel again with it."
            }
        }
    }
}

/// Parses every name [`TokenEvent::from_name`] accepts, the `Display` text (`token did
/// expire`, also without `token`) and the variant name.
impl FromStr for TokenEvent {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TokenEvent::from_name(s)
            .or_else(|| {
                let texts = TokenEvent::ALL.iter().flat_map(|&e| {
                    let display = match e {
                        TokenEvent::WillExpire => {
                            ["token will expire", "will expire", "WillExpire"]
                        }
                        TokenEvent::DidExpire => ["token did expire", "did expire", "DidExpire"],
                    };
                    display.map(|d| (d, e))
                });
                crate::unknown::parse_keyed(s, texts, "").ok()
            })
            .ok_or_else(|| UnknownName::new(s, "a token event or callback name"))
    }
}

impl fmt::Display for TokenEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenEvent::WillExpire => "token will expire",
            TokenEvent::DidExpire => "token did expire",
        })
    }
}

/// `name` lower-cased, without punctuation and without a leading `on`.
fn folded(name: &str) -> impl Iterator<Item = u8> + Clone + '_ {
    let bytes = name.as_bytes();
    let bytes = match bytes {
        [b'o' | b'O', b'n' | b'N', next, ..] if next.is_ascii_uppercase() || *next == b'_' => {
            &bytes[2..]
        }
        _ => bytes,
    };
    bytes
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
}
