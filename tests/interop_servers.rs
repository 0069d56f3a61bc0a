//! `session` against the REAL libraries: a next-auth 4.24.15 server and an Auth.js
//! (@auth/express) server from `tests/interop/servers/`, started on 127.0.0.1 ports. Each test
//! signs in (CSRF + credentials POST) to get a real Netscape jar, then checks every verdict.
//!
//! Skipped (with a note on stderr) when `node` or `tests/interop/node_modules` is missing,
//! unless NEXTAUTH_INSPECT_INTEROP=1 (set by `.ci/run` after `npm ci`): then a missing Node
//! fails the test.

mod common;

use std::path::Path;
use std::time::Duration;

use common::interop::{interop_available, sign_in, unix_now, Kind, NodeServer};
use common::{bin, load};
use nextauth_inspect::cookies::jar::Jar;
use serde_json::Value;
use url::Url;

struct Run {
    code: i32,
    json: Value,
    text: String,
}

fn session(args: &[&str]) -> Run {
    let out = bin()
        .arg("session")
        .args(args)
        .arg("--json")
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {stdout} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Run {
        code: out.status.code().unwrap_or(-1),
        json,
        text: format!("{stdout}{}", String::from_utf8_lossy(&out.stderr)),
    }
}

fn diagnosis(run: &Run) -> String {
    run.json["diagnosis"].to_string()
}

/// Every value in the jar, to prove none is printed.
fn jar_values(jar: &Path) -> Vec<String> {
    Jar::load(jar)
        .unwrap()
        .cookies()
        .map(|c| c.value.clone())
        .filter(|v| v.len() > 8)
        .collect()
}

