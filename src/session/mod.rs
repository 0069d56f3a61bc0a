//! The live check: ask a site's `/api/auth/session` what it thinks of a session, the way a
//! browser would, and decide valid / expired / null — and for a null, why.
//!
//! [`probe`] is the only part that does I/O (one HTTP GET, with retries). [`verdict`] and
//! [`diagnosis`] are pure functions of what was sent ([`Evidence`]) and what came back
//! ([`Answer`]), so every branch is testable without a network.

pub mod diagnosis;
pub mod expect;
pub mod probe;
pub mod verdict;

use thiserror::Error;
use url::Url;

use crate::cookies::{ChunkDefect, HeldBackReason};
use crate::report::TokenReport;

/// Bodies beyond this are not session answers; reading stops there.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;

/// The default NextAuth/Auth.js API path.
pub const DEFAULT_BASE_PATH: &str = "/api/auth";

/// Why `--url` cannot be probed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EndpointError {
    #[error(
        "--url `{0}` is not a URL; write e.g. https://app.example.com or http://127.0.0.1:3000"
    )]
    NotAUrl(String),
    #[error("--url `{0}` is not http or https")]
    Scheme(String),
    #[error("--url must not carry a user name or password (they would be printed in reports); send credentials with -H 'Authorization: …'")]
    Credentials,
}

/// The session endpoint for `--url` and `--base-path`: a URL already ending in `/session` is
/// used as is; otherwise `<url path>/<base path>/session`. The fragment is dropped.
pub fn endpoint(url: &str, base_path: &str) -> Result<Url, EndpointError> {
    let text = url.trim();
    let mut parsed = Url::parse(text).map_err(|_| EndpointError::NotAUrl(text.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(EndpointError::Scheme(text.to_string()));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(EndpointError::NotAUrl(text.to_string()));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(EndpointError::Credentials);
    }
    parsed.set_fragment(None);
    let path = parsed.path().trim_end_matches('/').to_string();
    if !path.ends_with("/session") {
        let base = base_path.trim_matches('/');
        let joined = if base.is_empty() {
            format!("{path}/session")
        } else {
            format!("{path}/{base}/session")
        };
        parsed.set_path(&joined);
    }
    Ok(parsed)
}

/// What the request side knows: the cookies sent, the jar's view, the local decode.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The clock, Unix seconds.
    pub now: i64,
    /// Names of the cookies sent, in header order (never values).
    pub cookies_sent: Vec<String>,
    /// Jar cookies not sent because `--cookie` carried one of the same name.
    pub overridden: Vec<String>,
    /// The session cookie found among the sent cookies.
    pub session: Option<SentSession>,
    /// Set when a jar was given.
    pub jar: Option<JarEvidence>,
    /// The answer's Set-Cookie headers go into the jar whatever the flags say (`login`'s
    /// jar), so the diagnosis must not advise --update-jar.
    pub jar_kept: bool,
    /// The `--cookie-name` the user gave (a custom session cookie name).
    pub cookie_name: Option<String>,
    /// How many secrets were available for the local decode.
    pub secret_count: usize,
    /// The local decode of the session cookie (when secrets and a session cookie exist).
    pub token: Option<TokenReport>,
}

/// The session cookie as sent: name, chunking and what is wrong with the chunk set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentSession {
    /// Base name (no chunk suffix).
    pub name: String,
    pub chunks: usize,
    pub defect: Option<ChunkDefect>,
    pub warnings: Vec<String>,
}

/// What the jar says about session cookies for this URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JarEvidence {
    /// Session cookies in the jar that were not sent, and why.
    pub held_back: Vec<HeldSession>,
    /// Whether the jar holds any session cookie at all (for any site).
    pub has_session_cookie: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldSession {
    pub name: String,
    pub domain: String,
    pub path: String,
    pub reason: HeldBackReason,
}

/// What came back from the probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// No HTTP response at all.
    Failed(probe::TransportError),
    Response(probe::Response),
}

impl Answer {
    /// The response, or why none came.
    pub fn into_result(self) -> Result<probe::Response, probe::TransportError> {
        match self {
            Answer::Response(response) => Ok(response),
            Answer::Failed(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(url: &str, base: &str) -> String {
        endpoint(url, base).unwrap().to_string()
    }

    #[test]
    fn endpoint_forms() {
        let d = DEFAULT_BASE_PATH;
        assert_eq!(
            e("https://app.example.com", d),
            "https://app.example.com/api/auth/session"
        );
        assert_eq!(
            e("http://127.0.0.1:3000/app/", d),
            "http://127.0.0.1:3000/app/api/auth/session"
        );
        assert_eq!(e("http://h.test/x/session#f", d), "http://h.test/x/session");
        assert_eq!(e("http://h.test/", "auth/"), "http://h.test/auth/session");
        assert_eq!(e("http://h.test", "/"), "http://h.test/session");
        assert_eq!(
            endpoint("h.test", d),
            Err(EndpointError::NotAUrl("h.test".into()))
        );
        assert!(matches!(
            endpoint("ftp://h.test", d),
            Err(EndpointError::Scheme(_))
        ));
        assert_eq!(
            endpoint("http://u:p@h.test", d),
            Err(EndpointError::Credentials)
        );
    }
}
