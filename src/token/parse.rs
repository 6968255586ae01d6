//! Decoding 006 and 007 tokens (layouts: AgoraIO/Tools `DynamicKey/AgoraDynamicKey`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use std::cell::RefCell;

use flate2::{Decompress, FlushDecompress, Status};

use super::error::Field;
use super::model::privilege;
use super::permissions::{RtmGrant, RtmPermissions};
use super::{
    Damage, MAX_CONTENT_LEN, MAX_TOKEN_LEN, Privilege, Service, ServiceKind, Token,
    TokenParseError, Version, repair,
};

type Result<T> = core::result::Result<T, TokenParseError>;

/// 006 puts the App ID in clear after the version.
use super::repair::APP_ID_LEN;

pub(super) fn parse(token: &str) -> Result<Token> {
    if token.is_empty() {
        return Err(TokenParseError::Empty);
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenParseError::TooLong {
            len: token.len(),
            max: MAX_TOKEN_LEN,
        });
    }
    if let Some(seen) = repair::first(token) {
        return Err(TokenParseError::Damaged {
            damage: seen.damage,
            position: seen.position,
        });
    }
    match decode(token) {
        // A body whose length is not a multiple of four either lost its padding or was cut
        // short: padding it tells which.
        Err(TokenParseError::Truncated(Field::Body))
            if repair::padded(token).is_some_and(|t| decode(&t).is_ok()) =>
        {
            Err(TokenParseError::Damaged {
                damage: Damage::PaddingRemoved,
                position: token.len(),
            })
        }
        other => other,
    }
}

/// Decodes an undamaged token.
fn decode(token: &str) -> Result<Token> {
    match token.get(..3) {
        Some("007") => parse_007(&token[3..]),
        Some("006") => parse_006(&token[3..]),
        Some("003") => Err(TokenParseError::Obsolete(Version::DynamicKey3)),
        Some("004") => Err(TokenParseError::Obsolete(Version::DynamicKey4)),
        Some("005") => Err(TokenParseError::Obsolete(Version::DynamicKey5)),
        _ if token.starts_with("1:") => Err(TokenParseError::Obsolete(Version::Signaling)),
        _ => Err(TokenParseError::UnknownVersion {
            prefix: token.chars().take(3).flat_map(char::escape_debug).collect(),
        }),
    }
}

/// Decodes the base64 body that starts at byte `offset` of the token.
fn decode_base64(body: &str, offset: usize) -> Result<Vec<u8>> {
    let bytes = body.as_bytes();
    // The decoder accepts exactly what the checks below accept (the standard alphabet, canonical
    // padding only at the end); only a body it refuses pays for finding what is wrong and where.
    if let Ok(decoded) = STANDARD.decode(bytes) {
        return Ok(decoded);
    }
    let is_base64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/');
    // Padding may only end the body.
    let data = bytes.len() - bytes.iter().rev().take_while(|&&b| b == b'=').count();
    if let Some(i) = bytes[..data].iter().position(|&b| !is_base64(b)) {
        return Err(TokenParseError::InvalidCharacter {
            character: body[i..].chars().next().unwrap_or('?'),
            position: offset + i,
        });
    }
    if bytes.len() % 4 != 0 || bytes.len() - data > 2 {
        return Err(TokenParseError::Truncated(Field::Body));
    }
    STANDARD
        .decode(bytes)
        .map_err(|_| TokenParseError::Truncated(Field::Body))
}

