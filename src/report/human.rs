//! The human rendering of a [`TokenReport`]: a colored status line, what opened the token,
//! who it belongs to, its times (absolute and relative), then header and claims.
//! Colors are decided by the caller through `colored::control`.

use std::fmt::Write as _;

use colored::{ColoredString, Colorize};
use serde_json::{Map, Value};

use super::{time, Format, Status, TokenReport};

/// The status word, colored by severity.
pub fn status_word(status: Status) -> ColoredString {
    match status {
        Status::Valid => "VALID".green().bold(),
        Status::Expired => "EXPIRED".yellow().bold(),
        Status::Null => "NULL".yellow().bold(),
        Status::Invalid => "INVALID".red().bold(),
        Status::Malformed => "MALFORMED".red().bold(),
    }
}

fn row(out: &mut String, label: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "  {:<12} {value}", label.dimmed());
}

/// "Auth.js v5 · A256CBC-HS512 · salt authjs.session-token · secret #2 of 3 (AUTH_SECRET_1)"
pub fn opened_with(report: &TokenReport) -> Option<String> {
    let v = report.verified_with.as_ref()?;
    let format = report.format.map(Format::label).unwrap_or("token");
    let mut parts = vec![format.to_string()];
    parts.push(match &v.enc {
        Some(enc) => enc.clone(),
        None => v.alg.clone(),
    });
    if let Some(salt) = &v.salt {
        parts.push(format!("salt {salt}"));
    }
    parts.push(format!(
        "secret #{} of {} ({}){}",
        v.secret_index,
        v.secret_count,
        v.secret_source,
        if v.by_kid { ", chosen by kid" } else { "" }
    ));
    Some(parts.join(" · "))
}

/// "Alice <alice@example.com> · sub 1"
pub fn user_line(claims: &Map<String, Value>) -> Option<String> {
    let text = |k: &str| {
        claims
            .get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let mut parts = Vec::new();
    match (text("name"), text("email")) {
        (Some(n), Some(e)) => parts.push(format!("{n} <{e}>")),
        (Some(n), None) => parts.push(n.to_string()),
        (None, Some(e)) => parts.push(format!("<{e}>")),
        (None, None) => {}
    }
    if let Some(sub) = claims.get("sub") {
        let sub = sub
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| sub.to_string());
        parts.push(format!("sub {sub}"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn source_line(report: &TokenReport) -> Option<String> {
    let s = &report.source;
    let name = s.cookie_name.as_ref()?;
    Some(if s.chunks > 1 {
        format!("cookie {name} ({} chunks)", s.chunks)
    } else {
        format!("cookie {name}")
    })
}

/// Render the whole report.
pub fn render(report: &TokenReport) -> String {
    let mut out = String::new();
    let what = match report.format {
        Some(f) => format!("{} token", f.label()),
        None => "token".to_string(),
    };
    let _ = writeln!(out, "{}  {what}", status_word(report.status));
    if let Some(opened) = opened_with(report) {
        // An invalid token that opened did so only under a derivation its reader would not use.
        let label = if report.status == Status::Invalid {
            "opens with"
        } else {
            "opened with"
        };
        row(&mut out, label, opened);
    }
    if let Some(source) = source_line(report) {
        row(&mut out, "source", source);
    }
    // Claims read without a key are only what the token says of itself.
    let unverified = if report.claims_verified {
        ""
    } else {
        " (UNVERIFIED)"
    };
    if let Some(user) = report.claims.as_ref().and_then(user_line) {
        row(&mut out, "user", format!("{user}{}", unverified.red()));
    }
    let now = report.now;
    if let (Some(at), Some(iat)) = (&report.issued_at, report.claim_seconds("iat")) {
        let rel = time::relative(iat, now);
        row(
            &mut out,
            "issued",
            format!("{at} ({rel}){}", unverified.red()),
        );
    }
    if let (Some(at), Some(exp)) = (&report.expires_at, report.claim_seconds("exp")) {
        let rel = time::relative_expiry(exp, now);
        let rel = if exp > now {
            rel.normal()
        } else {
            rel.yellow()
        };
        row(
            &mut out,
            "expires",
            format!("{at} ({rel}){}", unverified.red()),
        );
    }
    for w in &report.warnings {
        let _ = writeln!(out, "  {} {w}", "warning:".yellow().bold());
    }
    if let Some(e) = &report.error {
        let _ = writeln!(out, "  {} {e}", "why:".red().bold());
    }
    if let Some(h) = &report.hint {
        let _ = writeln!(out, "  {} {h}", "hint:".cyan().bold());
    }
    if let Some(header) = &report.header {
        let _ = writeln!(out, "\n{}", "Header".bold());
        let _ = writeln!(out, "{}", pretty(header));
    }
    if let Some(claims) = &report.claims {
        let title = if report.claims_verified {
            "Claims".bold()
        } else {
            "Claims (UNVERIFIED: the signature was not checked)"
                .red()
                .bold()
        };
        let _ = writeln!(out, "\n{title}");
        let _ = writeln!(out, "{}", pretty(claims));
    }
    out
}

fn pretty(map: &Map<String, Value>) -> String {
    serde_json::to_string_pretty(map).expect("a JSON map always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Source, VerifiedWith};
    use serde_json::json;

    #[test]
    fn valid_report_reads_well() {
        colored::control::set_override(false);
        let mut r = TokenReport::new(Status::Valid, Source::default(), 1_000);
        r.format = Some(Format::V5);
        r.verified_with = Some(VerifiedWith {
            secret_index: 2,
            secret_count: 3,
            secret_source: "AUTH_SECRET_1".into(),
            salt: Some("authjs.session-token".into()),
            alg: "dir".into(),
            enc: Some("A256CBC-HS512".into()),
            by_kid: true,
        });
        r.claims =
            json!({"name": "Alice", "email": "a@x", "sub": "1", "exp": 1_000 + 86_400 * 30 - 3600})
                .as_object()
                .cloned();
        r.claims_verified = true;
        r.expires_at = Some(time::rfc3339(1_000 + 86_400 * 30 - 3600));
        let text = render(&r);
        assert!(text.starts_with("VALID  Auth.js v5 token"));
        assert!(text.contains(
            "Auth.js v5 · A256CBC-HS512 · salt authjs.session-token · secret #2 of 3 (AUTH_SECRET_1), chosen by kid"
        ));
        assert!(text.contains("Alice <a@x> · sub 1"));
        assert!(text.contains("expires in 29d 23h"));
    }
}
