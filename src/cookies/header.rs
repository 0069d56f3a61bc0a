//! The `Cookie:` request header as users paste it from browser devtools or curl commands.
//!
//! Parsing follows the `cookie` npm package that next-auth and Auth.js read cookies with
//! (split on `;`, the first `=` separates name and value, pairs without `=` are skipped),
//! plus two conveniences for pasted text: an optional `Cookie:` prefix and quoted values.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// One `name=value` pair from a Cookie header, with the value percent-decoded.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Cookie {
    pub name: String,
    pub value: String,
}

impl Cookie {
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Cookie {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// Shows the value's length only: values are session tokens and must not reach logs.
impl std::fmt::Debug for Cookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cookie")
            .field("name", &self.name)
            .field("value_len", &self.value.len())
            .finish()
    }
}

/// Parses a Cookie header value, keeping the pairs in header order (duplicates included:
/// which one wins is the reader's decision, see [`super::session`]).
pub fn parse(header: &str) -> Vec<Cookie> {
    raw_pairs(header)
        .map(|(name, value)| Cookie {
            name: name.to_string(),
            value: decode_value(value),
        })
        .collect()
}

/// The `name=value` pairs of a Cookie header (an optional `Cookie:` prefix is skipped), both
/// trimmed and the value still as written, for callers that must resend it unchanged.
pub fn raw_pairs(header: &str) -> impl Iterator<Item = (&str, &str)> {
    let header = header.trim_start();
    let header = match header.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("cookie:") => &header[7..],
        _ => header,
    };
    header.split(';').filter_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        Some((name.trim(), value.trim()))
    })
}

/// Decodes one raw cookie value: strips one pair of surrounding double quotes, then
/// percent-decodes (`%7C` → `|`, as next-auth's serializer encodes with `encodeURIComponent`).
/// Invalid `%` sequences stay as they are; bytes that are not UTF-8 become U+FFFD.
pub fn decode_value(raw: &str) -> String {
    let unquoted = raw
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(raw);
    percent_decode_str(unquoted)
        .decode_utf8_lossy()
        .into_owned()
}

/// Bytes that cannot appear raw in a cookie value (RFC 6265 `cookie-octet`), plus `%` so that
/// [`parse`] reads back exactly what [`build`] wrote.
const VALUE_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Builds a Cookie header value (without the `Cookie:` prefix) from decoded pairs.
/// Values are percent-encoded only where RFC 6265 requires it, so JWTs pass unchanged.
pub fn build(cookies: &[Cookie]) -> String {
    cookies
        .iter()
        .map(|c| {
            format!(
                "{}={}",
                c.name,
                utf8_percent_encode(&c.value, VALUE_ESCAPES)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(cookies: &[Cookie]) -> Vec<(&str, &str)> {
        cookies
            .iter()
            .map(|c| (c.name.as_str(), c.value.as_str()))
            .collect()
    }

    #[test]
    fn parses_plain_pairs_in_order() {
        let c = parse("b=2; a=1;c=3");
        assert_eq!(pairs(&c), [("b", "2"), ("a", "1"), ("c", "3")]);
    }

    #[test]
    fn accepts_cookie_prefix_in_any_case() {
        for h in ["Cookie: a=1", "cookie:a=1", "  COOKIE:   a=1  "] {
            assert_eq!(pairs(&parse(h)), [("a", "1")], "{h}");
        }
    }

    #[test]
    fn a_cookie_named_like_the_prefix_is_not_eaten() {
        assert_eq!(pairs(&parse("cookies=1")), [("cookies", "1")]);
    }

    #[test]
    fn strips_quotes_and_percent_decodes() {
        let c = parse(r#"csrf=abc%7Cdef; q="quoted value"; lone="; bad=%zz%7"#);
        assert_eq!(
            pairs(&c),
            [
                ("csrf", "abc|def"),
                ("q", "quoted value"),
                ("lone", "\""),
                ("bad", "%zz%7")
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(parse("a=%FF")[0].value, "\u{FFFD}");
    }

    #[test]
    fn keeps_equals_signs_in_values_and_skips_pairs_without_one() {
        let c = parse("t=eyJ.a==; flag; ; ;x=; =v");
        assert_eq!(pairs(&c), [("t", "eyJ.a=="), ("x", ""), ("", "v")]);
    }

    #[test]
    fn empty_header_has_no_cookies() {
        assert!(parse("").is_empty());
        assert!(parse("Cookie:").is_empty());
    }

    #[test]
    fn debug_hides_values() {
        let dbg = format!("{:?}", Cookie::new("s", "secret-token"));
        assert!(!dbg.contains("secret-token"), "{dbg}");
    }

    #[test]
    fn build_encodes_only_what_it_must() {
        let header = build(&[
            Cookie::new("jwt", "eyJhbGciOiJkaXIifQ..a-b_c.d"),
            Cookie::new("csrf", "a|b; c%"),
        ]);
        assert_eq!(
            header,
            "jwt=eyJhbGciOiJkaXIifQ..a-b_c.d; csrf=a|b%3B%20c%25"
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = parse(&s);
        }

        #[test]
        fn build_then_parse_round_trips(
            cookies in prop::collection::vec(("[A-Za-z0-9_.-]{1,12}", any::<String>()), 0..6)
        ) {
            let cookies: Vec<Cookie> =
                cookies.into_iter().map(|(n, v)| Cookie::new(n, v)).collect();
            prop_assert_eq!(parse(&build(&cookies)), cookies);
        }
    }
}
