//! `explain` split across two builds, for the debugger page: its `explain` build has no phrase
//! tables (they are its log scanner's, in the other build), so an error text is read there
//! (`matchMessage`) and its report written here (`explainMatch`), the same report `explain`
//! writes with both (checked below against the library's `Report::of`).

use agora_token_errors::{Locale, Platform, Product, Report, TokenError};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::{ExplainOptions, string_argument, to_js, type_error};

/// The report `explain(input, options)` gives where the input is an error text, from what the
/// other build's `matchMessage(input)` read in it (`matched`, its JSON text).
///
/// # Errors
///
/// A `TypeError` when `input` or `matched` is not a string, `matched` is not a match of
/// `matchMessage`, or an option is wrong (as `explain`).
#[wasm_bindgen(js_name = explainMatch, unchecked_return_type = "Report")]
pub fn explain_match(
    #[wasm_bindgen(unchecked_param_type = "string")] input: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] matched: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExplainOptions | undefined")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let input = string_argument(input, "input")?;
    let matched = js_sys::JSON::parse(&string_argument(matched, "matched")?)?;
    let field = |key: &str| {
        Reflect::get(&matched, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let error = field("error").ok_or_else(|| type_error("matched has no error"))?;
    // A spelling anyone prints, read because a user reported it, says nothing of the product.
    let own = field("product").filter(|_| field("support").as_deref() != Some("reported"));
    let o = ExplainOptions::of(options)?;
    let (report, kept) = report_of_match(
        &input,
        &error,
        own.as_deref(),
        o.product,
        o.platform,
        o.lang,
    )
    .map_err(|e| type_error(format!("matched: {e}")))?;
    // Written by the library's serde, then read as a text: the match as it was given.
    let value = to_js(&report)?;
    Reflect::set(&value, &"kind".into(), &"text".into())?;
    Reflect::set(&value, &"input".into(), &kept.into())?;
    Reflect::set(&value, &"matched".into(), &matched)?;
    Ok(value)
}

/// What `Report::of` writes for a text it read as a match of `error` (its id, as a match
/// serialises it) in `own` product: the report of that error in the product asked for, else
/// the match's, else RTC's; and the input as a report keeps it (cut, trimmed). As a text, its
/// `kind` is `text`, its `input` that and its `matched` the match.
pub(crate) fn report_of_match(
    input: &str,
    error: &str,
    own: Option<&str>,
    product: Option<Product>,
    platform: Option<Platform>,
    lang: Locale,
) -> Result<(Report, String), String> {
    let error: TokenError = error.parse().map_err(|e| format!("{e}"))?;
    let own = match own {
        Some(p) => Some(p.parse::<Product>().map_err(|e| format!("{e}"))?),
        None => None,
    };
    let product = product.or(own).unwrap_or(Product::Rtc);
    let mut report = Report::of(error.as_str(), &[], Some(product)).with_locale(lang);
    if let Some(p) = platform {
        report = report.with_platform(p);
    }
    let kept = Report::of(input, &[], Some(product)).input().to_owned();
    Ok((report, kept))
}

#[cfg(all(test, feature = "messages"))]
mod tests {
    use agora_token_errors::{CodeSpace, Locale, Platform, Product, Report, TokenError};

    use super::report_of_match;

    /// Every text of the crate's corpora read as a token error text: the report written from its
    /// match is `Report::of`'s, in products, platforms and both languages.
    #[test]
    fn a_match_writes_the_report_of_the_text() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/");
        let mut texts = 0;
        for file in ["messages.tsv", "products-texts.tsv", "sdk-texts.tsv"] {
            let corpus = std::fs::read(format!("{root}{file}")).unwrap();
            let corpus = String::from_utf8_lossy(&corpus);
            for line in corpus.lines().filter(|l| !l.starts_with('#')) {
                let Some(text) = line.splitn(3, '\t').nth(2) else {
                    continue;
                };
                let Some(m) = TokenError::match_report(text) else {
                    continue;
                };
                let m = serde_json::to_value(m).unwrap();
                let field = |key: &str| m.get(key).and_then(serde_json::Value::as_str);
                let own = field("product").filter(|_| field("support") != Some("reported"));
                for (product, platform, lang) in [
                    (None, None, Locale::En),
                    (Some(Product::Rtm), None, Locale::Zh),
                    (Some(Product::Chat), Some(Platform::Web), Locale::En),
                    (None, Some(Platform::Android), Locale::Zh),
                ] {
                    let spaces = CodeSpace::for_reading(None, platform, product);
                    let mut want = Report::of(text, &spaces, product).with_locale(lang);
                    if let Some(p) = platform {
                        want = want.with_platform(p);
                    }
                    let want = serde_json::to_value(&want).unwrap();
                    // A code, a name or an event is read before a text, by `explain` alone.
                    if want["kind"] != "text" {
                        continue;
                    }
                    let (report, kept) = report_of_match(
                        text,
                        field("error").unwrap(),
                        own,
                        product,
                        platform,
                        lang,
                    )
                    .unwrap();
                    let mut got = serde_json::to_value(&report).unwrap();
                    got["kind"] = "text".into();
                    got["input"] = kept.into();
                    got["matched"] = m.clone();
                    assert_eq!(got, want, "{text}");
                }
                texts += usize::from(
                    Report::of(text, CodeSpace::ALL, None).reading().as_str() == "text",
                );
            }
        }
        assert!(texts > 100, "{texts} texts read");
    }
}
