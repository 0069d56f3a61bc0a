//! `nextauth-inspect login`: sign in through a Credentials provider like `next-auth/react`
//! does (CSRF token, provider check, credentials POST), then probe the session with the
//! resulting cookies exactly as `session` does, and leave a curl-compatible jar.

use url::Url;

use super::session::{self, Outcome};
use super::{now, UsageError};
use crate::cli::{LoginArgs, OutputArgs, SessionArgs};
use crate::cookies::is_session_cookie_name;
use crate::cookies::jar::Jar;
use crate::login::fields::{self, Field};
use crate::login::flow::{Flow, Setup};
use crate::login::{self as signin, LoginSummary, ProviderCheck, Refusal, SignIn};
use crate::report::session::{SessionReport, SessionStatus};
use crate::session::probe::TransportError;
use crate::session::{endpoint, verdict, Answer, Evidence};

/// Run the `login` subcommand.
pub fn run(args: &LoginArgs) -> anyhow::Result<Outcome> {
    let now = now(args.now);
    let usage = |e: String| anyhow::Error::from(UsageError(e));
    let session_url = endpoint(&args.url, &args.base_path).map_err(|e| usage(e.to_string()))?;
    if args.http.timeout.is_zero() {
        return Err(usage("--timeout must be more than 0 seconds".into()));
    }
    let provider = args.provider.trim();
    if provider.is_empty() || provider.contains(['/', '?', '#']) {
        return Err(usage(format!(
            "--provider `{provider}` is not a provider id (e.g. credentials)"
        )));
    }
    let api = api_base(&session_url);
    let action = |name: &str| Url::parse(&format!("{api}/{name}")).expect("a URL plus a path");
    let callback_url = action(&format!("callback/{provider}"));
    let fields = fields::resolve(
        &args.fields,
        |var| std::env::var(var).ok(),
        |path| std::fs::read_to_string(path),
    )
    .map_err(|e| usage(e.to_string()))?;
    let (headers, extra_cookies) = session::parse_headers(&args.http.headers)?;
    let jar = match &args.cookie_jar {
        Some(path) if path.exists() => Jar::load(path)?,
        _ => Jar::new(),
    };

    let mut notes: Vec<String> = fields
        .iter()
        .filter(|f| f.literal && fields::looks_secret(&f.name))
        .map(|f| {
            format!(
                "-f {} on the command line is visible to other users of this machine (ps, \
                 /proc); prefer -f {0}=@FILE or -f {0}=env:VAR",
                f.name
            )
        })
        .collect();
    let mut warnings = Vec::new();
    if args.http.insecure {
        warnings.push(
            "--insecure: TLS certificates are NOT checked; anyone on the network path can read the credentials and the session cookie"
                .to_string(),
        );
    }
    let mut flow = Flow::new(Setup {
        timeout: args.http.timeout,
        insecure: args.http.insecure,
        headers,
        extra_cookies,
        jar,
        now,
    })?;
    let mut summary = LoginSummary {
        provider: provider.to_string(),
        callback_url: callback_url.to_string(),
        signed_in: false,
        http_status: None,
        redirect: None,
        error_code: None,
        fields: fields.iter().map(|f| f.name.clone()).collect(),
        cookies_set: Vec::new(),
        cookies_rejected: Vec::new(),
        cookie_jar: None,
    };
    let stop = |status, (reason, hint): (String, String), summary, flow: &Flow, notes| {
        let mut report = SessionReport::unprobed(status, session_url.as_str(), reason, now);
        report.hint = Some(hint);
        report.login = Some(with_cookies(summary, flow));
        Outcome {
            report,
            notes,
            warnings: warnings.clone(),
        }
    };
    let unreachable = |e: TransportError| {
        let v = verdict::judge(
            &Evidence::default(),
            &Answer::Failed(e),
            args.http.timeout.as_secs_f64(),
        );
        (v.reason, v.hint.unwrap_or_default())
    };

    // 1. The CSRF token, with its cookie; like the session check, retried while the site
    // starts (--retry), so a deploy that is still coming up does not fail the sign-in.
    let (answer, attempts) = flow.get_retrying(&action("csrf"), args.retry.policy());
    if attempts > 1 {
        notes.push(format!(
            "{} answered after {attempts} attempts",
            action("csrf")
        ));
    }
    let csrf = match answer {
        Ok(response) => signin::csrf_token(&response).map_err(|f| (f.reason, f.hint)),
        Err(e) => Err(unreachable(e)),
    };
    let csrf = match csrf {
        Ok(token) => token,
        Err(why) => return Ok(stop(SessionStatus::Error, why, summary, &flow, notes)),
    };

    // 2. The provider exists and takes credentials (no password goes to an OAuth route).
    match flow.get(&action("providers")) {
        Ok(response) => match signin::check_provider(&response, provider) {
            ProviderCheck::Credentials => {}
            ProviderCheck::Unreadable => notes.push(format!(
                "{} did not list the providers (HTTP {}); signing in anyway",
                action("providers"),
                response.status
            )),
            ProviderCheck::OtherType(kind) => {
                return Err(usage(format!(
                    "--provider {provider} is a `{kind}` provider; login signs in through \
                     credentials providers only (OAuth and e-mail sign-ins need a browser)"
                )))
            }
            ProviderCheck::Unknown(found) if found.is_empty() => {
                return Err(usage(format!(
                    "the app has no provider `{provider}`: {} lists none",
                    action("providers")
                )))
            }
            ProviderCheck::Unknown(found) => {
                return Err(usage(format!(
                    "the app has no provider `{provider}`; {} lists: {}. Pass --provider ID",
                    action("providers"),
                    found.join(", ")
                )))
            }
        },
        Err(e) => notes.push(format!(
            "could not list the providers ({}); signing in anyway",
            e.message
        )),
    }

    // 3. The credentials POST; v4 answers {url} for json=true, v5 for X-Auth-Return-Redirect.
    let body = form(&csrf, &fields, &site_url(&args.url, &api));
    let answer = flow.post_form(&callback_url, body, &[("X-Auth-Return-Redirect", "1")]);
    let response = match answer {
        Ok(response) => response,
        Err(e) => {
            let why = unreachable(e);
            return Ok(stop(SessionStatus::Error, why, summary, &flow, notes));
        }
    };
    summary.http_status = Some(response.status);
    match signin::judge_sign_in(&response, &callback_url) {
        SignIn::Accepted { redirect } => {
            summary.signed_in = true;
            summary.redirect = redirect;
        }
        SignIn::Refused {
            refusal,
            code,
            redirect,
        } => {
            let mut why = refusal.explain(&code);
            if refusal == Refusal::Csrf {
                if let Some((name, lost)) = flow
                    .cookies_rejected
                    .iter()
                    .find(|(n, _)| n.contains("csrf-token"))
                {
                    why.reason = format!(
                        "{}: its cookie `{name}` was not kept, so it never came back: {lost}",
                        why.reason
                    );
                }
            }
            summary.redirect = redirect;
            summary.error_code = Some(code);
            let why = (why.reason, why.hint);
            return Ok(stop(SessionStatus::Null, why, summary, &flow, notes));
        }
        SignIn::Failed { failure, redirect } => {
            summary.redirect = redirect;
            let why = (failure.reason, failure.hint);
            return Ok(stop(SessionStatus::Error, why, summary, &flow, notes));
        }
    }

    // 4. The session, judged exactly as `session` judges it.
    let checked = session::check(
        &session_args(args),
        Some(&flow.jar),
        true,
        Some(flow.client()),
    )?;
    if let Some(set_cookies) = &checked.set_cookies {
        flow.store(&checked.url, set_cookies);
    }
    let mut outcome = checked.outcome;
    if outcome.report.status == SessionStatus::Null {
        explain_no_session(
            &mut outcome.report,
            &flow,
            args.names.cookie_name.as_deref(),
        );
    }
    if let Some(path) = &args.cookie_jar {
        flow.jar.save_atomic(path)?;
        summary.cookie_jar = Some(path.display().to_string());
    }
    outcome.report.login = Some(with_cookies(summary, &flow));
    outcome.warnings.extend(warnings);
    notes.append(&mut outcome.notes);
    outcome.notes = notes;
    Ok(outcome)
}

