//! Why a session is null (or what else is worth knowing about it): which cookies went out,
//! what the jar held back, chunk sets, cookie family mismatches, a cleared cookie, and the
//! local decode. Each check is one line naming cookies only, never values.

use super::verdict::{NoSession, SetCookieSummary, Verdict};
use super::{Answer, Evidence};
use crate::cookies::{is_session_cookie_name, HeldBackReason};
use crate::report::session::SessionStatus;
use crate::report::{time, Status};

/// The checks made, in order, and the most useful next step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnosis {
    pub checks: Vec<String>,
    pub hint: Option<String>,
    /// The most likely cause, short, for the verdict line.
    pub cause: Option<String>,
}

/// Which library a cookie name belongs to, from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieFamily {
    /// `next-auth.*`: next-auth v3/v4.
    NextAuth,
    /// `authjs.*`: Auth.js / next-auth v5.
    AuthJs,
}

impl CookieFamily {
    pub fn of(name: &str) -> Option<CookieFamily> {
        let bare = ["__Secure-", "__Host-"]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(name);
        if bare.starts_with("next-auth.") {
            Some(CookieFamily::NextAuth)
        } else if bare.starts_with("authjs.") {
            Some(CookieFamily::AuthJs)
        } else {
            None
        }
    }

    fn pattern(self) -> &'static str {
        match self {
            CookieFamily::NextAuth => "next-auth.*",
            CookieFamily::AuthJs => "authjs.*",
        }
    }

    fn library(self) -> &'static str {
        match self {
            CookieFamily::NextAuth => "next-auth v3/v4",
            CookieFamily::AuthJs => "Auth.js / next-auth v5",
        }
    }

    fn session_cookie(self) -> &'static str {
        match self {
            CookieFamily::NextAuth => "next-auth.session-token",
            CookieFamily::AuthJs => "authjs.session-token",
        }
    }
}

/// The family most of `names` belong to.
fn family_of<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<CookieFamily> {
    let (mut next, mut authjs) = (0, 0);
    for name in names {
        match CookieFamily::of(name) {
            Some(CookieFamily::NextAuth) => next += 1,
            Some(CookieFamily::AuthJs) => authjs += 1,
            None => {}
        }
    }
    match (next, authjs) {
        (0, 0) => None,
        (n, a) if n >= a => Some(CookieFamily::NextAuth),
        _ => Some(CookieFamily::AuthJs),
    }
}

