//! What users see from `sco weight`, `sco compare`, `sco cohesion` and `sco claims`:
//! tables and errors snapshotted, the JSON contract checked against a direct computation
//! from the World Bank file, and charts written as real SVG and PNG files.

mod common;

use common::Sco;

fn run(args: &[&str]) -> std::process::Output {
    Sco::new(args).output()
}

fn sco(args: &[&str]) -> String {
    Sco::new(args).transcript()
}

fn json(args: &[&str]) -> serde_json::Value {
    Sco::new(args).json()
}

#[test]
fn weight_of_the_eight_members_in_2019() {
    insta::assert_snapshot!(sco(&["weight", "--at", "2019-12-31"]));
}

#[test]
fn weight_of_the_2017_membership_without_india() {
    insta::assert_snapshot!(sco(&[
        "weight",
        "--at",
        "2017-06-09",
        "--without",
        "IND",
        "--measures",
        "population,gdp_usd,gdp_ppp"
    ]));
}

#[test]
fn weight_by_member_with_observers() {
    insta::assert_snapshot!(sco(&[
        "weight",
        "--at",
        "2022-09-16",
        "--group",
        "members+observers",
        "--data-year",
        "2021",
        "--measures",
        "population,gdp_ppp",
        "--by-member"
    ]));
}

#[test]
fn missing_military_data_under_each_policy() {
    insta::assert_snapshot!(sco(&[
        "weight",
        "--at",
        "2015-12-31",
        "--measures",
        "milex_sipri",
        "--missing",
        "require"
    ]));
    insta::assert_snapshot!(sco(&[
        "weight",
        "--at",
        "2015-12-31",
        "--measures",
        "milex_sipri",
        "--missing",
        "nearest:3",
        "--csv"
    ]));
}

#[test]
fn a_year_without_data_says_so_and_hints() {
    insta::assert_snapshot!(sco(&[
        "weight",
        "--at",
        "2026-01-01",
        "--measures",
        "population,gdp_ppp"
    ]));
}

#[test]
fn weight_errors_are_bad_input() {
    insta::assert_snapshot!(sco(&["weight", "--group", "warsaw-pact"]));
    insta::assert_snapshot!(sco(&["weight", "--measures", "gdp"]));
    insta::assert_snapshot!(sco(&["weight", "--group", "list:CHN,QQQ"]));
    insta::assert_snapshot!(sco(&["weight", "--missing", "sometimes"]));
}

#[test]
fn weight_json_contract_matches_a_direct_computation() {
    let v = json(&["weight", "--at", "2024-07-04", "--json"]);
    assert_eq!(v["data_year"], 2024);
    assert_eq!(v["membership_date"], "2024-07-04");
    let members: Vec<String> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        members,
        ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]
    );
    // Recompute from the World Bank file with plain code.
    let path = format!(
        "{}/../../data/datasets/wb_indicators.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    let (mut group, mut world) = ([0.0f64; 3], [0.0f64; 3]);
    for row in reader.records() {
        let row = row.unwrap();
        if &row[3] != "2024" {
            continue;
        }
        let values = [&row[4], &row[5], &row[15]].map(|t| t.parse::<f64>().unwrap_or(f64::NAN));
        if &row[0] == "WLD" {
            world = values;
        } else if members.iter().any(|m| m == &row[0]) {
            for i in 0..3 {
                group[i] += values[i];
            }
        }
    }
    for (i, field) in ["population_share", "gdp_usd_share", "gdp_ppp_share"]
        .iter()
        .enumerate()
    {
        let got = v[field].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&got));
        assert!(
            (got - group[i] / world[i]).abs() < 1e-12,
            "{field}: {got} vs {}",
            group[i] / world[i]
        );
    }
    let sources: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"wb-wdi"));
}

#[test]
fn compare_the_sco_with_other_groupings() {
    insta::assert_snapshot!(sco(&[
        "compare",
        "--at",
        "2020-12-31",
        "--measures",
        "population,gdp_usd,gdp_ppp,area",
        "--cohesion"
    ]));
}

#[test]
fn cohesion_of_the_members_in_2019() {
    insta::assert_snapshot!(sco(&["cohesion", "--at", "2019-12-31"]));
}

#[test]
fn weight_series_as_csv() {
    insta::assert_snapshot!(sco(&[
        "weight", "series", "--from", "2015", "--to", "2019", "--csv"
    ]));
}

#[test]
fn claims_verdicts() {
    insta::assert_snapshot!(sco(&["claims"]));
}

#[test]
fn charts_are_written_as_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("sco");
    let out = run(&[
        "weight",
        "series",
        "--from",
        "2014",
        "--to",
        "2018",
        "--measures",
        "gdp_ppp",
        "--chart",
        stem.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(dir.path().join("sco-gdp_ppp.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let svg = std::fs::read_to_string(dir.path().join("sco-gdp_ppp.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("IND") && svg.contains("share of world"));
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}
