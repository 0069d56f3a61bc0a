//! Times as people read them: RFC 3339 UTC and short relative durations ("29d 23h").

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// RFC 3339 in UTC, or `@<seconds>` when the value is outside the calendar range.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("@{unix}"))
}

/// Parse a clock given as Unix seconds or an RFC 3339 timestamp (for `--now`).
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(n) = text.parse::<i64>() {
        return Ok(n);
    }
    OffsetDateTime::parse(text, &Rfc3339)
        .map(OffsetDateTime::unix_timestamp)
        .map_err(|_| {
            format!(
                "`{text}` is neither Unix seconds nor an RFC 3339 time (e.g. 2026-12-04T15:00:00Z)"
            )
        })
}

/// The two largest units of a duration: `29d 23h`, `3m 12s`, `45s`.
pub fn duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let units = [
        (365 * 86_400, "y"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    let mut parts = Vec::new();
    let mut rest = s;
    for (size, name) in units {
        if rest >= size || (parts.is_empty() && size == 1) {
            parts.push(format!("{}{name}", rest / size));
            rest %= size;
        }
        if parts.len() == 2 {
            break;
        }
        if !parts.is_empty() && rest == 0 {
            break;
        }
    }
    parts.join(" ")
}

/// "expires in 29d 23h" / "expired 3m 12s ago", relative to `now`.
pub fn relative_expiry(expires_at: i64, now: i64) -> String {
    let delta = expires_at.saturating_sub(now);
    if delta > 0 {
        format!("expires in {}", duration(delta))
    } else {
        format!("expired {} ago", duration(delta))
    }
}

/// "3m 12s ago" / "in 5s", relative to `now`.
pub fn relative(at: i64, now: i64) -> String {
    let delta = at.saturating_sub(now);
    if delta > 0 {
        format!("in {}", duration(delta))
    } else {
        format!("{} ago", duration(delta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(45), "45s");
        assert_eq!(duration(192), "3m 12s");
        assert_eq!(duration(3600), "1h");
        assert_eq!(duration(30 * 86_400 - 60), "29d 23h");
        assert_eq!(duration(-192), "3m 12s");
        assert_eq!(duration(i64::MIN), duration(i64::MAX));
    }

    #[test]
    fn instants() {
        assert_eq!(parse_instant("1700000000"), Ok(1_700_000_000));
        assert_eq!(parse_instant("2023-11-14T22:13:20Z"), Ok(1_700_000_000));
        assert!(parse_instant("yesterday").is_err());
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(i64::MAX), format!("@{}", i64::MAX));
    }

    #[test]
    fn relative_wording() {
        assert_eq!(relative_expiry(1192, 1000), "expires in 3m 12s");
        assert_eq!(relative_expiry(1000, 1192), "expired 3m 12s ago");
    }
}
