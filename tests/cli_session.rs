//! The `session` contract through the real binary, against a small HTTP server written here
//! (127.0.0.1, ephemeral port, canned answers, bounded in time): every verdict branch, the
//! jar rules, the read-only jar and --update-jar, and that no cookie value or secret leaks.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{bin, load};
use serde_json::Value;

/// 2027-01-15T08:00:00Z: the clock every test passes with --now.
const NOW: i64 = 1_800_000_000;
const IN_30_DAYS: &str = "2027-02-14T08:00:00.000Z";
/// A cookie value that must never appear in any output.
const SECRET_VALUE: &str = "SENTINEL-cookie-value-must-not-leak";

/// One canned answer, optionally after a delay.
#[derive(Clone)]
struct Reply {
    delay: Duration,
    bytes: Vec<u8>,
}

fn reply(status: &str, headers: &[&str], body: &str) -> Reply {
    let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    Reply {
        delay: Duration::ZERO,
        bytes: text.into_bytes(),
    }
}

fn json_reply(body: &str, headers: &[&str]) -> Reply {
    let mut all = vec!["Content-Type: application/json"];
    all.extend_from_slice(headers);
    reply("200 OK", &all, body)
}

fn valid_body() -> String {
    format!(
        r#"{{"user":{{"name":"Alice","email":"alice@example.com","image":"https://img.test/a.png"}},"expires":"{IN_30_DAYS}"}}"#
    )
}

/// A server that answers connections with `replies` in order (the last one repeats) for at
/// most 10 seconds, recording each request head.
struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut i = 0;
            while Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let r = replies[i.min(replies.len() - 1)].clone();
                        i += 1;
                        handle(stream, r, &seen);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        thread::sleep(Duration::from_millis(5))
                    }
                    Err(_) => break,
                }
            }
        });
        Server { port, requests }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn handle(mut stream: TcpStream, reply: Reply, seen: &Mutex<Vec<String>>) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 1 << 20 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    seen.lock()
        .unwrap()
        .push(String::from_utf8_lossy(&head).into_owned());
    thread::sleep(reply.delay);
    let _ = stream.write_all(&reply.bytes);
    let _ = stream.flush();
}

