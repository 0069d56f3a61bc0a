//! Sealing a session token: the inverse of [`super::open`], byte-compatible with each
//! library's `encode` (next-auth 3.29.10 `lib/jwt.js`, next-auth 4.24.15 `jwt/index.js`,
//! @auth/core 0.41.3 `jwt.js`).
//!
//! Like the libraries, the claims keep their order and `iat`, `exp` (and `jti` for v4/v5) are
//! set last — replacing values the caller gave, in place, as jose's `setIssuedAt` & co. do.

use josekit::jwe::{Dir, JweHeader};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Map, Value};

use super::kdf::{oct_thumbprint, Derivation};
use super::open;

/// `mint --format`: which library's `encode` to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SealFormat {
    /// next-auth 3: JWS HS512 (`jwt.encode` defaults).
    V3,
    /// next-auth 3 with `encryption: true`: the JWS, DEFLATEd, in a JWE dir/A256GCM.
    #[value(name = "v3-encrypted")]
    V3Encrypted,
    /// next-auth 4: JWE dir/A256GCM.
    V4,
    /// Auth.js v5 / @auth/core: JWE dir/A256CBC-HS512 with a `kid`, salted with the cookie name.
    #[default]
    V5,
}

impl SealFormat {
    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SealFormat::V3 => "v3",
            SealFormat::V3Encrypted => "v3-encrypted",
            SealFormat::V4 => "v4",
            SealFormat::V5 => "v5",
        }
    }

    /// v4 and v5 put a random `jti` in every token; v3 does not.
    fn has_jti(self) -> bool {
        matches!(self, SealFormat::V4 | SealFormat::V5)
    }
}

/// Why a token could not be sealed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("Auth.js v5 needs a salt (the session cookie name); pass --salt or --cookie-name")]
    MissingSalt,
    #[error("next-auth v3 has no salt option; drop --salt")]
    SaltUnsupported,
    #[error("cannot seal the token: {0}")]
    Crypto(String),
}

/// What to seal and how.
#[derive(Debug, Clone)]
pub struct SealOptions {
    pub format: SealFormat,
    /// v5: the salt (= cookie name), required. v4: the 4.24 `salt` option; empty for none.
    /// v3: must be empty.
    pub salt: String,
    /// Seconds from `now` to `exp` (the library's `maxAge`).
    pub max_age: i64,
    /// `iat`, Unix seconds.
    pub now: i64,
}

/// A sealed token and the claims it carries.
#[derive(Debug, Clone)]
pub struct Sealed {
    pub token: String,
    /// The claims as sealed, with `iat`, `exp` (and `jti`) set.
    pub claims: Map<String, Value>,
    pub exp: i64,
}

/// Seal `claims` with `secret` (the UTF-8 bytes of the configured secret) as the library of
/// `options.format` would.
pub fn seal(
    claims: &Map<String, Value>,
    secret: &[u8],
    options: &SealOptions,
) -> Result<Sealed, SealError> {
    let exp = options.now.saturating_add(options.max_age);
    let mut claims = claims.clone();
    claims.insert("iat".into(), options.now.into());
    claims.insert("exp".into(), exp.into());
    if options.format.has_jti() {
        claims.insert("jti".into(), uuid_v4().into());
    }
    let payload = serde_json::to_vec(&claims).map_err(|e| SealError::Crypto(e.to_string()))?;
    let token = match options.format {
        SealFormat::V3 | SealFormat::V3Encrypted if !options.salt.is_empty() => {
            return Err(SealError::SaltUnsupported)
        }
        SealFormat::V3 => sign_hs512(&claims, secret)?,
        SealFormat::V3Encrypted => {
            let jws = sign_hs512(&claims, secret)?;
            let key = Derivation::V3Encryption.derive(secret);
            encrypt_dir(jws.as_bytes(), &key, "A256GCM", &[("zip", "DEF")])?
        }
        SealFormat::V4 => {
            let key = Derivation::V4 {
                salt: options.salt.clone(),
            }
            .derive(secret);
            encrypt_dir(&payload, &key, "A256GCM", &[])?
        }
        SealFormat::V5 => {
            if options.salt.is_empty() {
                return Err(SealError::MissingSalt);
            }
            let key = Derivation::Authjs {
                salt: options.salt.clone(),
                len: 64,
            }
            .derive(secret);
            let kid = oct_thumbprint(&key);
            encrypt_dir(&payload, &key, "A256CBC-HS512", &[("kid", &kid)])?
        }
    };
    Ok(Sealed { token, claims, exp })
}

/// jose 1.x `JWT.sign` as next-auth 3 calls it: header exactly `{"alg":"HS512"}` (no `typ`,
/// and no `kid` for a secret key).
fn sign_hs512(claims: &Map<String, Value>, secret: &[u8]) -> Result<String, SealError> {
    let key = Derivation::V3Signing.derive(secret);
    let mut header = Header::new(Algorithm::HS512);
    header.typ = None;
    let crypto = |e: jsonwebtoken::errors::Error| SealError::Crypto(e.to_string());
    let key = EncodingKey::from_secret(&key).map_err(crypto)?;
    jsonwebtoken::encode(&header, claims, &key).map_err(crypto)
}

