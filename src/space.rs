//! The code spaces numbers live in, and the languages identifiers are spelt in.

/// Where an error number comes from. The same number means different things in different
/// spaces: native 2 is `ERR_INVALID_ARGUMENT`, Web 2 is `K_TIMESTAMP_EXPIRED`.
///
/// ```
/// use agora_token_errors::{CodeSpace, TokenError};
///
/// assert_eq!(TokenError::from_code(CodeSpace::Native, 2), None);
/// assert_eq!(TokenError::from_code(CodeSpace::Web, 2), Some(TokenError::TokenExpired));
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumIter,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::Display,
)]
#[non_exhaustive]
pub enum CodeSpace {
    /// The native `ERROR_CODE_TYPE`: `onError` and negated method returns on Android, iOS,
    /// macOS, Windows, Unity, Electron, React Native, Flutter and Cocos.
    Native,
    /// The Web SDK's gateway codes (2, 101/2013, 109, 110, 118, 119, 120, 2024, ...).
    Web,
    /// The Web SDK's access-point codes (service × 10000 + reason: 2010005, 2010009, ...).
    WebAccessPoint,
    /// The native `CONNECTION_CHANGED_REASON_TYPE` passed to `onConnectionStateChanged`.
    ConnectionChangedReason,
    /// The native `RENEW_TOKEN_ERROR_CODE` passed to `onRenewTokenResult` (SDK 4.6 and later).
    RenewTokenResult,
}

impl CodeSpace {
    /// Every code space.
    ///
    /// ```
    /// assert_eq!(agora_token_errors::CodeSpace::ALL.len(), 5);
    /// ```
    pub const ALL: &'static [CodeSpace] = <CodeSpace as strum::VariantArray>::VARIANTS;
}

/// A language an SDK family writes its identifiers in.
///
/// ```
/// use agora_token_errors::{Language, TokenError};
///
/// assert_eq!(TokenError::InvalidToken.name(Language::ObjectiveC), Some("AgoraErrorCodeInvalidToken"));
/// assert_eq!(TokenError::InvalidToken.name(Language::JavaScript), Some("ERR_NO_AUTHORIZED"));
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumIter,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::Display,
)]
#[non_exhaustive]
pub enum Language {
    /// Java (Android `io.agora.rtc.Constants`, `io.agora.rtc2.Constants`).
    Java,
    /// C++ (Windows, macOS, Linux and the headers under every native SDK).
    #[strum(to_string = "C++")]
    Cpp,
    /// C# (Unity and the C# SDK).
    #[strum(to_string = "C#")]
    CSharp,
    /// Objective-C (iOS and macOS).
    #[strum(to_string = "Objective-C")]
    ObjectiveC,
    /// Swift's import of the Objective-C enums.
    Swift,
    /// JavaScript (the Web SDK 3.x and 4.x).
    JavaScript,
    /// TypeScript (React Native and Electron wrappers).
    TypeScript,
    /// Dart (the Flutter wrapper).
    Dart,
}

impl Language {
    /// Every language.
    ///
    /// ```
    /// assert!(agora_token_errors::Language::ALL.contains(&agora_token_errors::Language::Dart));
    /// ```
    pub const ALL: &'static [Language] = <Language as strum::VariantArray>::VARIANTS;
}
