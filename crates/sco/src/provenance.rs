//! What a run of `sco` read, for the metadata of the files it writes.
//!
//! Why: a paper that used a Parquet file from `sco` should be able to say exactly what produced
//! it: the version, the ledger (embedded or a directory of the user's) and the embedded data.
//! The ledger is loaded in one place ([`crate::commands::load`]), which records its digest here;
//! writers read it back with [`metadata`].

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static LEDGER_DIGEST: OnceLock<String> = OnceLock::new();
static LEDGER_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Records the ledger this run is configured with (`--ledger`, or the embedded one), for the
/// provenance of documents that did not need to load it.
pub fn configure(ledger_dir: Option<&Path>) {
    let _ = LEDGER_DIR.set(ledger_dir.map(Path::to_path_buf));
}

/// Records the digest of the ledger this run loaded (the first one, if several).
pub fn record_ledger(digest: &str) {
    let _ = LEDGER_DIGEST.set(digest.to_string());
}

/// What this run read, for the `provenance` member of the JSON documents it prints. A document
/// that did not need the ledger names the ledger the run was configured with all the same (as the
/// server and Python do), so that the same document has the same provenance everywhere; a
/// `--ledger` directory that cannot be read gives `null`.
pub fn current() -> sco_documents::provenance::Provenance {
    let digest =
        LEDGER_DIGEST
            .get()
            .cloned()
            .or_else(|| match LEDGER_DIR.get().cloned().flatten() {
                Some(dir) => sco_ledger::LedgerFiles::from_dir(&dir)
                    .ok()
                    .map(|files| files.digest()),
                None => Some(sco_ledger::LedgerFiles::embedded().digest()),
            });
    sco_documents::provenance::Provenance::new(digest)
}

/// Key-value pairs for a file's metadata: the version, the data digest, and the ledger digest
/// when this run loaded a ledger.
pub fn metadata() -> Vec<(&'static str, String)> {
    let mut pairs = vec![
        ("sco_twin_version", env!("CARGO_PKG_VERSION").to_string()),
        ("sco_data_digest", sco_data::embedded::digest().to_string()),
    ];
    if let Some(digest) = LEDGER_DIGEST.get() {
        pairs.push(("sco_ledger_digest", digest.clone()));
    }
    pairs
}