/// A compact `dir` JWE whose protected header lists `alg`, `enc`, then `extra` in that order,
/// as jose's `setProtectedHeader` writes them (serde_json keeps insertion order here).
fn encrypt_dir(
    plaintext: &[u8],
    key: &[u8],
    enc: &str,
    extra: &[(&str, &str)],
) -> Result<String, SealError> {
    let crypto = |e: josekit::JoseError| SealError::Crypto(e.to_string());
    let mut header = JweHeader::new();
    header.set_algorithm("dir");
    header.set_content_encryption(enc);
    for (name, value) in extra {
        header
            .set_claim(name, Some(Value::String((*value).to_string())))
            .map_err(crypto)?;
    }
    let encrypter = Dir.encrypter_from_bytes(key).map_err(crypto)?;
    open::context()
        .serialize_compact(plaintext, &header, &encrypter)
        .map_err(crypto)
}

/// A random (version 4) UUID, as `uuid.v4()` / `crypto.randomUUID()` give the libraries;
/// the bytes come from OpenSSL's CSPRNG, which also draws the JWE IVs.
fn uuid_v4() -> String {
    let mut b = josekit::util::random_bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, Status};
    use crate::secrets::Secret;
    use crate::token::shape::b64;
    use crate::token::{FormatChoice, Input, Inspector, Options};

    const NOW: i64 = 1_700_000_000;

    fn claims() -> Map<String, Value> {
        serde_json::from_str(
            r#"{"name":"Alice","email":"alice@example.com","sub":"1","iat":5,"n":[1,{"x":null}]}"#,
        )
        .unwrap()
    }

    fn options(format: SealFormat, salt: &str) -> SealOptions {
        SealOptions {
            format,
            salt: salt.into(),
            max_age: 3600,
            now: NOW,
        }
    }

    fn header(token: &str) -> String {
        String::from_utf8(b64(token.split('.').next().unwrap()).unwrap()).unwrap()
    }

    fn inspect(token: &str, salt: Option<&str>) -> crate::report::TokenReport {
        let secrets = [Secret::new("s3cret", "test")];
        let mut o = Options::new(NOW + 10);
        o.format = FormatChoice::Auto;
        o.salt = salt.map(str::to_string);
        Inspector::new(&secrets, o).inspect(&Input::from_text(token, "argument"))
    }

    #[test]
    fn every_format_opens_with_the_inspector() {
        for (format, salt, expect, hdr) in [
            (SealFormat::V3, "", Format::V3, r#"{"alg":"HS512"}"#),
            (
                SealFormat::V3Encrypted,
                "",
                Format::V3Encrypted,
                r#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#,
            ),
            (
                SealFormat::V4,
                "",
                Format::V4,
                r#"{"alg":"dir","enc":"A256GCM"}"#,
            ),
            (
                SealFormat::V4,
                "custom",
                Format::V4,
                r#"{"alg":"dir","enc":"A256GCM"}"#,
            ),
            (
                SealFormat::V5,
                "authjs.session-token",
                Format::V5,
                r#"{"alg":"dir","enc":"A256CBC-HS512","kid":""#,
            ),
            (
                SealFormat::V5,
                "my-cookie",
                Format::V5,
                r#"{"alg":"dir","enc":"A256CBC-HS512","kid":""#,
            ),
        ] {
            let sealed = seal(&claims(), b"s3cret", &options(format, salt)).unwrap();
            assert!(header(&sealed.token).starts_with(hdr), "{format:?}");
            let salt = (!salt.is_empty()).then_some(salt);
            let r = inspect(&sealed.token, salt);
            assert_eq!(
                r.status,
                Status::Valid,
                "{format:?} {salt:?}: {:?}",
                r.error
            );
            assert_eq!(r.format, Some(expect));
            let got = r.claims.unwrap();
            assert_eq!(got, sealed.claims);
            assert_eq!(got["name"], "Alice");
            assert_eq!(got["n"], serde_json::json!([1, {"x": null}]));
            assert_eq!(got["iat"], NOW);
            assert_eq!(got["exp"], NOW + 3600);
            assert_eq!(sealed.exp, NOW + 3600);
            assert_eq!(got.contains_key("jti"), format.has_jti());
        }
    }

    #[test]
    fn claim_order_follows_the_libraries() {
        let sealed = seal(&claims(), b"s", &options(SealFormat::V4, "")).unwrap();
        let keys: Vec<&str> = sealed.claims.keys().map(String::as_str).collect();
        // `iat` keeps the caller's position and is replaced; `exp`, `jti` are appended.
        assert_eq!(keys, ["name", "email", "sub", "iat", "n", "exp", "jti"]);
    }

    #[test]
    fn v5_kid_is_the_key_thumbprint_and_salt_matters() {
        let sealed = seal(&claims(), b"s3cret", &options(SealFormat::V5, "a")).unwrap();
        let key = Derivation::Authjs {
            salt: "a".into(),
            len: 64,
        }
        .derive(b"s3cret");
        assert!(header(&sealed.token).contains(&oct_thumbprint(&key)));
        assert_eq!(
            inspect(&sealed.token, Some("authjs.session-token")).status,
            Status::Invalid
        );
    }

    #[test]
    fn salts_are_checked() {
        assert!(matches!(
            seal(&Map::new(), b"s", &options(SealFormat::V5, "")),
            Err(SealError::MissingSalt)
        ));
        assert!(matches!(
            seal(&Map::new(), b"s", &options(SealFormat::V3, "x")),
            Err(SealError::SaltUnsupported)
        ));
    }

    #[test]
    fn jti_is_a_fresh_uuid_v4() {
        let a = uuid_v4();
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(a, uuid_v4());
    }
}