/// Explains `verdict` from the evidence and the answer.
pub fn diagnose(
    evidence: &Evidence,
    answer: &Answer,
    verdict: &Verdict,
    set_cookies: &[SetCookieSummary],
) -> Diagnosis {
    let mut checks = Vec::new();
    let mut hints: Vec<String> = Vec::new();
    let mut causes: Vec<String> = Vec::new();
    let is_session_name =
        |name: &str| is_session_cookie_name(name, evidence.cookie_name.as_deref());

    // 1. What went out.
    if evidence.cookies_sent.is_empty() {
        checks.push("no cookies were sent".to_string());
        causes.push("no cookies were sent".into());
        if evidence.jar.is_none() {
            hints.push(
                "pass the browser's cookies: --cookie-jar FILE (curl -c, a cookies.txt export) or --cookie 'HEADER'"
                    .into(),
            );
        }
    } else {
        checks.push(format!(
            "sent {} cookie{}: {}",
            evidence.cookies_sent.len(),
            if evidence.cookies_sent.len() == 1 {
                ""
            } else {
                "s"
            },
            evidence.cookies_sent.join(", ")
        ));
    }
    if !evidence.overridden.is_empty() {
        checks.push(format!(
            "--cookie replaced the jar's {}",
            evidence.overridden.join(", ")
        ));
    }

    // 2. The session cookie.
    match &evidence.session {
        Some(s) => {
            checks.push(if s.chunks > 1 {
                format!("session cookie sent: {} ({} chunks)", s.name, s.chunks)
            } else {
                format!("session cookie sent: {}", s.name)
            });
            checks.extend(s.warnings.iter().cloned());
            if let Some(defect) = s.defect {
                checks.push(format!("chunk set: {defect}"));
                causes.insert(0, defect.to_string());
                hints
                    .push("delete the session cookie and its .N chunks, then sign in again".into());
            }
        }
        None => {
            causes.push("no session cookie was sent".into());
            checks.push(match &evidence.cookie_name {
            Some(name) => format!("no session cookie was sent (looked for {name})"),
            None => "no session cookie was sent (looked for authjs.session-token and next-auth.session-token, with or without __Secure-)".to_string(),
        })
        }
    }

    // 3. The jar's view.
    if let Some(jar) = &evidence.jar {
        for held in &jar.held_back {
            let why = match &held.reason {
                HeldBackReason::Expired { at } => format!(
                    "expired at {} ({})",
                    time::rfc3339(*at),
                    time::relative_expiry(*at, evidence.now)
                ),
                other => other.to_string(),
            };
            checks.push(format!(
                "the jar's {} (domain {}, path {}) was not sent: {why}",
                held.name, held.domain, held.path
            ));
            causes.insert(0, format!("the jar's {} was not sent: {why}", held.name));
            match &held.reason {
                HeldBackReason::Expired { .. } => hints.push("sign in again".into()),
                HeldBackReason::SecureOverHttp | HeldBackReason::SecurePrefixOverHttp => hints
                    .push("use the https URL: the session cookie is only sent over https".into()),
                HeldBackReason::PrefixAttributes => hints.push(
                    "delete the jar's malformed __Secure-/__Host- line and sign in again".into(),
                ),
                HeldBackReason::DomainMismatch { .. } | HeldBackReason::PathMismatch { .. } => {
                    hints.push(format!(
                        "use the URL the cookie was set for (domain {}, path {}) in --url",
                        held.domain, held.path
                    ))
                }
            }
        }
        if !jar.has_session_cookie {
            checks.push("the jar holds no session cookie at all".to_string());
        }
        if evidence.session.is_none() && jar.held_back.is_empty() {
            hints.push(
                "sign in first and save the cookies (curl -c FILE, or export cookies.txt from the browser)"
                    .into(),
            );
        }
    }

    // 4. The server's side: cleared cookies and which library it is.
    if let Answer::Response(_) = answer {
        let cleared: Vec<&str> = set_cookies
            .iter()
            .filter(|c| c.cleared && is_session_name(&c.name))
            .map(|c| c.name.as_str())
            .collect();
        if !cleared.is_empty() {
            checks.push(format!(
                "the server cleared the cookie {} (Set-Cookie with Max-Age=0): it could not decode the session token — the server's secret (AUTH_SECRET/NEXTAUTH_SECRET), salt or cookie name differs from the one that sealed it, or the token is tampered, truncated or from another app",
                cleared.join(", ")
            ));
            causes.insert(
                0,
                "the server could not decode the session cookie and cleared it".into(),
            );
            hints.insert(
                0,
                "the server could not decode the cookie: check that it runs with the secret that sealed the token (after a rotation keep the old one in AUTH_SECRET_1), or sign in again".into(),
            );
        }
        let reissued: Vec<&str> = set_cookies
            .iter()
            .filter(|c| !c.cleared && is_session_name(&c.name))
            .map(|c| c.name.as_str())
            .collect();
        if !reissued.is_empty() {
            checks.push(format!(
                "the server re-issued {} ({})",
                reissued.join(", "),
                if evidence.jar_kept {
                    "kept in the jar"
                } else {
                    "use --update-jar to keep the jar current"
                }
            ));
        }
        if evidence.cookie_name.is_none() {
            family_check(
                evidence,
                verdict,
                set_cookies,
                &mut checks,
                &mut hints,
                &mut causes,
            );
        }
    }

    // 5. The local decode.
    match (&evidence.token, &evidence.session) {
        (Some(token), _) => {
            let format = token
                .format
                .map(|f| format!("{} token", f.label()))
                .unwrap_or_else(|| "token".into());
            let detail = match (token.status, &token.expires_at, &token.error) {
                (Status::Valid, Some(at), _) => format!("expires {at}"),
                (_, _, Some(e)) => e.clone(),
                (_, Some(at), None) => format!("expires {at}"),
                _ => String::new(),
            };
            checks.push(format!(
                "local decode with {} secret{}: {} {format}{}",
                evidence.secret_count,
                if evidence.secret_count == 1 { "" } else { "s" },
                token.status.as_str(),
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(" — {detail}")
                }
            ));
            if token.status == Status::Valid && verdict.status == SessionStatus::Null {
                hints.push("your secret opens the token and it has not expired, so the server reads it differently: compare the server's secret, salt and cookie name, and check that the jwt/session callbacks do not return null".into());
            }
            if matches!(token.status, Status::Invalid | Status::Malformed) {
                // A token that opens only the wrong way (another salt, cookie name or format)
                // carries the precise explanation in its own hint.
                match (&token.verified_with, &token.hint) {
                    (Some(_), Some(hint)) => hints.insert(0, hint.clone()),
                    _ => hints.push("the token does not open with the secrets given either: if they are the server's, the cookie is tampered or from another app; sign in again".into()),
                }
            }
        }
        (None, Some(_)) if evidence.secret_count == 0 => checks.push(
            "not decoded locally: no secret given (--secret-file, --secret-stdin, or AUTH_SECRET / NEXTAUTH_SECRET in the environment)"
                .to_string(),
        ),
        _ => {}
    }

    if verdict.status == SessionStatus::Null && hints.is_empty() {
        hints.push(if evidence.secret_count == 0 && evidence.session.is_some() {
            "pass the app's secret (--secret-file or AUTH_SECRET) to decode the cookie locally and see why".into()
        } else {
            "sign in again".into()
        });
    }
    Diagnosis {
        checks,
        hint: hints.into_iter().next(),
        cause: causes.into_iter().next(),
    }
}

