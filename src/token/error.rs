//! Why a string is not a usable token. Messages describe the input; they never repeat it.

use core::fmt;

use super::text::{Text, after_zh, tr};
use crate::Locale;

crate::space::listed_enum! {
/// How a token was damaged on its way to the client (copy-paste, URL handling, JSON encoding,
/// logging). Every kind can be undone; [`Diagnosis::of`](super::Diagnosis::of) names it, undoes it and
/// diagnoses the repaired token. `ALL` lists them in the order `diagnose` undoes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Damage {
    /// Whitespace or a line break before the token.
    LeadingWhitespace = "leading_whitespace",
    /// Whitespace or a line break after the token (often a trailing newline from a file or shell).
    TrailingWhitespace = "trailing_whitespace",
    /// Quotes around the token (a JSON string or a shell argument pasted whole).
    Quoted = "quoted",
    /// JSON string escapes left in: `\/` for `/`, `\u002B` for `+` (some JSON encoders escape
    /// these), `\n`.
    JsonEscaped = "json_escaped",
    /// Percent-encoding such as `%2B`, `%2F` or `%3D` (the token was URL-encoded, possibly twice,
    /// and not decoded).
    UrlEncoded = "url_encoded",
    /// A space inside the token where base64 had a `+` (a query string decoded as a form).
    SpaceForPlus = "space_for_plus",
    /// Line breaks or tabs inside the token (wrapped by a terminal, an editor or an e-mail).
    LineBreaks = "line_breaks",
    /// Invisible characters inside or around the token: zero-width spaces, a byte-order mark,
    /// no-break spaces (copied from a web page or a chat message).
    InvisibleCharacters = "invisible_characters",
    /// The URL-safe base64 alphabet (`-`, `_`) where Agora uses `+` and `/`.
    UrlSafeAlphabet = "url_safe_alphabet",
    /// The `=` padding at the end of the base64 was dropped.
    PaddingRemoved = "padding_removed",
    /// A label or wrapper around the token: `Bearer `, `token=`, `Authorization: `, a JSON
    /// object (`{"token":"..."}`) or a query string.
    Wrapped = "wrapped",
    /// The token pasted twice (or two tokens joined).
    Repeated = "repeated",
    /// Characters after the token's `=` padding, where a token ends.
    TrailingCharacters = "trailing_characters",
    /// The token shortened for display: its head, then `...` or `…` where the rest was (as logs,
    /// issue reports and this crate's own output show a token). The rest is not there to repair.
    Elided = "elided",
    /// Data after the token's end: bytes after its compressed content, or after the last
    /// service its content declares. Agora's parsers ignore them, so a token with anything glued
    /// to it would read (and verify) as the token without it.
    TrailingData = "trailing_data",
}
}

