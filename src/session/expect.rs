//! The health-check assertions on a valid session (`--expect-user`, `--min-ttl`). Pure: they
//! read the server's `user` and the seconds left, both already in the report.

use serde::Serialize;
use serde_json::Value;

use crate::report::time as rtime;

/// What the caller asserts about a valid session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    /// `--expect-user`: the e-mail the session must belong to.
    pub user: Option<String>,
    /// `--min-ttl`: the seconds the session must still have.
    pub min_ttl: Option<i64>,
}

/// Which assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// `--expect-user`
    ExpectUser,
    /// `--min-ttl`
    MinTtl,
}

/// One assertion and how it came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assertion {
    pub check: Check,
    pub passed: bool,
    /// One line for people: what was expected and what the session has.
    pub message: String,
}

/// Checks `expect` against a valid session's `user` and seconds left.
pub fn check(
    expect: &Expectations,
    user: Option<&Value>,
    expires_in_seconds: Option<i64>,
) -> Vec<Assertion> {
    let mut out = Vec::new();
    if let Some(wanted) = &expect.user {
        let email = user
            .and_then(|u| u.get("email"))
            .and_then(Value::as_str)
            .map(str::trim);
        let name = user.and_then(|u| u.get("name")).and_then(Value::as_str);
        let (passed, message) = match email {
            Some(e) if e.eq_ignore_ascii_case(wanted.trim()) => {
                (true, format!("the session belongs to {e}"))
            }
            Some(e) => (
                false,
                format!("the session belongs to {e}, not {wanted} (--expect-user)"),
            ),
            None => (
                false,
                format!(
                    "the session's user has no email{}, so it cannot be {wanted} (--expect-user); \
                     a session callback may have removed it",
                    name.map(|n| format!(" (name: {n})")).unwrap_or_default()
                ),
            ),
        };
        out.push(Assertion {
            check: Check::ExpectUser,
            passed,
            message,
        });
    }
    if let Some(min) = expect.min_ttl {
        let want = rtime::duration(min);
        let (passed, message) = match expires_in_seconds {
            Some(left) if left >= min => (
                true,
                format!("expires in {}, at least {want}", rtime::duration(left)),
            ),
            Some(left) => (
                false,
                format!(
                    "the session expires in {}, sooner than --min-ttl {want}",
                    rtime::duration(left.max(0))
                ),
            ),
            None => (
                false,
                format!("the session has no readable `expires`, so --min-ttl {want} cannot hold"),
            ),
        };
        out.push(Assertion {
            check: Check::MinTtl,
            passed,
            message,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn passed(a: &[Assertion]) -> Vec<(Check, bool)> {
        a.iter().map(|a| (a.check, a.passed)).collect()
    }

    #[test]
    fn user_is_compared_by_email_ignoring_case() {
        let expect = Expectations {
            user: Some("Alice@Example.com".into()),
            min_ttl: None,
        };
        let alice = json!({"name": "Alice", "email": "alice@example.com"});
        assert_eq!(
            passed(&check(&expect, Some(&alice), None)),
            [(Check::ExpectUser, true)]
        );
        let bob = json!({"email": "bob@example.com"});
        let a = check(&expect, Some(&bob), None);
        assert!(!a[0].passed);
        assert!(a[0]
            .message
            .contains("bob@example.com, not Alice@Example.com"));
        let nameless = json!({"name": "Alice"});
        let a = check(&expect, Some(&nameless), None);
        assert!(!a[0].passed && a[0].message.contains("no email (name: Alice)"));
        assert!(!check(&expect, None, None)[0].passed);
    }

    #[test]
    fn ttl_needs_enough_time_left() {
        let expect = Expectations {
            user: None,
            min_ttl: Some(3600),
        };
        assert!(check(&expect, None, Some(3600))[0].passed);
        let a = check(&expect, None, Some(3599));
        assert!(!a[0].passed && a[0].message.contains("sooner than --min-ttl"));
        assert!(!check(&expect, None, None)[0].passed);
        assert!(check(&Expectations::default(), None, Some(1)).is_empty());
    }
}
