//! Judging `exp`, `nbf`, `iat` against a clock passed in, the way jose does for each
//! library version. Pure: no clock is read here.

use serde_json::{Map, Value};

/// Leeway of next-auth v4 and Auth.js (`clockTolerance: 15`).
pub const LIBRARY_LEEWAY: i64 = 15;
/// next-auth v3's jose 1.x verifies with no clock tolerance.
pub const V3_LEEWAY: i64 = 0;
/// next-auth v3's default `maxAge`, enforced on decode as `maxTokenAge`.
pub const V3_MAX_AGE: i64 = 30 * 24 * 60 * 60;

/// What the clock says about a claims set.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Current,
    /// Past `exp` (or v3's max age); the reason names which.
    Expired(String),
    /// Not usable for another reason (`nbf` in the future, a non-numeric time claim).
    Invalid(String),
}

/// The clock's verdict plus the times worth showing.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub verdict: Verdict,
    pub issued_at: Option<i64>,
    pub expires_at: Option<i64>,
}

/// Rules for one judgement.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub now: i64,
    pub leeway: i64,
    /// v3 only: `iat` is required and may be at most this old.
    pub max_token_age: Option<i64>,
}

fn numeric(claims: &Map<String, Value>, name: &str) -> Result<Option<f64>, String> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| format!("the \"{name}\" claim is not a usable number")),
        Some(_) => Err(format!(
            "the \"{name}\" claim must be a number (seconds since 1970)"
        )),
    }
}

/// Clamp a claim to whole seconds for display; absurd values saturate instead of wrapping.
fn seconds(v: f64) -> i64 {
    v.clamp(i64::MIN as f64, i64::MAX as f64) as i64
}

/// Judge `claims` under `rules` (jose: `exp <= now - tolerance` is expired,
/// `nbf > now + tolerance` is not yet valid).
pub fn judge(claims: &Map<String, Value>, rules: Rules) -> Timing {
    let (exp, nbf, iat) = match (
        numeric(claims, "exp"),
        numeric(claims, "nbf"),
        numeric(claims, "iat"),
    ) {
        (Ok(e), Ok(n), Ok(i)) => (e, n, i),
        (Err(m), _, _) | (_, Err(m), _) | (_, _, Err(m)) => {
            return Timing {
                verdict: Verdict::Invalid(m),
                issued_at: None,
                expires_at: None,
            }
        }
    };
    let now = rules.now as f64;
    let leeway = rules.leeway as f64;
    let issued_at = iat.map(seconds);
    let expires_at = exp.map(seconds);
    let verdict = if let Some(nbf) = nbf.filter(|nbf| *nbf > now + leeway) {
        Verdict::Invalid(format!(
            "the token is not valid before {} (\"nbf\")",
            crate::report::time::rfc3339(seconds(nbf))
        ))
    } else if let Some(exp) = exp.filter(|exp| *exp <= now - leeway) {
        Verdict::Expired(format!(
            "\"exp\" passed {} ago",
            crate::report::time::duration(seconds(now - exp))
        ))
    } else if let Some(max_age) = rules.max_token_age {
        match iat {
            None => Verdict::Invalid("next-auth v3 requires an \"iat\" claim (maxTokenAge)".into()),
            Some(iat) if iat - now > leeway => Verdict::Invalid(format!(
                "the token was issued {} in the future (\"iat\"): check this machine's clock",
                crate::report::time::duration(seconds(iat - now))
            )),
            Some(iat) if now - leeway > iat + max_age as f64 => Verdict::Expired(format!(
                "issued {} ago, more than the maximum token age of {}",
                crate::report::time::duration(seconds(now - iat)),
                crate::report::time::duration(max_age)
            )),
            Some(_) => Verdict::Current,
        }
    } else {
        Verdict::Current
    };
    Timing {
        verdict,
        issued_at,
        expires_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn rules(now: i64) -> Rules {
        Rules {
            now,
            leeway: 15,
            max_token_age: None,
        }
    }

    #[test]
    fn leeway_boundaries_match_jose() {
        let c = claims(json!({"exp": 1000}));
        assert_eq!(judge(&c, rules(1014)).verdict, Verdict::Current);
        assert!(matches!(
            judge(&c, rules(1015)).verdict,
            Verdict::Expired(_)
        ));
    }

    #[test]
    fn nbf_in_future_is_invalid() {
        let c = claims(json!({"nbf": 2000, "exp": 5000}));
        assert!(matches!(
            judge(&c, rules(1000)).verdict,
            Verdict::Invalid(_)
        ));
        assert_eq!(judge(&c, rules(1990)).verdict, Verdict::Current);
    }

    #[test]
    fn non_numeric_exp_is_invalid() {
        let c = claims(json!({"exp": "tomorrow"}));
        assert!(matches!(judge(&c, rules(0)).verdict, Verdict::Invalid(_)));
    }

    #[test]
    fn v3_max_age() {
        let r = Rules {
            now: 100 + V3_MAX_AGE + 1,
            leeway: 0,
            max_token_age: Some(V3_MAX_AGE),
        };
        let c = claims(json!({"iat": 100, "exp": 100 + 2 * V3_MAX_AGE}));
        assert!(matches!(judge(&c, r).verdict, Verdict::Expired(_)));
        let c = claims(json!({"exp": 100 + 2 * V3_MAX_AGE}));
        assert!(matches!(judge(&c, r).verdict, Verdict::Invalid(_)));
        // jose 1.x maxTokenAge: an iat in the future is invalid, not valid.
        let r = Rules {
            now: 1_000,
            leeway: 0,
            max_token_age: Some(V3_MAX_AGE),
        };
        let c = claims(json!({"iat": 1_001, "exp": 5_000}));
        assert!(matches!(judge(&c, r).verdict, Verdict::Invalid(_)));
        let c = claims(json!({"iat": 1_000, "exp": 5_000}));
        assert_eq!(judge(&c, r).verdict, Verdict::Current);
    }

    #[test]
    fn huge_numbers_do_not_panic() {
        let c = claims(json!({"exp": 1e308, "iat": -1e308}));
        let t = judge(&c, rules(0));
        assert_eq!(t.verdict, Verdict::Current);
        assert_eq!(t.expires_at, Some(i64::MAX));
    }
}
