//! The security properties of issue 6, one module per property line of the issue:
//!
//! - `no_panics_on_any_input` — proptest over every parser, plus the committed fuzz corpus
//! - `bounded_work` — 1 MiB input cap, deflate bombs, JSON depth
//! - `algorithm_allow_lists` — alg/enc/zip/crit allow-lists and `kid` key confusion
//! - `secret_hygiene` — the whole token CLI matrix grepped for secrets, keys and cookies
//! - `secret_hygiene_commands` — the same grep over `mint`, `token --batch`, and `session` /
//!   `login` against local servers (cookie, field and `-H` values too, error paths included)
//! - `cookie_safety` — jar selection, prefixes, Set-Cookie rules, atomic private writes
//! - `tls` — a local HTTPS server with a self-signed certificate: verification on by
//!   default, `--insecure` warns every time, Secure cookies over https, cross-origin
//!   redirects not followed
//!
//! The parsers are driven through `fuzz/harness.rs`, the same entry points the cargo-fuzz
//! targets use (the session-response interpreter included). The other network properties of
//! the `session` command — HTTP body cap, timeouts, same-origin redirects — live in
//! `tests/cli_session.rs`.

mod common;

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use josekit::jwe::{Dir, JweContext, JweHeader};
use nextauth_inspect::report::Status;
use nextauth_inspect::secrets::Secret;
use nextauth_inspect::token::kdf::{oct_thumbprint, Derivation};
use nextauth_inspect::token::{Input, Inspector, Options};
use serde_json::{json, Value};

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn report_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

/// A file holding `secrets`, one per line, so tests need not put secrets on argv.
fn secret_file(dir: &Path, secrets: &[&str]) -> PathBuf {
    let path = dir.join("secrets.txt");
    std::fs::write(&path, secrets.join("\n")).unwrap();
    path
}

/// Seal `payload` as a `dir` JWE with `key` under `header` (JSON object members).
fn seal(payload: &[u8], key: &[u8], header: Value, context: &JweContext) -> String {
    let mut h = JweHeader::new();
    for (k, v) in header.as_object().unwrap() {
        h.set_claim(k, Some(v.clone())).unwrap();
    }
    let encrypter = Dir.encrypter_from_bytes(key).unwrap();
    context.serialize_compact(payload, &h, &encrypter).unwrap()
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

mod no_panics_on_any_input {
    use super::*;
    use proptest::prelude::*;

    /// Header members chosen to reach every branch of the allow-lists.
    fn header_value() -> impl Strategy<Value = Value> {
        let alg = prop_oneof![
            Just(json!("dir")),
            Just(json!("HS512")),
            Just(json!("none")),
            Just(json!("A256KW")),
            Just(json!("RSA-OAEP")),
            Just(json!(null)),
            Just(json!(1e308)),
            any::<String>().prop_map(Value::from),
        ];
        let enc = prop_oneof![
            Just(json!("A256GCM")),
            Just(json!("A256CBC-HS512")),
            Just(json!("A128GCM")),
            any::<String>().prop_map(Value::from),
        ];
        let zip = prop::option::of(prop_oneof![Just(json!("DEF")), Just(json!(["DEF"]))]);
        let kid = prop::option::of(prop_oneof!["[A-Za-z0-9_-]{0,86}", "\\PC{0,8}"]);
        let crit = prop::option::of(Just(json!(["exp"])));
        (alg, enc, zip, kid, crit, any::<String>(), deep_json(0..8)).prop_map(
            |(alg, enc, zip, kid, crit, extra, nested)| {
                let mut h = json!({"alg": alg, "enc": enc, "x": extra, "n": nested});
                let m = h.as_object_mut().unwrap();
                if let Some(z) = zip {
                    m.insert("zip".into(), z);
                }
                if let Some(k) = kid {
                    m.insert("kid".into(), k.into());
                }
                if let Some(c) = crit {
                    m.insert("crit".into(), c);
                }
                h
            },
        )
    }

    /// JSON nested `depth` levels (arrays and objects alternating).
    pub fn nested(depth: usize, leaf: Value) -> Value {
        (0..depth).fold(leaf, |v, i| {
            if i % 2 == 0 {
                json!([v])
            } else {
                json!({ "k": v })
            }
        })
    }

    fn deep_json(depth: std::ops::Range<usize>) -> impl Strategy<Value = Value> {
        (depth, odd_text()).prop_map(|(d, s)| nested(d, Value::from(s)))
    }

    /// Text with the characters that break naive code: controls, bidi overrides, zero-width
    /// joiners, combining marks, astral characters, U+FFFD, NUL.
    pub fn odd_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just('\0'),
                Just('\u{202e}'),
                Just('\u{200d}'),
                Just('\u{0301}'),
                Just('\u{fffd}'),
                Just('😀'),
                Just('\u{10ffff}'),
                Just('\t'),
                Just('\r'),
                Just('\n'),
                Just(';'),
                Just('='),
                Just('%'),
                Just('"'),
                any::<char>(),
            ],
            0..24,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    /// Numbers at and past every edge: i64/u64/f64 limits, exponents serde cannot hold.
    fn huge_number() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| format!("{f:e}")),
            Just("1e400".to_string()),
            Just("-1e400".to_string()),
            Just("18446744073709551616".to_string()),
            Just("-0".to_string()),
            Just("5e-324".to_string()),
            Just("\"1700000000\"".to_string()),
            Just("null".to_string()),
            Just("[1700000000]".to_string()),
        ]
    }

    fn claims_text() -> impl Strategy<Value = String> {
        (
            huge_number(),
            huge_number(),
            huge_number(),
            odd_text(),
            deep_json(0..80),
        )
            .prop_map(|(exp, iat, nbf, name, deep)| {
                format!(
                    r#"{{"exp":{exp},"iat":{iat},"nbf":{nbf},"name":{},"email":"{}@x","deep":{deep}}}"#,
                    Value::from(name.clone()),
                    name.escape_default()
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn token_inspector_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..1024)) {
            harness::token(&data);
        }

        #[test]
        fn token_inspector_arbitrary_strings(s in any::<String>(), selector in any::<u8>()) {
            let mut data = vec![selector];
            data.extend_from_slice(s.as_bytes());
            harness::token(&data);
        }

        #[test]
        fn token_inspector_token_shaped_input(
            header in header_value(),
            parts in prop::collection::vec("[A-Za-z0-9_-]{0,48}", 2..=4),
            selector in any::<u8>(),
        ) {
            let mut token = b64(header.to_string().as_bytes());
            for p in &parts {
                token.push('.');
                token.push_str(p);
            }
            let mut data = vec![selector & 0x1f];
            data.extend_from_slice(token.as_bytes());
            harness::token(&data);
        }

        #[test]
        fn token_inspector_sealed_hostile_claims(claims in claims_text()) {
            harness::sealed_claims(claims.as_bytes());
        }

        #[test]
        fn token_inspector_sealed_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..256)) {
            harness::sealed_claims(&data);
        }

        #[test]
        fn cookie_header_parser_arbitrary_strings(s in any::<String>()) {
            harness::cookie_header(s.as_bytes());
        }

        #[test]
        fn cookie_header_parser_session_shaped(
            pairs in prop::collection::vec(
                (
                    prop_oneof![
                        Just("next-auth.session-token".to_string()),
                        Just("__Secure-authjs.session-token".to_string()),
                        Just("authjs.session-token".to_string()),
                        "\\PC{0,6}",
                    ],
                    "(\\.[0-9]{1,22})?",
                    odd_text(),
                ),
                0..10,
            ),
            prefix in prop_oneof![Just(""), Just("Cookie: "), Just("cOOKIE:")],
        ) {
            let header: Vec<String> =
                pairs.iter().map(|(n, s, v)| format!("{n}{s}={v}")).collect();
            harness::cookie_header(format!("{prefix}{}", header.join("; ")).as_bytes());
            harness::token(format!(" {}", header.join("; ")).as_bytes());
        }

        #[test]
        fn jar_parser_arbitrary_strings(s in any::<String>()) {
            harness::jar(s.as_bytes());
        }

        #[test]
        fn jar_parser_cookie_shaped_lines(jar in super::cookie_safety::jar_text(), sets in prop::collection::vec(super::cookie_safety::set_cookie(), 0..4)) {
            harness::jar(format!("{jar}\n@@\n{}", sets.join("\n")).as_bytes());
        }

        #[test]
        fn claims_timing_judge_extreme_values(
            exp in prop::option::of(any::<f64>()),
            nbf in prop::option::of(any::<f64>()),
            iat in prop::option::of(any::<f64>()),
            now in any::<i64>(),
            leeway in 0i64..=31_536_000,
            max_age in prop::option::of(any::<i64>()),
        ) {
            use nextauth_inspect::token::timing::{judge, Rules, Verdict};
            let mut claims = serde_json::Map::new();
            for (k, v) in [("exp", exp), ("nbf", nbf), ("iat", iat)] {
                if let Some(n) = v.and_then(serde_json::Number::from_f64) {
                    claims.insert(k.into(), Value::Number(n));
                }
            }
            let t = judge(&claims, Rules { now, leeway, max_token_age: max_age });
            // Within exactly representable ranges the verdict follows jose's rule.
            let small = |v: f64| v.abs() < 9.0e15;
            if let (Some(e), true) = (claims.get("exp").and_then(Value::as_f64), small(now as f64)) {
                if small(e) && e <= (now - leeway) as f64 {
                    prop_assert!(!matches!(t.verdict, Verdict::Current), "{t:?}");
                }
            }
        }

        #[test]
        fn session_response_interpreter_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
            harness::session_answer(&data);
        }

        #[test]
        fn session_response_interpreter_shaped_answers(
            status in prop_oneof![Just(200u16), Just(302), Just(401), Just(500), any::<u16>()],
            flags in any::<u8>(),
            body in prop_oneof![
                Just("null".to_string()),
                Just("{}".to_string()),
                claims_text().prop_map(|c| format!(r#"{{"user":{c},"expires":"2030-01-01T00:00:00.000Z"}}"#)),
                odd_text().prop_map(|t| format!(r#"{{"user":{{"name":{}}},"expires":{}}}"#, Value::from(t.clone()), Value::from(t))),
                Just(r#"{"message":"There is a problem with the server configuration."}"#.to_string()),
                Just("<html>sign in</html>".to_string()),
                odd_text(),
            ],
            set_cookies in prop::collection::vec(super::cookie_safety::set_cookie(), 0..4),
            location in prop::option::of(odd_text()),
        ) {
            let mut data = status.to_le_bytes().to_vec();
            data.push(flags);
            data.extend_from_slice(body.as_bytes());
            data.extend_from_slice(b"\n@@\n");
            data.extend_from_slice(set_cookies.join("\n").as_bytes());
            if let Some(l) = location {
                data.extend_from_slice(b"\n@@\n");
                data.extend_from_slice(l.as_bytes());
            }
            harness::session_answer(&data);
        }

        #[test]
        fn claims_timing_judge_arbitrary_json(data in prop::collection::vec(any::<u8>(), 0..256), claims in claims_text()) {
            harness::claims_timing(&data);
            let mut clocked = 1_700_000_000i64.to_le_bytes().to_vec();
            clocked.extend_from_slice(claims.as_bytes());
            harness::claims_timing(&clocked);
        }
    }

    /// Every committed input of `tests/fixtures/fuzz-corpus/<target>/` (crashes the fuzzers
    /// found once, plus hand-picked edge cases) is replayed through its target.
    #[test]
    fn fuzz_corpus_replays_clean() {
        let root = common::fixtures_dir().join("fuzz-corpus");
        for (target, run) in harness::TARGETS {
            let dir = root.join(target);
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            assert!(!files.is_empty(), "{} has no inputs", dir.display());
            for file in files {
                let data = std::fs::read(&file).unwrap();
                let result = std::panic::catch_unwind(|| run(&data));
                assert!(result.is_ok(), "{target}: {} panics", file.display());
            }
        }
    }
}

mod bounded_work {
    use super::*;

    const TWO_MB: usize = 2 * 1024 * 1024;

    fn big_token() -> String {
        format!("eyJhbGciOiJIUzUxMiJ9.{}.sig", "A".repeat(TWO_MB))
    }

    #[test]
    fn input_over_1_mib_on_stdin_is_refused_with_exit_6() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = secret_file(dir.path(), &["a-secret-for-the-size-test"]);
        for padded in [
            big_token(),
            format!("\n \r\n{}", big_token()),
            format!("{}\n\n\nmore", big_token()),
        ] {
            let out = common::bin()
                .args(["token", "--json", "--secret-file"])
                .arg(&secrets)
                .write_stdin(padded)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(6), "{}", stdout(&out));
            let r = report_json(&out);
            assert_eq!(r["status"], "malformed");
            assert!(r["error"].as_str().unwrap().contains("over 1 MiB"), "{r}");
        }
    }

    /// Linux refuses any single argv string over 128 KiB (MAX_ARG_STRLEN) before the program
    /// starts, so a 2 MB argument is proven through the library, and through the binary via
    /// the other non-stdin inputs: a cookie jar line and a Bearer value.
    #[test]
    fn input_over_1_mib_as_argument_is_refused_with_exit_6() {
        for text in [big_token(), format!("Bearer {}", big_token())] {
            let r =
                Inspector::new(&[], Options::new(0)).inspect(&Input::from_text(&text, "argument"));
            assert_eq!(r.status, Status::Malformed);
            assert_eq!(r.exit_code(), 6);
            assert!(r.error.unwrap().contains("over 1 MiB"));
        }
        match common::bin()
            .args(["token", "--json", &big_token()])
            .output()
        {
            Ok(out) => assert_eq!(out.status.code(), Some(6)),
            Err(e) => assert_eq!(e.raw_os_error(), Some(7), "E2BIG expected, got {e}"),
        }
        let dir = tempfile::tempdir().unwrap();
        let jar = dir.path().join("jar.txt");
        std::fs::write(
            &jar,
            format!(
                "a.test\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\t{}\n",
                big_token()
            ),
        )
        .unwrap();
        let out = common::bin()
            .args(["token", "--json", "--cookie-jar"])
            .arg(&jar)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
        assert!(report_json(&out)["error"]
            .as_str()
            .unwrap()
            .contains("over 1 MiB"));
    }

    /// A real next-auth v3 `encryption: true` token (dir/A256GCM/zip DEF, v3 encryption key)
    /// whose compressed payload is 50 MB of zeros: refused by the inflate cap, fast.
    #[test]
    fn deflate_bomb_in_v3_encrypted_jwe_gets_a_clear_error_and_exit_5() {
        let secret = "bomb-secret-with-enough-length";
        let key = Derivation::V3Encryption.derive(secret.as_bytes());
        let bomb = vec![0u8; 50 * 1024 * 1024];
        let token = seal(
            &bomb,
            &key,
            json!({"alg": "dir", "enc": "A256GCM", "zip": "DEF"}),
            &JweContext::new(),
        );
        assert!(token.len() < 1024 * 1024, "the bomb fits the input cap");
        let dir = tempfile::tempdir().unwrap();
        let out = common::bin()
            .args(["token", "--json", "--secret-file"])
            .arg(secret_file(dir.path(), &[secret]))
            .arg(&token)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{}", stdout(&out));
        let r = report_json(&out);
        assert_eq!(r["format"], "v3-encrypted");
        assert!(
            r["error"].as_str().unwrap().contains("decompression bomb"),
            "{r}"
        );
    }

    #[test]
    fn json_depth_is_bounded_in_header_and_claims() {
        use super::no_panics_on_any_input::nested;
        let secret = Secret::new("depth-secret", "test");
        let key = Derivation::V4 {
            salt: String::new(),
        }
        .derive(secret.bytes());
        let inspect = |token: &str| {
            Inspector::new(std::slice::from_ref(&secret), Options::new(now_secs()))
                .inspect(&Input::from_text(token, "argument"))
        };
        // 64 levels (the bound) open; 65 do not, in the claims and in the header.
        let claims =
            |depth: usize| json!({"exp": now_secs() + 60, "d": nested(depth - 1, json!(1))});
        let ok = seal(
            claims(64).to_string().as_bytes(),
            &key,
            json!({"alg":"dir","enc":"A256GCM"}),
            &JweContext::new(),
        );
        assert_eq!(inspect(&ok).status, Status::Valid);
        let deep = seal(
            claims(65).to_string().as_bytes(),
            &key,
            json!({"alg":"dir","enc":"A256GCM"}),
            &JweContext::new(),
        );
        let r = inspect(&deep);
        assert_eq!(r.status, Status::Invalid);
        assert!(r.error.unwrap().contains("not a JSON claims set"));
        let header = json!({"alg": "HS512", "d": nested(64, json!(1))});
        let r = inspect(&format!("{}.e30.sig", b64(header.to_string().as_bytes())));
        assert_eq!(r.status, Status::Malformed);
        assert!(r.error.unwrap().contains("nested deeper than 64"));
        // A near-1 MiB run of brackets is refused by the scan, not by a stack overflow.
        let huge = format!("{}.e30.sig", b64("[".repeat(700_000).as_bytes()));
        assert_eq!(inspect(&huge).status, Status::Malformed);
        let payload = format!(
            "{}.{}.sig",
            b64(br#"{"alg":"HS512"}"#),
            b64("{\"a\":".repeat(150_000).as_bytes())
        );
        assert_eq!(inspect(&payload).status, Status::Malformed);
    }

    #[test]
    fn secret_files_and_jars_are_size_capped() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, "s".repeat(64 * 1024 + 1)).unwrap();
        let out = common::bin()
            .args(["token", "--secret-file"])
            .arg(&big)
            .arg("x.y.z")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("larger than 64 KiB"));
        assert!(
            !stderr(&out).contains("sss"),
            "the file's content is not echoed"
        );
        let jar = dir.path().join("jar");
        std::fs::File::create(&jar)
            .unwrap()
            .set_len(nextauth_inspect::cookies::MAX_JAR_BYTES + 1)
            .unwrap();
        let out = common::bin()
            .args(["token", "--cookie-jar"])
            .arg(&jar)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("larger than 8 MiB"));
    }
}

