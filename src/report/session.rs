//! The report of one live session check: the single value the human and JSON renderings
//! draw from, and the one place its exit code is decided.

use std::fmt::Write as _;

use colored::{ColoredString, Colorize};
use serde::Serialize;
use serde_json::Value;

use super::{human, time, Status, TokenReport};
use crate::login::LoginSummary;
use crate::session::expect::{Assertion, Check};
use crate::session::verdict::SetCookieSummary;

/// The verdict on a live session; `error` is a runtime failure (no usable answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionStatus {
    Valid,
    Null,
    Expired,
    Error,
}

impl SessionStatus {
    /// The process exit code of the product contract (README, `--help`).
    pub fn exit_code(self) -> i32 {
        match self {
            SessionStatus::Valid => Status::Valid.exit_code(),
            SessionStatus::Null => Status::Null.exit_code(),
            SessionStatus::Expired => Status::Expired.exit_code(),
            SessionStatus::Error => 1,
        }
    }

    fn word(self) -> ColoredString {
        match self {
            SessionStatus::Valid => human::status_word(Status::Valid),
            SessionStatus::Null => human::status_word(Status::Null),
            SessionStatus::Expired => human::status_word(Status::Expired),
            SessionStatus::Error => "ERROR".red().bold(),
        }
    }
}

/// Everything learned from one probe of `/api/auth/session`. Names cookies, never their
/// values; names secrets by position and origin, never their values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionReport {
    pub status: SessionStatus,
    /// The endpoint probed.
    pub url: String,
    /// `null` when no HTTP answer came back.
    pub http_status: Option<u16>,
    /// The session's `user` object as the server sent it.
    pub user: Option<Value>,
    /// The session's `expires` as the server sent it (sliding expiry, not the JWT's exp).
    pub expires: Option<String>,
    pub expires_in_seconds: Option<i64>,
    /// Names of the cookies sent, in header order.
    pub cookies_sent: Vec<String>,
    /// The response's Set-Cookie headers: names, and whether each deletes its cookie.
    pub set_cookies: Vec<SetCookieSummary>,
    /// The Location of a redirect answer (not followed).
    pub redirect: Option<String>,
    /// The local decode of the session cookie, when a secret was available.
    pub token: Option<TokenReport>,
    /// One line: why this verdict.
    pub reason: String,
    /// For `error`: the same line, for scripts that only look here.
    pub error: Option<String>,
    /// What to try next.
    pub hint: Option<String>,
    /// The checks made, one line each.
    pub diagnosis: Vec<String>,
    pub warnings: Vec<String>,
    /// What `--update-jar` / `--save-jar` changed.
    pub jar_changes: Vec<String>,
    /// `--expect-user` / `--min-ttl`, checked on a valid session only.
    pub assertions: Vec<Assertion>,
    /// The sign-in that preceded the probe (`login` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<LoginSummary>,
    pub attempts: u32,
    pub elapsed_ms: u64,
    /// The clock used (Unix seconds).
    pub now: i64,
}

impl SessionReport {
    /// A report with nothing known but the verdict and its reason (no probe was made).
    pub fn unprobed(status: SessionStatus, url: &str, reason: String, now: i64) -> Self {
        SessionReport {
            status,
            url: url.to_string(),
            http_status: None,
            user: None,
            expires: None,
            expires_in_seconds: None,
            cookies_sent: Vec::new(),
            set_cookies: Vec::new(),
            redirect: None,
            token: None,
            error: (status == SessionStatus::Error).then(|| reason.clone()),
            reason,
            hint: None,
            diagnosis: Vec::new(),
            warnings: Vec::new(),
            jar_changes: Vec::new(),
            assertions: Vec::new(),
            login: None,
            attempts: 0,
            elapsed_ms: 0,
            now,
        }
    }

    /// The exit code of the product contract: the verdict's, unless a valid session fails an
    /// assertion (wrong user 5, before too short a lifetime 4).
    pub fn exit_code(&self) -> i32 {
        match self.failed_check() {
            Some(Check::ExpectUser) => Status::Invalid.exit_code(),
            Some(Check::MinTtl) => Status::Expired.exit_code(),
            None => self.status.exit_code(),
        }
    }

    /// The most severe failed assertion.
    pub fn failed_check(&self) -> Option<Check> {
        let failed = |c: Check| self.assertions.iter().any(|a| a.check == c && !a.passed);
        [Check::ExpectUser, Check::MinTtl]
            .into_iter()
            .find(|&c| failed(c))
    }

    /// Lines for stderr about failed assertions (printed even with --quiet).
    pub fn assertion_errors(&self) -> Vec<String> {
        self.assertions
            .iter()
            .filter(|a| !a.passed)
            .map(|a| a.message.clone())
            .collect()
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serializes")
    }

    /// The one-line error for stderr, for runtime failures.
    /// For `login`, also the reason a sign-in was refused.
    pub fn error_line(&self) -> Option<String> {
        let e = match (&self.error, &self.login) {
            (Some(e), _) => e,
            (None, Some(login)) if !login.signed_in => &self.reason,
            _ => return None,
        };
        let what = match &self.login {
            Some(login) if !login.signed_in => format!("signing in at {}", login.callback_url),
            _ => format!("probing {}", self.url),
        };
        Some(match &self.hint {
            Some(h) => format!("{e} ({what}); {h}"),
            None => format!("{e} ({what})"),
        })
    }

