//! `sco decide case | cases | expansion | anti-western`: what users see, snapshotted.

mod common;

use std::path::Path;

use common::Sco;

fn sco_in(args: &[&str], dir: Option<&Path>) -> String {
    match dir {
        Some(dir) => Sco::new(args).current_dir(dir).transcript(),
        None => Sco::new(args).transcript(),
    }
}

fn sco(args: &[&str]) -> String {
    sco_in(args, None)
}

#[test]
fn the_shipped_cases() {
    insta::assert_snapshot!(sco(&["decide", "cases"]));
}

#[test]
fn foreign_bases_with_every_model() {
    insta::assert_snapshot!(sco(&["decide", "case", "foreign-bases-2005"]));
}

#[test]
fn development_bank_compromise_with_the_2017_members() {
    insta::assert_snapshot!(sco(&[
        "decide",
        "case",
        "development-bank",
        "--model",
        "compromise",
        "--membership",
        "sco-2017"
    ]));
}

#[test]
fn india_case_as_tidy_csv() {
    insta::assert_snapshot!(sco(&[
        "decide",
        "case",
        "india-softer-balancing",
        "--model",
        "compromise",
        "--csv"
    ]));
}

#[test]
fn single_currency_under_each_membership() {
    insta::assert_snapshot!(sco(&["decide", "expansion", "single-currency"]));
}

#[test]
fn random_agendas_on_a_square() {
    insta::assert_snapshot!(sco(&[
        "decide",
        "expansion",
        "--agenda",
        "uniform2",
        "--draws",
        "2000"
    ]));
}

#[test]
fn anti_western_declaration_with_2023_positions() {
    insta::assert_snapshot!(sco(&["decide", "anti-western", "--positions", "2023"]));
}

#[test]
fn a_broken_case_file_names_file_line_and_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = sco_lab::case::SHIPPED
        .iter()
        .find(|(id, _)| *id == "foreign-bases-2005")
        .expect("shipped")
        .1
        .replace("salience = { bases = 0.9 }", "salience = { bases = 9.0 }");
    std::fs::write(dir.path().join("broken.toml"), text).expect("written");
    insta::assert_snapshot!(sco_in(&["decide", "case", "broken.toml"], Some(dir.path())));
}

#[test]
fn an_unknown_case_is_bad_input() {
    insta::assert_snapshot!(sco(&["decide", "case", "no-such-case"]));
}

#[test]
fn case_json_carries_the_coding_and_the_run() {
    let v = Sco::new(&[
        "decide",
        "case",
        "development-bank",
        "--model",
        "compromise",
        "--json",
    ])
    .json();
    assert_eq!(v["coding"]["date"], "2015-07-10");
    assert!(v["coding"]["actors"][0]["why"]["position"].is_string());
    assert_eq!(v["run"]["models"][0]["model"], "compromise");
    assert_eq!(v["run"]["models"][0]["judgement"]["binding_veto"], "RUS");
    assert_eq!(v["run"]["proposals"][0]["judgement"]["binding_veto"], "RUS");
}

#[test]
fn charts_are_written_as_svg_and_png() {
    let dir = tempfile::tempdir().expect("temp dir");
    let stem = dir.path().join("bases");
    let out = sco(&[
        "decide",
        "case",
        "foreign-bases-2005",
        "--model",
        "eum",
        "--chart",
        stem.to_str().expect("utf-8 path"),
    ]);
    assert!(out.starts_with("exit: 0"), "{out}");
    let svg = std::fs::read_to_string(stem.with_extension("svg")).expect("svg written");
    assert!(svg.contains("<svg") && svg.contains("KGZ"));
    let png = std::fs::read(stem.with_extension("png")).expect("png written");
    assert!(png.starts_with(b"\x89PNG"));
}
