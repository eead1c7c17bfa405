//! What a run of `sco` read, for the metadata of the files it writes.
//!
//! Why: a paper that used a Parquet file from `sco` should be able to say exactly what produced
//! it: the version, the ledger (embedded or a directory of the user's) and the embedded data.
//! The ledger is loaded in one place ([`crate::commands::load`]), which records its digest here;
//! writers read it back with [`metadata`].

use std::sync::OnceLock;

static LEDGER_DIGEST: OnceLock<String> = OnceLock::new();

/// Records the digest of the ledger this run loaded (the first one, if several).
pub fn record_ledger(digest: &str) {
    let _ = LEDGER_DIGEST.set(digest.to_string());
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
