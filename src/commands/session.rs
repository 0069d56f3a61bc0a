//! `nextauth-inspect session`: pick the cookies a browser would send, decode the session
//! cookie locally when a secret is at hand, probe the endpoint, judge and explain the answer,
//! and optionally write the Set-Cookie changes back to a jar.

use std::path::Path;

use reqwest::header::{HeaderName, HeaderValue};

use super::{load_secrets, now, UsageError};
use crate::cli::{AssertArgs, SessionArgs};
use crate::cookies::{self, is_session_cookie_name, jar::Jar, Cookie};
use crate::report::session::{SessionReport, SessionStatus};
use crate::report::Source;
use crate::session::expect::{self, Expectations};
use crate::session::probe::{self, Exchange, Request};
use crate::session::verdict::{self, SetCookieSummary};
use crate::session::{
    diagnosis, endpoint, Answer, Evidence, HeldSession, JarEvidence, SentSession,
};
use crate::token::{Input, Inspector, Options};

/// The report, plus lines for stderr that are not part of it.
#[derive(Debug)]
pub struct Outcome {
    pub report: SessionReport,
    /// Informational (suppressed by --quiet).
    pub notes: Vec<String>,
    /// Printed even with --quiet (e.g. --insecure).
    pub warnings: Vec<String>,
}

/// A `name=value` pair as the user wrote it (the raw value is sent unchanged).
struct RawPair {
    name: String,
    raw: String,
}

/// Run the `session` subcommand.
pub fn run(args: &SessionArgs) -> anyhow::Result<Outcome> {
    let jar = match &args.cookie_jar {
        Some(path) => Some(Jar::load(path)?),
        None => None,
    };
    let keeps_jar = args.update_jar || args.save_jar.is_some();
    let Checked {
        mut outcome,
        url,
        set_cookies,
    } = check(args, jar.as_ref(), keeps_jar, None)?;
    if let (Some(set_cookies), true) = (set_cookies, keeps_jar) {
        let target = match (&args.save_jar, &args.cookie_jar) {
            (Some(path), _) => path.as_path(),
            (None, Some(path)) => path.as_path(),
            (None, None) => unreachable!("clap requires --cookie-jar with --update-jar"),
        };
        let mut jar = jar.unwrap_or_default();
        let now = outcome.report.now;
        apply_set_cookies(&mut jar, &url, &set_cookies, now, &mut outcome.report);
        save(&jar, target, args.update_jar, &outcome.report)?;
    }
    Ok(outcome)
}

/// One probe and its report, with what the server set.
pub struct Checked {
    pub outcome: Outcome,
    /// The session endpoint.
    pub url: url::Url,
    /// The answer's Set-Cookie headers; `None` when no HTTP answer came.
    pub set_cookies: Option<Vec<String>>,
}

