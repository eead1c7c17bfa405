//! Replaying the ledger: the state of the organization on any date.
//!
//! Status changes are applied in date order through [`sco_domain::Organization::apply`], which asks the
//! Charter rules whether each change is allowed. A change the rules reject is reported with its file and
//! line; the replay goes on without it so that every rejected entry is reported at once.

use chrono::NaiveDate;
use sco_domain::status::Framework;
use sco_domain::{AccessionStage, Iso3, Organization, Status, StatusChange};
use serde::Serialize;

use crate::error::Rejection;
use crate::model::{Flag, Ledger, StatusEvent};
use crate::LedgerError;

/// One step of the replay: an accepted status change.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// The ledger entry.
    pub event: StatusEvent,
}

/// The organization through time.
#[derive(Debug, Clone)]
pub struct History {
    /// The organization after all changes of each date, in date order.
    states: Vec<(NaiveDate, Organization)>,
    /// The accepted changes in order.
    pub timeline: Vec<TimelineEntry>,
}

/// The organization on one date.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The date asked for.
    pub date: NaiveDate,
    /// The organization on that date (after that day's changes).
    pub organization: Organization,
}

/// One state's standing on a date, flattened for tables, JSON and CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipRow {
    /// ISO3 code.
    pub iso3: Iso3,
    /// English name.
    pub name: String,
    /// `member`, `observer`, `dialogue_partner` or `partner`.
    pub status: Status,
    /// Since when the status is held.
    pub since: NaiveDate,
    /// Stage of an ongoing accession.
    pub accession_stage: Option<AccessionStage>,
    /// Whether a membership is suspended.
    pub suspended: bool,
    /// `shanghai_five` before 15 June 2001, `sco` after.
    pub framework: Framework,
    /// Uncertainties recorded on the entries that gave the state its present standing (the
    /// entries of the day it has held its status since) that apply on the date, e.g. an
    /// `inactive` observer.
    pub flags: Vec<Flag>,
}

impl Ledger {
    /// Replays every status change through the rules. Rejected entries are all reported, each with its
    /// file and line.
    pub fn replay(&self) -> Result<History, LedgerError> {
        let mut organization = Organization::default();
        let mut states: Vec<(NaiveDate, Organization)> = Vec::new();
        let mut timeline = Vec::new();
        let mut errors = Vec::new();
        for event in &self.status {
            match organization.apply(event.date, event.state, event.change) {
                Ok(()) => {
                    timeline.push(TimelineEntry {
                        event: event.clone(),
                    });
                    match states.last_mut() {
                        Some((date, state)) if *date == event.date => *state = organization.clone(),
                        _ => states.push((event.date, organization.clone())),
                    }
                }
                Err(verdict) => {
                    let reasons: Vec<String> =
                        verdict.reasons.iter().map(|r| r.message.clone()).collect();
                    errors.push(LedgerError::Rejected(Box::new(Rejection {
                        location: event.location.clone(),
                        state: event.state.to_string(),
                        change: event.change.as_str().to_string(),
                        date: event.date.to_string(),
                        reasons: reasons.join("; "),
                    })));
                }
            }
        }
        LedgerError::collect(errors)?;
        Ok(History { states, timeline })
    }
}

impl History {
    /// The organization on `date` (after that day's changes).
    pub fn snapshot(&self, date: NaiveDate) -> Snapshot {
        let index = self.states.partition_point(|(d, _)| *d <= date);
        let organization = if index == 0 {
            Organization::default()
        } else {
            self.states[index - 1].1.clone()
        };
        Snapshot { date, organization }
    }

    /// The first and last dates on which something changed.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.states.first()?.0, self.states.last()?.0))
    }

    /// The accepted changes concerning one state.
    pub fn of_state(&self, state: Iso3) -> Vec<&StatusEvent> {
        self.timeline
            .iter()
            .map(|t| &t.event)
            .filter(|e| e.state == state)
            .collect()
    }

    /// The dates on which the membership (the set of member states) changed.
    pub fn membership_changes(&self) -> Vec<NaiveDate> {
        self.timeline
            .iter()
            .map(|t| &t.event)
            .filter(|e| {
                matches!(
                    e.change,
                    StatusChange::ShanghaiFive
                        | StatusChange::FoundingMember
                        | StatusChange::Admitted
                        | StatusChange::Expelled
                        | StatusChange::Withdrawn
                )
            })
            .map(|e| e.date)
            .fold(Vec::new(), |mut dates, date| {
                if dates.last() != Some(&date) {
                    dates.push(date);
                }
                dates
            })
    }
}

impl Snapshot {
    /// Member states (suspended ones included), sorted by code.
    pub fn members(&self) -> Vec<Iso3> {
        self.organization.members()
    }

    /// Observer states, sorted by code.
    pub fn observers(&self) -> Vec<Iso3> {
        self.organization.with_status(Status::Observer)
    }

    /// Dialogue partners, sorted by code.
    pub fn dialogue_partners(&self) -> Vec<Iso3> {
        self.organization.with_status(Status::DialoguePartner)
    }

    /// SCO partners (the status decided at Tianjin in 2025), sorted by code.
    pub fn partners(&self) -> Vec<Iso3> {
        self.organization.with_status(Status::Partner)
    }

    /// Every state holding a status, as rows ordered by status (members first), then code.
    pub fn rows(&self, ledger: &Ledger) -> Vec<MembershipRow> {
        let mut rows: Vec<MembershipRow> = self
            .organization
            .holders()
            .filter_map(|(iso3, standing)| {
                Some(MembershipRow {
                    iso3,
                    name: ledger.directory.name_en(iso3),
                    status: standing.status?,
                    since: standing.since,
                    accession_stage: standing.accession,
                    suspended: standing.suspended,
                    framework: standing.framework,
                    flags: ledger
                        .status
                        .iter()
                        .filter(|e| e.state == iso3 && e.date == standing.since)
                        .flat_map(|e| e.flags.iter())
                        .filter(|f| f.applies_on(self.date))
                        .cloned()
                        .fold(Vec::new(), |mut flags, flag| {
                            if !flags.contains(&flag) {
                                flags.push(flag);
                            }
                            flags
                        }),
                })
            })
            .collect();
        rows.sort_by_key(|r| (r.status, r.iso3));
        rows
    }
}
