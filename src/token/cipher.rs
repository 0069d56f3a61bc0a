//! The two content encryptions NextAuth uses, `A256GCM` and `A256CBC-HS512` (RFC 7518
//! §5.3, §5.2.5), for josekit, built on RustCrypto and registered in place of josekit's
//! built-in ones (see `open::context`).
//!
//! josekit's own versions go through OpenSSL 3: its initialisation alone cost a one-shot
//! `token` call about 4 ms, and HMAC through `PKey`/`Signer` made A256CBC-HS512 10× slower
//! than A256GCM. Its CBC variant also decrypts before checking the tag and compares tags in
//! variable time; this one verifies the tag first, in constant time.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes256Gcm, KeyInit, Nonce, Tag};
use hmac::{Hmac, Mac};
use josekit::jwe::JweContentEncryption;
use josekit::JoseError;
use sha2::Sha512;

const KEY_LEN: usize = 64;
const IV_LEN: usize = 16;
const TAG_LEN: usize = 32;

#[derive(Debug, Clone, Copy)]
pub struct A256CbcHs512;

fn tag(mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Hmac<Sha512> {
    let mut mac =
        <Hmac<Sha512> as Mac>::new_from_slice(mac_key).expect("HMAC takes any key length");
    mac.update(aad);
    mac.update(iv);
    mac.update(ciphertext);
    mac.update(&((aad.len() as u64) * 8).to_be_bytes());
    mac
}

fn invalid(what: &'static str) -> JoseError {
    JoseError::InvalidJweFormat(anyhow::anyhow!(what))
}

/// A JWE part that must be exactly `len` bytes (josekit passes an absent one as `None`).
fn exact<'a>(part: Option<&'a [u8]>, len: usize, what: &str) -> Result<&'a [u8], JoseError> {
    part.filter(|p| p.len() == len).ok_or_else(|| {
        JoseError::InvalidJweFormat(anyhow::anyhow!("a {len}-byte {what} is required"))
    })
}

/// The MAC half and the AES half of an A256CBC-HS512 key (RFC 7518 §5.2.2.1).
fn split_cbc_key(key: &[u8]) -> Result<(&[u8], &[u8]), JoseError> {
    if key.len() != KEY_LEN {
        return Err(invalid("A256CBC-HS512 needs a 64-byte key"));
    }
    Ok(key.split_at(KEY_LEN / 2))
}

const GCM_KEY_LEN: usize = 32;
const GCM_IV_LEN: usize = 12;
const GCM_TAG_LEN: usize = 16;

impl JweContentEncryption for A256CbcHs512 {
    fn name(&self) -> &str {
        "A256CBC-HS512"
    }

    fn key_len(&self) -> usize {
        KEY_LEN
    }

    fn iv_len(&self) -> usize {
        IV_LEN
    }

    fn encrypt(
        &self,
        key: &[u8],
        iv: Option<&[u8]>,
        message: &[u8],
        aad: &[u8],
    ) -> Result<(Vec<u8>, Option<Vec<u8>>), JoseError> {
        let iv = exact(iv, IV_LEN, "IV")?;
        let (mac_key, enc_key) = split_cbc_key(key)?;
        let ciphertext = cbc::Encryptor::<aes::Aes256>::new(enc_key.into(), iv.into())
            .encrypt_padded_vec_mut::<Pkcs7>(message);
        let full = tag(mac_key, aad, iv, &ciphertext).finalize().into_bytes();
        Ok((ciphertext, Some(full[..TAG_LEN].to_vec())))
    }

    fn decrypt(
        &self,
        key: &[u8],
        iv: Option<&[u8]>,
        encrypted_message: &[u8],
        aad: &[u8],
        tag_value: Option<&[u8]>,
    ) -> Result<Vec<u8>, JoseError> {
        let iv = exact(iv, IV_LEN, "IV")?;
        let tag_value = exact(tag_value, TAG_LEN, "authentication tag")?;
        let (mac_key, enc_key) = split_cbc_key(key)?;
        tag(mac_key, aad, iv, encrypted_message)
            .verify_truncated_left(tag_value)
            .map_err(|_| JoseError::InvalidSignature(anyhow::anyhow!("the tag does not match")))?;
        cbc::Decryptor::<aes::Aes256>::new(enc_key.into(), iv.into())
            .decrypt_padded_vec_mut::<Pkcs7>(encrypted_message)
            .map_err(|_| invalid("bad padding"))
    }

    fn box_clone(&self) -> Box<dyn JweContentEncryption> {
        Box::new(*self)
    }
}

/// `A256GCM`: 32-byte key, 96-bit IV, 128-bit tag.
#[derive(Debug, Clone, Copy)]
pub struct A256Gcm;

