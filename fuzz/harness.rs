//! The fuzzed entry points, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and
//! the normal test suite (`tests/security.rs` replays `tests/fixtures/fuzz-corpus/<target>/`
//! through these same functions and drives them with proptest).
//!
//! Each function must never panic, hang or allocate without bound, whatever the bytes; the
//! `assert!`s below are properties a fuzzer should report as crashes when they break.
//! To cover a new parser (the session-response interpreter, batch lines…), add a function
//! here, a target in `fuzz/fuzz_targets/`, a `[[bin]]` in `fuzz/Cargo.toml`, a corpus folder
//! and a line in the replay table of `tests/security.rs`.

#![allow(dead_code)]

use josekit::jwe::{Dir, JweContext, JweHeader};
use josekit::jws::{JwsHeader, HS512};
use nextauth_inspect::cookies::{self, header, Jar};
use nextauth_inspect::report::human;
use nextauth_inspect::secrets::Secret;
use nextauth_inspect::session::probe::{Response, TransportError, TransportKind};
use nextauth_inspect::session::{self, diagnosis, verdict, Answer, Evidence};
use nextauth_inspect::token::kdf::Derivation;
use nextauth_inspect::token::timing::{self, Rules};
use nextauth_inspect::token::{shape, FormatChoice, Input, Inspector, Options};
use url::Url;

/// The secret the structured targets seal tokens with (and the inspector is given).
pub const FUZZ_SECRET: &str = "fuzz-secret-0123456789abcdef";
/// A clock inside the range real tokens use.
pub const NOW: i64 = 1_750_000_000;

/// A fuzz entry point.
pub type Target = fn(&[u8]);

/// Every fuzz target by name, so the corpus replay cannot miss one.
pub const TARGETS: &[(&str, Target)] = &[
    ("token", token),
    ("sealed_claims", sealed_claims),
    ("cookie_header", cookie_header),
    ("jar", jar),
    ("timing", claims_timing),
    ("session_answer", session_answer),
];

fn secrets() -> Vec<Secret> {
    vec![
        Secret::new(FUZZ_SECRET, "fuzz #1"),
        Secret::new("a second, rotated secret", "fuzz #2"),
    ]
}

/// Renders a report both ways; the renderers see whatever the parsers let through.
fn render(report: &nextauth_inspect::report::TokenReport) {
    let _ = human::render(report);
    let json = report.to_json_pretty();
    assert!(
        serde_json::from_str::<serde_json::Value>(&json).is_ok(),
        "--json output must be one JSON document"
    );
}

/// Arbitrary bytes as a token: shape detection, the whole inspector (with secrets, under each
/// `--format`), and both renderers. The first byte picks the format and whether the text
/// arrives as a Cookie header instead.
pub fn token(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = shape::classify(text.trim());
    let _ = shape::parse_object(data);
    let selector = data.first().copied().unwrap_or(0);
    let mut options = Options::new(NOW);
    options.format = match selector % 4 {
        0 => FormatChoice::Auto,
        1 => FormatChoice::V3,
        2 => FormatChoice::V4,
        _ => FormatChoice::V5,
    };
    if selector & 0x10 != 0 {
        options.cookie_name = Some("__Secure-authjs.session-token".into());
    }
    let secrets = secrets();
    let mut inspector = Inspector::new(&secrets, options);
    let input = if selector & 0x20 != 0 {
        let found = cookies::find_session_cookie(&header::parse(&text), None);
        match found {
            Ok(Some(s)) => {
                let mut input = Input::from_text(&s.value, "cookie-header");
                input.source.cookie_name = Some(s.name);
                input.source.chunks = s.chunks;
                input.chunk_defect = s.defect;
                input
            }
            _ => return,
        }
    } else {
        Input::from_text(&text, "argument")
    };
    let report = inspector.inspect(&input);
    render(&report);
    // Without secrets the same input must also be judged (no secret → never "valid").
    let none = inspector_without_secrets(&input);
    assert_ne!(none.status, nextauth_inspect::report::Status::Valid);
    render(&none);
}

