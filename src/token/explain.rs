//! The hints: what to tell a user whose token opens only the wrong way (another salt, cookie
//! name or format) or not at all. Kept apart from the opening logic so the wording, which is
//! the product, is in one place.

use super::kdf::Derivation;
use super::{Options, AUTHJS_COOKIE, AUTHJS_SECURE_COOKIE};
use crate::cookies::{ChunkDefect, Family};
use crate::report::{Format, Status};

/// Explain a token that opened only under a derivation its reader would not use: with
/// `derivation` and the `secret`-th secret (0-based) while read as `carried`.
pub(super) fn mismatch(
    options: &Options,
    derivation: &Derivation,
    format: Format,
    secret: usize,
    carried: Option<&str>,
) -> String {
    if !options.format.allows(format) {
        return format!(
            "it opens as {} (secret #{}): drop --format or pass the matching one",
            format.label(),
            secret + 1
        );
    }
    match (derivation, carried) {
        (Derivation::V4 { .. }, Some(name)) => format!(
            "this is a next-auth v4 token, but it arrived as `{name}`: Auth.js v5 derives its \
                 key from the cookie name and cannot read v4 tokens — after a v4→v5 upgrade users \
                 must sign in again (or the old cookie must be migrated)"
        ),
        (Derivation::Authjs { salt, .. }, Some(name)) if options.salt.is_none() => {
            let secure_flip = salt.strip_prefix("__Secure-") == Some(name)
                || name.strip_prefix("__Secure-") == Some(salt.as_str());
            if secure_flip {
                format!(
                        "this token was sealed for cookie `{salt}` but arrived as `{name}`: your \
                         app's secure-cookie setting differs between writer and reader (check \
                         AUTH_URL/NEXTAUTH_URL scheme, useSecureCookies, and getToken's secureCookie)"
                    )
            } else if Family::of(name) == Family::NextAuth && Family::of(salt) == Family::AuthJs {
                format!(
                    "this is an Auth.js v5 token sealed for cookie `{salt}`, but it arrived as \
                         `{name}` (a next-auth v3/v4 name): a v4 reader cannot decode v5 tokens; \
                         read it as `{salt}`"
                )
            } else {
                format!(
                        "this token was sealed for cookie `{salt}` but is read as `{name}`: Auth.js \
                         salts the key with the cookie name, so writer and reader must use the same \
                         name (pass --salt {salt} to confirm)"
                    )
            }
        }
        (Derivation::Authjs { salt, .. }, _) => format!(
            "it opens with salt `{salt}`, not the salt given: pass --salt {salt} (getToken's \
                 `salt` must equal the session cookie name the server writes)"
        ),
        _ => format!("it opens as {}", format.label()),
    }
}

/// Explain a JWE that opened under no derivation with any of `secret_count` secrets.
pub(super) fn failure(
    options: &Options,
    enc: &str,
    carried: Option<&str>,
    secret_count: usize,
) -> String {
    let names = match (&options.salt, carried) {
        (Some(s), _) => format!("salt `{s}`"),
        (None, Some(n)) => format!("cookie `{n}`"),
        (None, None) => format!("cookies `{AUTHJS_COOKIE}` and `{AUTHJS_SECURE_COOKIE}`"),
    };
    let what = if enc == "A256CBC-HS512" {
        format!("Auth.js v5 derivation for {names}")
    } else if options.salt.is_none() {
        format!(
            "next-auth v4 (unsalted; pass --salt if the app gives encode/decode a `salt`) and \
                 Auth.js derivations ({names})"
        )
    } else {
        format!("next-auth v4 and Auth.js derivations ({names})")
    };
    format!(
        "tried the {what} with {secret_count} secret(s): the token was sealed with another secret, was \
             altered, or (if chunked) is incomplete — check NEXTAUTH_SECRET/AUTH_SECRET on the \
             server and that every .N chunk was copied"
    )
}

/// What to do when no secret was given.
pub(super) const NO_SECRET: &str =
    "pass --secret-file/--secret-stdin/--secret, or set NEXTAUTH_SECRET / AUTH_SECRET as the app does";

/// What to do about a chunk set the libraries would join into a broken token; `alone` is
/// the status of the token the good chunks form by themselves.
pub(super) fn chunk_defect(defect: ChunkDefect, alone: Status) -> String {
    match defect {
        ChunkDefect::Missing => "copy every .N chunk of the session cookie (a browser sends them \
                                 all; a truncated copy or a cookie dropped for size loses one)"
            .to_string(),
        ChunkDefect::StalePlain | ChunkDefect::Foreign => {
            let joined = match alone {
                Status::Valid => "the chunks alone form a valid token".to_string(),
                other => format!("the chunks alone are {}", other.as_str()),
            };
            format!(
                "delete the extra cookie(s) named in the warnings ({joined}); signing out and in \
                 again also clears them"
            )
        }
    }
}
