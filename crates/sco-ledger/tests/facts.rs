//! Facts of SCO history that are easy to get wrong, pinned against the embedded ledger.
//!
//! Each test states a fact with the date on which it became true and checks the replayed ledger on the
//! day before and on the day itself.

use chrono::NaiveDate;
use sco_domain::{AccessionStage, Iso3, Status};
use sco_ledger::{History, Ledger, Post, SummitBody, SummitFormat};

fn ledger() -> (Ledger, History) {
    let ledger = Ledger::embedded().expect("the embedded ledger parses");
    let history = ledger
        .replay()
        .expect("the embedded ledger passes the rules");
    (ledger, history)
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn iso(code: &str) -> Iso3 {
    Iso3::parse(code).unwrap()
}

fn codes(history: &History, on: &str) -> Vec<String> {
    history
        .snapshot(date(on))
        .members()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

fn standing(history: &History, state: &str, on: &str) -> (Option<Status>, Option<AccessionStage>) {
    let snapshot = history.snapshot(date(on));
    let standing = snapshot.organization.standing(iso(state));
    (
        standing.and_then(|s| s.status),
        standing.and_then(|s| s.accession),
    )
}

#[test]
fn nobody_before_the_shanghai_agreement() {
    let (_, history) = ledger();
    assert!(codes(&history, "1996-04-25").is_empty());
}

#[test]
fn the_shanghai_five_from_april_1996() {
    let (_, history) = ledger();
    assert_eq!(
        codes(&history, "1996-04-26"),
        ["CHN", "KAZ", "KGZ", "RUS", "TJK"]
    );
    assert_eq!(codes(&history, "2001-06-14").len(), 5);
}

#[test]
fn uzbekistan_joins_at_the_founding_of_the_sco() {
    let (_, history) = ledger();
    assert_eq!(
        codes(&history, "2001-06-15"),
        ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    );
}

#[test]
fn india_and_pakistan_stages_of_accession() {
    let (_, history) = ledger();
    for state in ["IND", "PAK"] {
        assert_eq!(standing(&history, state, "2005-07-04"), (None, None));
        assert_eq!(
            standing(&history, state, "2005-07-05"),
            (Some(Status::Observer), None)
        );
        assert_eq!(
            standing(&history, state, "2015-07-09"),
            (Some(Status::Observer), None)
        );
        assert_eq!(
            standing(&history, state, "2015-07-10"),
            (
                Some(Status::Observer),
                Some(AccessionStage::ProcedureStarted)
            )
        );
        assert_eq!(
            standing(&history, state, "2016-06-24"),
            (
                Some(Status::Observer),
                Some(AccessionStage::MemorandumSigned)
            )
        );
        assert_eq!(
            standing(&history, state, "2017-06-08"),
            (
                Some(Status::Observer),
                Some(AccessionStage::MemorandumSigned)
            )
        );
        assert_eq!(
            standing(&history, state, "2017-06-09"),
            (Some(Status::Member), None)
        );
    }
    assert_eq!(codes(&history, "2017-06-09").len(), 8);
}

#[test]
fn iran_waited_as_an_observer_from_2005_to_2023() {
    let (_, history) = ledger();
    assert_eq!(
        standing(&history, "IRN", "2021-09-16"),
        (Some(Status::Observer), None)
    );
    assert_eq!(
        standing(&history, "IRN", "2021-09-17"),
        (
            Some(Status::Observer),
            Some(AccessionStage::ProcedureStarted)
        )
    );
    assert_eq!(
        standing(&history, "IRN", "2022-09-15"),
        (
            Some(Status::Observer),
            Some(AccessionStage::MemorandumSigned)
        )
    );
    assert_eq!(
        standing(&history, "IRN", "2023-07-03").0,
        Some(Status::Observer)
    );
    assert_eq!(
        standing(&history, "IRN", "2023-07-04"),
        (Some(Status::Member), None)
    );
    assert_eq!(codes(&history, "2023-07-04").len(), 9);
}

#[test]
fn belarus_from_dialogue_partner_to_member() {
    let (_, history) = ledger();
    assert_eq!(
        standing(&history, "BLR", "2009-06-16").0,
        Some(Status::DialoguePartner)
    );
    assert_eq!(
        standing(&history, "BLR", "2015-07-10").0,
        Some(Status::Observer)
    );
    assert_eq!(
        standing(&history, "BLR", "2022-09-16"),
        (
            Some(Status::Observer),
            Some(AccessionStage::ProcedureStarted)
        )
    );
    assert_eq!(
        standing(&history, "BLR", "2023-07-04"),
        (
            Some(Status::Observer),
            Some(AccessionStage::MemorandumSigned)
        )
    );
    assert_eq!(
        standing(&history, "BLR", "2024-07-03").0,
        Some(Status::Observer)
    );
    assert_eq!(
        standing(&history, "BLR", "2024-07-04"),
        (Some(Status::Member), None)
    );
    assert_eq!(codes(&history, "2024-07-04").len(), 10);
}

#[test]
fn observers_before_the_first_enlargement() {
    let (_, history) = ledger();
    let snapshot = history.snapshot(date("2016-01-01"));
    let observers: Vec<String> = snapshot.observers().iter().map(|c| c.to_string()).collect();
    assert_eq!(observers, ["AFG", "BLR", "IND", "IRN", "MNG", "PAK"]);
    let partners: Vec<String> = snapshot
        .dialogue_partners()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(partners, ["ARM", "AZE", "KHM", "LKA", "NPL", "TUR"]);
}

#[test]
fn tianjin_merges_observers_and_dialogue_partners_into_partners() {
    let (_, history) = ledger();
    let before = history.snapshot(date("2025-08-30"));
    assert!(before.partners().is_empty());
    assert_eq!(before.observers(), vec![iso("AFG"), iso("MNG")]);
    let after = history.snapshot(date("2025-09-01"));
    assert!(after.observers().is_empty());
    assert!(after.dialogue_partners().is_empty());
    assert_eq!(after.partners().len(), 17);
    assert!(after.partners().contains(&iso("LAO")));
    assert_eq!(after.members().len(), 10);
}

#[test]
fn every_sco_summit_from_2001_to_2025_once_a_year() {
    let (ledger, _) = ledger();
    let summits = ledger.sco_summits();
    let years: Vec<i32> = summits
        .iter()
        .map(|s| chrono::Datelike::year(&s.date))
        .collect();
    assert_eq!(years, (2001..=2025).collect::<Vec<_>>());
    let five: Vec<_> = ledger
        .summits
        .iter()
        .filter(|s| s.body == SummitBody::ShanghaiFive)
        .collect();
    assert_eq!(five.len(), 5);
}

#[test]
fn the_virtual_and_hybrid_summits() {
    let (ledger, _) = ledger();
    let by_year = |year: i32| {
        ledger
            .sco_summits()
            .into_iter()
            .find(|s| chrono::Datelike::year(&s.date) == year)
            .unwrap()
    };
    let moscow_2020 = by_year(2020);
    assert_eq!(moscow_2020.format, SummitFormat::Virtual);
    assert_eq!(moscow_2020.chair, iso("RUS"));
    assert_eq!(moscow_2020.city, None);
    assert_eq!(moscow_2020.date, date("2020-11-10"));
    let delhi_2023 = by_year(2023);
    assert_eq!(delhi_2023.format, SummitFormat::Virtual);
    assert_eq!(delhi_2023.chair, iso("IND"));
    assert_eq!(by_year(2021).format, SummitFormat::Hybrid);
    assert_eq!(by_year(2021).chair, iso("TJK"));
    let astana_2017 = by_year(2017);
    assert_eq!(astana_2017.date, date("2017-06-08"));
    assert_eq!(astana_2017.city.as_deref(), Some("Astana"));
    assert_eq!(by_year(2025).city.as_deref(), Some("Tianjin"));
    assert_eq!(by_year(2022).city.as_deref(), Some("Samarkand"));
}

#[test]
fn secretaries_general_in_order() {
    let (ledger, _) = ledger();
    let holders: Vec<(String, i32)> = ledger
        .officials_of(Post::SecretaryGeneral)
        .iter()
        .map(|o| (o.iso3.to_string(), o.from.year))
        .collect();
    let expected = [
        ("CHN", 2004),
        ("KAZ", 2007),
        ("KGZ", 2010),
        ("RUS", 2013),
        ("TJK", 2016),
        ("UZB", 2019),
        ("CHN", 2022),
        ("KAZ", 2025),
    ];
    let expected: Vec<(String, i32)> = expected.iter().map(|(c, y)| (c.to_string(), *y)).collect();
    assert_eq!(holders, expected);
}

#[test]
fn rats_directors_in_order() {
    let (ledger, _) = ledger();
    let states: Vec<String> = ledger
        .officials_of(Post::RatsDirector)
        .iter()
        .map(|o| o.iso3.to_string())
        .collect();
    assert_eq!(
        states,
        ["UZB", "KGZ", "KAZ", "CHN", "RUS", "TJK", "UZB", "KGZ"]
    );
}

#[test]
fn every_entry_cites_a_defined_source() {
    let (ledger, _) = ledger();
    let mut cited = 0;
    let refs = ledger
        .status
        .iter()
        .flat_map(|e| &e.sources)
        .chain(ledger.summits.iter().flat_map(|s| &s.sources))
        .chain(ledger.officials.iter().flat_map(|o| &o.sources))
        .chain(ledger.milestones.iter().flat_map(|m| &m.sources));
    for reference in refs {
        assert!(ledger.source(&reference.id).is_some(), "{}", reference.id);
        cited += 1;
    }
    assert!(cited > 100);
}
