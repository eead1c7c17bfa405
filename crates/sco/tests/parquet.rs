//! `--parquet FILE` on every data command: each command that prints CSV also writes the same
//! rows as typed Parquet, and each state listed carries its COW and Gleditsch-Ward numbers.

mod common;

use chrono::NaiveDate;
use common::Sco;
use parquet::basic::Type as PhysicalType;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

/// One invocation of each command that prints rows (subcommands included).
const COMMANDS: &[&[&str]] = &[
    &["members"],
    &["members", "--at", "2005-07-05"],
    &["summits"],
    &["officials"],
    &["timeline"],
    &["state", "IND"],
    &["weight"],
    &["weight", "--by-member"],
    &["weight", "series", "--from", "2015", "--to", "2020"],
    &["cohesion"],
    &["compare"],
    &["claims"],
    &["rules"],
    &["sources"],
    &["charter"],
    &["organs"],
    &["check"],
    &["predict"],
    &["panel", "--from", "2020", "--to", "2021"],
    &["panel", "dyads", "--from", "2021", "--to", "2021"],
    &["panel", "cow-igo"],
    &["decide", "cases"],
    &["decide", "case", "development-bank"],
    &["decide", "expansion", "--draws", "200"],
    &["decide", "expansion", "development-bank"],
    &["decide", "anti-western"],
    &["decide", "case", "development-bank", "--coding"],
    &["cohesion", "series", "--from", "2020", "--to", "2021"],
    &["compare", "series", "--from", "2020", "--to", "2021"],
    &["simulate", "--list"],
];

fn run(args: &[&str]) -> String {
    Sco::new(args).success()
}

/// Whether a Parquet field holds what the CSV cell says.
fn same(field: &Field, cell: &str) -> bool {
    match field {
        Field::Null => cell.is_empty(),
        Field::Long(v) => cell.parse::<i64>() == Ok(*v),
        Field::Int(v) => cell.parse::<i32>() == Ok(*v),
        Field::Double(v) => cell.parse::<f64>().is_ok_and(|c| c == *v),
        Field::Bool(v) => cell == v.to_string(),
        Field::Str(v) => cell == v,
        Field::Date(days) => NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok_and(|d| {
            (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() == i64::from(*days)
        }),
        _ => false,
    }
}

#[test]
fn every_data_command_writes_its_csv_rows_as_typed_parquet() {
    let dir = tempfile::tempdir().unwrap();
    for (index, args) in COMMANDS.iter().enumerate() {
        let path = dir.path().join(format!("{index}.parquet"));
        let mut with = args.to_vec();
        let path_text = path.to_str().unwrap().to_string();
        with.extend(["--csv", "--parquet", &path_text]);
        let csv_text = run(&with);
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        // Tidy for machines: identifiers as names, no table placeholder, no percentages.
        for name in &headers {
            assert!(
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "sco {args:?}: column name {name:?} is not snake_case"
            );
        }
        for record in &records {
            for cell in record {
                assert!(cell != "—", "sco {args:?}: a dash for a missing value");
                let percent = cell.strip_suffix('%').or_else(|| cell.strip_suffix("%*"));
                assert!(
                    percent.is_none_or(|n| n.parse::<f64>().is_err()),
                    "sco {args:?}: a percentage {cell:?} in CSV"
                );
            }
        }

        let file = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        let metadata = file.metadata().file_metadata();
        let names: Vec<String> = metadata
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        assert_eq!(
            names, headers,
            "sco {args:?}: the Parquet columns are the CSV's"
        );
        let keys: Vec<&str> = metadata
            .key_value_metadata()
            .map(|kv| kv.iter().map(|k| k.key.as_str()).collect())
            .unwrap_or_default();
        for key in ["sco_twin_version", "sco_data_digest"] {
            assert!(keys.contains(&key), "sco {args:?}: {keys:?}");
        }
        // Every command that reads the ledger names it by its digest.
        if ![
            "rules", "sources", "charter", "organs", "decide", "simulate",
        ]
        .contains(&args[0])
        {
            assert!(
                keys.contains(&"sco_ledger_digest"),
                "sco {args:?}: {keys:?}"
            );
        }
        let rows: Vec<_> = file
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(rows.len(), records.len(), "sco {args:?}");
        for (row, record) in rows.iter().zip(&records) {
            for ((name, field), cell) in row.get_column_iter().zip(record.iter()) {
                assert!(
                    same(field, cell),
                    "sco {args:?}: column {name}: Parquet {field:?}, CSV {cell:?}"
                );
            }
        }
        assert!(
            std::fs::read_dir(dir.path()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")),
            "sco {args:?} left a temporary file"
        );
    }
}

#[test]
fn columns_are_typed_and_states_carry_their_cow_and_gw_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.parquet");
    // The table still goes to stdout; the file is written besides.
    let table = run(&["members", "--parquet", path.to_str().unwrap()]);
    assert!(table.contains("India"), "{table}");
    let file = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let schema = file.metadata().file_metadata().schema_descr_ptr();
    let column = |name: &str| {
        schema
            .columns()
            .iter()
            .find(|c| c.name() == name)
            .unwrap_or_else(|| panic!("no column {name}"))
            .clone()
    };
    assert_eq!(column("ccode").physical_type(), PhysicalType::INT64);
    assert_eq!(column("gwcode").physical_type(), PhysicalType::INT64);
    assert_eq!(column("suspended").physical_type(), PhysicalType::BOOLEAN);
    assert_eq!(column("since").physical_type(), PhysicalType::INT32); // DATE
    assert_eq!(column("iso3").physical_type(), PhysicalType::BYTE_ARRAY);

    // Listings of states, whatever the column is called, carry both numbers.
    for (args, header) in [
        (&["officials"][..], "iso3,ccode,gwcode,"),
        (&["summits"][..], "chair,chair_ccode,chair_gwcode,"),
        (&["timeline"][..], "state,state_ccode,state_gwcode,"),
        (&["weight", "--by-member"][..], "iso3,ccode,gwcode,"),
    ] {
        let mut with = args.to_vec();
        with.push("--csv");
        let text = run(&with);
        assert!(
            text.lines().next().unwrap().contains(header),
            "{args:?}: {text}"
        );
    }
    let summits = run(&["summits", "--csv"]);
    assert!(summits.contains(",Shanghai,CHN,710,710,"), "{summits}");

    // An empty path is refused before anything runs.
    let output = Sco::new(&["members", "--parquet", ""]).output();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn version_names_the_digests_every_parquet_file_carries() {
    let version = Sco::new(&["version", "--json"]).json();
    for key in ["ledger_digest", "data_digest"] {
        let digest = version[key].as_str().unwrap();
        assert!(
            digest.starts_with("sha256:") && digest.len() == 71,
            "{version}"
        );
    }
    assert_eq!(version["ledger"], "embedded");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.parquet");
    run(&["members", "--json", "--parquet", path.to_str().unwrap()]);
    let file = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let metadata = file
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .unwrap();
    let value = |key: &str| {
        metadata
            .iter()
            .find(|kv| kv.key == key)
            .and_then(|kv| kv.value.clone())
            .unwrap_or_else(|| panic!("no {key}"))
    };
    assert_eq!(
        value("sco_ledger_digest"),
        version["ledger_digest"].as_str().unwrap()
    );
    assert_eq!(
        value("sco_data_digest"),
        version["data_digest"].as_str().unwrap()
    );
    assert_eq!(
        value("sco_twin_version"),
        version["version"].as_str().unwrap()
    );
}
