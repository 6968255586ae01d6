//! `--token`: decode a token and diagnose it against the join.

use std::fmt::Write as _;
use std::time::SystemTime;

use agora_token_errors::token::{Certainty, Diagnosis, JoinParams, Severity, Token, unix_seconds};
use agora_token_errors::{Locale, Product, TokenError};
use serde_json::Value;

use super::{Answer, Args, Failure};

/// A Unix time in UTC, as the crate shows times (`2023-11-14 22:13:20 UTC`).
pub(crate) fn utc(unix: u64) -> String {
    i64::try_from(unix)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(
            || format!("{unix} (Unix time)"),
            |t| t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        )
}

pub(crate) fn run(args: &Args) -> Result<Answer, Failure> {
    let token = args.token.as_deref().unwrap_or_default();
    let reported = match args.input.as_slice() {
        [] => None,
        words => Some(reported_error(&words.join(" "), args)?),
    };
    let mut out = String::new();
    let Some(app_id) = args.app_id.as_deref() else {
        let d = Diagnosis::of_token(token).with_locale(args.lang);
        describe_token(&mut out, &d, args.lang);
        out.push_str(if args.lang == Locale::Zh {
            "\n（给出 --app-id 和 --channel（或 --rtm-user），以及 --uid 或 --account，即可诊断一次加入）\n"
        } else {
            "\n(give --app-id and --channel (or --rtm-user), and --uid or --account, to diagnose a join)\n"
        });
        return Ok(Answer {
            text: out,
            json: json_of(&d),
            found: d.unreadable().is_some(),
            check: true,
        });
    };
    let join = join_of(args, app_id)?;
    let now = args.now.unwrap_or_else(|| unix_seconds(SystemTime::now()));
    let d = Diagnosis::of(token, &join, now, reported).with_locale(args.lang);
    describe_token(&mut out, &d, args.lang);
    let zh = args.lang == Locale::Zh;
    let (at, channel, rtm_login, comma, no_user) = if zh {
        (
            "加入时间 {} ，App ID",
            "频道",
            "RTM 登录",
            "，",
            "未给出用户（未检查：请传入 --uid 或 --account）",
        )
    } else {
        (
            "join at {}: App ID",
            "channel",
            "RTM login",
            ", ",
            "user not given (not checked: pass --uid or --account)",
        )
    };
    let at = at.replacen("{}", &utc(now), 1).replace(" ，", "，");
    write!(out, "\n{at} {}", join.app_id()).unwrap();
    match join.channel() {
        Some(name) => write!(out, "{comma}{channel} {name:?}").unwrap(),
        None => write!(out, "{comma}{rtm_login}").unwrap(),
    }
    match join.user() {
        Some(user) => writeln!(out, "{comma}{user}").unwrap(),
        None => writeln!(out, "{comma}{no_user}").unwrap(),
    }
    if d.findings().is_empty() {
        out.push_str(if zh {
            "\n离线看不出任何问题。如果加入频道仍然失败，请在声网控制台确认项目已启用 App Certificate、\n它与 Token 服务器使用的一致，并且项目处于激活状态。\n"
        } else {
            "\nnothing wrong can be seen offline. If the join still fails, check in Agora Console that the\nproject's App Certificate is enabled and matches the token server's, and that the project is active.\n"
        });
    }
    for (i, f) in d.findings().iter().enumerate() {
        let likely = f.certainty() == Certainty::Likely;
        let (head, fix) = if zh {
            let severity = match f.severity() {
                Severity::Error => "错误",
                _ => "警告",
            };
            let likely = if likely { "可能的" } else { "" };
            (format!("{likely}{severity}"), "解决方法：")
        } else {
            let likely = if likely { "likely " } else { "" };
            (format!("{likely}{}", f.severity()), "fix: ")
        };
        let e = f.error();
        if zh {
            // The error's own summary, in the join's product's terms.
            let product = if args.rtm_user.is_some() {
                Product::Rtm
            } else {
                Product::Rtc
            };
            let summary = e.texts(product, args.lang).summary();
            write!(out, "\n{}. {head}（{}）：{summary}", i + 1, e.as_str()).unwrap();
        } else {
            write!(out, "\n{}. {head}: {e} ({})", i + 1, e.as_str()).unwrap();
        }
        writeln!(out, "\n   {}\n   {fix}{}", f.message(), f.fix()).unwrap();
    }
    for a in d.advice() {
        writeln!(out, "\n{a}").unwrap();
    }
    let failed = !d.join_looks_right();
    if failed {
        out.push_str(&build_hint(&join, zh));
    }
    Ok(Answer {
        text: out,
        json: json_of(&d),
        found: failed,
        check: true,
    })
}