/// The value of header `name` in a recorded request head.
fn header(request: &str, name: &str) -> Option<String> {
    request.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

struct Run {
    code: i32,
    json: Value,
    stdout: String,
    stderr: String,
}

fn session(args: &[&str]) -> Run {
    session_env(args, &[])
}

fn session_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = bin();
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .args(["session", "--now", &NOW.to_string()])
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains(SECRET_VALUE),
            "a cookie value leaked: {text}"
        );
    }
    let json = if args.contains(&"--json") {
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {stdout}"))
    } else {
        Value::Null
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        json,
        stdout,
        stderr,
    }
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
    let server = Server::start(vec![json_reply(&valid_body(), &[])]);
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

    let req = &server.requests()[0];
    assert!(req.starts_with("GET /api/auth/session HTTP/1.1"), "{req}");
    assert_eq!(header(req, "accept").as_deref(), Some("application/json"));
    assert_eq!(
        header(req, "user-agent").unwrap(),
        format!("nextauth-inspect/{}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(header(req, "cookie").unwrap(), cookie);

    let server = Server::start(vec![json_reply(&valid_body(), &[])]);
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
        let server = Server::start(vec![json_reply(body, &[])]);
        let run = session(&["--url", &server.url(), "--json"]);
        assert_eq!(run.code, 3, "{body}: {}", run.stderr);
        assert_eq!(run.json["status"], "null");
        assert!(diagnosis(&run).contains("no cookies were sent"));
        assert!(run.json["hint"].as_str().unwrap().contains("--cookie-jar"));
    }
    // Human output lists the checks.
    let server = Server::start(vec![json_reply("{}", &[])]);
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
    let server = Server::start(vec![json_reply(
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
    let server = Server::start(vec![json_reply(
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
    let server = Server::start(vec![json_reply(
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
    let server = Server::start(vec![reply(
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
    let server = Server::start(vec![reply(
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
    assert!(server.requests()[0].starts_with("GET /auth/session "));
}

#[test]
fn server_configuration_message_is_a_runtime_failure() {
    let server = Server::start(vec![reply(
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
    let server = Server::start(vec![
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
    assert_eq!(
        server.requests().len(),
        1,
        "the redirect must not be followed"
    );
}

#[test]
fn slow_server_times_out() {
    let mut slow = json_reply(&valid_body(), &[]);
    slow.delay = Duration::from_secs(4);
    let server = Server::start(vec![slow]);
    let started = Instant::now();
    let run = session(&["--url", &server.url(), "--timeout", "1", "--json"]);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(run.code, 1);
    assert!(run.json["http_status"].is_null());
    assert!(run.stderr.contains("no answer within 1s"), "{}", run.stderr);
    assert!(run.stderr.contains("--timeout"));
}

#[test]
fn huge_body_is_capped() {
    let body = format!("{{\"pad\":\"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let server = Server::start(vec![json_reply(&body, &[])]);
    let run = session(&["--url", &server.url(), "--json"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("larger than 1 MiB"), "{}", run.stderr);
}

#[test]
fn retries_5xx_then_succeeds() {
    let server = Server::start(vec![
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
    assert_eq!(server.requests().len(), 2);

    // Without --retry the 503 is final.
    let server = Server::start(vec![reply("503 Service Unavailable", &[], "")]);
    let run = session(&["--url", &server.url(), "--json"]);
    assert_eq!((run.code, run.json["attempts"].as_u64()), (1, Some(1)));

    // 4xx is not retried.
    let server = Server::start(vec![reply("404 Not Found", &[], "")]);
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
    let server = Server::start(vec![json_reply("{}", &[])]);
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
        header(&server.requests()[0], "cookie").as_deref(),
        Some("next-auth.csrf-token=csrf")
    );
}

#[test]
fn expired_token_decoded_locally_is_expired() {
    let f = load("shared-vectors.json");
    let case = f.cases.iter().find(|c| c.id == "v4-expired").unwrap();
    let cookie = format!("next-auth.session-token={}", case.token);
    let server = Server::start(vec![json_reply(
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
    let server = Server::start(vec![json_reply(&valid_body(), &[])]);
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
    let proxy = Server::start(vec![json_reply("null", &[])]);
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
    let req = &proxy.requests()[0];
    assert!(
        req.starts_with("GET http://app.example.test/api/auth/session"),
        "{req}"
    );
    assert!(header(req, "cookie").is_none());
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
    let server = Server::start(vec![json_reply("{}", &[])]);
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
    let server = Server::start(vec![json_reply(&valid_body(), &[renewed])]);
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

    let server = Server::start(vec![json_reply(&valid_body(), &[renewed])]);
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
    let server = Server::start(vec![json_reply(
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
    let server = Server::start(vec![json_reply("{}", &[])]);
    let run = session(&[
        "--url",
        &format!("{}/custom/auth/session", server.url()),
        "--json",
    ]);
    assert_eq!(
        run.json["url"],
        format!("{}/custom/auth/session", server.url())
    );
    assert!(server.requests()[0].starts_with("GET /custom/auth/session "));
    // A path prefix plus --base-path.
    let server = Server::start(vec![json_reply("{}", &[])]);
    session(&[
        "--url",
        &format!("{}/app/", server.url()),
        "--base-path",
        "auth",
    ]);
    assert!(server.requests()[0].starts_with("GET /app/auth/session "));
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
    let server = Server::start(vec![json_reply(&valid_body(), &[])]);
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
    let req = &server.requests()[0];
    assert_eq!(header(req, "x-test").as_deref(), Some("yes"));
    assert_eq!(
        header(req, "cookie").unwrap(),
        format!("{}; next-auth.csrf-token=csrf", session_cookie())
    );
    assert!(diagnosis(&run).contains("--cookie replaced the jar's next-auth.session-token"));
}

#[test]
fn insecure_warns_every_time() {
    let server = Server::start(vec![json_reply("{}", &[])]);
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
