//! What every CLI test needs: a way to run the `sco` binary as a user would (no ledger from
//! the environment, no colours), read what it printed, and edit a copy of the ledger.
//!
//! Each test file includes this module with `mod common;` and uses the parts it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One invocation of `sco`, configured step by step.
pub struct Sco {
    command: Command,
    shown_as_out: Option<String>,
}

impl Sco {
    /// `sco` with these arguments, in the test's working directory.
    pub fn new(args: &[&str]) -> Sco {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sco"));
        command
            .args(args)
            .env_remove("SCO_LEDGER")
            .env("NO_COLOR", "1");
        Sco {
            command,
            shown_as_out: None,
        }
    }

    /// Runs in `dir` (so relative paths in messages stay short).
    pub fn current_dir(mut self, dir: &Path) -> Sco {
        self.command.current_dir(dir);
        self
    }

    /// Runs in `dir`, and shows `dir` as `[OUT]` in transcripts (temporary directories).
    pub fn in_temp_dir(self, dir: &Path) -> Sco {
        let mut sco = self.current_dir(dir);
        sco.shown_as_out = Some(dir.display().to_string());
        sco
    }

    /// Reads the history ledger from `dir` (`--ledger`).
    pub fn ledger(mut self, dir: &Path) -> Sco {
        self.command.arg("--ledger").arg(dir);
        self
    }

    /// Adds one more argument (a path) and runs, returning the raw output.
    pub fn output_with_arg(mut self, arg: &Path) -> Output {
        self.command.arg(arg);
        self.output()
    }

    /// Runs and returns the raw output.
    pub fn output(mut self) -> Output {
        self.command.output().expect("the sco binary runs")
    }

    /// Runs and returns exit code, stdout and stderr as one text, for snapshots.
    pub fn transcript(self) -> String {
        let shown_as_out = self.shown_as_out.clone();
        let output = self.output();
        let text = format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        match shown_as_out {
            Some(dir) => text.replace(&dir, "[OUT]"),
            None => text,
        }
    }

    /// Runs, asserts success and returns stdout.
    pub fn success(self) -> String {
        let output = self.output();
        assert!(
            output.status.success(),
            "sco failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout(&output)
    }

    /// Runs, asserts success, parses stdout as JSON and checks its `provenance` member; returns
    /// the document without it (an array document's `items`).
    pub fn json(self) -> serde_json::Value {
        without_provenance(self.raw_json())
    }

    /// Runs, asserts success and parses stdout as JSON, as printed.
    pub fn raw_json(self) -> serde_json::Value {
        let output = self.output();
        assert!(
            output.status.success(),
            "sco failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("valid JSON")
    }
}

/// Checks that a JSON document carries its `provenance` (version and data digest) and returns it
/// without: the object less that member, or an array document's `items`.
pub fn without_provenance(mut document: serde_json::Value) -> serde_json::Value {
    let object = document
        .as_object_mut()
        .expect("every JSON document is an object");
    let provenance = object
        .remove("provenance")
        .expect("every JSON document carries its provenance");
    assert_eq!(provenance["version"], env!("CARGO_PKG_VERSION"));
    assert!(provenance["data_digest"]
        .as_str()
        .is_some_and(|d| d.starts_with("sha256:")));
    if object.len() == 1 {
        if let Some(items) = object.get("items").filter(|i| i.is_array()) {
            return items.clone();
        }
    }
    document
}

/// `text` with every `sha256:` digest replaced by `sha256:[digest]`, for snapshots that should
/// not change whenever the data or the ledger does.
pub fn redact_digests(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        let (before, after) = rest.split_at(at + "sha256:".len());
        out.push_str(before);
        let hex = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex == 64 {
            out.push_str("[digest]");
            rest = &after[hex..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// A folder of another crate's test fixtures, e.g. `fixtures("sco-smp")`.
pub fn fixtures(krate: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("tests/fixtures")
}

/// A copy of the repository's ledger in a temporary directory, to edit for a test.
pub fn copy_ledger() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ledger");
    let dir = tempfile::tempdir().expect("a temporary directory");
    for name in sco_ledger::LEDGER_FILE_NAMES {
        std::fs::copy(source.join(name), dir.path().join(name)).expect("ledger file copied");
    }
    dir
}

/// A copy of the ledger in which Uzbekistan leaves the SCO on 1 January 2010 (a
/// counterfactual: tests use it to see that a command reads the ledger it is given).
pub fn ledger_where_uzbekistan_withdraws_in_2010() -> tempfile::TempDir {
    let dir = copy_ledger();
    let status = dir.path().join("status.toml");
    let mut text = std::fs::read_to_string(&status).expect("status.toml");
    text.push_str("\n[[status]]\ndate = \"2010-01-01\"\nstate = \"UZB\"\nchange = \"withdrawn\"\nsources = [{ id = \"seed-003\", at = \"counterfactual for a test\" }]\n");
    std::fs::write(&status, text).expect("status.toml written");
    dir
}
