//! `Report`: what an input means, as one value with one JSON form, for a command-line tool, a
//! token server or a browser package alike.
#![cfg(feature = "std")]

use agora_token_errors::{CodeSpace, Product, Reading, Report, TokenError, TokenEvent};

#[test]
fn every_kind_of_input_is_read_once() {
    let rtc = CodeSpace::of(Product::Rtc);
    let r = Report::of("-110", &[CodeSpace::Native], None);
    assert!(matches!(r.reading(), Reading::Code { code: -110, .. }));
    assert_eq!(r.errors(), [TokenError::InvalidToken]);
    let r = Report::of("RTM_ERROR_TOKEN_EXPIRED", &rtc, None);
    assert_eq!(r.reading().as_str(), "name");
    assert_eq!(
        (r.errors(), r.product()),
        (&[TokenError::TokenExpired][..], Product::Rtm)
    );
    let r = Report::of("onTokenPrivilegeWillExpire", &rtc, None);
    assert_eq!(
        (r.reading().as_str(), r.event()),
        ("event", Some(TokenEvent::WillExpire))
    );
    assert!(r.errors().is_empty());
    let r = Report::of("nothing to see", &rtc, None);
    assert_eq!(r.reading().as_str(), "none");
    // A code that means one error in one space and none in the others.
    let r = Report::of("2", &rtc, None);
    assert_eq!(r.errors(), [TokenError::TokenExpired]);
    // The product given wins over the one the input speaks for.
    assert_eq!(
        Report::of("28", &[CodeSpace::ChatWeb], Some(Product::Rtc)).product(),
        Product::Rtc
    );
    // A long input is kept only in part.
    assert_eq!(
        Report::of(&"x".repeat(1 << 20), &rtc, None).input().len(),
        4096
    );
}

#[test]
fn a_pasted_certificate_or_token_is_kept_by_its_head_only() {
    let rtc = CodeSpace::of(Product::Rtc);
    let cert = "5CFd2fd1755d40ecb72977518be15d3b";
    let r = Report::of(&format!("cert={cert} failed"), &rtc, None);
    assert_eq!(r.input(), "cert=5CFd... failed");
    // Longer or shorter hexadecimal words are not a certificate, and stay.
    let r = Report::of(
        "trace 5CFd2fd1755d40ecb72977518be15d3b0 at 0x7fe77d",
        &rtc,
        None,
    );
    assert!(r.input().contains("5CFd2fd1755d40ecb72977518be15d3b0"));
    // Linear in a long run of words that are neither.
    let long = "ab1 ".repeat(1 << 10);
    assert_eq!(Report::of(&long, &rtc, None).input(), &long[..4096]);
}

#[cfg(feature = "messages")]
#[test]
fn a_text_is_read_with_what_matched() {
    let r = Report::of(
        "Agora-SDK [ERROR]: join failed, error code 110",
        CodeSpace::ALL,
        None,
    );
    let Reading::Text(m) = r.reading() else {
        panic!("{r:?}")
    };
    assert!(m.context().is_some());
    assert_eq!(r.errors(), [TokenError::InvalidToken]);
}

#[cfg(all(feature = "serde", feature = "messages"))]
#[test]
fn a_report_serialises_as_one_object_with_its_kind() {
    let json = |input: &str| serde_json::to_value(Report::of(input, CodeSpace::ALL, None)).unwrap();
    let v = json("ERR_NO_AUTHORIZED");
    assert_eq!(v["kind"], "name");
    assert_eq!(v["product"], "rtc");
    assert_eq!(v["matched"]["spelling"]["space"], "web");
    assert_eq!(v["errors"][0]["error"], "invalid_token");
    assert_eq!(v["errors"][0]["action"], "rebuild_token");
    let v = json("onError: err 109, msg:");
    assert_eq!(v["kind"], "text");
    assert_eq!(v["matched"]["evidence"], "callback");
    let v = json("110");
    assert_eq!(v["kind"], "code");
    assert!(v["matched"]["readings"].as_array().unwrap().len() == CodeSpace::ALL.len());
    assert_eq!(
        json("token-privilege-did-expire")["matched"]["event"],
        "did_expire"
    );
    assert_eq!(json("hello")["kind"], "none");
}

#[cfg(feature = "serde")]
#[test]
fn a_platform_adds_its_space_identifiers_and_callbacks() {
    use agora_token_errors::Platform;
    for &p in Platform::ALL {
        let spaces = CodeSpace::for_reading(None, Some(p), None);
        assert_eq!(spaces, [p.error_space()]);
        let r = Report::of("110", &spaces, None).with_platform(p);
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["platform"]["platform"], p.as_str());
        assert_eq!(v["platform"]["space"], p.error_space().as_str());
        assert_eq!(
            v["platform"]["renew_on"].as_str(),
            TokenEvent::WillExpire.callback(Product::Rtc, p)
        );
        for (i, &e) in r.errors().iter().enumerate() {
            assert_eq!(v["platform"]["identifiers"][i]["error"], e.as_str());
            assert_eq!(
                v["platform"]["identifiers"][i]["identifier"].as_str(),
                e.identifier(Product::Rtc, p.language())
            );
        }
        // An event's callbacks: the platform's only.
        let v = serde_json::to_value(Report::of("onRequestToken", &spaces, None).with_platform(p))
            .unwrap();
        let callbacks = v["matched"]["callbacks"].as_object().unwrap();
        assert_eq!(callbacks.len(), 1);
        assert_eq!(
            callbacks[p.as_str()].as_str(),
            TokenEvent::DidExpire.callback(Product::Rtc, p)
        );
    }
    // Without a platform, an event's callbacks on every platform, and no `platform` field.
    let v = serde_json::to_value(Report::of("onRequestToken", CodeSpace::ALL, None)).unwrap();
    assert_eq!(
        v["matched"]["callbacks"].as_object().unwrap().len(),
        Platform::ALL.len()
    );
    assert!(v.get("platform").is_none());
}

