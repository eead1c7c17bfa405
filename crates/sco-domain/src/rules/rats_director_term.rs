//! Director of the RATS Executive Committee: a three-year term, rotating among members.
//!
//! What it does: checks the record of directors of the Executive Committee of the Regional Anti-Terrorist
//! Structure (Tashkent) for three-year terms and for a change of state at each term, and predicts the next
//! director's state by repeating the order of the previous cycle. No alphabetical order is written for
//! this post, so the prediction is by practice only.
//!
//! Provision: Agreement on the Regional Anti-Terrorist Structure (Saint Petersburg, 7 June 2002) and the
//! Charter of the SCO, Article 10 (RATS as a permanent body); the three-year term and rotation are the
//! practice recorded in the ledger's sources.

use super::secretary_general_rotation::{
    calendar_years, predict_by_practice, RotationPrediction, Tenure, TenureDeparture, TERM_YEARS,
};
use crate::{Citation, Iso3};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "rats_director_term",
    summary: "The RATS director serves one three-year term; the post passes to another member.",
    citation: CITATION,
};

/// The provision this rule encodes.
pub const CITATION: Citation = Citation {
    document: "Agreement on the Regional Anti-Terrorist Structure of the SCO (2002)",
    locator: "Executive Committee and its Director (with Charter Article 10)",
    url: None,
};

/// Checks terms and succession; there is no alphabetical order to check.
pub fn check(tenures: &[Tenure]) -> Vec<TenureDeparture> {
    let mut departures: Vec<TenureDeparture> = tenures
        .iter()
        .filter_map(|t| {
            calendar_years(t)
                .filter(|years| *years != TERM_YEARS)
                .map(|years| TenureDeparture::TermLength {
                    name: t.name.clone(),
                    years,
                })
        })
        .collect();
    for pair in tenures.windows(2) {
        if let (Some(previous), Some(current)) = (pair[0].iso3, pair[1].iso3) {
            if previous == current {
                departures.push(TenureDeparture::SameStateTwice {
                    name: pair[1].name.clone(),
                    state: current,
                });
            }
        }
    }
    departures
}

/// Predicts the next director's state by the order of the previous cycle.
pub fn predict(tenures: &[Tenure], members: &[Iso3]) -> RotationPrediction {
    predict_by_practice(tenures, members)
}

#[cfg(test)]
mod tests {
    use super::super::chair_rotation::tests::codes;
    use super::*;

    fn tenure(iso3: &str, from: &str, to: &str) -> Tenure {
        Tenure {
            iso3: Some(Iso3::parse(iso3).unwrap()),
            name: iso3.to_string(),
            from: from.parse().unwrap(),
            to: Some(to.parse().unwrap()),
            members: codes(&["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]),
        }
    }

    #[test]
    fn three_year_terms_passing_between_states_are_clean() {
        let tenures = [tenure("UZB", "2004", "2006"), tenure("KGZ", "2007", "2009")];
        assert!(check(&tenures).is_empty());
    }

    #[test]
    fn a_second_term_for_the_same_state_is_reported() {
        let tenures = [tenure("UZB", "2004", "2006"), tenure("UZB", "2007", "2009")];
        assert_eq!(check(&tenures).len(), 1);
    }

    #[test]
    fn prediction_repeats_the_previous_cycle() {
        let tenures = [
            tenure("UZB", "2004", "2006"),
            tenure("KGZ", "2007", "2009"),
            tenure("KAZ", "2010", "2012"),
            tenure("UZB", "2022", "2024"),
            tenure("KGZ", "2025", "2027"),
        ];
        let members = codes(&["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]);
        let prediction = predict(&tenures, &members);
        assert_eq!(prediction.by_practice.unwrap().as_str(), "KAZ");
        assert_eq!(prediction.next_term_from_year, Some(2028));
    }

    #[test]
    fn an_unconfirmed_nationality_is_compared_with_nothing_and_predicts_nothing() {
        let mut unknown = tenure("UZB", "2007", "2009");
        unknown.iso3 = None;
        let tenures = [tenure("UZB", "2004", "2006"), unknown.clone()];
        assert!(
            check(&tenures).is_empty(),
            "no 'same state twice' against an unknown state"
        );
        let members = codes(&["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]);
        let history = [
            tenure("KGZ", "2001", "2003"),
            tenure("UZB", "2004", "2006"),
            tenure("KGZ", "2007", "2009"),
            unknown,
        ];
        let prediction = predict(&history, &members);
        assert_eq!(
            prediction.by_practice, None,
            "the cycle cannot be read from an unknown state"
        );
        assert_eq!(prediction.next_term_from_year, Some(2010));
    }
}
