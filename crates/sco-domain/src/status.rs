//! The statuses a state can hold in the SCO, and the stages of accession.
//!
//! A state holds at most one status at a time ([`Status`]); a state on its way to membership also
//! carries an [`AccessionStage`] while keeping the status it holds (India was an observer while its
//! accession ran from 2015 to 2017). Suspension is a flag on a member, not a separate status: a
//! suspended member is still a member (Charter, Article 13).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A status a state can hold in the SCO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A member state (or, before 15 June 2001, a participant of the Shanghai Five).
    Member,
    /// An observer state (Regulation on Observer Status, 2004).
    Observer,
    /// A dialogue partner (Regulation on Dialogue Partner Status, 2008).
    DialoguePartner,
    /// The single "SCO partner" status decided at the Tianjin summit in 2025.
    Partner,
}

impl Status {
    /// The machine name used in JSON and CSV (`member`, `observer`, `dialogue_partner`, `partner`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Member => "member",
            Status::Observer => "observer",
            Status::DialoguePartner => "dialogue_partner",
            Status::Partner => "partner",
        }
    }

    /// A label for people.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Member => "member state",
            Status::Observer => "observer state",
            Status::DialoguePartner => "dialogue partner",
            Status::Partner => "SCO partner",
        }
    }

    /// Whether the status is one of the non-member tiers from which accession may start.
    pub fn is_partner_tier(&self) -> bool {
        matches!(
            self,
            Status::Observer | Status::DialoguePartner | Status::Partner
        )
    }
}

/// The stages of the admission procedure a non-member goes through before it is admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessionStage {
    /// The Council of Heads of State decided to start the procedure of admission.
    ProcedureStarted,
    /// The memorandum of obligations for obtaining member status was signed.
    MemorandumSigned,
}

impl AccessionStage {
    /// The machine name used in JSON and CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            AccessionStage::ProcedureStarted => "procedure_started",
            AccessionStage::MemorandumSigned => "memorandum_signed",
        }
    }
}

/// Which framework a membership belongs to: the Shanghai Five (1996–2001) or the SCO (from 2001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// The Shanghai Five process of annual summits, 1996–2001.
    ShanghaiFive,
    /// The Shanghai Cooperation Organisation, from 15 June 2001.
    Sco,
}

/// Everything the SCO records about one state at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// The status held, if any (`None` after withdrawal or expulsion).
    pub status: Option<Status>,
    /// The date the current status took effect.
    pub since: NaiveDate,
    /// The framework of a membership.
    pub framework: Framework,
    /// The stage of an ongoing accession, if any.
    pub accession: Option<AccessionStage>,
    /// Whether the membership is suspended.
    pub suspended: bool,
    /// Whether the state took part in the Shanghai Five from 1996.
    pub shanghai_five_founder: bool,
    /// Whether the state is a founding member of the SCO (15 June 2001).
    pub sco_founder: bool,
}
