//! Signature checks (feature `verify`): HMAC-SHA256 as Agora's builders compute it, compared in
//! constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{JoinParams, ServiceKind, Token, Version};

type HmacSha256 = Hmac<Sha256>;

crate::space::listed_enum! {
/// The outcome of a signature check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Verification {
    /// The token was signed with this App Certificate.
    Valid = "valid",
    /// It was not: another certificate signed it, or it was altered.
    Invalid = "invalid",
    /// It cannot be told from the token alone: a 006 signature also covers the channel name and
    /// user, which the token holds only as CRC-32s. Use [`Token::verify_with`] and the join.
    NeedsJoin = "needs_join",
}
}

impl Verification {
    /// Its meaning in a few words (`valid`, `needs the join`).
    #[must_use]
    pub(crate) fn label(self) -> &'static str {
        match self {
            Verification::Valid => "valid",
            Verification::Invalid => "invalid",
            Verification::NeedsJoin => "needs the join",
        }
    }
}

crate::space::labelled!(
    Verification,
    |v| v.label(),
    "a verification: \"valid\", \"invalid\" or \"needs_join\""
);

/// `Valid` or `Invalid`, as a signature compare came out.
fn proven(valid: bool) -> Verification {
    if valid {
        Verification::Valid
    } else {
        Verification::Invalid
    }
}

pub(super) fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length.
    HmacSha256::new_from_slice(key).expect("HMAC accepts any key length")
}

/// The 007 signing key: HMAC(issue time, certificate), then HMAC(salt, that).
pub(super) fn key_007(app_certificate: &str, issued: u32, salt: u32) -> [u8; 32] {
    let mut k = mac(&issued.to_le_bytes());
    k.update(app_certificate.as_bytes());
    let k1 = k.finalize().into_bytes();
    let mut k = mac(&salt.to_le_bytes());
    k.update(&k1);
    k.finalize().into_bytes().into()
}

impl Token {
    /// Whether the token was signed with `app_certificate`.
    ///
    /// A 007 signature covers everything the token carries: the answer is
    /// [`Verification::Valid`] or [`Verification::Invalid`]. A 006 signature also covers the
    /// channel and user, which the token holds only as CRC-32s, so for 006 the answer is
    /// [`Verification::NeedsJoin`]: use [`Token::verify_with`].
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "verify")))]
    pub fn verify(&self, app_certificate: &str) -> Verification {
        // Else 006: a parsed token is never one of the retired versions.
        if self.version != Version::V007 {
            return Verification::NeedsJoin;
        }
        let issued = u32::try_from(self.issued_at.unwrap_or(0)).unwrap_or(0);
        let mut m = mac(&key_007(app_certificate, issued, self.salt));
        m.update(&self.signed);
        proven(m.verify_slice(&self.signature).is_ok())
    }

    /// Whether the token was signed with `app_certificate` for `join`'s App ID, channel and
    /// user. For 007 this is [`Token::verify`] (its signature covers the fields it carries in
    /// clear; compare those with [`Diagnosis::of`](crate::token::Diagnosis::of)); for 006 the signature itself proves them,
    /// and [`Verification::NeedsJoin`] remains only when the join does not say its user and the
    /// token is not for uid 0.
    #[must_use]
    #[cfg_attr(docsrs, doc(cfg(feature = "verify")))]
    pub fn verify_with(&self, app_certificate: &str, join: &JoinParams) -> Verification {
        if self.version == Version::V007 {
            return self.verify(app_certificate);
        }
        // 006 (a parsed token is never one of the retired versions). Its RTM tokens sign the
        // user id in the channel's place, with an empty uid.
        let (channel, uid) = match (join.service(), join.user(), join.channel()) {
            (ServiceKind::Rtm, Some(user), _) => (user.as_token_text(), String::new()),
            (_, Some(user), Some(channel)) => (channel.to_owned(), user.as_token_text()),
            (_, None, Some(channel)) if self.crc_uid == Some(0) => {
                (channel.to_owned(), String::new())
            }
            _ => return Verification::NeedsJoin,
        };
        let mut m = mac(app_certificate.as_bytes());
        m.update(self.app_id.as_bytes());
        m.update(channel.as_bytes());
        m.update(uid.as_bytes());
        m.update(&self.signed);
        proven(m.verify_slice(&self.signature).is_ok())
    }
}
