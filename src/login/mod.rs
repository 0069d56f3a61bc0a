//! Signing in through a Credentials provider the way the browser client does: CSRF token,
//! provider check, the credentials POST. [`flow`] does the HTTP; the functions here judge
//! each answer and are pure, so every server dialect (next-auth v4 `json=true`, Auth.js v5
//! `X-Auth-Return-Redirect`) and error redirect is testable without a network.

pub mod fields;
pub mod flow;

use serde::Serialize;
use serde_json::Value;
use url::Url;

use crate::session::probe::Response;
use crate::session::verdict::{classify_body, Body, CONFIG_MESSAGE};

/// What `login` did before the session probe; part of the session report. Names, never
/// values: no field value, no cookie value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoginSummary {
    pub provider: String,
    /// The URL the credentials were posted to.
    pub callback_url: String,
    /// Whether the server accepted the sign-in (the session probe then says whether a
    /// session came of it).
    pub signed_in: bool,
    /// The HTTP status of the sign-in answer (null when none came).
    pub http_status: Option<u16>,
    /// Where the server sends the browser next (`{url}` or Location); never followed.
    pub redirect: Option<String>,
    /// The `error` code of a refused sign-in (`CredentialsSignin`, `MissingCSRF`, …).
    pub error_code: Option<String>,
    /// Names of the form fields sent besides csrfToken, callbackUrl and json.
    pub fields: Vec<String>,
    /// Names of the cookies the server set during the flow.
    pub cookies_set: Vec<String>,
    /// Cookies the server set that a browser would not keep, with why.
    pub cookies_rejected: Vec<String>,
    /// The jar written (`--cookie-jar`), when it was.
    pub cookie_jar: Option<String>,
}

/// A step that went wrong, in words: what happened and what to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reason: String,
    pub hint: String,
}

impl Failure {
    fn new(reason: impl Into<String>, hint: impl Into<String>) -> Self {
        Failure {
            reason: reason.into(),
            hint: hint.into(),
        }
    }
}

/// A non-2xx or otherwise unusable answer to `what` (a step of the flow).
pub fn http_failure(what: &str, response: &Response) -> Failure {
    let code = response.status;
    if (300..400).contains(&code) {
        let to = response.location.as_deref().unwrap_or("(no Location)");
        return Failure::new(
            format!("HTTP {code} from {what}: redirected to {to} (not followed)"),
            "a middleware or proxy sends the auth routes elsewhere: use the canonical URL \
             (https, www) or exclude /api/auth from the middleware matcher",
        );
    }
    match classify_body(response) {
        Body::Message(m) if m.to_ascii_lowercase().contains(CONFIG_MESSAGE) => Failure::new(
            format!(
                "HTTP {code} from {what}: the server reports a configuration problem (\"{m}\")"
            ),
            "read the server logs: usually AUTH_SECRET/NEXTAUTH_SECRET is missing in \
             production, AUTH_URL/NEXTAUTH_URL or trustHost is wrong, or the Credentials \
             provider is used with the database session strategy",
        ),
        _ if code == 404 => Failure::new(
            format!("HTTP 404 from {what}: no NextAuth.js/Auth.js route there"),
            "check --url and --base-path (default /api/auth)",
        ),
        Body::Message(m) => Failure::new(
            format!("HTTP {code} from {what}: \"{m}\""),
            "read the server logs",
        ),
        Body::Html if (200..300).contains(&code) => Failure::new(
            format!("HTTP {code} from {what} with an HTML page instead of JSON"),
            "check --url and --base-path (default /api/auth)",
        ),
        _ if code >= 500 => Failure::new(
            format!("HTTP {code} from {what}: server error"),
            "read the server logs",
        ),
        _ => Failure::new(
            format!("HTTP {code} from {what}: not the answer NextAuth.js/Auth.js gives"),
            "check --url and --base-path (default /api/auth)",
        ),
    }
}

/// The CSRF token from `GET <base>/csrf`.
pub fn csrf_token(response: &Response) -> Result<String, Failure> {
    if (200..300).contains(&response.status) {
        let body: Option<Value> = serde_json::from_slice(&response.body).ok();
        if let Some(token) = body
            .as_ref()
            .and_then(|b| b.get("csrfToken"))
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            return Ok(token.to_string());
        }
    }
    let mut failure = http_failure("the csrf endpoint", response);
    if response.status >= 500 {
        // The first request of the flow, so the one `--retry` repeats.
        failure
            .hint
            .push_str("; use --retry N if the deploy is still starting");
    }
    Err(failure)
}

