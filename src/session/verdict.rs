//! The verdict on a session answer: valid, expired, null, or a runtime failure with what to
//! try. Pure: the clock and every input are passed in.

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::probe::{Response, TransportError, TransportKind};
use super::{Answer, Evidence, MAX_BODY_BYTES};
use crate::cookies::jar::set_cookie_expiry;
use crate::cookies::HeldBackReason;
use crate::report::session::SessionStatus;
use crate::report::{time as rtime, Status};

/// The server's "no session" answer shape, which tells the library generation apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSession {
    /// `{}`: next-auth v3/v4.
    EmptyObject,
    /// `null`: Auth.js / next-auth v5.
    Null,
}

/// The body of a 2xx answer, classified.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Session {
        user: Option<Value>,
        expires: Option<String>,
    },
    NoSession(NoSession),
    /// The JSON `message` of an error answer.
    Message(String),
    /// JSON of another shape (array, string, number…).
    OtherJson,
    Html,
    Empty,
    NotJson,
}

/// The misconfiguration answer of both libraries (HTTP 500), to any of their routes.
pub(crate) const CONFIG_MESSAGE: &str = "problem with the server configuration";

/// Classifies a response body.
pub fn classify_body(response: &Response) -> Body {
    let text = String::from_utf8_lossy(&response.body);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Body::Empty;
    }
    let html_type = response
        .content_type
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Null) => Body::NoSession(NoSession::Null),
        Ok(Value::Object(map)) if map.is_empty() => Body::NoSession(NoSession::EmptyObject),
        Ok(Value::Object(map)) => {
            let expires = map
                .get("expires")
                .and_then(Value::as_str)
                .map(str::to_string);
            let user = map.get("user").cloned();
            let message = map
                .get("message")
                .or_else(|| map.get("error"))
                .and_then(Value::as_str);
            match (user.is_some() || expires.is_some(), message) {
                (false, Some(m)) => Body::Message(short(m)),
                (false, None) => Body::OtherJson,
                (true, _) => Body::Session { user, expires },
            }
        }
        Ok(_) => Body::OtherJson,
        Err(_) if html_type || trimmed.starts_with('<') => Body::Html,
        Err(_) => Body::NotJson,
    }
}

fn short(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    match text.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// The decision on one probe.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub status: SessionStatus,
    /// The session's `user` object (valid/expired answers).
    pub user: Option<Value>,
    /// `expires` as the server wrote it.
    pub expires: Option<String>,
    pub expires_in_seconds: Option<i64>,
    /// One line: why this verdict.
    pub reason: String,
    /// What to try (runtime failures and nulls).
    pub hint: Option<String>,
    /// The "no session" shape, when that is what came back.
    pub no_session: Option<NoSession>,
}

