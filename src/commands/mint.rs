//! `nextauth-inspect mint`: seal a session token the app accepts and hand it over as a token,
//! a Cookie header, JSON, or session cookies in a Netscape jar — to seed e2e tests without a
//! sign-in flow.

use std::io::{IsTerminal, Read};
use std::path::Path;

use anyhow::Context as _;
use serde_json::{json, Map, Value};

use super::{load_secrets, now, UsageError};
use crate::cli::{MintArgs, MintOutput};
use crate::cookies::jar::{is_secure_origin, Jar, JarError};
use crate::cookies::{self, base_name, Cookie, V4_CHUNK_SIZE, V5_CHUNK_SIZE};
use crate::report::time;
use crate::token::seal::{self, SealError, SealFormat, SealOptions, Sealed};
use crate::token::{AUTHJS_COOKIE, AUTHJS_SECURE_COOKIE, NEXTAUTH_COOKIE, NEXTAUTH_SECURE_COOKIE};

/// Largest `--claims` document read; a session token's claims are a few KiB at most.
const MAX_CLAIMS_BYTES: u64 = 1024 * 1024;

/// Browsers drop a single cookie larger than this (name, value and attributes).
const BROWSER_COOKIE_LIMIT: usize = 4096;

/// What to print, plus notes for stderr (never a secret).
#[derive(Debug)]
pub struct Outcome {
    pub stdout: Option<String>,
    pub notes: Vec<String>,
}

/// Run the `mint` subcommand.
pub fn run(args: &MintArgs) -> anyhow::Result<Outcome> {
    let now = now(args.now);
    if args.max_age < 1 {
        return Err(usage("--max-age must be at least 1 second"));
    }
    if args.claims.as_deref() == Some("-") && args.secrets.secret_stdin {
        return Err(usage(
            "--claims - and --secret-stdin cannot share standard input: pass the claims as \
             JSON or @FILE",
        ));
    }
    let claims = read_claims(args.claims.as_deref())?;
    let cookie_name = cookie_name(args)?;
    let salt = salt(args, &cookie_name)?;
    let site = match (&args.cookie_jar, &args.url) {
        (Some(_), Some(url)) => Some(site_url(url, &cookie_name)?),
        _ => None,
    };

    let secrets = load_secrets(&args.secrets)?;
    let mut notes = secrets.notes.clone();
    let Some(secret) = secrets.list.first() else {
        return Err(usage(
            "no secret: mint seals the token with the app's secret. Pass --secret-file, \
             --secret-stdin or --secret, or set NEXTAUTH_SECRET / AUTH_SECRET as the app does",
        ));
    };
    if secrets.len() > 1 {
        notes.push(format!(
            "sealing with the first of {} secrets ({}), as the libraries encode with the first",
            secrets.len(),
            secret.origin
        ));
    }
    notes.extend(replaced_claims(&claims, args.format));
    if args.format == SealFormat::V5 && salt != cookie_name {
        notes.push(format!(
            "the salt `{salt}` differs from the cookie name `{cookie_name}`: the app decodes with \
             its session cookie name as the salt unless it passes the same salt to getToken"
        ));
    }

    let options = SealOptions {
        format: args.format,
        salt: salt.clone(),
        max_age: args.max_age,
        now,
    };
    let sealed = seal::seal(&claims, secret.bytes(), &options).map_err(|e| match e {
        SealError::Crypto(_) => anyhow::Error::new(e),
        other => usage(&other.to_string()),
    })?;
    let cookies = session_cookies(args.format, &cookie_name, &sealed.token);
    notes.extend(size_notes(args.format, &cookies));

    if let (Some(path), Some(url)) = (&args.cookie_jar, &site) {
        notes.push(write_jar(path, url, &cookies, &sealed, now)?);
    }
    let output = match (args.output, &args.cookie_jar) {
        (Some(o), _) => Some(o),
        (None, Some(_)) => None,
        (None, None) => Some(MintOutput::Token),
    };
    let stdout = output.map(|o| match o {
        MintOutput::Token => format!("{}\n", sealed.token),
        MintOutput::Cookie => format!("{}\n", cookies::header::build(&cookies)),
        MintOutput::Json => {
            let doc = to_json(args.format, &cookie_name, &salt, &sealed, &cookies, now);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("JSON values serialize")
            )
        }
    });
    Ok(Outcome { stdout, notes })
}

