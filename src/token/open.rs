//! The cryptographic steps: JWE `dir` decryption (josekit), HS512 JWS verification
//! (jsonwebtoken) and the bounded raw-DEFLATE inflation of next-auth v3's `zip: "DEF"`.
//!
//! Header allow-lists are enforced by the caller *before* anything here runs.

use std::io::{self, Read};
use std::sync::OnceLock;

use josekit::jwe::{Dir, JweCompression, JweContext};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

/// Most bytes a `zip: "DEF"` payload may inflate to. A real v3 JWS is a few KiB; a bigger
/// output is a decompression bomb.
pub const MAX_INFLATED_BYTES: u64 = 1024 * 1024;

/// Why a JWE or JWS did not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// Authentication failed: wrong key, or the token was altered.
    #[error("decryption failed (wrong key, or the token was altered)")]
    Decrypt,
    #[error("the HS512 signature does not match (wrong secret, or the token was altered)")]
    Signature,
    #[error("the compressed payload inflates past {MAX_INFLATED_BYTES} bytes; refusing a decompression bomb")]
    InflateTooLarge,
    #[error("the compressed payload is not valid raw DEFLATE data")]
    Inflate,
    #[error("the JWS is not well formed: {0}")]
    JwsFormat(String),
    #[error("the JWE has no initialization vector (its third part is empty)")]
    MissingIv,
}

/// Registered for `zip: "DEF"` so josekit hands back the still-compressed plaintext: the
/// built-in codec inflates without a bound, which a hostile token could exploit.
#[derive(Debug, Clone)]
struct DeferredInflate;

impl JweCompression for DeferredInflate {
    fn name(&self) -> &str {
        "DEF"
    }

    fn compress(&self, message: &[u8]) -> Result<Vec<u8>, io::Error> {
        let mut encoder =
            flate2::read::DeflateEncoder::new(message, flate2::Compression::default());
        let mut out = Vec::new();
        encoder.read_to_end(&mut out)?;
        Ok(out)
    }

    fn decompress(&self, message: &[u8]) -> Result<Vec<u8>, io::Error> {
        Ok(message.to_vec())
    }

    fn box_clone(&self) -> Box<dyn JweCompression> {
        Box::new(self.clone())
    }
}

/// One JOSE context for the process; building it allocates its algorithm tables.
pub(crate) fn context() -> &'static JweContext {
    static CONTEXT: OnceLock<JweContext> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        let mut context = JweContext::new();
        context.remove_compression("DEF");
        context.add_compression(Box::new(DeferredInflate));
        context.add_content_encryption(Box::new(super::cipher::A256Gcm));
        context.add_content_encryption(Box::new(super::cipher::A256CbcHs512));
        context
    })
}

/// Decrypt a compact `dir` JWE with `key`; the plaintext is still compressed when the
/// header says `zip`.
pub fn decrypt_dir(token: &str, key: &[u8]) -> Result<Vec<u8>, OpenError> {
    // josekit passes an empty IV to openssl as "no IV", and openssl panics on that.
    if token.split('.').nth(2).is_none_or(str::is_empty) {
        return Err(OpenError::MissingIv);
    }
    let decrypter = Dir
        .decrypter_from_bytes(key)
        .map_err(|_| OpenError::Decrypt)?;
    context()
        .deserialize_compact(token, &decrypter)
        .map(|(plaintext, _)| plaintext)
        .map_err(|_| OpenError::Decrypt)
}

/// Inflate raw DEFLATE (what jose 1.x's `zip: "DEF"` wrote), refusing bombs.
pub fn inflate(compressed: &[u8]) -> Result<Vec<u8>, OpenError> {
    let mut out = Vec::with_capacity(compressed.len() * 4);
    flate2::read::DeflateDecoder::new(compressed)
        .take(MAX_INFLATED_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|_| OpenError::Inflate)?;
    if out.len() as u64 > MAX_INFLATED_BYTES {
        return Err(OpenError::InflateTooLarge);
    }
    Ok(out)
}

/// Verify an HS512 compact JWS and return its claims.
pub fn verify_hs512(token: &str, key: &[u8]) -> Result<Map<String, Value>, OpenError> {
    // Built once: `Validation::new` allocates, and this runs per secret per v3 token.
    // Timing is judged by the caller, so jsonwebtoken's own time checks are off.
    static VALIDATION: OnceLock<Validation> = OnceLock::new();
    let validation = VALIDATION.get_or_init(|| {
        let mut validation = Validation::new(Algorithm::HS512);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        validation
    });
    match jsonwebtoken::decode::<Map<String, Value>>(
        token,
        &DecodingKey::from_secret(key).map_err(|e| OpenError::JwsFormat(e.to_string()))?,
        validation,
    ) {
        Ok(data) => Ok(data.claims),
        Err(e) => match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => Err(OpenError::Signature),
            _ => Err(OpenError::JwsFormat(e.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn inflate_round_trip_and_bomb() {
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(b"hello hello hello").unwrap();
        assert_eq!(
            inflate(&enc.finish().unwrap()).unwrap(),
            b"hello hello hello"
        );

        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![0u8; 4 * 1024 * 1024]).unwrap();
        assert_eq!(
            inflate(&enc.finish().unwrap()),
            Err(OpenError::InflateTooLarge)
        );
        assert_eq!(inflate(b"\xff\xff\xff"), Err(OpenError::Inflate));
    }

    #[test]
    fn garbage_does_not_decrypt() {
        let token =
            "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
        assert_eq!(decrypt_dir(token, &[0u8; 32]), Err(OpenError::Decrypt));
    }

    #[test]
    fn an_empty_iv_is_an_error_not_a_panic() {
        for header in [
            "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0",
            "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0",
        ] {
            let token = format!("{header}...Y3Q.dGFn");
            assert_eq!(decrypt_dir(&token, &[0u8; 64]), Err(OpenError::MissingIv));
            assert_eq!(decrypt_dir(&token, &[0u8; 32]), Err(OpenError::MissingIv));
        }
    }
}
