//! Consensus: decisions are taken by agreement, without a vote.
//!
//! What it does: decides whether a proposal is adopted. A decision of an SCO body is adopted when no
//! member state raises an objection. Silence is not an objection. A member may set out its view on
//! particular aspects of a decision (a reservation, recorded in the minutes) without blocking the
//! decision as a whole.
//!
//! Provision: Charter of the SCO, Article 16 (decision-making procedure), first and second paragraphs.
//!
//! Practice: objections are seldom visible; the record shows proposals that never reached a decision
//! (the SCO Development Bank, blocked by Russia for years according to seed `001_072b2aee968a12fd.txt`,
//! "Pragmatic Interests") rather than recorded objections.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::{Citation, DomainError, Iso3, Reason, Verdict};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "consensus",
    summary: "A decision is adopted when no member state objects; reservations on aspects do not block it.",
    citation: CITATION,
};

/// The provision this rule encodes.
pub const CITATION: Citation = Citation::charter("Article 16, paragraphs 1 and 2");

/// A member's stance on a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "stance", content = "aspect")]
pub enum Stance {
    /// Supports the proposal.
    Agrees,
    /// Says nothing; under consensus silence does not block.
    Silent,
    /// Raises an objection: the proposal is not adopted.
    Objects,
    /// Agrees with the whole but sets out its view on one aspect; recorded, not blocking.
    Reservation(String),
}

/// The result of a consensus decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsensusOutcome {
    /// Whether the decision is adopted.
    pub adopted: bool,
    /// The members whose objection blocks it.
    pub objectors: Vec<Iso3>,
    /// The reservations recorded in the minutes, by member.
    pub reservations: Vec<(Iso3, String)>,
    /// The verdict with reasons.
    pub verdict: Verdict,
}

/// Decides a proposal by consensus among `participants`.
///
/// `stances` may omit participants (they are silent). A stance from a state that is not a participant is
/// an error: it has no say in the decision.
pub fn decide(
    participants: &[Iso3],
    stances: &BTreeMap<Iso3, Stance>,
) -> Result<ConsensusOutcome, DomainError> {
    decide_with_citation(participants, stances, CITATION)
}

/// The shared mechanics of consensus, cited as the caller's provision.
pub(crate) fn decide_with_citation(
    participants: &[Iso3],
    stances: &BTreeMap<Iso3, Stance>,
    citation: Citation,
) -> Result<ConsensusOutcome, DomainError> {
    let eligible: BTreeSet<Iso3> = participants.iter().copied().collect();
    if let Some(outsider) = stances.keys().find(|state| !eligible.contains(state)) {
        return Err(DomainError::NotAParticipant {
            state: outsider.to_string(),
        });
    }
    let mut objectors = Vec::new();
    let mut reservations = Vec::new();
    for (state, stance) in stances {
        match stance {
            Stance::Objects => objectors.push(*state),
            Stance::Reservation(aspect) => reservations.push((*state, aspect.clone())),
            Stance::Agrees | Stance::Silent => {}
        }
    }
    let verdict = if objectors.is_empty() {
        let mut reasons = vec![Reason::new(
            format!(
                "no objection among the {} participating member states",
                eligible.len()
            ),
            citation,
        )];
        for (state, aspect) in &reservations {
            reasons.push(Reason::new(
                format!(
                    "{state} states its position on \"{aspect}\" without blocking the decision"
                ),
                CITATION,
            ));
        }
        Verdict::yes(reasons)
    } else {
        Verdict::no(
            objectors
                .iter()
                .map(|state| Reason::new(format!("{state} objects"), citation))
                .collect(),
        )
    };
    Ok(ConsensusOutcome {
        adopted: objectors.is_empty(),
        objectors,
        reservations,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<Iso3> {
        list.iter().map(|c| Iso3::parse(c).unwrap()).collect()
    }

    fn iso(code: &str) -> Iso3 {
        Iso3::parse(code).unwrap()
    }

    const SIX: [&str; 6] = ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"];

    #[test]
    fn adopted_when_nobody_objects_even_if_some_are_silent() {
        let stances = BTreeMap::from([(iso("CHN"), Stance::Agrees), (iso("KAZ"), Stance::Silent)]);
        let outcome = decide(&codes(&SIX), &stances).unwrap();
        assert!(outcome.adopted);
        assert!(outcome.verdict.allowed);
    }

    #[test]
    fn one_objection_blocks_and_is_named() {
        let stances = BTreeMap::from([(iso("CHN"), Stance::Agrees), (iso("RUS"), Stance::Objects)]);
        let outcome = decide(&codes(&SIX), &stances).unwrap();
        assert!(!outcome.adopted);
        assert_eq!(outcome.objectors, codes(&["RUS"]));
        assert!(outcome.verdict.reasons[0].message.contains("RUS objects"));
    }

    #[test]
    fn a_reservation_on_an_aspect_does_not_block() {
        let stances = BTreeMap::from([(
            iso("IND"),
            Stance::Reservation("Belt and Road paragraph".into()),
        )]);
        let members = codes(&["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]);
        let outcome = decide(&members, &stances).unwrap();
        assert!(outcome.adopted);
        assert_eq!(
            outcome.reservations,
            vec![(iso("IND"), "Belt and Road paragraph".to_string())]
        );
    }

    #[test]
    fn a_non_member_has_no_say() {
        let stances = BTreeMap::from([(iso("MNG"), Stance::Objects)]);
        let error = decide(&codes(&SIX), &stances).unwrap_err();
        assert_eq!(
            error,
            DomainError::NotAParticipant {
                state: "MNG".into()
            }
        );
    }
}