/// The library's JSON for a diagnosis: the same object the token server answers with.
fn json_of(d: &Diagnosis) -> Value {
    serde_json::to_value(d).expect("a diagnosis serialises to JSON")
}

/// The token's fields, or why it could not be decoded, in the reader's language.
fn describe_token(out: &mut String, d: &Diagnosis, lang: Locale) {
    let zh = lang == Locale::Zh;
    match (d.token(), d.unreadable()) {
        (Some(t), _) => describe(out, t, zh),
        // Why it cannot be decoded is said in Chinese by the finding a join adds.
        (None, Some(e)) if zh => writeln!(out, "Token：无法按原样解码：{e}").unwrap(),
        (None, Some(e)) => writeln!(out, "token: cannot be decoded as given: {e}").unwrap(),
        (None, None) => {}
    }
}

/// The join the arguments describe.
fn join_of(args: &Args, app_id: &str) -> Result<JoinParams, String> {
    let mut join = match (args.channel.as_deref(), args.rtm_user.as_deref()) {
        (_, Some(user)) => JoinParams::rtm(app_id, user),
        (Some(channel), None) => JoinParams::new(app_id, channel),
        (None, None) => {
            return Err(
                "--app-id needs --channel (an RTC join) or --rtm-user (an RTM login)".to_owned(),
            );
        }
    };
    if let Some(uid) = args.uid {
        join = join.with_uid(uid);
    }
    if let Some(account) = args.account.as_deref() {
        join = join.with_account(account);
    }
    if let Some(cert) = args.certificate.as_deref() {
        join = join.with_app_certificate(cert);
    }
    Ok(join)
}

/// The error the client reported: a bare code, read in the code spaces of the join's product
/// (`--space` or `--platform` narrow them) where it must mean one error, or a name or text.
fn reported_error(text: &str, args: &Args) -> Result<TokenError, String> {
    let product = if args.rtm_user.is_some() {
        Product::Rtm
    } else {
        args.product.unwrap_or(Product::Rtc)
    };
    let spaces =
        agora_token_errors::CodeSpace::for_reading(args.space, args.platform, Some(product));
    let report = agora_token_errors::Report::of(text, &spaces, Some(product));
    match report.errors() {
        [e] => Ok(*e),
        _ => Err(format!("the reported error {report}")),
    }
}

/// The words of [`describe`], in English or Chinese.
struct Words {
    head: &'static str,
    lifetime: &'static str,
    service: &'static str,
    channel: &'static str,
    any_user: &'static str,
    user: &'static str,
    privilege: &'static str,
    no_limit: &'static str,
    ends: &'static str,
    permission: &'static str,
    on: &'static str,
    unknown: &'static str,
}

const EN: Words = Words {
    head: "token: ",
    lifetime: "  lifetime: ",
    service: "  service ",
    channel: ", channel ",
    any_user: ", any user (uid 0)",
    user: ", user ",
    privilege: "    privilege ",
    no_limit: "no limit of its own",
    ends: "ends at ",
    permission: "    permission ",
    on: " on ",
    unknown: "  (more services of a type this crate does not know)\n",
};

const ZH: Words = Words {
    head: "Token：",
    lifetime: "  有效期：",
    service: "  服务 ",
    channel: "，频道 ",
    any_user: "，任意用户（uid 0）",
    user: "，用户 ",
    privilege: "    权限 ",
    no_limit: "没有自己的期限",
    ends: "结束于 ",
    permission: "    RTM 权限 ",
    on: "，作用于 ",
    unknown: "  （还有本工具不认识的服务类型）\n",
};

