//! The `login` contract through the real binary against a local routing server that answers
//! like next-auth v4 (`json=true` → `{url}`, 401 on wrong credentials) or Auth.js v5
//! (`X-Auth-Return-Redirect` → `{url}`): every flag and error path, the jar (0600, usable by
//! `session`), and that no field value or cookie value is ever printed.

mod common;

use common::http::{json, json_status, reply, run, Reply, Run, Server};
use serde_json::Value;

/// 2027-01-15T08:00:00Z: the clock every test passes with --now.
const NOW: &str = "1800000000";
const IN_30_DAYS: &str = "2027-02-14T08:00:00.000Z";
const PASSWORD: &str = "SENTINEL-password-must-not-leak";
const SESSION_VALUE: &str = "SENTINEL-session-cookie-value";
const CSRF_VALUE: &str = "SENTINEL-csrf-cookie-value";
const CSRF_TOKEN: &str = "c5a1f00d";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    V4,
    V5,
}

impl Style {
    fn prefix(self) -> &'static str {
        match self {
            Style::V4 => "next-auth",
            Style::V5 => "authjs",
        }
    }
    fn session_cookie(self) -> String {
        format!("{}.session-token", self.prefix())
    }
}

fn csrf(style: Style) -> Reply {
    json(
        &format!(r#"{{"csrfToken":"{CSRF_TOKEN}"}}"#),
        &[&format!(
            "Set-Cookie: {}.csrf-token={CSRF_VALUE}%7Chash; Path=/; HttpOnly; SameSite=Lax",
            style.prefix()
        )],
    )
}

fn providers() -> Reply {
    json(
        r#"{"credentials":{"id":"credentials","name":"Credentials","type":"credentials"},"github":{"id":"github","name":"GitHub","type":"oauth"}}"#,
        &[],
    )
}

fn session_set_cookie(style: Style) -> String {
    format!(
        "Set-Cookie: {}={SESSION_VALUE}; Path=/; Expires=Sun, 14 Feb 2027 08:00:00 GMT; HttpOnly; SameSite=Lax",
        style.session_cookie()
    )
}

/// The success answer of each generation (v4 with json=true, v5 with the header).
fn accepted(style: Style) -> Reply {
    json(
        r#"{"url":"http://localhost:3000/"}"#,
        &[
            &session_set_cookie(style),
            &format!(
                "Set-Cookie: {}.callback-url=http%3A%2F%2Flocalhost%3A3000; Path=/; HttpOnly; SameSite=Lax",
                style.prefix()
            ),
        ],
    )
}

fn valid_session(style: Style) -> Reply {
    let user = r#"{"name":"Alice","email":"alice@example.com"}"#;
    json(
        &format!(r#"{{"user":{user},"expires":"{IN_30_DAYS}"}}"#),
        &[&session_set_cookie(style)],
    )
}

fn no_session(style: Style) -> Reply {
    json(if style == Style::V4 { "{}" } else { "null" }, &[])
}

fn site(callback: Reply, session: Reply, style: Style) -> Server {
    Server::start(vec![
        ("/api/auth/csrf", vec![csrf(style)]),
        ("/api/auth/providers", vec![providers()]),
        ("/api/auth/callback/credentials", vec![callback]),
        ("/api/auth/session", vec![session]),
    ])
}

fn login(url: &str, extra: &[&str]) -> Run {
    login_env(url, extra, &[])
}

fn login_env(url: &str, extra: &[&str], env: &[(&str, &str)]) -> Run {
    let mut args = vec!["login", "--now", NOW, "--color", "never", "--url", url];
    args.extend_from_slice(extra);
    let run = run(&args, env);
    for value in [PASSWORD, SESSION_VALUE, CSRF_VALUE] {
        assert!(!run.all().contains(value), "a value leaked: {}", run.all());
    }
    run
}

fn alice(password_arg: &str) -> Vec<&str> {
    vec!["-f", "username=alice", "-f", password_arg]
}

#[test]
fn v4_style_sign_in_writes_a_private_jar_and_reports_the_session() {
    let style = Style::V4;
    let server = site(accepted(style), valid_session(style), style);
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend(["--cookie-jar", jar.to_str().unwrap(), "--json"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 0, "{}", r.all());
    let j = &r.json;
    assert_eq!(j["status"], "valid");
    assert_eq!(j["user"]["email"], "alice@example.com");
    assert_eq!(j["url"], format!("{}/api/auth/session", server.url()));
    assert_eq!(j["login"]["signed_in"], true);
    assert_eq!(j["login"]["provider"], "credentials");
    assert_eq!(j["login"]["http_status"], 200);
    assert_eq!(j["login"]["redirect"], "http://localhost:3000/");
    assert_eq!(
        j["login"]["fields"],
        serde_json::json!(["username", "password"])
    );
    assert_eq!(j["login"]["cookie_jar"], jar.to_str().unwrap());
    assert_eq!(
        j["login"]["cookies_set"],
        serde_json::json!([
            "next-auth.csrf-token",
            "next-auth.session-token",
            "next-auth.callback-url"
        ])
    );
    assert!(r.stderr.contains("note: -f password on the command line"));

    // The requests, in order, as the browser client makes them.
    let seen = server.seen();
    let paths: Vec<(&str, &str)> = seen
        .iter()
        .map(|s| (s.method.as_str(), s.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("GET", "/api/auth/csrf"),
            ("GET", "/api/auth/providers"),
            ("POST", "/api/auth/callback/credentials"),
            ("GET", "/api/auth/session"),
        ]
    );
    let post = &seen[2];
    assert_eq!(
        post.header("content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(post.header("x-auth-return-redirect").as_deref(), Some("1"));
    assert_eq!(post.form("csrfToken").as_deref(), Some(CSRF_TOKEN));
    assert_eq!(post.form("username").as_deref(), Some("alice"));
    assert_eq!(post.form("password").as_deref(), Some(PASSWORD));
    assert_eq!(post.form("callbackUrl"), Some(format!("{}/", server.url())));
    assert_eq!(post.form("json").as_deref(), Some("true"));
    assert_eq!(
        post.header("cookie").unwrap(),
        format!("next-auth.csrf-token={CSRF_VALUE}%7Chash")
    );
    let session_cookie = seen[3].header("cookie").unwrap();
    assert!(session_cookie.contains(&format!("next-auth.session-token={SESSION_VALUE}")));

    // The jar: private, Netscape format, every cookie of the flow.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&jar).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&jar).unwrap();
    assert!(text.starts_with("# Netscape HTTP Cookie File"), "{text}");
    for name in [
        "next-auth.csrf-token",
        "next-auth.callback-url",
        "next-auth.session-token",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("#HttpOnly_127.0.0.1\tFALSE\t/\t")
                    && l.contains(&format!("\t{name}\t"))),
            "{name} missing from the jar"
        );
    }
}

#[test]
fn v5_style_sign_in_leaves_a_jar_session_accepts() {
    let style = Style::V5;
    let server = site(accepted(style), valid_session(style), style);
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let jar_s = jar.to_str().unwrap();
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend(["--cookie-jar", jar_s]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        r.stdout.starts_with("SIGNED IN  through `credentials` at "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("VALID  session at"), "{}", r.stdout);
    assert!(r.stdout.contains("Alice <alice@example.com>"));
    assert!(r
        .stdout
        .contains("re-issued authjs.session-token (kept in the jar)"));
    assert!(r.stdout.contains(&format!("jar written: {jar_s}")));

    let s = run(
        &[
            "session",
            "--now",
            NOW,
            "--url",
            &server.url(),
            "--cookie-jar",
            jar_s,
            "--json",
        ],
        &[],
    );
    assert_eq!(s.code, 0, "{}", s.all());
    assert_eq!(s.json["status"], "valid");
    assert!(
        s.json.get("login").is_none(),
        "session reports carry no login section"
    );
    let last = server.seen_at("/api/auth/session").pop().unwrap();
    assert!(last
        .header("cookie")
        .unwrap()
        .contains(&format!("authjs.session-token={SESSION_VALUE}")));
}

fn refused(callback: Reply, style: Style) -> (Server, Run, std::path::PathBuf, tempfile::TempDir) {
    sign_in_with_jar(site(callback, valid_session(style), style))
}

/// Alice signs in at `server` with `--cookie-jar` (in a fresh directory) and `--json`.
fn sign_in_with_jar(server: Server) -> (Server, Run, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend(["--cookie-jar", jar.to_str().unwrap(), "--json"]);
    let r = login(&server.url(), &args);
    (server, r, jar, dir)
}

#[test]
fn wrong_credentials_v4_is_a_failed_sign_in() {
    let (server, r, jar, _dir) = refused(
        json_status(
            "401 Unauthorized",
            r#"{"url":"http://localhost:3000/api/auth/error?error=CredentialsSignin&provider=credentials"}"#,
            &[],
        ),
        Style::V4,
    );
    assert_eq!(r.code, 3, "{}", r.all());
    assert_eq!(r.json["status"], "null");
    assert_eq!(r.json["login"]["signed_in"], false);
    assert_eq!(r.json["login"]["http_status"], 401);
    assert_eq!(r.json["login"]["error_code"], "CredentialsSignin");
    assert!(r.json["reason"]
        .as_str()
        .unwrap()
        .starts_with("wrong credentials"));
    assert!(
        r.stderr.contains("error: wrong credentials"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("authorize() returned null"));
    assert!(
        server.seen_at("/api/auth/session").is_empty(),
        "no probe after a refusal"
    );
    assert!(!jar.exists(), "no jar is written for a refused sign-in");
}

#[test]
fn wrong_credentials_v5_is_a_failed_sign_in() {
    let (_server, r, _jar, _dir) = refused(
        json(
            r#"{"url":"http://localhost:3000/api/auth/signin?error=CredentialsSignin&code=credentials"}"#,
            &[],
        ),
        Style::V5,
    );
    assert_eq!(r.code, 3, "{}", r.all());
    assert_eq!(r.json["login"]["error_code"], "CredentialsSignin");
    assert_eq!(
        r.json["login"]["redirect"],
        "http://localhost:3000/api/auth/signin?error=CredentialsSignin&code=credentials"
    );

    // Human: the refusal on stdout, why on stderr.
    let server = site(
        reply(
            "302 Found",
            &["Location: /api/auth/signin?error=CredentialsSignin&code=credentials"],
            "",
        ),
        valid_session(Style::V5),
        Style::V5,
    );
    let pw = format!("password={PASSWORD}");
    let r = login(&server.url(), &alice(&pw));
    assert_eq!(r.code, 3, "{}", r.all());
    assert!(
        r.stdout
            .starts_with("REJECTED  sign-in through `credentials`"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("fields sent: username, password"));
    assert!(r.stderr.contains("wrong credentials"));
}

#[test]
fn csrf_rejected_in_both_dialects() {
    for (style, url) in [
        (Style::V4, "http://localhost:3000/api/auth/signin?csrf=true"),
        (
            Style::V5,
            "http://localhost:3000/api/auth/signin?error=MissingCSRF",
        ),
    ] {
        let (_server, r, _jar, _dir) = refused(json(&format!(r#"{{"url":"{url}"}}"#), &[]), style);
        assert_eq!(r.code, 3, "{style:?}: {}", r.all());
        assert!(
            r.json["reason"]
                .as_str()
                .unwrap()
                .contains("rejected the CSRF token"),
            "{style:?}: {}",
            r.json
        );
        assert!(r.stderr.contains("csrf cookie did not come back"));
    }
}

#[test]
fn unknown_provider_lists_the_ones_that_exist() {
    let style = Style::V4;
    let server = site(accepted(style), valid_session(style), style);
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend(["--provider", "ldap"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("no provider `ldap`; ")
            && r.stderr
                .contains("lists: credentials (credentials), github (oauth)"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());

    let mut args = alice(&pw);
    args.extend(["--provider", "github"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("is a `oauth` provider"), "{}", r.stderr);
    assert!(
        server.seen_at("/api/auth/callback/credentials").is_empty()
            && server.seen_at("/api/auth/callback/github").is_empty(),
        "no password is posted after a provider mismatch"
    );
}

#[test]
fn a_custom_provider_id_is_posted_to_its_callback() {
    let style = Style::V4;
    let server = Server::start(vec![
        ("/api/auth/csrf", vec![csrf(style)]),
        (
            "/api/auth/providers",
            vec![json(
                r#"{"password":{"id":"password","type":"credentials"}}"#,
                &[],
            )],
        ),
        ("/api/auth/callback/password", vec![accepted(style)]),
        ("/api/auth/session", vec![valid_session(style)]),
    ]);
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend(["--provider", "password", "--json"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        r.json["login"]["callback_url"],
        format!("{}/api/auth/callback/password", server.url())
    );
}

#[test]
fn server_configuration_error_is_a_runtime_failure() {
    let config = r#"{"message":"There is a problem with the server configuration. Check the server logs for more information."}"#;
    let (_server, r, _jar, _dir) = refused(
        json_status("500 Internal Server Error", config, &[]),
        Style::V4,
    );
    assert_eq!(r.code, 1, "{}", r.all());
    assert_eq!(r.json["status"], "error");
    assert!(r.json["error"]
        .as_str()
        .unwrap()
        .contains("configuration problem"));
    assert!(r.stderr.contains("read the server logs"), "{}", r.stderr);

    // Already at the first step.
    let server = Server::start(vec![(
        "/api/auth/csrf",
        vec![json_status("500 Internal Server Error", config, &[])],
    )]);
    let pw = format!("password={PASSWORD}");
    let r = login(&server.url(), &alice(&pw));
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.stderr.contains("HTTP 500 from the csrf endpoint"),
        "{}",
        r.stderr
    );
    assert_eq!(server.seen().len(), 1);

    // No NextAuth route at all.
    let server = Server::start(vec![]);
    let r = login(&server.url(), &alice(&pw));
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("--base-path"), "{}", r.stderr);
}

#[test]
fn network_failure_is_exit_1() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let pw = format!("password={PASSWORD}");
    let r = login(&format!("http://127.0.0.1:{port}"), &alice(&pw));
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("cannot connect"), "{}", r.stderr);
}

/// `--retry` waits out a deploy on the first request and the session check, but the
/// credentials are POSTed once: a 5xx there is the answer.
#[test]
fn retry_covers_the_csrf_request_and_the_session_never_the_post() {
    let style = Style::V4;
    let starting = || reply("503 Service Unavailable", &[], "starting");
    let server = Server::start(vec![
        ("/api/auth/csrf", vec![starting(), starting(), csrf(style)]),
        ("/api/auth/providers", vec![providers()]),
        ("/api/auth/callback/credentials", vec![accepted(style)]),
        ("/api/auth/session", vec![starting(), valid_session(style)]),
    ]);
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend(["--retry", "3", "--retry-delay", "0", "--json"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(r.json["attempts"], 2, "the session check was retried once");
    assert!(
        r.stderr
            .contains("/api/auth/csrf answered after 3 attempts"),
        "{}",
        r.stderr
    );
    let paths: Vec<String> = server.seen().into_iter().map(|s| s.path).collect();
    let count = |p: &str| paths.iter().filter(|seen| seen.ends_with(p)).count();
    assert_eq!((count("/csrf"), count("/session")), (3, 2), "{paths:?}");

    // Without --retry the first 503 is final, and the hint names the flag login has.
    let server = Server::start(vec![("/api/auth/csrf", vec![starting(), csrf(style)])]);
    let r = login(&server.url(), &alice(&pw));
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stderr.contains("--retry N"), "{}", r.stderr);
    assert_eq!(server.seen().len(), 1);

    // A 5xx answer to the credentials POST is not repeated.
    let server = Server::start(vec![
        ("/api/auth/csrf", vec![csrf(style)]),
        ("/api/auth/providers", vec![providers()]),
        (
            "/api/auth/callback/credentials",
            vec![starting(), accepted(style)],
        ),
    ]);
    let mut args = alice(&pw);
    args.extend(["--retry", "3", "--retry-delay", "0"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 1, "{}", r.all());
    let posts = server.seen().iter().filter(|s| s.method == "POST").count();
    assert_eq!(posts, 1);
}

#[test]
fn accepted_sign_in_without_a_session_cookie_says_so() {
    let style = Style::V4;
    let (_server, r, jar, _dir) = sign_in_with_jar(site(
        json(r#"{"url":"http://localhost:3000/"}"#, &[]),
        no_session(style),
        style,
    ));
    assert_eq!(r.code, 3, "{}", r.all());
    assert_eq!(r.json["status"], "null");
    assert_eq!(r.json["login"]["signed_in"], true);
    assert_eq!(
        r.json["reason"],
        "the sign-in was accepted, but the server set no session cookie"
    );
    assert!(r.json["hint"]
        .as_str()
        .unwrap()
        .contains("jwt session strategy"));
    assert!(jar.exists(), "the jar of an accepted sign-in is written");
}

#[test]
fn secure_session_cookie_over_plain_http_is_not_kept() {
    // The app runs with secure cookies; the sign-in goes to a plain-http, non-loopback
    // origin (app.test, through this server as the proxy), so no browser keeps the cookie.
    let style = Style::V4;
    let callback = json(
        r#"{"url":"https://app.test/"}"#,
        &["Set-Cookie: __Secure-next-auth.session-token=SENTINEL-session-cookie-value; Path=/; HttpOnly; Secure; SameSite=Lax"],
    );
    let server = site(callback, no_session(style), style);
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.push("--json");
    let r = login_env("http://app.test", &args, &[("HTTP_PROXY", &server.url())]);
    assert_eq!(r.code, 3, "{}", r.all());
    let reason = r.json["reason"].as_str().unwrap();
    assert!(
        reason.contains("session cookie `__Secure-next-auth.session-token` was not kept")
            && reason.contains("plain http"),
        "{reason}"
    );
    assert!(r.json["hint"].as_str().unwrap().contains("https URL"));
    assert_eq!(
        r.json["login"]["cookies_rejected"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(server.seen()[0].path, "/api/auth/csrf");
}

#[test]
fn field_values_from_files_and_the_environment_are_sent_and_never_printed() {
    let style = Style::V5;
    let server = site(accepted(style), valid_session(style), style);
    let dir = tempfile::tempdir().unwrap();
    let pw_file = dir.path().join("pw.txt");
    std::fs::write(&pw_file, format!("{PASSWORD}\n")).unwrap();
    let pw_arg = format!("password=@{}", pw_file.display());
    let r = login_env(
        &server.url(),
        &[
            "-f",
            "username=env:LOGIN_USER",
            "--field",
            &pw_arg,
            "-f",
            "callbackUrl=/dashboard",
            "--json",
        ],
        &[("LOGIN_USER", "alice")],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(!r.stderr.contains("visible to other users"), "{}", r.stderr);
    let post = &server.seen_at("/api/auth/callback/credentials")[0];
    assert_eq!(post.form("username").as_deref(), Some("alice"));
    assert_eq!(
        post.form("password").as_deref(),
        Some(PASSWORD),
        "one newline trimmed"
    );
    assert_eq!(post.form("callbackUrl").as_deref(), Some("/dashboard"));

    // Unset variable, missing file, reserved and malformed fields: usage errors that name
    // the field and the source, never a value.
    for (args, expect) in [
        (
            vec!["-f", "password=env:NO_SUCH_LOGIN_VAR"],
            "NO_SUCH_LOGIN_VAR is not set",
        ),
        (
            vec!["-f", "password=@/nonexistent/pw.txt"],
            "cannot read /nonexistent/pw.txt",
        ),
        (vec!["-f", "csrfToken=x"], "set by login itself"),
        (vec!["-f", PASSWORD], "-f number 1 is not NAME=VALUE"),
    ] {
        let r = login(&server.url(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.all());
        assert!(r.stderr.contains(expect), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn headers_go_with_every_request_and_usage_errors_are_2() {
    let style = Style::V4;
    let server = site(accepted(style), valid_session(style), style);
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend(["-H", "X-Bypass: letmein", "--quiet", "--timeout", "5"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.is_empty());
    for seen in server.seen() {
        assert_eq!(
            seen.header("x-bypass").as_deref(),
            Some("letmein"),
            "{}",
            seen.path
        );
    }

    for args in [
        vec!["--timeout", "0"],
        vec!["-H", "no colon"],
        vec!["--provider", "a/b"],
    ] {
        let r = login(&server.url(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.all());
    }
    let r = run(&["login", "-f", "a=b"], &[]);
    assert_eq!(r.code, 2, "--url is required: {}", r.all());
    let r = login("ftp://h.test", &[]);
    assert_eq!(r.code, 2, "{}", r.all());
}

#[test]
fn base_path_and_assertions_apply_to_login() {
    let style = Style::V5;
    let server = Server::start(vec![
        ("/app/auth/csrf", vec![csrf(style)]),
        ("/app/auth/providers", vec![providers()]),
        ("/app/auth/callback/credentials", vec![accepted(style)]),
        ("/app/auth/session", vec![valid_session(style)]),
    ]);
    let url = format!("{}/app", server.url());
    let pw = format!("password={PASSWORD}");
    let mut args = alice(&pw);
    args.extend([
        "--base-path",
        "/auth",
        "--expect-user",
        "ALICE@example.com",
        "--min-ttl",
        "7d",
        "--json",
    ]);
    let r = login(&url, &args);
    assert_eq!(r.code, 0, "{}", r.all());
    let post = &server.seen_at("/app/auth/callback/credentials")[0];
    assert_eq!(post.form("callbackUrl"), Some(url.clone()));
    let checks: Vec<&Value> = r.json["assertions"].as_array().unwrap().iter().collect();
    assert_eq!(checks.len(), 2);
    assert!(checks.iter().all(|c| c["passed"] == true));

    let mut args = alice(&pw);
    args.extend(["--base-path", "/auth", "--expect-user", "bob@example.com"]);
    let r = login(&url, &args);
    assert_eq!(r.code, 5, "{}", r.all());
    assert!(r
        .stderr
        .contains("error: the session belongs to alice@example.com, not bob@example.com"));

    let mut args = alice(&pw);
    args.extend(["--base-path", "/auth", "--min-ttl", "31d"]);
    let r = login(&url, &args);
    assert_eq!(r.code, 4, "{}", r.all());
    assert!(
        r.stderr.contains("sooner than --min-ttl 31d"),
        "{}",
        r.stderr
    );
}

#[test]
fn nagios_lines_for_login() {
    let style = Style::V4;
    let pw = format!("password={PASSWORD}");
    let server = site(accepted(style), valid_session(style), style);
    let mut args = alice(&pw);
    args.extend(["--nagios", "--min-ttl", "1d"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        r.stdout,
        "NEXTAUTH SESSION OK - alice@example.com, expires in 30d|ttl=2592000s;86400:\n"
    );

    let (_s, r, _j, _d) = refused(
        json_status(
            "401 Unauthorized",
            r#"{"url":"http://localhost:3000/api/auth/error?error=CredentialsSignin"}"#,
            &[],
        ),
        style,
    );
    assert_eq!(r.code, 3, "plain exit code without --nagios");
    let server = site(
        json_status(
            "401 Unauthorized",
            r#"{"url":"http://localhost:3000/api/auth/error?error=CredentialsSignin"}"#,
            &[],
        ),
        valid_session(style),
        style,
    );
    let mut args = alice(&pw);
    args.push("--nagios");
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stdout
            .starts_with("NEXTAUTH SESSION CRITICAL - sign-in failed: wrong credentials"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 1);

    let mut args = alice(&pw);
    args.extend(["--nagios", "--provider", "nope"]);
    let r = login(&server.url(), &args);
    assert_eq!(r.code, 3, "{}", r.all());
    assert!(r
        .stdout
        .starts_with("NEXTAUTH SESSION UNKNOWN - the app has no provider `nope`"));
}
