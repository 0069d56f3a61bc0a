//! The report of one live session check: the single value the human and JSON renderings
//! draw from, and the one place its exit code is decided.

use std::fmt::Write as _;

use colored::{ColoredString, Colorize};
use serde::Serialize;
use serde_json::Value;

use super::{human, time, Status, TokenReport};
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
    pub attempts: u32,
    pub elapsed_ms: u64,
    /// The clock used (Unix seconds).
    pub now: i64,
}

impl SessionReport {
    pub fn exit_code(&self) -> i32 {
        self.status.exit_code()
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serializes")
    }

    /// The one-line error for stderr, for runtime failures.
    pub fn error_line(&self) -> Option<String> {
        let e = self.error.as_ref()?;
        Some(match &self.hint {
            Some(h) => format!("{e} (probing {}); {h}", self.url),
            None => format!("{e} (probing {})", self.url),
        })
    }

    /// The human rendering. For `error` the reason and hint are left to stderr
    /// ([`SessionReport::error_line`]).
    pub fn render_human(&self) -> String {
        let mut out = String::new();
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
        out
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
