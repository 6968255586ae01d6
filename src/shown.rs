//! How much of an access token any output shows: one rule for `Debug`, serde and the command-line
//! tool alike.

use core::fmt;

/// The characters of a token an output may show: enough to tell `007eJx...` from `006...` or a
/// quoted fragment, never enough to use (12 characters carry under 5 bytes of a 007 token's
/// compressed content, a few of its 32-byte signature). Shorter strings show half their characters.
const SHOWN: usize = 12;

/// A token shown by its head only. `Display` writes `007eJxTYBgq...`; `Debug` adds its length,
/// `"007eJxTYBgq..." (171 bytes)`.
pub(crate) struct Shown<'t>(pub(crate) &'t str);

impl Shown<'_> {
    fn head(&self) -> &str {
        let t = self.0;
        let mut end = SHOWN.min(t.len() / 2);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        &t[..end]
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}...", self.head())
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{self}\" ({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::Shown;

    #[test]
    fn a_token_shows_its_head_and_a_short_string_half() {
        let token = "007eJxTYBgqAAAAAAAAAAAAAAAA";
        assert_eq!(Shown(token).to_string(), "007eJxTYBgqA...");
        assert_eq!(
            format!("{:?}", Shown(token)),
            "\"007eJxTYBgqA...\" (27 bytes)"
        );
        assert_eq!(Shown("007eJx").to_string(), "007...");
        assert_eq!(Shown("").to_string(), "...");
        // Never splits a character, never shows the whole of anything.
        assert_eq!(Shown("ééééé").to_string(), "éé...");
        assert_eq!(Shown("é").to_string(), "...");
    }
}
