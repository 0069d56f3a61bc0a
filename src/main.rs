use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use nextauth_inspect::cli::{AssertArgs, Cli, ColorChoice, Command, OutputArgs};
use nextauth_inspect::commands::{self, error_exit_code, session::Outcome};
use nextauth_inspect::report::{human, nagios, TokenReport};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A monitoring system reads stdout and the plugin exit codes, also for usage errors.
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| a == "--nagios") => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            println!("{}", nagios::unknown(first.trim_start_matches("error: ")));
            let _ = e.print();
            return ExitCode::from(nagios::State::Unknown.exit_code() as u8);
        }
        Err(e) if e.use_stderr() && std::env::args_os().any(|a| a == "--json") => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            print_error_json(first.trim_start_matches("error: "), e.exit_code());
            e.exit()
        }
        Err(e) => e.exit(),
    };
    colored::control::set_override(match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    });
    let code = match cli.command {
        Command::Token(args) if args.batch => {
            let stdout = std::io::stdout();
            let sink: Box<dyn std::io::Write> = if args.output.quiet {
                Box::new(std::io::sink())
            } else {
                Box::new(stdout.lock())
            };
            let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
            match commands::batch::run(&args, &mut out) {
                Ok((summary, notes)) => {
                    if !args.output.quiet {
                        for note in &notes {
                            eprintln!("note: {note}");
                        }
                        eprintln!("{}", summary.line());
                    }
                    summary.exit_code()
                }
                Err(e) => fail(&e, false),
            }
        }
        Command::Token(args) => match commands::token::run(&args) {
            Ok(outcome) => {
                if !args.output.quiet {
                    for note in &outcome.notes {
                        eprintln!("note: {note}");
                    }
                }
                print_report(&outcome.report, &args.output)
            }
            Err(e) => fail(&e, args.output.json),
        },
        Command::Mint(args) => match commands::mint::run(&args) {
            Ok(outcome) => {
                for note in &outcome.notes {
                    eprintln!("note: {note}");
                }
                if let Some(text) = outcome.stdout {
                    print!("{text}");
                }
                0
            }
            Err(e) => fail(&e, false),
        },
        Command::Session(args) => match commands::session::run(&args) {
            Ok(outcome) => print_session(&outcome, &args.output, &args.assert),
            Err(e) => fail_check(&e, &args.output, &args.assert),
        },
        Command::Login(args) => match commands::login::run(&args) {
            Ok(outcome) => print_session(&outcome, &args.output, &args.assert),
            Err(e) => fail_check(&e, &args.output, &args.assert),
        },
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "nextauth-inspect",
                &mut std::io::stdout(),
            );
            0
        }
    };
    ExitCode::from(code as u8)
}

fn print_report(report: &TokenReport, output: &OutputArgs) -> i32 {
    if output.json {
        println!("{}", report.to_json_pretty());
    } else if !output.quiet {
        print!("{}", human::render(report));
    }
    report.exit_code()
}

/// The session report of `session` and `login`: human, JSON or one Nagios line.
fn print_session(outcome: &Outcome, output: &OutputArgs, assert: &AssertArgs) -> i32 {
    for warning in &outcome.warnings {
        eprintln!("warning: {warning}");
    }
    if !output.quiet {
        for note in &outcome.notes {
            eprintln!("note: {note}");
        }
    }
    let report = &outcome.report;
    if let Some(error) = report.error_line() {
        eprintln!("error: {error}");
    }
    for failed in report.assertion_errors() {
        eprintln!("error: {failed}");
    }
    if assert.nagios {
        println!("{}", nagios::line(report, assert.min_ttl));
        return nagios::state(report).exit_code();
    }
    if output.json {
        println!("{}", report.to_json_pretty());
    } else if !output.quiet {
        print!("{}", report.render_human());
    }
    report.exit_code()
}

fn fail_check(error: &anyhow::Error, output: &OutputArgs, assert: &AssertArgs) -> i32 {
    if assert.nagios {
        println!("{}", nagios::unknown(&format!("{error:#}")));
        eprintln!("error: {error:#}");
        return nagios::State::Unknown.exit_code();
    }
    fail(error, output.json)
}

/// One line on stderr; with `--json`, also the one JSON document stdout promises.
fn fail(error: &anyhow::Error, json: bool) -> i32 {
    eprintln!("error: {error:#}");
    let code = error_exit_code(error);
    if json {
        print_error_json(&format!("{error:#}"), code);
    }
    code
}

fn print_error_json(message: &str, exit_code: i32) {
    let doc = serde_json::json!({ "status": "error", "error": message, "exit_code": exit_code });
    println!("{doc}");
}
