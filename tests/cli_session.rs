//! The `session` contract through the real binary, against a small HTTP server written here
//! (127.0.0.1, ephemeral port, canned answers, bounded in time): every verdict branch, the
//! jar rules, the read-only jar and --update-jar, and that no cookie value or secret leaks.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::thread;
use std::time::Duration;

use common::http::{json as json_reply, reply, run, Reply, Run, Server};
use common::{bin, load};
use serde_json::Value;

/// 2027-01-15T08:00:00Z: the clock every test passes with --now.
const NOW: i64 = 1_800_000_000;
const IN_30_DAYS: &str = "2027-02-14T08:00:00.000Z";
/// A cookie value that must never appear in any output.
const SECRET_VALUE: &str = "SENTINEL-cookie-value-must-not-leak";

fn valid_body() -> String {
    format!(
        r#"{{"user":{{"name":"Alice","email":"alice@example.com","image":"https://img.test/a.png"}},"expires":"{IN_30_DAYS}"}}"#
    )
}

/// A server that answers every path with `replies` in order (the last one repeats).
fn serve(replies: Vec<Reply>) -> Server {
    Server::start(vec![("*", replies)])
}

fn session(args: &[&str]) -> Run {
    session_env(args, &[])
}

fn session_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let now = NOW.to_string();
    let mut all = vec!["session", "--now", &now];
    all.extend_from_slice(args);
    let run = run(&all, env);
    assert!(
        !run.all().contains(SECRET_VALUE),
        "a cookie value leaked: {}",
        run.all()
    );
    assert!(
        !args.contains(&"--json") || !run.stdout.is_empty(),
        "--json printed no document; stderr: {}",
        run.stderr
    );
    run
}

