//! Where secrets come from and in which order they are tried.
//!
//! A secret is never printed: `Debug` is redacted and reports name a secret by its
//! position and origin (`AUTH_SECRET_1`, `--secret #2`, `secrets.txt:3`).

use std::fmt;
use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

/// The environment variables the libraries read, in the order this tool tries them:
/// next-auth v4 reads `NEXTAUTH_SECRET ?? AUTH_SECRET`; Auth.js adds `AUTH_SECRET_1..3`.
pub const ENV_VARS: [&str; 5] = [
    "NEXTAUTH_SECRET",
    "AUTH_SECRET",
    "AUTH_SECRET_1",
    "AUTH_SECRET_2",
    "AUTH_SECRET_3",
];

/// Largest secret file read; a secrets file is a few lines.
const MAX_SECRET_FILE: u64 = 64 * 1024;

/// One configured secret.
pub struct Secret {
    value: Zeroizing<String>,
    /// Where it came from, safe to print.
    pub origin: String,
}

impl Secret {
    pub fn new(value: impl Into<String>, origin: impl Into<String>) -> Self {
        Secret {
            value: Zeroizing::new(value.into()),
            origin: origin.into(),
        }
    }

    /// The UTF-8 bytes the libraries feed to HKDF.
    pub fn bytes(&self) -> &[u8] {
        self.value.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({}, <redacted>)", self.origin)
    }
}

/// Why secrets could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("cannot read secret file {path}: {cause}; check the path and its permissions")]
    Read { path: String, cause: std::io::Error },
    #[error("secret file {0} is larger than 64 KiB; it should hold one secret per line")]
    TooLarge(String),
    #[error("{0} holds no secret (it is empty or only blank lines)")]
    Empty(String),
}

/// The ordered list of secrets to try, plus notes for stderr.
#[derive(Debug, Default)]
pub struct Secrets {
    pub list: Vec<Secret>,
    pub notes: Vec<String>,
}

impl Secrets {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn push(&mut self, secret: Secret) {
        if secret.value.is_empty() {
            self.notes
                .push(format!("ignoring the empty secret from {}", secret.origin));
        } else if !self.list.iter().any(|s| s.value == secret.value) {
            self.list.push(secret);
        }
    }

    /// Secrets given with `--secret`, in order.
    pub fn add_flags(&mut self, values: &[String]) {
        for (i, v) in values.iter().enumerate() {
            self.push(Secret::new(v.clone(), format!("--secret #{}", i + 1)));
        }
    }

    /// One secret per line (blank lines skipped, line endings stripped, nothing else).
    pub fn add_lines(&mut self, text: &str, origin: &str) -> Result<(), SecretError> {
        let before = self.list.len();
        for (n, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !line.trim().is_empty() {
                self.push(Secret::new(line, format!("{origin}:{}", n + 1)));
            }
        }
        if self.list.len() == before {
            return Err(SecretError::Empty(origin.to_string()));
        }
        Ok(())
    }

    pub fn add_file(&mut self, path: &Path) -> Result<(), SecretError> {
        let shown = path.display().to_string();
        let mut text = Zeroizing::new(String::new());
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_SECRET_FILE + 1).read_to_string(&mut text))
            .map_err(|cause| SecretError::Read {
                path: shown.clone(),
                cause,
            })?;
        if text.len() as u64 > MAX_SECRET_FILE {
            return Err(SecretError::TooLarge(shown));
        }
        self.add_lines(&text, &shown)
    }

    /// Secrets from standard input (`--secret-stdin`).
    pub fn add_reader(&mut self, reader: impl Read) -> Result<(), SecretError> {
        let mut text = Zeroizing::new(String::new());
        reader
            .take(MAX_SECRET_FILE + 1)
            .read_to_string(&mut text)
            .map_err(|cause| SecretError::Read {
                path: "standard input".into(),
                cause,
            })?;
        self.add_lines(&text, "stdin")
    }

    /// The environment, as the libraries read it; `lookup` is `std::env::var` outside tests.
    pub fn add_env(&mut self, lookup: impl Fn(&str) -> Option<String>) {
        for name in ENV_VARS {
            if let Some(v) = lookup(name) {
                self.push(Secret::new(v, name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("hunter2", "--secret #1");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn env_order_and_dedup() {
        let mut s = Secrets::default();
        s.add_env(|k| match k {
            "AUTH_SECRET" => Some("a".into()),
            "AUTH_SECRET_1" => Some("b".into()),
            "NEXTAUTH_SECRET" => Some("a".into()),
            _ => None,
        });
        let origins: Vec<_> = s.list.iter().map(|s| s.origin.as_str()).collect();
        assert_eq!(origins, ["NEXTAUTH_SECRET", "AUTH_SECRET_1"]);
    }

    #[test]
    fn lines_keep_inner_spaces() {
        let mut s = Secrets::default();
        s.add_lines("one two\r\n\n  \nthree\n", "f").unwrap();
        assert_eq!(s.list[0].bytes(), b"one two");
        assert_eq!(s.list[1].origin, "f:4");
        assert!(Secrets::default().add_lines("\n\n", "f").is_err());
    }
}
