//! Explaining a code, a name, a text or an event name: the answer first (what it is and what to
//! do, then the cause and the fix), the tables of spellings and of other code spaces with
//! `--verbose`.

use std::fmt::Write as _;

use agora_token_errors::{
    CodeSpace, Locale, Platform, Product, Reading, Report, Spelling, TokenError, TokenEvent,
};

use super::{Answer, Args};
use crate::terminal::Style;

/// The answer for a code, a name, a text or an event name: the library's `Report`, printed as
/// text or as its JSON.
pub(crate) fn explain(input: &str, args: &Args, style: Style) -> Answer {
    let platform = args.platform;
    let spaces = CodeSpace::for_reading(args.space, platform, args.product);
    let mut report = Report::of(input, &spaces, args.product).with_locale(args.lang);
    if let Some(p) = platform {
        report = report.with_platform(p);
    }
    let json = serde_json::to_value(&report).unwrap_or_default();
    let answer = |text: String, found: bool| Answer {
        text,
        json: json.clone(),
        found,
        check: false,
    };
    if let Some(l) = report.lookalike() {
        // Not a token error, and what it is: the user learns at least that the token is not it.
        let shown: String = report.input().chars().take(80).collect();
        let headline = if args.lang == Locale::Zh {
            format!("`{shown}` 不是 Token 错误：{}", l.meaning(args.lang))
        } else {
            format!("`{shown}` is not a token error: {}", l.meaning(args.lang))
        };
        let mut text = style.paragraph("", &style.bold(&headline));
        let label = if args.lang == Locale::Zh {
            "请检查"
        } else {
            "check"
        };
        text.push_str(&style.paragraph(label, l.check(args.lang)));
        text.push_str(&style.paragraph("source", l.citation()));
        return answer(text, false);
    }
    let first = match report.reading() {
        Reading::Event(event) => {
            let product = report.product();
            let text = event_text(*event, product, platform, args.lang, style);
            return answer(text, true);
        }
        Reading::Unread => {
            let shown: String = report.input().chars().take(80).collect();
            let text = format!(
                "`{shown}` is neither a code, an Agora token error name, nor a text reporting one\n"
            );
            return answer(text, false);
        }
        // The report's own line: `17 is no token error in native, ...`.
        Reading::Code { .. } if report.errors().is_empty() => {
            return answer(format!("{report}\n"), false);
        }
        Reading::Code { .. } => report.to_string(),
        Reading::Text(m) => {
            let at = match (m.space(), m.code()) {
                (Some(space), Some(code)) => format!(" ({space} {code})"),
                (Some(space), None) => format!(" ({space})"),
                _ => String::new(),
            };
            // The words as the text wrote them (`ret -101`, `错误码：110`), not the catalog's
            // name for the kind of evidence.
            let said: String = report
                .input()
                .get(m.span())
                .unwrap_or(m.matched())
                .chars()
                .take(80)
                .collect();
            format!("`{said}`{at} is {}", m.error().as_str())
        }
        _ => report.to_string(),
    };
    let mut text = String::new();
    for (i, &e) in report.errors().iter().enumerate() {
        let head = if i == 0 {
            first.clone()
        } else {
            format!("\nor {}", e.as_str())
        };
        describe(&mut text, &head, e, &report, args, style);
    }
    if let Reading::Code { code, readings } = report.reading() {
        elsewhere(&mut text, *code, readings, args, style);
    }
    if let Reading::Code { code, readings } = report.reading()
        && args.verbose
    {
        writeln!(
            text,
            "\n{}",
            style.bold(&format!("{code} in each code space:"))
        )
        .unwrap();
        for (space, e) in readings {
            match e {
                Some(e) => writeln!(text, "  {space}: {} ({e})", e.as_str()).unwrap(),
                None => writeln!(text, "  {space}: not a token error").unwrap(),
            }
        }
    }
    answer(text, true)
}

/// A bare code read in several spaces is a token error in some and, in others, something users
/// take for one (`17`: RTM's link-state reason for an expired token, native RTC's refused join):
/// say what it is there too, so that an RTC user is not sent to renew a token.
fn elsewhere(
    out: &mut String,
    code: i32,
    readings: &[(CodeSpace, Option<TokenError>)],
    args: &Args,
    style: Style,
) {
    let others: Vec<CodeSpace> = readings
        .iter()
        .filter(|r| r.1.is_none())
        .map(|r| r.0)
        .collect();
    if others.is_empty() || others.len() == readings.len() {
        return;
    }
    let Some(l) = Report::of(&code.to_string(), &others, None).lookalike() else {
        return;
    };
    let space = l.space().map_or("", CodeSpace::as_str);
    let (label, line) = if args.lang == Locale::Zh {
        (
            "另见",
            format!(
                "在 {space} 中，{code} 不是 Token 错误：{}",
                l.meaning(args.lang)
            ),
        )
    } else {
        (
            "elsewhere",
            format!(
                "in {space}, {code} is not a token error: {}",
                l.meaning(args.lang)
            ),
        )
    };
    out.push_str(&style.paragraph(label, &line));
}