impl JweContentEncryption for A256Gcm {
    fn name(&self) -> &str {
        "A256GCM"
    }

    fn key_len(&self) -> usize {
        GCM_KEY_LEN
    }

    fn iv_len(&self) -> usize {
        GCM_IV_LEN
    }

    fn encrypt(
        &self,
        key: &[u8],
        iv: Option<&[u8]>,
        message: &[u8],
        aad: &[u8],
    ) -> Result<(Vec<u8>, Option<Vec<u8>>), JoseError> {
        let iv = exact(iv, GCM_IV_LEN, "IV")?;
        let cipher =
            Aes256Gcm::new_from_slice(key).map_err(|_| invalid("A256GCM needs a 32-byte key"))?;
        let mut buffer = message.to_vec();
        let tag = cipher
            .encrypt_in_place_detached(Nonce::from_slice(iv), aad, &mut buffer)
            .map_err(|_| invalid("the message is too long for A256GCM"))?;
        Ok((buffer, Some(tag.to_vec())))
    }

    fn decrypt(
        &self,
        key: &[u8],
        iv: Option<&[u8]>,
        encrypted_message: &[u8],
        aad: &[u8],
        tag: Option<&[u8]>,
    ) -> Result<Vec<u8>, JoseError> {
        let iv = exact(iv, GCM_IV_LEN, "IV")?;
        let tag = exact(tag, GCM_TAG_LEN, "authentication tag")?;
        let cipher =
            Aes256Gcm::new_from_slice(key).map_err(|_| invalid("A256GCM needs a 32-byte key"))?;
        let mut buffer = encrypted_message.to_vec();
        cipher
            .decrypt_in_place_detached(
                Nonce::from_slice(iv),
                aad,
                &mut buffer,
                Tag::from_slice(tag),
            )
            .map_err(|_| JoseError::InvalidSignature(anyhow::anyhow!("the tag does not match")))?;
        Ok(buffer)
    }

    fn box_clone(&self) -> Box<dyn JweContentEncryption> {
        Box::new(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The AES key schedules wipe themselves (the `zeroize` features in Cargo.toml; the one
    /// inside `Aes256Gcm` is an `aes::Aes256` too); this stops compiling if a dependency
    /// bump drops that.
    #[test]
    fn aes_key_schedules_are_wiped_on_drop() {
        fn wiped<T: zeroize::ZeroizeOnDrop>() {}
        wiped::<aes::Aes256>();
        wiped::<cbc::Decryptor<aes::Aes256>>();
        wiped::<cbc::Encryptor<aes::Aes256>>();
    }

    /// RFC 7518 Appendix B.3 test vector for AES_256_CBC_HMAC_SHA_512.
    #[test]
    fn rfc7518_b3() {
        let key: Vec<u8> = (0u8..64).collect();
        let plaintext = b"A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience";
        let iv = [
            0x1a, 0xf3, 0x8c, 0x2d, 0xc2, 0xb9, 0x6f, 0xfd, 0xd8, 0x66, 0x94, 0x09, 0x23, 0x41,
            0xbc, 0x04,
        ];
        let aad = b"The second principle of Auguste Kerckhoffs";
        let (ct, t) = A256CbcHs512
            .encrypt(&key, Some(&iv), plaintext, aad)
            .unwrap();
        let t = t.unwrap();
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(&t),
            "4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5"
        );
        assert_eq!(&hex(&ct)[..32], "4affaaadb78c31c5da4b1b590d10ffbd");
        assert_eq!(
            A256CbcHs512
                .decrypt(&key, Some(&iv), &ct, aad, Some(&t))
                .unwrap(),
            plaintext
        );
        let mut bad = t.clone();
        bad[0] ^= 1;
        assert!(A256CbcHs512
            .decrypt(&key, Some(&iv), &ct, aad, Some(&bad))
            .is_err());
    }

    /// NIST GCM test case 14 (AES-256, 96-bit IV, no AAD, one zero block).
    #[test]
    fn gcm_known_answer() {
        let key = [0u8; 32];
        let iv = [0u8; 12];
        let (ct, tag) = A256Gcm.encrypt(&key, Some(&iv), &[0u8; 16], b"").unwrap();
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(hex(&ct), "cea7403d4d606b6e074ec5d3baf39d18");
        assert_eq!(
            hex(tag.as_ref().unwrap()),
            "d0d1c8a799996bf0265b98b5d48ab919"
        );
        assert_eq!(
            A256Gcm
                .decrypt(&key, Some(&iv), &ct, b"", tag.as_deref())
                .unwrap(),
            [0u8; 16]
        );
        assert!(A256Gcm
            .decrypt(&key, Some(&iv), &ct, b"x", tag.as_deref())
            .is_err());
    }
}
