//! The report of one inspected token: the single value both renderers (human and JSON)
//! draw from, and the one place its exit code is decided.

pub mod human;
pub mod nagios;
pub mod session;
pub mod time;

use serde::Serialize;
use serde_json::{Map, Value};

/// The verdict on a token, as the exit-code contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Valid,
    Null,
    Expired,
    Invalid,
    Malformed,
}

impl Status {
    /// The process exit code of the product contract (README, `--help`).
    pub fn exit_code(self) -> i32 {
        match self {
            Status::Valid => 0,
            Status::Null => 3,
            Status::Expired => 4,
            Status::Invalid => 5,
            Status::Malformed => 6,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Null => "null",
            Status::Expired => "expired",
            Status::Invalid => "invalid",
            Status::Malformed => "malformed",
        }
    }
}

/// Which library wrote the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
pub enum Format {
    /// next-auth 3: HS512 JWS.
    #[serde(rename = "v3")]
    V3,
    /// next-auth 3 with `jwt.encryption`: JWE A256GCM + DEF around the JWS.
    #[serde(rename = "v3-encrypted")]
    V3Encrypted,
    /// next-auth 4: JWE dir/A256GCM.
    #[serde(rename = "v4")]
    V4,
    /// Auth.js v5 / @auth/core ≥ 0.18.1: salted by the cookie name.
    #[serde(rename = "v5")]
    V5,
    /// @auth/core ≤ 0.18.0: unsalted A256GCM.
    #[serde(rename = "authjs-unsalted")]
    AuthjsUnsalted,
    /// An opaque database-strategy session token.
    #[serde(rename = "database-session")]
    DatabaseSession,
}

impl Format {
    /// The name people know the format by.
    pub fn label(self) -> &'static str {
        match self {
            Format::V3 => "next-auth v3",
            Format::V3Encrypted => "next-auth v3 (encrypted)",
            Format::V4 => "next-auth v4",
            Format::V5 => "Auth.js v5",
            Format::AuthjsUnsalted => "Auth.js (@auth/core ≤ 0.18.0)",
            Format::DatabaseSession => "database session",
        }
    }
}

/// How a token was opened: never the secret, only its position and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifiedWith {
    /// 1-based position of the secret that opened the token.
    pub secret_index: usize,
    pub secret_count: usize,
    /// Where that secret came from (`--secret`, `AUTH_SECRET`, a file and line).
    pub secret_source: String,
    /// The HKDF salt (the cookie name for v5), when the derivation has one.
    pub salt: Option<String>,
    pub alg: String,
    pub enc: Option<String>,
    /// Whether the secret was chosen by the header's `kid` (no trial decryption).
    pub by_kid: bool,
}

/// Where the token came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Source {
    /// `argument`, `stdin`, `cookie-header`, `cookie-jar`, `authorization-header`, `batch`.
    pub kind: String,
    /// The cookie the token arrived in, when known.
    pub cookie_name: Option<String>,
    /// Number of `.N` chunks reassembled (0 when not chunked).
    pub chunks: usize,
}

/// Everything learned about one token.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenReport {
    pub status: Status,
    pub format: Option<Format>,
    pub verified_with: Option<VerifiedWith>,
    pub source: Source,
    pub header: Option<Map<String, Value>>,
    /// The claims as the token carries them (numbers untouched).
    pub claims: Option<Map<String, Value>>,
    /// False when the claims were read without verification (a JWS without a secret).
    pub claims_verified: bool,
    pub issued_at: Option<String>,
    pub expires_at: Option<String>,
    pub expires_in_seconds: Option<i64>,
    /// What failed, when something did.
    pub error: Option<String>,
    /// What to try next.
    pub hint: Option<String>,
    pub warnings: Vec<String>,
    /// The clock used (Unix seconds), so relative times can be re-derived.
    pub now: i64,
}

impl TokenReport {
    /// A report with nothing known yet but the verdict.
    pub fn new(status: Status, source: Source, now: i64) -> Self {
        TokenReport {
            status,
            format: None,
            verified_with: None,
            source,
            header: None,
            claims: None,
            claims_verified: false,
            issued_at: None,
            expires_at: None,
            expires_in_seconds: None,
            error: None,
            hint: None,
            warnings: Vec::new(),
            now,
        }
    }

    pub fn exit_code(&self) -> i32 {
        self.status.exit_code()
    }

    /// A time claim (`iat`, `exp`) in whole seconds, read from the claims as they stand:
    /// also for claims shown unverified, which no timing judgement has read.
    pub fn claim_seconds(&self, name: &str) -> Option<i64> {
        self.claims.as_ref()?.get(name)?.as_f64().map(|v| v as i64)
    }

    /// One JSON document on one line.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("a report always serializes")
    }

    /// Pretty JSON for `--json` on a single token.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(Status::Valid.exit_code(), 0);
        assert_eq!(Status::Null.exit_code(), 3);
        assert_eq!(Status::Expired.exit_code(), 4);
        assert_eq!(Status::Invalid.exit_code(), 5);
        assert_eq!(Status::Malformed.exit_code(), 6);
    }

    #[test]
    fn severity_order_for_batch_summaries() {
        // malformed > invalid > expired > null > valid
        let mut v = vec![
            Status::Expired,
            Status::Malformed,
            Status::Valid,
            Status::Null,
            Status::Invalid,
        ];
        v.sort();
        assert_eq!(
            v,
            [
                Status::Valid,
                Status::Null,
                Status::Expired,
                Status::Invalid,
                Status::Malformed
            ]
        );
    }
}