mod algorithm_allow_lists {
    use super::*;

    const SECRET: &str = "allow-list-secret-0123456789";

    fn jws(header: Value, claims: Value) -> String {
        format!(
            "{}.{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes()),
            b64(b"not-a-real-signature-but-base64url")
        )
    }

    fn jwe(header: Value, encrypted_key: &str) -> String {
        format!(
            "{}.{encrypted_key}.{}.{}.{}",
            b64(header.to_string().as_bytes()),
            b64(&[1; 12]),
            b64(b"ciphertext"),
            b64(&[2; 16])
        )
    }

    fn fixture_token(id: &str) -> String {
        common::load("minted.json")
            .cases
            .into_iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no fixture {id}"))
            .token
    }

    fn run(token: &str, secrets: &[&str]) -> (Option<i32>, Value) {
        let dir = tempfile::tempdir().unwrap();
        let out = common::bin()
            .args(["token", "--json", "--secret-file"])
            .arg(secret_file(dir.path(), secrets))
            .arg(token)
            .output()
            .unwrap();
        (out.status.code(), report_json(&out))
    }

    #[test]
    fn foreign_algorithms_and_headers_are_rejected_with_exit_5() {
        let claims = json!({"sub": "1", "exp": now_secs() + 3600});
        let cases: Vec<(&str, String, &str)> = vec![
            ("alg none (minted)", fixture_token("adv-alg-none"), "none"),
            (
                "alg none, typ JWT (minted)",
                fixture_token("adv-alg-none-typ"),
                "none",
            ),
            (
                "alg NoNe",
                jws(json!({"alg": "NoNe"}), claims.clone()),
                "none",
            ),
            (
                "alg none, empty signature",
                jws(json!({"alg": "none"}), claims.clone())
                    .rsplit_once('.')
                    .unwrap()
                    .0
                    .to_string()
                    + ".",
                "none",
            ),
            (
                "HS256 with the v3 key (minted)",
                fixture_token("adv-hs256-v3-key"),
                "HS256",
            ),
            (
                "RS256",
                jws(json!({"alg": "RS256"}), claims.clone()),
                "RS256",
            ),
            (
                "ES256",
                jws(json!({"alg": "ES256"}), claims.clone()),
                "ES256",
            ),
            (
                "PS512",
                jws(json!({"alg": "PS512"}), claims.clone()),
                "PS512",
            ),
            (
                "EdDSA",
                jws(json!({"alg": "EdDSA"}), claims.clone()),
                "EdDSA",
            ),
            (
                "alg missing",
                jws(json!({"typ": "JWT"}), claims.clone()),
                "alg",
            ),
            (
                "alg not a string",
                jws(json!({"alg": ["HS512"]}), claims.clone()),
                "alg",
            ),
            (
                "JWS with crit",
                jws(
                    json!({"alg": "HS512", "crit": ["b64"], "b64": false}),
                    claims.clone(),
                ),
                "crit",
            ),
            (
                "JWE A256KW (minted)",
                fixture_token("adv-jwe-a256kw"),
                "A256KW",
            ),
            (
                "JWE RSA-OAEP",
                jwe(
                    json!({"alg": "RSA-OAEP", "enc": "A256GCM"}),
                    &b64(&[3; 256]),
                ),
                "RSA-OAEP",
            ),
            (
                "JWE RSA-OAEP-256",
                jwe(
                    json!({"alg": "RSA-OAEP-256", "enc": "A256CBC-HS512"}),
                    &b64(&[3; 256]),
                ),
                "RSA-OAEP-256",
            ),
            (
                "JWE ECDH-ES",
                jwe(json!({"alg": "ECDH-ES", "enc": "A256GCM", "epk": {}}), ""),
                "ECDH-ES",
            ),
            (
                "JWE PBES2",
                jwe(
                    json!({"alg": "PBES2-HS512+A256KW", "enc": "A256GCM", "p2c": 100_000_000, "p2s": "AAAA"}),
                    &b64(&[3; 40]),
                ),
                "PBES2",
            ),
            (
                "JWE enc A128GCM (minted)",
                fixture_token("adv-jwe-a128gcm"),
                "A128GCM",
            ),
            (
                "JWE unknown enc",
                jwe(json!({"alg": "dir", "enc": "XC20P"}), ""),
                "XC20P",
            ),
            (
                "JWE enc missing",
                jwe(json!({"alg": "dir"}), ""),
                "content encryption",
            ),
            ("JWE crit (minted)", fixture_token("adv-jwe-crit"), "crit"),
            (
                "JWE zip with A256CBC-HS512",
                jwe(
                    json!({"alg": "dir", "enc": "A256CBC-HS512", "zip": "DEF"}),
                    "",
                ),
                "compression",
            ),
            (
                "JWE zip GZIP",
                jwe(json!({"alg": "dir", "enc": "A256GCM", "zip": "GZIP"}), ""),
                "compression",
            ),
        ];
        let mut failures = Vec::new();
        for (what, token, mention) in &cases {
            let (code, r) = run(token, &[SECRET]);
            let error = r["error"].as_str().unwrap_or("");
            if code != Some(5) || r["status"] != "invalid" || !error.contains(mention) {
                failures.push(format!("{what}: exit {code:?}, status {}, error {error:?} (should mention {mention:?})", r["status"]));
            }
            if r["verified_with"] != Value::Null || r["claims_verified"] == true {
                failures.push(format!("{what}: claims were treated as verified"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// A v5 token whose `kid` names no configured secret is reported as such, never opened by
    /// trying the secrets anyway: here the token *would* decrypt with the secret given.
    #[test]
    fn v5_kid_matching_no_secret_is_reported_without_trial_decryption() {
        let salt = "authjs.session-token";
        let key = |s: &str| {
            Derivation::Authjs {
                salt: salt.into(),
                len: 64,
            }
            .derive(s.as_bytes())
        };
        let claims = json!({"sub": "1", "exp": now_secs() + 3600}).to_string();
        let seal_v5 = |sealing: &str, kid: &str| {
            seal(
                claims.as_bytes(),
                &key(sealing),
                json!({"alg": "dir", "enc": "A256CBC-HS512", "kid": kid}),
                &JweContext::new(),
            )
        };
        // Control: the honest kid opens, by kid.
        let (code, r) = run(&seal_v5(SECRET, &oct_thumbprint(&key(SECRET))), &[SECRET]);
        assert_eq!(code, Some(0), "{r}");
        assert_eq!(r["verified_with"]["by_kid"], true);

        let (code, r) = run(
            &seal_v5(SECRET, "a-kid-that-no-secret-derives"),
            &[SECRET, "another"],
        );
        assert_eq!(code, Some(5), "{r}");
        assert!(r["error"].as_str().unwrap().contains("kid"), "{r}");
        assert!(r["verified_with"].is_null());

        // The kid names secret #1, the token is sealed with secret #2: no silent retry with #2.
        let (code, r) = run(
            &seal_v5("second-secret-xyz", &oct_thumbprint(&key(SECRET))),
            &[SECRET, "second-secret-xyz"],
        );
        assert_eq!(code, Some(5), "{r}");
        let error = r["error"].as_str().unwrap();
        assert!(error.contains("kid matches secret #1"), "{error}");

        let minted = common::load("minted.json");
        let case = minted
            .cases
            .iter()
            .find(|c| c.id == "v5-kid-no-match")
            .unwrap();
        let secrets: Vec<&str> = case.secrets.iter().map(String::as_str).collect();
        let (code, r) = run(&case.token, &secrets);
        assert_eq!(code, Some(5));
        assert!(r["error"].as_str().unwrap().contains("kid"), "{r}");
    }
}

mod secret_hygiene {
    use super::*;
    use common::Case;
    use zeroize::Zeroizing;

    /// How the secrets reach the binary.
    #[derive(Clone, Copy, Debug)]
    pub(super) enum Via {
        Flag,
        Env,
        File,
        Stdin,
    }

    pub(super) const VIAS: [Via; 4] = [Via::Flag, Via::Env, Via::File, Via::Stdin];

    #[derive(Clone, Copy, Debug)]
    enum Mode {
        Human,
        Json,
        Quiet,
    }

    /// Every key the tool could derive from `secrets` for `case`, hex and base64 encoded.
    fn derived_keys(case: &Case) -> Vec<String> {
        let mut salts = Vec::new();
        salts.extend(case.cookie.clone());
        salts.extend(case.salt.clone());
        derived_keys_of(&case.secrets, &salts)
    }

    /// Every key derivable from `secrets` with the four session cookie names and `extra_salts`
    /// as salts, hex and base64 encoded.
    pub(super) fn derived_keys_of(secrets: &[String], extra_salts: &[String]) -> Vec<String> {
        let mut salts: Vec<String> = [
            "authjs.session-token",
            "__Secure-authjs.session-token",
            "next-auth.session-token",
            "__Secure-next-auth.session-token",
        ]
        .map(String::from)
        .to_vec();
        salts.extend(extra_salts.iter().cloned());
        salts.sort();
        salts.dedup();
        let mut derivations = vec![
            Derivation::V3Signing,
            Derivation::V3Encryption,
            Derivation::V4 {
                salt: String::new(),
            },
            Derivation::AuthjsUnsalted,
        ];
        for salt in salts {
            derivations.push(Derivation::V4 { salt: salt.clone() });
            for len in [32, 64] {
                derivations.push(Derivation::Authjs {
                    salt: salt.clone(),
                    len,
                });
            }
        }
        let mut out = Vec::new();
        for s in secrets {
            for d in &derivations {
                let key = d.derive(s.as_bytes());
                out.push(key.iter().map(|b| format!("{b:02x}")).collect());
                out.push(URL_SAFE_NO_PAD.encode(&*key));
                out.push(STANDARD.encode(&*key));
            }
        }
        out
    }

    /// Strings that must never appear in any output for `case`.
    fn forbidden(case: &Case) -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = case
            .secrets
            .iter()
            .filter(|s| s.len() >= 4)
            .map(|s| ("a secret".to_string(), s.clone()))
            .collect();
        f.extend(
            derived_keys(case)
                .into_iter()
                .map(|k| ("a derived key".into(), k)),
        );
        if let Some(h) = &case.cookie_header {
            for c in nextauth_inspect::cookies::header::parse(h) {
                if c.value.len() >= 16 {
                    f.push((format!("the value of cookie {}", c.name), c.value));
                }
            }
            if let Ok(Some(s)) = nextauth_inspect::cookies::find_session_cookie(
                &nextauth_inspect::cookies::header::parse(h),
                None,
            ) {
                f.push(("the joined session cookie".into(), s.value));
            }
        }
        f
    }

    /// Hands `secrets` to `cmd` the `via` way (a file is written to `dir` under `tag`);
    /// returns what standard input must carry (the secrets, for `--secret-stdin`). The
    /// environment holds at most four: AUTH_SECRET, AUTH_SECRET_1..3.
    pub(super) fn feed_secrets(
        cmd: &mut assert_cmd::Command,
        secrets: &[String],
        via: Via,
        dir: &Path,
        tag: &str,
    ) -> Option<String> {
        match via {
            Via::Flag => {
                for s in secrets {
                    cmd.arg(format!("--secret={s}"));
                }
                None
            }
            Via::Env => {
                let names = [
                    "AUTH_SECRET",
                    "AUTH_SECRET_1",
                    "AUTH_SECRET_2",
                    "AUTH_SECRET_3",
                ];
                for (name, s) in names.iter().zip(secrets) {
                    cmd.env(name, s);
                }
                None
            }
            Via::File => {
                let path = dir.join(format!("{tag}.secrets"));
                std::fs::write(&path, secrets.join("\n")).unwrap();
                cmd.arg("--secret-file").arg(path);
                None
            }
            Via::Stdin => {
                cmd.arg("--secret-stdin");
                Some(secrets.join("\n"))
            }
        }
    }

    /// Which of `forbidden` (what, value) appear on stdout or stderr.
    pub(super) fn leaks(forbidden: &[(String, String)], stdout: &str, stderr: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (what, value) in forbidden {
            if stdout.contains(value.as_str()) {
                found.push(format!("{what} on stdout"));
            }
            if stderr.contains(value.as_str()) {
                found.push(format!("{what} on stderr"));
            }
        }
        found
    }

    fn run_case(case: &Case, now: i64, via: Via, mode: Mode, dir: &Path) -> Result<(), String> {
        let mut cmd = common::bin();
        cmd.args(["token", "--color", "always", "--now", &now.to_string()]);
        match mode {
            Mode::Human => {}
            Mode::Json => {
                cmd.arg("--json");
            }
            Mode::Quiet => {
                cmd.arg("--quiet");
            }
        }
        assert!(case.secrets.len() <= 4, "{}: too many secrets", case.id);
        let mut stdin = feed_secrets(&mut cmd, &case.secrets, via, dir, &case.id);
        if let Some(salt) = &case.salt {
            cmd.arg(format!("--salt={salt}"));
        }
        match &case.cookie_header {
            Some(h) => {
                cmd.arg(format!("--cookie={h}"));
            }
            None => {
                if let Some(c) = &case.cookie {
                    cmd.arg(format!("--cookie-name={c}"));
                }
                if case.token.contains('\0') {
                    if stdin.is_some() {
                        return Ok(()); // stdin carries the secrets; argv cannot carry NUL
                    }
                    stdin = Some(case.token.clone());
                } else {
                    cmd.arg("--").arg(&case.token);
                }
            }
        }
        if let Some(s) = stdin {
            cmd.write_stdin(s);
        }
        let out = cmd.output().unwrap();
        let (so, se) = (stdout(&out), stderr(&out));
        let mut problems = leaks(&forbidden(case), &so, &se);
        let notes = se.matches("visible to other users").count();
        let expect_note = matches!(via, Via::Flag) && !matches!(mode, Mode::Quiet);
        if notes != usize::from(expect_note) {
            problems.push(format!("{notes} argv note(s) on stderr"));
        }
        let code = match case.expect.as_str() {
            "valid" => 0,
            "null" => 3,
            "expired" => 4,
            "invalid" => 5,
            _ => 6,
        };
        if out.status.code() != Some(code) {
            problems.push(format!("exit {:?}, expected {code}", out.status.code()));
        }
        match mode {
            Mode::Json if serde_json::from_str::<Value>(&so).is_err() => {
                problems.push("stdout is not one JSON document".into())
            }
            Mode::Quiet if !so.is_empty() || !se.is_empty() => {
                problems.push("--quiet printed something".into())
            }
            _ => {}
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} via {via:?}, {mode:?}: {}",
                case.id,
                problems.join("; ")
            ))
        }
    }

    /// Every case of both fixture files × human/--json/--quiet × --secret/env/--secret-file/
    /// --secret-stdin: no secret, derived key or full cookie value on stdout or stderr, the
    /// argv note exactly when --secret is used, and the documented exit code.
    #[test]
    fn no_secret_derived_key_or_cookie_value_in_any_output() {
        let mut jobs = Vec::new();
        for name in ["minted.json", "shared-vectors.json"] {
            let f = common::load(name);
            for case in f.cases {
                jobs.push((case, f.generated_at));
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let failures: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(jobs.len().div_ceil(4))
                .map(|chunk| {
                    let dir = dir.path();
                    scope.spawn(move || {
                        let mut failures = Vec::new();
                        for (case, now) in chunk {
                            for via in [Via::Flag, Via::Env, Via::File, Via::Stdin] {
                                for mode in [Mode::Human, Mode::Json, Mode::Quiet] {
                                    if let Err(e) = run_case(case, *now, via, mode, dir) {
                                        failures.push(e);
                                    }
                                }
                            }
                        }
                        failures
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        assert!(
            failures.is_empty(),
            "{} run(s) failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn secret_on_argv_prints_a_one_line_note_suggesting_the_alternatives() {
        let out = common::bin()
            .args([
                "token",
                "--secret",
                "s3cr3t-argv-value",
                "--secret",
                "another-one",
                "x.y.z",
            ])
            .output()
            .unwrap();
        let err = stderr(&out);
        let notes: Vec<&str> = err
            .lines()
            .filter(|l| l.contains("--secret on the command line"))
            .collect();
        assert_eq!(notes.len(), 1, "{err}");
        assert_eq!(
            notes[0],
            "note: --secret on the command line is visible to other users of this machine (ps, \
             /proc); prefer --secret-file, --secret-stdin or NEXTAUTH_SECRET/AUTH_SECRET"
        );
        assert!(!err.contains("s3cr3t-argv-value") && !stdout(&out).contains("s3cr3t-argv-value"));
    }

    #[test]
    fn secret_stdin_reads_rotated_secrets_and_prints_no_note() {
        let f = common::load("minted.json");
        let case = f.cases.iter().find(|c| c.id == "v5-rotation").unwrap();
        let out = common::bin()
            .args([
                "token",
                "--json",
                "--now",
                &f.generated_at.to_string(),
                "--secret-stdin",
                &case.token,
            ])
            .write_stdin(format!("\r\n{}\r\n", case.secrets.join("\r\n")))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let r = report_json(&out);
        assert_eq!(
            r["verified_with"]["secret_index"],
            case.secret_index.unwrap()
        );
        assert!(r["verified_with"]["secret_source"]
            .as_str()
            .unwrap()
            .starts_with("stdin:"));
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
        // Blank stdin is an error that names the source, not the content.
        let out = common::bin()
            .args(["token", "--secret-stdin", &case.token])
            .write_stdin("\n \n")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("stdin holds no secret"),
            "{}",
            stderr(&out)
        );
    }

    /// Derived keys live in `Zeroizing` buffers (wiped on drop); this fails to compile if
    /// `derive` ever returns a plain `Vec`.
    #[test]
    fn derived_keys_are_zeroizing_buffers() {
        fn wiped_on_drop(key: Zeroizing<Vec<u8>>) -> usize {
            key.len()
        }
        for (d, len) in [
            (Derivation::V3Signing, 64),
            (Derivation::V3Encryption, 32),
            (
                Derivation::V4 {
                    salt: String::new(),
                },
                32,
            ),
            (Derivation::AuthjsUnsalted, 32),
            (
                Derivation::Authjs {
                    salt: "authjs.session-token".into(),
                    len: 64,
                },
                64,
            ),
        ] {
            assert_eq!(wiped_on_drop(d.derive(b"secret")), len);
        }
    }

    #[test]
    fn debug_output_never_shows_secrets_or_cookie_values() {
        let token = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2VjcmV0LWl2.Y2lwaGVydGV4dA.dGFn";
        let secret = Secret::new("debug-secret-value", "--secret #1");
        let mut secrets = nextauth_inspect::secrets::Secrets::default();
        secrets.add_flags(&["debug-secret-value".into()]);
        let cookies =
            nextauth_inspect::cookies::header::parse(&format!("authjs.session-token={token}"));
        let session = nextauth_inspect::cookies::find_session_cookie(&cookies, None)
            .unwrap()
            .unwrap();
        let jar = nextauth_inspect::cookies::Jar::parse(&format!(
            "a.test\tFALSE\t/\tFALSE\t0\tauthjs.session-token\t{token}\n"
        ));
        let input = Input::from_text(token, "argument");
        let report = Inspector::new(std::slice::from_ref(&secret), Options::new(0)).inspect(&input);
        let dumps = [
            format!("{secret:?}"),
            format!("{secrets:?}"),
            format!("{cookies:?}"),
            format!("{session:?}"),
            format!("{jar:?}"),
            format!("{:?}", jar.cookies().collect::<Vec<_>>()),
            format!("{input:?}"),
            format!("{report:?}"),
        ];
        for d in &dumps {
            assert!(!d.contains("debug-secret-value"), "{d}");
            assert!(!d.contains(token), "{d}");
        }
    }
}

pub mod cookie_safety {
    use super::*;
    use nextauth_inspect::cookies::{ChangeKind, HeldBackReason, Jar, JarError, SetCookieError};
    use proptest::prelude::*;
    use url::Url;

    const NOW: i64 = harness::NOW;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn line(domain: &str, sub: bool, path: &str, secure: bool, name: &str) -> String {
        let f = |b: bool| if b { "TRUE" } else { "FALSE" };
        format!(
            "{domain}\t{}\t{path}\t{}\t0\t{name}\tv\n",
            f(sub),
            f(secure)
        )
    }

    fn sent(jar: &Jar, u: &str) -> Vec<String> {
        jar.select(&url(u), NOW)
            .sent
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    fn held(jar: &Jar, u: &str, name: &str) -> Option<HeldBackReason> {
        jar.select(&url(u), NOW)
            .held_back
            .into_iter()
            .find(|h| h.cookie.name == name)
            .map(|h| h.reason)
    }

    /// Jar text built from cookie-like lines over the hosts the harness selects for.
    pub fn jar_text() -> impl Strategy<Value = String> {
        let domain = prop_oneof![
            Just("example.com"),
            Just(".example.com"),
            Just("EXAMPLE.com"),
            Just("app.example.com"),
            Just("ample.com"),
            Just("com"),
            Just("localhost"),
            Just("127.0.0.1"),
            Just("0.0.1"),
            Just("::1"),
            Just("[::1]"),
            Just("2001:db8::1"),
            Just("a.test"),
            Just("test"),
        ];
        let name = prop_oneof![
            Just("__Host-authjs.csrf-token"),
            Just("__Secure-authjs.session-token"),
            Just("__secure-x"),
            Just("__HOST-y"),
            Just("next-auth.session-token"),
            Just("authjs.session-token.0"),
            Just("plain"),
        ];
        let path = prop_oneof![
            Just("/"),
            Just("/app"),
            Just("/app/"),
            Just("/api/auth"),
            Just("relative"),
            Just("")
        ];
        let expiry = prop_oneof![
            Just(0i64),
            Just(NOW),
            Just(NOW + 1),
            Just(NOW - 1),
            any::<i64>()
        ];
        let http_only = any::<bool>();
        prop::collection::vec(
            (
                http_only,
                domain,
                any::<bool>(),
                path,
                any::<bool>(),
                expiry,
                name,
            ),
            0..12,
        )
        .prop_map(|lines| {
            lines
                .into_iter()
                .map(|(h, d, sub, p, sec, exp, n)| {
                    let f = |b: bool| if b { "TRUE" } else { "FALSE" };
                    format!(
                        "{}{d}\t{}\t{p}\t{}\t{exp}\t{n}\tv\n",
                        if h { "#HttpOnly_" } else { "" },
                        f(sub),
                        f(sec)
                    )
                })
                .collect()
        })
    }

    pub fn set_cookie() -> impl Strategy<Value = String> {
        let name = prop_oneof![
            Just("__Host-h"),
            Just("__Secure-s"),
            Just("p"),
            Just("authjs.session-token")
        ];
        let attrs = prop::collection::vec(
            prop_oneof![
                Just("Secure"),
                Just("HttpOnly"),
                Just("Path=/"),
                Just("Path=/app"),
                Just("Domain=example.com"),
                Just("Domain=.example.com"),
                Just("Domain=com"),
                Just("Domain=127.0.0.1"),
                Just("Max-Age=0"),
                Just("Max-Age=9223372036854775807"),
                Just("Max-Age=-9223372036854775808"),
                Just("Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
                Just("Expires=Fri, 31 Dec 9999 23:59:59 GMT"),
            ],
            0..5,
        );
        (name, "[a-zA-Z0-9%]{0,8}", attrs).prop_map(|(n, v, a)| {
            let mut s = format!("{n}={v}");
            for attr in a {
                s.push_str("; ");
                s.push_str(attr);
            }
            s
        })
    }

    proptest! {
        /// Whatever the jar holds, a selection sends only cookies whose domain and path match
        /// the URL, that have not expired, and — unless the origin is https or loopback —
        /// that are neither `Secure` nor `__Secure-`/`__Host-` prefixed; prefixed cookies
        /// must also carry the attributes their prefix demands.
        #[test]
        fn selection_obeys_domain_path_secure_and_prefix_rules(jar in jar_text(), extra in "[a-z0-9./:\\[\\]-]{0,12}") {
            let jar = Jar::parse(&jar);
            let mut urls: Vec<Url> = harness::JAR_URLS.iter().map(|u| url(u)).collect();
            if let Ok(u) = Url::parse(&format!("http://{extra}/")) {
                urls.push(u);
            }
            for u in &urls {
                harness::check_selection(&jar.select(u, NOW), u, NOW);
            }
        }

        /// Cookies stored from Set-Cookie answers obey the same rules when sent back.
        #[test]
        fn set_cookie_then_select_obeys_the_rules(headers in prop::collection::vec(set_cookie(), 0..8), from in 0usize..8) {
            let mut jar = Jar::new();
            let origin = url(harness::JAR_URLS[from]);
            for h in &headers {
                let _ = jar.apply_set_cookie(&origin, h, NOW);
            }
            for u in harness::JAR_URLS {
                let u = url(u);
                harness::check_selection(&jar.select(&u, NOW), &u, NOW);
            }
        }
    }

    #[test]
    fn secure_cookies_go_only_to_https_or_loopback() {
        let jar = Jar::parse(&format!(
            "{}{}{}{}",
            line(".example.com", true, "/", true, "sec"),
            line("localhost", false, "/", true, "sec"),
            line("127.0.0.1", false, "/", true, "sec"),
            line("::1", false, "/", true, "sec"),
        ));
        assert_eq!(
            held(&jar, "http://example.com/", "sec"),
            Some(HeldBackReason::SecureOverHttp)
        );
        assert_eq!(
            held(&jar, "http://app.example.com:8080/", "sec"),
            Some(HeldBackReason::SecureOverHttp)
        );
        assert_eq!(sent(&jar, "https://app.example.com/"), ["sec"]);
        for u in [
            "http://localhost:3000/",
            "http://127.0.0.1:3000/",
            "http://[::1]:3000/",
        ] {
            assert_eq!(sent(&jar, u), ["sec"], "{u}");
        }
        // Names that only look local are not loopback.
        for u in [
            "http://localhost.example.com/",
            "http://127.0.0.1.nip.io/",
            "http://10.0.0.1/",
        ] {
            assert!(!nextauth_inspect::cookies::is_secure_origin(&url(u)), "{u}");
        }
    }

    #[test]
    fn cookies_go_only_to_matching_domains_and_paths() {
        let jar = Jar::parse(&format!(
            "{}{}{}{}",
            line("example.com", false, "/", false, "host-only"),
            line(".example.com", true, "/", false, "domain"),
            line("example.com", false, "/app", false, "app"),
            line("127.0.0.1", true, "/", false, "ip"),
        ));
        assert_eq!(
            sent(&jar, "https://example.com/app/x"),
            ["app", "host-only", "domain"]
        );
        assert_eq!(sent(&jar, "https://app.example.com/app"), ["domain"]);
        assert!(sent(&jar, "https://example.com/application")
            .iter()
            .all(|n| n != "app"));
        for other in [
            "https://evilexample.com/",
            "https://example.com.evil.test/",
            "https://com/",
            "https://other.test/app",
        ] {
            assert!(
                sent(&jar, other).is_empty(),
                "{other} got {:?}",
                sent(&jar, other)
            );
        }
        // Another origin (what a redirect would reach) gets none of this site's cookies.
        assert!(sent(&jar, "http://127.0.0.2/").is_empty());
        assert!(sent(&jar, "http://0.1/").is_empty());
        assert_eq!(sent(&jar, "http://127.0.0.1/"), ["ip"]);
    }

    #[test]
    fn host_and_secure_prefix_rules_are_respected() {
        let jar = Jar::parse(&format!(
            "{}{}{}{}{}",
            line("example.com", false, "/", true, "__Host-ok"),
            line(".example.com", true, "/", true, "__Host-domain"),
            line("example.com", false, "/app", true, "__Host-path"),
            line("example.com", false, "/", false, "__Secure-unsecure"),
            line("example.com", false, "/", true, "__Secure-ok"),
        ));
        assert_eq!(
            sent(&jar, "https://example.com/app/x"),
            ["__Host-ok", "__Secure-ok"]
        );
        assert!(sent(&jar, "https://sub.example.com/").is_empty());
        assert_eq!(
            held(&jar, "http://example.com/", "__Secure-ok"),
            Some(HeldBackReason::SecureOverHttp)
        );
        let mut jar = Jar::new();
        let https = url("https://example.com/a/b");
        for bad in [
            "__Host-x=1; Secure; Path=/; Domain=example.com",
            "__Host-x=1; Secure",
            "__Host-x=1; Path=/",
            "__Secure-x=1; Path=/",
            "__secure-x=1",
        ] {
            assert!(
                matches!(
                    jar.apply_set_cookie(&https, bad, NOW),
                    Err(SetCookieError::PrefixViolation { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            jar.apply_set_cookie(&url("http://example.com/"), "__Secure-x=1; Secure", NOW),
            Err(SetCookieError::SecureFromInsecureOrigin { .. })
        ));
        assert_eq!(
            jar.apply_set_cookie(&https, "__Host-x=1; Secure; Path=/", NOW)
                .unwrap()
                .kind,
            ChangeKind::Added
        );
        assert_eq!(jar.cookies().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn jar_writes_are_atomic_private_and_never_truncate_on_error() {
        use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jar.txt");
        let old = "# old\na.test\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\tOLD\n";
        std::fs::write(&path, old).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        // A hard link sees the old inode: an in-place rewrite would change what it reads.
        let link = dir.path().join("link");
        std::fs::hard_link(&path, &link).unwrap();
        let inode = std::fs::metadata(&path).unwrap().ino();

        let mut jar = Jar::load(&path).unwrap();
        jar.apply_set_cookie(
            &url("http://a.test/"),
            "next-auth.session-token=NEW; Path=/",
            NOW,
        )
        .unwrap();
        jar.save_atomic(&path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&link).unwrap(),
            old,
            "the old file was rewritten in place"
        );
        assert_ne!(
            std::fs::metadata(&path).unwrap().ino(),
            inode,
            "not replaced by rename"
        );
        assert!(std::fs::read_to_string(&path).unwrap().ends_with("\tNEW\n"));
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "a temporary file was left behind");

        // Failures leave the jar as it was: a directory in the way, a missing directory.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside"), "kept").unwrap();
        assert!(matches!(
            jar.save_atomic(&blocked),
            Err(JarError::Write { .. })
        ));
        assert_eq!(
            std::fs::read_to_string(blocked.join("inside")).unwrap(),
            "kept"
        );
        let under_file = path.join("jar.txt");
        assert!(matches!(
            jar.save_atomic(&under_file),
            Err(JarError::Write { .. })
        ));
        assert!(std::fs::read_to_string(&path).unwrap().ends_with("\tNEW\n"));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            3,
            "a temporary file was left behind"
        );
    }
}

/// The `secret_hygiene` grep over the other commands: `mint` (whose token is the point of its
/// stdout, but never on stderr), `token --batch`, and `session`/`login` against local servers
/// (cookie values, field values and `-H` values never printed, error paths included).
mod secret_hygiene_commands {
    use super::secret_hygiene::{derived_keys_of, feed_secrets, leaks, Via, VIAS};
    use super::*;
    use common::http::{json, json_status, reply, Reply, Server};
    use nextauth_inspect::cookies::{self, Cookie, Jar};
    use nextauth_inspect::token::seal::{self, SealFormat, SealOptions};

    /// 2027-01-15T08:00:00Z, the clock of every run here.
    const NOW: i64 = 1_800_000_000;
    const IN_30_DAYS: &str = "2027-02-14T08:00:00.000Z";
    const AUTH_HEADER: &str = "SENTINEL-authorization-header-value";

    /// Runs `jobs` on four threads, collecting every failure message.
    fn par<T: Sync>(jobs: &[T], run: impl Fn(&T) -> Result<(), String> + Sync) -> Vec<String> {
        if jobs.is_empty() {
            return Vec::new();
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(jobs.len().div_ceil(4))
                .map(|chunk| {
                    let run = &run;
                    scope.spawn(move || chunk.iter().filter_map(|j| run(j).err()).collect())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|_| vec!["a job panicked".into()]))
                .collect::<Vec<String>>()
        })
    }

    fn report(failures: Vec<String>, runs: usize) {
        assert!(
            failures.is_empty(),
            "{} of {runs} run(s) failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    fn secret_pairs(secrets: &[String]) -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = secrets
            .iter()
            .map(|s| ("a secret".to_string(), s.clone()))
            .collect();
        f.extend(
            derived_keys_of(secrets, &[])
                .into_iter()
                .map(|k| ("a derived key".to_string(), k)),
        );
        f
    }

    fn argv_notes(stderr: &str) -> usize {
        stderr.matches("--secret on the command line").count()
    }

    // ---------------------------------------------------------------- mint

    #[derive(Clone, Copy, Debug)]
    enum As {
        Token,
        Cookie,
        Json,
        Jar,
    }

    #[derive(Debug)]
    struct MintJob {
        format: SealFormat,
        output: As,
        via: Via,
        big: bool,
        secure: bool,
    }

    /// The session cookie the minted output carries: (base name, token, the cookies).
    fn minted_cookies(
        job: &MintJob,
        stdout: &str,
        jar: &Path,
    ) -> Result<(String, String, Vec<Cookie>), String> {
        let from_header = |h: &str| -> Result<(String, String, Vec<Cookie>), String> {
            let pairs = cookies::header::parse(h);
            let s = cookies::find_session_cookie(&pairs, None)
                .map_err(|e| e.to_string())?
                .ok_or("no session cookie in the output")?;
            Ok((s.name, s.value, pairs))
        };
        match job.output {
            As::Token => {
                let token = stdout.trim().to_string();
                if stdout.lines().count() != 1 {
                    return Err("--as token is not one line".into());
                }
                Ok((String::new(), token, Vec::new()))
            }
            As::Cookie => from_header(stdout.trim()),
            As::Json => {
                let doc: Value = serde_json::from_str(stdout).map_err(|e| e.to_string())?;
                let (name, joined, pairs) =
                    from_header(doc["cookie_header"].as_str().unwrap_or_default())?;
                if doc["token"] != joined.as_str() || doc["cookie_name"] != name.as_str() {
                    return Err("the JSON token differs from its cookies".into());
                }
                Ok((name, joined, pairs))
            }
            As::Jar => {
                if !stdout.is_empty() {
                    return Err("stdout is not empty with --cookie-jar".into());
                }
                let jar = Jar::load(jar).map_err(|e| e.to_string())?;
                let pairs: Vec<Cookie> = jar.cookies().map(|c| c.to_cookie()).collect();
                from_header(&cookies::header::build(&pairs))
            }
        }
    }

    fn mint_case(job: &MintJob, secrets: &[String], dir: &Path, n: usize) -> Result<(), String> {
        let fail = |what: String| Err(format!("{job:?}: {what}"));
        let mut cmd = common::http::network_bin();
        cmd.args([
            "mint",
            "--now",
            &NOW.to_string(),
            "--format",
            job.format.as_str(),
        ]);
        if job.big {
            let claims = dir.join(format!("claims-{n}.json"));
            let blob = "b".repeat(6000);
            std::fs::write(
                &claims,
                json!({"sub": "1", "email": "mint@example.com", "blob": blob}).to_string(),
            )
            .unwrap();
            cmd.arg(format!("--claims=@{}", claims.display()));
        } else {
            cmd.arg(r#"--claims={"sub":"1","email":"mint@example.com","iat":1}"#);
        }
        if job.secure {
            cmd.arg("--secure");
        }
        let jar = dir.join(format!("jar-{n}.txt"));
        match job.output {
            As::Token => cmd.args(["--as", "token"]),
            As::Cookie => cmd.args(["--as", "cookie"]),
            As::Json => cmd.args(["--as", "json"]),
            As::Jar => cmd
                .arg("--cookie-jar")
                .arg(&jar)
                .args(["--url", "http://localhost:3000"]),
        };
        if let Some(stdin) = feed_secrets(&mut cmd, secrets, job.via, dir, &format!("mint-{n}")) {
            cmd.write_stdin(stdin);
        }
        let out = cmd.output().unwrap();
        let (so, se) = (stdout(&out), stderr(&out));
        if out.status.code() != Some(0) {
            return fail(format!("exit {:?}: {se}", out.status.code()));
        }
        let mut problems = leaks(&secret_pairs(secrets), &so, &se);
        let (name, token, pairs) = match minted_cookies(job, &so, &jar) {
            Ok(found) => found,
            Err(e) => return fail(e),
        };
        // The token on stdout is real: it opens with the first secret.
        let mut options = Options::new(NOW);
        if !name.is_empty() {
            options.cookie_name = Some(name.clone());
        } else if job.format == SealFormat::V5 {
            options.cookie_name = Some(
                if job.secure {
                    "__Secure-authjs.session-token"
                } else {
                    "authjs.session-token"
                }
                .into(),
            );
        }
        let opened = Inspector::new(&[Secret::new(secrets[0].clone(), "test")], options)
            .inspect(&Input::from_text(&token, "argument"));
        if opened.status != Status::Valid {
            problems.push(format!(
                "the minted token does not open: {:?}",
                opened.error
            ));
        }
        if se.contains(&token) {
            problems.push("the token on stderr".into());
        }
        for c in pairs.iter().filter(|c| c.value.len() >= 16) {
            if se.contains(&c.value) {
                problems.push(format!("the value of cookie {} on stderr", c.name));
            }
        }
        if job.big && matches!(job.format, SealFormat::V4 | SealFormat::V5) {
            let chunked = pairs.len() > 1 || matches!(job.output, As::Token);
            if !chunked || !se.contains("split into") {
                problems.push("a 6 KB token was not chunked".into());
            }
        }
        let notes = argv_notes(&se);
        if notes != usize::from(matches!(job.via, Via::Flag)) {
            problems.push(format!("{notes} argv note(s)"));
        }
        if !se.contains("sealing with the first of 2 secrets") {
            problems.push(format!("no rotation note: {se}"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            fail(problems.join("; "))
        }
    }

    /// Every format × `--as token|cookie|json` and `--cookie-jar` × secrets by flag, env,
    /// file and stdin (plus chunked 6 KB tokens): the token is on stdout (and opens with the
    /// first secret), and no secret or derived key is anywhere, nor the token or a cookie
    /// value on stderr.
    #[test]
    fn mint_prints_the_token_on_stdout_only_and_never_a_secret_or_key() {
        let secrets = vec![
            "mint-hygiene-first-secret-0123456789".to_string(),
            "mint-hygiene-second-secret-abcdefghi".to_string(),
        ];
        let formats = [
            SealFormat::V3,
            SealFormat::V3Encrypted,
            SealFormat::V4,
            SealFormat::V5,
        ];
        let mut jobs = Vec::new();
        for (i, format) in formats.into_iter().enumerate() {
            for (j, output) in [As::Token, As::Cookie, As::Json, As::Jar]
                .into_iter()
                .enumerate()
            {
                for via in VIAS {
                    jobs.push(MintJob {
                        format,
                        output,
                        via,
                        big: false,
                        secure: (i + j) % 2 == 1,
                    });
                }
                jobs.push(MintJob {
                    format,
                    output,
                    via: VIAS[(i + j) % 4],
                    big: true,
                    secure: false,
                });
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let indexed: Vec<(usize, &MintJob)> = jobs.iter().enumerate().collect();
        let failures = par(&indexed, |(n, job)| {
            mint_case(job, &secrets, dir.path(), *n)
        });
        report(failures, jobs.len());
    }

    // ---------------------------------------------------------------- token --batch

    /// Every one-line fixture token in one batch, with all their secrets by flag, env, file
    /// and stdin (then the tokens come from --input), printing and --quiet: no secret or
    /// derived key in stdout or stderr, one JSON report line per token.
    #[test]
    fn batch_never_prints_a_secret_or_derived_key() {
        let mut tokens = Vec::new();
        let mut secrets: Vec<String> = Vec::new();
        let mut salts: Vec<String> = Vec::new();
        for name in ["minted.json", "shared-vectors.json"] {
            for case in common::load(name).cases {
                if case.cookie_header.is_some()
                    || case.token.trim().is_empty()
                    || case.token.contains(['\n', '\r', '\0'])
                {
                    continue;
                }
                tokens.push(case.token.trim().to_string());
                salts.extend(case.cookie.clone());
                salts.extend(case.salt.clone());
                for s in case.secrets {
                    if !secrets.contains(&s) {
                        secrets.push(s);
                    }
                }
            }
        }
        assert!(tokens.len() > 50, "{} tokens", tokens.len());
        let mut forbidden: Vec<(String, String)> = secrets
            .iter()
            .filter(|s| s.len() >= 4)
            .map(|s| ("a secret".to_string(), s.clone()))
            .collect();
        forbidden.extend(
            derived_keys_of(&secrets, &salts)
                .into_iter()
                .map(|k| ("a derived key".to_string(), k)),
        );
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("tokens.txt");
        std::fs::write(&input, tokens.join("\n")).unwrap();
        // Each run opens every token with every secret: --quiet only twice.
        let mut jobs: Vec<(Via, bool)> = VIAS.into_iter().map(|v| (v, false)).collect();
        jobs.extend([(Via::Flag, true), (Via::Stdin, true)]);
        let failures = par(&jobs, |&(via, quiet)| {
            let mut cmd = common::http::network_bin();
            cmd.args(["token", "--batch", "--now", "1700000000"]);
            if quiet {
                cmd.arg("--quiet");
            }
            // The environment holds four secrets at most; the others go unused.
            let given = match via {
                Via::Env => &secrets[..4],
                _ => &secrets[..],
            };
            let tag = format!("batch-{via:?}-{quiet}");
            let stdin = feed_secrets(&mut cmd, given, via, dir.path(), &tag);
            match stdin {
                Some(s) => {
                    cmd.arg("--input").arg(&input).write_stdin(s);
                }
                None if matches!(via, Via::File) => {
                    cmd.arg("--input").arg(&input);
                }
                None => {
                    cmd.write_stdin(tokens.join("\n"));
                }
            }
            let out = cmd.output().unwrap();
            let (so, se) = (stdout(&out), stderr(&out));
            let mut problems = leaks(&forbidden, &so, &se);
            if quiet && (!so.is_empty() || !se.is_empty()) {
                problems.push("--quiet printed something".into());
            }
            if !quiet {
                if so.lines().count() != tokens.len()
                    || so
                        .lines()
                        .any(|l| serde_json::from_str::<Value>(l).is_err())
                {
                    problems.push("not one JSON report per token".into());
                }
                if !se.contains(&format!("{} token(s)", tokens.len())) {
                    problems.push(format!("no summary: {se}"));
                }
                if argv_notes(&se) != usize::from(matches!(via, Via::Flag)) {
                    problems.push("argv note count".into());
                }
            }
            if !matches!(out.status.code(), Some(3..=6)) {
                problems.push(format!("exit {:?}", out.status.code()));
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(format!("{via:?}, quiet {quiet}: {}", problems.join("; ")))
            }
        });
        report(failures, jobs.len());
    }

    // ---------------------------------------------------------------- session and login

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Mode {
        Human,
        Json,
        Quiet,
        Nagios,
    }

    const MODES: [Mode; 4] = [Mode::Human, Mode::Json, Mode::Quiet, Mode::Nagios];

    impl Mode {
        fn args(self) -> &'static [&'static str] {
            match self {
                Mode::Human => &["--color", "always"],
                Mode::Json => &["--json"],
                Mode::Quiet => &["--quiet"],
                Mode::Nagios => &["--nagios"],
            }
        }

        /// The exit code for a plain exit code `code` (0 valid, 1 failure, 3 null/refused,
        /// 4 expired, 5 wrong user).
        fn code(self, code: i32) -> i32 {
            match (self, code) {
                (Mode::Nagios, 0) => 0,
                (Mode::Nagios, 1) => 3,
                (Mode::Nagios, _) => 2,
                (_, c) => c,
            }
        }

        /// What stdout must look like.
        fn check_stdout(self, stdout: &str) -> Result<(), String> {
            match self {
                Mode::Json if serde_json::from_str::<Value>(stdout).is_err() => {
                    Err("stdout is not one JSON document".into())
                }
                Mode::Quiet if !stdout.is_empty() => Err("--quiet printed on stdout".into()),
                Mode::Nagios if stdout.lines().count() != 1 => {
                    Err("--nagios is not one line".into())
                }
                _ => Ok(()),
            }
        }
    }

    fn seal_v5(secret: &str, cookie: &str, claims: Value) -> String {
        seal::seal(
            claims.as_object().unwrap(),
            secret.as_bytes(),
            &SealOptions {
                format: SealFormat::V5,
                salt: cookie.into(),
                max_age: 30 * 86_400,
                now: NOW,
            },
        )
        .unwrap()
        .token
    }

    /// A port nothing listens on.
    fn closed_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    fn valid_session_body() -> String {
        format!(
            r#"{{"user":{{"name":"Alice","email":"alice@example.com"}},"expires":"{IN_30_DAYS}"}}"#
        )
    }

    /// `session` × answers (valid with a renewed cookie, null with a cleared one, expired,
    /// 500, a redirect, no server) × human/--json/--quiet/--nagios × secrets by flag, env,
    /// file and stdin, the cookies from --cookie (chunked v5), -H Cookie (v4), a jar, and a
    /// jar with --update-jar: no secret, derived key, cookie value (sent or set), or -H value
    /// in any output, and the documented exit code.
    #[test]
    fn session_never_prints_cookie_values_secrets_or_header_values() {
        let secrets = vec!["session-hygiene-secret-0123456789abcdef".to_string()];
        let claims = json!({"sub": "1", "email": "alice@example.com", "blob": "c".repeat(5000)});
        let v5 = seal_v5(&secrets[0], "authjs.session-token", claims);
        let chunks = cookies::chunk("authjs.session-token", &v5, cookies::V5_CHUNK_SIZE);
        assert!(chunks.len() > 1);
        let v4 = seal::seal(
            json!({"sub": "1"}).as_object().unwrap(),
            secrets[0].as_bytes(),
            &SealOptions {
                format: SealFormat::V4,
                salt: String::new(),
                max_age: 86_400,
                now: NOW,
            },
        )
        .unwrap()
        .token;
        let csrf = "SENTINEL-session-csrf-cookie-value%7Chash";
        let other = "SENTINEL-other-cookie-value-0003";
        let renewed = "SENTINEL-renewed-session-value-0001";
        let new_csrf = "SENTINEL-new-csrf-cookie-value-0002";
        let foreign = "SENTINEL-foreign-domain-cookie-value-0006";
        let broken = "SENTINEL-broken-jar-line-value-0007";

        let mut forbidden = secret_pairs(&secrets);
        for (what, value) in [
            ("the v5 session token", v5.as_str()),
            ("the v4 session token", v4.as_str()),
            ("the csrf cookie", csrf),
            (
                "the decoded csrf cookie",
                "SENTINEL-session-csrf-cookie-value|hash",
            ),
            ("another cookie", other),
            ("the renewed session cookie", renewed),
            ("the new csrf cookie", new_csrf),
            ("a rejected Set-Cookie", foreign),
            ("a broken jar line", broken),
            ("the -H value", AUTH_HEADER),
        ] {
            forbidden.push((what.to_string(), value.to_string()));
        }
        for c in &chunks {
            forbidden.push((format!("the value of {}", c.name), c.value.clone()));
        }

        let dir = tempfile::tempdir().unwrap();
        let mut jar_text = String::new();
        for c in &chunks {
            jar_text.push_str(&format!(
                "127.0.0.1\tFALSE\t/\tFALSE\t0\t{}\t{}\n",
                c.name, c.value
            ));
        }
        jar_text.push_str(&format!(
            "127.0.0.1\tFALSE\t/\tFALSE\t0\tauthjs.csrf-token\t{csrf}\n"
        ));
        // A line the parser warns about (six fields): the warning names the line, not its text.
        jar_text.push_str(&format!(
            "127.0.0.1\tFALSE\t/\tFALSE\tauthjs.session-token\t{broken}\n"
        ));
        let jar = dir.path().join("shared.jar");
        std::fs::write(&jar, &jar_text).unwrap();
        let mut v5_header = cookies::header::build(&chunks);
        v5_header.push_str(&format!("; authjs.csrf-token={csrf}"));

        let set_renewed = format!(
            "Set-Cookie: authjs.session-token={renewed}; Path=/; Expires=Sun, 14 Feb 2027 08:00:00 GMT; HttpOnly; SameSite=Lax"
        );
        let set_cleared = "Set-Cookie: authjs.session-token=; Path=/; Max-Age=0".to_string();
        let set_csrf = format!("Set-Cookie: authjs.csrf-token={new_csrf}; Path=/; HttpOnly");
        // Rejected (foreign Domain): --update-jar warns about it by name.
        let set_foreign =
            format!("Set-Cookie: authjs.session-token={foreign}; Domain=other.test; Path=/");
        let config = r#"{"message":"There is a problem with the server configuration. Check the server logs for more information."}"#;
        let answers: Vec<(&str, Option<Reply>, i32)> = vec![
            (
                "valid",
                Some(json(
                    &valid_session_body(),
                    &[&set_renewed, &set_csrf, &set_foreign],
                )),
                0,
            ),
            (
                "null",
                Some(json("{}", &[&set_cleared, &set_csrf, &set_foreign])),
                3,
            ),
            (
                "expired",
                Some(json(
                    r#"{"user":{"email":"alice@example.com"},"expires":"2026-01-01T00:00:00.000Z"}"#,
                    &[&set_renewed],
                )),
                4,
            ),
            (
                "500",
                Some(json_status(
                    "500 Internal Server Error",
                    config,
                    &[&set_renewed],
                )),
                1,
            ),
            (
                "redirect",
                Some(reply(
                    "302 Found",
                    &[
                        "Location: /api/auth/signin?callbackUrl=%2F",
                        &set_renewed,
                        &set_csrf,
                    ],
                    "",
                )),
                1,
            ),
            ("no server", None, 1),
        ];
        let servers: Vec<Option<Server>> = answers
            .iter()
            .map(|(_, answer, _)| {
                answer
                    .as_ref()
                    .map(|a| Server::start(vec![("/api/auth/session", vec![a.clone()])]))
            })
            .collect();
        let down = format!("http://127.0.0.1:{}", closed_port());
        let mut jobs = Vec::new();
        for (a, (what, _, code)) in answers.iter().enumerate() {
            let url = servers[a].as_ref().map_or(down.clone(), Server::url);
            for (m, mode) in MODES.into_iter().enumerate() {
                for (v, via) in VIAS.into_iter().enumerate() {
                    jobs.push((*what, url.clone(), *code, mode, via, (m + v + a) % 4));
                }
            }
        }
        let indexed: Vec<_> = jobs.iter().enumerate().collect();
        let failures = par(&indexed, |(n, (what, url, code, mode, via, source))| {
            let mut cmd = common::http::network_bin();
            cmd.args(["session", "--now", &NOW.to_string(), "--timeout", "5"])
                .args(["--url", url])
                .args(mode.args())
                .arg("-H")
                .arg(format!("Authorization: Bearer {AUTH_HEADER}"));
            match source {
                0 => {
                    cmd.arg(format!("--cookie={v5_header}"));
                }
                1 => {
                    cmd.arg("-H").arg(format!(
                        "Cookie: next-auth.session-token={v4}; other={other}"
                    ));
                }
                2 => {
                    cmd.arg("--cookie-jar").arg(&jar);
                }
                _ => {
                    let own = dir.path().join(format!("session-{n}.jar"));
                    std::fs::write(&own, &jar_text).unwrap();
                    cmd.arg("--cookie-jar").arg(own).arg("--update-jar");
                }
            }
            let tag = format!("session-{n}");
            if let Some(stdin) = feed_secrets(&mut cmd, &secrets, *via, dir.path(), &tag) {
                cmd.write_stdin(stdin);
            }
            let out = cmd.output().unwrap();
            let (so, se) = (stdout(&out), stderr(&out));
            let mut problems = leaks(&forbidden, &so, &se);
            if let Err(e) = mode.check_stdout(&so) {
                problems.push(e);
            }
            if out.status.code() != Some(mode.code(*code)) {
                problems.push(format!(
                    "exit {:?}, expected {}",
                    out.status.code(),
                    mode.code(*code)
                ));
            }
            let expect_note = matches!(via, Via::Flag) && *mode != Mode::Quiet;
            if argv_notes(&se) != usize::from(expect_note) {
                problems.push("argv note count".into());
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{what}, {mode:?}, {via:?}, cookies #{source}: {}\n{so}{se}",
                    problems.join("; ")
                ))
            }
        });
        report(failures, jobs.len());
    }

    /// `login` × outcomes (signed in, wrong credentials, CSRF rejected, 500 at the callback,
    /// 500 at the first step, no server, no session after an accepted sign-in) ×
    /// human/--json/--quiet/--nagios, the password as `-f password=VALUE`, `@FILE` and
    /// `env:VAR`, secrets by flag, env, file and stdin: no field value, cookie value, CSRF
    /// token, -H value, secret or derived key in any output, and the documented exit code.
    #[test]
    fn login_never_prints_field_values_cookie_values_or_secrets() {
        let secrets = vec!["login-hygiene-secret-0123456789abcdef".to_string()];
        let token = seal_v5(
            &secrets[0],
            "authjs.session-token",
            json!({"sub": "1", "email": "alice@example.com"}),
        );
        let user = "SENTINEL-user-field-value";
        let password = "SENTINEL-password-field-value";
        let csrf_token = "SENTINEL-csrf-body-token-0004";
        let csrf_cookie = "SENTINEL-login-csrf-cookie-0005";
        let mut forbidden = secret_pairs(&secrets);
        for (what, value) in [
            ("the session cookie", token.as_str()),
            ("the user field", user),
            ("the password", password),
            ("the CSRF token", csrf_token),
            ("the csrf cookie", csrf_cookie),
            ("the -H value", AUTH_HEADER),
        ] {
            forbidden.push((what.to_string(), value.to_string()));
        }

        let csrf = json(
            &format!(r#"{{"csrfToken":"{csrf_token}"}}"#),
            &[&format!(
                "Set-Cookie: authjs.csrf-token={csrf_cookie}%7Chash; Path=/; HttpOnly; SameSite=Lax"
            )],
        );
        let providers = json(
            r#"{"credentials":{"id":"credentials","name":"Credentials","type":"credentials"}}"#,
            &[],
        );
        let set_session = format!(
            "Set-Cookie: authjs.session-token={token}; Path=/; Expires=Sun, 14 Feb 2027 08:00:00 GMT; HttpOnly; SameSite=Lax"
        );
        let accepted = json(r#"{"url":"http://localhost:3000/"}"#, &[&set_session]);
        let valid = json(&valid_session_body(), &[&set_session]);
        let config = json_status(
            "500 Internal Server Error",
            r#"{"message":"There is a problem with the server configuration. Check the server logs for more information."}"#,
            &[],
        );
        let site = |csrf: &Reply, callback: &Reply, session: &Reply| {
            Some(Server::start(vec![
                ("/api/auth/csrf", vec![csrf.clone()]),
                ("/api/auth/providers", vec![providers.clone()]),
                ("/api/auth/callback/credentials", vec![callback.clone()]),
                ("/api/auth/session", vec![session.clone()]),
            ]))
        };
        let outcomes: Vec<(&str, Option<Server>, i32)> = vec![
            ("signed in", site(&csrf, &accepted, &valid), 0),
            (
                "wrong credentials",
                site(
                    &csrf,
                    &json_status(
                        "401 Unauthorized",
                        r#"{"url":"http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials"}"#,
                        &[],
                    ),
                    &valid,
                ),
                3,
            ),
            (
                "CSRF rejected",
                site(
                    &csrf,
                    &json(
                        r#"{"url":"http://localhost:3000/api/auth/signin?error=MissingCSRF"}"#,
                        &[],
                    ),
                    &valid,
                ),
                3,
            ),
            ("500 at the callback", site(&csrf, &config, &valid), 1),
            ("500 at the csrf step", site(&config, &accepted, &valid), 1),
            ("no server", None, 1),
            ("no session", site(&csrf, &accepted, &json("null", &[])), 3),
        ];
        let down = format!("http://127.0.0.1:{}", closed_port());
        let dir = tempfile::tempdir().unwrap();
        let pw_file = dir.path().join("pw.txt");
        std::fs::write(&pw_file, format!("{password}\n")).unwrap();
        let password_args = [
            format!("password={password}"),
            format!("password=@{}", pw_file.display()),
            "password=env:LOGIN_HYGIENE_PASSWORD".to_string(),
        ];
        let mut jobs = Vec::new();
        for (o, (what, server, code)) in outcomes.iter().enumerate() {
            let url = server.as_ref().map_or(down.clone(), Server::url);
            for (m, mode) in MODES.into_iter().enumerate() {
                for p in 0..password_args.len() {
                    jobs.push((*what, url.clone(), *code, mode, VIAS[(o + m + p) % 4], p));
                }
            }
        }
        let indexed: Vec<_> = jobs.iter().enumerate().collect();
        let failures = par(&indexed, |(n, (what, url, code, mode, via, p))| {
            let mut cmd = common::http::network_bin();
            cmd.args(["login", "--now", &NOW.to_string(), "--timeout", "5"])
                .args(["--url", url])
                .args(mode.args())
                .args(["-f", &format!("username={user}"), "-f", &password_args[*p]])
                .arg("-H")
                .arg(format!("X-Api-Key: {AUTH_HEADER}"))
                .arg("--cookie-jar")
                .arg(dir.path().join(format!("login-{n}.jar")))
                .env("LOGIN_HYGIENE_PASSWORD", password);
            let tag = format!("login-{n}");
            if let Some(stdin) = feed_secrets(&mut cmd, &secrets, *via, dir.path(), &tag) {
                cmd.write_stdin(stdin);
            }
            let out = cmd.output().unwrap();
            let (so, se) = (stdout(&out), stderr(&out));
            let mut problems = leaks(&forbidden, &so, &se);
            if let Err(e) = mode.check_stdout(&so) {
                problems.push(e);
            }
            if out.status.code() != Some(mode.code(*code)) {
                problems.push(format!(
                    "exit {:?}, expected {}",
                    out.status.code(),
                    mode.code(*code)
                ));
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{what}, {mode:?}, {via:?}, password #{p}: {}\n{so}{se}",
                    problems.join("; ")
                ))
            }
        });
        report(failures, jobs.len());
    }

    /// Mistyped flags are named by position or kind, never echoed: a `-H` without a colon or
    /// with a bad name or value, a `-f` without `=`, claims that are not an object, a Cookie
    /// header with control characters.
    #[test]
    fn mistyped_flags_are_named_not_echoed() {
        const V: &str = "SENTINEL-mistyped-value-0008";
        let url = format!("http://127.0.0.1:{}", closed_port());
        let cases: Vec<(Vec<String>, i32, &str)> = vec![
            (
                vec!["-H".into(), format!("Cookie=next-auth.session-token={V}")],
                2,
                "-H number 1",
            ),
            (
                vec!["-H".into(), "X-Ok: 1".into(), "-H".into(), V.into()],
                2,
                "-H number 2",
            ),
            (vec!["-H".into(), format!("X-Key={V}: 1")], 2, "-H number 1"),
            (vec!["-H".into(), format!("X-Key: {V}\u{1}")], 2, "-H X-Key"),
        ];
        let mut failures = Vec::new();
        for command in ["session", "login"] {
            for (args, code, names) in &cases {
                let out = common::http::network_bin()
                    .args([command, "--url", &url])
                    .args(args)
                    .output()
                    .unwrap();
                let all = format!("{}{}", stdout(&out), stderr(&out));
                if out.status.code() != Some(*code) || !all.contains(names) || all.contains(V) {
                    failures.push(format!(
                        "{command} {args:?}: exit {:?}: {all}",
                        out.status.code()
                    ));
                }
            }
        }
        for (args, code, names) in [
            (vec!["login", "--url", &url, "-f", V], 2, "-f number 1"),
            (
                vec!["session", "--url", &url, "--cookie", &format!("a={V}\u{1}")],
                1,
                "control characters",
            ),
            (
                vec![
                    "mint",
                    "--secret-file",
                    "/dev/null",
                    "--claims",
                    &format!("[\"{V}\"]"),
                ],
                2,
                "an array",
            ),
            (
                vec!["mint", "--claims", &format!("{{\"a\":\"{V}\"")],
                2,
                "not JSON",
            ),
        ] {
            let out = common::http::network_bin().args(&args).output().unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            if out.status.code() != Some(code) || !all.contains(names) || all.contains(V) {
                failures.push(format!("{args:?}: exit {:?}: {all}", out.status.code()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

/// TLS: certificate verification is on by default (a self-signed certificate is a one-line
/// diagnosis, exit 1, and no request — so no cookie — ever reaches the server), `--insecure`
/// works and warns on every run, `Secure` jar cookies go over https, and a redirect to
/// another origin is reported, never followed.
mod tls {
    use super::*;
    use common::http::{json as http_json, reply as http_reply, Server};
    use std::io::{Read as _, Write as _};
    use std::net::{TcpListener, TcpStream};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    /// A one-route HTTPS server on 127.0.0.1 with a fresh self-signed certificate (for
    /// 127.0.0.1 and localhost), answering every request with the same canned HTTP/1.1
    /// response. It counts TCP connections and records each request head it decrypted; it
    /// stops when dropped and after 20 seconds at most.
    struct TlsServer {
        port: u16,
        connections: Arc<AtomicUsize>,
        requests: Arc<Mutex<Vec<String>>>,
        stop: Arc<AtomicBool>,
    }

    impl TlsServer {
        fn start(answer: Vec<u8>) -> TlsServer {
            let config = server_config();
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            listener.set_nonblocking(true).unwrap();
            let port = listener.local_addr().unwrap().port();
            let connections = Arc::new(AtomicUsize::new(0));
            let requests = Arc::new(Mutex::new(Vec::new()));
            let stop = Arc::new(AtomicBool::new(false));
            let (c, r, s) = (connections.clone(), requests.clone(), stop.clone());
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(20);
                while Instant::now() < deadline && !s.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            c.fetch_add(1, Ordering::SeqCst);
                            serve(stream, config.clone(), &answer, &r);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(5))
                        }
                        Err(_) => break,
                    }
                }
            });
            TlsServer {
                port,
                connections,
                requests,
                stop,
            }
        }

        fn url(&self) -> String {
            format!("https://127.0.0.1:{}", self.port)
        }

        fn requests(&self) -> Vec<String> {
            self.requests.lock().unwrap().clone()
        }

        fn connections(&self) -> usize {
            self.connections.load(Ordering::SeqCst)
        }
    }

    impl Drop for TlsServer {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::Relaxed);
        }
    }

    fn server_config() -> Arc<rustls::ServerConfig> {
        let issued =
            rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
                .unwrap();
        let key =
            rustls::pki_types::PrivateKeyDer::Pkcs8(issued.signing_key.serialize_der().into());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![issued.cert.der().clone()], key)
            .unwrap();
        Arc::new(config)
    }

    /// One connection: the handshake, one request head, the canned answer. A client that
    /// rejects the certificate ends it in the handshake, before any request is decrypted.
    fn serve(
        stream: TcpStream,
        config: Arc<rustls::ServerConfig>,
        answer: &[u8],
        requests: &Mutex<Vec<String>>,
    ) {
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let conn = rustls::ServerConnection::new(config).unwrap();
        let mut tls = rustls::StreamOwned::new(conn, stream);
        let mut head = Vec::new();
        let mut buf = [0u8; 4096];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            match tls.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
            if head.len() > 64 * 1024 {
                return;
            }
        }
        requests
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&head).into_owned());
        let _ = tls.write_all(answer);
        tls.conn.send_close_notify();
        let _ = tls.flush();
    }

    fn canned(status: &str, headers: &[&str], body: &str) -> Vec<u8> {
        let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
        for h in headers {
            text.push_str(h);
            text.push_str("\r\n");
        }
        text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        text.into_bytes()
    }

    fn valid_answer() -> Vec<u8> {
        canned(
            "200 OK",
            &["Content-Type: application/json"],
            r#"{"user":{"name":"Alice","email":"alice@example.com"},"expires":"2027-02-14T08:00:00.000Z"}"#,
        )
    }

    /// `session` with --now fixed.
    fn session(args: &[&str]) -> Output {
        common::http::network_bin()
            .args(["session", "--now", "1800000000", "--timeout", "5"])
            .args(args)
            .output()
            .unwrap()
    }

    const COOKIE_VALUE: &str = "SENTINEL-tls-session-cookie-value";
    const SECURE_VALUE: &str = "SENTINEL-tls-secure-jar-value";
    const HOST_VALUE: &str = "SENTINEL-tls-host-jar-value";

    /// A jar with a `__Secure-` session cookie and a `__Host-` cookie for 127.0.0.1, both
    /// `Secure`.
    fn secure_jar(dir: &Path) -> PathBuf {
        let path = dir.join("jar.txt");
        std::fs::write(
            &path,
            format!(
                "127.0.0.1\tFALSE\t/\tTRUE\t0\t__Secure-authjs.session-token\t{SECURE_VALUE}\n\
                 127.0.0.1\tFALSE\t/\tTRUE\t0\t__Host-authjs.csrf-token\t{HOST_VALUE}\n"
            ),
        )
        .unwrap();
        path
    }

    fn no_cookie_value(out: &Output) {
        let all = format!("{}{}", stdout(out), stderr(out));
        for v in [COOKIE_VALUE, SECURE_VALUE, HOST_VALUE] {
            assert!(!all.contains(v), "a cookie value was printed: {all}");
        }
    }

    #[test]
    fn self_signed_certificate_fails_with_a_one_line_diagnosis_and_sends_nothing() {
        let server = TlsServer::start(valid_answer());
        let dir = tempfile::tempdir().unwrap();
        let jar = secure_jar(dir.path());
        let cookie = format!("authjs.session-token={COOKIE_VALUE}");
        let url = server.url();
        let modes: [&[&str]; 4] = [&[], &["--json"], &["--quiet"], &["--nagios"]];
        for mode in modes {
            let mut args = vec!["--url", &url, "--cookie", &cookie];
            args.extend(["--cookie-jar", jar.to_str().unwrap()]);
            args.extend_from_slice(mode);
            let out = session(&args);
            let err = stderr(&out);
            let expected = if mode == ["--nagios"] { 3 } else { 1 };
            assert_eq!(out.status.code(), Some(expected), "{mode:?}: {err}");
            let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
            assert_eq!(errors.len(), 1, "{mode:?}: one error line expected: {err}");
            let line = errors[0].to_ascii_lowercase();
            assert!(
                line.contains("certificate") && line.contains("--insecure"),
                "{mode:?}: the diagnosis names the certificate and --insecure: {err}"
            );
            assert!(
                !err.contains("--insecure: TLS"),
                "no insecure warning: {err}"
            );
            if mode == ["--json"] {
                let r = report_json(&out);
                assert_eq!(r["status"], "error");
                assert!(r["error"].as_str().unwrap().contains("TLS"), "{r}");
            }
            if mode == ["--quiet"] {
                assert!(out.stdout.is_empty());
            }
            no_cookie_value(&out);
        }
        // `login` uses the same client: the CSRF request fails in the handshake, so neither
        // a cookie nor a password is sent.
        let out = common::http::network_bin()
            .args(["login", "--url", &url, "--timeout", "5", "--cookie-jar"])
            .arg(dir.path().join("login.jar"))
            .args([
                "-f",
                "username=alice",
                "-f",
                "password=env:TLS_TEST_PASSWORD",
            ])
            .env("TLS_TEST_PASSWORD", COOKIE_VALUE)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{err}");
        assert!(
            errors[0].contains("certificate") && errors[0].contains("--insecure"),
            "{err}"
        );
        no_cookie_value(&out);
        assert!(!dir.path().join("login.jar").exists());

        assert!(server.connections() >= 5, "the server was reached");
        assert!(
            server.requests().is_empty(),
            "a request (with its cookies) went through an unverified connection: {:?}",
            server.requests()
        );
    }

    #[test]
    fn insecure_accepts_the_certificate_and_warns_on_every_run() {
        let server = TlsServer::start(valid_answer());
        let modes: [(&[&str], i32); 4] = [
            (&[], 0),
            (&["--json"], 0),
            (&["--quiet"], 0),
            (&["--nagios"], 0),
        ];
        let url = server.url();
        for (mode, code) in modes {
            let mut args = vec!["--url", &url, "--insecure"];
            args.extend_from_slice(mode);
            let out = session(&args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(code), "{mode:?}: {err}");
            assert_eq!(
                err.matches("warning: --insecure: TLS certificates are NOT checked")
                    .count(),
                1,
                "{mode:?}: {err}"
            );
            if mode == ["--json"] {
                assert_eq!(report_json(&out)["status"], "valid");
            }
            if mode == ["--quiet"] {
                assert!(out.stdout.is_empty());
            }
        }
        // `login` too (this server answers no CSRF token, so the sign-in stops after the
        // first request, with the warning all the same).
        for mode in ["--quiet", "--json", "--nagios"] {
            let out = common::http::network_bin()
                .args(["login", "--url", &url, "--insecure", "--timeout", "5", mode])
                .args(["-f", "username=alice"])
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(
                err.matches("warning: --insecure: TLS certificates are NOT checked")
                    .count(),
                1,
                "login {mode}: {err}"
            );
        }
        assert_eq!(server.requests().len(), 7);
    }

    #[test]
    fn secure_jar_cookies_are_sent_over_https() {
        let server = TlsServer::start(valid_answer());
        let dir = tempfile::tempdir().unwrap();
        let jar = secure_jar(dir.path());
        let out = session(&[
            "--url",
            &server.url(),
            "--insecure",
            "--json",
            "--cookie-jar",
            jar.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        let cookie = requests[0]
            .lines()
            .find_map(|l| l.strip_prefix("cookie: ").or(l.strip_prefix("Cookie: ")))
            .unwrap_or_else(|| panic!("no Cookie header: {}", requests[0]));
        assert!(
            cookie.contains(&format!("__Secure-authjs.session-token={SECURE_VALUE}"))
                && cookie.contains(&format!("__Host-authjs.csrf-token={HOST_VALUE}")),
            "{cookie}"
        );
        let r = report_json(&out);
        assert_eq!(
            r["cookies_sent"],
            json!(["__Secure-authjs.session-token", "__Host-authjs.csrf-token"])
        );
        no_cookie_value(&out);
    }

    /// A redirect to another origin — https to http and http to https — is reported with
    /// exit 1 (UNKNOWN, 3, with --nagios) and not followed: the other origin gets no request,
    /// so none of the cookies.
    #[test]
    fn redirect_to_another_origin_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let jar = secure_jar(dir.path());
        let cookie = format!("authjs.session-token={COOKIE_VALUE}");
        let other = Server::start(vec![(
            "/api/auth/session",
            vec![http_json(
                r#"{"user":{"email":"alice@example.com"},"expires":"2027-02-14T08:00:00.000Z"}"#,
                &[],
            )],
        )]);
        let check = |url: &str, location: &str| {
            for mode in [&["--json"][..], &[], &["--nagios"]] {
                let mut args = vec!["--url", url, "--insecure", "--cookie", &cookie];
                args.extend(["--cookie-jar", jar.to_str().unwrap()]);
                args.extend_from_slice(mode);
                let out = session(&args);
                let err = stderr(&out);
                let expected = if mode == ["--nagios"] { 3 } else { 1 };
                assert_eq!(out.status.code(), Some(expected), "{url} {mode:?}: {err}");
                assert!(err.contains("redirected to"), "{err}");
                if mode == ["--json"] {
                    let r = report_json(&out);
                    assert_eq!(r["status"], "error");
                    assert_eq!(r["redirect"], location);
                }
                no_cookie_value(&out);
            }
        };

        // https → http on another port.
        for status in [
            "301 Moved Permanently",
            "302 Found",
            "307 Temporary Redirect",
        ] {
            let location = format!("{}/api/auth/session", other.url());
            let origin = TlsServer::start(canned(
                status,
                &[
                    &format!("Location: {location}"),
                    "Set-Cookie: authjs.session-token=SENTINEL-tls-session-cookie-value-2; Path=/",
                ],
                "",
            ));
            check(&origin.url(), &location);
            assert_eq!(origin.requests().len(), 3, "{status}");
        }

        // http → https on another port (the TLS server is the other origin).
        let target = TlsServer::start(valid_answer());
        let location = format!("{}/api/auth/session", target.url());
        let origin = Server::start(vec![(
            "/api/auth/session",
            vec![http_reply(
                "302 Found",
                &[&format!("Location: {location}")],
                "",
            )],
        )]);
        check(&origin.url(), &location);
        assert_eq!(origin.seen().len(), 3);

        std::thread::sleep(Duration::from_millis(50));
        assert!(
            other.seen().is_empty(),
            "the redirect was followed to the other origin: {:?}",
            other.seen()
        );
        assert_eq!(
            target.connections(),
            0,
            "the redirect was followed to the other origin"
        );
    }
}
