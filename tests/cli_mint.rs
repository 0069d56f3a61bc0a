//! The `mint` contract through the real binary: every format opens with our own `token`
//! inspector, outputs (token, Cookie header, JSON, jar), flags, and usage errors.

mod common;

use common::bin;
use predicates::prelude::*;
use serde_json::{json, Value};

const SECRET: &str = "mint-test-secret-0123456789";
const NOW: i64 = 1_750_000_000;

fn mint(args: &[&str]) -> std::process::Output {
    bin()
        .arg("mint")
        .args(["--now", &NOW.to_string(), "--secret", SECRET])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Inspect with `token --json` one second after minting.
fn inspect(extra: &[&str]) -> Value {
    let out = bin()
        .args(["token", "--json", "--now", &(NOW + 1).to_string()])
        .args(["--secret", SECRET])
        .args(extra)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn big_claims() -> String {
    // Random-looking text so the v3 DEFLATE cannot shrink it and v4/v5 need chunks.
    let noise: String = (0..6000u32)
        .map(|i| char::from(b'a' + ((i.wrapping_mul(2_654_435_761) >> 13) % 26) as u8))
        .collect();
    json!({"sub": "1", "email": "alice@example.com", "noise": noise}).to_string()
}

#[test]
fn every_format_round_trips_through_token() {
    let claims = r#"{"sub":"1","name":"Alice","roles":["admin"],"n":{"x":null}}"#;
    for (format, expect, name) in [
        ("v3", "v3", "next-auth.session-token"),
        ("v3-encrypted", "v3-encrypted", "next-auth.session-token"),
        ("v4", "v4", "next-auth.session-token"),
        ("v5", "v5", "authjs.session-token"),
    ] {
        let token = stdout(&mint(&["--format", format, "--claims", claims]));
        assert_eq!(token.lines().count(), 1);
        let r = inspect(&["--cookie-name", name, token.trim()]);
        assert_eq!(r["status"], "valid", "{format}: {r}");
        assert_eq!(r["format"], expect);
        assert_eq!(r["claims"]["name"], "Alice");
        assert_eq!(r["claims"]["roles"], json!(["admin"]));
        assert_eq!(r["claims"]["n"], json!({"x": null}));
        assert_eq!(r["claims"]["iat"], NOW);
        assert_eq!(r["claims"]["exp"], NOW + 30 * 86_400);
        assert_eq!(
            r["claims"].get("jti").is_some(),
            format == "v4" || format == "v5"
        );
    }
}

#[test]
fn v5_salt_follows_the_cookie_name() {
    let secure = stdout(&mint(&["--secure"]));
    let r = inspect(&[
        "--cookie-name",
        "__Secure-authjs.session-token",
        secure.trim(),
    ]);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["verified_with"]["salt"], "__Secure-authjs.session-token");
    let r = inspect(&["--cookie-name", "authjs.session-token", secure.trim()]);
    assert_eq!(r["status"], "invalid");

    let custom = stdout(&mint(&["--cookie-name", "app.session"]));
    let r = inspect(&["--cookie-name", "app.session", custom.trim()]);
    assert_eq!(r["status"], "valid");

    let out = mint(&["--salt", "other-salt"]);
    let salted = stdout(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("differs from the cookie name"));
    assert_eq!(
        inspect(&["--salt", "other-salt", salted.trim()])["status"],
        "valid"
    );

    let v4 = stdout(&mint(&["--format", "v4", "--salt", "v4-salt"]));
    let r = inspect(&["--salt", "v4-salt", v4.trim()]);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["format"], "v4");
}

#[test]
fn cookie_output_is_chunked_like_the_libraries() {
    for (format, name, size) in [
        ("v4", "next-auth.session-token", 3933),
        ("v5", "authjs.session-token", 3936),
    ] {
        let header = stdout(&mint(&[
            "--format",
            format,
            "--claims",
            &big_claims(),
            "--as",
            "cookie",
        ]));
        let header = header.trim();
        let parts: Vec<(&str, &str)> = header
            .split("; ")
            .map(|p| p.split_once('=').unwrap())
            .collect();
        assert!(parts.len() >= 3, "{format}: {} chunks", parts.len());
        for (i, (n, v)) in parts.iter().enumerate() {
            assert_eq!(*n, format!("{name}.{i}"));
            if i + 1 < parts.len() {
                assert_eq!(v.len(), size, "{format} chunk {i}");
            }
        }
        let r = inspect(&["--cookie", header]);
        assert_eq!(r["status"], "valid", "{format}: {r}");
        assert_eq!(r["source"]["chunks"], parts.len());
    }
    // Small tokens are one plain cookie.
    let header = stdout(&mint(&["--as", "cookie"]));
    assert!(header.starts_with("authjs.session-token=eyJ"));
    assert!(!header.trim().contains("; "));
}

