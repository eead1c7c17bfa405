//! Reading KTAB's logs in the tests that compare our runs with KTAB: fixture paths, the
//! history blocks KTAB prints, and "equal to the printed precision".
#![allow(dead_code)]

use std::path::PathBuf;

/// A file in `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The text of a file in `tests/fixtures`.
pub fn read_fixture(name: &str) -> String {
    let path = fixture(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Rows of a history block (label, values) after the line starting with `title`, until the
/// first line that is not `label<sep>numbers`.
pub fn history_block(log: &str, title: &str, label_sep: &str) -> Vec<(String, Vec<f64>)> {
    let mut rows = Vec::new();
    for line in log.lines().skip_while(|l| !l.starts_with(title)).skip(1) {
        let Some((label, values)) = line.split_once(label_sep) else {
            break;
        };
        let values: Result<Vec<f64>, _> = values.split_whitespace().map(str::parse).collect();
        match values {
            Ok(v) if !v.is_empty() => rows.push((label.trim().to_string(), v)),
            _ => break,
        }
    }
    rows
}

/// True when `x` prints as `printed` with `decimals` decimals (half-unit tolerance).
pub fn matches_printed(x: f64, printed: f64, decimals: i32) -> bool {
    (x - printed).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9
}
