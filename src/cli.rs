//! The whole command-line surface: every subcommand and flag, with its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::token::seal::SealFormat;
use crate::token::FormatChoice;

const EXIT_CODES: &str = "\
Exit codes:
  0  valid           the token/session is valid
  1  runtime failure I/O, network, or an unexpected server answer
  2  usage error     bad flags or arguments
  3  null            no session / no token found
  4  expired         the token or session has expired
  5  invalid         fails verification or decryption (wrong secret, wrong salt or
                     cookie name, tampered, alg none)
  6  malformed       not a token at all

session and login: a failed sign-in is 3; --expect-user mismatch is 5; --min-ttl not met
is 4. With --nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN instead (see --help of each).

--json prints exactly one JSON document on stdout; diagnostics go to stderr.
Secrets are never printed.";

/// Open, verify and explain NextAuth.js / Auth.js session tokens and live sessions.
#[derive(Debug, Parser)]
#[command(name = "nextauth-inspect", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to color human output (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color only when stdout is a terminal and NO_COLOR is unset.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE).
    #[command(after_help = EXIT_CODES)]
    Token(Box<TokenArgs>),
    /// Ask a running site's /api/auth/session what it thinks of a session, and explain a null.
    #[command(after_help = SESSION_HELP)]
    Session(Box<SessionArgs>),
    /// Sign in through a Credentials provider like the browser client does, leave a
    /// curl-compatible cookie jar, and report the session as `session` does.
    #[command(after_help = LOGIN_HELP)]
    Login(Box<LoginArgs>),
    /// Mint a session token the app accepts, to seed e2e tests (Playwright, Cypress, curl)
    /// without a sign-in flow.
    #[command(after_help = MINT_HELP)]
    Mint(Box<MintArgs>),
    /// Print a shell completion script.
    Completions {
        /// The shell to generate for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Output flags shared by the subcommands.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Print one JSON document on stdout instead of the human report.
    #[arg(long, conflicts_with = "quiet")]
    pub json: bool,
    /// Print nothing; only the exit code tells.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Where secrets come from. Without any of these flags the environment is read as the
/// libraries read it: NEXTAUTH_SECRET, AUTH_SECRET, AUTH_SECRET_1..3.
#[derive(Debug, Args, Clone, Default)]
pub struct SecretArgs {
    /// A secret to try (repeatable, for rotation). Visible to other users in the process
    /// list: prefer --secret-file, --secret-stdin or the environment. Without any secret
    /// flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do.
    #[arg(long = "secret", value_name = "SECRET")]
    pub secrets: Vec<String>,
    /// A file with one secret per line (repeatable).
    #[arg(long = "secret-file", value_name = "PATH")]
    pub secret_files: Vec<PathBuf>,
    /// Read secrets, one per line, from standard input.
    #[arg(long)]
    pub secret_stdin: bool,
}

/// Which cookie to read and which salt to use.
#[derive(Debug, Args, Clone, Default)]
pub struct CookieNameArgs {
    /// The session cookie name the app uses (also the Auth.js v5 salt).
    #[arg(long, value_name = "NAME")]
    pub cookie_name: Option<String>,
    /// The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the
    /// cookie name.
    #[arg(long, value_name = "SALT")]
    pub salt: Option<String>,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// The token, a `Bearer <token>` value, or `-` for stdin (the default when no other
    /// input is given).
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// Read one token (or `Bearer …` value) per line and write one JSON report per line,
    /// in input order (`--json` is implied); a summary goes to stderr. Exit code: 0 when every token is valid,
    /// else that of the most severe status seen.
    #[arg(long, conflicts_with_all = ["token", "cookie", "cookie_jar"])]
    pub batch: bool,

    /// With --batch: read the tokens from FILE instead of stdin.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// A Cookie header as copied from devtools; the session cookie is found among the
    /// others and its chunks reassembled.
    #[arg(long, value_name = "HEADER", conflicts_with_all = ["token", "cookie_jar"])]
    pub cookie: Option<String>,

    /// A Netscape/curl cookie jar to read the session cookie from.
    #[arg(long, value_name = "FILE", conflicts_with = "token")]
    pub cookie_jar: Option<PathBuf>,

    /// With --cookie-jar: the site whose session cookie to read (URL).
    #[arg(long, value_name = "URL", conflicts_with = "domain")]
    pub url: Option<String>,

    /// With --cookie-jar: the domain whose session cookie to read.
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,

    #[command(flatten)]
    pub secrets: SecretArgs,

    #[command(flatten)]
    pub names: CookieNameArgs,

    /// Which library's format to expect.
    #[arg(long, value_enum, default_value_t = FormatChoice::Auto)]
    pub format: FormatChoice,

    /// Clock tolerance for exp/nbf in seconds [default: 15; 0 for v3, as the libraries].
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(i64).range(0..=31_536_000))]
    pub leeway: Option<i64>,

    /// next-auth v3's maximum token age (e.g. 3600, 90m, 12h, 30d).
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = parse_duration)]
    pub max_age: i64,

    /// The clock to judge against: Unix seconds or RFC 3339 [default: now].
    #[arg(long, value_name = "TIME", value_parser = crate::report::time::parse_instant)]
    pub now: Option<i64>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SessionArgs {
    /// The site: its origin, optionally with a path prefix (`https://app.example.com`,
    /// `http://127.0.0.1:3000/app`), or the full endpoint URL ending in `/session`.
    #[arg(long, value_name = "URL")]
    pub url: String,

    /// The NextAuth/Auth.js API path, appended to --url before `/session`.
    #[arg(long, value_name = "PATH", default_value = "/api/auth")]
    pub base_path: String,

    /// A Netscape/curl cookie jar; the cookies a browser would send to the URL are sent
    /// (host/domain, path, Secure and expiry rules). Read-only unless --update-jar.
    #[arg(long, value_name = "FILE")]
    pub cookie_jar: Option<PathBuf>,

    /// A Cookie header to send (combinable with --cookie-jar; its cookies win over jar
    /// cookies of the same name).
    #[arg(long, value_name = "HEADER")]
    pub cookie: Option<String>,

    /// Write the response's Set-Cookie changes back into --cookie-jar (atomic, mode 0600,
    /// other lines kept).
    #[arg(long, requires = "cookie_jar", conflicts_with = "save_jar")]
    pub update_jar: bool,

    /// Write the jar with the response's Set-Cookie changes applied to FILE instead.
    #[arg(long, value_name = "FILE")]
    pub save_jar: Option<PathBuf>,

    #[command(flatten)]
    pub http: HttpArgs,

    #[command(flatten)]
    pub retry: RetryArgs,

    #[command(flatten)]
    pub secrets: SecretArgs,

    #[command(flatten)]
    pub names: CookieNameArgs,

    /// The clock to judge cookie and session expiry against: Unix seconds or RFC 3339
    /// [default: now].
    #[arg(long, value_name = "TIME", value_parser = crate::report::time::parse_instant)]
    pub now: Option<i64>,

    #[command(flatten)]
    pub assert: AssertArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// How requests are made, shared by `session` and `login`.
#[derive(Debug, Args, Clone)]
pub struct HttpArgs {
    /// Connect and read timeout in seconds, per request.
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = parse_seconds)]
    pub timeout: std::time::Duration,

    /// An extra request header, `Name: value` (repeatable), sent with every request; values
    /// are never printed.
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// Accept invalid TLS certificates (self-signed, wrong host). Development only: a
    /// warning is printed every time.
    #[arg(long)]
    pub insecure: bool,
}

