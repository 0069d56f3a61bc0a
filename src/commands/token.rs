//! `nextauth-inspect token`: find the token in the input the user has (argument, stdin,
//! Cookie header, cookie jar, Authorization header) and inspect it.

use std::io::{BufRead, IsTerminal, Read};

use anyhow::Context as _;

use super::{load_secrets, now, UsageError};
use crate::cli::TokenArgs;
use crate::cookies::{self, jar::Jar, Cookie};
use crate::report::{Source, Status, TokenReport};
use crate::token::shape::MAX_TOKEN_BYTES;
use crate::token::{Input, Inspector, Options};

/// The report, plus notes for stderr that are not part of it.
#[derive(Debug)]
pub struct Outcome {
    pub report: TokenReport,
    pub notes: Vec<String>,
}

/// What the input held.
enum Found {
    Token(Input),
    /// No token: the report says why.
    Nothing {
        source: Source,
        reason: String,
        hint: String,
        warnings: Vec<String>,
    },
}

/// Run the `token` subcommand.
pub fn run(args: &TokenArgs) -> anyhow::Result<Outcome> {
    let now = now(args.now);
    if args.input.is_some() {
        return Err(UsageError("--input reads a batch: add --batch".into()).into());
    }
    if args.cookie_jar.is_none() && (args.url.is_some() || args.domain.is_some()) {
        return Err(UsageError(
            "--url and --domain pick a site in a --cookie-jar; pass --cookie-jar FILE".into(),
        )
        .into());
    }
    let reads_stdin = args.cookie.is_none()
        && args.cookie_jar.is_none()
        && args.token.as_deref().is_none_or(|t| t == "-");
    if reads_stdin && args.secrets.secret_stdin {
        return Err(UsageError(
            "--secret-stdin and a token on stdin cannot share standard input: pass the token \
             as an argument, with --cookie or --cookie-jar"
                .into(),
        )
        .into());
    }
    let secrets = load_secrets(&args.secrets)?;
    let found = find(args, now)?;
    let report = match found {
        Found::Token(input) => Inspector::new(&secrets.list, options(args, now)).inspect(&input),
        Found::Nothing {
            source,
            reason,
            hint,
            warnings,
        } => {
            let mut r = TokenReport::new(Status::Null, source, now);
            r.error = Some(reason);
            r.hint = Some(hint);
            r.warnings = warnings;
            r
        }
    };
    Ok(Outcome {
        report,
        notes: secrets.notes,
    })
}

/// How to judge tokens, from the flags `token` and `token --batch` share.
pub(super) fn options(args: &TokenArgs, now: i64) -> Options {
    Options {
        format: args.format,
        salt: args.names.salt.clone(),
        cookie_name: args.names.cookie_name.clone(),
        leeway: args.leeway,
        v3_max_age: args.max_age,
        now,
    }
}

fn find(args: &TokenArgs, now: i64) -> anyhow::Result<Found> {
    let wanted = args.names.cookie_name.as_deref();
    if let Some(header) = &args.cookie {
        if header.len() > 4 * MAX_TOKEN_BYTES {
            return Err(UsageError(
                "the --cookie header is over 4 MiB; pass only the Cookie header".into(),
            )
            .into());
        }
        let cookies = cookies::header::parse(header);
        return from_cookies(&cookies, wanted, "cookie-header", Vec::new());
    }
    if let Some(path) = &args.cookie_jar {
        let jar = Jar::load(path)?;
        let (cookies, warnings) = jar_cookies(&jar, args, now)?;
        return from_cookies(&cookies, wanted, "cookie-jar", warnings);
    }
    let (text, kind) = match args.token.as_deref() {
        Some(t) if t != "-" => (t.to_string(), "argument"),
        _ => (read_stdin()?, "stdin"),
    };
    if kind == "stdin" && text.trim().is_empty() {
        return Ok(Found::Nothing {
            source: Source {
                kind: kind.into(),
                ..Source::default()
            },
            reason: "standard input held no token".into(),
            hint: "pipe the cookie value in, or pass it as an argument".into(),
            warnings: Vec::new(),
        });
    }
    Ok(Found::Token(Input::from_text(&text, kind)))
}

fn read_stdin() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(UsageError(
            "no token given: pass TOKEN, --cookie, --cookie-jar, or pipe the token on stdin".into(),
        )
        .into());
    }
    let mut reader = stdin.lock();
    // Leading blank lines must not pull an oversized token under the cap, so they are
    // skipped before counting — up to about MAX_TOKEN_BYTES of them, so `yes ' ' |` ends.
    let mut skipped = 0;
    loop {
        let buf = reader
            .fill_buf()
            .context("cannot read the token from standard input")?;
        let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let done = buf.is_empty() || blank < buf.len() || skipped + blank >= MAX_TOKEN_BYTES;
        reader.consume(blank);
        skipped += blank;
        if done {
            break;
        }
    }
    let mut bytes = Vec::new();
    reader
        .take(MAX_TOKEN_BYTES as u64 + 2)
        .read_to_end(&mut bytes)
        .context("cannot read the token from standard input")?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The jar cookies of the site the user picked (or of the only site that has a session).
fn jar_cookies(
    jar: &Jar,
    args: &TokenArgs,
    now: i64,
) -> anyhow::Result<(Vec<Cookie>, Vec<String>)> {
    if let Some(url) = &args.url {
        let url = url::Url::parse(url).map_err(|e| {
            UsageError(format!(
                "--url `{url}` is not a URL ({e}); write e.g. https://app.example.com"
            ))
        })?;
        let selection = jar.select(&url, now);
        return Ok((selection.cookies(), Vec::new()));
    }
    let sites = jar.session_domains(args.names.cookie_name.as_deref());
    let domain = match (&args.domain, sites.as_slice()) {
        (Some(d), _) => d.clone(),
        (None, []) => return Ok((Vec::new(), Vec::new())),
        (None, [one]) => one.clone(),
        (None, many) => {
            return Err(UsageError(format!(
            "the jar has session cookies for several sites ({}); pick one with --url or --domain",
            many.join(", ")
        ))
            .into())
        }
    };
    let cookies = jar.select_site(&domain)?;
    Ok((cookies.iter().map(|c| c.to_cookie()).collect(), Vec::new()))
}

fn from_cookies(
    cookies: &[Cookie],
    wanted: Option<&str>,
    kind: &str,
    mut warnings: Vec<String>,
) -> anyhow::Result<Found> {
    let source = Source {
        kind: kind.into(),
        ..Source::default()
    };
    let found =
        cookies::find_session_cookie(cookies, wanted).map_err(|e| UsageError(e.to_string()))?;
    match found {
        Some(session) => {
            warnings.extend(session.warnings.clone());
            Ok(Found::Token(Input {
                token: session.value.clone(),
                source: Source {
                    cookie_name: Some(session.name.clone()),
                    chunks: session.chunks,
                    ..source
                },
                warnings,
                chunk_defect: session.defect,
            }))
        }
        None => {
            let names: Vec<&str> = cookies.iter().map(|c| c.name.as_str()).collect();
            let looked_for = match wanted {
                Some(w) => format!("`{w}`"),
                None => "authjs.session-token, next-auth.session-token (with or without __Secure-)"
                    .into(),
            };
            Ok(Found::Nothing {
                source,
                reason: format!(
                    "no session cookie found (looked for {looked_for}); cookies present: {}",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
                hint: "sign in first, or pass --cookie-name if the app renames its session cookie"
                    .into(),
                warnings,
            })
        }
    }
}
