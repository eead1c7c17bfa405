//! The state of the organization on one date, and how a change of status moves it forward.
//!
//! [`Organization`] is a plain value: the standing of every state that holds or held a status. Replaying
//! the ledger means starting from [`Organization::default`] and calling [`Organization::apply`] for each
//! event in date order. A change that the rules reject leaves the organization untouched and returns the
//! rule's [`Verdict`] so the caller can say which ledger entry was wrong and why.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::rules::status_changes;
use crate::status::{Framework, Standing, Status};
use crate::{AccessionStage, Iso3, Verdict};

/// A change in one state's standing, as recorded in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    /// Takes part in the Shanghai Five from its first agreement.
    ShanghaiFive,
    /// Founding member state of the SCO.
    FoundingMember,
    /// Granted observer status.
    Observer,
    /// Granted dialogue-partner status.
    DialoguePartner,
    /// Holds the single "SCO partner" status (Tianjin, 2025).
    Partner,
    /// Applies formally for a status or for membership (changes nothing).
    Application,
    /// The procedure of admission as a member starts.
    AccessionStarted,
    /// The memorandum of obligations is signed.
    MemorandumSigned,
    /// Admitted as a member state.
    Admitted,
    /// Membership suspended.
    Suspended,
    /// Suspension lifted.
    Reinstated,
    /// Expelled from the organization.
    Expelled,
    /// Withdrew from the organization.
    Withdrawn,
    /// A non-member status ends without membership.
    StatusEnded,
}

impl StatusChange {
    /// Every change, in the order the ledger documentation lists them.
    pub const ALL: [StatusChange; 14] = [
        StatusChange::ShanghaiFive,
        StatusChange::FoundingMember,
        StatusChange::Observer,
        StatusChange::DialoguePartner,
        StatusChange::Partner,
        StatusChange::Application,
        StatusChange::AccessionStarted,
        StatusChange::MemorandumSigned,
        StatusChange::Admitted,
        StatusChange::Suspended,
        StatusChange::Reinstated,
        StatusChange::Expelled,
        StatusChange::Withdrawn,
        StatusChange::StatusEnded,
    ];

    /// The machine name used in ledger files, JSON and CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            StatusChange::ShanghaiFive => "shanghai_five",
            StatusChange::FoundingMember => "founding_member",
            StatusChange::Observer => "observer",
            StatusChange::DialoguePartner => "dialogue_partner",
            StatusChange::Partner => "partner",
            StatusChange::Application => "application",
            StatusChange::AccessionStarted => "accession_started",
            StatusChange::MemorandumSigned => "memorandum_signed",
            StatusChange::Admitted => "admitted",
            StatusChange::Suspended => "suspended",
            StatusChange::Reinstated => "reinstated",
            StatusChange::Expelled => "expelled",
            StatusChange::Withdrawn => "withdrawn",
            StatusChange::StatusEnded => "status_ended",
        }
    }

    /// Parses a machine name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// The founding date of the SCO: the Declaration on its establishment, Shanghai, 15 June 2001.
pub fn sco_founding_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2001, 6, 15).unwrap_or(NaiveDate::MIN)
}

/// The standing of every state on one date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Organization {
    standings: BTreeMap<Iso3, Standing>,
}

impl Organization {
    /// The standing of a state, if it has ever held a status.
    pub fn standing(&self, state: Iso3) -> Option<&Standing> {
        self.standings.get(&state)
    }

    /// The status a state holds, if any.
    pub fn status(&self, state: Iso3) -> Option<Status> {
        self.standing(state).and_then(|s| s.status)
    }

    /// Every state that holds a status, with its standing, in code order.
    pub fn holders(&self) -> impl Iterator<Item = (Iso3, &Standing)> {
        self.standings
            .iter()
            .filter(|(_, standing)| standing.status.is_some())
            .map(|(iso3, standing)| (*iso3, standing))
    }

    /// The states holding one status, in code order.
    pub fn with_status(&self, status: Status) -> Vec<Iso3> {
        self.holders()
            .filter(|(_, standing)| standing.status == Some(status))
            .map(|(iso3, _)| iso3)
            .collect()
    }

    /// The member states (suspended ones included), in code order.
    pub fn members(&self) -> Vec<Iso3> {
        self.with_status(Status::Member)
    }

    /// The member states whose membership is not suspended: those who take part in consensus.
    pub fn voting_members(&self) -> Vec<Iso3> {
        self.holders()
            .filter(|(_, s)| s.status == Some(Status::Member) && !s.suspended)
            .map(|(iso3, _)| iso3)
            .collect()
    }

    /// Whether the organization is, on this date, the Shanghai Five rather than the SCO.
    pub fn framework(&self) -> Option<Framework> {
        self.holders()
            .find(|(_, s)| s.status == Some(Status::Member))
            .map(|(_, s)| s.framework)
    }

    /// Applies a change on a date. A change the rules reject leaves `self` untouched and returns the
    /// rule's "no" with its reasons.
    pub fn apply(
        &mut self,
        date: NaiveDate,
        state: Iso3,
        change: StatusChange,
    ) -> Result<(), Verdict> {
        let current = self.standings.get(&state);
        let verdict = status_changes::check(self, date, state, change);
        if !verdict.allowed {
            return Err(verdict);
        }
        let fresh = |status: Option<Status>, framework: Framework| Standing {
            status,
            since: date,
            framework,
            accession: None,
            suspended: false,
            shanghai_five_founder: current.is_some_and(|c| c.shanghai_five_founder),
            sco_founder: current.is_some_and(|c| c.sco_founder),
        };
        let next = match change {
            StatusChange::ShanghaiFive => Some(Standing {
                shanghai_five_founder: true,
                ..fresh(Some(Status::Member), Framework::ShanghaiFive)
            }),
            StatusChange::FoundingMember => Some(Standing {
                sco_founder: true,
                ..fresh(Some(Status::Member), Framework::Sco)
            }),
            StatusChange::Observer => Some(fresh(Some(Status::Observer), Framework::Sco)),
            StatusChange::DialoguePartner => {
                Some(fresh(Some(Status::DialoguePartner), Framework::Sco))
            }
            StatusChange::Partner => Some(Standing {
                accession: current.and_then(|c| c.accession),
                ..fresh(Some(Status::Partner), Framework::Sco)
            }),
            StatusChange::Application => None,
            StatusChange::AccessionStarted => current.map(|c| Standing {
                accession: Some(AccessionStage::ProcedureStarted),
                ..c.clone()
            }),
            StatusChange::MemorandumSigned => current.map(|c| Standing {
                accession: Some(AccessionStage::MemorandumSigned),
                ..c.clone()
            }),
            StatusChange::Admitted => Some(fresh(Some(Status::Member), Framework::Sco)),
            StatusChange::Suspended => current.map(|c| Standing {
                suspended: true,
                ..c.clone()
            }),
            StatusChange::Reinstated => current.map(|c| Standing {
                suspended: false,
                ..c.clone()
            }),
            StatusChange::Expelled | StatusChange::Withdrawn | StatusChange::StatusEnded => {
                Some(fresh(None, Framework::Sco))
            }
        };
        if let Some(next) = next {
            self.standings.insert(state, next);
        }
        Ok(())
    }
}
