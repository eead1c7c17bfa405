//! Property tests of the decision-model, KTAB scenario and case parsers: any text, and valid files with bytes
//! inserted, deleted or replaced, end in a profile or in an error that names the file (and its
//! line when the text has one), never in a panic. Few cases by default so CI stays quick; set
//! `PROPTEST_CASES` for a longer run.

use proptest::prelude::*;
use sco_decide::load::{parse_str, Format, LineIndex};

const TOML_CASE: &str = include_str!("../../sco-decide/tests/fixtures/cases/three-actors.toml");
const ACTOR_CSV: &str = include_str!("../../sco-decide/tests/fixtures/eum/eu-emissions-1994.csv");
const DECIDE_CSV: &str = include_str!("../../sco-decide/tests/fixtures/exchange/cop21.csv");
const SCO_CASE: &str = include_str!("../../../cases/single-currency.toml");
const KTAB_SCENARIO: &str = include_str!("../../sco-smp/tests/fixtures/SOE-Pol-Comp.csv");

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A valid text with one edit at a random place: a deletion, an insertion or a replacement.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    (
        0..=base.len(),
        0usize..40,
        "[\\x00-\\x7f\u{feff}é\"\\[\\]=,#\n]{0,12}",
    )
        .prop_map(move |(at, cut, insert)| {
            let bytes = base.as_bytes();
            let end = (at + cut).min(bytes.len());
            let mut out = bytes[..at].to_vec();
            out.extend_from_slice(insert.as_bytes());
            out.extend_from_slice(&bytes[end..]);
            String::from_utf8_lossy(&out).into_owned()
        })
}

fn check_profile(text: &str, format: Format) {
    if let Err(error) = parse_str(text, "fuzz-input", format) {
        let message = error.to_string();
        assert!(message.starts_with("fuzz-input"), "unlocated: {message}");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decision_model_parsers_never_panic_on_edited_files(
        toml in mutated(TOML_CASE),
        actors in mutated(ACTOR_CSV),
        decide in mutated(DECIDE_CSV),
    ) {
        check_profile(&toml, Format::Toml);
        check_profile(&actors, Format::ActorCsv);
        check_profile(&decide, Format::DecideCsv);
    }

    #[test]
    fn decision_model_parsers_never_panic_on_any_text(text in "\\PC{0,300}") {
        for format in [Format::Toml, Format::ActorCsv, Format::DecideCsv] {
            check_profile(&text, format);
        }
    }

    #[test]
    fn the_case_parser_names_file_and_line(text in mutated(SCO_CASE)) {
        if let Err(error) = sco_lab::case::parse(&text, "fuzz.toml", "fuzz") {
            let message = error.to_string();
            prop_assert!(message.starts_with("fuzz.toml"), "unlocated: {}", message);
        }
    }

    #[test]
    fn the_ktab_scenario_parser_never_panics(text in mutated(KTAB_SCENARIO)) {
        // Errors of text carry no file name; they must still say where (a line) or what.
        if let Err(error) = sco_smp::Scenario::from_csv_str(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn line_numbers_match_a_plain_count(text in "[a\n]{0,200}", offset in 0usize..220) {
        let expected = text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        prop_assert_eq!(LineIndex::new(&text).line(offset), expected);
    }
}

/// The line numbers of a large file are found in linear time (the old count from the start of
/// the text for each error took quadratic time): 200,000 lookups on a 4 MB text.
#[test]
fn line_numbers_are_linear() {
    let text = "x = 1\n".repeat(700_000);
    let started = std::time::Instant::now();
    let index = LineIndex::new(&text);
    let mut sum = 0;
    for i in 0..200_000 {
        sum += index.line(i * 20);
    }
    assert!(sum > 0);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

/// A case with 60,000 actors is read in linear time and then refused as too large (before, each
/// actor's line was counted from the start of the text: minutes for a file this size).
#[test]
fn a_huge_case_is_read_in_linear_time_and_refused() {
    let mut text = String::from("[[dimensions]]\nname = \"x\"\nmin = 0.0\nmax = 1.0\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "[[actors]]\nname = \"a{i}\"\ncapability = 1.0\nposition = {{ x = 0.5 }}\nsalience = {{ x = 0.5 }}\n"
        ));
    }
    let started = std::time::Instant::now();
    let error = parse_str(&text, "huge.toml", Format::Toml).expect_err("too many actors");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(error.to_string().contains("60000 actors"), "{error}");
}