impl Damage {
    /// What happened, in a few words (what `Display` prints).
    ///
    /// ```
    /// use agora_token_errors::token::Damage;
    /// assert!(Damage::JsonEscaped.to_string().contains(r"\/"));
    /// ```
    #[must_use]
    pub(crate) fn label(self) -> &'static str {
        self.texts().0.en
    }

    /// How to stop it happening.
    #[must_use]
    pub fn fix(self) -> &'static str {
        self.texts().1.en
    }

    /// What happened (its label) and how to stop it happening (its fix), in every language.
    #[allow(clippy::too_many_lines)] // A table: one arm per kind of damage.
    pub(crate) fn texts(self) -> (Text<&'static str>, Text<&'static str>) {
        match self {
            Damage::LeadingWhitespace => (
                tr!(
                    en: "whitespace before the token",
                    zh: "Token 前面有空白字符",
                ),
                tr!(
                    en: "Trim the token where it is read (file, environment variable, HTTP body) before passing it to the SDK.",
                    zh: "在读取 Token 的地方（文件、环境变量、HTTP 响应体）先去掉首尾的空白，再传给 SDK。",
                ),
            ),
            Damage::TrailingWhitespace => (
                tr!(
                    en: "whitespace or a newline after the token",
                    zh: "Token 后面有空白字符或换行",
                ),
                tr!(
                    en: "Trim the token where it is read (file, environment variable, HTTP body) before passing it to the SDK.",
                    zh: "在读取 Token 的地方（文件、环境变量、HTTP 响应体）先去掉首尾的空白，再传给 SDK。",
                ),
            ),
            Damage::Quoted => (
                tr!(
                    en: "quotes around the token",
                    zh: "Token 两端带着引号",
                ),
                tr!(
                    en: "Pass the token's value, not its JSON or shell representation with quotes.",
                    zh: "传入 Token 的值本身，而不是它在 JSON 或 shell 中带引号的写法。",
                ),
            ),
            Damage::JsonEscaped => (
                tr!(
                    en: r"JSON escapes left in the token (`\/` for `/`, `\u002B` for `+`)",
                    zh: r"Token 中残留了 JSON 转义（`\/` 代替 `/`，`\u002B` 代替 `+`）",
                ),
                tr!(
                    en: "Parse the JSON the token arrived in with a JSON parser and pass the resulting string; do not cut the token out of the raw JSON text.",
                    zh: "用 JSON 解析器解析承载 Token 的 JSON，传入解析得到的字符串；不要从原始 JSON 文本里截取 Token。",
                ),
            ),
            Damage::UrlEncoded => (
                tr!(
                    en: "URL percent-encoding left in the token (`%2B`, `%2F`, `%3D`)",
                    zh: "Token 中残留了 URL 百分号编码（`%2B`、`%2F`、`%3D`）",
                ),
                tr!(
                    en: "Decode the token once where it arrives percent-encoded, or stop encoding it on the way (and never twice).",
                    zh: "在 Token 以百分号编码的形式到达的地方解码一次，或者在传递途中不再对它编码（更不要编码两次）。",
                ),
            ),
            Damage::SpaceForPlus => (
                tr!(
                    en: "a space where the token had a `+`",
                    zh: "Token 中原本的 `+` 变成了空格",
                ),
                tr!(
                    en: "The token went through a query string or form decoding that turned `+` into a space: send it in a JSON body or header, or percent-encode it (`+` as `%2B`) when it must travel in a URL.",
                    zh: "Token 经过了查询字符串或表单解码，`+` 被转成了空格：请放在 JSON 请求体或请求头中传递；必须放在 URL 中时，先做百分号编码（`+` 写作 `%2B`）。",
                ),
            ),
            Damage::LineBreaks => (
                tr!(
                    en: "line breaks inside the token",
                    zh: "Token 中间有换行",
                ),
                tr!(
                    en: "Pass the token on one line; do not wrap it (check copy-paste from terminals, e-mail and editors).",
                    zh: "在一行内传入 Token，不要折行（检查从终端、邮件和编辑器里复制粘贴的内容）。",
                ),
            ),
            Damage::InvisibleCharacters => (
                tr!(
                    en: "invisible characters (zero-width space, byte-order mark, no-break space)",
                    zh: "不可见字符（零宽空格、字节顺序标记 BOM、不换行空格）",
                ),
                tr!(
                    en: "Copy the token from its source as plain text, or strip zero-width and no-break spaces and byte-order marks where it is read.",
                    zh: "从源头以纯文本复制 Token，或在读取处去掉零宽空格、不换行空格和字节顺序标记。",
                ),
            ),
            Damage::UrlSafeAlphabet => (
                tr!(
                    en: "URL-safe base64 (`-`, `_`) instead of `+` and `/`",
                    zh: "用了 URL 安全的 base64 字符（`-`、`_`），而不是 `+` 和 `/`",
                ),
                tr!(
                    en: "Pass the token exactly as the builder returned it; do not convert it to URL-safe base64.",
                    zh: "按生成方法返回的原样传入 Token，不要把它转换成 URL 安全的 base64。",
                ),
            ),
            Damage::PaddingRemoved => (
                tr!(
                    en: "the `=` padding at its end was dropped",
                    zh: "末尾的 `=` 填充被去掉了",
                ),
                tr!(
                    en: "Keep the token whole, including the `=` at its end; do not strip padding.",
                    zh: "保持 Token 完整，包括末尾的 `=`，不要去掉填充。",
                ),
            ),
            Damage::Wrapped => (
                tr!(
                    en: "a label or wrapper around the token (`Bearer `, `token=`, a JSON object or query string)",
                    zh: "Token 外面还包着标签或其他内容（`Bearer `、`token=`、JSON 对象或查询字符串）",
                ),
                tr!(
                    en: "Pass the SDK the token's value alone: take it out of the header, query parameter or JSON field it arrived in.",
                    zh: "只把 Token 的值传给 SDK：先从它所在的请求头、查询参数或 JSON 字段中取出来。",
                ),
            ),
            Damage::Repeated => (
                tr!(
                    en: "the token pasted twice, or two tokens joined",
                    zh: "Token 被粘贴了两次，或两个 Token 被拼在了一起",
                ),
                tr!(
                    en: "Pass one token, once: check for a paste done twice or two values concatenated.",
                    zh: "只传一个 Token，且只传一次：检查是否粘贴了两次，或把两个值拼在了一起。",
                ),
            ),
            Damage::TrailingCharacters => (
                tr!(
                    en: "characters after the `=` that ends the token",
                    zh: "Token 结尾的 `=` 之后还有字符",
                ),
                tr!(
                    en: "Cut the token where it ends, at its last `=`: check for text glued after it.",
                    zh: "在 Token 的结尾，即最后一个 `=` 处截断：检查是否有文本粘在它后面。",
                ),
            ),
            Damage::Elided => (
                tr!(
                    en: "the token shortened for display: its first characters, then `...` or `…` where the rest was cut off",
                    zh: "为了显示而缩短的 Token：只有开头的字符，其余部分被截去，换成了 `...` 或 `…`",
                ),
                tr!(
                    en: "This is a token as a log or a report shows it, by its head only: take the whole token from where it was built or received (the token server's response, the app's variable), not from a log line or a screenshot.",
                    zh: "这是日志或报告中只显示开头部分的 Token：请从生成或接收它的地方（Token 服务器的响应、应用中的变量）取得完整的 Token，而不是从日志行或截图中复制。",
                ),
            ),
            Damage::TrailingData => (
                tr!(
                    en: "data after the token's end (after its compressed content, or after the services it declares)",
                    zh: "Token 结尾之后还有数据（在压缩内容之后，或在它声明的服务之后）",
                ),
                tr!(
                    en: "Pass the token exactly as the builder returned it: something was appended to it on the way (or it was altered), and Agora's servers may read it differently from what was signed.",
                    zh: "按生成方法返回的原样传入 Token：它在途中被追加了内容（或被改动过），声网服务器读到的可能与签名时的内容不同。",
                ),
            ),
        }
    }
}

