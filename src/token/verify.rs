//! Signature checks (feature `verify`): HMAC-SHA256 as Agora's builders compute it, compared in
//! constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{JoinParams, Token, Version};

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length.
    HmacSha256::new_from_slice(key).expect("HMAC accepts any key length")
}

impl Token {
    /// Whether the token was signed with `app_certificate`.
    ///
    /// A 007 signature covers everything the token carries. A 006 signature also covers the
    /// channel and user, which the token holds only as CRC-32s: this returns `false` for 006;
    /// use [`Token::verify_with`].
    #[must_use]
    pub fn verify(&self, app_certificate: &str) -> bool {
        match self.version {
            Version::V007 => {
                let issued = u32::try_from(self.issued_at.unwrap_or(0)).unwrap_or(0);
                let mut k = mac(&issued.to_le_bytes());
                k.update(app_certificate.as_bytes());
                let k1 = k.finalize().into_bytes();
                let mut k = mac(&self.salt.to_le_bytes());
                k.update(&k1);
                let k2 = k.finalize().into_bytes();
                let mut m = mac(&k2);
                m.update(&self.signed);
                m.verify_slice(&self.signature).is_ok()
            }
            Version::V006 => false,
        }
    }

    /// Whether the token was signed with `app_certificate` for `join`'s App ID, channel and
    /// user. For 007 this is [`Token::verify`] (its signature covers the fields it carries in
    /// clear; compare those with [`Token::diagnose`]); for 006 the signature itself proves them.
    #[must_use]
    pub fn verify_with(&self, app_certificate: &str, join: &JoinParams) -> bool {
        match self.version {
            Version::V007 => self.verify(app_certificate),
            Version::V006 => {
                let mut m = mac(app_certificate.as_bytes());
                m.update(self.app_id.as_bytes());
                m.update(join.channel().as_bytes());
                m.update(join.user().as_token_text().as_bytes());
                m.update(&self.signed);
                m.verify_slice(&self.signature).is_ok()
            }
        }
    }
}
