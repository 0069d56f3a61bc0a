//! Per-format decode cost, key derivation, and auto-detection overhead.
//! Run: `cargo bench --bench decode`. Tokens come from tests/fixtures/minted.json (minted by
//! the real libraries), judged at the fixture's generation time.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use nextauth_inspect::cookies::{find_session_cookie, header};
use nextauth_inspect::report::Status;
use nextauth_inspect::secrets::Secret;
use nextauth_inspect::token::kdf::{oct_thumbprint, Derivation};
use nextauth_inspect::token::{FormatChoice, Input, Inspector, Options};
use serde_json::Value;

struct Case {
    token: String,
    cookie_header: Option<String>,
    secrets: Vec<String>,
    cookie: Option<String>,
}

fn fixtures() -> (i64, Vec<(String, Case)>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minted.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let s = |c: &Value, k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
    let cases = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                s(c, "id").unwrap(),
                Case {
                    token: s(c, "token").unwrap_or_default(),
                    cookie_header: s(c, "cookieHeader"),
                    secrets: c["secrets"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap().to_string())
                        .collect(),
                    cookie: s(c, "cookie"),
                },
            )
        })
        .collect();
    (doc["generated_at"].as_i64().unwrap(), cases)
}

fn bench_formats(c: &mut Criterion) {
    let (now, cases) = fixtures();
    let find = |id: &str| {
        &cases
            .iter()
            .find(|(i, _)| i == id)
            .unwrap_or_else(|| panic!("no {id}"))
            .1
    };
    let mut group = c.benchmark_group("decode");
    for (label, id) in [
        ("v3", "v3-valid-0"),
        ("v3-encrypted", "v3-encrypted-valid"),
        ("v4", "v4-valid-0"),
        ("v5", "v5-valid-authjs"),
        ("v5-rotation", "v5-rotation"),
        ("v5-a256gcm", "v5-a256gcm"),
    ] {
        let case = find(id);
        let secrets: Vec<Secret> = case
            .secrets
            .iter()
            .map(|s| Secret::new(s.clone(), "bench"))
            .collect();
        let mut options = Options::new(now);
        options.cookie_name = case.cookie.clone();
        let mut inspector = Inspector::new(&secrets, options);
        let input = Input::from_text(&case.token, "bench");
        assert_eq!(inspector.inspect(&input).status, Status::Valid, "{id}");
        group.bench_function(label, |b| {
            b.iter(|| black_box(inspector.inspect(black_box(&input))))
        });
    }
    // A v5 token among four rotated secrets, chosen by kid.
    let case = find("v5-valid-authjs");
    let mut secrets: Vec<Secret> = (0..3)
        .map(|i| Secret::new(format!("rotated-out-{i}"), "bench"))
        .collect();
    secrets.push(Secret::new(case.secrets[0].clone(), "bench"));
    let mut inspector = Inspector::new(&secrets, Options::new(now));
    let input = Input::from_text(&case.token, "bench");
    assert_eq!(inspector.inspect(&input).status, Status::Valid);
    group.bench_function("v5-4-secrets", |b| {
        b.iter(|| black_box(inspector.inspect(black_box(&input))))
    });
    // Chunked: Cookie header parsing and reassembly plus decode.
    for (label, id) in [("v4-chunked", "v4-chunked"), ("v5-chunked", "v5-chunked")] {
        let case = find(id);
        let cookie_header = case.cookie_header.clone().unwrap();
        let secrets: Vec<Secret> = case
            .secrets
            .iter()
            .map(|s| Secret::new(s.clone(), "bench"))
            .collect();
        let mut inspector = Inspector::new(&secrets, Options::new(now));
        group.bench_function(label, |b| {
            b.iter(|| {
                let cookies = header::parse(black_box(&cookie_header));
                let session = find_session_cookie(&cookies, None).unwrap().unwrap();
                let mut input = Input::from_text(&session.value, "cookie-header");
                input.source.cookie_name = Some(session.name);
                black_box(inspector.inspect(&input))
            })
        });
    }
    group.finish();
}

fn bench_kdf(c: &mut Criterion) {
    let mut group = c.benchmark_group("kdf");
    let secret = b"a-reasonably-long-application-secret-value";
    group.bench_function("v4", |b| {
        b.iter(|| {
            black_box(
                Derivation::V4 {
                    salt: String::new(),
                }
                .derive(black_box(secret)),
            )
        })
    });
    let v5 = Derivation::Authjs {
        salt: "authjs.session-token".into(),
        len: 64,
    };
    group.bench_function("v5", |b| b.iter(|| black_box(v5.derive(black_box(secret)))));
    let key = v5.derive(secret);
    group.bench_function("v5-thumbprint", |b| {
        b.iter(|| black_box(oct_thumbprint(black_box(&key))))
    });
    group.finish();
}

fn bench_detection(c: &mut Criterion) {
    let (now, cases) = fixtures();
    let case = &cases.iter().find(|(i, _)| i == "v4-valid-0").unwrap().1;
    let secrets: Vec<Secret> = case
        .secrets
        .iter()
        .map(|s| Secret::new(s.clone(), "bench"))
        .collect();
    let input = Input::from_text(&case.token, "bench");
    let mut group = c.benchmark_group("detection");
    for (label, format) in [
        ("auto", FormatChoice::Auto),
        ("forced-v4", FormatChoice::V4),
    ] {
        let mut options = Options::new(now);
        options.format = format;
        let mut inspector = Inspector::new(&secrets, options);
        group.bench_function(label, |b| {
            b.iter(|| black_box(inspector.inspect(black_box(&input))))
        });
    }
    group.finish();
}

/// The JWE decryption alone (josekit over OpenSSL), to separate it from our own overhead.
fn bench_primitives(c: &mut Criterion) {
    let (_, cases) = fixtures();
    let find = |id: &str| &cases.iter().find(|(i, _)| i == id).unwrap().1;
    let mut group = c.benchmark_group("jwe-decrypt");
    for (label, id, derivation) in [
        (
            "v4",
            "v4-valid-0",
            Derivation::V4 {
                salt: String::new(),
            },
        ),
        (
            "v5",
            "v5-valid-authjs",
            Derivation::Authjs {
                salt: "authjs.session-token".into(),
                len: 64,
            },
        ),
    ] {
        let case = find(id);
        let key = derivation.derive(case.secrets[0].as_bytes());
        assert!(nextauth_inspect::token::open::decrypt_dir(&case.token, &key).is_ok());
        group.bench_function(label, |b| {
            b.iter(|| {
                black_box(nextauth_inspect::token::open::decrypt_dir(
                    black_box(&case.token),
                    &key,
                ))
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_formats,
    bench_kdf,
    bench_detection,
    bench_primitives
);
criterion_main!(benches);