/// Patience with a site that is still starting, shared by `session` and `login`.
#[derive(Debug, Args, Clone)]
pub struct RetryArgs {
    /// Retry this many times on connection errors and HTTP 5xx (for a deploy coming up).
    /// `login` retries its first request and the session check, never the credentials POST.
    #[arg(long = "retry", value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=1000))]
    pub times: u32,

    /// Seconds to wait between retries.
    #[arg(long = "retry-delay", value_name = "SECS", default_value = "1", value_parser = parse_seconds)]
    pub delay: std::time::Duration,
}

impl RetryArgs {
    pub fn policy(&self) -> crate::session::probe::Retry {
        crate::session::probe::Retry {
            times: self.times,
            delay: self.delay,
        }
    }
}

/// Assertions for health checks, shared by `session` and `login`.
#[derive(Debug, Args, Clone, Default)]
pub struct AssertArgs {
    /// Fail with exit 5 unless the session's `user.email` is EMAIL (compared
    /// case-insensitively).
    #[arg(long, value_name = "EMAIL")]
    pub expect_user: Option<String>,

    /// Fail with exit 4 when the session expires in less than DURATION (e.g. 3600, 90m,
    /// 12h, 7d); a session without a readable `expires` fails too.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub min_ttl: Option<i64>,

