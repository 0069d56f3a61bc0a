//! Opening a session token: decide its shape, pick candidate key derivations from the
//! header, open it with the configured secrets, judge its times, and explain failures.
//!
//! [`Inspector`] keeps derived keys (and v5 `kid` thumbprints) for its lifetime, so a batch
//! derives each (secret, derivation) key once.

mod cipher;
mod explain;
mod input;
pub mod kdf;
pub mod open;
pub mod seal;
pub mod shape;
pub mod timing;

use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::cookies::{ChunkDefect, Family};
use crate::report::{time, Format, Status, TokenReport, VerifiedWith};
use crate::secrets::Secret;
use kdf::Derivation;
use open::OpenError;
use shape::Shape;
use timing::{Rules, Verdict};

/// The v5 session cookie names, which are also the salts Auth.js uses by default.
pub const AUTHJS_COOKIE: &str = "authjs.session-token";
pub const AUTHJS_SECURE_COOKIE: &str = "__Secure-authjs.session-token";
pub const NEXTAUTH_COOKIE: &str = "next-auth.session-token";
pub const NEXTAUTH_SECURE_COOKIE: &str = "__Secure-next-auth.session-token";

pub use input::{FormatChoice, Input, Options};

/// One way to try to open a token.
#[derive(Debug, Clone)]
struct Candidate {
    secret: usize,
    derivation: Derivation,
    format: Format,
    /// The derivation's interned id: keys are cached by (secret, id) without hashing strings.
    id: usize,
}

/// Candidates the reader would use, and those only worth trying to explain a failure.
type CandidateSet = Rc<(Vec<Candidate>, Vec<Candidate>)>;

/// Opens tokens with a fixed set of secrets and options, caching derived keys.
pub struct Inspector<'a> {
    secrets: &'a [Secret],
    options: Options,
    keys: HashMap<(usize, usize), Zeroizing<Vec<u8>>>,
    thumbprints: HashMap<(usize, usize), String>,
    /// Every derivation seen so far; a candidate's `id` indexes this.
    derivations: Vec<Derivation>,
    /// Candidate sets by (enc, zipped, carried cookie name): a batch reuses a handful.
    sets: Vec<(String, bool, Option<String>, CandidateSet)>,
}

/// A successful opening.
struct Opened {
    candidate: Candidate,
    claims: Map<String, Value>,
    by_kid: bool,
}

