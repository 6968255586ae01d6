//! The token lifecycle callbacks: "will expire" and "did expire / request token".

use core::fmt;
use core::str::FromStr;

use crate::space::listed_enum;
use crate::unknown::UnknownName;
use crate::{Action, Platform, Product};

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
    /// The token is about to expire and still works: 30 seconds ahead in the RTC and RTM SDKs,
    /// at 80% of its validity in Agora Chat.
    WillExpire,
    /// The token has expired and the SDK asks for a new one (`onRequestToken`, Web
    /// `token-privilege-did-expire`).
    DidExpire,
}
}

/// One callback or event name of one product's SDK, with the event it reports, the platforms
/// that use it and where it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Callback {
    name: &'static str,
    event: TokenEvent,
    product: Product,
    platforms: &'static [Platform],
    source: &'static str,
}

impl Callback {
    /// The callback or event name as the SDK spells it.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The event it reports.
    #[must_use]
    pub fn event(&self) -> TokenEvent {
        self.event
    }

    /// The product whose SDK fires it.
    #[must_use]
    pub fn product(&self) -> Product {
        self.product
    }

    /// The platforms whose SDK fires it under this name.
    #[must_use]
    pub fn platforms(&self) -> &'static [Platform] {
        self.platforms
    }

    /// Where it was read: repository or package, path and line.
    #[must_use]
    pub fn source(&self) -> &'static str {
        self.source
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

