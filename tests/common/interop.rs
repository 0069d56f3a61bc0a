//! The real next-auth v4 and Auth.js servers of `tests/interop/servers/`, for interop tests:
//! whether they can run, starting one on a 127.0.0.1 port (killed on drop, bounded waits),
//! and a browser-like credentials sign-in that writes a Netscape jar.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

pub fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

/// Whether to run; panics when interop is required but impossible.
pub fn interop_available() -> bool {
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

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    V4,
    V5,
}

impl Kind {
    pub fn script(self) -> &'static str {
        match self {
            Kind::V4 => "v4.mjs",
            Kind::V5 => "v5.mjs",
        }
    }
    pub fn secret_var(self) -> &'static str {
        match self {
            Kind::V4 => "NEXTAUTH_SECRET",
            Kind::V5 => "AUTH_SECRET",
        }
    }
    pub fn session_cookie(self) -> &'static str {
        match self {
            Kind::V4 => "next-auth.session-token",
            Kind::V5 => "authjs.session-token",
        }
    }
    pub fn expired_fixture(self) -> &'static str {
        match self {
            Kind::V4 => "v4-expired",
            Kind::V5 => "v5-expired",
        }
    }
}

/// A real server; killed (and its stdin closed) on drop.
pub struct NodeServer {
    child: Child,
    pub port: u16,
}

impl NodeServer {
    pub fn start(kind: Kind, secret: &str) -> NodeServer {
        NodeServer::start_with(kind, secret, &[])
    }

    /// With extra environment, e.g. `SECURE_COOKIES=1`.
    pub fn start_with(kind: Kind, secret: &str, env: &[(&str, &str)]) -> NodeServer {
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
        for (k, v) in env {
            cmd.env(k, v);
        }
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

    pub fn origin(&self) -> String {
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

pub fn http() -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

pub fn store(jar: &mut Jar, url: &Url, response: &reqwest::blocking::Response) {
    for h in response.headers().get_all(reqwest::header::SET_COOKIE) {
        jar.apply_set_cookie(url, h.to_str().unwrap(), unix_now())
            .unwrap();
    }
}

/// Signs alice in like a browser would and writes the jar to `dir/cookies.txt`.
pub fn sign_in(server: &NodeServer, kind: Kind, dir: &Path) -> PathBuf {
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