    /// Print one Nagios/Icinga plugin line (`NEXTAUTH SESSION OK - …|ttl=…s`) and exit 0 OK,
    /// 1 WARNING (expires sooner than --min-ttl), 2 CRITICAL (null, expired, wrong user,
    /// sign-in rejected), 3 UNKNOWN (usage, network or server failure).
    #[arg(long, conflicts_with_all = ["json", "quiet"])]
    pub nagios: bool,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The site: its origin, optionally with a path prefix (`http://127.0.0.1:3000`,
    /// `https://example.com/app`). It is also the `callbackUrl` sent.
    #[arg(long, value_name = "URL")]
    pub url: String,

    /// The NextAuth/Auth.js API path, appended to --url before `/csrf`, `/providers`,
    /// `/callback/<provider>` and `/session`.
    #[arg(long, value_name = "PATH", default_value = "/api/auth")]
    pub base_path: String,

    /// The Credentials provider's id (see `<base>/providers`).
    #[arg(long, value_name = "ID", default_value = "credentials")]
    pub provider: String,

    /// A form field for the provider, `NAME=VALUE` (repeatable). VALUE `@PATH` reads a file
    /// (one trailing newline dropped), `env:VAR` reads the environment; values are never
    /// printed.
    #[arg(short = 'f', long = "field", value_name = "NAME=VALUE")]
    pub fields: Vec<String>,

    /// Write the cookies of the whole flow to this Netscape/curl jar (atomic, mode 0600).
    /// An existing jar is read first and its other cookies kept. Written only when the
    /// sign-in was accepted.
    #[arg(long, value_name = "FILE")]
    pub cookie_jar: Option<PathBuf>,

    #[command(flatten)]
    pub http: HttpArgs,

    #[command(flatten)]
    pub retry: RetryArgs,

    #[command(flatten)]
    pub secrets: SecretArgs,

    #[command(flatten)]
    pub names: CookieNameArgs,

    /// The clock for cookie and session expiry: Unix seconds or RFC 3339 [default: now].
    #[arg(long, value_name = "TIME", value_parser = crate::report::time::parse_instant)]
    pub now: Option<i64>,

    #[command(flatten)]
    pub assert: AssertArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

const SESSION_HELP: &str = "\
Health check (CI):
  nextauth-inspect session --url \"$APP_URL\" --cookie-jar jar.txt \\
      --expect-user alice@example.com --min-ttl 1h
Nagios/Icinga:
  nextauth-inspect session --url https://app.example.com --cookie-jar jar.txt --min-ttl 1d --nagios

Exit codes:
  0  valid           the server has a session (and every --expect-user/--min-ttl holds)
  1  runtime failure network, TLS, redirect, non-2xx, not a session endpoint
  2  usage error     bad flags or arguments
  3  null            the server answers no session
  4  expired         the session expired, or expires sooner than --min-ttl
  5  wrong user      the session belongs to someone else than --expect-user
With --nagios: 0 OK, 1 WARNING (--min-ttl not met), 2 CRITICAL (null, expired, wrong
user), 3 UNKNOWN (usage, network or server failure).

--json prints exactly one JSON document on stdout; diagnostics go to stderr.
Cookie values and secrets are never printed.";

const LOGIN_HELP: &str = "\
Steps: GET <base>/csrf, GET <base>/providers, POST <base>/callback/<provider> (form:
csrfToken, the fields, callbackUrl, json=true; header X-Auth-Return-Redirect: 1, so next-auth
v4 and Auth.js v5 both answer {url}), then GET <base>/session, reported as `session` does.
No redirect is followed.

Examples:
  nextauth-inspect login --url http://127.0.0.1:3000 -f username=alice \\
      -f password=env:ALICE_PASSWORD --cookie-jar jar.txt
  nextauth-inspect login --url \"$APP_URL\" -f email=ci@example.com -f password=@pw.txt \\
      --cookie-jar jar.txt --expect-user ci@example.com --min-ttl 1h
  curl -b jar.txt \"$APP_URL/api/auth/session\"

Exit codes:
  0  signed in, and the session is valid (and every --expect-user/--min-ttl holds)
  1  runtime failure network, TLS, HTTP 500 (server configuration), unexpected answers
  2  usage error     bad flags, unknown provider, a provider that is not credentials,
                     an unreadable @file or unset env:VAR
  3  sign-in failed  wrong credentials, CSRF rejected, another sign-in error, or no
                     session after a sign-in the server accepted (cookie not kept)
  4  expired         the session expires sooner than --min-ttl (or already has)
  5  wrong user      the session belongs to someone else than --expect-user
With --nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN as for `session`.

Field values (passwords), cookie values and secrets are never printed.";

/// Parse seconds, fractions allowed (`10`, `0.5`), up to an hour.
pub fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds (e.g. 10 or 0.5)"))?;
    if !(0.0..=3600.0).contains(&secs) {
        return Err(format!("`{text}` is out of range: use 0 to 3600 seconds"));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

const MINT_HELP: &str = "\
Examples:
  AUTH_SECRET=… nextauth-inspect mint --claims '{\"sub\":\"1\",\"email\":\"alice@example.com\"}'
  nextauth-inspect mint --format v4 --secret-file secret.txt --claims @user.json --as cookie
  nextauth-inspect mint --secret-file secret.txt --claims @user.json \\
      --cookie-jar jar.txt --url http://localhost:3000

The first secret seals the token, as the libraries encode with the first of their secrets.
Exit codes: 0 minted, 1 I/O failure (jar, files), 2 usage error (no secret, claims not a
JSON object, bad flags). The secret is never printed; the token is a credential.";

/// `mint --as`: what to print on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MintOutput {
    /// The token alone, on one line.
    Token,
    /// A Cookie header value (`name=value`, or `name.0=…; name.1=…` when the libraries
    /// would chunk it).
    Cookie,
    /// One JSON document: token, format, cookie name, salt, cookies, iat, exp, claims.
    Json,
}

#[derive(Debug, Args)]
pub struct MintArgs {
    /// Which library's token to produce (`v3-encrypted` = next-auth 3 with
    /// `jwt.encryption: true`).
    #[arg(long, value_enum, default_value_t = SealFormat::V5)]
    pub format: SealFormat,

