//! The state-year panel against the ledger's replay, pinned rows, dyads and the COW comparison.

use std::collections::BTreeSet;

use sco_data::{Embedded, Measure};
use sco_documents::panel::{
    cow_igo_disagreements, disagreements_markdown, dyads, igo_code, panel, DayOfYear, PanelError,
    PanelRequest, PanelRow, StateSystem,
};
use sco_domain::Iso3;
use sco_ledger::{History, Ledger};

fn ledger() -> (Ledger, History) {
    let ledger = Ledger::embedded().unwrap();
    let history = ledger.replay().unwrap();
    (ledger, history)
}

fn row<'a>(rows: &'a [PanelRow], iso3: &str, year: i32) -> &'a PanelRow {
    rows.iter()
        .find(|r| r.iso3 == iso3 && r.year == year)
        .unwrap_or_else(|| panic!("no row for {iso3} {year}"))
}

#[test]
fn every_row_agrees_with_the_replay_on_its_day() {
    let (ledger, history) = ledger();
    for system in [StateSystem::Cow, StateSystem::Gw, StateSystem::Iso3] {
        for day in ["12-31", "07-01", "01-01"] {
            let mut request = PanelRequest::new(2026);
            request.system = system;
            request.day = DayOfYear::parse(day).unwrap();
            let document = panel(&ledger, &history, &Embedded, &request).unwrap();
            assert_eq!(document.metadata.row_count, document.rows.len());
            let mut seen = BTreeSet::new();
            for year in 1996..=2026 {
                let date = request.day.in_year(year).unwrap();
                let snapshot = history.snapshot(date);
                let rows: Vec<&PanelRow> =
                    document.rows.iter().filter(|r| r.year == year).collect();
                assert!(rows.len() > 150, "{system:?} {year}: {} rows", rows.len());
                for r in &rows {
                    assert!(seen.insert((r.year, r.iso3.clone())), "duplicate {r:?}");
                    let status = snapshot.organization.status(Iso3::parse(&r.iso3).unwrap());
                    assert_eq!(
                        r.status,
                        status.map_or("none", |s| s.as_str()),
                        "{} on {date}",
                        r.iso3
                    );
                    assert_eq!(r.igo_code, igo_code(status));
                    assert_eq!(r.framework.is_some(), status.is_some());
                }
                // Every status holder of the day has its row.
                for (iso3, _) in snapshot.organization.holders() {
                    assert!(
                        rows.iter().any(|r| r.iso3 == iso3.as_str()),
                        "{iso3} missing in {year}"
                    );
                }
            }
        }
    }
}

#[test]
fn pinned_rows() {
    let (ledger, history) = ledger();
    let document = panel(&ledger, &history, &Embedded, &PanelRequest::new(2025)).unwrap();
    let rows = &document.rows;
    let ind_2016 = row(rows, "IND", 2016);
    assert_eq!((ind_2016.status, ind_2016.igo_code), ("observer", 3));
    assert_eq!(ind_2016.accession_stage, Some("memorandum_signed"));
    let ind_2017 = row(rows, "IND", 2017);
    assert_eq!((ind_2017.status, ind_2017.igo_code), ("member", 1));
    assert_eq!((ind_2017.ccode, ind_2017.gwcode), (Some(750), Some(750)));
    assert_eq!(row(rows, "IRN", 2023).status, "member");
    assert_eq!(row(rows, "IRN", 2022).status, "observer");
    assert_eq!(row(rows, "BLR", 2024).status, "member");
    let afg = row(rows, "AFG", 2025);
    assert_eq!((afg.status, afg.igo_code), ("partner", 3));
    assert!(afg.flags.split(';').any(|f| f == "inactive"), "{afg:?}");
    let rus_1996 = row(rows, "RUS", 1996);
    assert_eq!(
        (rus_1996.status, rus_1996.framework),
        ("member", Some("shanghai_five"))
    );
    let uzb_2001 = row(rows, "UZB", 2001);
    assert_eq!(
        (uzb_2001.status, uzb_2001.framework),
        ("member", Some("sco"))
    );
    let usa = row(rows, "USA", 2020);
    assert_eq!((usa.status, usa.igo_code, usa.ccode), ("none", 0, Some(2)));
    assert_eq!((usa.framework, usa.flags.as_str()), (None, ""));
    // Entries into the system after 1996.
    assert!(rows.iter().all(|r| r.iso3 != "SSD" || r.year >= 2011));
    assert!(rows.iter().any(|r| r.iso3 == "SSD" && r.year == 2011));
    // One row per state and year, in year then code order.
    let count_2020 = rows.iter().filter(|r| r.year == 2020).count();
    assert_eq!(count_2020, rows.iter().filter(|r| r.year == 2021).count());
    assert!(rows
        .windows(2)
        .all(|w| (w[0].year, &w[0].iso3) < (w[1].year, &w[1].iso3)));
}