/// Every callback and event name, RTC first, each product's newest SDK generation first, with
/// where it was read. The first row naming a product and platform gives
/// [`TokenEvent::callback_for`] for them.
const NAMES: &[Callback] = {
    use Platform::{Android, Electron, Flutter, Ios, Macos, ReactNative, Unity, Web, Windows};
    use Product::{Chat, Rtc, Rtm};
    use TokenEvent::{DidExpire, WillExpire};
    &[
        Callback {
            name: "onTokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtc,
            platforms: CPP_NAMED,
            source: "AgoraIO/API-Examples Android/APIExample/agora-stream-encrypt/src/main/cpp/include/agora/IAgoraRtcEngine.h:2909; AgoraIO-Extensions/Agora-Flutter-SDK lib/src/agora_rtc_engine.dart:2316; AgoraIO-Extensions/react-native-agora src/IAgoraRtcEngine.ts:2110",
        },
        Callback {
            name: "OnTokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtc,
            platforms: &[Unity],
            source: "AgoraIO-Extensions/Agora-C_Sharp-SDK Agora-C_Sharp-RTC-SDK/Code/Rtc/IRtcEngineEventHandler.cs:1219",
        },
        Callback {
            name: "rtcEngine:tokenPrivilegeWillExpire:",
            event: WillExpire,
            product: Rtc,
            platforms: &[Ios, Macos],
            source: "AgoraIO-Extensions/Agora-Flutter-SDK@master integration_test_app/iris_integration_test/third_party/agora/rtc/include/AgoraRtcEngineKit.h:230",
        },
        Callback {
            name: "rtcEngine(_:tokenPrivilegeWillExpire:)",
            event: WillExpire,
            product: Rtc,
            platforms: &[Ios, Macos],
            source: "AgoraIO-Extensions/react-native-agora@3.x ios/RCTAgora/Base/RtcEngineEvent.swift:273",
        },
        Callback {
            name: "token-privilege-will-expire",
            event: WillExpire,
            product: Rtc,
            platforms: &[Web],
            source: "npm:agora-rtc-sdk-ng@4.24.8 rtc-sdk_en.d.ts:2725",
        },
        Callback {
            name: "onTokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtc,
            platforms: &[Web],
            source: "npm:agora-rtc-sdk@3.6.11 index.d.ts:2879",
        },
        Callback {
            name: "tokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtc,
            platforms: &[Flutter, Electron],
            source: "AgoraIO-Extensions/Agora-Flutter-SDK@master lib/src/rtc_engine_event_handler.dart:167; AgoraIO-Extensions/Electron-SDK@3.x ts/Api/index.ts:651",
        },
        Callback {
            name: "TokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtc,
            platforms: &[ReactNative],
            source: "AgoraIO-Extensions/react-native-agora@3.x src/common/RtcEvents.ts:783",
        },
        Callback {
            name: "onRequestToken",
            event: DidExpire,
            product: Rtc,
            platforms: CPP_NAMED,
            source: "AgoraIO/API-Examples Android/APIExample/agora-stream-encrypt/src/main/cpp/include/agora/IAgoraRtcEngine.h:2887; AgoraIO-Extensions/Agora-Flutter-SDK lib/src/agora_rtc_engine.dart:2304; AgoraIO-Extensions/react-native-agora src/IAgoraRtcEngine.ts:2096",
        },
        Callback {
            name: "OnRequestToken",
            event: DidExpire,
            product: Rtc,
            platforms: &[Unity],
            source: "AgoraIO-Extensions/Agora-C_Sharp-SDK Agora-C_Sharp-RTC-SDK/Code/Rtc/IRtcEngineEventHandler.cs:1193",
        },
        Callback {
            name: "rtcEngineRequestToken:",
            event: DidExpire,
            product: Rtc,
            platforms: &[Ios, Macos],
            source: "AgoraIO-Extensions/Agora-Flutter-SDK@master integration_test_app/iris_integration_test/third_party/agora/rtc/include/AgoraRtcEngineKit.h:240",
        },
        Callback {
            name: "rtcEngineRequestToken(_:)",
            event: DidExpire,
            product: Rtc,
            platforms: &[Ios, Macos],
            source: "AgoraIO-Extensions/react-native-agora@3.x ios/RCTAgora/Base/RtcEngineEvent.swift:277",
        },
        Callback {
            name: "token-privilege-did-expire",
            event: DidExpire,
            product: Rtc,
            platforms: &[Web],
            source: "npm:agora-rtc-sdk-ng@4.24.8 rtc-sdk_en.d.ts:2732",
        },
        Callback {
            name: "onTokenPrivilegeDidExpire",
            event: DidExpire,
            product: Rtc,
            platforms: &[Web],
            source: "npm:agora-rtc-sdk@3.6.11 index.d.ts:2893",
        },
        Callback {
            name: "requestToken",
            event: DidExpire,
            product: Rtc,
            platforms: &[Flutter, Electron],
            source: "AgoraIO-Extensions/Agora-Flutter-SDK@master lib/src/rtc_engine_event_handler.dart:176; AgoraIO-Extensions/Electron-SDK@3.x ts/Api/index.ts:601",
        },
        Callback {
            name: "RequestToken",
            event: DidExpire,
            product: Rtc,
            platforms: &[ReactNative],
            source: "AgoraIO-Extensions/react-native-agora@3.x src/common/RtcEvents.ts:794",
        },
        Callback {
            name: "requestChannelKey",
            event: DidExpire,
            product: Rtc,
            platforms: &[Electron],
            source: "AgoraIO-Extensions/Electron-SDK@3.x ts/Api/index.ts:599",
        },
        Callback {
            name: "onTokenExpired",
            event: DidExpire,
            product: Rtm,
            platforms: &[Windows, Android, Flutter],
            source: "AgoraIO/RTM Agora-RTM-Tutorial-Linux/include/IAgoraRtmService.h:533; AgoraIO/RTM Agora-RTM-Tutorial-Android/app/src/main/java/io/agora/rtmtutorial/ChatManager.java:55; AgoraIO-Extensions/Agora-Flutter-RTM-SDK@master lib/src/agora_rtm_client.dart:37 (RTM 1.x)",
        },
        Callback {
            name: "onTokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtm,
            platforms: &[Android, Windows, Flutter],
            source: "AgoraIO/RTM Agora-RTM-Tutorial-Android/app/src/main/java/io/agora/rtmtutorial/ChatManager.java:60 (RTM 1.x); netless-io/flat-iOS Flat/Vendor/rtm_v2.2.1/libs/AgoraRtmKit.xcframework/ios-arm64_armv7/AgoraRtmKit.framework/Headers/IAgoraRtmClient.h:649 (RTM 2.x); AgoraIO-Extensions/Agora-Flutter-RTM-SDK lib/src/bindings/gen/agora_rtm_client.dart:99",
        },
        Callback {
            name: "rtmKitTokenPrivilegeWillExpire:",
            event: WillExpire,
            product: Rtm,
            platforms: &[Ios, Macos],
            source: "AgoraIO-Extensions/Agora-Flutter-RTM-SDK@master ios/Classes/RTMClient.swift:77 (RTM 1.x)",
        },
        Callback {
            name: "rtmKitTokenDidExpire:",
            event: DidExpire,
            product: Rtm,
            platforms: &[Ios, Macos],
            source: "AgoraIO-Extensions/Agora-Flutter-RTM-SDK@master ios/Classes/RTMClient.swift:73 (RTM 1.x)",
        },
        Callback {
            name: "rtmKit:tokenPrivilegeWillExpire:",
            event: WillExpire,
            product: Rtm,
            platforms: &[Ios, Macos],
            source: "netless-io/flat-iOS Flat/Vendor/rtm_v2.2.1/libs/AgoraRtmKit.xcframework/ios-arm64_armv7/AgoraRtmKit.framework/Headers/AgoraRtmClientKit.h:71 (RTM 2.x)",
        },
        Callback {
            name: "OnTokenExpired",
            event: DidExpire,
            product: Rtm,
            platforms: &[Unity],
            source: "AgoraIO-Community/Agora-Unity-RTM-SDK API-Example/Assets/RTM-Engine/Rtm-Scripts/RtmClientEventHandler.cs:49 (RTM 1.x)",
        },
        Callback {
            name: "tokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtm,
            platforms: &[Web, ReactNative],
            source: "npm:agora-rtm-sdk@2.3.0 agora-rtm.d.ts:1613; AgoraIO-Extensions/agora-react-native-rtm src/api/RTMEvents.ts:16 (RTM 2.x)",
        },
        Callback {
            name: "TokenPrivilegeWillExpire",
            event: WillExpire,
            product: Rtm,
            platforms: &[Web],
            source: "npm:agora-rtm-sdk@1.5.1 index.d.ts:699 (RTM 1.x)",
        },
        Callback {
            name: "TokenExpired",
            event: DidExpire,
            product: Rtm,
            platforms: &[Web, ReactNative],
            source: "npm:agora-rtm-sdk@1.5.1 index.d.ts:687; AgoraIO/agora-react-native-rtm src/RtmEngine.ts:193 (RTM 1.x)",
        },
        Callback {
            name: "onTokenWillExpire",
            event: WillExpire,
            product: Chat,
            platforms: &[Web, Android, ReactNative, Flutter],
            source: "npm:agora-chat@1.4.0 types/eventHandler.d.ts:350; AgoraIO/Agora-Chat-API-Examples Chat-Android/app/src/main/java/io/agora/agorachatquickstart/MainActivity.java:99; npm:react-native-agora-chat@1.3.5 src/ChatEvents.ts:344",
        },
        Callback {
            name: "onTokenExpired",
            event: DidExpire,
            product: Chat,
            platforms: &[Web, Android],
            source: "npm:agora-chat@1.4.0 types/eventHandler.d.ts:352; AgoraIO/Agora-Chat-API-Examples Chat-Android/app/src/main/java/io/agora/agorachatquickstart/MainActivity.java:94",
        },
        Callback {
            name: "onTokenDidExpire",
            event: DidExpire,
            product: Chat,
            platforms: &[ReactNative, Flutter],
            source: "npm:react-native-agora-chat@1.3.5 src/ChatEvents.ts:349; api-ref.agora.io/en/chat-sdk/flutter/1.x/agora_chat_sdk/ConnectionEventHandler/onTokenDidExpire.html",
        },
        Callback {
            name: "tokenWillExpire:",
            event: WillExpire,
            product: Chat,
            platforms: &[Ios, Macos],
            source: "AgoraIO/Agora-Chat-API-Examples Chat-iOS/AgoraChatAPIExample/AgoraChatAPIExample/ApiExample/AgoraChatApiExampleViewController.m:651",
        },
        Callback {
            name: "tokenDidExpire:",
            event: DidExpire,
            product: Chat,
            platforms: &[Ios, Macos],
            source: "AgoraIO/Agora-Chat-API-Examples Chat-iOS/AgoraChatAPIExample/AgoraChatAPIExample/ApiExample/AgoraChatApiExampleViewController.m:684",
        },
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
            .find(|c| folded(c.name).eq(wanted.clone()))
            .map(|c| c.event)
    }

    /// The RTC callback or event to handle on `platform` (its current SDK generation), or
    /// `None` where no source names one.
    ///
    /// ```
    /// use agora_token_errors::{Platform, TokenEvent};
    /// assert_eq!(TokenEvent::DidExpire.callback(Platform::Android), Some("onRequestToken"));
    /// assert_eq!(TokenEvent::DidExpire.callback(Platform::CocosCreator), None);
    /// ```
    #[must_use]
    pub fn callback(&self, platform: Platform) -> Option<&'static str> {
        self.callback_for(Product::Rtc, platform)
    }

    /// The callback or event `product`'s SDK fires for this event on `platform`, or `None`
    /// where no source names one.
    ///
    /// ```
    /// use agora_token_errors::{Platform, Product, TokenEvent};
    /// assert_eq!(TokenEvent::DidExpire.callback_for(Product::Rtm, Platform::Android), Some("onTokenExpired"));
    /// assert_eq!(TokenEvent::WillExpire.callback_for(Product::Chat, Platform::Web), Some("onTokenWillExpire"));
    /// ```
    #[must_use]
    pub fn callback_for(&self, product: Product, platform: Platform) -> Option<&'static str> {
        NAMES
            .iter()
            .find(|c| c.event == *self && c.product == product && c.platforms.contains(&platform))
            .map(|c| c.name)
    }

    /// Every callback and event name, with its event, product, platforms and source.
    ///
    /// ```
    /// use agora_token_errors::{Product, TokenEvent};
    /// assert!(TokenEvent::callbacks().any(|c| c.name() == "token-privilege-will-expire"));
    /// assert!(TokenEvent::callbacks().any(|c| c.product() == Product::Chat));
    /// ```
    pub fn callbacks() -> impl Iterator<Item = &'static Callback> {
        NAMES.iter()
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
