//! Consensus minus one: suspending or expelling a member without its own consent.
//!
//! What it does: decides a proposal to suspend or expel a member state. Such decisions are taken by
//! consensus of all member states except the one concerned, whose objection is disregarded.
//!
//! Provision: Charter of the SCO, Article 16 (the exception to consensus for decisions on suspension and
//! expulsion, "consensus minus the vote of the member state concerned"), read with Article 13
//! (suspension and expulsion).
//!
//! Practice: never used; no member has been suspended or expelled.

use std::collections::BTreeMap;

use serde::Serialize;

use super::consensus::{decide_with_citation, ConsensusOutcome, Stance};
use crate::{Citation, DomainError, Iso3, Reason, Verdict};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "consensus_minus_one",
    summary: "Suspension or expulsion of a member is decided by consensus of all other members.",
    citation: CITATION,
};

/// The provision this rule encodes.
pub const CITATION: Citation = Citation::charter("Article 16 (exception), with Article 13");

/// What is decided about the member concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureAgainstMember {
    /// Suspension of membership.
    Suspension,
    /// Expulsion from the organization.
    Expulsion,
}

/// Decides a measure against `concerned` among `members`.
///
/// The concerned member's stance is disregarded. If `concerned` is not a member, the answer is "no".
pub fn decide(
    members: &[Iso3],
    concerned: Iso3,
    measure: MeasureAgainstMember,
    stances: &BTreeMap<Iso3, Stance>,
) -> Result<ConsensusOutcome, DomainError> {
    if !members.contains(&concerned) {
        let reason = Reason::new(
            format!("{concerned} is not a member state, so its membership cannot be the subject of {measure:?}"),
            CITATION,
        );
        return Ok(ConsensusOutcome {
            adopted: false,
            objectors: Vec::new(),
            reservations: Vec::new(),
            verdict: Verdict::no(vec![reason]),
        });
    }
    let others: Vec<Iso3> = members
        .iter()
        .copied()
        .filter(|m| *m != concerned)
        .collect();
    let counted: BTreeMap<Iso3, Stance> = stances
        .iter()
        .filter(|(state, _)| **state != concerned)
        .map(|(state, stance)| (*state, stance.clone()))
        .collect();
    let mut outcome = decide_with_citation(&others, &counted, CITATION)?;
    if stances.get(&concerned) == Some(&Stance::Objects) {
        outcome.verdict.reasons.push(Reason::new(
            format!("the objection of {concerned}, the member concerned, is not counted"),
            CITATION,
        ));
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(code: &str) -> Iso3 {
        Iso3::parse(code).unwrap()
    }

    fn members() -> Vec<Iso3> {
        ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
            .iter()
            .map(|c| iso(c))
            .collect()
    }

    #[test]
    fn the_member_concerned_cannot_block_its_own_suspension() {
        let stances = BTreeMap::from([(iso("UZB"), Stance::Objects)]);
        let outcome = decide(
            &members(),
            iso("UZB"),
            MeasureAgainstMember::Suspension,
            &stances,
        )
        .unwrap();
        assert!(outcome.adopted);
        assert!(outcome
            .verdict
            .reasons
            .iter()
            .any(|r| r.message.contains("not counted")));
    }

    #[test]
    fn any_other_member_can_block_it() {
        let stances =
            BTreeMap::from([(iso("UZB"), Stance::Objects), (iso("KAZ"), Stance::Objects)]);
        let outcome = decide(
            &members(),
            iso("UZB"),
            MeasureAgainstMember::Expulsion,
            &stances,
        )
        .unwrap();
        assert!(!outcome.adopted);
        assert_eq!(outcome.objectors, vec![iso("KAZ")]);
    }

    #[test]
    fn a_non_member_cannot_be_suspended() {
        let outcome = decide(
            &members(),
            iso("MNG"),
            MeasureAgainstMember::Suspension,
            &BTreeMap::new(),
        )
        .unwrap();
        assert!(!outcome.adopted);
        assert!(outcome.verdict.reasons[0].message.contains("not a member"));
    }
}