fn usage(message: &str) -> anyhow::Error {
    UsageError(message.to_string()).into()
}

/// `--claims`: inline JSON, `@FILE` or `-` (stdin); an object, as the libraries require.
fn read_claims(arg: Option<&str>) -> anyhow::Result<Map<String, Value>> {
    let (text, origin) = match arg {
        None => return Ok(Map::new()),
        Some("-") => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(usage(
                    "--claims - reads the claims from a pipe, but standard input is a terminal",
                ));
            }
            (
                read_limited(stdin.lock(), "standard input")?,
                "standard input".to_string(),
            )
        }
        Some(arg) => match arg.strip_prefix('@') {
            Some(path) => {
                let file = std::fs::File::open(path)
                    .with_context(|| format!("cannot read --claims file {path}"))?;
                (read_limited(file, path)?, path.to_string())
            }
            None => (arg.to_string(), "--claims".to_string()),
        },
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        usage(&format!(
            "the claims in {origin} are not JSON ({e}); pass an object such as \
             '{{\"sub\":\"1\",\"email\":\"alice@example.com\"}}'"
        ))
    })?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(usage(&format!(
            "the claims in {origin} are {}, but a session token's claims are a JSON object \
             such as '{{\"sub\":\"1\"}}'",
            kind(&other)
        ))),
    }
}