fn inspector_without_secrets(input: &Input) -> nextauth_inspect::report::TokenReport {
    Inspector::new(&[], Options::new(NOW)).inspect(input)
}

/// Arbitrary bytes as the *authenticated* content of a real token: sealed as a next-auth v4
/// JWE and as a v3 HS512 JWS with [`FUZZ_SECRET`], so claim parsing, timing and rendering see
/// hostile claims (huge numbers, deep nesting, odd unicode) that passed verification.
pub fn sealed_claims(data: &[u8]) {
    let secrets = secrets();
    let v4 = Derivation::V4 {
        salt: String::new(),
    }
    .derive(FUZZ_SECRET.as_bytes());
    let mut h = JweHeader::new();
    h.set_algorithm("dir");
    h.set_content_encryption("A256GCM");
    let encrypter = Dir.encrypter_from_bytes(&*v4).expect("a 32-byte key");
    let jwe = JweContext::new()
        .serialize_compact(data, &h, &encrypter)
        .expect("dir/A256GCM encryption");
    let report =
        Inspector::new(&secrets, Options::new(NOW)).inspect(&Input::from_text(&jwe, "argument"));
    if shape::parse_object(data).is_err() {
        assert_ne!(report.status, nextauth_inspect::report::Status::Valid);
    }
    render(&report);

    let v3 = Derivation::V3Signing.derive(FUZZ_SECRET.as_bytes());
    let mut h = JwsHeader::new();
    h.set_algorithm("HS512");
    let signer = HS512.signer_from_bytes(&*v3).expect("an HS512 key");
    let jws = josekit::jws::serialize_compact(data, &h, &signer).expect("HS512 signing");
    let report =
        Inspector::new(&secrets, Options::new(NOW)).inspect(&Input::from_text(&jws, "argument"));
    render(&report);
}