crate::space::labelled!(
    Damage,
    |d| d.label(),
    "a kind of damage such as \"quoted\" or \"space_for_plus\""
);

crate::space::listed_enum! {
/// A field of a token's content: named where decoding fails, and where the builder refuses an
/// input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// The base64 (or, for 007, compressed) body as a whole.
    Body = "body",
    /// The App ID (006 carries it in clear after the version).
    AppId = "app_id",
    /// The HMAC-SHA256 signature.
    Signature = "signature",
    /// The 006 CRC-32 of the channel name.
    ChannelCrc = "channel_crc",
    /// The 006 CRC-32 of the user.
    UserCrc = "user_crc",
    /// The 006 signed message.
    Message = "message",
    /// The 007 issue time.
    IssueTime = "issue_time",
    /// The token's expiry (007: lifetime; 006: Unix time).
    Expiry = "expiry",
    /// The random salt.
    Salt = "salt",
    /// The number of services.
    ServiceCount = "service_count",
    /// A service's type.
    ServiceType = "service_type",
    /// A service's privilege map.
    Privileges = "privileges",
    /// A service's channel (or room) name.
    Channel = "channel",
    /// A service's user (uid, account or user id).
    User = "user",
    /// A Flexible Classroom role.
    Role = "role",
    /// RTM 2 resource permissions.
    Permissions = "permissions",
    /// An RTC user account (string uid), as the builder takes it.
    Account = "account",
    /// An RTM user id, as the builder takes it.
    RtmUser = "rtm_user",
    /// A Chat user id, as the builder takes it.
    ChatUser = "chat_user",
    /// A resource name of RTM 2 permissions, as the builder takes it.
    RtmResource = "rtm_resource",
}
}

