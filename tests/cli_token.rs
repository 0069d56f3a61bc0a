//! The `token` contract through the real binary: exit codes, JSON fields, inputs, secrets
//! from the environment, the clock, colors and stderr/stdout separation.

mod common;

use common::{bin, load, Case};
use predicates::prelude::*;
use serde_json::Value;

fn case(id: &str) -> (Case, i64) {
    let f = load("shared-vectors.json");
    let c = f
        .cases
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no case {id}"))
        .clone();
    (c, f.generated_at)
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn each_status_has_its_exit_code() {
    for (id, code) in [
        ("v4-valid-0", 0),
        ("v4-expired", 4),
        ("v4-wrong-secret", 5),
        ("malformed-garbage", 6),
        ("alg-none", 5),
    ] {
        let (c, now) = case(id);
        bin()
            .args(["token", "--now", &now.to_string(), &c.token])
            .env("NEXTAUTH_SECRET", &c.secrets[0])
            .assert()
            .code(code);
    }
    bin()
        .args(["token", "--cookie", "theme=dark"])
        .assert()
        .code(3);
}

#[test]
fn json_has_the_documented_fields() {
    let (c, now) = case("v5-rotated");
    let out = bin()
        .args([
            "token",
            "--json",
            "--now",
            &now.to_string(),
            "--cookie-name",
            "authjs.session-token",
        ])
        .args(c.secrets.iter().map(|s| format!("--secret={s}")))
        .arg(&c.token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["format"], "v5");
    assert_eq!(r["verified_with"]["secret_index"], 2);
    assert_eq!(r["verified_with"]["secret_count"], 2);
    assert_eq!(r["verified_with"]["salt"], "authjs.session-token");
    assert_eq!(r["verified_with"]["alg"], "dir");
    assert_eq!(r["verified_with"]["enc"], "A256CBC-HS512");
    assert_eq!(r["verified_with"]["by_kid"], true);
    assert!(r["header"]["kid"].is_string());
    assert!(r["claims"]["exp"].is_i64() && r["claims"]["iat"].is_i64());
    let exp = r["claims"]["exp"].as_i64().unwrap();
    assert_eq!(r["expires_in_seconds"].as_i64().unwrap(), exp - now);
    assert!(r["issued_at"].as_str().unwrap().ends_with('Z'));
    assert!(r["expires_at"].as_str().unwrap().ends_with('Z'));
    assert!(r["error"].is_null() && r["hint"].is_null());
    // --secret works but warns about argv, on stderr only.
    assert!(String::from_utf8_lossy(&out.stderr).contains("visible to other users"));
}

#[test]
fn stdin_is_the_default_input() {
    let (c, now) = case("v4-valid-1");
    for args in [vec!["token"], vec!["token", "-"]] {
        bin()
            .args(&args)
            .args(["--now", &now.to_string()])
            .env("AUTH_SECRET", &c.secrets[0])
            .write_stdin(format!("\n  {}  \n", c.token))
            .assert()
            .code(0)
            .stdout(predicate::str::contains("VALID"));
    }
    bin()
        .arg("token")
        .write_stdin("")
        .assert()
        .code(3)
        .stdout(predicate::str::contains("NULL"));
    bin()
        .arg("token")
        .write_stdin("eyJhbGciOiJIUzI1NiJ9\0.e30.x")
        .assert()
        .code(6);
}

#[test]
fn bearer_header_values_are_accepted() {
    let (c, now) = case("v4-valid-2");
    bin()
        .args([
            "token",
            "--json",
            "--now",
            &now.to_string(),
            &format!("Bearer {}", c.token),
        ])
        .env("NEXTAUTH_SECRET", &c.secrets[0])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"authorization-header\""));
}

#[test]
fn environment_secrets_and_rotation() {
    let (c, now) = case("v5-rotated");
    let out = bin()
        .args(["token", "--json", "--now", &now.to_string(), &c.token])
        .env("AUTH_SECRET", &c.secrets[0])
        .env("AUTH_SECRET_1", &c.secrets[1])
        .output()
        .unwrap();
    let r = json(&out);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["verified_with"]["secret_source"], "AUTH_SECRET_1");
    assert!(out.stderr.is_empty(), "env secrets need no argv warning");
}