/// Arbitrary text as a Cookie header: parsing, session-cookie lookup (with and without a
/// wanted name), and the build→parse round trip for well-formed names.
pub fn cookie_header(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = header::parse(&text);
    let _ = cookies::find_session_cookie(&parsed, None);
    if let Some(first) = parsed.first() {
        let _ = cookies::find_session_cookie(&parsed, Some(&first.name));
    }
    let tidy: Vec<header::Cookie> = parsed
        .iter()
        .filter(|c| {
            !c.name.is_empty()
                && c.name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
        .cloned()
        .collect();
    assert_eq!(
        header::parse(&header::build(&tidy)),
        tidy,
        "build→parse round trip"
    );
    if let Some(c) = parsed.first() {
        let size = 2 + (data.len() % 64);
        let chunks = cookies::chunk("authjs.session-token", &c.value, size);
        let joined: String = chunks.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(joined, c.value, "chunks join back into the value");
    }
}

/// URLs every jar is selected for: plain http, https, loopback in each form, a subdomain and
/// a path below the root.
pub const JAR_URLS: &[&str] = &[
    "http://example.com/",
    "https://example.com/api/auth/session",
    "https://app.example.com/app/x",
    "http://localhost:3000/api/auth/session",
    "http://127.0.0.1/",
    "http://[::1]:3000/a/b",
    "http://a.test/x",
    "https://[2001:db8::1]/",
];

/// Arbitrary text as a Netscape cookie jar (before an optional `\n@@\n`) and Set-Cookie
/// headers (one per line after it): parsing is lossless, selection obeys the cookie-safety
/// rules for every URL, and applying Set-Cookie headers keeps the jar parseable.
pub fn jar(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (jar_text, set_cookies) = match text.split_once("\n@@\n") {
        Some((j, s)) => (j, s),
        None => (&*text, ""),
    };
    let mut jar = Jar::parse(jar_text);
    assert_eq!(jar.to_text(), jar_text, "jar parsing is lossless");
    let _ = jar.warnings();
    let _ = jar.session_domains(None);
    let _ = jar.select_site(jar_text.lines().next().unwrap_or(""));
    for u in JAR_URLS {
        let url = Url::parse(u).expect("fixed URL");
        let selection = jar.select(&url, NOW);
        check_selection(&selection, &url, NOW);
        let _ = selection.header();
    }
    let url = Url::parse(JAR_URLS[(data.len()) % JAR_URLS.len()]).expect("fixed URL");
    for line in set_cookies.lines().take(16) {
        let _ = jar.apply_set_cookie(&url, line, NOW);
    }
    let again = Jar::parse(&jar.to_text());
    assert_eq!(
        again.cookies().count(),
        jar.cookies().count(),
        "a jar we wrote reads back with the same cookies"
    );
}

/// The cookie-safety rules a selection must obey (RFC 6265 §5.4 and 6265bis prefixes, with
/// curl's loopback exception for `Secure`).
pub fn check_selection(selection: &cookies::Selection, url: &Url, now: i64) {
    let secure_origin = cookies::is_secure_origin(url);
    let host = url
        .host_str()
        .unwrap_or("")
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    let host_is_ip = matches!(url.host(), Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)));
    for c in &selection.sent {
        let what = format!("`{}` (line {}) sent to {url}", c.name, c.line_no);
        assert!(c.expires.is_none_or(|at| at > now), "{what}: expired");
        if c.secure {
            assert!(secure_origin, "{what}: Secure over plain http");
        }
        let lower = c.name.to_ascii_lowercase();
        if lower.starts_with("__secure-") || lower.starts_with("__host-") {
            assert!(secure_origin, "{what}: prefixed cookie over plain http");
            assert!(c.secure, "{what}: prefixed cookie without Secure");
        }
        if lower.starts_with("__host-") {
            assert!(
                !c.include_subdomains && c.path == "/",
                "{what}: __Host- cookie must be host-only with Path=/"
            );
        }
        let domain = c
            .domain
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let domain_ok = host == domain
            || (c.include_subdomains && !host_is_ip && host.ends_with(&format!(".{domain}")));
        assert!(domain_ok, "{what}: domain `{}` does not match", c.domain);
        let path = url.path();
        let cookie_path = if c.path.starts_with('/') {
            c.path.as_str()
        } else {
            "/"
        };
        let path_ok = path == cookie_path
            || (path.starts_with(cookie_path)
                && (cookie_path.ends_with('/') || path[cookie_path.len()..].starts_with('/')));
        assert!(path_ok, "{what}: path `{}` does not cover {path}", c.path);
    }
}

/// Arbitrary bytes as a claims set judged by the clock; the first 8 bytes (when present) set
/// the clock and leeway so extreme clocks are explored too.
pub fn claims_timing(data: &[u8]) {
    let (clock, json) = if data.len() >= 8 {
        let (c, j) = data.split_at(8);
        (i64::from_le_bytes(c.try_into().expect("8 bytes")), j)
    } else {
        (NOW, data)
    };
    let Ok(claims) = shape::parse_object(json) else {
        return;
    };
    for (now, leeway, max_age) in [
        (NOW, timing::LIBRARY_LEEWAY, None),
        (
            clock,
            clock.rem_euclid(31_536_001),
            Some(timing::V3_MAX_AGE),
        ),
        (clock, 0, Some(clock.saturating_abs())),
    ] {
        let t = timing::judge(
            &claims,
            Rules {
                now,
                leeway,
                max_token_age: max_age,
            },
        );
        let _ = format!("{t:?}");
    }
}