fn parse_007(body: &str) -> Result<Token> {
    let compressed = decode_base64(body, 3)?;
    let (content, consumed) = inflate(&compressed)?;
    if consumed < compressed.len() {
        // Bytes after the zlib stream: at about this character of the token.
        return Err(trailing(3 + consumed * 4 / 3));
    }
    let mut r = Reader(&content);
    let signature = signature(r.bytes(Field::Signature)?)?;
    let signed = r.0.to_vec();
    let app_id = r.string(Field::AppId)?;
    let issued_at = r.u32(Field::IssueTime)?;
    let lifetime = r.u32(Field::Expiry)?;
    let salt = r.u32(Field::Salt)?;
    let count = r.u16(Field::ServiceCount)?;
    let mut services = Vec::new();
    let mut unknown_services = false;
    for _ in 0..count {
        let Some(kind) = ServiceKind::from_type(r.u16(Field::ServiceType)?) else {
            // As Agora's parsers do: a newer service type ends decoding without failing it.
            unknown_services = true;
            break;
        };
        let issued = u64::from(issued_at);
        let privileges = r.privileges(kind, Version::V007, |v| {
            (v != 0).then(|| issued + u64::from(v))
        })?;
        let mut permissions = None;
        let (channel, user) = match kind {
            ServiceKind::Rtc | ServiceKind::Streaming | ServiceKind::Fcdn => (
                Some(r.string(Field::Channel)?),
                Some(r.string(Field::User)?),
            ),
            ServiceKind::Rtm | ServiceKind::Chat => (None, Some(r.string(Field::User)?)),
            ServiceKind::Apaas => {
                let room = r.string(Field::Channel)?;
                let user = r.string(Field::User)?;
                r.u16(Field::Role)?;
                (Some(room), Some(user))
            }
            ServiceKind::Rtm2 => {
                let user = r.string(Field::User)?;
                permissions = Some(r.rtm2_permissions()?);
                (None, Some(user))
            }
            ServiceKind::Fpa | ServiceKind::ConvoAi | ServiceKind::Stt => (None, None),
        };
        services.push(Service {
            kind,
            privileges,
            channel,
            user,
            permissions,
        });
    }
    if !unknown_services && !r.0.is_empty() {
        // Bytes after the last service the content declares.
        return Err(trailing(3 + body.len()));
    }
    Ok(Token {
        version: Version::V007,
        app_id,
        issued_at: Some(u64::from(issued_at)),
        lifetime: Some(lifetime),
        expiry: u64::from(issued_at) + u64::from(lifetime),
        salt,
        services,
        crc_channel: None,
        crc_uid: None,
        unknown_services,
        signature,
        signed,
    })
}

/// Data after a 007 token's end, first seen about `position` bytes into the token.
fn trailing(position: usize) -> TokenParseError {
    TokenParseError::Damaged {
        damage: Damage::TrailingData,
        position,
    }
}

/// Inflates a zlib stream into at most `MAX_CONTENT_LEN` bytes: the buffer starts small and
/// grows only while the stream still has output, so a bomb stops at the limit.
///
/// The inflater is kept per thread and reset for each token: setting one up zeroes its window,
/// which costs more than inflating a token's few hundred bytes.
fn inflate(compressed: &[u8]) -> Result<(Vec<u8>, usize)> {
    thread_local! {
        static INFLATE: RefCell<Decompress> = RefCell::new(Decompress::new(true));
    }
    INFLATE.with(|z| {
        let mut z = z.borrow_mut();
        z.reset(true);
        inflate_with(&mut z, compressed)
    })
}

fn inflate_with(z: &mut Decompress, compressed: &[u8]) -> Result<(Vec<u8>, usize)> {
    let mut out = Vec::with_capacity(1024);
    loop {
        let consumed =
            usize::try_from(z.total_in()).map_or(compressed.len(), |n| n.min(compressed.len()));
        let produced = out.len();
        let status = z
            .decompress_vec(&compressed[consumed..], &mut out, FlushDecompress::Finish)
            .map_err(|_| TokenParseError::Inflate)?;
        if status == Status::StreamEnd {
            let used =
                usize::try_from(z.total_in()).map_or(compressed.len(), |n| n.min(compressed.len()));
            return Ok((out, used));
        }
        if out.len() < out.capacity() {
            // Room was left, yet the stream did not end: the input ran out.
            if out.len() == produced
                || usize::try_from(z.total_in()).is_ok_and(|n| n >= compressed.len())
            {
                return Err(TokenParseError::Truncated(Field::Body));
            }
            continue;
        }
        if out.len() >= MAX_CONTENT_LEN {
            return Err(TokenParseError::TooLarge {
                limit: MAX_CONTENT_LEN,
            });
        }
        out.reserve_exact((out.capacity() * 2).min(MAX_CONTENT_LEN) - out.len());
    }
}