fn read_limited(reader: impl Read, origin: &str) -> anyhow::Result<String> {
    let mut text = String::new();
    reader
        .take(MAX_CLAIMS_BYTES + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("cannot read the claims from {origin} (UTF-8 JSON expected)"))?;
    if text.len() as u64 > MAX_CLAIMS_BYTES {
        return Err(usage(&format!(
            "the claims in {origin} are over 1 MiB; a session cookie holds a few KiB"
        )));
    }
    Ok(text)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Notes for claims the library's encode overwrites.
fn replaced_claims(claims: &Map<String, Value>, format: SealFormat) -> Vec<String> {
    let mut replaced = vec!["iat", "exp"];
    if matches!(format, SealFormat::V4 | SealFormat::V5) {
        replaced.push("jti");
    }
    replaced
        .into_iter()
        .filter(|k| claims.contains_key(*k))
        .map(|k| {
            format!(
                "`{k}` in the claims is replaced, as the library's encode does (set the clock \
                 with --now and the lifetime with --max-age)"
            )
        })
        .collect()
}

/// The session cookie name: `--cookie-name`, else the format's default (`__Secure-` with
/// `--secure`).
fn cookie_name(args: &MintArgs) -> anyhow::Result<String> {
    if let Some(name) = &args.names.cookie_name {
        let bad = |c: char| c == '=' || c == ';' || c == ',' || c.is_whitespace() || c.is_control();
        if name.is_empty() || name.contains(bad) || !name.is_ascii() {
            return Err(usage(&format!(
                "`{name}` is not a usable cookie name: it is empty or contains `=`, `;`, a comma, \
                 whitespace or non-ASCII characters"
            )));
        }
        if base_name(name) != name {
            return Err(usage(&format!(
                "`{name}` is a chunk name; pass the base name `{}` and mint chunks it when needed",
                base_name(name)
            )));
        }
        return Ok(name.clone());
    }
    Ok(match (args.format, args.secure) {
        (SealFormat::V5, false) => AUTHJS_COOKIE,
        (SealFormat::V5, true) => AUTHJS_SECURE_COOKIE,
        (_, false) => NEXTAUTH_COOKIE,
        (_, true) => NEXTAUTH_SECURE_COOKIE,
    }
    .to_string())
}

/// v5: `--salt`, else the cookie name (as Auth.js salts with it). v4: `--salt` (4.24's
/// option) or none. v3: none.
fn salt(args: &MintArgs, cookie_name: &str) -> anyhow::Result<String> {
    match (args.format, &args.names.salt) {
        (SealFormat::V3 | SealFormat::V3Encrypted, Some(_)) => {
            Err(usage(&SealError::SaltUnsupported.to_string()))
        }
        (_, Some(s)) if s.is_empty() => Err(usage(
            "--salt is empty; omit it to use the default (the cookie name for v5, none for v4)",
        )),
        (_, Some(s)) => Ok(s.clone()),
        (SealFormat::V5, None) => Ok(cookie_name.to_string()),
        _ => Ok(String::new()),
    }
}

/// The cookies a library would set for this token: chunked for v4/v5 as `SessionStore` does;
/// next-auth 3 never chunks.
fn session_cookies(format: SealFormat, name: &str, token: &str) -> Vec<Cookie> {
    match format {
        SealFormat::V3 | SealFormat::V3Encrypted => vec![Cookie::new(name, token)],
        SealFormat::V4 => cookies::chunk(name, token, V4_CHUNK_SIZE),
        SealFormat::V5 => cookies::chunk(name, token, V5_CHUNK_SIZE),
    }
}

fn size_notes(format: SealFormat, cookies: &[Cookie]) -> Vec<String> {
    let mut notes = Vec::new();
    let header = cookies::header::build(cookies).len();
    if cookies.len() > 1 {
        notes.push(format!(
            "the token is split into {} cookies ({}.0 … .{}), as the library chunks it",
            cookies.len(),
            base_name(&cookies[0].name),
            cookies.len() - 1
        ));
    } else if matches!(format, SealFormat::V3 | SealFormat::V3Encrypted)
        && header > BROWSER_COOKIE_LIMIT
    {
        notes.push(format!(
            "the cookie is {header} bytes: next-auth v3 does not chunk, and browsers drop cookies \
             over 4096 bytes; store less in the token"
        ));
    }
    if header > 16 * 1024 {
        notes.push(format!(
            "the cookies take {header} bytes, over Node's default 16 KiB header limit: the \
             server may answer 431; store less in the token"
        ));
    }
    notes
}

/// `--url` for the jar: an http(s) URL with a host, able to carry the cookie name.
fn site_url(text: &str, cookie_name: &str) -> anyhow::Result<url::Url> {
    let url = url::Url::parse(text).map_err(|e| {
        usage(&format!(
            "--url `{text}` is not a URL ({e}); write e.g. http://localhost:3000"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(usage(&format!(
            "--url `{text}` must be an http:// or https:// URL with a host"
        )));
    }
    if cookie_name.starts_with("__Secure-") && !is_secure_origin(&url) {
        return Err(usage(&format!(
            "`{cookie_name}` is a __Secure- cookie, which browsers and curl keep only for https \
             (or localhost) sites, and `{text}` is plain http: use the https URL, or drop \
             --secure"
        )));
    }
    Ok(url)
}

/// Put the session cookies for `url` into the jar at `path`: same-slot cookies are replaced in
/// place, other cookies of the same session name for that site (stale chunks, an old unchunked
/// cookie) are removed, every other line is kept. Returns a note for stderr.
fn write_jar(
    path: &Path,
    url: &url::Url,
    new: &[Cookie],
    sealed: &Sealed,
    now: i64,
) -> anyhow::Result<String> {
    let mut jar = match Jar::load(path) {
        Ok(jar) => jar,
        Err(JarError::Read { cause, .. }) if cause.kind() == std::io::ErrorKind::NotFound => {
            Jar::new()
        }
        Err(e) => return Err(e.into()),
    };
    let base = base_name(&new[0].name).to_string();
    let host = url.host_str().unwrap_or_default().to_string();
    let secure = url.scheme() == "https" || base.starts_with("__Secure-");
    let stale: Vec<_> = jar
        .select_site(url.as_str())?
        .into_iter()
        .filter(|c| base_name(&c.name) == base)
        .filter(|c| {
            let replaced = !c.include_subdomains
                && c.domain.eq_ignore_ascii_case(&host)
                && c.path == "/"
                && new.iter().any(|n| n.name == c.name);
            !replaced
        })
        .collect();
    for cookie in new {
        let header = format!(
            "{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
            cookie.name,
            cookie.value,
            sealed.exp.saturating_sub(now),
            if secure { "; Secure" } else { "" }
        );
        jar.apply_set_cookie(url, &header, now)
            .with_context(|| format!("cannot store `{}` for {host}", cookie.name))?;
    }
    let mut removed = Vec::new();
    for c in &stale {
        let mut header = format!("{}=; Max-Age=0; Path={}", c.name, c.path);
        if c.include_subdomains {
            header.push_str(&format!("; Domain={}", c.domain));
        }
        if c.name.starts_with("__Secure-") || c.name.starts_with("__Host-") {
            header.push_str("; Secure");
        }
        if jar.apply_set_cookie(url, &header, now).is_ok() {
            removed.push(format!("`{}`", c.name));
        }
    }
    jar.save_atomic(path)?;
    let mut note = format!(
        "wrote `{base}`{} for {host} to {}, expiring {}",
        if new.len() > 1 {
            format!(" ({} chunks)", new.len())
        } else {
            String::new()
        },
        path.display(),
        time::rfc3339(sealed.exp)
    );
    if !removed.is_empty() {
        note.push_str(&format!("; removed stale {}", removed.join(", ")));
    }
    Ok(note)
}

fn to_json(
    format: SealFormat,
    cookie_name: &str,
    salt: &str,
    sealed: &Sealed,
    cookies: &[Cookie],
    now: i64,
) -> Value {
    json!({
        "format": format.as_str(),
        "token": sealed.token,
        "cookie_name": cookie_name,
        "salt": (!salt.is_empty()).then_some(salt),
        "chunks": cookies.len(),
        "cookies": cookies
            .iter()
            .map(|c| json!({"name": c.name, "value": c.value}))
            .collect::<Vec<_>>(),
        "cookie_header": cookies::header::build(cookies),
        "iat": now,
        "exp": sealed.exp,
        "expires_at": time::rfc3339(sealed.exp),
        "claims": sealed.claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_must_be_an_object() {
        assert!(read_claims(None).unwrap().is_empty());
        assert_eq!(read_claims(Some(r#"{"a":1}"#)).unwrap()["a"], 1);
        for bad in ["[1]", "\"x\"", "null", "{", ""] {
            let e = read_claims(Some(bad)).unwrap_err();
            assert!(e.downcast_ref::<UsageError>().is_some(), "{bad}");
        }
    }

    #[test]
    fn replaced_claims_are_noted() {
        let claims: Map<String, Value> =
            serde_json::from_str(r#"{"exp":1,"jti":"x","sub":"1"}"#).unwrap();
        assert_eq!(replaced_claims(&claims, SealFormat::V3).len(), 1);
        assert_eq!(replaced_claims(&claims, SealFormat::V5).len(), 2);
    }

    #[test]
    fn v3_never_chunks() {
        let token = "a".repeat(10_000);
        assert_eq!(session_cookies(SealFormat::V3, "n", &token).len(), 1);
        assert_eq!(session_cookies(SealFormat::V4, "n", &token).len(), 3);
        assert!(size_notes(
            SealFormat::V3,
            &session_cookies(SealFormat::V3, "n", &token)
        )[0]
        .contains("does not chunk"));
    }
}
