//! `catalog/event-texts.md`: what to do when a token event fires, per event and product, in
//! every language the crate writes. Checked complete here; written as an `event_texts!` call.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::tables::{check_source, read, table};

const EVENTS: [&str; 2] = ["WillExpire", "DidExpire"];
const PRODUCTS: [&str; 3] = ["Rtc", "Rtm", "Chat"];

/// Reads and checks the table, then writes its rows.
pub(crate) fn emit(out: &mut String) {
    let rows = table(&read("catalog/event-texts.md"), "event-texts.md", 5);
    let mut seen = BTreeSet::new();
    out.push_str("event_texts! {\n");
    for (line, c) in &rows {
        let at = format!("event-texts.md:{line}");
        assert!(
            EVENTS.contains(&c[0].as_str()),
            "{at}: the event is WillExpire or DidExpire"
        );
        assert!(
            PRODUCTS.contains(&c[1].as_str()),
            "{at}: the product is Rtc, Rtm or Chat"
        );
        assert!(
            seen.insert((c[0].clone(), c[1].clone())),
            "{at}: {} of {} is written twice",
            c[0],
            c[1]
        );
        assert!(
            c[2].len() > 30
                && c[3]
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{at}: the text is written in English (`en`) and in Chinese (`zh`)"
        );
        check_source(&c[4], &at);
        writeln!(out, "    {}, {}, {:?}, {:?};", c[0], c[1], c[2], c[3]).unwrap();
    }
    out.push_str("}\n\n");
    for event in EVENTS {
        for product in PRODUCTS {
            assert!(
                seen.contains(&(event.to_owned(), product.to_owned())),
                "event-texts.md: no row for {event} in {product}"
            );
        }
    }
}
