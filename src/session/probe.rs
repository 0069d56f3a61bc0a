//! The HTTP side of the live check: one GET of the session endpoint with reqwest (blocking,
//! rustls with the ring provider), no redirects followed, the body capped, and retries on
//! connection errors and 5xx. Built only by `session` and `login`, so `token` never
//! initialises HTTP or TLS.

use std::fmt;
use std::io::Read as _;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE, LOCATION};
use url::Url;

use super::{Answer, MAX_BODY_BYTES};

/// What to send and how patiently.
pub struct Request {
    pub url: Url,
    /// The Cookie header value, if any cookie is sent.
    pub cookie_header: Option<String>,
    /// Extra headers (`-H`); values may be credentials and are never printed.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub timeout: Duration,
    pub insecure: bool,
    pub retry: Retry,
    /// A client to reuse (`login`'s, built from the same timeout and TLS flags); `None`
    /// builds one.
    pub client: Option<reqwest::blocking::Client>,
}

/// How often to try again, and after how long, while a site is starting: connection
/// errors and 5xx answers are retried; anything else is an answer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Retry {
    /// Retries after the first attempt.
    pub times: u32,
    pub delay: Duration,
}

impl Retry {
    /// Calls `attempt` until it gives a final answer or the retries run out; returns the
    /// last answer and how many attempts were made.
    pub fn run(&self, mut attempt: impl FnMut() -> Answer) -> (Answer, u32) {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let answer = attempt();
            let retryable = match &answer {
                Answer::Failed(e) => e.kind == TransportKind::Connect,
                Answer::Response(r) => r.status >= 500,
            };
            if !retryable || attempts > self.times {
                return (answer, attempts);
            }
            std::thread::sleep(self.delay);
        }
    }
}

/// Leaves the cookie header and header values out: they are credentials.
impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("url", &self.url.as_str())
            .field(
                "cookie_header_len",
                &self.cookie_header.as_ref().map(String::len),
            )
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("timeout", &self.timeout)
            .field("insecure", &self.insecure)
            .field("retry", &self.retry)
            .field("reuses_client", &self.client.is_some())
            .finish()
    }
}

/// An HTTP response, reduced to what the verdict needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: Option<String>,
    /// Raw `Set-Cookie` header values (they carry new tokens: never printed as such).
    pub set_cookies: Vec<String>,
    /// At most [`MAX_BODY_BYTES`].
    pub body: Vec<u8>,
    /// The body was longer than [`MAX_BODY_BYTES`].
    pub truncated: bool,
}

/// Why no response came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    pub kind: TransportKind,
    /// The error chain as text (reqwest/hyper/rustls messages: no headers, no cookies).
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// Refused, unreachable, DNS failure, or the connect timed out.
    Connect,
    /// The server accepted the connection but did not answer in time.
    Timeout,
    /// The TLS handshake or certificate check failed.
    Tls,
    Other,
}

/// The answer, how many attempts it took and how long in total.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub answer: Answer,
    pub attempts: u32,
    pub elapsed: Duration,
}

