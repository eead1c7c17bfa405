//! Admission criteria: who may apply to become a member state.
//!
//! What it does: checks an applicant against the criteria of the SCO's regulation on the admission of new
//! members. The applicant must belong to the region (Eurasia), have diplomatic relations with every
//! member state, already hold observer or dialogue-partner status (or, after 2025, SCO partner status),
//! have active trade, economic and humanitarian ties with the members, not be under sanctions of the UN
//! Security Council, and not be in armed conflict with another state; it must also undertake to respect
//! the Charter's goals and principles and the SCO's treaties.
//!
//! Provision: Charter of the SCO, Article 13 (membership open to states of the region that undertake to
//! respect the Charter); Regulation on the Admission of New Members (approved by the Council of Heads of
//! State, Tashkent, 11 June 2010), criteria for applicants, as paraphrased in `data/ledger/charter.toml`
//! (rule `admission_regulation_2010`) with its sources. Two criteria often listed in secondary accounts,
//! active trade, economic and humanitarian ties and not being in armed conflict with another state, were
//! not found in the texts the ledger cites; they are checked here too but their reasons say so.
//!
//! Practice: Iran's application of 2008 waited while it was under UN Security Council sanctions (seed
//! `002_61fc8430d2336d0a.txt`, section 1); its accession started in 2021.

use serde::{Deserialize, Serialize};

use crate::{Citation, Iso3, Reason, Status, Verdict};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "admission_criteria",
    summary: "An applicant must be in the region, hold partner-tier status, have relations with all members, no UN sanctions and no armed conflict.",
    citation: CITATION,
};

/// The provisions this rule encodes.
pub const CITATION: Citation = Citation {
    document: crate::citation::ADMISSION_REGULATION,
    locator: "criteria for applicants (with Charter Article 13)",
    url: None,
};

/// The facts about an applicant that the criteria test. The domain does not know them; the caller does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    /// The applicant.
    pub state: Iso3,
    /// Whether the state belongs to the Eurasian region.
    pub in_region: bool,
    /// Member states with which the applicant has no diplomatic relations.
    #[serde(default)]
    pub no_relations_with: Vec<Iso3>,
    /// The SCO status the applicant holds.
    pub status: Option<Status>,
    /// Whether it has active trade, economic and humanitarian ties with the members.
    pub active_ties: bool,
    /// Whether it is under UN Security Council sanctions.
    pub under_un_sanctions: bool,
    /// Whether it is in armed conflict with another state.
    pub in_armed_conflict: bool,
    /// Whether it undertakes to respect the Charter and the SCO's treaties.
    pub accepts_charter: bool,
}

/// Checks every criterion; a "no" lists each one that fails.
pub fn check(applicant: &Applicant) -> Verdict {
    let state = applicant.state;
    let status_ok = applicant.status.is_some_and(|s| s.is_partner_tier());
    let relations = if applicant.no_relations_with.is_empty() {
        format!("{state} has diplomatic relations with every member state")
    } else {
        let names: Vec<String> = applicant
            .no_relations_with
            .iter()
            .map(Iso3::to_string)
            .collect();
        format!(
            "{state} has no diplomatic relations with {}",
            names.join(", ")
        )
    };
    let status_text = match applicant.status {
        Some(status) if status_ok => format!("{state} holds {} status", status.label()),
        Some(status) => format!(
            "{state} is already a {}: admission is for non-members",
            status.label()
        ),
        None => format!("{state} holds no observer, dialogue-partner or partner status"),
    };
    Verdict::from_conditions(vec![
        (
            applicant.in_region,
            Reason::new(
                if applicant.in_region {
                    format!("{state} belongs to the region")
                } else {
                    format!("{state} does not belong to the Eurasian region")
                },
                CITATION,
            ),
        ),
        (
            applicant.no_relations_with.is_empty(),
            Reason::new(relations, CITATION),
        ),
        (status_ok, Reason::new(status_text, CITATION)),
        (
            applicant.active_ties,
            Reason::new(
                format!("{state} has active trade, economic and humanitarian ties with the members (a criterion reported in secondary accounts, not found in the cited texts)"),
                CITATION,
            ),
        ),
        (
            !applicant.under_un_sanctions,
            Reason::new(
                if applicant.under_un_sanctions {
                    format!("{state} is under UN Security Council sanctions")
                } else {
                    format!("{state} is not under UN Security Council sanctions")
                },
                CITATION,
            ),
        ),
        (
            !applicant.in_armed_conflict,
            Reason::new(
                if applicant.in_armed_conflict {
                    format!("{state} is in armed conflict with another state (a criterion reported in secondary accounts, not found in the cited texts)")
                } else {
                    format!("{state} is not in armed conflict with another state")
                },
                CITATION,
            ),
        ),
        (
            applicant.accepts_charter,
            Reason::new(
                format!("{state} undertakes to respect the Charter's goals and principles (required)"),
                Citation::charter("Article 13"),
            ),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eligible() -> Applicant {
        Applicant {
            state: Iso3::parse("BLR").unwrap(),
            in_region: true,
            no_relations_with: vec![],
            status: Some(Status::Observer),
            active_ties: true,
            under_un_sanctions: false,
            in_armed_conflict: false,
            accepts_charter: true,
        }
    }

    #[test]
    fn an_observer_meeting_every_criterion_may_apply() {
        assert!(check(&eligible()).allowed);
    }

    #[test]
    fn sanctions_and_missing_status_are_both_reported() {
        let applicant = Applicant {
            state: Iso3::parse("IRN").unwrap(),
            status: None,
            under_un_sanctions: true,
            ..eligible()
        };
        let verdict = check(&applicant);
        assert!(!verdict.allowed);
        assert_eq!(verdict.reasons.len(), 2);
        assert!(verdict
            .reasons
            .iter()
            .any(|r| r.message.contains("sanctions")));
        assert!(verdict
            .reasons
            .iter()
            .any(|r| r.message.contains("holds no observer")));
    }

    #[test]
    fn missing_relations_name_the_member() {
        let applicant = Applicant {
            no_relations_with: vec![Iso3::parse("IND").unwrap()],
            ..eligible()
        };
        let verdict = check(&applicant);
        assert!(!verdict.allowed);
        assert!(verdict.reasons[0].message.contains("IND"));
    }

    #[test]
    fn a_member_cannot_be_admitted_again() {
        let applicant = Applicant {
            status: Some(Status::Member),
            ..eligible()
        };
        assert!(!check(&applicant).allowed);
    }
}