#[test]
fn json_output() {
    let out = mint(&[
        "--format",
        "v4",
        "--claims",
        r#"{"sub":"1"}"#,
        "--max-age",
        "90m",
        "--as",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["format"], "v4");
    assert_eq!(doc["cookie_name"], "next-auth.session-token");
    assert_eq!(doc["salt"], Value::Null);
    assert_eq!(doc["chunks"], 1);
    assert_eq!(doc["iat"], NOW);
    assert_eq!(doc["exp"], NOW + 5400);
    assert_eq!(doc["claims"]["exp"], NOW + 5400);
    assert_eq!(doc["cookies"][0]["value"], doc["token"]);
    assert_eq!(
        doc["cookie_header"],
        format!("next-auth.session-token={}", doc["token"].as_str().unwrap())
    );
    assert!(doc["expires_at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn max_age_and_now_set_the_times() {
    for (age, secs) in [
        ("3600", 3600),
        ("90m", 5400),
        ("12h", 43_200),
        ("30d", 2_592_000),
    ] {
        let token = stdout(&mint(&["--format", "v3", "--max-age", age]));
        let r = inspect(&[token.trim()]);
        assert_eq!(r["claims"]["exp"], NOW + secs, "{age}");
    }
    let token = stdout(
        &bin()
            .args(["mint", "--format", "v4", "--secret", SECRET])
            .args(["--now", "2030-01-01T00:00:00Z", "--max-age", "1h"])
            .output()
            .unwrap(),
    );
    let out = bin()
        .args(["token", "--json", "--now", "1893456000", "--secret", SECRET])
        .arg(token.trim())
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["claims"]["iat"], 1_893_456_000);
    assert_eq!(r["status"], "valid");
    // Replaced claims are announced.
    bin()
        .args(["mint", "--secret", SECRET, "--claims", r#"{"exp":1}"#])
        .assert()
        .success()
        .stderr(predicate::str::contains("`exp` in the claims is replaced"));
}

#[test]
fn claims_from_file_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("claims.json");
    std::fs::write(&file, r#"{"email":"file@example.com"}"#).unwrap();
    let token = stdout(&mint(&["--claims", &format!("@{}", file.display())]));
    let r = inspect(&["--cookie-name", "authjs.session-token", token.trim()]);
    assert_eq!(r["claims"]["email"], "file@example.com");

    let out = bin()
        .args(["mint", "--secret", SECRET, "--claims", "-"])
        .write_stdin(r#"{"email":"stdin@example.com"}"#)
        .output()
        .unwrap();
    let r = inspect(&["--cookie-name", "authjs.session-token", stdout(&out).trim()]);
    assert_eq!(r["claims"]["email"], "stdin@example.com");

    bin()
        .args(["mint", "--secret", SECRET, "--claims", "@/no/such/file"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/file"));
}

#[test]
fn secrets_from_env_file_and_the_first_one_seals() {
    let out = bin()
        .args(["mint", "--format", "v4"])
        .env("NEXTAUTH_SECRET", SECRET)
        .output()
        .unwrap();
    let token = stdout(&out);
    assert_eq!(inspect(&[token.trim()])["status"], "valid");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secrets");
    std::fs::write(&file, format!("{SECRET}\nsecond-secret\n")).unwrap();
    let out = bin()
        .args(["mint", "--secret-file"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let token = stdout(&out);
    assert!(
        stderr.contains("sealing with the first of 2 secrets"),
        "{stderr}"
    );
    let r = inspect(&["--cookie-name", "authjs.session-token", token.trim()]);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["verified_with"]["secret_index"], 1);
    assert!(!stderr.contains(SECRET) && !token.contains(SECRET));
}

#[test]
fn usage_errors_exit_2() {
    let cases: [(&[&str], &str); 9] = [
        (&["mint"], "no secret"),
        (&["mint", "--secret", "s", "--claims", "[1]"], "an array"),
        (&["mint", "--secret", "s", "--claims", "42"], "a number"),
        (&["mint", "--secret", "s", "--claims", "{oops"], "not JSON"),
        (
            &["mint", "--secret", "s", "--format", "v3", "--salt", "x"],
            "no salt",
        ),
        (
            &["mint", "--secret", "s", "--max-age", "0"],
            "at least 1 second",
        ),
        (
            &["mint", "--secret", "s", "--cookie-name", "a b"],
            "not a usable",
        ),
        (&["mint", "--secret", "s", "--cookie-jar", "j.txt"], "--url"),
        (&["mint", "--secret", "s", "--format", "v6"], "v6"),
    ];
    for (args, message) in cases {
        bin()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
    bin()
        .args(["mint", "--secret", "s", "--secure", "--cookie-name", "x"])
        .assert()
        .code(2);
    bin()
        .args(["mint", "--secret-stdin", "--claims", "-"])
        .write_stdin("s\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot share standard input"));
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    bin()
        .args(["mint", "--secret", "s", "--secure", "--cookie-jar"])
        .arg(&jar)
        .args(["--url", "http://app.example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("__Secure-"));
    assert!(!jar.exists());
}

#[cfg(unix)]
#[test]
fn cookie_jar_is_created_private_with_the_session_cookie() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let out = bin()
        .args(["mint", "--now", &NOW.to_string(), "--secret", SECRET])
        .args(["--claims", r#"{"sub":"1"}"#, "--cookie-jar"])
        .arg(&jar)
        .args(["--url", "https://app.example.com/dashboard"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "", "nothing on stdout unless --as");
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote `authjs.session-token`"));
    let text = std::fs::read_to_string(&jar).unwrap();
    assert!(text.starts_with("# Netscape HTTP Cookie File\n"));
    let line = text.lines().last().unwrap();
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(
        fields[..6],
        [
            "#HttpOnly_app.example.com",
            "FALSE",
            "/",
            "TRUE",
            &(NOW + 30 * 86_400).to_string(),
            "authjs.session-token"
        ]
    );
    let mode = std::fs::metadata(&jar).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let r = inspect(&[
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--url",
        "https://app.example.com/",
    ]);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["claims"]["sub"], "1");
}

#[test]
fn cookie_jar_replaces_the_sites_session_cookies_only() {
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let before = "# Netscape HTTP Cookie File\n\
        # kept comment\n\
        localhost\tFALSE\t/\tFALSE\t0\ttheme\tdark\n\
        #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tnext-auth.session-token.0\tOLD0\n\
        #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tnext-auth.session-token.1\tOLD1\n\
        #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tnext-auth.session-token.2\tOLD2\n\
        #HttpOnly_localhost\tFALSE\t/\tFALSE\t0\tnext-auth.session-token.3\tOLD3\n\
        localhost\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\tOLDPLAIN\n\
        other.test\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\tOTHER\n\
        localhost\tFALSE\t/\tFALSE\t0\tnext-auth.csrf-token\tcsrf\n";
    std::fs::write(&jar, before).unwrap();
    let mint_into_jar = |claims: &str| {
        bin()
            .args(["mint", "--format", "v4", "--secret", SECRET])
            .args(["--now", &NOW.to_string(), "--claims", claims])
            .arg("--cookie-jar")
            .arg(&jar)
            .args(["--url", "http://localhost:3000", "--as", "token"])
            .output()
            .unwrap()
    };
    // A big token (3 chunks): .0–.2 are replaced in place; .3 and the plain cookie are stale.
    let out = mint_into_jar(&big_claims());
    let token = stdout(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("removed stale `next-auth.session-token.3`, `next-auth.session-token`"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&jar).unwrap();
    // Compare whole values: a random ciphertext may well contain the letters "OLD".
    let values: Vec<&str> = text.lines().filter_map(|l| l.rsplit('\t').next()).collect();
    for stale in ["OLD0", "OLD1", "OLD2", "OLD3", "OLDPLAIN"] {
        assert!(!values.contains(&stale), "{stale} survived:\n{text}");
    }
    for kept in [
        "# kept comment\n",
        "localhost\tFALSE\t/\tFALSE\t0\ttheme\tdark\n",
        "other.test\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\tOTHER\n",
        "localhost\tFALSE\t/\tFALSE\t0\tnext-auth.csrf-token\tcsrf\n",
    ] {
        assert!(text.contains(kept), "lost {kept:?}");
    }
    let names: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("localhost") && l.contains("session-token"))
        .map(|l| l.split('\t').nth(5).unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(token.len() > 2 * 3933 && token.len() <= 3 * 3933);
    let r = inspect(&[
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--url",
        "http://localhost:3000",
    ]);
    assert_eq!(r["status"], "valid", "{r}");

    // A small token replaces the chunks with one plain cookie.
    stdout(&mint_into_jar(r#"{"sub":"2"}"#));
    let text = std::fs::read_to_string(&jar).unwrap();
    assert!(!text.contains("next-auth.session-token.0"), "{text}");
    let r = inspect(&[
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--url",
        "http://localhost:3000",
    ]);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["claims"]["sub"], "2");
    assert_eq!(r["source"]["chunks"], 1);
}

#[test]
fn help_lists_the_mint_flags() {
    bin().args(["mint", "--help"]).assert().success().stdout(
        predicate::str::contains("v3-encrypted")
            .and(predicate::str::contains("--claims"))
            .and(predicate::str::contains("--cookie-jar"))
            .and(predicate::str::contains("--as")),
    );
}
