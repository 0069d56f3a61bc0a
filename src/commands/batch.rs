//! `token --batch`: one token per input line, one JSON report per output line, streaming
//! with constant memory. Keys are derived once per (secret, derivation) for the whole run.

use std::io::{BufRead, BufReader, Read, Write};
use std::time::Instant;

use anyhow::Context as _;

use super::{load_secrets, now, UsageError};
use crate::cli::TokenArgs;
use crate::report::Status;
use crate::token::shape::{Malformed, MAX_TOKEN_BYTES};
use crate::token::{Input, Inspector};

/// Counts per status, in the order of [`Status`]'s severity.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub counts: [u64; 5],
    pub seconds: f64,
}

impl Summary {
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The most severe status seen, or `None` for an empty input.
    pub fn worst(&self) -> Option<Status> {
        STATUSES
            .iter()
            .rev()
            .zip(self.counts.iter().rev())
            .find(|(_, n)| **n > 0)
            .map(|(s, _)| *s)
    }

    /// 0 when every token is valid (or there were none), else the worst status's code.
    pub fn exit_code(&self) -> i32 {
        self.worst().map_or(0, Status::exit_code)
    }

    /// "1000 tokens: 990 valid, 10 expired · 123456 tokens/s"
    pub fn line(&self) -> String {
        let parts: Vec<String> = STATUSES
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{n} {}", s.as_str()))
            .collect();
        let rate = if self.seconds > 0.0 {
            self.total() as f64 / self.seconds
        } else {
            0.0
        };
        format!(
            "{} token(s){}{} · {:.0} tokens/s",
            self.total(),
            if parts.is_empty() { "" } else { ": " },
            parts.join(", "),
            rate
        )
    }
}

const STATUSES: [Status; 5] = [
    Status::Valid,
    Status::Null,
    Status::Expired,
    Status::Invalid,
    Status::Malformed,
];

fn slot(status: Status) -> usize {
    STATUSES
        .iter()
        .position(|s| *s == status)
        .expect("every status has a slot")
}

/// Run batch mode from the parsed arguments, writing reports to `out`.
pub fn run(args: &TokenArgs, out: &mut impl Write) -> anyhow::Result<(Summary, Vec<String>)> {
    if args.secrets.secret_stdin && args.input.is_none() {
        return Err(UsageError(
            "--secret-stdin and --batch on stdin cannot share standard input: pass --input FILE"
                .into(),
        )
        .into());
    }
    let secrets = load_secrets(&args.secrets)?;
    let options = super::token::options(args, now(args.now));
    let mut inspector = Inspector::new(&secrets.list, options);
    let summary = match &args.input {
        Some(path) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot open --input {}", path.display()))?;
            stream(
                BufReader::with_capacity(1 << 16, file),
                &mut inspector,
                "file",
                out,
            )?
        }
        None => stream(std::io::stdin().lock(), &mut inspector, "stdin", out)?,
    };
    Ok((summary, secrets.notes))
}

/// Inspect every non-blank line of `reader`; a line longer than the token limit is
/// reported as malformed without being held in memory.
pub fn stream(
    mut reader: impl BufRead,
    inspector: &mut Inspector<'_>,
    kind: &str,
    out: &mut impl Write,
) -> anyhow::Result<Summary> {
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut line = Vec::with_capacity(4096);
    let mut json = Vec::with_capacity(4096);
    loop {
        line.clear();
        let n = reader
            .by_ref()
            .take(MAX_TOKEN_BYTES as u64 + 2)
            .read_until(b'\n', &mut line)
            .context("cannot read the batch input")?;
        if n == 0 {
            break;
        }
        let report = if line.last() != Some(&b'\n') && line.len() > MAX_TOKEN_BYTES {
            let skipped = skip_line(&mut reader)? + line.len();
            let input = Input::from_text("", kind);
            let mut r = inspector.inspect(&input);
            r.error = Some(Malformed::TooLarge(skipped).to_string());
            r
        } else {
            let text = String::from_utf8_lossy(&line);
            if text.trim().is_empty() {
                continue;
            }
            inspector.inspect(&Input::from_text(&text, kind))
        };
        summary.counts[slot(report.status)] += 1;
        json.clear();
        serde_json::to_writer(&mut json, &report).expect("a report always serializes");
        json.push(b'\n');
        out.write_all(&json)
            .context("cannot write the batch output")?;
    }
    out.flush().context("cannot write the batch output")?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// Consume the rest of an over-long line; returns how many bytes were skipped.
fn skip_line(reader: &mut impl BufRead) -> anyhow::Result<usize> {
    let mut skipped = 0;
    loop {
        let buf = reader.fill_buf().context("cannot read the batch input")?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match buf.iter().position(|b| *b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i);
            }
            None => {
                let len = buf.len();
                reader.consume(len);
                skipped += len;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Options;

    #[test]
    fn worst_status_decides_the_exit_code() {
        let mut s = Summary::default();
        assert_eq!(s.exit_code(), 0);
        s.counts[slot(Status::Valid)] = 3;
        assert_eq!(s.exit_code(), 0);
        s.counts[slot(Status::Expired)] = 1;
        s.counts[slot(Status::Null)] = 1;
        assert_eq!(s.exit_code(), 4);
        s.counts[slot(Status::Malformed)] = 1;
        assert_eq!(s.exit_code(), 6);
        assert!(s
            .line()
            .starts_with("6 token(s): 3 valid, 1 null, 1 expired, 1 malformed"));
    }

    #[test]
    fn long_lines_are_skipped_not_buffered() {
        let mut input = vec![b'a'; MAX_TOKEN_BYTES + 10];
        input.extend_from_slice(b"\nnot-a-token\n\n");
        let mut inspector = Inspector::new(&[], Options::new(0));
        let mut out = Vec::new();
        let s = stream(&input[..], &mut inspector, "stdin", &mut out).unwrap();
        assert_eq!(s.counts[slot(Status::Malformed)], 2);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.lines().next().unwrap().contains("over 1 MiB"));
    }
}
