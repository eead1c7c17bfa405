//! The record against the rules: the departures of practice the check must find, and no others.

use sco_ledger::{check_record, FindingKind, Ledger};

#[test]
fn chair_departures_are_the_known_ones() {
    let ledger = Ledger::embedded().unwrap();
    let history = ledger.replay().unwrap();
    let findings = check_record(&ledger, &history);
    let chair_years: Vec<i32> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::ChairOutOfOrder)
        .map(|f| f.year)
        .collect();
    // 2004: Uzbekistan after Russia; 2008–2010 and 2014–2016: Tajikistan before Russia;
    // 2020: Pakistan passed over; 2024: Iran passed over.
    assert_eq!(
        chair_years,
        [2004, 2008, 2009, 2010, 2014, 2015, 2016, 2020, 2024]
    );
    let y2020 = findings
        .iter()
        .find(|f| f.kind == FindingKind::ChairOutOfOrder && f.year == 2020)
        .unwrap();
    assert!(y2020.message.contains("Pakistan"), "{}", y2020.message);
    assert!(y2020.location.to_string().starts_with("summits.toml:"));
}

#[test]
fn no_summit_was_chaired_by_a_non_member_and_every_year_had_one() {
    let ledger = Ledger::embedded().unwrap();
    let history = ledger.replay().unwrap();
    let findings = check_record(&ledger, &history);
    assert!(!findings.iter().any(|f| matches!(
        f.kind,
        FindingKind::ChairNotMember | FindingKind::SummitFrequency
    )));
}