#[test]
fn cookie_header_with_shuffled_chunks() {
    let (c, now) = case("v4-chunked");
    let out = bin()
        .args(["token", "--json", "--now", &now.to_string()])
        .arg(format!("--cookie=Cookie: {}", c.cookie_header.unwrap()))
        .env("NEXTAUTH_SECRET", &c.secrets[0])
        .output()
        .unwrap();
    let r = json(&out);
    assert_eq!(r["status"], "valid");
    assert_eq!(r["source"]["cookie_name"], "next-auth.session-token");
    assert_eq!(r["source"]["chunks"], 3);
}

#[test]
fn cookie_header_without_session_is_null() {
    let out = bin()
        .args([
            "token",
            "--json",
            "--cookie",
            "theme=dark; next-auth.csrf-token=abc",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let r = json(&out);
    assert_eq!(r["status"], "null");
    assert!(r["error"]
        .as_str()
        .unwrap()
        .contains("theme, next-auth.csrf-token"));
}

#[test]
fn cookie_jar_input_and_site_selection() {
    let (c, now) = case("v5-valid-authjs.session-token");
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    std::fs::write(
        &jar,
        format!(
            "# Netscape HTTP Cookie File\n#HttpOnly_app.example.com\tFALSE\t/\tFALSE\t0\tauthjs.session-token\t{}\n\
             #HttpOnly_other.example.org\tFALSE\t/\tFALSE\t0\tnext-auth.session-token\tx.y.z\n",
            c.token
        ),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        bin()
            .args(["token", "--json", "--now", &now.to_string(), "--cookie-jar"])
            .arg(&jar)
            .args(extra)
            .env("AUTH_SECRET", &c.secrets[0])
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2), "two sites need --url/--domain");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--url or --domain"));
    assert_eq!(
        json(&run(&["--domain", "app.example.com"]))["status"],
        "valid"
    );
    assert_eq!(
        json(&run(&["--url", "https://app.example.com/dashboard"]))["status"],
        "valid"
    );
    assert_eq!(
        run(&["--url", "https://third.example.net/"]).status.code(),
        Some(3)
    );
    let missing = bin()
        .args(["token", "--cookie-jar", "/nonexistent/jar.txt"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn without_a_secret_nothing_is_called_valid() {
    let (c, now) = case("v3-valid");
    bin()
        .args(["token", "--now", &now.to_string(), &c.token])
        .assert()
        .code(5)
        .stdout(
            predicate::str::contains("UNVERIFIED").and(predicate::str::contains("no secret given")),
        );
    let (c, _) = case("v4-valid-0");
    bin()
        .args(["token", &c.token])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("\"A256GCM\""));
}

#[test]
fn the_clock_is_settable() {
    let (c, now) = case("v4-valid-0");
    let exp = {
        let out = bin()
            .args(["token", "--json", "--now", &now.to_string(), &c.token])
            .env("AUTH_SECRET", &c.secrets[0])
            .output()
            .unwrap();
        json(&out)["claims"]["exp"].as_i64().unwrap()
    };
    // jose: expired once exp <= now - 15 s.
    bin()
        .args(["token", "--now", &(exp + 14).to_string(), &c.token])
        .env("AUTH_SECRET", &c.secrets[0])
        .assert()
        .code(0);
    bin()
        .args(["token", "--now", &(exp + 15).to_string(), &c.token])
        .env("AUTH_SECRET", &c.secrets[0])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("EXPIRED").and(predicate::str::contains("ago")));
    bin()
        .args([
            "token",
            "--leeway",
            "0",
            "--now",
            &exp.to_string(),
            &c.token,
        ])
        .env("AUTH_SECRET", &c.secrets[0])
        .assert()
        .code(4);
    bin()
        .args(["token", "--now", "2030-01-01T00:00:00Z", &c.token])
        .env("AUTH_SECRET", &c.secrets[0])
        .assert()
        .code(0);
    bin()
        .args(["token", "--now", "tomorrow", &c.token])
        .assert()
        .code(2);
}

#[test]
fn colors_only_when_asked_or_on_a_terminal() {
    let (c, now) = case("v4-valid-0");
    let run = |color: Option<&str>, no_color: bool| {
        let mut cmd = bin();
        cmd.args(["token", "--now", &now.to_string(), &c.token])
            .env("AUTH_SECRET", &c.secrets[0]);
        if let Some(color) = color {
            cmd.args(["--color", color]);
        }
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(
        !run(None, false).contains('\x1b'),
        "piped output has no escapes"
    );
    assert!(run(Some("always"), false).contains("\x1b["));
    assert!(!run(Some("never"), false).contains('\x1b'));
    assert!(!run(Some("auto"), true).contains('\x1b'));
}

#[test]
fn quiet_prints_nothing() {
    let (c, now) = case("v4-expired");
    bin()
        .args([
            "token",
            "--quiet",
            "--now",
            &now.to_string(),
            "--secret",
            &c.secrets[0],
            &c.token,
        ])
        .assert()
        .code(4)
        .stdout("")
        .stderr("");
}

#[test]
fn usage_errors_exit_2() {
    bin()
        .args(["token", "--format", "v9", "x"])
        .assert()
        .code(2);
    bin()
        .args(["token", "--url", "https://x", "t"])
        .assert()
        .code(2);
    bin()
        .args(["token", "--json", "--quiet", "t"])
        .assert()
        .code(2);
    bin()
        .args(["token", "--max-age", "3x", "t"])
        .assert()
        .code(2);
    bin()
        .args(["token", "--secret-stdin"])
        .write_stdin("s\n")
        .assert()
        .code(2);
    bin()
        .args(["token", "--cookie-name", "a=b", "--cookie", "a=b"])
        .assert()
        .code(2);
}

#[test]
fn database_session_tokens_point_to_session_check() {
    bin()
        .args(["token", "6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f"])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("session --url"));
}

#[test]
fn secret_file_and_secret_stdin() {
    let (c, now) = case("v5-rotated");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("secrets");
    std::fs::write(&file, c.secrets.join("\n")).unwrap();
    bin()
        .args(["token", "--now", &now.to_string(), "--secret-file"])
        .arg(&file)
        .arg(&c.token)
        .assert()
        .code(0)
        .stderr("");
    bin()
        .args([
            "token",
            "--now",
            &now.to_string(),
            "--secret-stdin",
            &c.token,
        ])
        .write_stdin(c.secrets.join("\n"))
        .assert()
        .code(0);
    bin()
        .args(["token", "--secret-file", "/nonexistent", &c.token])
        .assert()
        .code(1);
}

#[test]
fn oversized_input_is_refused() {
    let big = format!("eyJhbGciOiJIUzUxMiJ9.{}.x", "A".repeat(2 * 1024 * 1024));
    bin()
        .args(["token", "--json"])
        .write_stdin(big)
        .assert()
        .code(6)
        .stdout(predicate::str::contains("over 1 MiB"));
}

#[test]
fn help_documents_the_exit_codes() {
    bin().args(["token", "--help"]).assert().code(0).stdout(
        predicate::str::contains("4  expired").and(predicate::str::contains("6  malformed")),
    );
}

#[test]
fn json_mode_prints_one_document_even_on_errors() {
    for (args, code) in [
        (
            vec!["token", "--json", "--cookie-jar", "/nonexistent/jar.txt"],
            1,
        ),
        (
            vec!["token", "--json", "--secret-file", "/nonexistent", "x"],
            1,
        ),
        (vec!["token", "--json", "--format", "v9", "x"], 2),
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let doc = json(&out);
        assert_eq!(doc["status"], "error");
        assert_eq!(doc["exit_code"], code);
        assert!(
            !String::from_utf8_lossy(&out.stderr).is_empty(),
            "the error also goes to stderr"
        );
    }
}
