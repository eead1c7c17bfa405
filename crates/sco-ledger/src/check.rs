//! The record against the rules: where practice departed from the written rule.
//!
//! These are findings, not errors: the Charter says the chair rotates "as a rule" in alphabetical order,
//! and practice used that latitude. Each finding names the rule, the ledger entry and what happened.

use chrono::{Datelike, Duration};
use sco_domain::rules::chair_rotation::{self, ChairTurn};
use sco_domain::rules::rats_director_term;
use sco_domain::rules::secretary_general_rotation::{self, Tenure, TenureDeparture};
use sco_domain::{Citation, Iso3};
use serde::Serialize;

use crate::history::History;
use crate::model::{Ledger, Official, Post};
use crate::Location;

/// What kind of departure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A summit chaired out of the Russian alphabetical order.
    ChairOutOfOrder,
    /// A summit chaired by a state that was not a member on its eve.
    ChairNotMember,
    /// A calendar year with no regular summit, or with more than one.
    SummitFrequency,
    /// A Secretary-General from a state other than the alphabetical order designates.
    SecretaryGeneralOutOfOrder,
    /// A term that is not three years as recorded.
    TermLength,
    /// Two consecutive holders of a post from the same state.
    SameStateTwice,
}

/// One departure of practice from a written rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// The year it concerns.
    pub year: i32,
    /// What happened, in a sentence.
    pub message: String,
    /// The rule departed from.
    pub rule: Citation,
    /// The ledger entry it concerns.
    pub location: Location,
}

/// The holders of a post as the rotation rules see them: nationality, term, and the member states on
/// the eve of each appointment.
pub fn tenures(history: &History, officials: &[&Official]) -> Vec<Tenure> {
    officials
        .iter()
        .map(|o| Tenure {
            iso3: o.iso3,
            name: o.name.clone(),
            from: o.from,
            to: o.to,
            members: history
                .snapshot(o.from.earliest() - Duration::days(1))
                .members(),
        })
        .collect()
}

fn name(ledger: &Ledger, iso3: Iso3) -> String {
    ledger.directory.name_en(iso3)
}

/// Checks the whole record and returns every departure, in date order.
pub fn check_record(ledger: &Ledger, history: &History) -> Vec<Finding> {
    let mut findings = Vec::new();
    let summits = ledger.sco_summits();
    let turns: Vec<ChairTurn> = summits
        .iter()
        .map(|s| ChairTurn {
            date: s.date,
            chair: s.chair,
            members: history.snapshot(s.date - Duration::days(1)).members(),
        })
        .collect();
    for (summit, turn) in summits.iter().zip(&turns) {
        if summit.date >= chair_rotation::charter_in_force() && !turn.members.contains(&turn.chair)
        {
            findings.push(Finding {
                kind: FindingKind::ChairNotMember,
                year: summit.date.year(),
                message: format!(
                    "{} chaired the {} summit without being a member on its eve",
                    name(ledger, summit.chair),
                    summit.date.year()
                ),
                rule: chair_rotation::CITATION,
                location: summit.location.clone(),
            });
        }
    }
    for departure in chair_rotation::check_sequence(&ledger.directory, &turns) {
        let summit = summits.iter().find(|s| s.date == departure.date);
        findings.push(Finding {
            kind: FindingKind::ChairOutOfOrder,
            year: departure.date.year(),
            message: format!(
                "{} chaired the {} summit; after {} the Russian alphabetical order gives {}",
                name(ledger, departure.actual),
                departure.date.year(),
                name(ledger, departure.previous),
                name(ledger, departure.expected)
            ),
            rule: chair_rotation::CITATION,
            location: summit.map(|s| s.location.clone()).unwrap_or(Location {
                file: "summits.toml".into(),
                line: 0,
            }),
        });
    }
    if let (Some(first), Some(last)) = (summits.first(), summits.last()) {
        for year in first.date.year()..=last.date.year() {
            let in_year: Vec<_> = summits.iter().filter(|s| s.date.year() == year).collect();
            if in_year.len() != 1 {
                let location = in_year
                    .first()
                    .map(|s| s.location.clone())
                    .unwrap_or(Location {
                        file: "summits.toml".into(),
                        line: 0,
                    });
                findings.push(Finding {
                    kind: FindingKind::SummitFrequency,
                    year,
                    message: format!(
                        "{} regular meetings of the Council of Heads of State in {year}; the Charter provides for one a year",
                        in_year.len()
                    ),
                    rule: Citation::charter("Article 5"),
                    location,
                });
            }
        }
    }
    let secretaries = ledger.officials_of(Post::SecretaryGeneral);
    let sg_tenures = tenures(history, &secretaries);
    let sg_departures = secretary_general_rotation::check(&ledger.directory, &sg_tenures);
    push_tenure_findings(
        ledger,
        &mut findings,
        &secretaries,
        sg_departures,
        secretary_general_rotation::CITATION,
        "Secretary-General",
    );
    let directors = ledger.officials_of(Post::RatsDirector);
    let rats_tenures = tenures(history, &directors);
    push_tenure_findings(
        ledger,
        &mut findings,
        &directors,
        rats_director_term::check(&rats_tenures),
        rats_director_term::CITATION,
        "RATS director",
    );
    findings.sort_by_key(|f| (f.year, f.location.clone()));
    findings
}

fn push_tenure_findings(
    ledger: &Ledger,
    findings: &mut Vec<Finding>,
    officials: &[&Official],
    departures: Vec<TenureDeparture>,
    rule: Citation,
    post: &str,
) {
    for departure in departures {
        let holder = match &departure {
            TenureDeparture::OutOfOrder { name, .. }
            | TenureDeparture::TermLength { name, .. }
            | TenureDeparture::SameStateTwice { name, .. } => name.clone(),
        };
        let Some(official) = officials.iter().find(|o| o.name == holder) else {
            continue;
        };
        let (kind, message) = match &departure {
            TenureDeparture::OutOfOrder {
                actual, expected, ..
            } => (
                FindingKind::SecretaryGeneralOutOfOrder,
                format!(
                    "{post} {holder} ({}, from {}) is out of the Russian alphabetical order, which gives {}",
                    name(ledger, *actual),
                    official.from,
                    name(ledger, *expected)
                ),
            ),
            TenureDeparture::TermLength { years, .. } => (
                FindingKind::TermLength,
                format!(
                    "{post} {holder} served {} to {}: {years} calendar years, not three",
                    official.from,
                    official.to.map(|t| t.to_string()).unwrap_or_default()
                ),
            ),
            TenureDeparture::SameStateTwice { state, .. } => (
                FindingKind::SameStateTwice,
                format!(
                    "{post} {holder} follows another holder from {}",
                    name(ledger, *state)
                ),
            ),
        };
        findings.push(Finding {
            kind,
            year: official.from.year,
            message,
            rule,
            location: official.location.clone(),
        });
    }
}
