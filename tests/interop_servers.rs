//! `session` against the REAL libraries: a next-auth 4.24.15 server and an Auth.js
//! (@auth/express) server from `tests/interop/servers/`, started on 127.0.0.1 ports. Each test
//! signs in (CSRF + credentials POST) to get a real Netscape jar, then checks every verdict.
//!
//! Skipped (with a note on stderr) when `node` or `tests/interop/node_modules` is missing,
//! unless NEXTAUTH_INSPECT_INTEROP=1 (set by `.ci/run` after `npm ci`): then a missing Node
//! fails the test.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{bin, load};
use nextauth_inspect::cookies::jar::Jar;
use serde_json::Value;
use url::Url;

const ALL_SECRET_VARS: [&str; 6] = [
    "NEXTAUTH_SECRET",
    "AUTH_SECRET",
    "AUTH_SECRET_1",
    "AUTH_SECRET_2",
    "AUTH_SECRET_3",
    "NEXTAUTH_URL",
];

fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

/// Whether to run; panics when interop is required but impossible.
fn interop_available() -> bool {
    let required = std::env::var("NEXTAUTH_INSPECT_INTEROP").is_ok_and(|v| v == "1");
    let node = Command::new("node")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    let modules = interop_dir().join("node_modules").is_dir();
    if node && modules {
        return true;
    }
    let why = if node {
        "tests/interop/node_modules is missing (run `npm ci` there)"
    } else {
        "`node` is not on PATH"
    };
    assert!(
        !required,
        "NEXTAUTH_INSPECT_INTEROP=1 but {why}: the interop tests cannot run"
    );
    eprintln!("note: skipping the interop tests against real servers: {why}");
    false
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    V4,
    V5,
}

impl Kind {
    fn script(self) -> &'static str {
        match self {
            Kind::V4 => "v4.mjs",
            Kind::V5 => "v5.mjs",
        }
    }
    fn secret_var(self) -> &'static str {
        match self {
            Kind::V4 => "NEXTAUTH_SECRET",
            Kind::V5 => "AUTH_SECRET",
        }
    }
    fn session_cookie(self) -> &'static str {
        match self {
            Kind::V4 => "next-auth.session-token",
            Kind::V5 => "authjs.session-token",
        }
    }
    fn expired_fixture(self) -> &'static str {
        match self {
            Kind::V4 => "v4-expired",
            Kind::V5 => "v5-expired",
        }
    }
}

/// A real server; killed (and its stdin closed) on drop.
struct NodeServer {
    child: Child,
    port: u16,
}

impl NodeServer {
    fn start(kind: Kind, secret: &str) -> NodeServer {
        let mut cmd = Command::new("node");
        cmd.arg(interop_dir().join("servers").join(kind.script()))
            .arg("0")
            .current_dir(interop_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for var in ALL_SECRET_VARS {
            cmd.env_remove(var);
        }
        cmd.env(kind.secret_var(), secret).env("STDIN_WATCH", "1");
        let mut child = cmd.spawn().expect("start node");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(port) = line.strip_prefix("LISTENING ") {
                    let _ = tx.send(port.trim().parse::<u16>().ok());
                    return;
                }
            }
            let _ = tx.send(None);
        });
        let port = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(Some(port)) => port,
            other => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{kind:?} server did not print LISTENING within 20 s: {other:?}");
            }
        };
        NodeServer { child, port }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for NodeServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http() -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn store(jar: &mut Jar, url: &Url, response: &reqwest::blocking::Response) {
    for h in response.headers().get_all(reqwest::header::SET_COOKIE) {
        jar.apply_set_cookie(url, h.to_str().unwrap(), unix_now())
            .unwrap();
    }
}

/// Signs alice in like a browser would and writes the jar to `dir/cookies.txt`.
fn sign_in(server: &NodeServer, kind: Kind, dir: &Path) -> PathBuf {
    let client = http();
    let mut jar = Jar::new();
    let csrf_url = Url::parse(&format!("{}/api/auth/csrf", server.origin())).unwrap();
    let res = client.get(csrf_url.clone()).send().unwrap();
    store(&mut jar, &csrf_url, &res);
    let csrf: Value = serde_json::from_str(&res.text().unwrap()).unwrap();
    let csrf = csrf["csrfToken"].as_str().unwrap().to_string();

    let url = Url::parse(&format!(
        "{}/api/auth/callback/credentials",
        server.origin()
    ))
    .unwrap();
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("csrfToken", &csrf)
        .append_pair("username", "alice")
        .append_pair("password", "wonderland")
        .append_pair("callbackUrl", &format!("{}/", server.origin()));
    let mut req = client
        .post(url.clone())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", jar.select(&url, unix_now()).header());
    match kind {
        Kind::V4 => {
            form.append_pair("json", "true");
        }
        Kind::V5 => req = req.header("X-Auth-Return-Redirect", "1"),
    }
    let res = req.body(form.finish()).send().unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "sign-in answered {}",
        res.status()
    );
    store(&mut jar, &url, &res);
    assert!(
        jar.cookies().any(|c| c.name == kind.session_cookie()),
        "sign-in set no {} cookie",
        kind.session_cookie()
    );
    let path = dir.join("cookies.txt");
    jar.save_atomic(&path).unwrap();
    path
}

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
