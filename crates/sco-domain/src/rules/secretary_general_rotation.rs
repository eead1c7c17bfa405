//! Secretary-General: one three-year term, rotating in Russian alphabetical order.
//!
//! What it does: predicts the nationality of the next Secretary-General and checks the record of
//! Secretaries-General against the rule. The Secretary-General is appointed by the Council of Heads of
//! State on the nomination of the Council of Foreign Ministers, from among nationals of the member states,
//! in rotation in the Russian alphabetical order of the member states' names, for three years without the
//! right to a further term.
//!
//! Provision: Charter of the SCO, Article 11 (Secretariat).
//!
//! Practice: the first cycle (2004–2021) began with China and then followed Kazakhstan, Kyrgyzstan,
//! Russia, Tajikistan and Uzbekistan, and the second cycle repeats it (China 2022, Kazakhstan 2025), while
//! the members admitted since 2017 have not yet held the post. So the written rule and practice give
//! different predictions, and the rule reports both.

use serde::Serialize;

use super::chair_rotation::ring_successor;
use crate::{Citation, Iso3, PartialDate, StateDirectory};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "secretary_general_rotation",
    summary: "The Secretary-General serves one three-year term; the post rotates in Russian alphabetical order.",
    citation: CITATION,
};

/// The provision this rule encodes.
pub const CITATION: Citation = Citation::charter("Article 11");

/// The length of a term, in years.
pub const TERM_YEARS: i32 = 3;

/// One holder of a rotating post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tenure {
    /// The holder's nationality; `None` when no source confirms it. An unknown nationality takes
    /// part in no comparison: it is never "the same state twice", never "out of order", and a
    /// prediction that would start from it is not made.
    pub iso3: Option<Iso3>,
    /// The holder's name.
    pub name: String,
    /// Start of the term.
    pub from: PartialDate,
    /// End of the term, if it has ended or its end is fixed.
    pub to: Option<PartialDate>,
    /// The member states when the holder was appointed.
    pub members: Vec<Iso3>,
}

/// How a tenure departs from the written rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TenureDeparture {
    /// The holder's state is not the one the alphabetical order designates.
    OutOfOrder {
        /// The holder.
        name: String,
        /// Their state.
        actual: Iso3,
        /// The state the order designates.
        expected: Iso3,
    },
    /// The term is not three years as the dates give it (counted in calendar years).
    TermLength {
        /// The holder.
        name: String,
        /// Calendar years spanned.
        years: i32,
    },
    /// Two consecutive holders from the same state (an extension in effect).
    SameStateTwice {
        /// The second holder.
        name: String,
        /// Their state.
        state: Iso3,
    },
}

/// The next holder's nationality: by the written rule and by the practice of the previous cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RotationPrediction {
    /// The member after the current holder's state in the Russian alphabetical ring.
    pub by_written_rule: Option<Iso3>,
    /// The state that followed the current holder's state the last time it held the post.
    pub by_practice: Option<Iso3>,
    /// When the next term should begin (the year after the current term's last year).
    pub next_term_from_year: Option<i32>,
}

/// Calendar years spanned by a term, when its end is known (2004–2006 spans three).
pub fn calendar_years(tenure: &Tenure) -> Option<i32> {
    let to = tenure.to?;
    let end_year = if to.month == Some(1) && to.day.is_some_and(|d| d <= 15) {
        // A term ending in the first days of January belongs to the previous year.
        to.year - 1
    } else {
        to.year
    };
    let start_year = if tenure.from.month == Some(12) {
        tenure.from.year + 1
    } else {
        tenure.from.year
    };
    Some(end_year - start_year + 1)
}

/// Checks a record of tenures (in order) against alphabetical rotation and the three-year term.
pub fn check(directory: &StateDirectory, tenures: &[Tenure]) -> Vec<TenureDeparture> {
    let mut departures = Vec::new();
    for tenure in tenures {
        if let Some(years) = calendar_years(tenure) {
            if years != TERM_YEARS {
                departures.push(TenureDeparture::TermLength {
                    name: tenure.name.clone(),
                    years,
                });
            }
        }
    }
    for pair in tenures.windows(2) {
        let (previous, current) = (&pair[0], &pair[1]);
        let (Some(previous_state), Some(current_state)) = (previous.iso3, current.iso3) else {
            continue;
        };
        if previous_state == current_state {
            departures.push(TenureDeparture::SameStateTwice {
                name: current.name.clone(),
                state: current_state,
            });
        }
        if let Some(expected) = ring_successor(directory, &current.members, previous_state) {
            if expected != current_state {
                departures.push(TenureDeparture::OutOfOrder {
                    name: current.name.clone(),
                    actual: current_state,
                    expected,
                });
            }
        }
    }
    departures
}

