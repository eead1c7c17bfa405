//! `sco panel`: the CSV contract, Parquet types and metadata, dyads, the COW comparison, refusals;
//! `sco completions` and `sco man`.

mod common;

use common::Sco;
use parquet::basic::{Repetition, Type as PhysicalType};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, RowAccessor};

fn ok(args: &[&str]) -> String {
    Sco::new(args).success()
}

#[test]
fn the_csv_panel_has_one_row_per_state_and_year() {
    let text = ok(&["panel", "--from", "1996", "--to", "2025", "--csv"]);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("year,iso3,ccode,gwcode,status,"),
        "{header}"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let mut seen = std::collections::BTreeSet::new();
    for row in &rows {
        assert!(seen.insert((row[0], row[1])), "duplicate {row:?}");
        assert!(!row.contains(&"—"), "a dash in CSV: {row:?}");
        assert!(["none", "member", "observer", "dialogue_partner", "partner"].contains(&row[4]));
    }
    let years: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0]).collect();
    assert_eq!(years.len(), 30);
    let find = |year: &str, iso3: &str| {
        rows.iter()
            .find(|r| r[0] == year && r[1] == iso3)
            .unwrap_or_else(|| panic!("{iso3} {year}"))
    };
    assert_eq!(find("2016", "IND")[4], "observer");
    assert_eq!(find("2017", "IND")[4], "member");
    assert_eq!(find("2023", "IRN")[4], "member");
    assert_eq!(find("2025", "AFG")[4], "partner");
    assert_eq!(&find("2010", "FRA")[2..6], ["220", "220", "none", "0"]);
}

#[test]
fn the_json_panel_states_its_rule() {
    let value = Sco::new(&[
        "panel", "--from", "2017", "--to", "2017", "--day", "01-01", "--json",
    ])
    .json();
    assert_eq!(value["metadata"]["day"], "01-01");
    assert!(value["metadata"]["status_rule"]
        .as_str()
        .unwrap()
        .contains("YEAR-01-01"));
    let india = value["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["iso3"] == "IND")
        .unwrap();
    assert_eq!(india["status"], "observer");
    let help = ok(&["panel", "--help"]);
    assert!(help.contains("31 December"), "{help}");
}

#[test]
fn parquet_has_typed_columns_nulls_and_the_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.parquet");
    let csv = ok(&[
        "panel",
        "--from",
        "2019",
        "--to",
        "2020",
        "--with",
        "population,gdp_ppp",
        "--parquet",
        path.to_str().unwrap(),
        "--csv",
    ]);
    // Taiwan has no World Bank figures: empty cells, never zero.
    assert!(
        csv.contains("\n2020,TWN,713,713,none,0,,,false,,,\n"),
        "{csv}"
    );
    assert!(!dir.path().join(".panel.parquet.tmp").exists());
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let types: Vec<(String, PhysicalType, bool)> = schema
        .columns()
        .iter()
        .map(|c| {
            let info = c.self_type().get_basic_info();
            (
                c.name().to_string(),
                c.physical_type(),
                info.repetition() == Repetition::OPTIONAL,
            )
        })
        .collect();
    let column = |i: usize| (types[i].0.as_str(), types[i].1, types[i].2);
    assert_eq!(column(0), ("year", PhysicalType::INT32, false));
    assert_eq!(column(2), ("ccode", PhysicalType::INT32, true));
    assert_eq!(column(3), ("gwcode", PhysicalType::INT32, true));
    assert_eq!(column(8), ("suspended", PhysicalType::BOOLEAN, false));
    assert_eq!(column(10), ("population", PhysicalType::DOUBLE, true));
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap())
        .collect();
    assert_eq!(rows.len(), csv.lines().count() - 1);
    assert_eq!(rows[0].get_int(0).unwrap(), 2019);
    assert!(!rows[0].get_bool(8).unwrap());
    let twn = rows
        .iter()
        .find(|r| r.get_string(1).unwrap() == "TWN")
        .expect("Taiwan has a row");
    let population = twn
        .get_column_iter()
        .nth(10)
        .map(|(_, field)| field.clone());
    assert_eq!(
        population,
        Some(Field::Null),
        "a missing figure is null, not zero"
    );
    let stored = reader
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .and_then(|kv| kv.iter().find(|k| k.key == "sco_panel"))
        .and_then(|k| k.value.clone())
        .expect("the metadata under sco_panel");
    let metadata: serde_json::Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(metadata["day"], "12-31");
    assert_eq!(metadata["indicators"][1]["id"], "gdp_ppp");
}

#[test]
fn dyads_and_the_cow_comparison() {
    let text = ok(&["panel", "dyads", "--from", "2017", "--to", "2017", "--csv"]);
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("year,iso3_a,iso3_b,ccode_a,ccode_b,"));
    assert!(header.contains("joint_member"));
    assert!(text.contains("\n2017,IND,PAK,750,770,750,770,member,member,true,true\n"));
    let markdown = ok(&["panel", "cow-igo", "--markdown"]);
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/panel.md"),
    )
    .unwrap();
    assert!(
        doc.contains(markdown.trim_end()),
        "docs/panel.md differs from:\n{markdown}"
    );
}

#[test]
fn refusals_are_bad_input() {
    for args in [
        &["panel", "--day", "02-29"][..],
        &["panel", "--from", "1990"],
        &["panel", "--from", "2010", "--to", "2000"],
        &["panel", "--with", "happiness"],
        &["panel", "--system", "polity"],
    ] {
        let output = Sco::new(args).output();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn completions_and_the_manual_page() {
    for shell in ["bash", "zsh", "fish"] {
        let script = ok(&["completions", shell]);
        assert!(script.contains("panel"), "{shell}");
    }
    let page = ok(&["man"]);
    assert!(page.contains(".TH sco 1"), "{page}");
    assert!(page.contains("panel"));
}