/// `<url>/<base path>` without a trailing slash, from the session endpoint.
fn api_base(session_url: &Url) -> String {
    let text = session_url.as_str();
    let path_end = text.find(['?', '#']).unwrap_or(text.len());
    let path = &text[..path_end];
    path.strip_suffix("/session").unwrap_or(path).to_string()
}

/// The `callbackUrl`: the site as given, or its origin when --url is the API itself.
fn site_url(given: &str, api: &str) -> String {
    let mut site = Url::parse(given.trim()).expect("checked by endpoint()");
    site.set_fragment(None);
    if site.as_str().trim_end_matches('/').starts_with(api) {
        site.set_path("/");
        site.set_query(None);
    }
    site.to_string()
}

/// The form: csrfToken, the fields, callbackUrl unless a field sets it, json=true.
fn form(csrf: &str, fields: &[Field], callback: &str) -> String {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("csrfToken", csrf);
    for f in fields {
        form.append_pair(&f.name, &f.value);
    }
    if !fields.iter().any(|f| f.name == "callbackUrl") {
        form.append_pair("callbackUrl", callback);
    }
    form.append_pair("json", "true");
    form.finish()
}

fn session_args(args: &LoginArgs) -> SessionArgs {
    SessionArgs {
        url: args.url.clone(),
        base_path: args.base_path.clone(),
        cookie_jar: None,
        cookie: None,
        update_jar: false,
        save_jar: None,
        http: args.http.clone(),
        retry: args.retry.clone(),
        secrets: args.secrets.clone(),
        names: args.names.clone(),
        now: args.now,
        assert: args.assert.clone(),
        output: OutputArgs {
            json: args.output.json,
            quiet: args.output.quiet,
        },
    }
}