/// One error: what it is and what to do on the first line, then its summary, cause and fix; the
/// platform's names with `--platform`; every spelling and callback with `--verbose`.
fn describe(
    out: &mut String,
    head: &str,
    e: TokenError,
    report: &Report,
    args: &Args,
    style: Style,
) {
    let product = report.product();
    let action = e.action();
    let texts = e.texts(product, args.lang);
    // What to do, in the product's terms and the reader's language: the action's own sentence
    // speaks of RTC's channel; an RTM or Chat client logs in, and a Chinese reader reads Chinese.
    let first = if product == Product::Rtc && args.lang == Locale::En {
        format!("{head}: {action}: {}", action.summary())
    } else {
        format!("{head}: {}", first_sentence(texts.remediation()))
    };
    out.push_str(&style.paragraph("", &style.bold(&first)));
    let [what, fix, cause] = match args.lang {
        Locale::Zh => ["是什么", "怎么改", "原因"],
        _ => ["what", "fix", "cause"],
    };
    out.push_str(&style.paragraph(what, texts.summary()));
    out.push_str(&style.paragraph(fix, texts.remediation()));
    out.push_str(&style.paragraph(cause, texts.cause()));
    let retry = if action.is_retryable() {
        "the app can retry by itself"
    } else {
        "the app cannot fix it by retrying"
    };
    let token = if action.needs_new_token() {
        "needs a new token"
    } else {
        "needs no new token"
    };
    writeln!(out, "{}: {token}; {retry}", style.bold("then")).unwrap();
    if let Some(p) = args.platform {
        on_platform(out, e, p, report, style);
    } else if !args.verbose {
        writeln!(
            out,
            "(--platform NAME for that platform's identifier and callbacks; --verbose for every spelling)"
        )
        .unwrap();
    }
    if args.verbose {
        every_platform(out, e, product, style);
        spellings(out, e, product, style);
    }
}

/// Renew on / rejoin on, as `platform` names them.
fn callbacks(product: Product, p: Platform) -> String {
    let name = |ev: TokenEvent| ev.callback(product, p).unwrap_or("(none named)");
    format!(
        "{} / {}",
        name(TokenEvent::WillExpire),
        name(TokenEvent::DidExpire)
    )
}

fn on_platform(out: &mut String, e: TokenError, p: Platform, report: &Report, style: Style) {
    let product = report.product();
    let identifier = match report.identifier(e) {
        Some(name) => name.to_owned(),
        None => format!("none of its own on {p}"),
    };
    writeln!(out, "{}: {identifier}", style.bold(&format!("on {p}"))).unwrap();
    writeln!(out, "  renew on / rejoin on: {}", callbacks(product, p)).unwrap();
    // The error callback and the surfaces are the RTC SDKs': RTM and Chat print their own texts only.
    if product == Product::Rtc {
        writeln!(out, "  reported through: {}", p.error_callback()).unwrap();
        let surface = if p == Platform::Web {
            e.web_surface()
        } else {
            e.native_surface()
        };
        out.push_str(&style.paragraph("  how it shows", surface));
    }
}

fn every_platform(out: &mut String, e: TokenError, product: Product, style: Style) {
    writeln!(
        out,
        "\n{}",
        style.bold("callbacks to handle (renew 30 s before expiry / rejoin after it):")
    )
    .unwrap();
    for &p in Platform::ALL {
        writeln!(out, "  {:<14} {}", p, callbacks(product, p)).unwrap();
    }
    if product == Product::Rtc {
        out.push_str(&style.paragraph("native SDKs", e.native_surface()));
        out.push_str(&style.paragraph("Web SDK", e.web_surface()));
    }
}

fn spellings(out: &mut String, e: TokenError, product: Product, style: Style) {
    writeln!(out, "\n{}", style.bold(&format!("spellings in {product}:"))).unwrap();
    let (own, others): (Vec<&Spelling>, Vec<&Spelling>) = e
        .spellings()
        .iter()
        .partition(|s| s.space().product() == product);
    for s in own {
        let code = s.code().map_or_else(|| "-".to_owned(), |c| c.to_string());
        writeln!(
            out,
            "  {:<64} {:<12} {:<24} {code}",
            s.identifier(),
            s.language().to_string(),
            s.space().to_string()
        )
        .unwrap();
    }
    let elsewhere: Vec<String> = Product::ALL
        .iter()
        .filter(|&&p| others.iter().any(|s| s.space().product() == p))
        .map(ToString::to_string)
        .collect();
    if !elsewhere.is_empty() {
        let (n, products) = (others.len(), elsewhere.join(" and "));
        writeln!(
            out,
            "  ({n} more in {products}: give --product to see them)"
        )
        .unwrap();
    }
}

fn event_text(
    event: TokenEvent,
    product: Product,
    platform: Option<Platform>,
    lang: Locale,
    style: Style,
) -> String {
    let mut text = String::new();
    let action = event.action();
    let fix = event.remediation(product, lang);
    // The action's sentence speaks of RTC's channel and in English; otherwise the fix below,
    // in the product's terms and the reader's language, says it.
    let first = if product == Product::Rtc && lang == Locale::En {
        format!("{event} is a token event: {action}: {}", action.summary())
    } else {
        format!("{event} is a token event")
    };
    text.push_str(&style.paragraph("", &style.bold(&first)));
    let label = if lang == Locale::Zh {
        "怎么改"
    } else {
        "fix"
    };
    text.push_str(&style.paragraph(label, fix));
    let platforms = platform
        .as_ref()
        .map_or(Platform::ALL, std::slice::from_ref);
    for &p in platforms {
        let cb = event.callback(product, p);
        writeln!(text, "  {p}: {}", cb.unwrap_or("(no named callback)")).unwrap();
    }
    text
}

/// The first sentence of a text, without its final stop (`。` or `.`).
fn first_sentence(text: &str) -> &str {
    let ends = [text.find("。"), text.find(". ")];
    let end = ends.into_iter().flatten().min().unwrap_or(text.len());
    text[..end].trim_end_matches('.')
}
