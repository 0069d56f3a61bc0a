//! Telling what a string is before any key is involved: a JWS, a JWE, a database-session
//! token, or not a token at all.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{Map, Value};

/// Largest token accepted. Real session tokens are a few KiB; four 4 KiB chunks is already
/// unusual, so 1 MiB leaves room while keeping work bounded.
pub const MAX_TOKEN_BYTES: usize = 1024 * 1024;

/// Deepest JSON nesting accepted in a header or claims set (serde_json's own limit is 128).
pub const MAX_JSON_DEPTH: usize = 64;

/// The shape of an input, decided from its text alone.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Compact JWS: three parts, header decoded.
    Jws { header: Map<String, Value> },
    /// Compact JWE: five parts, protected header decoded.
    Jwe { header: Map<String, Value> },
    /// An opaque database-strategy session token (UUID or 64 hex digits).
    DatabaseSession,
}

/// Why a string is not a token at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Malformed {
    #[error("the token is empty")]
    Empty,
    #[error("the token is {0} bytes; tokens over 1 MiB are refused")]
    TooLarge(usize),
    #[error("the token has {0} dot-separated part(s); a JWS has 3 and a JWE has 5")]
    PartCount(usize),
    #[error("the token contains characters outside base64url (at byte {0})")]
    Alphabet(usize),
    #[error("the token's header is not valid base64url")]
    HeaderBase64,
    #[error("the token's header is not a JSON object")]
    HeaderJson,
    #[error("the token's JSON is nested deeper than {MAX_JSON_DEPTH} levels")]
    TooDeep,
    #[error("a JWE's encrypted-key part must be empty for `dir`; this one is not empty")]
    EncryptedKeyPresent,
}

/// Classify `token` (already trimmed).
pub fn classify(token: &str) -> Result<Shape, Malformed> {
    if token.is_empty() {
        return Err(Malformed::Empty);
    }
    if token.len() > MAX_TOKEN_BYTES {
        return Err(Malformed::TooLarge(token.len()));
    }
    if is_database_session(token) {
        return Ok(Shape::DatabaseSession);
    }
    if let Some(pos) = token.bytes().position(|b| !TOKEN_BYTES[b as usize]) {
        return Err(Malformed::Alphabet(pos));
    }
    let count = token.bytes().filter(|b| *b == b'.').count() + 1;
    let mut parts = token.split('.');
    let header_part = parts.next().unwrap_or_default();
    let second = parts.next().unwrap_or_default();
    let header = match count {
        3 | 5 => decode_header(header_part)?,
        n => return Err(Malformed::PartCount(n)),
    };
    if count == 3 {
        Ok(Shape::Jws { header })
    } else {
        // Only `dir` is ever accepted, and `dir` has no encrypted key; a non-empty part here
        // still parses as a JWE so the allow-list can name the real problem (its `alg`).
        if !second.is_empty() && header.get("alg").and_then(Value::as_str) == Some("dir") {
            return Err(Malformed::EncryptedKeyPresent);
        }
        Ok(Shape::Jwe { header })
    }
}

/// The bytes a compact JOSE token may contain: base64url and the part separator.
const TOKEN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.';
        b += 1;
    }
    table
};

/// Decode base64url without padding, the only encoding JOSE compact forms use.
pub fn b64(part: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(part).ok()
}

fn decode_header(part: &str) -> Result<Map<String, Value>, Malformed> {
    let bytes = b64(part).ok_or(Malformed::HeaderBase64)?;
    parse_object(&bytes).map_err(|e| match e {
        JsonError::TooDeep => Malformed::TooDeep,
        JsonError::Invalid => Malformed::HeaderJson,
    })
}

/// Why a JSON object could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonError {
    Invalid,
    TooDeep,
}

/// Parse a JSON object with a nesting bound checked before serde sees it.
pub fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonError> {
    if json_depth_exceeds(bytes, MAX_JSON_DEPTH) {
        return Err(JsonError::TooDeep);
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(JsonError::Invalid),
    }
}

/// A cheap scan for bracket depth that skips string contents.
fn json_depth_exceeds(bytes: &[u8], max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Database-strategy session tokens: `randomUUID()` (v4/v5) or 32 random bytes as hex (v3).
fn is_database_session(token: &str) -> bool {
    let b = token.as_bytes();
    let uuid = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        });
    let hex64 = b.len() == 64 && b.iter().all(u8::is_ascii_hexdigit);
    uuid || hex64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(matches!(
            classify("eyJhbGciOiJIUzUxMiJ9.e30.c2ln"),
            Ok(Shape::Jws { .. })
        ));
        assert!(matches!(
            classify("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y3Q.dGFn"),
            Ok(Shape::Jwe { .. })
        ));
        assert_eq!(
            classify("6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f"),
            Ok(Shape::DatabaseSession)
        );
        assert_eq!(classify(&"ab".repeat(32)), Ok(Shape::DatabaseSession));
    }

    #[test]
    fn malformed_inputs_say_why() {
        assert_eq!(classify(""), Err(Malformed::Empty));
        assert_eq!(classify("a.b.c.d"), Err(Malformed::PartCount(4)));
        assert_eq!(classify("not-a-token"), Err(Malformed::PartCount(1)));
        assert_eq!(classify("eyJ!!.eyJ.sig"), Err(Malformed::Alphabet(3)));
        assert_eq!(classify("e25vcGU.e30.c2ln"), Err(Malformed::HeaderJson));
        assert_eq!(classify("eyJ.e30.c2ln"), Err(Malformed::HeaderBase64));
        assert_eq!(classify("a\0.b.c"), Err(Malformed::Alphabet(1)));
        let big = "a".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(
            classify(&big),
            Err(Malformed::TooLarge(MAX_TOKEN_BYTES + 1))
        );
    }

    #[test]
    fn depth_is_bounded() {
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let doc = format!(r#"{{"a":{deep}}}"#);
        assert_eq!(parse_object(doc.as_bytes()), Err(JsonError::TooDeep));
        assert!(parse_object(br#"{"a":"[[[[[[[["}"#).is_ok());
    }
}