/// Arbitrary bytes as what `/api/auth/session` answered: two bytes of status, one of flags
/// (content type, truncation, transport failure, which evidence), then the body, Set-Cookie
/// lines and a Location, separated by `\n@@\n`. Drives the pure session interpreter (body
/// classification, verdict, diagnosis, Set-Cookie summaries, endpoint parsing) and checks that
/// no Set-Cookie value (a fresh session token) leaks into what it says.
pub fn session_answer(data: &[u8]) {
    let (head, rest) = data.split_at(data.len().min(3));
    let status = u16::from_le_bytes([
        head.first().copied().unwrap_or(200),
        head.get(1).copied().unwrap_or(0),
    ]);
    let flags = head.get(2).copied().unwrap_or(0);
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.split("\n@@\n");
    let body = parts.next().unwrap_or("").as_bytes().to_vec();
    let set_cookies: Vec<String> = parts
        .next()
        .unwrap_or("")
        .lines()
        .take(16)
        .map(str::to_string)
        .collect();
    let location = parts.next().map(str::to_string);
    let _ = session::endpoint(&text, session::DEFAULT_BASE_PATH);
    let _ = session::endpoint(&text, &text);

    let answer = if flags & 0x80 != 0 {
        Answer::Failed(TransportError {
            kind: match flags & 3 {
                0 => TransportKind::Connect,
                1 => TransportKind::Timeout,
                2 => TransportKind::Tls,
                _ => TransportKind::Other,
            },
            message: text.to_string(),
        })
    } else {
        let response = Response {
            status,
            location,
            content_type: match flags & 3 {
                0 => None,
                1 => Some("application/json".into()),
                2 => Some("text/html; charset=utf-8".into()),
                _ => Some(text.chars().take(40).collect()),
            },
            set_cookies: set_cookies.clone(),
            body,
            truncated: flags & 4 != 0,
        };
        let _ = verdict::classify_body(&response);
        Answer::Response(response)
    };
    let mut evidence = Evidence {
        now: NOW,
        secret_count: usize::from(flags & 8 != 0),
        ..Evidence::default()
    };
    if flags & 0x10 != 0 {
        evidence.cookies_sent = vec![
            "authjs.session-token.0".into(),
            "authjs.session-token.1".into(),
        ];
        evidence.session = Some(session::SentSession {
            name: "authjs.session-token".into(),
            chunks: 2,
            defect: Some(cookies::ChunkDefect::Missing),
            warnings: vec!["a warning".into()],
        });
    }
    if flags & 0x20 != 0 {
        let reasons = [
            cookies::HeldBackReason::Expired { at: NOW - 1 },
            cookies::HeldBackReason::SecureOverHttp,
            cookies::HeldBackReason::SecurePrefixOverHttp,
            cookies::HeldBackReason::PrefixAttributes,
            cookies::HeldBackReason::DomainMismatch {
                cookie_domain: "example.com".into(),
            },
            cookies::HeldBackReason::PathMismatch {
                cookie_path: "/app".into(),
            },
        ];
        evidence.jar = Some(session::JarEvidence {
            held_back: reasons
                .into_iter()
                .map(|reason| session::HeldSession {
                    name: "__Secure-authjs.session-token".into(),
                    domain: "example.com".into(),
                    path: "/".into(),
                    reason,
                })
                .collect(),
            has_session_cookie: flags & 0x40 != 0,
        });
        evidence.cookie_name = Some("my.session".into());
    }
    let v = verdict::judge(&evidence, &answer, 10.0);
    let summaries = verdict::set_cookie_summaries(&set_cookies, NOW);
    let d = diagnosis::diagnose(&evidence, &answer, &v, &summaries);
    let said = format!("{:?} {:?} {:?}", v.reason, v.hint, d);
    for header in &set_cookies {
        let value = header
            .split_once('=')
            .map(|(_, v)| v.split(';').next().unwrap_or("").trim())
            .unwrap_or("");
        let elsewhere = flags & 0x80 != 0
            || rest
                .windows(value.len().max(1))
                .filter(|w| *w == value.as_bytes())
                .count()
                > 1;
        if value.len() >= 24
            && !elsewhere
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        {
            assert!(
                !said.contains(value),
                "a Set-Cookie value leaked into the verdict"
            );
        }
    }
}