fn with_cookies(mut summary: LoginSummary, flow: &Flow) -> LoginSummary {
    summary.cookies_set = flow.cookies_set.clone();
    summary.cookies_rejected = flow
        .cookies_rejected
        .iter()
        .map(|(_, why)| why.clone())
        .collect();
    summary
}

/// A sign-in the server accepted but no session came of it: say which cookie went missing.
fn explain_no_session(report: &mut SessionReport, flow: &Flow, cookie_name: Option<&str>) {
    let is_session = |name: &str| is_session_cookie_name(name, cookie_name);
    if let Some((name, why)) = flow.cookies_rejected.iter().find(|(n, _)| is_session(n)) {
        report.reason = format!(
            "the sign-in was accepted, but the session cookie `{name}` was not kept: {why}"
        );
        report.hint = Some(
            if name.starts_with("__Secure-") || name.starts_with("__Host-") {
                "the app uses secure cookies (AUTH_URL/NEXTAUTH_URL is https, or useSecureCookies): \
             sign in through its https URL"
                .into()
            } else {
                "sign in through the URL the app is configured for (AUTH_URL/NEXTAUTH_URL)".into()
            },
        );
    } else if !flow.cookies_set.iter().any(|n| is_session(n)) {
        report.reason = "the sign-in was accepted, but the server set no session cookie".into();
        report.hint = Some(
            "the Credentials provider needs the jwt session strategy; check the app's \
             authorize() and signIn/jwt callbacks, and --cookie-name if the app renames the \
             cookie"
                .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let e = |u: &str, b: &str| endpoint(u, b).unwrap();
        assert_eq!(
            api_base(&e("http://h.test/app/", "/api/auth")),
            "http://h.test/app/api/auth"
        );
        assert_eq!(
            api_base(&e("http://h.test/api/auth/session", "/x")),
            "http://h.test/api/auth"
        );
        assert_eq!(
            site_url("http://h.test/app#top", "http://h.test/app/api/auth"),
            "http://h.test/app"
        );
        assert_eq!(
            site_url("http://h.test/api/auth/session", "http://h.test/api/auth"),
            "http://h.test/"
        );
    }

    #[test]
    fn the_form_carries_every_field_once() {
        let f = |name: &str, value: &str| Field {
            name: name.into(),
            value: value.into(),
            literal: true,
        };
        assert_eq!(
            form(
                "t",
                &[f("username", "a b"), f("password", "p&q")],
                "http://h.test/"
            ),
            "csrfToken=t&username=a+b&password=p%26q&callbackUrl=http%3A%2F%2Fh.test%2F&json=true"
        );
        assert_eq!(
            form("t", &[f("callbackUrl", "/x")], "http://h.test/"),
            "csrfToken=t&callbackUrl=%2Fx&json=true"
        );
    }
}
