//! Withdrawal: a member may leave after giving twelve months' notice.
//!
//! What it does: says whether a withdrawal takes effect on a given date. A member state may withdraw
//! from the SCO by notifying the depositary of the Charter; the withdrawal takes effect no earlier than
//! twelve months after the notification.
//!
//! Provision: Charter of the SCO, Article 13 (withdrawal by notification to the depositary, not later than
//! twelve months before the date of withdrawal).
//!
//! Practice: no member has withdrawn.

use chrono::{Months, NaiveDate};

use crate::{Citation, Iso3, Reason, Verdict};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "withdrawal",
    summary:
        "A member may withdraw by notification, effective twelve months later at the earliest.",
    citation: CITATION,
};

/// The provision this rule encodes.
pub const CITATION: Citation = Citation::charter("Article 13 (withdrawal)");

/// The earliest date a withdrawal notified on `notified` can take effect.
pub fn earliest_effective_date(notified: NaiveDate) -> NaiveDate {
    notified
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether `state`, a member or not, can leave on `effective` after notifying on `notified`.
pub fn check(is_member: bool, state: Iso3, notified: NaiveDate, effective: NaiveDate) -> Verdict {
    let earliest = earliest_effective_date(notified);
    Verdict::from_conditions(vec![
        (
            is_member,
            Reason::new(format!("{state} is a member state"), CITATION),
        ),
        (
            effective >= earliest,
            Reason::new(
                format!("notified on {notified}, the withdrawal can take effect on {earliest} at the earliest (requested {effective})"),
                CITATION,
            ),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn twelve_months_notice_is_enough() {
        let kaz = Iso3::parse("KAZ").unwrap();
        assert!(check(true, kaz, date("2030-03-01"), date("2031-03-01")).allowed);
    }

    #[test]
    fn eleven_months_is_not() {
        let kaz = Iso3::parse("KAZ").unwrap();
        let verdict = check(true, kaz, date("2030-03-01"), date("2031-02-28"));
        assert!(!verdict.allowed);
        assert!(verdict.reasons[0].message.contains("2031-03-01"));
    }

    #[test]
    fn a_non_member_has_nothing_to_withdraw_from() {
        let mng = Iso3::parse("MNG").unwrap();
        assert!(!check(false, mng, date("2030-01-01"), date("2032-01-01")).allowed);
    }
}
