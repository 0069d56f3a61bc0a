//! The committed completion scripts must match what the binary generates.
//! Regenerate with `UPDATE_COMPLETIONS=1 cargo test --test completions`.

mod common;

use std::path::PathBuf;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "nextauth-inspect.bash"),
    ("zsh", "_nextauth-inspect"),
    ("fish", "nextauth-inspect.fish"),
    ("powershell", "_nextauth-inspect.ps1"),
    ("elvish", "nextauth-inspect.elv"),
];

#[test]
fn committed_completions_are_fresh() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let out = common::bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "completions {shell} failed");
        assert!(!out.stdout.is_empty());
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(out.stdout.as_slice()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion scripts {stale:?}: run `UPDATE_COMPLETIONS=1 cargo test --test completions`"
    );
}
