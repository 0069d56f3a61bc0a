//! The CI assertions of `session` through the real binary: `--expect-user` (exit 5),
//! `--min-ttl` (exit 4) and the `--nagios` plugin line with its own exit codes.

mod common;

use common::http::{json, run, Run, Server};

/// 2027-01-15T08:00:00Z: the clock every test passes with --now.
const NOW: &str = "1800000000";
const IN_30_DAYS: &str = "2027-02-14T08:00:00.000Z";
const COOKIE: &str = "authjs.session-token=SENTINEL-cookie-value";

fn server(body: &str) -> Server {
    Server::start(vec![("/api/auth/session", vec![json(body, &[])])])
}

fn valid() -> Server {
    server(&format!(
        r#"{{"user":{{"name":"Alice","email":"alice@example.com"}},"expires":"{IN_30_DAYS}"}}"#
    ))
}

fn session(server: &Server, extra: &[&str]) -> Run {
    let url = server.url();
    let mut args = vec!["session", "--now", NOW, "--url", &url, "--cookie", COOKIE];
    args.extend_from_slice(extra);
    let r = run(&args, &[]);
    assert!(!r.all().contains("SENTINEL"), "a cookie value leaked");
    r
}

#[test]
fn expect_user() {
    let s = valid();
    let r = session(&s, &["--expect-user", "Alice@Example.COM", "--json"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json["assertions"][0]["check"], "expect-user");
    assert_eq!(r.json["assertions"][0]["passed"], true);

    let r = session(&s, &["--expect-user", "bob@example.com", "--json"]);
    assert_eq!(r.code, 5, "{}", r.all());
    assert_eq!(
        r.json["status"], "valid",
        "the server's verdict is unchanged"
    );
    assert_eq!(r.json["assertions"][0]["passed"], false);
    assert_eq!(
        r.stderr.trim(),
        "error: the session belongs to alice@example.com, not bob@example.com (--expect-user)"
    );

    let r = session(
        &s,
        &["--expect-user", "bob@example.com", "--color", "never"],
    );
    assert_eq!(r.code, 5);
    assert!(
        r.stdout
            .contains("assert: FAILED the session belongs to alice@example.com"),
        "{}",
        r.stdout
    );
    let r = session(&s, &["--expect-user", "bob@example.com", "--quiet"]);
    assert_eq!((r.code, r.stdout.as_str()), (5, ""));
    assert!(
        r.stderr.contains("not bob@example.com"),
        "failures show even with --quiet"
    );

    let nameless = server(&format!(
        r#"{{"user":{{"name":"Alice"}},"expires":"{IN_30_DAYS}"}}"#
    ));
    let r = session(&nameless, &["--expect-user", "alice@example.com"]);
    assert_eq!(r.code, 5);
    assert!(
        r.stderr.contains("has no email (name: Alice)"),
        "{}",
        r.stderr
    );
}

#[test]
fn min_ttl() {
    let s = valid();
    let r = session(&s, &["--min-ttl", "30d", "--json"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json["assertions"][0]["check"], "min-ttl");
    let r = session(&s, &["--min-ttl", "2592001", "--json"]);
    assert_eq!(r.code, 4, "{}", r.all());
    assert!(
        r.stderr
            .contains("expires in 30d, sooner than --min-ttl 30d 1s"),
        "{}",
        r.stderr
    );

    // Both fail: the wrong user wins.
    let r = session(
        &s,
        &["--min-ttl", "31d", "--expect-user", "bob@example.com"],
    );
    assert_eq!(r.code, 5);
    assert_eq!(r.stderr.lines().count(), 2);

    // Assertions are about a valid session: a null one keeps its own code.
    let r = session(
        &server("null"),
        &["--min-ttl", "1h", "--json", "--expect-user", "a@b.c"],
    );
    assert_eq!(r.code, 3);
    assert_eq!(r.json["assertions"], serde_json::json!([]));

    let no_expiry = server(r#"{"user":{"email":"alice@example.com"}}"#);
    let r = session(&no_expiry, &["--min-ttl", "1h"]);
    assert_eq!(r.code, 4);
    assert!(r.stderr.contains("no readable `expires`"));

    let r = session(&s, &["--min-ttl", "3x"]);
    assert_eq!(r.code, 2, "{}", r.all());
}

#[test]
fn nagios() {
    let s = valid();
    let r = session(&s, &["--nagios"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        r.stdout,
        "NEXTAUTH SESSION OK - alice@example.com, expires in 30d|ttl=2592000s\n"
    );

    let r = session(&s, &["--nagios", "--min-ttl", "31d"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert_eq!(
        r.stdout,
        "NEXTAUTH SESSION WARNING - the session expires in 30d, sooner than --min-ttl 31d|ttl=2592000s;2678400:\n"
    );

    let r = session(&s, &["--nagios", "--expect-user", "bob@example.com"]);
    assert_eq!(r.code, 2);
    assert!(r
        .stdout
        .starts_with("NEXTAUTH SESSION CRITICAL - the session belongs to alice@example.com"));

    let r = session(&server("null"), &["--nagios"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("NEXTAUTH SESSION CRITICAL - no session: the server answers no session"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains('|'), "no ttl, no perfdata");

    let expired =
        server(r#"{"user":{"email":"alice@example.com"},"expires":"2027-01-15T07:00:00.000Z"}"#);
    let r = session(&expired, &["--nagios"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("NEXTAUTH SESSION CRITICAL - expired: "),
        "{}",
        r.stdout
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let r = run(&["session", "--url", &url, "--nagios"], &[]);
    assert_eq!(r.code, 3, "{}", r.all());
    assert!(
        r.stdout
            .starts_with("NEXTAUTH SESSION UNKNOWN - cannot connect"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 1);

    // Usage errors are UNKNOWN too, on stdout, with clap's message on stderr.
    for args in [
        vec!["session", "--nagios"],
        vec!["session", "--url", &url, "--nagios", "--json"],
        vec!["session", "--url", &url, "--nagios", "--min-ttl", "soon"],
        vec!["session", "--url", "ftp://h.test", "--nagios"],
    ] {
        let r = run(&args, &[]);
        assert_eq!(r.code, 3, "{args:?}: {}", r.all());
        assert!(
            r.stdout.starts_with("NEXTAUTH SESSION UNKNOWN - "),
            "{args:?}: {}",
            r.stdout
        );
        assert_eq!(r.stdout.lines().count(), 1);
        assert!(!r.stderr.is_empty());
    }
    let r = run(&["session", "--help"], &[]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--nagios") && r.stdout.contains("--expect-user"));
}