    /// The human rendering. For `error` the reason and hint are left to stderr
    /// ([`SessionReport::error_line`]).
    pub fn render_human(&self) -> String {
        let mut out = String::new();
        if let Some(login) = &self.login {
            if !login.signed_in {
                return self.render_rejected(login);
            }
            let to = login
                .redirect
                .as_deref()
                .map(|r| format!(" → {r}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}  through `{}` at {}{to}",
                "SIGNED IN".green().bold(),
                login.provider,
                login.callback_url
            );
        }
        let http = match self.http_status {
            Some(code) => format!("HTTP {code}, "),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{}  session at {} ({http}{} ms{})",
            self.status.word(),
            self.url,
            self.elapsed_ms,
            if self.attempts > 1 {
                format!(", {} attempts", self.attempts)
            } else {
                String::new()
            }
        );
        if let Some(user) = self.user.as_ref().and_then(user_line) {
            row(&mut out, "user", user);
        }
        if let Some(expires) = &self.expires {
            let rel = match self.expires_in_seconds {
                Some(s) if s > 0 => format!(" ({})", time::relative_expiry(self.now + s, self.now)),
                Some(s) => format!(
                    " ({})",
                    time::relative_expiry(self.now + s, self.now).yellow()
                ),
                None => String::new(),
            };
            row(&mut out, "expires", format!("{expires}{rel}"));
        }
        if let Some(to) = &self.redirect {
            row(&mut out, "redirect", to);
        }
        if !matches!(self.status, SessionStatus::Valid | SessionStatus::Error) {
            let _ = writeln!(out, "  {} {}", "why:".yellow().bold(), self.reason);
        }
        if let (Some(h), false) = (&self.hint, self.status == SessionStatus::Error) {
            let _ = writeln!(out, "  {} {h}", "hint:".cyan().bold());
        }
        for a in &self.assertions {
            let mark = if a.passed {
                "ok".green().bold()
            } else {
                "FAILED".red().bold()
            };
            let _ = writeln!(out, "  {} {mark} {}", "assert:".bold(), a.message);
        }
        for w in &self.warnings {
            let _ = writeln!(out, "  {} {w}", "warning:".yellow().bold());
        }
        if !self.diagnosis.is_empty() {
            let _ = writeln!(out, "\n{}", "Checked".bold());
            for line in &self.diagnosis {
                let _ = writeln!(out, "  - {line}");
            }
        }
        if !self.set_cookies.is_empty() {
            let names: Vec<String> = self
                .set_cookies
                .iter()
                .map(|c| {
                    if c.cleared {
                        format!("{} (cleared)", c.name)
                    } else {
                        c.name.clone()
                    }
                })
                .collect();
            let _ = writeln!(out, "  - server set: {}", names.join(", "));
        }
        for change in &self.jar_changes {
            let _ = writeln!(out, "  - jar: {change}");
        }
        if let Some(login) = &self.login {
            login_lines(&mut out, login);
        }
        out
    }

    /// A sign-in that did not get as far as the session probe; its reason and hint go to
    /// stderr ([`SessionReport::error_line`]).
    fn render_rejected(&self, login: &LoginSummary) -> String {
        let mut out = String::new();
        let word = match self.status {
            SessionStatus::Error => "ERROR".red().bold(),
            _ => "REJECTED".red().bold(),
        };
        let http = login
            .http_status
            .map(|c| format!(" (HTTP {c})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{word}  sign-in through `{}` at {}{http}",
            login.provider, login.callback_url
        );
        if let Some(to) = &login.redirect {
            row(&mut out, "redirect", to);
        }
        for w in &self.warnings {
            let _ = writeln!(out, "  {} {w}", "warning:".yellow().bold());
        }
        login_lines(&mut out, login);
        out
    }
}

fn login_lines(out: &mut String, login: &LoginSummary) {
    if !login.fields.is_empty() {
        let _ = writeln!(out, "  - fields sent: {}", login.fields.join(", "));
    }
    if !login.cookies_set.is_empty() {
        let _ = writeln!(
            out,
            "  - cookies set during sign-in: {}",
            login.cookies_set.join(", ")
        );
    }
    for rejected in &login.cookies_rejected {
        let _ = writeln!(out, "  - not kept: {rejected}");
    }
    if let Some(jar) = &login.cookie_jar {
        let _ = writeln!(out, "  - jar written: {jar}");
    }
}

fn row(out: &mut String, label: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "  {:<12} {value}", label.dimmed());
}

/// "Alice <alice@example.com> · image https://…"
fn user_line(user: &Value) -> Option<String> {
    let map = user.as_object()?;
    let mut line = human::user_line(map).unwrap_or_default();
    if let Some(image) = map.get("image").and_then(Value::as_str) {
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str("image ");
        line.push_str(image);
    }
    (!line.is_empty()).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(SessionStatus::Valid.exit_code(), 0);
        assert_eq!(SessionStatus::Error.exit_code(), 1);
        assert_eq!(SessionStatus::Null.exit_code(), 3);
        assert_eq!(SessionStatus::Expired.exit_code(), 4);
    }
}
