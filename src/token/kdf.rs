//! Key derivations of every NextAuth.js / Auth.js version (HKDF-SHA256, RFC 5869).
//!
//! The info strings and lengths are copied from the published packages; see
//! `shared/docs/nextauth-formats.md`. An empty HKDF salt means a zero-filled block, which
//! the `hkdf` crate does for `None`, exactly as Node's `hkdfSync` and `@panva/hkdf` do.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hkdf::Hkdf;
use sha2::{Digest, Sha256, Sha512};
use zeroize::Zeroizing;

/// One way a library turns the configured secret into a token key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Derivation {
    /// next-auth 3: HS512 signing key of the default JWS.
    V3Signing,
    /// next-auth 3 with `encryption: true`: the A256GCM key of the outer JWE.
    V3Encryption,
    /// next-auth 4: A256GCM key; the 4.24 `salt` option appends ` (<salt>)` to the info.
    V4 { salt: String },
    /// @auth/core ≤ 0.18.0: unsalted, its own info string, A256GCM.
    AuthjsUnsalted,
    /// @auth/core ≥ 0.18.1 (Auth.js v5): salt = cookie name; 64 bytes for A256CBC-HS512,
    /// 32 bytes for A256GCM.
    Authjs { salt: String, len: usize },
}

impl Derivation {
    /// The HKDF salt, info and output length of this derivation.
    fn parameters(&self) -> (&[u8], String, usize) {
        match self {
            Derivation::V3Signing => (b"", "NextAuth.js Generated Signing Key".into(), 64),
            Derivation::V3Encryption => (b"", "NextAuth.js Generated Encryption Key".into(), 32),
            Derivation::V4 { salt } if salt.is_empty() => {
                (b"", "NextAuth.js Generated Encryption Key".into(), 32)
            }
            Derivation::V4 { salt } => (
                salt.as_bytes(),
                format!("NextAuth.js Generated Encryption Key ({salt})"),
                32,
            ),
            Derivation::AuthjsUnsalted => (b"", "Auth.js Generated Encryption Key".into(), 32),
            Derivation::Authjs { salt, len } => (
                salt.as_bytes(),
                format!("Auth.js Generated Encryption Key ({salt})"),
                *len,
            ),
        }
    }

    /// The salt a user would recognise (a cookie name), when the derivation has one.
    pub fn salt(&self) -> Option<&str> {
        match self {
            Derivation::V4 { salt } | Derivation::Authjs { salt, .. } if !salt.is_empty() => {
                Some(salt)
            }
            _ => None,
        }
    }

    /// Derive the key for `secret`. The key is zeroized when dropped.
    pub fn derive(&self, secret: &[u8]) -> Zeroizing<Vec<u8>> {
        let (salt, info, len) = self.parameters();
        let salt = if salt.is_empty() { None } else { Some(salt) };
        let mut okm = Zeroizing::new(vec![0u8; len]);
        Hkdf::<Sha256>::new(salt, secret)
            .expand(info.as_bytes(), &mut okm)
            .expect("HKDF-SHA256 output of at most 64 bytes is always valid");
        okm
    }
}

/// RFC 7638 JWK thumbprint of an `oct` key, as Auth.js puts it in the JWE `kid`: SHA-512 for
/// a 64-byte key, SHA-256 for a 32-byte key, base64url without padding.
pub fn oct_thumbprint(key: &[u8]) -> String {
    // Required members in lexicographic order, no whitespace (RFC 7638 §3.2).
    let k = Zeroizing::new(URL_SAFE_NO_PAD.encode(key));
    let jwk = Zeroizing::new(format!(r#"{{"k":"{}","kty":"oct"}}"#, *k));
    if key.len() == 64 {
        URL_SAFE_NO_PAD.encode(Sha512::digest(jwk.as_bytes()))
    } else {
        URL_SAFE_NO_PAD.encode(Sha256::digest(jwk.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn rfc5869_case_3_empty_salt_and_info() {
        // RFC 5869 A.3: a zero-length salt behaves as HashLen zero bytes.
        let ikm = [0x0bu8; 22];
        let mut okm = [0u8; 42];
        Hkdf::<Sha256>::new(None, &ikm)
            .expand(b"", &mut okm)
            .unwrap();
        assert_eq!(
            hex(&okm),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        );
    }

    #[test]
    fn lengths_follow_the_format() {
        let s = b"secret";
        assert_eq!(Derivation::V3Signing.derive(s).len(), 64);
        assert_eq!(Derivation::V3Encryption.derive(s).len(), 32);
        assert_eq!(
            Derivation::V4 {
                salt: String::new()
            }
            .derive(s)
            .len(),
            32
        );
        let v5 = Derivation::Authjs {
            salt: "authjs.session-token".into(),
            len: 64,
        };
        assert_eq!(v5.derive(s).len(), 64);
    }

    #[test]
    fn v3_encryption_key_equals_v4_session_key() {
        // Documented in the reference: same info, salt and length.
        let s = b"same secret";
        assert_eq!(
            *Derivation::V3Encryption.derive(s),
            *Derivation::V4 {
                salt: String::new()
            }
            .derive(s)
        );
    }

    #[test]
    fn salt_changes_the_key() {
        let s = b"s";
        let a = Derivation::Authjs {
            salt: "authjs.session-token".into(),
            len: 64,
        }
        .derive(s);
        let b = Derivation::Authjs {
            salt: "__Secure-authjs.session-token".into(),
            len: 64,
        }
        .derive(s);
        assert_ne!(*a, *b);
    }

    #[test]
    fn thumbprint_uses_sha512_for_64_byte_keys() {
        assert_eq!(oct_thumbprint(&[7u8; 64]).len(), 86);
        assert_eq!(oct_thumbprint(&[7u8; 32]).len(), 43);
    }
}
