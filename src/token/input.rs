//! What the inspector is given: the token with what is known of where it came from, the
//! format the user asked for, and how to judge (salt, cookie name, leeway, clock).

use super::timing;
use crate::cookies::ChunkDefect;
use crate::report::{Format, Source};

/// `--format`: which library's rules to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum FormatChoice {
    /// Decide from the token's header.
    #[default]
    Auto,
    /// next-auth 3 (JWS HS512, or JWE with `encryption: true`).
    V3,
    /// next-auth 4.
    V4,
    /// Auth.js v5 / @auth/core (including the older betas).
    V5,
}

impl FormatChoice {
    pub(super) fn allows(self, format: Format) -> bool {
        match self {
            FormatChoice::Auto => true,
            FormatChoice::V3 => matches!(format, Format::V3 | Format::V3Encrypted),
            FormatChoice::V4 => format == Format::V4,
            FormatChoice::V5 => matches!(format, Format::V5 | Format::AuthjsUnsalted),
        }
    }
}

/// How to judge tokens.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: FormatChoice,
    /// `--salt`: the v5 salt (or the v4 4.24 `salt` option).
    pub salt: Option<String>,
    /// `--cookie-name`: the cookie the reader uses, and so the v5 salt.
    pub cookie_name: Option<String>,
    /// `--leeway`; `None` means each library's own tolerance.
    pub leeway: Option<i64>,
    /// next-auth v3's `maxTokenAge`.
    pub v3_max_age: i64,
    /// The clock, Unix seconds.
    pub now: i64,
}

impl Options {
    pub fn new(now: i64) -> Self {
        Options {
            format: FormatChoice::Auto,
            salt: None,
            cookie_name: None,
            leeway: None,
            v3_max_age: timing::V3_MAX_AGE,
            now,
        }
    }
}

/// One token to inspect, with what is known of where it came from.
#[derive(Clone, Default)]
pub struct Input {
    pub token: String,
    pub source: Source,
    /// Warnings found while extracting it (chunk gaps, stale cookies…).
    pub warnings: Vec<String>,
    /// Set when the libraries would join the cookies into a different, broken token.
    pub chunk_defect: Option<ChunkDefect>,
}

/// Shows the token's length only: it is a bearer credential.
impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Input")
            .field("token_len", &self.token.len())
            .field("source", &self.source)
            .field("warnings", &self.warnings)
            .field("chunk_defect", &self.chunk_defect)
            .finish()
    }
}

impl Input {
    /// A token given as text: trims it and accepts an `Authorization: Bearer` value, which
    /// getToken percent-decodes.
    pub fn from_text(text: &str, kind: &str) -> Self {
        let mut token = text.trim();
        let mut kind = kind.to_string();
        if let Some(rest) = token
            .strip_prefix("Authorization:")
            .or_else(|| token.strip_prefix("authorization:"))
        {
            token = rest.trim();
        }
        let bearer = token
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("bearer "));
        let token = if bearer {
            kind = "authorization-header".into();
            percent_encoding::percent_decode_str(token[7..].trim())
                .decode_utf8_lossy()
                .into_owned()
        } else {
            token.to_string()
        };
        Input {
            token,
            source: Source {
                kind,
                cookie_name: None,
                chunks: 0,
            },
            warnings: Vec::new(),
            chunk_defect: None,
        }
    }
}