/// What `GET <base>/providers` says about `--provider`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderCheck {
    /// A credentials provider by that id.
    Credentials,
    /// The id exists but its type is not `credentials` (OAuth, email, WebAuthn…).
    OtherType(String),
    /// No provider by that id; the ones that exist, as `id (type)`.
    Unknown(Vec<String>),
    /// The answer is not a providers map: nothing can be said.
    Unreadable,
}

/// Judges the providers answer for provider `id`.
pub fn check_provider(response: &Response, id: &str) -> ProviderCheck {
    if !(200..300).contains(&response.status) {
        return ProviderCheck::Unreadable;
    }
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(&response.body) else {
        return ProviderCheck::Unreadable;
    };
    let kind = |v: &Value| {
        v.get("type")
            .and_then(Value::as_str)
            .unwrap_or("unknown type")
            .to_string()
    };
    match map.get(id) {
        Some(p) if kind(p) == "credentials" => ProviderCheck::Credentials,
        Some(p) => ProviderCheck::OtherType(kind(p)),
        None => ProviderCheck::Unknown(
            map.iter()
                .map(|(id, p)| format!("{id} ({})", kind(p)))
                .collect(),
        ),
    }
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `error=CredentialsSignin`: authorize() returned null.
    Credentials,
    /// `csrf=true` (v3/v4) or `error=MissingCSRF` (v5).
    Csrf,
    /// Another `error=` code (AccessDenied, CallbackRouteError, …).
    Other(String),
}

/// How the server answered the credentials POST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// Accepted; where the browser would go next.
    Accepted { redirect: Option<String> },
    Refused {
        refusal: Refusal,
        code: String,
        redirect: Option<String>,
    },
    /// The server failed (HTTP 500 configuration, unexpected answer): not the user's fault.
    Failed {
        failure: Failure,
        redirect: Option<String>,
    },
}

/// Judges the answer to `POST <base>/callback/<provider>` made to `posted`: the `{url}` of
/// next-auth v4 (`json=true`, 200 or 401) and Auth.js v5 (`X-Auth-Return-Redirect`), or a
/// plain redirect, then the error code in that URL.
pub fn judge_sign_in(response: &Response, posted: &Url) -> SignIn {
    let code = response.status;
    let json_url = serde_json::from_slice::<Value>(&response.body)
        .ok()
        .and_then(|b| b.get("url").and_then(Value::as_str).map(str::to_string));
    let target = match (&json_url, &response.location) {
        (Some(url), _) if (200..300).contains(&code) || code == 401 => url.clone(),
        (_, Some(location)) if (300..400).contains(&code) => location.clone(),
        _ => {
            return SignIn::Failed {
                failure: http_failure("the sign-in", response),
                redirect: None,
            }
        }
    };
    let resolved = posted.join(&target).ok();
    let query = |key: &str| {
        resolved.as_ref().and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        })
    };
    let redirect = Some(target.clone());
    let refused = |refusal: Refusal, code: String| SignIn::Refused {
        refusal,
        code,
        redirect: redirect.clone(),
    };
    match query("error").as_deref() {
        Some("CredentialsSignin") => refused(Refusal::Credentials, "CredentialsSignin".into()),
        Some("MissingCSRF") => refused(Refusal::Csrf, "MissingCSRF".into()),
        Some("Configuration") => SignIn::Failed {
            failure: Failure::new(
                format!("the server reports a configuration error (error=Configuration, redirected to {target})"),
                "read the server logs: the Credentials provider needs the jwt session strategy, \
                 and AUTH_SECRET/NEXTAUTH_SECRET must be set",
            ),
            redirect,
        },
        Some(other) => refused(Refusal::Other(other.to_string()), other.to_string()),
        None if query("csrf").as_deref() == Some("true") => {
            refused(Refusal::Csrf, "csrf=true".into())
        }
        None if code == 401 => refused(Refusal::Credentials, "HTTP 401".into()),
        None => SignIn::Accepted { redirect },
    }
}

