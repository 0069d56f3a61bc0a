//! Minted tokens against the REAL libraries: decoded by next-auth 3 / next-auth 4 /
//! @auth/core `decode()` in Node (tests/interop/decode-minted.mjs), chunked exactly like their
//! `SessionStore`, and accepted by the real v4 and v5 servers' `/api/auth/session`.
//!
//! Skipped (with a note on stderr) when `node` or tests/interop/node_modules is missing, unless
//! NEXTAUTH_INSPECT_INTEROP=1, which turns a missing toolchain into a failure.

mod common;

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::bin;
use common::interop::{interop_available, interop_dir, unix_now, Kind, NodeServer};
use serde_json::{json, Map, Value};

const SECRET: &str = "interop-mint-secret-0123456789abcdef";
const WAIT: Duration = Duration::from_secs(60);

/// Run `mint` at `now` (real time: the libraries check exp against their clock).
fn mint(now: i64, args: &[&str]) -> String {
    let out = bin()
        .args(["mint", "--now", &now.to_string(), "--secret", SECRET])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "mint {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Kills and reaps the child when dropped, so a failing test leaves no process behind.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Feed JSON lines to decode-minted.mjs and collect one result per line (bounded wait).
fn decode_all(requests: &[Value]) -> Vec<Value> {
    let mut child = Reaped(
        Command::new("node")
            .arg(interop_dir().join("decode-minted.mjs"))
            .current_dir(interop_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start node"),
    );
    let mut stdin = child.0.stdin.take().unwrap();
    let input: String = requests.iter().map(|r| format!("{r}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut stdout = child.0.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        let _ = tx.send(text);
    });
    let text = rx
        .recv_timeout(WAIT)
        .expect("decode-minted.mjs did not finish in time");
    writer.join().unwrap().unwrap();
    let results: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), requests.len(), "one result per request");
    results
}

fn claims() -> Map<String, Value> {
    json!({"sub": "1", "name": "Alice", "email": "alice@example.com", "roles": ["admin"]})
        .as_object()
        .unwrap()
        .clone()
}

fn big_claims() -> Map<String, Value> {
    let noise: String = (0..6000u32)
        .map(|i| char::from(b'a' + ((i.wrapping_mul(2_654_435_761) >> 13) % 26) as u8))
        .collect();
    let mut c = claims();
    c.insert("noise".into(), noise.into());
    c
}

