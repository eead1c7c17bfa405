//! A broken ledger is reported with the file, the line and what is wrong.

use std::path::Path;

use sco_ledger::{Ledger, LedgerError, LEDGER_FILE_NAMES};

/// Copies the repository's ledger into a temporary directory.
fn copy_ledger() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ledger");
    let dir = tempfile::tempdir().unwrap();
    for name in LEDGER_FILE_NAMES {
        std::fs::copy(source.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn append(dir: &Path, file: &str, text: &str) -> usize {
    let path = dir.join(file);
    let mut content = std::fs::read_to_string(&path).unwrap();
    if !content.ends_with('\n') {
        content.push('\n');
    }
    let line = content.lines().count() + 2;
    content.push('\n');
    content.push_str(text);
    std::fs::write(path, content).unwrap();
    line
}

const SOURCE: &str = r#"sources = [{ id = "seed-003", at = "test" }]"#;

#[test]
fn the_repository_ledger_loads_from_a_directory() {
    let dir = copy_ledger();
    let ledger = Ledger::from_dir(dir.path()).unwrap();
    assert!(ledger.replay().is_ok());
}

#[test]
fn an_unknown_state_names_file_and_line() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "status.toml",
        &format!(
            "[[status]]\ndate = \"2030-01-01\"\nstate = \"XYZ\"\nchange = \"observer\"\n{SOURCE}\n"
        ),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!("status.toml:{}: `state`: unknown state `XYZ`", line + 2)
    );
}

#[test]
fn an_impossible_date_names_file_and_line() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "summits.toml",
        &format!("[[summit]]\ndate = \"2030-02-30\"\nbody = \"sco\"\ncity = \"Bishkek\"\nchair = \"KGZ\"\nformat = \"in_person\"\n{SOURCE}\n"),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!("summits.toml:{}: `date`", line + 1)),
        "{error}"
    );
}

#[test]
fn a_misspelt_key_is_an_error_not_a_silent_omission() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "officials.toml",
        &format!("[[official]]\npost = \"secretary_general\"\nname = \"X\"\niso3 = \"KGZ\"\nfrom = \"2028\"\nuntil = \"2030\"\n{SOURCE}\n"),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err();
    let LedgerError::Syntax { location, message } = error else {
        panic!("expected a syntax error, got {error}");
    };
    assert_eq!(location.file, "officials.toml");
    assert!(
        location.line >= line && location.line <= line + 6,
        "{location}"
    );
    assert!(message.contains("until"), "{message}");
}

#[test]
fn an_unknown_source_is_reported() {
    let dir = copy_ledger();
    append(
        dir.path(),
        "milestones.toml",
        "[[milestone]]\ndate = \"2030\"\nkind = \"document\"\nname = \"X\"\nsummary = \"Y\"\nsources = [{ id = \"nowhere\", at = \"p. 1\" }]\n",
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert!(error.contains("unknown source `nowhere`"), "{error}");
    assert!(error.starts_with("milestones.toml:"), "{error}");
}

#[test]
fn an_admission_without_accession_is_rejected_by_the_rules_with_its_line() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "status.toml",
        &format!(
            "[[status]]\ndate = \"2030-01-01\"\nstate = \"MNG\"\nchange = \"admitted\"\n{SOURCE}\n"
        ),
    );
    let ledger = Ledger::from_dir(dir.path()).unwrap();
    let error = ledger.replay().unwrap_err();
    let LedgerError::Rejected(rejection) = &error else {
        panic!("expected a rejection, got {error}");
    };
    assert_eq!(
        rejection.location.to_string(),
        format!("status.toml:{}", line + 1)
    );
    assert!(
        rejection.reasons.contains("memorandum_signed"),
        "{}",
        rejection.reasons
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let dir = copy_ledger();
    append(
        dir.path(),
        "status.toml",
        &format!(
            "[[status]]\ndate = \"2030-01-01\"\nstate = \"XYZ\"\nchange = \"joined\"\n{SOURCE}\n"
        ),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err();
    let LedgerError::Many(errors) = error else {
        panic!("expected several errors, got {error}");
    };
    assert_eq!(errors.len(), 2);
}

#[test]
fn a_missing_file_names_its_path() {
    let dir = copy_ledger();
    std::fs::remove_file(dir.path().join("summits.toml")).unwrap();
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert!(error.contains("summits.toml"), "{error}");
}
