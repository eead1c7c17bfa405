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

#[test]
fn an_unknown_flag_kind_names_the_line_and_the_kinds() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "status.toml",
        &format!(
            "[[status]]\ndate = \"2030-01-01\"\nstate = \"MNG\"\nchange = \"application\"\n{SOURCE}\n\n[[status.flags]]\nkind = \"rumour\"\nnote = \"heard it somewhere\"\n"
        ),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "status.toml:{}: `flags.kind` is `rumour`, expected one of: disputed_effect_date, inactive, unconfirmed",
            line + 7
        )
    );
}

#[test]
fn the_next_chair_belongs_on_the_latest_summit_only() {
    let dir = copy_ledger();
    // A later summit makes Bishkek 2026's announcement of the next chair stale.
    append(
        dir.path(),
        "summits.toml",
        &format!("[[summit]]\ndate = \"2027-07-01\"\nbody = \"sco\"\ncity = \"Islamabad\"\nchair = \"PAK\"\nformat = \"in_person\"\n{SOURCE}\n"),
    );
    let text = std::fs::read_to_string(dir.path().join("summits.toml")).unwrap();
    let bishkek_line = text
        .lines()
        .position(|l| l == "date = \"2026-09-01\"")
        .expect("the Bishkek summit")
        + 1;
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!("summits.toml:{bishkek_line}: `next_chair` belongs on the latest meeting only: the chair after an earlier meeting is the host of the next one")
    );
}

#[test]
fn an_unconfirmed_nationality_needs_its_flag() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "officials.toml",
        &format!("[[official]]\npost = \"rats_director\"\nname = \"Test Person\"\niso3_unconfirmed = \"KAZ\"\nfrom = \"2028\"\n{SOURCE}\n"),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "officials.toml:{}: `iso3_unconfirmed` needs a flag of kind `unconfirmed` saying why",
            line + 1
        )
    );
}

#[test]
fn a_meeting_of_heads_of_government_is_checked_like_a_summit() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "heads_of_government.toml",
        &format!("[[meeting]]\ndate = \"2030-10-01\"\ncity = \"Minsk\"\nchair = \"BLR\"\nformat = \"virtual\"\n{SOURCE}\n"),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "heads_of_government.toml:{}: a virtual summit has no `city` (name the chair instead)",
            line + 4
        )
    );
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let dir = copy_ledger();
    let path = dir.path().join("milestones.toml");
    let mut bytes = std::fs::read(&path).unwrap();
    let lines_before = bytes.iter().filter(|b| **b == b'\n').count();
    bytes.extend_from_slice(b"# caf\xe9\n");
    std::fs::write(&path, bytes).unwrap();
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!(
            "milestones.toml:{}: the file is not valid UTF-8",
            lines_before + 1
        )),
        "{error}"
    );
}

#[test]
fn line_numbers_stay_right_and_fast_in_a_large_file() {
    // Ten thousand extra entries: every line number is found by binary search, not by rescanning.
    let dir = copy_ledger();
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&format!(
            "[[milestone]]\ndate = \"2030\"\nkind = \"document\"\nname = \"n{i}\"\nsummary = \"s\"\n{SOURCE}\n\n"
        ));
    }
    text.push_str(&format!(
        "[[milestone]]\ndate = \"2030-13\"\nkind = \"document\"\nname = \"bad\"\nsummary = \"s\"\n{SOURCE}\n"
    ));
    let line = append(dir.path(), "milestones.toml", &text);
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!(
            "milestones.toml:{}: `date`",
            line + 10_000 * 7 + 1
        )),
        "{error}"
    );
}

#[test]
fn a_heads_of_government_meeting_takes_no_body_and_no_next_chair() {
    let dir = copy_ledger();
    let line = append(
        dir.path(),
        "heads_of_government.toml",
        &format!("[[meeting]]\ndate = \"2030-10-01\"\nbody = \"sco\"\ncity = \"Minsk\"\nchair = \"BLR\"\nformat = \"in_person\"\n{SOURCE}\n\n[meeting.next_chair]\nstate = \"CHN\"\n{SOURCE}\n"),
    );
    let error = Ledger::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains(&format!(
            "heads_of_government.toml:{}: `body` is implied in this file",
            line + 2
        )),
        "{error}"
    );
    assert!(
        error.contains("`next_chair` belongs to the summits"),
        "{error}"
    );
}
