//! The work behind each subcommand, callable without the binary. Each returns a value the
//! binary renders; only [`UsageError`] and other errors decide exit codes 2 and 1.

pub mod batch;
pub mod login;
pub mod mint;
pub mod session;
pub mod token;

use std::io::IsTerminal;

use crate::cli::SecretArgs;
use crate::secrets::Secrets;

/// A mistake in how the command was called (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit code for an error that ended a command: 2 for usage, 1 for everything else.
pub fn error_exit_code(error: &anyhow::Error) -> i32 {
    if error.downcast_ref::<UsageError>().is_some() {
        2
    } else {
        1
    }
}

/// The clock: `--now` when given, else the system clock.
pub fn now(given: Option<i64>) -> i64 {
    given.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    })
}

/// Load secrets from flags, files and stdin, or else from the environment; the notes
/// (never containing a secret) are for stderr.
pub fn load_secrets(args: &SecretArgs) -> anyhow::Result<Secrets> {
    let mut secrets = Secrets::default();
    let explicit = !args.secrets.is_empty() || !args.secret_files.is_empty() || args.secret_stdin;
    if !args.secrets.is_empty() {
        secrets.notes.push(
            "--secret on the command line is visible to other users of this machine (ps, \
             /proc); prefer --secret-file, --secret-stdin or NEXTAUTH_SECRET/AUTH_SECRET"
                .into(),
        );
        secrets.add_flags(&args.secrets);
    }
    for path in &args.secret_files {
        secrets.add_file(path)?;
    }
    if args.secret_stdin {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            return Err(UsageError(
                "--secret-stdin reads secrets from a pipe, but standard input is a terminal".into(),
            )
            .into());
        }
        secrets.add_reader(stdin.lock())?;
    }
    if !explicit {
        secrets.add_env(|name| std::env::var(name).ok());
    }
    Ok(secrets)
}