impl Verdict {
    fn new(status: SessionStatus, reason: impl Into<String>) -> Self {
        Verdict {
            status,
            user: None,
            expires: None,
            expires_in_seconds: None,
            reason: reason.into(),
            hint: None,
            no_session: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Decides the verdict for `answer` given what was sent.
pub fn judge(evidence: &Evidence, answer: &Answer, timeout_secs: f64) -> Verdict {
    let response = match answer {
        Answer::Failed(e) => return transport(e, timeout_secs),
        Answer::Response(r) => r,
    };
    let code = response.status;
    if (300..400).contains(&code) {
        let to = response
            .location
            .as_deref()
            .unwrap_or("(no Location header)");
        return Verdict::new(
            SessionStatus::Error,
            format!("HTTP {code}: redirected to {to}; a middleware, proxy or rewrite sends this request elsewhere (likely a sign-in page or another host). The redirect was not followed and no cookie was sent there"),
        )
        .hint("exclude the auth routes from the middleware matcher (e.g. `/((?!api/auth).*)`), use the canonical URL (https, www), or check --base-path");
    }
    let body = classify_body(response);
    if !(200..300).contains(&code) {
        return http_error(code, &body);
    }
    if response.truncated {
        return Verdict::new(
            SessionStatus::Error,
            format!(
                "the answer is larger than {} MiB, which no session is",
                MAX_BODY_BYTES >> 20
            ),
        )
        .hint("check --url and --base-path: this is not the session endpoint");
    }
    match body {
        Body::Session { user, expires } => session(evidence, user, expires),
        Body::NoSession(shape) => {
            let mut v = no_session(evidence);
            v.no_session = Some(shape);
            v
        }
        Body::Html => Verdict::new(
            SessionStatus::Error,
            format!("HTTP {code} with an HTML page instead of JSON: this is not the NextAuth session endpoint"),
        )
        .hint("check --base-path (default /api/auth) and that --url is the app's origin"),
        Body::Message(m) => Verdict::new(
            SessionStatus::Error,
            format!("HTTP {code} with an error message instead of a session: {m}"),
        )
        .hint("check the server logs"),
        Body::Empty => Verdict::new(
            SessionStatus::Error,
            format!("HTTP {code} with an empty body: not the NextAuth session endpoint"),
        )
        .hint("check --url and --base-path"),
        Body::OtherJson | Body::NotJson => Verdict::new(
            SessionStatus::Error,
            format!("HTTP {code} with a body that is not a session (neither {{user, expires}}, {{}} nor null)"),
        )
        .hint("check --url and --base-path"),
    }
}

fn transport(e: &TransportError, timeout_secs: f64) -> Verdict {
    let (reason, hint) = match e.kind {
        TransportKind::Connect => (
            format!("cannot connect: {}", e.message),
            "check that the server is running and --url (host, port, http vs https); use --retry N for a deploy that is still starting".to_string(),
        ),
        TransportKind::Timeout => (
            format!("no answer within {timeout_secs}s: {}", e.message),
            "the server is slow or stuck; raise --timeout or check the server".to_string(),
        ),
        TransportKind::Tls => (
            format!("TLS failed: {}", e.message),
            "check the certificate and that the port speaks https (http:// for plain ports); --insecure accepts self-signed certificates in development".to_string(),
        ),
        TransportKind::Other => (
            format!("the request failed: {}", e.message),
            "check --url, proxies (HTTPS_PROXY, NO_PROXY) and the network".to_string(),
        ),
    };
    Verdict::new(SessionStatus::Error, reason).hint(hint)
}

fn http_error(code: u16, body: &Body) -> Verdict {
    if let Body::Message(m) = body {
        if m.to_ascii_lowercase().contains(CONFIG_MESSAGE) {
            return Verdict::new(
                SessionStatus::Error,
                format!("HTTP {code}: the server reports a configuration problem (\"{m}\")"),
            )
            .hint("read the server logs: usually AUTH_SECRET/NEXTAUTH_SECRET is missing in production, or AUTH_URL/NEXTAUTH_URL or trustHost is wrong");
        }
    }
    let (what, hint) = match (code, body) {
        (404, _) => (
            "not found",
            "no NextAuth route here: check --url and --base-path (default /api/auth)",
        ),
        (400, _) => (
            "bad request",
            "the route exists but rejected the request: check --base-path ends at the NextAuth handler",
        ),
        (401 | 403, _) => (
            "access denied before NextAuth answered",
            "a proxy or middleware guards this path: pass its credentials with -H",
        ),
        (_, _) if code >= 500 => (
            "server error",
            "read the server logs; use --retry N if the deploy is still starting",
        ),
        _ => ("unexpected status", "check --url and --base-path"),
    };
    let detail = match body {
        Body::Html => " (an HTML page)".to_string(),
        Body::Message(m) => format!(": \"{m}\""),
        _ => String::new(),
    };
    Verdict::new(SessionStatus::Error, format!("HTTP {code} {what}{detail}")).hint(hint)
}

fn session(evidence: &Evidence, user: Option<Value>, expires: Option<String>) -> Verdict {
    let at = expires.as_deref().and_then(|e| {
        OffsetDateTime::parse(e, &Rfc3339)
            .ok()
            .map(OffsetDateTime::unix_timestamp)
    });
    let now = evidence.now;
    let mut v = match (&expires, at) {
        (_, Some(at)) if at <= now => Verdict::new(
            SessionStatus::Expired,
            format!(
                "the server's session expired at {} ({})",
                rtime::rfc3339(at),
                rtime::relative_expiry(at, now)
            ),
        )
        .hint("sign in again"),
        (_, Some(at)) => Verdict::new(
            SessionStatus::Valid,
            format!("the server has a session until {}", rtime::rfc3339(at)),
        ),
        (Some(e), None) => Verdict::new(
            SessionStatus::Valid,
            format!(
                "the server has a session (its expires `{}` is not an ISO 8601 time)",
                short(e)
            ),
        ),
        (None, None) => Verdict::new(
            SessionStatus::Valid,
            "the server has a session (the answer has no `expires`; a session callback removed it)",
        ),
    };
    v.expires_in_seconds = at.map(|at| at.saturating_sub(now));
    v.user = user;
    v.expires = expires;
    v
}

/// A "no session" answer: null, unless the evidence says the session expired.
fn no_session(evidence: &Evidence) -> Verdict {
    let now = evidence.now;
    let jar_expired = evidence.jar.as_ref().and_then(|jar| {
        jar.held_back.iter().find_map(|h| match h.reason {
            HeldBackReason::Expired { at } => Some((h, at)),
            _ => None,
        })
    });
    // A sent cookie outranks an expired leftover of the same name in the jar.
    if let (Some((held, at)), None) = (jar_expired, &evidence.session) {
        return Verdict::new(
            SessionStatus::Expired,
            format!(
                "the jar's session cookie `{}` expired at {} ({}), so it was not sent and the server has no session",
                held.name,
                rtime::rfc3339(at),
                rtime::relative_expiry(at, now)
            ),
        )
        .hint("sign in again to get a fresh cookie");
    }
    if let Some(token) = evidence
        .token
        .as_ref()
        .filter(|t| t.status == Status::Expired)
    {
        let when = token
            .expires_at
            .as_deref()
            .map(|at| format!(" (exp {at})"))
            .unwrap_or_default();
        return Verdict::new(
            SessionStatus::Expired,
            format!("the session token in the cookie has expired{when}, so the server answers no session"),
        )
        .hint("sign in again to get a fresh cookie");
    }
    Verdict::new(
        SessionStatus::Null,
        "the server answers no session for the cookies sent",
    )
}

/// A Set-Cookie header reduced to its name and whether it deletes the cookie.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SetCookieSummary {
    pub name: String,
    /// `Max-Age<=0`, or an `Expires` not after now: the browser deletes the cookie.
    pub cleared: bool,
}

/// Names and cleared flags of the response's Set-Cookie headers (unparseable ones skipped).
pub fn set_cookie_summaries(set_cookies: &[String], now: i64) -> Vec<SetCookieSummary> {
    set_cookies
        .iter()
        .filter_map(|h| cookie_store::RawCookie::parse(h.trim()).ok())
        .map(|c| SetCookieSummary {
            name: c.name().to_string(),
            cleared: set_cookie_expiry(&c, now).is_none(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{HeldSession, JarEvidence};

    fn ok(body: &str) -> Answer {
        Answer::Response(Response {
            status: 200,
            content_type: Some("application/json".into()),
            body: body.as_bytes().to_vec(),
            ..Response::default()
        })
    }

    fn evidence() -> Evidence {
        Evidence {
            now: 1_800_000_000,
            ..Evidence::default()
        }
    }

    #[test]
    fn bodies() {
        let s = |b: &str| match ok(b) {
            Answer::Response(r) => classify_body(&r),
            Answer::Failed(_) => unreachable!(),
        };
        assert_eq!(s("{}"), Body::NoSession(NoSession::EmptyObject));
        assert_eq!(s(" null\n"), Body::NoSession(NoSession::Null));
        assert_eq!(s(r#"{"message":"m"}"#), Body::Message("m".into()));
        assert_eq!(s("<!doctype html>"), Body::Html);
        assert_eq!(s("[]"), Body::OtherJson);
        assert_eq!(s(""), Body::Empty);
        assert!(matches!(
            s(r#"{"user":{},"expires":"x"}"#),
            Body::Session { .. }
        ));
    }

    #[test]
    fn verdicts() {
        let ev = evidence();
        let v = judge(
            &ev,
            &ok(r#"{"user":{"name":"A"},"expires":"2027-01-15T08:00:10.000Z"}"#),
            10.0,
        );
        assert_eq!(
            (v.status, v.expires_in_seconds),
            (SessionStatus::Valid, Some(10))
        );
        let v = judge(
            &ev,
            &ok(r#"{"user":{},"expires":"2027-01-15T08:00:00Z"}"#),
            10.0,
        );
        assert_eq!(v.status, SessionStatus::Expired);
        assert_eq!(judge(&ev, &ok("null"), 10.0).status, SessionStatus::Null);

        let mut jar_expired = evidence();
        jar_expired.jar = Some(JarEvidence {
            held_back: vec![HeldSession {
                name: "authjs.session-token".into(),
                domain: "h.test".into(),
                path: "/".into(),
                reason: HeldBackReason::Expired { at: 1_799_999_000 },
            }],
            has_session_cookie: true,
        });
        assert_eq!(
            judge(&jar_expired, &ok("{}"), 10.0).status,
            SessionStatus::Expired
        );

        let redirect = Answer::Response(Response {
            status: 302,
            location: Some("/login".into()),
            ..Response::default()
        });
        let v = judge(&ev, &redirect, 10.0);
        assert_eq!(v.status, SessionStatus::Error);
        assert!(v.reason.contains("redirected to /login"));
    }

    #[test]
    fn cleared_set_cookies() {
        let now = 1_800_000_000;
        let s = set_cookie_summaries(
            &[
                "a=; Max-Age=0".into(),
                "b=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT".into(),
                "c=; Expires=Thu, 01 Jan 1970 00:00:00 GMT".into(),
                "d=1".into(),
            ],
            now,
        );
        let cleared: Vec<(&str, bool)> = s.iter().map(|c| (c.name.as_str(), c.cleared)).collect();
        assert_eq!(
            cleared,
            [("a", true), ("b", false), ("c", true), ("d", false)]
        );
    }
}