/// Probe the session endpoint with `jar` (instead of `args.cookie_jar`, which is not read)
/// and judge the answer, assertions included. Shared by `session` and `login`; `jar_kept`
/// says the caller stores the answer's Set-Cookie in `jar` itself (`login` does), and
/// `client`, when given, is used instead of building another (`login` passes its own).
pub fn check(
    args: &SessionArgs,
    jar: Option<&Jar>,
    jar_kept: bool,
    client: Option<&reqwest::blocking::Client>,
) -> anyhow::Result<Checked> {
    let now = now(args.now);
    let url = endpoint(&args.url, &args.base_path).map_err(|e| UsageError(e.to_string()))?;
    if args.http.timeout.is_zero() {
        return Err(UsageError("--timeout must be more than 0 seconds".into()).into());
    }
    let (headers, mut header_cookies) = parse_headers(&args.http.headers)?;
    if let Some(c) = &args.cookie {
        header_cookies.insert(0, c.clone());
    }
    let header_pairs: Vec<RawPair> = header_cookies.iter().flat_map(|h| raw_pairs(h)).collect();

    let mut warnings: Vec<String> = jar
        .iter()
        .flat_map(|j| j.warnings())
        .map(|w| w.to_string())
        .collect();

    // The cookies to send: the header's first, then the jar's that the header does not name.
    let mut sent_raw: Vec<String> = header_pairs.iter().map(|p| p.raw.clone()).collect();
    let mut decoded: Vec<Cookie> = header_pairs
        .iter()
        .flat_map(|p| cookies::header::parse(&p.raw))
        .collect();
    let mut names: Vec<String> = header_pairs.iter().map(|p| p.name.clone()).collect();
    let mut overridden = Vec::new();
    let mut jar_evidence = None;
    if let Some(jar) = jar {
        let selection = jar.select(&url, now);
        for c in &selection.sent {
            if header_pairs.iter().any(|p| p.name == c.name) {
                overridden.push(c.name.clone());
                continue;
            }
            sent_raw.push(format!("{}={}", c.name, c.value));
            decoded.push(c.to_cookie());
            names.push(c.name.clone());
        }
        let wanted = args.names.cookie_name.as_deref();
        let is_session = |name: &str| is_session_cookie_name(name, wanted);
        jar_evidence = Some(JarEvidence {
            held_back: selection
                .held_back
                .iter()
                .filter(|h| is_session(&h.cookie.name))
                .map(|h| HeldSession {
                    name: h.cookie.name.clone(),
                    domain: h.cookie.domain.clone(),
                    path: h.cookie.path.clone(),
                    reason: h.reason.clone(),
                })
                .collect(),
            has_session_cookie: jar.cookies().any(|c| is_session(&c.name)),
        });
    }

    let found = cookies::find_session_cookie(&decoded, args.names.cookie_name.as_deref())
        .map_err(|e| UsageError(e.to_string()))?;
    let secrets = load_secrets(&args.secrets)?;
    let token = match (&found, secrets.list.is_empty()) {
        (Some(session), false) => {
            let mut options = Options::new(now);
            options.salt = args.names.salt.clone();
            options.cookie_name = args.names.cookie_name.clone();
            let input = Input {
                token: session.value.clone(),
                source: Source {
                    kind: "cookie-header".into(),
                    cookie_name: Some(session.name.clone()),
                    chunks: session.chunks,
                },
                warnings: Vec::new(),
                chunk_defect: session.defect,
            };
            Some(Inspector::new(&secrets.list, options).inspect(&input))
        }
        _ => None,
    };
    let evidence = Evidence {
        now,
        cookies_sent: names,
        overridden,
        session: found.map(|s| SentSession {
            name: s.name,
            chunks: s.chunks,
            defect: s.defect,
            warnings: s.warnings,
        }),
        jar: jar_evidence,
        jar_kept,
        cookie_name: args.names.cookie_name.clone(),
        secret_count: secrets.list.len(),
        token,
    };

    let mut alerts = Vec::new();
    if args.http.insecure {
        alerts.push(
            "--insecure: TLS certificates are NOT checked; anyone on the network path can read the session cookie"
                .to_string(),
        );
    }
    let request = Request {
        url: url.clone(),
        cookie_header: (!sent_raw.is_empty()).then(|| sent_raw.join("; ")),
        headers,
        timeout: args.http.timeout,
        insecure: args.http.insecure,
        retry: args.retry.policy(),
        client: client.cloned(),
    };
    let exchange = probe::run(&request)?;
    let mut report = build_report(
        &evidence,
        &exchange,
        url.as_str(),
        args.http.timeout.as_secs_f64(),
    );
    report.warnings.append(&mut warnings);
    if report.status == SessionStatus::Valid {
        report.assertions = expect::check(
            &expectations(&args.assert),
            report.user.as_ref(),
            report.expires_in_seconds,
        );
    }
    let set_cookies = match exchange.answer {
        Answer::Response(response) => Some(response.set_cookies),
        Answer::Failed(_) => None,
    };
    Ok(Checked {
        outcome: Outcome {
            report,
            notes: secrets.notes,
            warnings: alerts,
        },
        url,
        set_cookies,
    })
}

/// The assertions the flags ask for.
pub fn expectations(args: &AssertArgs) -> Expectations {
    Expectations {
        user: args.expect_user.clone(),
        min_ttl: args.min_ttl,
    }
}