/// Predicts the next holder after the last tenure, given today's members.
pub fn predict(
    directory: &StateDirectory,
    tenures: &[Tenure],
    members: &[Iso3],
) -> RotationPrediction {
    let mut prediction = predict_by_practice(tenures, members);
    prediction.by_written_rule = tenures
        .last()
        .and_then(|last| last.iso3)
        .and_then(|state| ring_successor(directory, members, state));
    prediction
}

/// The prediction by practice alone: the state that followed the current holder's state the last
/// time it held the post (if still a member), and the year the next term starts. Shared by every
/// rotating post; `by_written_rule` is left empty for the caller.
pub fn predict_by_practice(tenures: &[Tenure], members: &[Iso3]) -> RotationPrediction {
    let Some(last) = tenures.last() else {
        return RotationPrediction {
            by_written_rule: None,
            by_practice: None,
            next_term_from_year: None,
        };
    };
    let by_practice = last.iso3.and_then(|last_state| {
        tenures
            .windows(2)
            .rev()
            .skip(1)
            .find(|pair| pair[0].iso3 == Some(last_state))
            .and_then(|pair| pair[1].iso3)
            .filter(|state| members.contains(state))
    });
    RotationPrediction {
        by_written_rule: None,
        by_practice,
        next_term_from_year: Some(match last.to {
            Some(to) => to.year + 1,
            None => last.from.year + TERM_YEARS,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::super::chair_rotation::tests::{codes, directory};
    use super::*;

    fn tenure(iso3: &str, from: &str, to: &str, members: &[&str]) -> Tenure {
        Tenure {
            iso3: Some(Iso3::parse(iso3).unwrap()),
            name: format!("holder from {iso3}"),
            from: from.parse().unwrap(),
            to: Some(to.parse().unwrap()),
            members: codes(members),
        }
    }

    const SIX: [&str; 6] = ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"];

    #[test]
    fn an_alphabetical_three_year_sequence_has_no_departures() {
        let tenures = [
            tenure("KGZ", "2010", "2012", &SIX),
            tenure("RUS", "2013", "2015", &SIX),
            tenure("TJK", "2016", "2018", &SIX),
        ];
        assert!(check(&directory(), &tenures).is_empty());
    }

    #[test]
    fn out_of_order_and_long_terms_are_reported() {
        let tenures = [
            tenure("CHN", "2004", "2006", &SIX),
            tenure("KAZ", "2007", "2010", &SIX),
        ];
        let departures = check(&directory(), &tenures);
        assert!(departures.contains(&TenureDeparture::TermLength {
            name: "holder from KAZ".into(),
            years: 4
        }));
        assert!(departures.iter().any(|d| matches!(
            d,
            TenureDeparture::OutOfOrder { expected, .. } if expected.as_str() == "KGZ"
        )));
    }

    #[test]
    fn prediction_gives_rule_and_practice() {
        let ten = [
            "BLR", "IND", "IRN", "KAZ", "CHN", "KGZ", "PAK", "RUS", "TJK", "UZB",
        ];
        let tenures = [
            tenure("CHN", "2004", "2006", &SIX),
            tenure("KAZ", "2007", "2009", &SIX),
            tenure("KGZ", "2010", "2012", &SIX),
            tenure("CHN", "2022", "2024", &ten),
            tenure("KAZ", "2025", "2027", &ten),
        ];
        let prediction = predict(&directory(), &tenures, &codes(&ten));
        assert_eq!(prediction.by_written_rule.unwrap().as_str(), "CHN");
        assert_eq!(prediction.by_practice.unwrap().as_str(), "KGZ");
        assert_eq!(prediction.next_term_from_year, Some(2028));
    }
}
