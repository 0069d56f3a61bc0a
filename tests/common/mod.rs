//! Shared test helpers: fixture loading and running the binary.
#![allow(dead_code)]

pub mod http;
pub mod interop;

use std::path::PathBuf;

use serde_json::Value;

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One case of a fixture file (the schema of shared/vectors/nextauth-tokens.json).
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub token: String,
    pub secrets: Vec<String>,
    pub cookie: Option<String>,
    pub expect: String,
    pub claims: Option<serde_json::Map<String, Value>>,
    pub cookie_header: Option<String>,
    pub salt: Option<String>,
    pub format: Option<String>,
    pub secret_index: Option<usize>,
    pub hint: Option<String>,
    pub raw: Value,
}

pub struct Fixture {
    pub generated_at: i64,
    pub cases: Vec<Case>,
}

pub fn load(name: &str) -> Fixture {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let s = |c: &Value, k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
    let cases = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Case {
            id: s(c, "id").unwrap(),
            token: s(c, "token").unwrap_or_default(),
            secrets: c["secrets"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            cookie: s(c, "cookie"),
            expect: s(c, "expect").unwrap(),
            claims: c.get("claims").and_then(Value::as_object).cloned(),
            cookie_header: s(c, "cookieHeader"),
            salt: s(c, "salt"),
            format: s(c, "format"),
            secret_index: c
                .get("secret_index")
                .and_then(Value::as_u64)
                .map(|n| n as usize),
            hint: s(c, "hint"),
            raw: c.clone(),
        })
        .collect();
    Fixture {
        generated_at: doc["generated_at"].as_i64().unwrap(),
        cases,
    }
}

/// The binary with no secret or NO_COLOR from the environment. A run that hangs is killed
/// after 60 s, so its exit code is missing and the test fails instead of hanging: a guard
/// against hangs (decompression bombs, huge input), not a performance assertion.
pub fn bin() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("nextauth-inspect").unwrap();
    cmd.timeout(std::time::Duration::from_secs(60));
    for var in nextauth_inspect::secrets::ENV_VARS {
        cmd.env_remove(var);
    }
    cmd.env_remove("NO_COLOR");
    cmd
}

/// The args that feed a case to `token`: secrets as a file would be better, but the
/// matrix also proves `--secret` never echoes.
pub fn token_args(case: &Case, now: i64) -> Vec<String> {
    let mut args = vec![
        "token".to_string(),
        "--json".into(),
        "--now".into(),
        now.to_string(),
    ];
    for s in &case.secrets {
        args.push(format!("--secret={s}"));
    }
    if let Some(salt) = &case.salt {
        args.push(format!("--salt={salt}"));
    }
    match &case.cookie_header {
        Some(h) => args.push(format!("--cookie={h}")),
        None => {
            if let Some(c) = &case.cookie {
                args.push(format!("--cookie-name={c}"));
            }
            args.push("--".into());
            args.push(case.token.clone());
        }
    }
    args
}