fn describe(out: &mut String, t: &Token, zh: bool) {
    let w = if zh { &ZH } else { &EN };
    if zh {
        write!(
            out,
            "{}{} Token，App ID {}",
            w.head,
            t.version(),
            t.app_id()
        )
        .unwrap();
        if let Some(at) = t.issued_at() {
            write!(out, "，签发于 {}", utc(at)).unwrap();
        }
        writeln!(out, "，过期于 {}", utc(t.expires_at())).unwrap();
    } else {
        writeln!(out, "{}{t}", w.head).unwrap();
    }
    if let Some(lifetime) = t.lifetime() {
        writeln!(out, "{}{lifetime} s", w.lifetime).unwrap();
    }
    for s in t.services() {
        write!(out, "{}{}", w.service, s.kind()).unwrap();
        if let Some(c) = s.channel() {
            write!(out, "{}{c:?}", w.channel).unwrap();
        }
        match s.user() {
            Some("") => out.push_str(w.any_user),
            Some(u) => write!(out, "{}{u:?}", w.user).unwrap(),
            None => {}
        }
        out.push('\n');
        for p in s.privileges() {
            let end = p.expires_at().map_or_else(
                || w.no_limit.to_owned(),
                |e| format!("{}{}", w.ends, utc(e)),
            );
            let name = p.name().unwrap_or("unknown");
            let (open, close, colon) = if zh {
                ("（", "）", "：")
            } else {
                (" (", ")", ": ")
            };
            writeln!(
                out,
                "{}{}{open}{name}{close}{colon}{end}",
                w.privilege,
                p.id()
            )
            .unwrap();
        }
        for g in s
            .rtm_permissions()
            .map(agora_token_errors::token::RtmPermissions::grants)
            .unwrap_or_default()
        {
            let resource = g.resource().map_or("an unknown kind", |r| r.as_str());
            let access = g.access().map_or("unknown access", |a| a.as_str());
            let colon = if zh { "：" } else { ": " };
            writeln!(
                out,
                "{}{access}{}{resource}{colon}{}",
                w.permission,
                w.on,
                g.names().join(", ")
            )
            .unwrap();
        }
    }
    if t.has_unknown_services() {
        out.push_str(w.unknown);
    }
}

/// How to build the token this join needs, with this crate's builder (feature `build`) or
/// Agora's own (npm `agora-token`).
fn build_hint(join: &JoinParams, zh: bool) -> String {
    use agora_token_errors::token::User;
    let user = match join.user() {
        Some(User::Uid(uid)) => format!("User::Uid({uid})"),
        Some(User::Account(a)) => format!("User::Account({a:?}.into())"),
        _ => "User::Uid(/* the uid the client joins with */)".to_owned(),
    };
    let service = match join.channel() {
        Some(channel) => format!(".rtc({channel:?}, {user}, Role::Publisher)"),
        None => match join.user() {
            Some(User::Account(a)) => format!(".rtm({a:?})"),
            _ => ".rtm(/* the user id that logs in */)".to_owned(),
        },
    };
    let code = format!(
        "Token::builder({:?}, app_certificate).expire_in(3600){service}.build()?",
        join.app_id()
    );
    if zh {
        format!(
            "\n要生成这次加入所需的 Token（feature `build`）：\n  {code}\n或者用声网的 npm 包 `agora-token`，严格按这个 App ID、其项目的 App Certificate、频道和用户生成。\n"
        )
    } else {
        format!(
            "\nTo build what the join needs (feature `build`):\n  {code}\nor with Agora's npm `agora-token`, from exactly that App ID, its project's App Certificate, channel and user.\n"
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_shown_in_utc_as_the_library_shows_them() {
        assert_eq!(super::utc(1_700_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(super::utc(0), "1970-01-01 00:00:00 UTC");
        assert!(super::utc(u64::MAX).contains("Unix time"));
    }
}