/// The HTTP client for a probe; fails only on a broken TLS set-up.
pub fn client(timeout: Duration, insecure: bool) -> anyhow::Result<reqwest::blocking::Client> {
    // reqwest is built without a default crypto provider; another thread may have installed
    // one already, which is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::blocking::Client::builder()
        .user_agent(concat!("nextauth-inspect/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeout)
        .timeout(timeout)
        .tls_danger_accept_invalid_certs(insecure)
        .build()
        .map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {}", chain(&e)))?;
    Ok(client)
}

/// GET the endpoint, retrying connection errors and 5xx answers `request.retries` times.
pub fn run(request: &Request) -> anyhow::Result<Exchange> {
    let client = match &request.client {
        Some(reused) => reused.clone(),
        None => client(request.timeout, request.insecure)?,
    };
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    for (name, value) in &request.headers {
        headers.append(name.clone(), value.clone());
    }
    if let Some(cookie) = &request.cookie_header {
        let mut value = HeaderValue::from_str(cookie)
            .map_err(|_| anyhow::anyhow!("the cookies contain characters a Cookie header cannot carry; check the jar and --cookie for control characters"))?;
        value.set_sensitive(true);
        headers.insert(COOKIE, value);
    }
    let started = Instant::now();
    let (answer, attempts) = request
        .retry
        .run(|| send(client.get(request.url.clone()).headers(headers.clone())));
    Ok(Exchange {
        answer,
        attempts,
        elapsed: started.elapsed(),
    })
}

/// Sends one request (no redirects are followed by [`client`]) and reads the answer the way
/// the session probe does; `login` sends its CSRF, providers and callback requests with it.
pub fn send(request: reqwest::blocking::RequestBuilder) -> Answer {
    let response = match request.send() {
        Ok(r) => r,
        Err(e) => return Answer::Failed(transport_error(&e)),
    };
    let text = |v: &HeaderValue| String::from_utf8_lossy(v.as_bytes()).into_owned();
    let status = response.status().as_u16();
    let location = response.headers().get(LOCATION).map(text);
    let content_type = response.headers().get(CONTENT_TYPE).map(text);
    let set_cookies = response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .map(text)
        .collect();
    let mut body = Vec::new();
    if let Err(e) = response.take(MAX_BODY_BYTES + 1).read_to_end(&mut body) {
        return Answer::Failed(io_error(&e));
    }
    let truncated = body.len() as u64 > MAX_BODY_BYTES;
    body.truncate(MAX_BODY_BYTES as usize);
    Answer::Response(Response {
        status,
        location,
        content_type,
        set_cookies,
        body,
        truncated,
    })
}

fn transport_error(e: &reqwest::Error) -> TransportError {
    let message = chain(e);
    let lower = message.to_ascii_lowercase();
    let kind = if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("invalidcontenttype")
    {
        TransportKind::Tls
    } else if e.is_connect() {
        TransportKind::Connect
    } else if e.is_timeout() {
        TransportKind::Timeout
    } else {
        TransportKind::Other
    };
    TransportError { kind, message }
}

fn io_error(e: &std::io::Error) -> TransportError {
    let message = chain(e);
    let timed_out = e.kind() == std::io::ErrorKind::TimedOut
        || message.to_ascii_lowercase().contains("timed out");
    TransportError {
        kind: if timed_out {
            TransportKind::Timeout
        } else {
            TransportKind::Other
        },
        message: format!("reading the response body failed: {message}"),
    }
}

/// An error and its sources on one line, without repeats.
fn chain(e: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(statuses: &[Option<u16>], retry: Retry) -> (Answer, u32, usize) {
        let mut left = statuses.iter();
        let mut calls = 0;
        let (answer, attempts) = retry.run(|| {
            calls += 1;
            match left.next().expect("no more answers") {
                Some(status) => Answer::Response(Response {
                    status: *status,
                    ..Response::default()
                }),
                None => Answer::Failed(TransportError {
                    kind: TransportKind::Connect,
                    message: "refused".into(),
                }),
            }
        });
        (answer, attempts, calls)
    }

    #[test]
    fn retries_connection_errors_and_5xx_only_as_often_as_allowed() {
        let three = Retry {
            times: 3,
            delay: Duration::ZERO,
        };
        let (answer, attempts, _) = answers(&[None, Some(502), Some(200)], three);
        assert!(matches!(answer, Answer::Response(r) if r.status == 200));
        assert_eq!(attempts, 3);
        // 4xx is an answer; so is the last 5xx when the retries run out.
        assert_eq!(answers(&[Some(404), Some(200)], three).1, 1);
        let once = Retry {
            times: 1,
            delay: Duration::ZERO,
        };
        let (answer, attempts, calls) = answers(&[Some(503), None, Some(200)], once);
        assert!(matches!(answer, Answer::Failed(_)));
        assert_eq!((attempts, calls), (2, 2));
        assert_eq!(answers(&[None], Retry::default()).1, 1);
    }
}