/// The verdict, diagnosis and report for one exchange (pure).
pub fn build_report(
    evidence: &Evidence,
    exchange: &Exchange,
    url: &str,
    timeout_secs: f64,
) -> SessionReport {
    let verdict = verdict::judge(evidence, &exchange.answer, timeout_secs);
    let (http_status, set_cookies, redirect): (_, Vec<SetCookieSummary>, _) = match &exchange.answer
    {
        Answer::Response(r) => (
            Some(r.status),
            verdict::set_cookie_summaries(&r.set_cookies, evidence.now),
            r.location
                .clone()
                .filter(|_| (300..400).contains(&r.status)),
        ),
        Answer::Failed(_) => (None, Vec::new(), None),
    };
    let found = diagnosis::diagnose(evidence, &exchange.answer, &verdict, &set_cookies);
    let is_error = verdict.status == SessionStatus::Error;
    let reason = match (&found.cause, verdict.status) {
        (Some(cause), SessionStatus::Null) => format!("{}: {cause}", verdict.reason),
        _ => verdict.reason.clone(),
    };
    SessionReport {
        status: verdict.status,
        url: url.to_string(),
        http_status,
        user: verdict.user,
        expires: verdict.expires,
        expires_in_seconds: verdict.expires_in_seconds,
        cookies_sent: evidence.cookies_sent.clone(),
        set_cookies,
        redirect,
        token: evidence.token.clone(),
        error: is_error.then(|| reason.clone()),
        reason,
        hint: verdict.hint.or(found.hint),
        diagnosis: found.checks,
        warnings: Vec::new(),
        jar_changes: Vec::new(),
        assertions: Vec::new(),
        login: None,
        attempts: exchange.attempts,
        elapsed_ms: exchange.elapsed.as_millis() as u64,
        now: evidence.now,
    }
}

/// Applies the answer's Set-Cookie headers to `jar`, listing the changes in the report.
pub fn apply_set_cookies(
    jar: &mut Jar,
    url: &url::Url,
    set_cookies: &[String],
    now: i64,
    report: &mut SessionReport,
) {
    for header in set_cookies {
        match jar.apply_set_cookie(url, header, now) {
            Ok(change) => report.jar_changes.push(change.to_string()),
            Err(e) => report
                .warnings
                .push(format!("a Set-Cookie was not stored in the jar: {e}")),
        }
    }
}

fn save(
    jar: &Jar,
    target: &Path,
    only_if_changed: bool,
    report: &SessionReport,
) -> anyhow::Result<()> {
    if only_if_changed && report.jar_changes.is_empty() {
        return Ok(());
    }
    jar.save_atomic(target)?;
    Ok(())
}

/// `-H "Name: value"` headers; `Cookie:` ones are returned apart, to be merged and diagnosed.
pub type Headers = Vec<(HeaderName, HeaderValue)>;

pub fn parse_headers(raw: &[String]) -> anyhow::Result<(Headers, Vec<String>)> {
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    // A malformed -H is named by its position: its text may be a credential (`-H "$TOKEN"`,
    // `-H "Cookie=name=value"`), and values are never printed.
    for (i, h) in raw.iter().enumerate() {
        let Some((name, value)) = h.split_once(':') else {
            return Err(UsageError(format!(
                "-H number {} is not `Name: value` (no colon)",
                i + 1
            ))
            .into());
        };
        let name = name.trim();
        let value = value.trim();
        if name.eq_ignore_ascii_case("cookie") {
            cookies.push(value.to_string());
            continue;
        }
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            UsageError(format!(
                "-H number {}: the part before the colon is not a valid header name",
                i + 1
            ))
        })?;
        let mut header_value = HeaderValue::from_str(value).map_err(|_| {
            UsageError(format!(
                "-H {name}: the value has characters a header cannot carry"
            ))
        })?;
        header_value.set_sensitive(true);
        headers.push((header_name, header_value));
    }
    Ok((headers, cookies))
}

/// Splits a Cookie header into pairs, keeping each value as written.
fn raw_pairs(header: &str) -> Vec<RawPair> {
    crate::cookies::header::raw_pairs(header)
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, value)| RawPair {
            name: name.to_string(),
            raw: format!("{name}={value}"),
        })
        .collect()
}
