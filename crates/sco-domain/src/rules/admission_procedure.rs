//! The admission procedure: stages, in order, each decided by consensus of all members.
//!
//! What it does: says whether an applicant may take the next step of admission, and whether a decision on
//! that step is adopted. The stages are: the Council of Heads of State decides to start the procedure
//! (the applicant must hold observer, dialogue-partner or partner status); the applicant signs the
//! memorandum of obligations (joining the SCO's treaties); the Council of Heads of State admits it. Each
//! decision of the Council is taken by consensus of all member states.
//!
//! Provision: Charter of the SCO, Article 13 (admission decided by the Council of Heads of State on the
//! recommendation of the Council of Foreign Ministers, on the applicant's request) and Article 16
//! (consensus); Regulation on the Admission of New Members (2010) and the model memorandum of obligations
//! (2014), on the stages.
//!
//! Practice: India and Pakistan went through the stages in 2015 (Ufa), 2016 (Tashkent) and 2017 (Astana);
//! Iran in 2021, 2022 and 2023; Belarus in 2022, 2023 and 2024.

use std::collections::BTreeMap;

use serde::Serialize;

use super::consensus::{self, ConsensusOutcome, Stance};
use crate::{AccessionStage, Citation, DomainError, Iso3, Organization, Reason, Verdict};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "admission_procedure",
    summary: "Admission runs in stages (procedure started, memorandum signed, admitted), each by consensus of all members.",
    citation: CITATION,
};

/// The provision this rule encodes.
pub const CITATION: Citation =
    Citation::charter("Article 13 (admission), with the Regulation on Admission (2010)");

/// A step of the admission procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdmissionStep {
    /// Decision to start the admission procedure.
    StartProcedure,
    /// Signature of the memorandum of obligations.
    SignMemorandum,
    /// Decision to admit as a member.
    Admit,
}

impl AdmissionStep {
    /// The stage an applicant must have reached before this step.
    pub fn required_stage(&self) -> Option<AccessionStage> {
        match self {
            AdmissionStep::StartProcedure => None,
            AdmissionStep::SignMemorandum => Some(AccessionStage::ProcedureStarted),
            AdmissionStep::Admit => Some(AccessionStage::MemorandumSigned),
        }
    }

    /// What the step is called in messages.
    pub fn label(&self) -> &'static str {
        match self {
            AdmissionStep::StartProcedure => "the start of the admission procedure",
            AdmissionStep::SignMemorandum => "the memorandum of obligations",
            AdmissionStep::Admit => "admission as a member state",
        }
    }
}

/// Whether `applicant` may take `step` in `organization` (before any vote).
pub fn may_take_step(organization: &Organization, applicant: Iso3, step: AdmissionStep) -> Verdict {
    let standing = organization.standing(applicant);
    let status = standing.and_then(|s| s.status);
    let stage = standing.and_then(|s| s.accession);
    let not_member = status != Some(crate::Status::Member);
    let mut conditions = vec![(
        not_member,
        Reason::new(
            if not_member {
                format!("{applicant} is not a member state")
            } else {
                format!("{applicant} is already a member state")
            },
            CITATION,
        ),
    )];
    match step.required_stage() {
        None => {
            let holds_tier = status.is_some_and(|s| s.is_partner_tier());
            conditions.push((
                holds_tier,
                Reason::new(
                    match status {
                        Some(s) if holds_tier => format!("{applicant} holds {} status", s.label()),
                        _ => format!(
                            "{applicant} holds no observer, dialogue-partner or partner status"
                        ),
                    },
                    CITATION,
                ),
            ));
            conditions.push((
                stage.is_none(),
                Reason::new(
                    format!("{applicant} has no admission procedure under way"),
                    CITATION,
                ),
            ));
        }
        Some(required) => {
            let reached = stage == Some(required);
            conditions.push((
                reached,
                Reason::new(
                    match stage {
                        Some(s) if reached => {
                            format!("{applicant} has reached the stage {}", s.as_str())
                        }
                        Some(s) => format!(
                            "{} requires the stage {}, but {applicant} is at {}",
                            step.label(),
                            required.as_str(),
                            s.as_str()
                        ),
                        None => format!(
                            "{} requires the stage {}, but {applicant} has no admission procedure under way",
                            step.label(),
                            required.as_str()
                        ),
                    },
                    CITATION,
                ),
            ));
        }
    }
    Verdict::from_conditions(conditions)
}

/// Decides a step: allowed only if the applicant may take it and every voting member consents.
pub fn decide_step(
    organization: &Organization,
    applicant: Iso3,
    step: AdmissionStep,
    stances: &BTreeMap<Iso3, Stance>,
) -> Result<ConsensusOutcome, DomainError> {
    let members = organization.voting_members();
    let mut outcome = consensus::decide(&members, stances)?;
    let eligibility = may_take_step(organization, applicant, step);
    if !eligibility.allowed {
        outcome.adopted = false;
        let mut reasons = eligibility.reasons;
        if !outcome.verdict.allowed {
            reasons.extend(outcome.verdict.reasons);
        }
        outcome.verdict = Verdict::no(reasons);
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StatusChange;
    use chrono::NaiveDate;

    fn iso(code: &str) -> Iso3 {
        Iso3::parse(code).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn sco_2015_with_india_observer() -> Organization {
        let mut org = Organization::default();
        for member in ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"] {
            org.apply(
                date("2001-06-15"),
                iso(member),
                StatusChange::FoundingMember,
            )
            .unwrap();
        }
        org.apply(date("2005-07-05"), iso("IND"), StatusChange::Observer)
            .unwrap();
        org
    }

    #[test]
    fn an_observer_may_start_and_all_consent() {
        let org = sco_2015_with_india_observer();
        let outcome = decide_step(
            &org,
            iso("IND"),
            AdmissionStep::StartProcedure,
            &BTreeMap::new(),
        )
        .unwrap();
        assert!(outcome.adopted);
    }

    #[test]
    fn one_member_can_block_each_stage() {
        let org = sco_2015_with_india_observer();
        let stances = BTreeMap::from([(iso("CHN"), Stance::Objects)]);
        let outcome =
            decide_step(&org, iso("IND"), AdmissionStep::StartProcedure, &stances).unwrap();
        assert!(!outcome.adopted);
        assert_eq!(outcome.objectors, vec![iso("CHN")]);
    }

    #[test]
    fn admission_without_a_memorandum_is_refused_with_the_missing_stage() {
        let mut org = sco_2015_with_india_observer();
        org.apply(
            date("2015-07-10"),
            iso("IND"),
            StatusChange::AccessionStarted,
        )
        .unwrap();
        let verdict = may_take_step(&org, iso("IND"), AdmissionStep::Admit);
        assert!(!verdict.allowed);
        assert!(verdict.reasons[0].message.contains("memorandum_signed"));
    }

    #[test]
    fn a_state_without_status_cannot_start() {
        let org = sco_2015_with_india_observer();
        let verdict = may_take_step(&org, iso("USA"), AdmissionStep::StartProcedure);
        assert!(!verdict.allowed);
    }
}
