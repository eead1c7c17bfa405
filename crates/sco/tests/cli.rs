//! What users see from the `sco` command line, snapshotted: output, help and errors, with exit codes.

mod common;

use std::path::Path;

use common::{copy_ledger, ledger_where_uzbekistan_withdraws_in_2010, Sco};

/// Runs `sco` with arguments and returns a transcript: exit code, stdout and stderr.
fn sco(args: &[&str]) -> String {
    Sco::new(args).transcript()
}

fn sco_in(args: &[&str], ledger: &Path) -> String {
    Sco::new(args).ledger(ledger).transcript()
}

fn json(args: &[&str]) -> serde_json::Value {
    Sco::new(args).json()
}

#[test]
fn help() {
    insta::assert_snapshot!(sco(&["--help"]));
}

#[test]
fn overview_on_the_day_india_and_pakistan_joined() {
    insta::assert_snapshot!(sco(&["overview", "--at", "2017-06-09"]));
}

#[test]
fn overview_in_the_shanghai_five_years() {
    insta::assert_snapshot!(sco(&["overview", "--at", "1998-01-01"]));
}

#[test]
fn members_table_in_2024() {
    insta::assert_snapshot!(sco(&["members", "--at", "2024-07-04"]));
}

#[test]
fn members_json_contract() {
    let value = json(&["members", "--at", "2023-07-04", "--json"]);
    let rows = value.as_array().unwrap();
    let members: Vec<&str> = rows
        .iter()
        .filter(|r| r["status"] == "member")
        .map(|r| r["iso3"].as_str().unwrap())
        .collect();
    assert_eq!(
        members,
        ["CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]
    );
    let belarus = rows.iter().find(|r| r["iso3"] == "BLR").unwrap();
    assert_eq!(belarus["status"], "observer");
    assert_eq!(belarus["accession_stage"], "memorandum_signed");
    for row in rows {
        let status = row["status"].as_str().unwrap();
        assert!(["member", "observer", "dialogue_partner", "partner"].contains(&status));
    }
}

#[test]
fn members_csv_after_tianjin() {
    insta::assert_snapshot!(sco(&["members", "--at", "2025-09-01", "--csv"]));
}

#[test]
fn summits_json_contract() {
    let value = json(&["summits", "--json"]);
    let summits = value.as_array().unwrap();
    assert_eq!(summits.len(), 25);
    for summit in summits {
        assert!(summit["date"].as_str().unwrap().len() == 10);
        assert!(summit["chair"].as_str().unwrap().len() == 3);
        let format = summit["format"].as_str().unwrap();
        assert!(["in_person", "virtual", "hybrid"].contains(&format));
        assert_eq!(summit["city"].is_null(), format == "virtual");
    }
    let first = &summits[0];
    assert_eq!(first["date"], "2001-06-14");
    assert_eq!(first["city"], "Shanghai");
    assert_eq!(first["chair"], "CHN");
}

#[test]
fn summits_table() {
    insta::assert_snapshot!(sco(&["summits", "--include-shanghai-five"]));
}

#[test]
fn officials_json_contract() {
    let value = json(&["officials", "--json"]);
    let officials = value.as_array().unwrap();
    assert_eq!(officials.len(), 16);
    for official in officials {
        let post = official["post"].as_str().unwrap();
        assert!(["secretary_general", "rats_director"].contains(&post));
        assert!(official["name"].is_string());
        assert!(official["iso3"].as_str().unwrap().len() == 3);
        assert!(official["from"].is_string());
        assert!(official.get("to").is_some());
    }
}

#[test]
fn officials_table() {
    insta::assert_snapshot!(sco(&["officials"]));
}

#[test]
fn state_history_of_iran() {
    insta::assert_snapshot!(sco(&["state", "IRN"]));
}

#[test]
fn timeline_of_accessions_between_2015_and_2017() {
    insta::assert_snapshot!(sco(&[
        "timeline",
        "--from",
        "2015-01-01",
        "--to",
        "2017-12-31",
        "--kind",
        "status"
    ]));
}

#[test]
fn check_of_the_record() {
    insta::assert_snapshot!(sco(&["check"]));
}

#[test]
fn predictions_as_of_the_end_of_2025() {
    insta::assert_snapshot!(sco(&["predict", "--at", "2025-12-31"]));
}

#[test]
fn rules_catalogue() {
    insta::assert_snapshot!(sco(&["rules"]));
}

#[test]
fn error_bad_date() {
    insta::assert_snapshot!(sco(&["members", "--at", "2017-02-30"]));
}

#[test]
fn error_unknown_state() {
    insta::assert_snapshot!(sco(&["state", "Atlantis"]));
}

#[test]
fn error_unknown_timeline_kind() {
    insta::assert_snapshot!(sco(&["timeline", "--kind", "coronation"]));
}

#[test]
fn error_malformed_ledger_file_names_file_and_line() {
    let dir = copy_ledger();
    std::fs::write(
        dir.path().join("summits.toml"),
        "[[summit]]\ndate = \"2001-06-15\"\nbody = \"sco\"\ncity = \"Shanghai\"\nchair = \"CHN\"\nformat = \"on_a_boat\"\nsources = [{ id = \"seed-003\", at = \"x\" }]\n",
    )
    .unwrap();
    let transcript = sco_in(&["summits"], dir.path());
    let transcript = transcript.replace(&dir.path().display().to_string(), "[LEDGER]");
    insta::assert_snapshot!(transcript);
}

#[test]
fn check_reports_a_rejected_entry_and_exits_1() {
    let dir = copy_ledger();
    let status = dir.path().join("status.toml");
    let mut text = std::fs::read_to_string(&status).unwrap();
    text.push_str("\n[[status]]\ndate = \"2030-01-01\"\nstate = \"MNG\"\nchange = \"admitted\"\nsources = [{ id = \"seed-003\", at = \"x\" }]\n");
    std::fs::write(&status, text).unwrap();
    let transcript = sco_in(&["check"], dir.path());
    assert!(transcript.starts_with("exit: 1\n"), "{transcript}");
    assert!(transcript.contains("status.toml:"), "{transcript}");
    assert!(transcript.contains("MNG"), "{transcript}");
}

#[test]
fn admission_next_step_for_belarus_in_2023() {
    insta::assert_snapshot!(sco(&["admission", "BLR", "--at", "2023-01-01"]));
}

#[test]
fn admission_refused_with_reasons_exits_1() {
    insta::assert_snapshot!(sco(&[
        "admission",
        "AFG",
        "--at",
        "2024-01-01",
        "--under-un-sanctions"
    ]));
}

#[test]
fn charter_article_16() {
    insta::assert_snapshot!(sco(&["charter", "16"]));
}

#[test]
fn decide_case_takes_its_membership_from_the_ledger_in_use() {
    let dir = ledger_where_uzbekistan_withdraws_in_2010();
    let value = Sco::new(&["decide", "case", "development-bank", "--json"])
        .ledger(dir.path())
        .json();
    let members: Vec<&str> = value["run"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(members, ["CHN", "KAZ", "KGZ", "RUS", "TJK"]);
}

#[test]
fn decide_case_membership_by_date_reads_the_ledger_in_use() {
    let dir = ledger_where_uzbekistan_withdraws_in_2010();
    let value = Sco::new(&[
        "decide",
        "case",
        "development-bank",
        "--membership",
        "2015-07-10",
        "--json",
    ])
    .ledger(dir.path())
    .json();
    let members = value["run"]["members"].as_array().unwrap();
    assert!(!members.iter().any(|m| m == "UZB"), "{members:?}");
    assert_eq!(members.len(), 5);
}