/// A report in RTM's terms names RTM's callbacks, which differ from RTC's on Apple platforms.
#[cfg(feature = "serde")]
#[test]
fn a_product_report_names_that_products_callbacks() {
    use agora_token_errors::{Platform, Product};
    let mut differ = 0;
    for &p in Platform::ALL {
        let r = Report::of(
            "onTokenPrivilegeWillExpire",
            CodeSpace::ALL,
            Some(Product::Rtm),
        )
        .with_platform(p);
        let v = serde_json::to_value(&r).unwrap();
        let rtm = TokenEvent::WillExpire.callback(Product::Rtm, p);
        assert_eq!(v["platform"]["renew_on"].as_str(), rtm, "{p:?}");
        assert_eq!(v["matched"]["callbacks"][p.as_str()].as_str(), rtm, "{p:?}");
        differ += usize::from(rtm != TokenEvent::WillExpire.callback(Product::Rtc, p));
    }
    assert!(
        differ > 0,
        "RTM and RTC callbacks are the same on every platform"
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_product_report_on_a_platform_names_that_products_identifiers() {
    use agora_token_errors::{Language, Platform, Product};
    let mut rtc_elsewhere = 0;
    for &product in Product::ALL {
        for &p in Platform::ALL {
            let spaces = CodeSpace::of(product);
            // The product's invalid-token code, from the catalog: 110, RTM login 5, Chat Web 28...
            let code = spaces
                .iter()
                .find_map(|&s| agora_token_errors::TokenError::InvalidToken.code(s))
                .unwrap()
                .to_string();
            let r = Report::of(&code, &spaces, Some(product)).with_platform(p);
            assert!(!r.errors().is_empty(), "{product} {code}");
            let v = serde_json::to_value(&r).unwrap();
            // The platform's error space is RTC's: said in an RTC report only.
            let space = v["platform"]["space"].as_str();
            if product == Product::Rtc {
                assert_eq!(space, Some(p.error_space().as_str()));
            } else {
                assert_eq!(space, None, "{product} on {p}");
            }
            for (i, &e) in r.errors().iter().enumerate() {
                let shown = v["platform"]["identifiers"][i]["identifier"].as_str();
                assert_eq!(shown, r.identifier(e));
                // The code's own name where this SDK has one (RTM renew 5 is not login 5).
                let number: i32 = code.parse().unwrap();
                let named = |s: &&agora_token_errors::Spelling| {
                    s.space().product() == product && s.language() == p.language()
                };
                if e.spellings()
                    .iter()
                    .filter(named)
                    .any(|s| s.code() == Some(number))
                {
                    assert!(
                        e.spellings()
                            .iter()
                            .filter(named)
                            .any(|s| Some(s.identifier()) == shown && s.code() == Some(number)),
                        "{product} {code} on {p}: {shown:?}"
                    );
                } else {
                    assert_eq!(shown, e.identifier(product, p.language()));
                }
                // Whatever is shown is a spelling of this product in this language.
                if let Some(name) = shown {
                    assert!(
                        e.spellings().iter().any(|s| s.identifier() == name
                            && s.space().product() == product
                            && s.language() == p.language()),
                        "{name} is not {product}'s on {p}"
                    );
                    rtc_elsewhere += usize::from(
                        product != Product::Rtc
                            && e.identifier(Product::Rtc, p.language()) != shown,
                    );
                }
            }
        }
    }
    // RTC's identifier is not what an RTM or Chat app sees (Objective-C: AgoraErrorCodeInvalidToken
    // against AgoraRtmLoginErrorInvalidToken and AgoraChatErrorInvalidToken).
    assert!(rtc_elsewhere > 0);
    assert_eq!(
        agora_token_errors::TokenError::InvalidToken
            .identifier(Product::Chat, Language::ObjectiveC),
        Some("AgoraChatErrorInvalidToken")
    );
}

#[test]
fn a_code_only_one_product_has_is_explained_in_that_products_terms() {
    // Every code that is a token error in one product's spaces alone, read in all spaces.
    for s in agora_token_errors::spellings() {
        let Some(code) = s.code() else { continue };
        let meanings: Vec<Product> = CodeSpace::ALL
            .iter()
            .filter(|sp| TokenError::from_code(**sp, code).is_some())
            .map(|sp| sp.product())
            .collect();
        if meanings.iter().any(|&p| p != s.space().product()) {
            continue;
        }
        let r = Report::of(&code.to_string(), CodeSpace::ALL, None);
        assert_eq!(
            r.product(),
            s.space().product(),
            "{code} ({})",
            s.identifier()
        );
    }
    let r = Report::of("-10005", CodeSpace::ALL, None);
    assert_eq!(r.product(), Product::Rtm);
}

#[test]
fn a_code_on_a_platform_is_named_as_that_platforms_sdk_names_that_code() {
    use agora_token_errors::Platform;
    let mut named = 0;
    for &p in Platform::ALL {
        let space = p.error_space();
        for s in agora_token_errors::spellings() {
            let Some(code) = s.code() else { continue };
            if s.space() != space || s.language() != p.language() {
                continue;
            }
            let r = Report::of(&code.to_string(), &[space], None).with_platform(p);
            let shown = r.identifier(s.error()).unwrap();
            let own = s.error().spellings().iter().any(|x| {
                x.identifier() == shown && x.language() == p.language() && x.code() == Some(code)
            });
            assert!(own, "{p} {code}: {shown}");
            named += 1;
        }
    }
    assert!(named > 20, "{named}");
    let web = Report::of("2", &[CodeSpace::Web], None).with_platform(Platform::Web);
    assert_eq!(
        web.identifier(TokenError::TokenExpired),
        Some("K_TIMESTAMP_EXPIRED")
    );
}

#[test]
fn rtm_and_chat_summaries_speak_of_logging_in_not_joining() {
    for &e in TokenError::ALL {
        for product in [Product::Rtm, Product::Chat] {
            if !e.spellings().iter().any(|s| s.space().product() == product) {
                continue;
            }
            let summary = e
                .texts(product, agora_token_errors::Locale::En)
                .summary()
                .to_lowercase();
            for rtc_word in ["join", "engine"] {
                assert!(!summary.contains(rtc_word), "{e:?} {product}: {summary}");
            }
        }
    }
}

/// A text `from_message` leaves alone and `Report::of` reads as `error`: the report and its match.
#[cfg(feature = "messages")]
fn read_only_as_reported(
    text: &str,
    error: TokenError,
) -> (Report, agora_token_errors::MessageMatch) {
    assert_eq!(TokenError::from_message(text), None, "{text}");
    let r = Report::of(text, CodeSpace::ALL, None);
    assert_eq!(r.errors(), [error], "{text}");
    let Reading::Text(m) = r.reading() else {
        panic!("{r:?}")
    };
    let m = m.clone();
    (r, m)
}

#[cfg(feature = "messages")]
#[test]
fn a_report_that_is_only_a_spelling_anyone_prints_is_read_as_agoras() {
    use agora_token_errors::Support;
    // Given to an Agora tool, a bare `The token is invalid.` can only mean Agora's error; in a
    // log it stays unread, since other software prints it too.
    for (text, error) in [
        ("The token is invalid.", TokenError::InvalidToken),
        ("token 已过期", TokenError::TokenExpired),
        ("“Token 无效”", TokenError::InvalidToken),
        ("  the token expired!  ", TokenError::TokenExpired),
    ] {
        let (r, m) = read_only_as_reported(text, error);
        assert_eq!(m.support(), Support::Reported, "{text}");
        // A spelling anyone prints says nothing of the product.
        assert_eq!(r.product(), Product::Rtc, "{text}");
    }
    // Anything more than the spelling is a text like any other: read only with a sign of Agora.
    for text in [
        "TRTC: token 无效",
        "my token 已过期 again",
        "error 110: Connection timed out",
        "jwt: The token is invalid.",
        // Words that do not name their error say nothing of a token, even alone.
        "Switching roles fails.",
        "Signature verification failed",
    ] {
        let r = Report::of(text, CodeSpace::ALL, None);
        assert!(r.errors().is_empty(), "{text}: {r:?}");
    }
}

#[test]
fn a_negative_code_a_user_reports_a_method_returned_is_the_native_sdks() {
    use agora_token_errors::Support;
    // `initialize` returns -101 for an App ID it refuses: in a report that says so, the number
    // is the native SDK's error code. A log is read as before: no sign of Agora, no match.
    for (text, error) in [
        ("initialize failed: ret -101", TokenError::InvalidAppId),
        ("joinChannel returned -110", TokenError::InvalidToken),
        ("返回-101 初始化失败", TokenError::InvalidAppId),
    ] {
        let (_, m) = read_only_as_reported(text, error);
        assert_eq!(
            (m.support(), m.space(), m.code()),
            (
                Support::Reported,
                Some(CodeSpace::Native),
                Some(error.code(CodeSpace::Native).unwrap())
            ),
            "{text}"
        );
    }
    // A code that is no token error, a positive count, a return word glued to another word, or
    // a socket's system error number: nothing.
    for text in [
        "ret -102",
        "ret 110",
        "secret -110",
        "socket ret -110",
        "ret -110 (Connection timed out)",
    ] {
        let r = Report::of(text, CodeSpace::ALL, None);
        assert!(r.errors().is_empty(), "{text}: {r:?}");
    }
}
