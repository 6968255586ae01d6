//! How an access token starts in a text, for `scan` (feature `messages`) and `repair` (feature
//! `token`) alike.

/// `007`, then the base64 of the zlib header its content is compressed under: `e` for the first
/// byte (`0x78`, deflate with a 32 KiB window), then a letter for the compression level the
/// builder chose, `A` (levels 0-1), `F` (2-5), `J` (6, zlib's default, which Agora's builders
/// use) or `N` (7-9). zlib's header check (RFC 1950: `0x78 << 8 | FLG` a multiple of 31) allows
/// no other second byte without a preset dictionary, which no builder uses.
pub(crate) const STARTS_007: [&str; 4] = ["007eA", "007eF", "007eJ", "007eN"];