impl Field {
    /// Its name in a message (`App ID`, `channel CRC`).
    #[must_use]
    pub(crate) fn label(self) -> &'static str {
        self.texts().en
    }

    /// Its name in a message, in every language.
    pub(crate) fn texts(self) -> Text<&'static str> {
        match self {
            Field::Body => tr!(en: "body", zh: "主体"),
            Field::AppId => tr!(en: "App ID", zh: "App ID"),
            Field::Signature => tr!(en: "signature", zh: "签名"),
            Field::ChannelCrc => tr!(en: "channel CRC", zh: "频道名 CRC"),
            Field::UserCrc => tr!(en: "user CRC", zh: "用户 CRC"),
            Field::Message => tr!(en: "signed message", zh: "签名消息"),
            Field::IssueTime => tr!(en: "issue time", zh: "签发时间"),
            Field::Expiry => tr!(en: "expiry", zh: "过期时间"),
            Field::Salt => tr!(en: "salt", zh: "随机盐（salt）"),
            Field::ServiceCount => tr!(en: "service count", zh: "服务数量"),
            Field::ServiceType => tr!(en: "service type", zh: "服务类型"),
            Field::Privileges => tr!(en: "privileges", zh: "权限"),
            Field::Channel => tr!(en: "channel name", zh: "频道名"),
            Field::User => tr!(en: "user", zh: "用户"),
            Field::Role => tr!(en: "role", zh: "角色"),
            Field::Permissions => tr!(en: "permissions", zh: "资源权限"),
            Field::Account => tr!(en: "user account", zh: "用户账号（user account）"),
            Field::RtmUser => tr!(en: "RTM user id", zh: "RTM 用户 ID"),
            Field::ChatUser => tr!(en: "Chat user id", zh: "Chat 用户 ID"),
            Field::RtmResource => tr!(en: "RTM resource name", zh: "RTM 资源名"),
        }
    }
}

crate::space::labelled!(
    Field,
    |f| f.label(),
    "a token field such as \"app_id\" or \"expiry\""
);

/// Why [`Token::parse`](super::Token::parse) rejected its input.
///
/// The message says what is wrong and where; it never contains the token.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenParseError {
    /// The input is empty.
    Empty,
    /// The input is longer than any SDK accepts.
    TooLong {
        /// The input's length in bytes.
        len: usize,
        /// The limit (2047, as the SDKs enforce).
        max: usize,
    },
    /// The token was altered in transit; the first sign of it is at byte `position`.
    Damaged {
        /// What happened to it.
        damage: Damage,
        /// Where in the input (bytes from its start) the damage is first seen.
        position: usize,
    },
    /// An obsolete format.
    Obsolete(super::Version),
    /// Not an Agora token at all (or a version this crate does not know).
    UnknownVersion {
        /// Up to three leading characters, escaped.
        prefix: String,
    },
    /// A character that base64 does not use, and no known kind of damage explains.
    InvalidCharacter {
        /// The character.
        character: char,
        /// Where in the input it is, in bytes.
        position: usize,
    },
    /// The 007 body is not zlib data.
    Inflate,
    /// The 007 body inflates beyond the size limit (a zlib bomb, or not a token).
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The token is cut short: its content ends inside this field.
    Truncated(Field),
    /// A field that must be text is not UTF-8.
    NotText(Field),
    /// The signature is not the 32 bytes of an HMAC-SHA256.
    SignatureLength(usize),
}

