//! `-f NAME=VALUE`: the provider's form fields. A value can come from a file (`@PATH`) or the
//! environment (`env:VAR`) so that a password need not sit in the process list. Values are
//! never printed: errors name the field, the file or the variable, never the value.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// Form fields `login` sets itself; a `-f` may not replace them.
const RESERVED: [&str; 2] = ["csrfToken", "json"];

/// One form field, resolved.
#[derive(Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// The value was written on the command line (visible in the process list).
    pub literal: bool,
}

/// Leaves the value out: it is usually a password.
impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Field")
            .field("name", &self.name)
            .field("value_len", &self.value.len())
            .field("literal", &self.literal)
            .finish()
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum FieldError {
    /// The 1-based position among the `-f`s (the text itself may be a password).
    #[error("the -f number {0} is not NAME=VALUE (e.g. -f username=alice -f password=env:ALICE_PASSWORD)")]
    NotAPair(usize),
    #[error("-f {0}: `{0}` is set by login itself and cannot be given")]
    Reserved(String),
    #[error("-f {name}: cannot read {}: {message}", path.display())]
    File {
        name: String,
        path: PathBuf,
        message: String,
    },
    #[error("-f {name}: the environment variable {var} is not set (or not UTF-8)")]
    Env { name: String, var: String },
}

/// Parses and resolves every `-f`; `env` reads a variable, `read` a file (both injected so
/// tests need neither).
pub fn resolve(
    raw: &[String],
    env: impl Fn(&str) -> Option<String>,
    read: impl Fn(&std::path::Path) -> std::io::Result<String>,
) -> Result<Vec<Field>, FieldError> {
    raw.iter()
        .enumerate()
        .map(|(i, text)| {
            let pair = text.split_once('=').filter(|(n, _)| !n.trim().is_empty());
            let Some((name, value)) = pair else {
                return Err(FieldError::NotAPair(i + 1));
            };
            let name = name.trim().to_string();
            if RESERVED.contains(&name.as_str()) {
                return Err(FieldError::Reserved(name));
            }
            if let Some(path) = value.strip_prefix('@') {
                let path = PathBuf::from(path);
                let text = read(&path).map_err(|e| FieldError::File {
                    name: name.clone(),
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                let value = text
                    .strip_suffix("\r\n")
                    .or_else(|| text.strip_suffix('\n'))
                    .unwrap_or(&text)
                    .to_string();
                return Ok(Field {
                    name,
                    value,
                    literal: false,
                });
            }
            if let Some(var) = value.strip_prefix("env:") {
                let value = env(var).ok_or_else(|| FieldError::Env {
                    name: name.clone(),
                    var: var.to_string(),
                })?;
                return Ok(Field {
                    name,
                    value,
                    literal: false,
                });
            }
            Ok(Field {
                name,
                value: value.to_string(),
                literal: true,
            })
        })
        .collect()
}

/// Whether a field by this name likely holds a secret (for the process-list note).
pub fn looks_secret(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["pass", "secret", "token", "otp", "pin"]
        .iter()
        .any(|w| n.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(raw: &[&str]) -> Result<Vec<Field>, FieldError> {
        let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
        resolve(
            &raw,
            |v| (v == "PW").then(|| "from-env".to_string()),
            |p| match p.to_str() {
                Some("pw.txt") => Ok("from-file\r\n".into()),
                Some("two.txt") => Ok("a\n\n".into()),
                _ => Err(std::io::Error::new(std::io::ErrorKind::NotFound, "missing")),
            },
        )
    }

    #[test]
    fn sources() {
        let f = run(&[
            "username=alice",
            "password=env:PW",
            "otp=@pw.txt",
            "x=@two.txt",
            "empty=",
            "eq=a=b",
        ])
        .unwrap();
        let values: Vec<(&str, &str, bool)> = f
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str(), f.literal))
            .collect();
        assert_eq!(
            values,
            [
                ("username", "alice", true),
                ("password", "from-env", false),
                ("otp", "from-file", false),
                ("x", "a\n", false),
                ("empty", "", true),
                ("eq", "a=b", true),
            ]
        );
        assert!(!format!("{:?}", f[1]).contains("from-env"));
    }

    #[test]
    fn errors_never_quote_values() {
        assert_eq!(run(&["a=1", "hunter2"]), Err(FieldError::NotAPair(2)));
        assert_eq!(
            run(&["csrfToken=x"]),
            Err(FieldError::Reserved("csrfToken".into()))
        );
        let e = run(&["password=env:NOPE"]).unwrap_err().to_string();
        assert!(e.contains("NOPE") && e.contains("password"));
        let e = run(&["=hunter2"]).unwrap_err().to_string();
        assert!(!e.contains("hunter2"));
        let e = run(&["password=@missing.txt"]).unwrap_err().to_string();
        assert!(e.contains("missing.txt"));
        assert!(looks_secret("Password") && !looks_secret("username"));
    }
}
