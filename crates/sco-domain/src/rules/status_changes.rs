//! Status changes: which change of standing the rules allow from which standing.
//!
//! What it does: checks one change recorded in the ledger against the standing the state holds the day
//! before. The Shanghai Five participants are recorded from its first agreement (1996) until the SCO is
//! founded (15 June 2001); observer status goes to non-members; dialogue-partner status to non-members
//! that are not already observers; the single "SCO partner" status exists only from the Tianjin summit
//! (31 August – 1 September 2025); the stages of accession follow [`super::admission_procedure`];
//! suspension, reinstatement, expulsion and withdrawal apply to members only, and expulsion only follows
//! a suspension.
//!
//! Provision: Charter of the SCO, Article 13 (membership, suspension, expulsion, withdrawal) and
//! Article 14 (observer and dialogue-partner status, with the Regulation on Observer Status of 2004 and the
//! Regulation on Dialogue Partner Status of 2008); the Tianjin decision of 2025 on the SCO partner status.

use chrono::NaiveDate;

use super::admission_procedure::{self, AdmissionStep};
use crate::organization::sco_founding_date;
use crate::status::Framework;
use crate::{Citation, Iso3, Organization, Reason, Status, StatusChange, Verdict};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "status_changes",
    summary: "Which change of status is allowed from which standing (grants, accession stages, suspension, withdrawal).",
    citation: CITATION,
};

/// The provisions this rule encodes.
pub const CITATION: Citation = Citation::charter("Articles 13 and 14");

/// The first day on which the single "SCO partner" status can exist: the opening of the Tianjin summit.
pub fn partner_status_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 31).unwrap_or(NaiveDate::MAX)
}

