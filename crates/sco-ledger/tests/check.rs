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

#[test]
fn bishkek_2026_follows_the_alphabetical_order_and_pakistan_comes_next() {
    // Китай (China, 2025) → Кыргызстан (Kyrgyzstan, 2026) → Пакистан (Pakistan, announced for 2027):
    // the 2026 summit adds no departure, and the announced next chair is the rotation's next member.
    let ledger = Ledger::embedded().unwrap();
    let history = ledger.replay().unwrap();
    let findings = check_record(&ledger, &history);
    assert!(!findings.iter().any(|f| f.year == 2026), "{findings:?}");
    let bishkek = ledger.sco_summits().into_iter().last().unwrap();
    assert_eq!(bishkek.date.to_string(), "2026-09-01");
    let members = history.snapshot(bishkek.date).members();
    let next = sco_domain::rules::chair_rotation::ring_successor(
        &ledger.directory,
        &members,
        bishkek.chair,
    );
    assert_eq!(
        next,
        bishkek.next_chair.as_ref().map(|n| n.state),
        "the announced chair is the one the rotation names"
    );
}