fn check_server(kind: Kind) {
    let fixtures = load("minted.json");
    let expired = fixtures
        .cases
        .iter()
        .find(|c| c.id == kind.expired_fixture())
        .unwrap();
    // The server runs with the fixture's secret so that its expired token is otherwise
    // genuine; sign-in works with any secret.
    let secret = expired.secrets[0].clone();
    let server = NodeServer::start(kind, &secret);
    let dir = tempfile::tempdir().unwrap();
    let jar = sign_in(&server, kind, dir.path());
    let jar_s = jar.to_str().unwrap();
    let origin = server.origin();
    let values = jar_values(&jar);
    let no_leak = |run: &Run| {
        for v in &values {
            assert!(
                !run.text.contains(v.as_str()),
                "{kind:?}: a cookie value leaked"
            );
        }
        assert!(!run.text.contains(&secret), "{kind:?}: the secret leaked");
    };

    // valid
    let run = session(&["--url", &origin, "--cookie-jar", jar_s]);
    assert_eq!(run.code, 0, "{kind:?} valid: {}", run.text);
    assert_eq!(run.json["user"]["name"], "Alice");
    assert_eq!(run.json["user"]["email"], "alice@example.com");
    assert!(run.json["expires_in_seconds"].as_i64().unwrap() > 29 * 86_400);
    no_leak(&run);

    // valid, with the secret: the local decode agrees
    let secret_file = dir.path().join("secret.txt");
    std::fs::write(&secret_file, format!("{secret}\n")).unwrap();
    let sf = secret_file.to_str().unwrap();
    let run = session(&["--url", &origin, "--cookie-jar", jar_s, "--secret-file", sf]);
    assert_eq!(run.code, 0, "{kind:?}: {}", run.text);
    assert_eq!(run.json["token"]["status"], "valid");
    no_leak(&run);

    // the full endpoint URL
    let run = session(&[
        "--url",
        &format!("{origin}/api/auth/session"),
        "--cookie-jar",
        jar_s,
    ]);
    assert_eq!(run.code, 0, "{kind:?} full URL: {}", run.text);

    // a Cookie header instead of the jar
    let url = Url::parse(&format!("{origin}/api/auth/session")).unwrap();
    let header = Jar::load(&jar).unwrap().select(&url, unix_now()).header();
    let run = session(&["--url", &origin, "--cookie", &header]);
    assert_eq!(run.code, 0, "{kind:?} --cookie: {}", run.text);
    no_leak(&run);

    // no cookie → null
    let run = session(&["--url", &origin]);
    assert_eq!(run.code, 3, "{kind:?} no cookie: {}", run.text);
    assert_eq!(run.json["status"], "null");

    // tampered cookie → null, and the server cleared it
    let token = Jar::load(&jar)
        .unwrap()
        .cookies()
        .find(|c| c.name == kind.session_cookie())
        .unwrap()
        .value
        .clone();
    let mid = token.len() / 2;
    let flipped = if &token[mid..=mid] == "A" { "B" } else { "A" };
    let tampered = format!(
        "{}={}{flipped}{}",
        kind.session_cookie(),
        &token[..mid],
        &token[mid + 1..]
    );
    let run = session(&["--url", &origin, "--cookie", &tampered]);
    assert_eq!(run.code, 3, "{kind:?} tampered: {}", run.text);
    assert!(
        diagnosis(&run).contains("server cleared the cookie"),
        "{kind:?}: {}",
        run.text
    );
    assert!(run.json["set_cookies"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == kind.session_cookie() && c["cleared"] == true));
    no_leak(&run);

    // the jar's cookie past its expiry (the clock 40 days on) → expired
    let later = (unix_now() + 40 * 86_400).to_string();
    let run = session(&["--url", &origin, "--cookie-jar", jar_s, "--now", &later]);
    assert_eq!(run.code, 4, "{kind:?} jar-expired: {}", run.text);
    assert!(run.json["reason"].as_str().unwrap().contains("expired"));

    // an expired token sealed with the server's secret, decoded locally → expired
    let cookie = format!("{}={}", kind.session_cookie(), expired.token);
    let run = session(&["--url", &origin, "--cookie", &cookie, "--secret-file", sf]);
    assert_eq!(run.code, 4, "{kind:?} expired token: {}", run.text);
    assert_eq!(run.json["token"]["status"], "expired");
    assert!(!run.text.contains(&expired.token));

    // --update-jar keeps the jar current with the re-issued cookie
    let run = session(&["--url", &origin, "--cookie-jar", jar_s, "--update-jar"]);
    assert_eq!(run.code, 0, "{kind:?}: {}", run.text);
    assert!(run.json["jar_changes"]
        .to_string()
        .contains(kind.session_cookie()));
    let run = session(&["--url", &origin, "--cookie-jar", jar_s]);
    assert_eq!(run.code, 0, "{kind:?} after --update-jar: {}", run.text);

    // server down → runtime failure
    drop(server);
    let run = session(&["--url", &origin, "--cookie-jar", jar_s, "--timeout", "2"]);
    assert_eq!(run.code, 1, "{kind:?} server down: {}", run.text);
    assert_eq!(run.json["status"], "error");
}

#[test]
fn nextauth_v4_server() {
    if interop_available() {
        check_server(Kind::V4);
    }
}

#[test]
fn authjs_server() {
    if interop_available() {
        check_server(Kind::V5);
    }
}

#[test]
fn cookie_family_mismatch_against_real_servers() {
    if !interop_available() {
        return;
    }
    let v4 = NodeServer::start(Kind::V4, "interop-v4-server-secret-0123456789abcdef");
    let v5 = NodeServer::start(Kind::V5, "interop-v5-server-secret-0123456789abcdef");
    let dir = tempfile::tempdir().unwrap();
    let jar = sign_in(&v4, Kind::V4, dir.path());
    let token = Jar::load(&jar)
        .unwrap()
        .cookies()
        .find(|c| c.name == Kind::V4.session_cookie())
        .unwrap()
        .value
        .clone();
    let run = session(&[
        "--url",
        &v5.origin(),
        "--cookie",
        &format!("next-auth.session-token={token}"),
    ]);
    assert_eq!(run.code, 3, "{}", run.text);
    assert!(
        diagnosis(&run).contains("cookie family mismatch"),
        "{}",
        run.text
    );
    assert!(!run.text.contains(&token));
}