/// Checks whether `change` may happen to `state` on `date` in `organization`.
pub fn check(
    organization: &Organization,
    date: NaiveDate,
    state: Iso3,
    change: StatusChange,
) -> Verdict {
    let standing = organization.standing(state);
    let status = standing.and_then(|s| s.status);
    let is_member = status == Some(Status::Member);
    let held = match status {
        Some(s) => format!("{state} is a {}", s.label()),
        None => format!("{state} holds no status"),
    };
    let reason = |text: String| Reason::new(text, CITATION);
    let conditions = match change {
        StatusChange::ShanghaiFive => vec![
            (
                date < sco_founding_date(),
                reason(format!(
                    "the Shanghai Five preceded the SCO (founded {})",
                    sco_founding_date()
                )),
            ),
            (status.is_none(), reason(held)),
        ],
        StatusChange::FoundingMember => {
            let from_shanghai_five = status.is_none()
                || standing.is_some_and(|s| s.framework == Framework::ShanghaiFive);
            vec![
                (
                    date == sco_founding_date(),
                    reason(format!(
                        "founding members joined on the day of foundation, {}",
                        sco_founding_date()
                    )),
                ),
                (from_shanghai_five, reason(held)),
            ]
        }
        StatusChange::Observer => vec![
            (
                date >= sco_founding_date(),
                reason("observer status exists in the SCO only".into()),
            ),
            (!is_member && status != Some(Status::Observer), reason(held)),
        ],
        StatusChange::DialoguePartner => vec![
            (
                date >= sco_founding_date(),
                reason("dialogue-partner status exists in the SCO only".into()),
            ),
            (
                status.is_none() || status == Some(Status::Partner),
                reason(format!(
                    "{held}; dialogue-partner status is granted to states holding no higher status"
                )),
            ),
        ],
        StatusChange::Partner => vec![
            (
                date >= partner_status_from(),
                reason(format!(
                    "the SCO partner status exists from the Tianjin summit ({})",
                    partner_status_from()
                )),
            ),
            (!is_member && status != Some(Status::Partner), reason(held)),
        ],
        StatusChange::Application => vec![(!is_member, reason(held))],
        StatusChange::AccessionStarted => {
            return admission_procedure::may_take_step(
                organization,
                state,
                AdmissionStep::StartProcedure,
            )
        }
        StatusChange::MemorandumSigned => {
            return admission_procedure::may_take_step(
                organization,
                state,
                AdmissionStep::SignMemorandum,
            )
        }
        StatusChange::Admitted => {
            return admission_procedure::may_take_step(organization, state, AdmissionStep::Admit)
        }
        StatusChange::Suspended => vec![
            (is_member, reason(held)),
            (
                !standing.is_some_and(|s| s.suspended),
                reason(format!("{state}'s membership is not already suspended")),
            ),
        ],
        StatusChange::Reinstated => vec![(
            is_member && standing.is_some_and(|s| s.suspended),
            reason(format!(
                "{state}'s membership must be suspended to be reinstated"
            )),
        )],
        StatusChange::Expelled => vec![
            (is_member, reason(held)),
            (
                standing.is_some_and(|s| s.suspended),
                reason(format!(
                    "expulsion follows a suspension, and {state}'s membership is not suspended"
                )),
            ),
        ],
        StatusChange::Withdrawn => vec![(is_member, reason(held))],
        StatusChange::StatusEnded => vec![(
            status.is_some_and(|s| s.is_partner_tier()),
            reason(format!(
                "{held}; only an observer, dialogue-partner or partner status can end"
            )),
        )],
    };
    Verdict::from_conditions(conditions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(code: &str) -> Iso3 {
        Iso3::parse(code).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn founded() -> Organization {
        let mut org = Organization::default();
        for state in ["CHN", "KAZ", "KGZ", "RUS", "TJK"] {
            org.apply(date("1996-04-26"), iso(state), StatusChange::ShanghaiFive)
                .unwrap();
        }
        for state in ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"] {
            org.apply(date("2001-06-15"), iso(state), StatusChange::FoundingMember)
                .unwrap();
        }
        org
    }

    #[test]
    fn shanghai_five_participants_become_founding_members() {
        let org = founded();
        assert_eq!(org.members().len(), 6);
        assert!(org.standing(iso("KAZ")).unwrap().shanghai_five_founder);
        assert!(!org.standing(iso("UZB")).unwrap().shanghai_five_founder);
    }

    #[test]
    fn a_dialogue_partner_can_become_an_observer_but_not_the_reverse() {
        let mut org = founded();
        org.apply(
            date("2009-06-16"),
            iso("BLR"),
            StatusChange::DialoguePartner,
        )
        .unwrap();
        org.apply(date("2015-07-10"), iso("BLR"), StatusChange::Observer)
            .unwrap();
        let verdict = check(
            &org,
            date("2016-01-01"),
            iso("BLR"),
            StatusChange::DialoguePartner,
        );
        assert!(!verdict.allowed);
    }

    #[test]
    fn partner_status_does_not_exist_before_tianjin() {
        let org = founded();
        assert!(!check(&org, date("2024-07-04"), iso("LAO"), StatusChange::Partner).allowed);
        assert!(check(&org, date("2025-09-01"), iso("LAO"), StatusChange::Partner).allowed);
    }

    #[test]
    fn expulsion_needs_a_suspension_first() {
        let mut org = founded();
        assert!(!check(&org, date("2030-01-01"), iso("TJK"), StatusChange::Expelled).allowed);
        org.apply(date("2030-01-01"), iso("TJK"), StatusChange::Suspended)
            .unwrap();
        assert_eq!(org.voting_members().len(), 5);
        assert!(check(&org, date("2030-06-01"), iso("TJK"), StatusChange::Expelled).allowed);
    }

    #[test]
    fn a_rejected_change_leaves_the_organization_untouched() {
        let mut org = founded();
        let before = org.clone();
        let verdict = org
            .apply(date("2017-06-09"), iso("IND"), StatusChange::Admitted)
            .unwrap_err();
        assert!(!verdict.allowed);
        assert_eq!(org, before);
    }
}
