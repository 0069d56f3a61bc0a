//! `login` against the REAL libraries: the next-auth 4.24.15 and Auth.js (@auth/express)
//! servers of `tests/interop/servers/` on 127.0.0.1. Right and wrong credentials, the
//! written jar read by `session` and (when installed) by curl, and a secure-cookie app
//! reached over plain http.
//!
//! Skipped (with a note on stderr) when `node` or `tests/interop/node_modules` is missing,
//! unless NEXTAUTH_INSPECT_INTEROP=1: then a missing Node fails the test.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::http::{run, Run};
use common::interop::{interop_available, Kind, NodeServer};
use nextauth_inspect::cookies::jar::Jar;
use serde_json::Value;

const PASSWORD: &str = "wonderland";

fn login(origin: &str, password_var: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "login",
        "--url",
        origin,
        "-f",
        "username=alice",
        "-f",
        "password=env:ALICE_PASSWORD",
    ];
    args.extend_from_slice(extra);
    let r = run(&args, &[("ALICE_PASSWORD", password_var)]);
    assert!(!r.all().contains(password_var), "a password leaked");
    r
}

fn no_cookie_value_leaks(run: &Run, jar: &Path) {
    for c in Jar::load(jar).unwrap().cookies() {
        if c.value.len() > 8 {
            assert!(
                !run.all().contains(&c.value),
                "the value of {} leaked",
                c.name
            );
        }
    }
}

/// `curl -s -b jar <origin>/api/auth/session`, when curl is installed.
fn curl_session(origin: &str, jar: &Path) -> Option<Value> {
    let out = Command::new("curl")
        .args(["-s", "--max-time", "10", "--noproxy", "*", "-b"])
        .arg(jar)
        .arg(format!("{origin}/api/auth/session"))
        .stdin(Stdio::null())
        .output();
    match out {
        Ok(out) => {
            assert!(out.status.success(), "curl failed: {out:?}");
            Some(serde_json::from_slice(&out.stdout).expect("curl got JSON"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("note: curl is not on PATH; the curl check of the jar is skipped");
            None
        }
        Err(e) => panic!("cannot run curl: {e}"),
    }
}

fn check_server(kind: Kind) {
    let secret = format!("interop-login-{kind:?}-secret-0123456789abcdef");
    let server = NodeServer::start(kind, &secret);
    let origin = server.origin();
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let jar_s = jar.to_str().unwrap();

    // Right credentials: a valid session, the assertions hold, a private jar.
    let r = login(
        &origin,
        PASSWORD,
        &[
            "--cookie-jar",
            jar_s,
            "--json",
            "--expect-user",
            "alice@example.com",
            "--min-ttl",
            "29d",
        ],
    );
    assert_eq!(r.code, 0, "{kind:?}: {}", r.all());
    assert_eq!(r.json["status"], "valid");
    assert_eq!(r.json["user"]["email"], "alice@example.com");
    assert_eq!(r.json["login"]["signed_in"], true);
    assert!(r.json["login"]["cookies_set"]
        .as_array()
        .unwrap()
        .contains(&Value::from(kind.session_cookie())));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&jar).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{kind:?}");
    }
    no_cookie_value_leaks(&r, &jar);

    // With the server's secret the session cookie is also decoded locally.
    let r = run(
        &[
            "login",
            "--url",
            &origin,
            "-f",
            "username=alice",
            "-f",
            "password=env:ALICE_PASSWORD",
            "--json",
        ],
        &[
            ("ALICE_PASSWORD", PASSWORD),
            (kind.secret_var(), secret.as_str()),
        ],
    );
    assert_eq!(r.code, 0, "{kind:?}: {}", r.all());
    assert_eq!(r.json["token"]["status"], "valid");
    assert!(!r.all().contains(&secret));

    // The jar works for `session` and for curl.
    let s = run(
        &["session", "--url", &origin, "--cookie-jar", jar_s, "--json"],
        &[],
    );
    assert_eq!(s.code, 0, "{kind:?} session: {}", s.all());
    assert_eq!(s.json["user"]["name"], "Alice");
    if let Some(body) = curl_session(&origin, &jar) {
        assert_eq!(
            body["user"]["email"], "alice@example.com",
            "{kind:?} curl: {body}"
        );
    }

    // Wrong credentials: exit 3, the library's error code, no jar written.
    let wrong_jar = dir.path().join("wrong.txt");
    let r = login(
        &origin,
        "not-the-password",
        &["--cookie-jar", wrong_jar.to_str().unwrap(), "--json"],
    );
    assert_eq!(r.code, 3, "{kind:?} wrong: {}", r.all());
    assert_eq!(r.json["login"]["error_code"], "CredentialsSignin");
    assert!(r.stderr.contains("wrong credentials"), "{}", r.stderr);
    assert!(!wrong_jar.exists());
    let r = login(&origin, "not-the-password", &["--nagios"]);
    assert_eq!(r.code, 2, "{kind:?}: {}", r.all());
    assert!(r
        .stdout
        .starts_with("NEXTAUTH SESSION CRITICAL - sign-in failed: wrong credentials"));

    // An unknown provider: the real /providers is listed.
    let r = login(&origin, PASSWORD, &["--provider", "github"]);
    assert_eq!(r.code, 2, "{kind:?}: {}", r.all());
    assert!(
        r.stderr.contains("lists: credentials (credentials)"),
        "{kind:?}: {}",
        r.stderr
    );

    // A health check that wants another user.
    let r = login(&origin, PASSWORD, &["--expect-user", "bob@example.com"]);
    assert_eq!(r.code, 5, "{kind:?}: {}", r.all());

    // The server gone: a runtime failure.
    drop(server);
    std::thread::sleep(Duration::from_millis(200));
    let r = login(&origin, PASSWORD, &["--timeout", "2"]);
    assert_eq!(r.code, 1, "{kind:?} server down: {}", r.all());
}

#[test]
fn login_to_a_real_nextauth_v4_server() {
    if interop_available() {
        check_server(Kind::V4);
    }
}

#[test]
fn login_to_a_real_authjs_server() {
    if interop_available() {
        check_server(Kind::V5);
    }
}

#[test]
fn secure_cookie_app_over_plain_http_and_over_loopback() {
    if !interop_available() {
        return;
    }
    let server = NodeServer::start_with(
        Kind::V4,
        "interop-login-secure-secret-0123456789abcdef",
        &[("SECURE_COOKIES", "1")],
    );
    // 127.0.0.1 is a secure context for cookies, as in browsers: the sign-in works.
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let r = login(
        &server.origin(),
        PASSWORD,
        &["--cookie-jar", jar.to_str().unwrap(), "--json"],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.json["cookies_sent"]
        .to_string()
        .contains("__Secure-next-auth.session-token"));

    // The same app under a plain-http host name (through the server as a proxy): the
    // __Host- CSRF cookie is not kept, so the server refuses the CSRF token.
    let r = run(
        &[
            "login",
            "--url",
            "http://app.test",
            "-f",
            "username=alice",
            "-f",
            "password=env:ALICE_PASSWORD",
            "--json",
        ],
        &[
            ("ALICE_PASSWORD", PASSWORD),
            ("HTTP_PROXY", &server.origin()),
        ],
    );
    assert_eq!(r.code, 3, "{}", r.all());
    let reason = r.json["reason"].as_str().unwrap();
    assert!(
        reason.contains("rejected the CSRF token")
            && reason.contains("`__Host-next-auth.csrf-token` was not kept")
            && reason.contains("plain http"),
        "{reason}"
    );
}