fn parse_006(rest: &str) -> Result<Token> {
    let app_id = rest
        .get(..APP_ID_LEN)
        .ok_or(TokenParseError::Truncated(Field::AppId))?;
    let content = decode_base64(&rest[APP_ID_LEN..], 3 + APP_ID_LEN)?;
    let mut r = Reader(&content);
    let signature = signature(r.bytes(Field::Signature)?)?;
    let crc_channel = r.u32(Field::ChannelCrc)?;
    let crc_uid = r.u32(Field::UserCrc)?;
    let message = r.bytes(Field::Message)?;
    let mut m = Reader(message);
    let salt = m.u32(Field::Salt)?;
    let expires_at = m.u32(Field::Expiry)?;
    // The RTM builder signs only the login privilege; everything else is an RTC token.
    let mut privileges = m.privileges(ServiceKind::Rtc, Version::V006, |v| {
        (v != 0).then_some(u64::from(v))
    })?;
    let rtm = privileges.iter().any(|p| p.id == privilege::RTM_LOGIN_006)
        && !privileges.iter().any(|p| p.id == privilege::JOIN_CHANNEL);
    let kind = if rtm {
        ServiceKind::Rtm
    } else {
        ServiceKind::Rtc
    };
    for p in &mut privileges {
        p.label = kind.privilege_label(p.id, Version::V006);
    }
    Ok(Token {
        version: Version::V006,
        app_id: app_id.to_owned(),
        issued_at: None,
        lifetime: None,
        expiry: u64::from(expires_at),
        salt,
        services: vec![Service {
            kind,
            privileges,
            channel: None,
            user: None,
            permissions: None,
        }],
        crc_channel: Some(crc_channel),
        crc_uid: Some(crc_uid),
        unknown_services: false,
        signature,
        signed: message.to_vec(),
    })
}

fn signature(bytes: &[u8]) -> Result<[u8; 32]> {
    bytes
        .try_into()
        .map_err(|_| TokenParseError::SignatureLength(bytes.len()))
}

/// Little-endian reads with bounds checks; every length is checked against what is left before
/// anything is allocated.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: Field) -> Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(TokenParseError::Truncated(what));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }

    fn u16(&mut self, what: Field) -> Result<u16> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: Field) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn bytes(&mut self, what: Field) -> Result<&'a [u8]> {
        let len = self.u16(what)?;
        self.take(usize::from(len), what)
    }

    fn string(&mut self, what: Field) -> Result<String> {
        let bytes = self.bytes(what)?;
        core::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| TokenParseError::NotText(what))
    }

    /// A `map<u16, u32>` of privileges, with each value turned into an absolute expiry.
    fn privileges(
        &mut self,
        kind: ServiceKind,
        version: Version,
        expires_at: impl Fn(u32) -> Option<u64>,
    ) -> Result<Vec<Privilege>> {
        let count = usize::from(self.u16(Field::Privileges)?);
        if self.0.len() < count * 6 {
            return Err(TokenParseError::Truncated(Field::Privileges));
        }
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let id = self.u16(Field::Privileges)?;
            let raw = self.u32(Field::Privileges)?;
            out.push(Privilege {
                id,
                label: kind.privilege_label(id, version),
                raw,
                expires_at: expires_at(raw),
            });
        }
        Ok(out)
    }

    /// RTM 2 resource permissions: for each resource kind, each access and its names.
    fn rtm2_permissions(&mut self) -> Result<RtmPermissions> {
        let mut grants = Vec::new();
        for _ in 0..self.u16(Field::Permissions)? {
            let resource = self.u16(Field::Permissions)?;
            for _ in 0..self.u16(Field::Permissions)? {
                let access = self.u16(Field::Permissions)?;
                let count = self.u16(Field::Permissions)?;
                // Each name takes two bytes at least: a count past the rest is a cut token.
                if self.0.len() < usize::from(count) * 2 {
                    return Err(TokenParseError::Truncated(Field::Permissions));
                }
                let mut names = Vec::with_capacity(usize::from(count));
                for _ in 0..count {
                    names.push(self.string(Field::Permissions)?);
                }
                grants.push(RtmGrant {
                    resource,
                    access,
                    names,
                });
            }
        }
        Ok(RtmPermissions { grants })
    }
}
