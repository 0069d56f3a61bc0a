//! `token --batch`: one JSON report per line, in input order, identical to `token --json`
//! on each line; a summary on stderr; the exit code of the most severe status.

mod common;

use common::{bin, load};
use serde_json::Value;

#[test]
fn batch_matches_token_json_line_by_line() {
    let fixture = load("minted.json");
    let now = fixture.generated_at.to_string();
    // Cases that need no per-token flags (cookie name, salt, chunked headers).
    let cases: Vec<_> = fixture
        .cases
        .iter()
        .filter(|c| {
            c.cookie_header.is_none()
                && c.salt.is_none()
                && !c.token.contains('\n')
                && !c.token.trim().is_empty()
        })
        .filter(|c| c.secrets.len() == 1)
        .collect();
    let secrets: Vec<&str> = cases.iter().map(|c| c.secrets[0].as_str()).collect();
    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("secrets");
    let mut unique: Vec<&str> = Vec::new();
    for s in &secrets {
        if !unique.contains(s) {
            unique.push(s);
        }
    }
    std::fs::write(&secret_file, unique.join("\n")).unwrap();
    let input: String = cases.iter().map(|c| format!("{}\n\n", c.token)).collect();

    let out = bin()
        .args(["token", "--batch", "--now", &now, "--secret-file"])
        .arg(&secret_file)
        .write_stdin(input)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        cases.len(),
        "blank lines are skipped, one line per token"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{} token(s)", cases.len())) && stderr.contains("tokens/s"),
        "{stderr}"
    );

    let mut worst = 0;
    for (case, line) in cases.iter().zip(&lines) {
        let batch: Value = serde_json::from_str(line).unwrap();
        let single = bin()
            .args(["token", "--json", "--now", &now, "--secret-file"])
            .arg(&secret_file)
            .write_stdin(case.token.clone())
            .output()
            .unwrap();
        let single: Value = serde_json::from_slice(&single.stdout).unwrap();
        assert_eq!(batch, single, "case {}", case.id);
        let code = match batch["status"].as_str().unwrap() {
            "valid" => 0,
            "null" => 3,
            "expired" => 4,
            "invalid" => 5,
            _ => 6,
        };
        worst = worst.max(code);
    }
    assert_eq!(out.status.code(), Some(worst));
}

#[test]
fn all_valid_exits_zero_and_input_file_works() {
    let fixture = load("shared-vectors.json");
    let case = fixture.cases.iter().find(|c| c.id == "v4-valid-0").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tokens.txt");
    std::fs::write(&input, format!("{0}\r\nBearer {0}\n", case.token)).unwrap();
    let out = bin()
        .args([
            "token",
            "--batch",
            "--now",
            &fixture.generated_at.to_string(),
            "--input",
        ])
        .arg(&input)
        .env("NEXTAUTH_SECRET", &case.secrets[0])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["status"], "valid");
    }
}

#[test]
fn severity_order_decides_the_exit_code() {
    let fixture = load("shared-vectors.json");
    let token = |id: &str| {
        fixture
            .cases
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .token
            .clone()
    };
    let secret = fixture
        .cases
        .iter()
        .find(|c| c.id == "v4-expired")
        .unwrap()
        .secrets[0]
        .clone();
    let now = fixture.generated_at.to_string();
    let run = |lines: &[String]| {
        bin()
            .args(["token", "--batch", "--quiet", "--now", &now])
            .env("NEXTAUTH_SECRET", &secret)
            .write_stdin(lines.join("\n"))
            .output()
            .unwrap()
    };
    let expired = token("v4-expired");
    let garbage = "not-a-token".to_string();
    let wrong = token("v4-wrong-secret");
    let out = run(std::slice::from_ref(&expired));
    assert_eq!(out.status.code(), Some(4));
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "--quiet prints nothing"
    );
    assert_eq!(
        run(&[expired.clone(), wrong.clone()]).status.code(),
        Some(5)
    );
    assert_eq!(run(&[wrong, garbage, expired]).status.code(), Some(6));
    assert_eq!(run(&[]).status.code(), Some(0));
}

#[test]
fn batch_flags_are_checked() {
    bin()
        .args(["token", "--batch", "--json"])
        .write_stdin("")
        .assert()
        .code(0);
    bin()
        .args(["token", "--batch", "sometoken"])
        .assert()
        .code(2);
    bin().args(["token", "--input", "x.txt"]).assert().code(2);
    bin()
        .args(["token", "--batch", "--input", "/nonexistent/tokens.txt"])
        .assert()
        .code(1);
    bin()
        .args(["token", "--batch", "--secret-stdin"])
        .write_stdin("s\n")
        .assert()
        .code(2);
}