    /// The token's claims: a JSON object, `@FILE`, or `-` for stdin [default: {}].
    /// `iat`, `exp` (and `jti` for v4/v5) are set as the library's encode sets them.
    #[arg(long, value_name = "JSON|@FILE|-")]
    pub claims: Option<String>,

    /// Lifetime: exp = now + this (e.g. 3600, 90m, 12h, 30d; the libraries' default 30d).
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = parse_duration)]
    pub max_age: i64,

    #[command(flatten)]
    pub secrets: SecretArgs,

    #[command(flatten)]
    pub names: CookieNameArgs,

    /// Use the `__Secure-` session cookie name (the app's name when it runs on https), which
    /// is also the v5 salt.
    #[arg(long, conflicts_with = "cookie_name")]
    pub secure: bool,

    /// The clock for iat/exp: Unix seconds or RFC 3339 [default: now].
    #[arg(long, value_name = "TIME", value_parser = crate::report::time::parse_instant)]
    pub now: Option<i64>,

    /// What to print on stdout [default: token; nothing with --cookie-jar].
    #[arg(long = "as", value_name = "WHAT", value_enum)]
    pub output: Option<MintOutput>,

    /// Add the session cookie(s) for --url to this Netscape/curl jar, replacing the old
    /// session cookie and its chunks for that site; other lines stay as they are. Created
    /// when missing; written atomically with mode 0600.
    #[arg(long, value_name = "FILE", requires = "url")]
    pub cookie_jar: Option<PathBuf>,

    /// With --cookie-jar: the site the cookie is for (e.g. http://localhost:3000).
    #[arg(long, value_name = "URL", requires = "cookie_jar")]
    pub url: Option<String>,
}

/// Parse `3600`, `90s`, `90m`, `12h`, `30d`, `2w` into seconds.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let (digits, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, "s"),
    };
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a duration: use e.g. 3600, 90m, 12h or 30d"))?;
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => {
            return Err(format!(
                "unknown unit `{unit}` in `{text}`: use s, m, h, d or w"
            ))
        }
    };
    n.checked_mul(scale)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3600"), Ok(3600));
        assert_eq!(parse_duration("90m"), Ok(5400));
        assert_eq!(parse_duration("30d"), Ok(2_592_000));
        assert!(parse_duration("3x").is_err());
        assert!(parse_duration("").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
    }
}
