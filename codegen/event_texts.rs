//! `catalog/event-texts.md`: what to do when a token event fires, per event and product, in
//! every language the crate writes. Checked complete here; written as an `event_texts!` call.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::model::Catalog;
use crate::tables::{check_source, read, table};

/// Reads and checks the table, then writes its rows: one per event of `events.md` and product
/// of `spaces.md`.
pub(crate) fn emit(out: &mut String, c: &Catalog) {
    let events: BTreeSet<&str> = c.events.iter().map(|e| e.event.as_str()).collect();
    let products: BTreeSet<&str> = c.spaces.iter().map(|s| s.product.as_str()).collect();
    let rows = table(&read("catalog/event-texts.md"), "event-texts.md", 5);
    let mut seen = BTreeSet::new();
    out.push_str("event_texts! {\n");
    for (line, row) in &rows {
        let at = format!("event-texts.md:{line}");
        let (event, product, en, zh) = (&row[0], &row[1], &row[2], &row[3]);
        assert!(
            events.contains(event.as_str()),
            "{at}: no event `{event}` in events.md"
        );
        assert!(
            products.contains(product.as_str()),
            "{at}: no product `{product}` in spaces.md"
        );
        assert!(
            seen.insert((event.clone(), product.clone())),
            "{at}: {event} of {product} is written twice"
        );
        assert!(
            en.len() > 30 && zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{at}: the text is written in English (`en`) and in Chinese (`zh`)"
        );
        check_source(&row[4], &at);
        writeln!(out, "    {event}, {product}, {en:?}, {zh:?};").unwrap();
    }
    out.push_str("}\n\n");
    for event in &events {
        for product in &products {
            assert!(
                seen.contains(&((*event).to_owned(), (*product).to_owned())),
                "event-texts.md: no row for {event} in {product}"
            );
        }
    }
}