fn header_keys(result: &Value) -> Vec<String> {
    result["header"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn real_libraries_decode_minted_tokens() {
    if !interop_available() {
        return;
    }
    let now = unix_now();
    let small = Value::Object(claims()).to_string();
    let big = Value::Object(big_claims()).to_string();
    // (label, format for the decoder, mint args, decode salt, Cookie header name, big claims)
    type Case<'a> = (
        &'a str,
        &'a str,
        Vec<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        bool,
    );
    let plan: Vec<Case> = vec![
        ("v3", "v3", vec!["--format", "v3"], None, None, false),
        (
            "v3-encrypted",
            "v3-encrypted",
            vec!["--format", "v3-encrypted"],
            None,
            None,
            false,
        ),
        ("v4", "v4", vec!["--format", "v4"], None, None, false),
        (
            "v4-salted",
            "v4",
            vec!["--format", "v4", "--salt", "v4salt"],
            Some("v4salt"),
            None,
            false,
        ),
        (
            "v5",
            "v5",
            vec![],
            Some("authjs.session-token"),
            None,
            false,
        ),
        (
            "v5-secure",
            "v5",
            vec!["--secure"],
            Some("__Secure-authjs.session-token"),
            None,
            false,
        ),
        (
            "v5-custom-salt",
            "v5",
            vec!["--salt", "custom-salt"],
            Some("custom-salt"),
            None,
            false,
        ),
        (
            "v5-custom-cookie",
            "v5",
            vec!["--cookie-name", "app.session"],
            Some("app.session"),
            None,
            false,
        ),
        (
            "v4-chunked",
            "v4",
            vec!["--format", "v4", "--as", "cookie"],
            None,
            Some("next-auth.session-token"),
            true,
        ),
        (
            "v5-chunked",
            "v5",
            vec!["--as", "cookie"],
            Some("authjs.session-token"),
            Some("authjs.session-token"),
            true,
        ),
    ];
    let cases: Vec<_> = plan
        .into_iter()
        .map(|(label, format, mut args, salt, cookie, is_big)| {
            let (text, expect) = if is_big {
                (&big, big_claims())
            } else {
                (&small, claims())
            };
            args.extend(["--claims", text.as_str()]);
            (label, format, mint(now, &args), salt, cookie, expect)
        })
        .collect();
    let mut requests: Vec<Value> = cases
        .iter()
        .map(|(_, format, minted, salt, cookie, _)| match cookie {
            Some(name) => json!({"format": format, "cookieHeader": minted, "cookieName": name,
                                 "secret": SECRET, "salt": salt}),
            None => json!({"format": format, "token": minted, "secret": SECRET, "salt": salt}),
        })
        .collect();
    // The real decoder rejects a v5 token read under the other cookie name (salt).
    let secure = &cases[5].2;
    requests.push(json!({"format": "v5", "token": secure, "secret": SECRET,
                         "salt": "authjs.session-token"}));
    requests.push(json!({"format": "v4", "token": &cases[2].2, "secret": "another-secret"}));
    let results = decode_all(&requests);

    for ((label, format, minted, _, cookie, expect), r) in cases.iter().zip(&results) {
        assert_eq!(r["ok"], true, "{label}: {r}");
        let got = r["claims"].as_object().unwrap();
        for (k, v) in expect {
            assert_eq!(&got[k], v, "{label}: claim {k}");
        }
        assert_eq!(got["iat"], now, "{label}");
        assert_eq!(got["exp"], now + 30 * 86_400, "{label}");
        let jti = got.get("jti").and_then(Value::as_str);
        match *format {
            "v4" | "v5" => assert_eq!(jti.map(str::len), Some(36), "{label}: uuid jti"),
            _ => assert!(jti.is_none(), "{label}"),
        }
        let keys = header_keys(r);
        let expect_header: &[&str] = match *format {
            "v3" => &["alg"],
            "v3-encrypted" => &["alg", "enc", "zip"],
            "v4" => &["alg", "enc"],
            _ => &["alg", "enc", "kid"],
        };
        assert_eq!(keys, expect_header, "{label}");
        match *format {
            "v3" => assert_eq!(r["header"], json!({"alg": "HS512"})),
            "v3-encrypted" => assert_eq!(
                r["header"],
                json!({"alg": "dir", "enc": "A256GCM", "zip": "DEF"})
            ),
            "v4" => assert_eq!(r["header"], json!({"alg": "dir", "enc": "A256GCM"})),
            _ => assert_eq!(r["header"]["enc"], "A256CBC-HS512"),
        }
        if cookie.is_some() {
            assert!(minted.contains(".1="), "{label} is chunked");
        }
    }
    let n = cases.len();
    assert_eq!(results[n]["ok"], false, "wrong salt must not decode");
    assert_eq!(results[n + 1]["ok"], false, "wrong secret must not decode");
}

#[test]
fn chunks_match_the_library_session_store() {
    if !interop_available() {
        return;
    }
    let now = unix_now();
    let big = Value::Object(big_claims()).to_string();
    let mut requests = Vec::new();
    let mut ours = Vec::new();
    for (lib, name, args) in [
        ("v4", "next-auth.session-token", vec!["--format", "v4"]),
        ("v5", "__Secure-authjs.session-token", vec!["--secure"]),
    ] {
        let mut args = args;
        args.extend(["--as", "json", "--claims", big.as_str()]);
        let doc: Value = serde_json::from_str(&mint(now, &args)).unwrap();
        assert_eq!(doc["cookie_name"], name);
        requests.push(json!({"op": "chunk", "lib": lib, "cookieName": name,
                             "token": doc["token"]}));
        ours.push(doc["cookies"].clone());
    }
    let results = decode_all(&requests);
    for (r, ours) in results.iter().zip(ours) {
        assert_eq!(r["ok"], true);
        assert_eq!(
            r["cookies"], ours,
            "chunk names and boundaries equal the library's"
        );
        assert!(ours.as_array().unwrap().len() >= 3);
    }
}

/// GET /api/auth/session with a Cookie header; returns the JSON body. HTTP/1.0 keeps the
/// body un-chunked and the connection closing.
fn session(port: u16, cookie: &str) -> Value {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.set_write_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET /api/auth/session HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n\
         Accept: application/json\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("an HTTP response");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    serde_json::from_str(body.trim()).unwrap_or_else(|e| panic!("body {body:?}: {e}"))
}

fn cookie_args(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    args.extend(["--as".into(), "cookie".into()]);
    args.extend(["--claims".into(), Value::Object(claims()).to_string()]);
    args
}

fn mint_cookie(now: i64, extra: &[&str]) -> String {
    let args = cookie_args(extra);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    mint(now, &refs)
}

#[test]
fn real_v5_server_accepts_minted_cookies() {
    if !interop_available() {
        return;
    }
    let server = NodeServer::start(Kind::V5, SECRET);
    let now = unix_now();
    let body = session(server.port, &mint_cookie(now, &[]));
    assert_eq!(body["user"]["email"], "alice@example.com", "{body}");
    assert_eq!(body["user"]["name"], "Alice");

    // Chunked, through the library's SessionStore.
    let big = Value::Object(big_claims()).to_string();
    let header = mint(now, &["--as", "cookie", "--claims", &big]);
    assert!(header.contains("authjs.session-token.1="));
    let body = session(server.port, &header);
    assert_eq!(body["user"]["email"], "alice@example.com", "{body}");

    // Sealed with the wrong salt: the server cannot decode it and answers null.
    let wrong = mint_cookie(now, &["--salt", "__Secure-authjs.session-token"]);
    assert_eq!(session(server.port, &wrong), Value::Null);
    // … and `session`, given the server's secret, says why.
    let out = bin()
        .args([
            "session",
            "--json",
            "--url",
            &format!("http://127.0.0.1:{}", server.port),
        ])
        .arg(format!("--cookie={wrong}"))
        .env("AUTH_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let hint = report["hint"].as_str().unwrap_or_default();
    assert!(
        hint.contains("sealed for cookie `__Secure-authjs.session-token` but arrived as `authjs.session-token`"),
        "{report}"
    );
    assert!(
        report["set_cookies"]
            .to_string()
            .contains("\"cleared\":true"),
        "{report}"
    );
    // Sealed with another secret: null too.
    let out = bin()
        .args([
            "mint",
            "--secret",
            "not-the-server-secret",
            "--as",
            "cookie",
        ])
        .output()
        .unwrap();
    let other = String::from_utf8(out.stdout).unwrap();
    assert_eq!(session(server.port, other.trim()), Value::Null);

    // Through a jar: the cookie line mint wrote is the one a client sends.
    let dir = tempfile::tempdir().unwrap();
    let jar = dir.path().join("jar.txt");
    let url = format!("http://127.0.0.1:{}", server.port);
    bin()
        .args([
            "mint",
            "--secret",
            SECRET,
            "--claims",
            &Value::Object(claims()).to_string(),
        ])
        .arg("--cookie-jar")
        .arg(&jar)
        .args(["--url", &url])
        .assert()
        .success();
    let text = std::fs::read_to_string(&jar).unwrap();
    let pairs: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("#HttpOnly_127.0.0.1\t"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            format!("{}={}", f[5], f[6])
        })
        .collect();
    assert_eq!(pairs.len(), 1, "{text}");
    let body = session(server.port, &pairs.join("; "));
    assert_eq!(body["user"]["email"], "alice@example.com", "{body}");
}

#[test]
fn real_v4_server_accepts_minted_cookies() {
    if !interop_available() {
        return;
    }
    let server = NodeServer::start(Kind::V4, SECRET);
    let now = unix_now();
    let body = session(server.port, &mint_cookie(now, &["--format", "v4"]));
    assert_eq!(body["user"]["email"], "alice@example.com", "{body}");
    assert_eq!(body["user"]["name"], "Alice");

    let big = Value::Object(big_claims()).to_string();
    let header = mint(now, &["--format", "v4", "--as", "cookie", "--claims", &big]);
    assert!(header.contains("next-auth.session-token.1="));
    let body = session(server.port, &header);
    assert_eq!(body["user"]["email"], "alice@example.com", "{body}");

    // A v5 token under the v4 cookie name is not a session to next-auth 4 (`{}`).
    let v5 = mint_cookie(now, &["--cookie-name", "next-auth.session-token"]);
    assert_eq!(session(server.port, &v5), json!({}));
}
