//! `--nagios`: the session report as one Nagios/Icinga plugin line, with the plugin exit
//! codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) instead of the product's.

use super::session::{SessionReport, SessionStatus};
use super::time;
use crate::session::expect::Check;

/// The plugin states (Nagios plugin guidelines, "Plugin Return Codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ok,
    Warning,
    Critical,
    Unknown,
}

impl State {
    pub fn exit_code(self) -> i32 {
        match self {
            State::Ok => 0,
            State::Warning => 1,
            State::Critical => 2,
            State::Unknown => 3,
        }
    }

    fn word(self) -> &'static str {
        match self {
            State::Ok => "OK",
            State::Warning => "WARNING",
            State::Critical => "CRITICAL",
            State::Unknown => "UNKNOWN",
        }
    }
}

/// The state for a report: too short a lifetime warns; no session, an expired one, a wrong
/// user or a rejected sign-in is critical; a failure to get an answer is unknown.
pub fn state(report: &SessionReport) -> State {
    match (report.status, report.failed_check()) {
        (SessionStatus::Error, _) => State::Unknown,
        (_, Some(Check::ExpectUser)) => State::Critical,
        (_, Some(Check::MinTtl)) => State::Warning,
        (SessionStatus::Valid, None) => State::Ok,
        (SessionStatus::Null | SessionStatus::Expired, None) => State::Critical,
    }
}

/// The one stdout line; `min_ttl` (seconds) becomes the perfdata warning threshold.
pub fn line(report: &SessionReport, min_ttl: Option<i64>) -> String {
    let state = state(report);
    let rejected = report.login.as_ref().is_some_and(|l| !l.signed_in);
    let failed = report
        .assertions
        .iter()
        .find(|a| !a.passed && Some(a.check) == report.failed_check());
    let text = match (state, failed) {
        (State::Ok, _) => {
            let who = report
                .user
                .as_ref()
                .and_then(|u| u.get("email").or_else(|| u.get("name")))
                .and_then(|v| v.as_str())
                .unwrap_or("session");
            match report.expires_in_seconds {
                Some(s) => format!("{who}, expires in {}", time::duration(s)),
                None => format!("{who}, valid"),
            }
        }
        (_, Some(a)) => a.message.clone(),
        (State::Unknown, None) => match &report.hint {
            Some(h) => format!("{}; {h}", report.reason),
            None => report.reason.clone(),
        },
        _ if rejected => format!("sign-in failed: {}", report.reason),
        _ if report.status == SessionStatus::Expired => format!("expired: {}", report.reason),
        _ => format!("no session: {}", report.reason),
    };
    let perf = match report.expires_in_seconds {
        Some(ttl) => match min_ttl {
            Some(min) => format!("|ttl={ttl}s;{min}:"),
            None => format!("|ttl={ttl}s"),
        },
        None => String::new(),
    };
    format!(
        "NEXTAUTH SESSION {} - {}{perf}",
        state.word(),
        plugin_text(&text)
    )
}

/// The line for a failure before any report exists (usage, I/O).
pub fn unknown(message: &str) -> String {
    format!("NEXTAUTH SESSION UNKNOWN - {}", plugin_text(message))
}

/// One line, and no `|` (it starts the performance data).
fn plugin_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::expect::{Assertion, Check};

    fn report(status: SessionStatus) -> SessionReport {
        let mut r =
            SessionReport::unprobed(status, "http://h.test/api/auth/session", "why".into(), 0);
        r.user = Some(serde_json::json!({"email": "alice@example.com"}));
        r.expires_in_seconds = Some(90_000);
        r
    }

    #[test]
    fn states_and_lines() {
        let ok = report(SessionStatus::Valid);
        assert_eq!(
            line(&ok, None),
            "NEXTAUTH SESSION OK - alice@example.com, expires in 1d 1h|ttl=90000s"
        );
        let mut short = report(SessionStatus::Valid);
        short.assertions.push(Assertion {
            check: Check::MinTtl,
            passed: false,
            message: "too short".into(),
        });
        assert_eq!(state(&short), State::Warning);
        assert_eq!(
            line(&short, Some(100_000)),
            "NEXTAUTH SESSION WARNING - too short|ttl=90000s;100000:"
        );
        short.assertions.push(Assertion {
            check: Check::ExpectUser,
            passed: false,
            message: "bob".into(),
        });
        assert_eq!(state(&short), State::Critical);
        assert_eq!(state(&report(SessionStatus::Null)), State::Critical);
        assert_eq!(state(&report(SessionStatus::Expired)), State::Critical);
        let mut error = report(SessionStatus::Error);
        error.reason = "cannot connect |\nrefused".into();
        error.expires_in_seconds = None;
        assert_eq!(
            line(&error, None),
            "NEXTAUTH SESSION UNKNOWN - cannot connect / refused"
        );
        assert_eq!(State::Unknown.exit_code(), 3);
    }
}
