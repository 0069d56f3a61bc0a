//! A small routing HTTP server for black-box tests: 127.0.0.1, an ephemeral port, canned
//! answers per path (a sequence; the last one repeats), every request recorded (head and
//! body). It stops when dropped and after 20 seconds at most. Requests in absolute form
//! (`GET http://app.test/x`, as sent to a proxy) are routed by their path too, so a test can
//! pose as any origin through `HTTP_PROXY`. A route named `*` answers every other path.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// One canned answer, optionally sent after a delay (for timeout tests).
#[derive(Clone)]
pub struct Reply {
    bytes: Vec<u8>,
    delay: Duration,
}

impl Reply {
    /// The same answer, sent only after `delay`.
    pub fn after(self, delay: Duration) -> Reply {
        Reply { delay, ..self }
    }
}

pub fn reply(status: &str, headers: &[&str], body: &str) -> Reply {
    let mut text = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    Reply {
        bytes: text.into_bytes(),
        delay: Duration::ZERO,
    }
}

/// 200 with a JSON body.
pub fn json(body: &str, headers: &[&str]) -> Reply {
    json_status("200 OK", body, headers)
}

pub fn json_status(status: &str, body: &str, headers: &[&str]) -> Reply {
    let mut all = vec!["Content-Type: application/json"];
    all.extend_from_slice(headers);
    reply(status, &all, body)
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub head: String,
    pub body: String,
}

impl Seen {
    /// The value of header `name`.
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }

    /// The form field `name` of a form-encoded body.
    pub fn form(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }
}

pub struct Server {
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Serves `routes` (path without query → answers in order). Other paths get the `*`
    /// route, or 404 when there is none.
    pub fn start(routes: Vec<(&str, Vec<Reply>)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let mut routes: HashMap<String, (Vec<Reply>, usize)> = routes
            .into_iter()
            .map(|(p, r)| (p.to_string(), (r, 0)))
            .collect();
        let (seen2, stop2) = (seen.clone(), stop.clone());
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline && !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => handle(stream, &mut routes, &seen2),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        thread::sleep(Duration::from_millis(5))
                    }
                    Err(_) => break,
                }
            }
        });
        Server { port, seen, stop }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The requests to `path`.
    pub fn seen_at(&self, path: &str) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| s.path == path).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn handle(
    mut stream: TcpStream,
    routes: &mut HashMap<String, (Vec<Reply>, usize)>,
    seen: &Mutex<Vec<Seen>>,
) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
    let body = String::from_utf8_lossy(&data[head_end..]).into_owned();
    let mut first = head.lines().next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("");
    let target = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    };
    let path = target.split('?').next().unwrap_or("").to_string();
    let route = if routes.contains_key(&path) {
        path.clone()
    } else {
        "*".to_string()
    };
    let answer = match routes.get_mut(&route) {
        Some((replies, next)) => {
            let r = replies[(*next).min(replies.len() - 1)].clone();
            *next += 1;
            r
        }
        None => json_status("404 Not Found", r#"{"error":"not found"}"#, &[]),
    };
    seen.lock().unwrap().push(Seen {
        method,
        path,
        head,
        body,
    });
    thread::sleep(answer.delay);
    let _ = stream.write_all(&answer.bytes);
    let _ = stream.flush();
}

/// What a run of the binary produced.
pub struct Run {
    pub code: i32,
    /// stdout parsed when `--json` was passed, else null.
    pub json: serde_json::Value,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout and stderr together, for leak checks.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// The binary for network tests: no proxy from the environment, killed after 30 seconds.
pub fn network_bin() -> assert_cmd::Command {
    let mut cmd = super::bin();
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
    cmd.timeout(Duration::from_secs(30));
    cmd
}

/// Runs [`network_bin`] with `args`; no secret comes from the environment unless `env`
/// sets it.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = network_bin();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = if args.contains(&"--json") && !args.contains(&"--nagios") && !stdout.is_empty() {
        serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!("stdout is not one JSON document ({e}): {stdout}\nstderr: {stderr}")
        })
    } else {
        serde_json::Value::Null
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        json,
        stdout,
        stderr,
    }
}