impl<'a> Inspector<'a> {
    pub fn new(secrets: &'a [Secret], options: Options) -> Self {
        Inspector {
            secrets,
            options,
            keys: HashMap::new(),
            thumbprints: HashMap::new(),
            derivations: Vec::new(),
            sets: Vec::new(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    fn key(&mut self, c: &Candidate) -> &[u8] {
        let secrets = self.secrets;
        self.keys
            .entry((c.secret, c.id))
            .or_insert_with(|| c.derivation.derive(secrets[c.secret].bytes()))
    }

    fn kid_matches(&mut self, c: &Candidate, kid: &str) -> bool {
        if !self.thumbprints.contains_key(&(c.secret, c.id)) {
            let t = kdf::oct_thumbprint(self.key(c));
            self.thumbprints.insert((c.secret, c.id), t);
        }
        self.thumbprints[&(c.secret, c.id)] == kid
    }

    /// A candidate for `secret` under `derivation`, with the derivation interned.
    fn candidate(&mut self, secret: usize, derivation: Derivation, format: Format) -> Candidate {
        let id = match self.derivations.iter().position(|d| *d == derivation) {
            Some(id) => id,
            None => {
                self.derivations.push(derivation.clone());
                self.derivations.len() - 1
            }
        };
        Candidate {
            secret,
            derivation,
            format,
            id,
        }
    }

    /// The candidate set for a JWE header and reader, built once per distinct combination.
    fn candidate_set(&mut self, enc: &str, zipped: bool, carried: Option<&str>) -> CandidateSet {
        let cached = self
            .sets
            .iter()
            .find(|(e, z, c, _)| e == enc && *z == zipped && c.as_deref() == carried);
        if let Some((_, _, _, set)) = cached {
            return Rc::clone(set);
        }
        let set = Rc::new(self.candidates(enc, zipped, carried));
        self.sets.push((
            enc.to_string(),
            zipped,
            carried.map(str::to_string),
            Rc::clone(&set),
        ));
        set
    }

    /// Inspect one token, as the server would see it.
    pub fn inspect(&mut self, input: &Input) -> TokenReport {
        let mut report = self.inspect_token(input);
        // Chunks that join into a non-token most likely lost their last part, which no
        // index gap reveals.
        let truncated = input.source.chunks > 1 && report.status == Status::Malformed;
        let defect = input
            .chunk_defect
            .or(truncated.then_some(ChunkDefect::Missing));
        if let Some(defect) = defect {
            let hint = explain::chunk_defect(defect, report.status);
            if let Some(e) = report.error.take() {
                report.warnings.push(e);
            }
            report.status = Status::Invalid;
            report.error = Some(format!("the server would not read this token: {defect}"));
            report.hint = Some(hint);
        }
        report
    }

    fn inspect_token(&mut self, input: &Input) -> TokenReport {
        let now = self.options.now;
        let mut report = TokenReport::new(Status::Malformed, input.source.clone(), now);
        report.warnings = input.warnings.clone();
        let token = input.token.trim();
        let shape = match shape::classify(token) {
            Ok(shape) => shape,
            Err(e) => {
                report.error = Some(e.to_string());
                report.hint = Some(
                    "expected a NextAuth session token (it starts with eyJ); copy the whole \
                     cookie value, or pass --cookie with the full Cookie header"
                        .into(),
                );
                return report;
            }
        };
        match shape {
            Shape::DatabaseSession => {
                report.format = Some(Format::DatabaseSession);
                report.error = Some(
                    "this is an opaque database-session token, not a JWT: only the server can \
                     judge it"
                        .into(),
                );
                report.hint = Some(
                    "check it against the live site with `nextauth-inspect session --url <site>`"
                        .into(),
                );
                report
            }
            Shape::Jws { header } => self.inspect_jws(token, header, report),
            Shape::Jwe { header } => self.inspect_jwe(token, header, input, report),
        }
    }

    /// The cookie name the token is read under (the reader's view).
    fn carried_name(&self, input: &Input) -> Option<String> {
        self.options
            .cookie_name
            .clone()
            .or_else(|| input.source.cookie_name.clone())
    }

    fn inspect_jws(
        &mut self,
        token: &str,
        header: Map<String, Value>,
        mut report: TokenReport,
    ) -> TokenReport {
        report.status = Status::Invalid;
        let alg = header
            .get("alg")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        report.header = Some(header.clone());
        // The payload of a JWS is readable without a key: show it, marked unverified.
        let payload = token.split('.').nth(1).and_then(shape::b64);
        let unverified = payload.as_deref().and_then(|p| shape::parse_object(p).ok());
        if payload.is_none() || unverified.is_none() {
            report.status = Status::Malformed;
            report.error = Some("the JWS payload is not base64url-encoded JSON".into());
            return report;
        }
        if let Some(reason) = reject_header(&header) {
            report.error = Some(reason);
            return report;
        }
        if alg != "HS512" {
            report.error = Some(if alg.eq_ignore_ascii_case("none") {
                "`alg: none` (an unsigned token) is never accepted".into()
            } else {
                format!("JWS algorithm `{alg}` is not accepted: next-auth v3 signs with HS512 only")
            });
            report.hint = Some(
                "no NextAuth version issues this token; it was forged or made by another system"
                    .into(),
            );
            report.claims = unverified;
            return report;
        }
        report.format = Some(Format::V3);
        if !self.options.format.allows(Format::V3) {
            report.error = Some("this is a next-auth v3 token (JWS HS512)".into());
            report.hint = Some("drop --format or pass --format v3".into());
            report.claims = unverified;
            return report;
        }
        if self.secrets.is_empty() {
            report.claims = unverified;
            let (iat, exp) = (report.claim_seconds("iat"), report.claim_seconds("exp"));
            set_times(&mut report, iat, exp);
            report.error = Some("no secret given: the signature was not checked".into());
            report.hint = Some(explain::NO_SECRET.into());
            return report;
        }
        for secret in 0..self.secrets.len() {
            let c = self.candidate(secret, Derivation::V3Signing, Format::V3);
            match open::verify_hs512(token, self.key(&c)) {
                Ok(claims) => {
                    let opened = Opened {
                        candidate: c,
                        claims,
                        by_kid: false,
                    };
                    return self.finish(report, opened, &header, None);
                }
                Err(OpenError::Signature) => continue,
                Err(e) => {
                    report.error = Some(e.to_string());
                    report.claims = unverified;
                    return report;
                }
            }
        }
        report.claims = unverified;
        report.error = Some(format!(
            "the HS512 signature does not match any of the {} secret(s) tried",
            self.secrets.len()
        ));
        report.hint = Some(
            "the token was signed with another secret, or altered; next-auth v3 has no \
             NEXTAUTH_SECRET default — use the `secret` option of the app"
                .into(),
        );
        report
    }

    fn inspect_jwe(
        &mut self,
        token: &str,
        header: Map<String, Value>,
        input: &Input,
        mut report: TokenReport,
    ) -> TokenReport {
        report.status = Status::Invalid;
        report.header = Some(header.clone());
        if let Some(reason) = reject_header(&header) {
            report.error = Some(reason);
            return report;
        }
        let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
        let enc = header.get("enc").and_then(Value::as_str).unwrap_or("");
        let zip = header.get("zip");
        if alg != "dir" {
            report.error = Some(format!(
                "JWE key management `{alg}` is not accepted: NextAuth and Auth.js use `dir` only"
            ));
            return report;
        }
        if enc != "A256GCM" && enc != "A256CBC-HS512" {
            report.error = Some(format!(
                "JWE content encryption `{enc}` is not accepted: NextAuth uses A256GCM, Auth.js \
                 A256CBC-HS512 or A256GCM"
            ));
            return report;
        }
        match zip {
            Some(Value::String(z)) if z == "DEF" && enc == "A256GCM" => {}
            Some(z) => {
                report.error = Some(format!(
                    "JWE compression {z} with {enc} is not accepted: only next-auth v3 compresses \
                     (zip DEF with A256GCM)"
                ));
                return report;
            }
            None => {}
        }
        let carried = self.carried_name(input);
        let set = self.candidate_set(enc, zip.is_some(), carried.as_deref());
        let (primary, diagnostic) = (&set.0, &set.1);
        report.format = primary.first().or(diagnostic.first()).map(|c| c.format);
        if self.secrets.is_empty() {
            report.error = Some("no secret given: an encrypted token cannot be opened".into());
            report.hint = Some(explain::NO_SECRET.into());
            return report;
        }
        let kid = header.get("kid").and_then(Value::as_str);
        let opened = match kid {
            Some(kid) => self.open_by_kid(token, kid, primary, diagnostic, &mut report),
            None => self.open_by_trial(token, primary, diagnostic),
        };
        match opened {
            Ok((opened, is_primary)) => {
                let mismatch = if is_primary {
                    None
                } else {
                    Some(explain::mismatch(
                        &self.options,
                        &opened.candidate.derivation,
                        opened.candidate.format,
                        opened.candidate.secret,
                        carried.as_deref(),
                    ))
                };
                if kid.is_none()
                    && opened.candidate.format == Format::V5
                    && opened.candidate.secret > 0
                {
                    report.warnings.push(format!(
                        "opened with secret #{} but this token has no kid: Auth.js decodes such \
                         tokens with its first secret only, so the app itself would reject it",
                        opened.candidate.secret + 1
                    ));
                }
                self.finish(report, opened, &header, mismatch)
            }
            Err(error) => {
                if report.error.is_none() {
                    report.error = Some(error);
                }
                if report.hint.is_none() {
                    report.hint = Some(explain::failure(
                        &self.options,
                        enc,
                        carried.as_deref(),
                        self.secrets.len(),
                    ));
                }
                report
            }
        }
    }

    /// Candidate derivations for a JWE header: those the reader would use (primary) and
    /// those only worth trying to explain a failure (diagnostic).
    fn candidates(
        &mut self,
        enc: &str,
        zipped: bool,
        carried: Option<&str>,
    ) -> (Vec<Candidate>, Vec<Candidate>) {
        let mut derivations: Vec<(Derivation, Format, bool)> = Vec::new();
        let family = carried.map(Family::of);
        let primary_salts: Vec<String> = match (&self.options.salt, carried) {
            (Some(s), _) => vec![s.clone()],
            (None, Some(name)) => vec![name.to_string()],
            (None, None) => vec![AUTHJS_COOKIE.into(), AUTHJS_SECURE_COOKIE.into()],
        };
        let mut other_salts: Vec<String> = Vec::new();
        for s in [
            Some(AUTHJS_COOKIE),
            Some(AUTHJS_SECURE_COOKIE),
            Some(NEXTAUTH_COOKIE),
            Some(NEXTAUTH_SECURE_COOKIE),
            carried,
            self.options.cookie_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            if !primary_salts.iter().any(|p| p == s) && !other_salts.iter().any(|p| p == s) {
                other_salts.push(s.to_string());
            }
        }
        if zipped {
            derivations.push((Derivation::V3Encryption, Format::V3Encrypted, true));
        } else if enc == "A256GCM" {
            let v4_ok = family != Some(Family::AuthJs);
            derivations.push((
                Derivation::V4 {
                    salt: String::new(),
                },
                Format::V4,
                v4_ok,
            ));
            if let Some(salt) = &self.options.salt {
                derivations.push((Derivation::V4 { salt: salt.clone() }, Format::V4, v4_ok));
            }
            derivations.extend(authjs(&primary_salts, 32, true));
            derivations.push((Derivation::AuthjsUnsalted, Format::AuthjsUnsalted, true));
            derivations.extend(authjs(&other_salts, 32, false));
        } else {
            derivations.extend(authjs(&primary_salts, 64, true));
            derivations.extend(authjs(&other_salts, 64, false));
        }
        let (mut primary, mut diagnostic) = (Vec::new(), Vec::new());
        for (derivation, format, wanted) in derivations {
            let allowed = wanted && self.options.format.allows(format);
            for secret in 0..self.secrets.len() {
                let c = self.candidate(secret, derivation.clone(), format);
                if allowed {
                    primary.push(c);
                } else {
                    diagnostic.push(c);
                }
            }
        }
        (primary, diagnostic)
    }

    /// Auth.js names its key in `kid` (a JWK thumbprint), so the matching secret is found
    /// without trial decryption; a `kid` matching nothing is reported, never worked around.
    fn open_by_kid(
        &mut self,
        token: &str,
        kid: &str,
        primary: &[Candidate],
        diagnostic: &[Candidate],
        report: &mut TokenReport,
    ) -> Result<(Opened, bool), String> {
        for (list, is_primary) in [(primary, true), (diagnostic, false)] {
            for c in list
                .iter()
                .filter(|c| matches!(c.derivation, Derivation::Authjs { .. }))
            {
                if !self.kid_matches(c, kid) {
                    continue;
                }
                return match self.open(token, c) {
                    Ok(claims) => Ok((
                        Opened {
                            candidate: c.clone(),
                            claims,
                            by_kid: true,
                        },
                        is_primary,
                    )),
                    Err(e) => {
                        report.hint = Some(
                            "the key id matches, so the secret and salt are right: the token was \
                             altered after it was sealed (or truncated — check all chunks were copied)"
                                .into(),
                        );
                        Err(format!(
                            "the kid matches secret #{}{}, but {e}",
                            c.secret + 1,
                            c.derivation
                                .salt()
                                .map(|s| format!(" with salt `{s}`"))
                                .unwrap_or_default()
                        ))
                    }
                };
            }
        }
        let salts: Vec<String> = primary
            .iter()
            .filter_map(|c| c.derivation.salt().map(str::to_string))
            .fold(Vec::new(), |mut v, s| {
                if !v.contains(&s) {
                    v.push(s);
                }
                v
            });
        report.hint = Some(format!(
            "the token was sealed with a secret you did not give (or for another cookie name): \
             check AUTH_SECRET on the server, add rotated secrets with more --secret flags, or \
             pass --cookie-name/--salt if the app renames its session cookie{}",
            if salts.is_empty() {
                String::new()
            } else {
                format!(" (salts tried: {})", salts.join(", "))
            }
        ));
        Err(format!(
            "no secret matches the token's key id (kid): none of the {} secret(s) derives it",
            self.secrets.len()
        ))
    }

    fn open_by_trial(
        &mut self,
        token: &str,
        primary: &[Candidate],
        diagnostic: &[Candidate],
    ) -> Result<(Opened, bool), String> {
        let mut last_error = None;
        for (list, is_primary) in [(primary, true), (diagnostic, false)] {
            for c in list {
                match self.open(token, c) {
                    Ok(claims) => {
                        return Ok((
                            Opened {
                                candidate: c.clone(),
                                claims,
                                by_kid: false,
                            },
                            is_primary,
                        ))
                    }
                    Err(OpenError::Decrypt) => {}
                    Err(e) => last_error = Some(e.to_string()),
                }
            }
        }
        Err(last_error.unwrap_or_else(|| {
            format!(
                "decryption failed with every secret ({}) and key derivation tried",
                self.secrets.len()
            )
        }))
    }

    /// Decrypt (and for v3, inflate and verify the inner JWS) with one candidate.
    fn open(&mut self, token: &str, c: &Candidate) -> Result<Map<String, Value>, OpenError> {
        let plaintext = open::decrypt_dir(token, self.key(c))?;
        if c.format == Format::V3Encrypted {
            let inner = open::inflate(&plaintext)?;
            let inner = std::str::from_utf8(&inner)
                .map_err(|_| OpenError::JwsFormat("the inner token is not text".into()))?;
            let signing = self.candidate(c.secret, Derivation::V3Signing, Format::V3);
            return open::verify_hs512(inner.trim(), self.key(&signing));
        }
        shape::parse_object(&plaintext).map_err(|_| {
            OpenError::JwsFormat("the decrypted payload is not a JSON claims set".into())
        })
    }

    /// Fill the report from an opened token; `mismatch` is set when the token only opened
    /// under a derivation the reader would not use.
    fn finish(
        &mut self,
        mut report: TokenReport,
        opened: Opened,
        header: &Map<String, Value>,
        mismatch: Option<String>,
    ) -> TokenReport {
        let c = &opened.candidate;
        report.format = Some(c.format);
        report.verified_with = Some(VerifiedWith {
            secret_index: c.secret + 1,
            secret_count: self.secrets.len(),
            secret_source: self.secrets[c.secret].origin.clone(),
            salt: c.derivation.salt().map(str::to_string),
            alg: header
                .get("alg")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            enc: header
                .get("enc")
                .and_then(Value::as_str)
                .map(str::to_string),
            by_kid: opened.by_kid,
        });
        let leeway = self.options.leeway.unwrap_or(match c.format {
            Format::V3 | Format::V3Encrypted => timing::V3_LEEWAY,
            _ => timing::LIBRARY_LEEWAY,
        });
        let max_token_age =
            matches!(c.format, Format::V3 | Format::V3Encrypted).then_some(self.options.v3_max_age);
        let t = timing::judge(
            &opened.claims,
            Rules {
                now: self.options.now,
                leeway,
                max_token_age,
            },
        );
        report.claims = Some(opened.claims);
        report.claims_verified = true;
        set_times(&mut report, t.issued_at, t.expires_at);
        if let Some(hint) = mismatch {
            report.status = Status::Invalid;
            report.error = Some("the token does not open the way its reader would open it".into());
            report.hint = Some(hint);
            return report;
        }
        match t.verdict {
            Verdict::Current => {
                report.status = Status::Valid;
                if report.expires_at.is_none() {
                    report
                        .warnings
                        .push("the token has no \"exp\" claim: it never expires".into());
                }
            }
            Verdict::Expired(reason) => {
                report.status = Status::Expired;
                report.error = Some(format!("the token has expired: {reason}"));
                report.hint = Some("sign in again to get a fresh session cookie".into());
            }
            Verdict::Invalid(reason) => {
                report.status = Status::Invalid;
                report.error = Some(reason);
            }
        }
        report
    }
}

/// The Auth.js v5 derivation for each of `salts`, with a key of `len` bytes; `wanted` is
/// whether the reader would use it (see [`Inspector::candidates`]).
fn authjs(
    salts: &[String],
    len: usize,
    wanted: bool,
) -> impl Iterator<Item = (Derivation, Format, bool)> + '_ {
    salts.iter().map(move |s| {
        let salt = s.clone();
        (Derivation::Authjs { salt, len }, Format::V5, wanted)
    })
}

/// Header members that are refused whatever the algorithm (RFC 8725 §3.1; `crit` names
/// extensions this tool cannot honour, so RFC 7515 §4.1.11 requires rejection).
fn reject_header(header: &Map<String, Value>) -> Option<String> {
    if header.contains_key("crit") {
        return Some("the header has a `crit` member: critical extensions are not supported, so the token is rejected".into());
    }
    match header.get("alg") {
        Some(Value::String(_)) => None,
        _ => Some("the header has no string `alg` member".into()),
    }
}

fn set_times(report: &mut TokenReport, iat: Option<i64>, exp: Option<i64>) {
    report.issued_at = iat.map(time::rfc3339);
    report.expires_at = exp.map(time::rfc3339);
    report.expires_in_seconds = exp.map(|e| e.saturating_sub(report.now));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_values_are_unwrapped_and_decoded() {
        let i = Input::from_text("  Bearer abc%2Edef ", "argument");
        assert_eq!(i.token, "abc.def");
        assert_eq!(i.source.kind, "authorization-header");
        let i = Input::from_text("Authorization: bearer x", "argument");
        assert_eq!(i.token, "x");
    }

    #[test]
    fn alg_none_is_invalid_even_without_secrets() {
        let token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
        let mut inspector = Inspector::new(&[], Options::new(0));
        let r = inspector.inspect(&Input::from_text(token, "argument"));
        assert_eq!(r.status, Status::Invalid);
        assert!(r.error.unwrap().contains("none"));
    }
}
