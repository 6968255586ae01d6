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
    assert_eq!(v["errors"][0]["id"], "invalid_token");
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