/// `next-auth.*` cookies sent to an Auth.js server, or the reverse: told from the cookie
/// names the server sets, else from its "no session" shape (`{}` v4, `null` v5).
fn family_check(
    evidence: &Evidence,
    verdict: &Verdict,
    set_cookies: &[SetCookieSummary],
    checks: &mut Vec<String>,
    hints: &mut Vec<String>,
    causes: &mut Vec<String>,
) {
    let sent = match &evidence.session {
        Some(s) => CookieFamily::of(&s.name),
        None => family_of(evidence.cookies_sent.iter().map(String::as_str)),
    };
    let Some(sent) = sent else { return };
    let (server, evidence_text) = match family_of(set_cookies.iter().map(|c| c.name.as_str())) {
        Some(f) => (f, format!("it sets {} cookies", f.pattern())),
        None => match verdict.no_session {
            Some(NoSession::EmptyObject) => (
                CookieFamily::NextAuth,
                "it answers {} for no session".to_string(),
            ),
            Some(NoSession::Null) => (
                CookieFamily::AuthJs,
                "it answers null for no session".to_string(),
            ),
            None => return,
        },
    };
    if server == sent {
        return;
    }
    checks.push(format!(
        "cookie family mismatch: {} cookies were sent, but the server looks like {} ({evidence_text}); it never reads {}",
        sent.pattern(),
        server.library(),
        sent.session_cookie()
    ));
    causes.insert(
        0,
        format!(
            "{} cookies were sent to a {} server",
            sent.pattern(),
            server.library()
        ),
    );
    hints.insert(
        0,
        format!(
            "sign in again on this server to get its {} cookie (old {} cookies are ignored after an upgrade)",
            server.session_cookie(),
            sent.pattern()
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_from_names() {
        assert_eq!(
            CookieFamily::of("__Host-next-auth.csrf-token"),
            Some(CookieFamily::NextAuth)
        );
        assert_eq!(
            CookieFamily::of("__Secure-authjs.session-token.1"),
            Some(CookieFamily::AuthJs)
        );
        assert_eq!(CookieFamily::of("theme"), None);
        assert_eq!(
            family_of(["authjs.csrf-token", "authjs.callback-url", "next-auth.x"]),
            Some(CookieFamily::AuthJs)
        );
    }
}