impl Refusal {
    /// What happened and what to try, for the report.
    pub fn explain(&self, code: &str) -> Failure {
        match self {
            Refusal::Credentials => Failure::new(
                format!("wrong credentials: the server refused the sign-in ({code})"),
                "check the -f values and names (the provider's `credentials` keys, e.g. \
                 username or email, and password): its authorize() returned null",
            ),
            Refusal::Csrf => Failure::new(
                format!("the server rejected the CSRF token ({code})"),
                "the csrf cookie did not come back with the POST: check that --url is the \
                 app's canonical origin (AUTH_URL/NEXTAUTH_URL), that no proxy drops cookies, \
                 and that the csrf cookie is not a __Host- cookie over plain http",
            ),
            Refusal::Other(c) => Failure::new(
                format!("the server refused the sign-in (error={c})"),
                match c.as_str() {
                    "AccessDenied" => "the signIn callback returned false for this user",
                    "CallbackRouteError" => {
                        "authorize() threw an error (not null): read the server logs"
                    }
                    _ => "read the server logs",
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, location: Option<&str>, body: &str) -> Response {
        Response {
            status,
            location: location.map(str::to_string),
            content_type: Some("application/json".into()),
            body: body.as_bytes().to_vec(),
            ..Response::default()
        }
    }

    fn posted() -> Url {
        Url::parse("http://h.test/api/auth/callback/credentials").unwrap()
    }

    #[test]
    fn sign_in_answers_of_both_generations() {
        let j = |status, body: &str| judge_sign_in(&answer(status, None, body), &posted());
        assert_eq!(
            j(200, r#"{"url":"http://h.test/"}"#),
            SignIn::Accepted {
                redirect: Some("http://h.test/".into())
            }
        );
        assert!(matches!(
            j(
                401,
                r#"{"url":"http://h.test/api/auth/error?error=CredentialsSignin&provider=credentials"}"#
            ),
            SignIn::Refused {
                refusal: Refusal::Credentials,
                ..
            }
        ));
        assert!(matches!(
            j(
                200,
                r#"{"url":"/api/auth/signin?error=CredentialsSignin&code=credentials"}"#
            ),
            SignIn::Refused {
                refusal: Refusal::Credentials,
                ..
            }
        ));
        assert!(matches!(
            j(200, r#"{"url":"http://h.test/api/auth/signin?csrf=true"}"#),
            SignIn::Refused {
                refusal: Refusal::Csrf,
                ..
            }
        ));
        assert!(matches!(
            j(
                200,
                r#"{"url":"http://h.test/api/auth/signin?error=MissingCSRF"}"#
            ),
            SignIn::Refused {
                refusal: Refusal::Csrf,
                ..
            }
        ));
        assert!(matches!(
            j(200, r#"{"url":"http://h.test/api/auth/error?error=AccessDenied"}"#),
            SignIn::Refused { refusal: Refusal::Other(ref c), .. } if c == "AccessDenied"
        ));
        assert!(matches!(
            j(
                200,
                r#"{"url":"http://h.test/api/auth/error?error=Configuration"}"#
            ),
            SignIn::Failed { .. }
        ));
        let config = j(
            500,
            r#"{"message":"There is a problem with the server configuration. Check the server logs for more information."}"#,
        );
        match config {
            SignIn::Failed { failure, .. } => assert!(failure.reason.contains("configuration")),
            other => panic!("{other:?}"),
        }
        let redirect = judge_sign_in(
            &answer(302, Some("/api/auth/signin?csrf=true"), ""),
            &posted(),
        );
        assert!(matches!(
            redirect,
            SignIn::Refused {
                refusal: Refusal::Csrf,
                ..
            }
        ));
        assert!(matches!(j(200, "<html>"), SignIn::Failed { .. }));
    }

    #[test]
    fn providers_and_csrf() {
        let p = answer(
            200,
            None,
            r#"{"github":{"id":"github","type":"oauth"},"login":{"id":"login","type":"credentials"}}"#,
        );
        assert_eq!(check_provider(&p, "login"), ProviderCheck::Credentials);
        assert_eq!(
            check_provider(&p, "github"),
            ProviderCheck::OtherType("oauth".into())
        );
        assert_eq!(
            check_provider(&p, "credentials"),
            ProviderCheck::Unknown(vec!["github (oauth)".into(), "login (credentials)".into()])
        );
        assert_eq!(
            check_provider(&answer(404, None, "{}"), "x"),
            ProviderCheck::Unreadable
        );
        assert_eq!(
            csrf_token(&answer(200, None, r#"{"csrfToken":"abc"}"#)),
            Ok("abc".into())
        );
        assert!(csrf_token(&answer(404, None, "nope"))
            .unwrap_err()
            .reason
            .contains("404"));
    }
}