fn diagnosis(run: &Run) -> String {
    run.json["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn session_cookie() -> String {
    format!("next-auth.session-token={SECRET_VALUE}")
}

fn write_jar(dir: &Path, lines: &[String]) -> std::path::PathBuf {
    let path = dir.join("cookies.txt");
    let mut text = "# Netscape HTTP Cookie File\n# a comment kept as is\n\n".to_string();
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn jar_line(
    domain: &str,
    path: &str,
    secure: bool,
    expires: i64,
    name: &str,
    value: &str,
) -> String {
    let secure = if secure { "TRUE" } else { "FALSE" };
    format!("{domain}\tFALSE\t{path}\t{secure}\t{expires}\t{name}\t{value}")
}

#[test]
fn valid_session_shows_user_and_expiry() {
    let server = serve(vec![json_reply(&valid_body(), &[])]);
    let cookie = session_cookie();
    let run = session(&["--url", &server.url(), "--cookie", &cookie, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = &run.json;
    assert_eq!(r["status"], "valid");
    assert_eq!(r["url"], format!("{}/api/auth/session", server.url()));
    assert_eq!(r["http_status"], 200);
    assert_eq!(r["user"]["name"], "Alice");
    assert_eq!(r["user"]["image"], "https://img.test/a.png");
    assert_eq!(r["expires"], IN_30_DAYS);
    assert_eq!(r["expires_in_seconds"], 30 * 86_400);
    assert_eq!(
        r["cookies_sent"],
        serde_json::json!(["next-auth.session-token"])
    );
    assert!(r["token"].is_null(), "no secret, no local decode");
    assert!(r["elapsed_ms"].is_u64() && r["diagnosis"].is_array());
    assert_eq!(r["set_cookies"], serde_json::json!([]));

    let req = &server.seen()[0];
    assert!(
        req.head.starts_with("GET /api/auth/session HTTP/1.1"),
        "{}",
        req.head
    );
    assert_eq!(req.header("accept").as_deref(), Some("application/json"));
    assert_eq!(
        req.header("user-agent").unwrap(),
        format!("nextauth-inspect/{}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(req.header("cookie").unwrap(), cookie);

    let server = serve(vec![json_reply(&valid_body(), &[])]);
    let human = session(&[
        "--url",
        &server.url(),
        "--cookie",
        &cookie,
        "--color",
        "never",
    ]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.starts_with("VALID  session at"),
        "{}",
        human.stdout
    );
    assert!(human
        .stdout
        .contains("Alice <alice@example.com> · image https://img.test/a.png"));
    assert!(human
        .stdout
        .contains("2027-02-14T08:00:00.000Z (expires in 30d)"));
}

#[test]
fn empty_object_and_null_are_null() {
    for body in ["{}", "null"] {
        let server = serve(vec![json_reply(body, &[])]);
        let run = session(&["--url", &server.url(), "--json"]);
        assert_eq!(run.code, 3, "{body}: {}", run.stderr);
        assert_eq!(run.json["status"], "null");
        assert!(diagnosis(&run).contains("no cookies were sent"));
        assert!(run.json["hint"].as_str().unwrap().contains("--cookie-jar"));
    }
    // Human output lists the checks.
    let server = serve(vec![json_reply("{}", &[])]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie",
        &session_cookie(),
        "--color",
        "never",
    ]);
    assert_eq!(run.code, 3);
    assert!(run.stdout.starts_with("NULL  session at"));
    assert!(run
        .stdout
        .contains("Checked\n  - sent 1 cookie: next-auth.session-token"));
    assert!(run.stdout.contains("not decoded locally: no secret given"));
}

#[test]
fn past_expires_is_expired() {
    let server = serve(vec![json_reply(
        r#"{"user":{"name":"Alice"},"expires":"2027-01-15T07:00:00.000Z"}"#,
        &[],
    )]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie",
        &session_cookie(),
        "--json",
    ]);
    assert_eq!(run.code, 4);
    assert_eq!(run.json["status"], "expired");
    assert_eq!(run.json["expires_in_seconds"], -3600);
    assert!(run.json["reason"]
        .as_str()
        .unwrap()
        .contains("expired 1h ago"));
}

#[test]
fn cleared_cookie_means_the_server_could_not_decode_it() {
    let server = serve(vec![json_reply(
        "{}",
        &[
            "Set-Cookie: next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax",
            "Set-Cookie: next-auth.session-token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
        ],
    )]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie",
        &session_cookie(),
        "--json",
    ]);
    assert_eq!(run.code, 3);
    assert_eq!(
        run.json["set_cookies"],
        serde_json::json!([
            {"name": "next-auth.csrf-token", "cleared": false},
            {"name": "next-auth.session-token", "cleared": true}
        ])
    );
    assert!(diagnosis(&run).contains("the server cleared the cookie next-auth.session-token"));
    assert!(run.json["reason"]
        .as_str()
        .unwrap()
        .contains("could not decode"));
    assert!(run.json["hint"].as_str().unwrap().contains("secret"));
}

#[test]
fn cookie_family_mismatch_is_named() {
    let server = serve(vec![json_reply(
        "null",
        &["Set-Cookie: authjs.csrf-token=abc; Path=/; HttpOnly"],
    )]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie",
        &session_cookie(),
        "--json",
    ]);
    assert_eq!(run.code, 3);
    let d = diagnosis(&run);
    assert!(d.contains("cookie family mismatch: next-auth.* cookies were sent, but the server looks like Auth.js"), "{d}");
    assert!(run.json["hint"]
        .as_str()
        .unwrap()
        .contains("authjs.session-token"));
}

#[test]
fn html_404_is_a_runtime_failure() {
    let server = serve(vec![reply(
        "404 Not Found",
        &["Content-Type: text/html"],
        "<!DOCTYPE html><html><body>404</body></html>",
    )]);
    let run = session(&["--url", &server.url(), "--json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.json["status"], "error");
    assert_eq!(run.json["http_status"], 404);
    assert!(
        run.stderr
            .contains("error: HTTP 404 not found (an HTML page)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--base-path"));

    // 200 with an HTML page (an app page at the wrong base path).
    let server = serve(vec![reply(
        "200 OK",
        &["Content-Type: text/html"],
        "<html></html>",
    )]);
    let run = session(&["--url", &server.url(), "--base-path", "/auth"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("HTML page instead of JSON"),
        "{}",
        run.stderr
    );
    assert!(server.seen()[0].head.starts_with("GET /auth/session "));
}

#[test]
fn server_configuration_message_is_a_runtime_failure() {
    let server = serve(vec![reply(
        "500 Internal Server Error",
        &["Content-Type: application/json"],
        r#"{"message":"There is a problem with the server configuration. Check the server logs for more information."}"#,
    )]);
    let run = session(&["--url", &server.url(), "--json"]);
    assert_eq!(run.code, 1);
    assert!(run.json["error"]
        .as_str()
        .unwrap()
        .contains("configuration problem"));
    assert!(run.stderr.contains("AUTH_SECRET"), "{}", run.stderr);
}

#[test]
fn redirect_is_reported_not_followed() {
    let server = serve(vec![
        reply(
            "307 Temporary Redirect",
            &["Location: /api/auth/signin?callbackUrl=%2F"],
            "",
        ),
        json_reply(&valid_body(), &[]),
    ]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie",
        &session_cookie(),
        "--json",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.json["redirect"], "/api/auth/signin?callbackUrl=%2F");
    assert!(
        run.stderr.contains("redirected to /api/auth/signin"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("middleware"));
    thread::sleep(Duration::from_millis(100));
    assert_eq!(server.seen().len(), 1, "the redirect must not be followed");
}

#[test]
fn slow_server_times_out() {
    let slow = json_reply(&valid_body(), &[]).after(Duration::from_secs(4));
    let server = serve(vec![slow]);
    // The reply comes after 4 s: had the 1 s timeout not fired, the session would be valid.
    let run = session(&["--url", &server.url(), "--timeout", "1", "--json"]);
    assert_eq!(run.code, 1);
    assert!(run.json["http_status"].is_null());
    assert!(run.stderr.contains("no answer within 1s"), "{}", run.stderr);
    assert!(run.stderr.contains("--timeout"));
}

#[test]
fn huge_body_is_capped() {
    let body = format!("{{\"pad\":\"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let server = serve(vec![json_reply(&body, &[])]);
    let run = session(&["--url", &server.url(), "--json"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("larger than 1 MiB"), "{}", run.stderr);
}

#[test]
fn retries_5xx_then_succeeds() {
    let server = serve(vec![
        reply(
            "503 Service Unavailable",
            &["Content-Type: text/html"],
            "<html>deploying</html>",
        ),
        json_reply(&valid_body(), &[]),
    ]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie",
        &session_cookie(),
        "--retry",
        "3",
        "--retry-delay",
        "0.1",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json["attempts"], 2);
    assert_eq!(server.seen().len(), 2);

    // Without --retry the 503 is final.
    let server = serve(vec![reply("503 Service Unavailable", &[], "")]);
    let run = session(&["--url", &server.url(), "--json"]);
    assert_eq!((run.code, run.json["attempts"].as_u64()), (1, Some(1)));

    // 4xx is not retried.
    let server = serve(vec![reply("404 Not Found", &[], "")]);
    let run = session(&[
        "--url",
        &server.url(),
        "--retry",
        "3",
        "--retry-delay",
        "0",
        "--json",
    ]);
    assert_eq!((run.code, run.json["attempts"].as_u64()), (1, Some(1)));
}

#[test]
fn server_down_is_a_runtime_failure() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let run = session(&[
        "--url",
        &url,
        "--retry",
        "1",
        "--retry-delay",
        "0.05",
        "--json",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.json["attempts"], 2, "connection errors are retried");
    assert!(run.stderr.contains("cannot connect"), "{}", run.stderr);
}

#[test]
fn jar_expired_session_cookie_is_expired() {
    let dir = tempfile::tempdir().unwrap();
    let jar = write_jar(
        dir.path(),
        &[
            jar_line(
                "127.0.0.1",
                "/",
                false,
                NOW - 3600,
                "next-auth.session-token",
                SECRET_VALUE,
            ),
            jar_line("127.0.0.1", "/", false, 0, "next-auth.csrf-token", "csrf"),
        ],
    );
    let server = serve(vec![json_reply("{}", &[])]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    assert_eq!(run.json["status"], "expired");
    assert!(run.json["reason"]
        .as_str()
        .unwrap()
        .contains("expired at 2027-01-15T07:00:00Z"));
    assert_eq!(
        run.json["cookies_sent"],
        serde_json::json!(["next-auth.csrf-token"])
    );
    assert_eq!(
        server.seen()[0].header("cookie").as_deref(),
        Some("next-auth.csrf-token=csrf")
    );
}

#[test]
fn expired_token_decoded_locally_is_expired() {
    let f = load("shared-vectors.json");
    let case = f.cases.iter().find(|c| c.id == "v4-expired").unwrap();
    let cookie = format!("next-auth.session-token={}", case.token);
    let server = serve(vec![json_reply(
        "{}",
        &["Set-Cookie: next-auth.session-token=; Max-Age=0; Path=/"],
    )]);
    let now = f.generated_at.to_string();
    let mut cmd = bin();
    let out = cmd
        .args([
            "session",
            "--now",
            &now,
            "--url",
            &server.url(),
            "--cookie",
            &cookie,
            "--json",
        ])
        .env("NEXTAUTH_SECRET", &case.secrets[0])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["token"]["status"], "expired");
    assert_eq!(r["token"]["format"], "v4");
    assert!(r["reason"]
        .as_str()
        .unwrap()
        .contains("the session token in the cookie has expired"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains(&case.token) && !text.contains(&case.secrets[0]));
}

#[test]
fn secure_cookie_over_plain_http_is_held_back_but_loopback_is_secure() {
    // Loopback counts as secure: the Secure cookie is sent to 127.0.0.1.
    let dir = tempfile::tempdir().unwrap();
    let jar = write_jar(
        dir.path(),
        &[jar_line(
            "127.0.0.1",
            "/",
            true,
            0,
            "__Secure-authjs.session-token",
            SECRET_VALUE,
        )],
    );
    let server = serve(vec![json_reply(&valid_body(), &[])]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.json["cookies_sent"],
        serde_json::json!(["__Secure-authjs.session-token"])
    );

    // A real host over http, reached through a proxy from the environment: held back.
    let jar = write_jar(
        dir.path(),
        &[jar_line(
            "app.example.test",
            "/",
            true,
            0,
            "authjs.session-token",
            SECRET_VALUE,
        )],
    );
    let proxy = serve(vec![json_reply("null", &[])]);
    let run = session_env(
        &[
            "--url",
            "http://app.example.test",
            "--cookie-jar",
            jar.to_str().unwrap(),
            "--json",
        ],
        &[("HTTP_PROXY", &proxy.url()), ("http_proxy", &proxy.url())],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    let d = diagnosis(&run);
    assert!(d.contains("the jar's authjs.session-token (domain app.example.test, path /) was not sent: Secure cookie, but the URL is plain http"), "{d}");
    assert!(run.json["hint"].as_str().unwrap().contains("https"));
    let req = &proxy.seen()[0];
    assert!(
        req.head
            .starts_with("GET http://app.example.test/api/auth/session"),
        "{}",
        req.head
    );
    assert!(req.header("cookie").is_none());
}

#[test]
fn domain_and_path_mismatches_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let jar = write_jar(
        dir.path(),
        &[
            jar_line(
                "localhost",
                "/",
                false,
                0,
                "next-auth.session-token",
                SECRET_VALUE,
            ),
            jar_line(
                "127.0.0.1",
                "/admin",
                false,
                0,
                "next-auth.session-token",
                SECRET_VALUE,
            ),
        ],
    );
    let server = serve(vec![json_reply("{}", &[])]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 3);
    let d = diagnosis(&run);
    assert!(d.contains("the jar's next-auth.session-token (domain localhost, path /) was not sent: belongs to domain localhost, not this host"), "{d}");
    assert!(d.contains("(domain 127.0.0.1, path /admin) was not sent: path /admin does not cover this URL's path"), "{d}");
    assert!(run.json["reason"]
        .as_str()
        .unwrap()
        .contains("was not sent"));
}

#[test]
fn jar_is_read_only_unless_update_jar() {
    let dir = tempfile::tempdir().unwrap();
    let jar = write_jar(
        dir.path(),
        &[
            jar_line(
                "127.0.0.1",
                "/",
                false,
                NOW + 600,
                "next-auth.session-token",
                SECRET_VALUE,
            ),
            jar_line("other.test", "/", false, 0, "theme", "dark"),
        ],
    );
    let before = std::fs::read_to_string(&jar).unwrap();
    let renewed = "Set-Cookie: next-auth.session-token=RENEWED; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax";
    let server = serve(vec![json_reply(&valid_body(), &[renewed])]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(
        std::fs::read_to_string(&jar).unwrap(),
        before,
        "read-only by default"
    );

    let server = serve(vec![json_reply(&valid_body(), &[renewed])]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--update-jar",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.json["jar_changes"],
        serde_json::json!(["updated `next-auth.session-token` for 127.0.0.1"])
    );
    let after = std::fs::read_to_string(&jar).unwrap();
    let (a, b): (Vec<&str>, Vec<&str>) = (after.lines().collect(), before.lines().collect());
    assert_eq!(a.len(), b.len());
    assert_eq!(&a[..3], &b[..3], "comments kept");
    assert_eq!(
        a[3],
        format!(
            "#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t{}\tnext-auth.session-token\tRENEWED",
            NOW + 2_592_000
        )
    );
    assert_eq!(a[4], b[4], "other cookies kept");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&jar).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // --save-jar writes elsewhere; the source stays as it is.
    let copy = dir.path().join("saved.txt");
    let server = serve(vec![json_reply(
        "{}",
        &["Set-Cookie: next-auth.session-token=; Max-Age=0; Path=/"],
    )]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--save-jar",
        copy.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 3);
    assert_eq!(std::fs::read_to_string(&jar).unwrap(), after);
    let saved = std::fs::read_to_string(&copy).unwrap();
    assert!(!saved.contains("next-auth.session-token") && saved.contains("\ttheme\tdark"));
}

#[test]
fn endpoint_url_forms() {
    // A full endpoint URL is used as is.
    let server = serve(vec![json_reply("{}", &[])]);
    let run = session(&[
        "--url",
        &format!("{}/custom/auth/session", server.url()),
        "--json",
    ]);
    assert_eq!(
        run.json["url"],
        format!("{}/custom/auth/session", server.url())
    );
    assert!(server.seen()[0]
        .head
        .starts_with("GET /custom/auth/session "));
    // A path prefix plus --base-path.
    let server = serve(vec![json_reply("{}", &[])]);
    session(&[
        "--url",
        &format!("{}/app/", server.url()),
        "--base-path",
        "auth",
    ]);
    assert!(server.seen()[0].head.starts_with("GET /app/auth/session "));
}

#[test]
fn headers_cookie_header_and_jar_combine() {
    let dir = tempfile::tempdir().unwrap();
    let jar = write_jar(
        dir.path(),
        &[
            jar_line(
                "127.0.0.1",
                "/",
                false,
                0,
                "next-auth.session-token",
                "from-jar",
            ),
            jar_line("127.0.0.1", "/", false, 0, "next-auth.csrf-token", "csrf"),
        ],
    );
    let server = serve(vec![json_reply(&valid_body(), &[])]);
    let run = session(&[
        "--url",
        &server.url(),
        "--cookie-jar",
        jar.to_str().unwrap(),
        "--cookie",
        &session_cookie(),
        "-H",
        "X-Test: yes",
        "-H",
        "Authorization: Bearer SENTINEL-cookie-value-must-not-leak",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let req = &server.seen()[0];
    assert_eq!(req.header("x-test").as_deref(), Some("yes"));
    assert_eq!(
        req.header("cookie").unwrap(),
        format!("{}; next-auth.csrf-token=csrf", session_cookie())
    );
    assert!(diagnosis(&run).contains("--cookie replaced the jar's next-auth.session-token"));
}

#[test]
fn insecure_warns_every_time() {
    let server = serve(vec![json_reply("{}", &[])]);
    let run = session(&["--url", &server.url(), "--insecure", "--quiet"]);
    assert_eq!(run.code, 3);
    assert!(run.stdout.is_empty());
    assert!(run
        .stderr
        .contains("warning: --insecure: TLS certificates are NOT checked"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["--url", "not a url"],
        vec!["--url", "ftp://example.test"],
        vec!["--url", "http://user:pw@example.test"],
        vec!["--url", "http://127.0.0.1:9", "--update-jar"],
        vec!["--url", "http://127.0.0.1:9", "-H", "no colon"],
        vec!["--url", "http://127.0.0.1:9", "--timeout", "0"],
        vec!["--url", "http://127.0.0.1:9", "--cookie-name", "a.0"],
    ] {
        let run = session(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("pw@"), "{}", run.stderr);
    }
}