#[test]
fn the_day_of_the_year_moves_accessions() {
    let (ledger, history) = ledger();
    let mut request = PanelRequest::new(2017);
    request.from = 2017;
    request.day = DayOfYear::parse("01-01").unwrap();
    let document = panel(&ledger, &history, &Embedded, &request).unwrap();
    assert_eq!(row(&document.rows, "IND", 2017).status, "observer");
    assert_eq!(document.metadata.day, "01-01");
    assert!(document.metadata.status_rule.contains("YEAR-01-01"));
}

#[test]
fn requests_are_checked() {
    assert!(DayOfYear::parse("02-29").is_none());
    assert!(DayOfYear::parse("13-01").is_none());
    assert!(DayOfYear::parse("1231").is_none());
    assert_eq!(DayOfYear::parse("07-01").unwrap().to_string(), "07-01");
    assert!(StateSystem::parse("polity").is_none());
    let (ledger, history) = ledger();
    let mut request = PanelRequest::new(2000);
    request.from = 1990;
    assert!(matches!(
        panel(&ledger, &history, &Embedded, &request),
        Err(PanelError::TooEarly(1990))
    ));
    request.from = 2001;
    assert!(matches!(
        panel(&ledger, &history, &Embedded, &request),
        Err(PanelError::Backwards { .. })
    ));
}

#[test]
fn indicators_are_joined_and_missing_values_stay_missing() {
    let (ledger, history) = ledger();
    let mut request = PanelRequest::new(2024);
    request.from = 2020;
    request.with = sco_documents::panel::parse_indicators("population,gdp_ppp").unwrap();
    assert_eq!(request.with, vec![Measure::Population, Measure::GdpPpp]);
    let document = panel(&ledger, &history, &Embedded, &request).unwrap();
    let chn = row(&document.rows, "CHN", 2020);
    assert!(chn.indicators.0[0].1.unwrap() > 1.0e9);
    // Taiwan is absent from the World Bank files: null, never zero.
    let twn = row(&document.rows, "TWN", 2020);
    assert_eq!(twn.indicators.0[0].1, None);
    let json = serde_json::to_value(twn).unwrap();
    assert!(json["population"].is_null());
    assert!(sco_documents::panel::parse_indicators("gdp,population").is_err());
}

#[test]
fn dyads_of_joint_membership() {
    let (ledger, history) = ledger();
    let mut request = PanelRequest::new(2017);
    request.from = 2016;
    let document = dyads(&ledger, &history, &Embedded, &request).unwrap();
    let find = |year: i32, a: &str, b: &str| {
        document
            .rows
            .iter()
            .find(|r| r.year == year && r.iso3_a == a && r.iso3_b == b)
    };
    assert!(!find(2016, "CHN", "IND").unwrap().joint_member);
    assert!(find(2016, "CHN", "IND").unwrap().joint_status);
    assert!(find(2017, "CHN", "IND").unwrap().joint_member);
    assert!(find(2017, "IND", "PAK").unwrap().joint_member);
    assert_eq!(find(2017, "CHN", "USA").unwrap().ccode_b, Some(2));
    assert!(find(2017, "FRA", "USA").is_none(), "neither holds a status");
    assert!(find(2017, "IND", "CHN").is_none(), "undirected, a before b");
    assert!(document.rows.iter().all(|r| r.iso3_a < r.iso3_b));
    assert_eq!(document.metadata.direction, "undirected");
}

#[test]
fn docs_panel_md_lists_every_disagreement_with_cow() {
    let (ledger, history) = ledger();
    let cow = sco_data::embedded::cow_igo().unwrap();
    let runs = cow_igo_disagreements(&ledger, &history, &Embedded, cow).unwrap();
    assert!(!runs.is_empty());
    let table = disagreements_markdown(&runs);
    let doc = include_str!("../../../docs/panel.md");
    let begin = "<!-- cow-disagreements:begin -->\n";
    let end = "<!-- cow-disagreements:end -->";
    let start = doc.find(begin).expect("begin marker") + begin.len();
    let stop = doc.find(end).expect("end marker");
    assert_eq!(
        &doc[start..stop],
        table,
        "docs/panel.md is out of date; the table should read:\n{table}"
    );
}
