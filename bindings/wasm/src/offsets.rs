//! Byte offsets into UTF-8 as UTF-16 code-unit offsets, the unit of JavaScript's
//! `String.prototype.slice`: all of a scan's offsets converted in one pass over the text.

/// Maps each of `offsets` (byte offsets on char boundaries of `text`) to its UTF-16 offset.
/// One walk over `text` up to the largest offset, plus a sort of the offsets.
pub(crate) struct Utf16Offsets {
    /// (byte offset, UTF-16 offset), sorted by byte offset, each once.
    pairs: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    pub(crate) fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Utf16Offsets {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut pairs = Vec::with_capacity(wanted.len());
        let mut wanted = wanted.into_iter().peekable();
        let mut units = 0;
        for (at, c) in text.char_indices() {
            while let Some(w) = wanted.next_if(|&w| w <= at) {
                pairs.push((w, units));
            }
            if wanted.peek().is_none() {
                break;
            }
            units += c.len_utf16();
        }
        // Offsets at the end of the text: the walk ran to the end, so `units` is its length.
        pairs.extend(wanted.map(|w| (w, units)));
        Utf16Offsets { pairs }
    }

    /// The UTF-16 offset of byte offset `at` (which must have been given to `new`).
    pub(crate) fn get(&self, at: usize) -> usize {
        match self.pairs.binary_search_by_key(&at, |p| p.0) {
            Ok(i) => self.pairs[i].1,
            Err(_) => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Offsets;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "é token 😀 end";
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let map = Utf16Offsets::new(text, bytes.iter().copied());
        for &b in &bytes {
            let expected: usize = text[..b].encode_utf16().count();
            assert_eq!(map.get(b), expected, "byte offset {b}");
        }
    }
}