impl TokenParseError {
    /// What is wrong and where, in every language (`Display` writes the English).
    pub(crate) fn text(&self) -> Text {
        use TokenParseError as E;
        match self {
            E::Empty => tr!(en: "the token is empty", zh: "Token 为空"),
            E::TooLong { len, max } => tr!(
                en: format!("the token is {len} bytes long; Agora SDKs accept at most {max}"),
                zh: format!("Token 长 {len} 字节，而声网 SDK 最多接受 {max} 字节"),
            ),
            E::Damaged { damage, position } => {
                let label = damage.texts().0;
                tr!(
                    en: format!("the token is damaged: {} (first at byte {position})", label.en),
                    zh: format!("Token 已损坏：{}（最早出现在第 {position} 字节）", label.zh),
                )
            }
            E::Obsolete(version) => tr!(
                en: format!("this is an obsolete {version} key, not an access token"),
                zh: format!("这是已废弃的{}，不是 AccessToken", after_zh(&version_zh(*version))),
            ),
            E::UnknownVersion { prefix } => tr!(
                en: format!("the token starts with {prefix:?}, not the version 006 or 007"),
                zh: format!("Token 以 {prefix:?} 开头，不是 006 或 007 版本"),
            ),
            E::InvalidCharacter {
                character,
                position,
            } => tr!(
                en: format!(
                    "the token has {} at byte {position}, which no token contains",
                    shown(*character, Locale::En)
                ),
                zh: format!(
                    "Token 第 {position} 字节处是{}，正常的 Token 里不会有它",
                    shown(*character, Locale::Zh)
                ),
            ),
            E::Inflate => tr!(
                en: "the 007 token's body does not inflate as zlib data",
                zh: "007 Token 的主体无法作为 zlib 数据解压",
            ),
            E::TooLarge { limit } => tr!(
                en: format!("the 007 token's body inflates to more than {limit} bytes"),
                zh: format!("007 Token 的主体解压后超过 {limit} 字节"),
            ),
            E::Truncated(field) => tr!(
                en: format!("the token is cut short: it ends inside its {field}"),
                zh: format!("Token 不完整：它在{}字段中间就结束了", field.texts().zh),
            ),
            E::NotText(field) => tr!(
                en: format!("the token's {field} is not UTF-8 text"),
                zh: format!("Token 的{}不是 UTF-8 文本", field.texts().zh),
            ),
            E::SignatureLength(len) => tr!(
                en: format!("the token's signature is {len} bytes long, not 32"),
                zh: format!("Token 的签名长 {len} 字节，而不是 32 字节"),
            ),
        }
    }
}

impl fmt::Display for TokenParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl core::error::Error for TokenParseError {}

/// An obsolete version's name in a Chinese text: 信令 Token, or `DynamicKey 5 密钥`.
pub(crate) fn version_zh(version: super::Version) -> String {
    match version {
        super::Version::Signaling => "信令 Token".to_owned(),
        v => format!("{v} 密钥"),
    }
}

/// A character in a message: printable ASCII as `` `x` ``, anything else by its code point.
fn shown(c: char, locale: Locale) -> String {
    match (locale, c.is_ascii_graphic()) {
        (Locale::En, true) => format!("a `{c}`"),
        (Locale::En, false) => format!("the character U+{:04X}", u32::from(c)),
        (Locale::Zh, true) => format!("字符 `{c}`"),
        (Locale::Zh, false) => format!("字符 U+{:04X}", u32::from(c)),
    }
}
