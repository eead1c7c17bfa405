//! Chair rotation: the annual summit, and with it the chair, passes in Russian alphabetical order.
//!
//! What it does: predicts which member should host the next regular meeting of the Council of Heads of
//! State, and chair the organization until then, and checks a sequence of summits against that order.
//! The Council meets once a year; the head of state of the host country chairs it; the venue is decided
//! "as a rule" in the Russian alphabetical order of the member states' names. The order is a ring: after
//! the last name comes the first. The membership that counts is the one on the eve of the summit (a
//! state admitted at a summit did not take part in choosing that summit's host).
//!
//! Provision: Charter of the SCO, Article 5 (Council of Heads of State: annual regular meeting, chaired by
//! the head of the host state, venue generally in Russian alphabetical order). The Charter entered into
//! force on 19 September 2003; earlier summits are outside the rule.
//!
//! Practice: "as a rule" leaves room, and practice used it: Tajikistan hosted before Russia in 2008/2009
//! and 2014/2015, Pakistan's turn was passed over in 2020 and Iran's in 2024 (see `sco check`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::{Citation, Iso3, StateDirectory};

/// The rule's identity.
pub const INFO: super::RuleInfo = super::RuleInfo {
    id: "chair_rotation",
    summary:
        "The annual summit and the chair pass to the next member in Russian alphabetical order.",
    citation: CITATION,
};

/// The provision this rule encodes.
pub const CITATION: Citation = Citation::charter("Article 5");

/// The day the Charter entered into force; summits before it are not held to the rule.
pub fn charter_in_force() -> NaiveDate {
    NaiveDate::from_ymd_opt(2003, 9, 19).unwrap_or(NaiveDate::MIN)
}

/// The member that follows `previous` in the Russian alphabetical ring of `members`.
///
/// `previous` need not be a member any more: the answer is the first member whose Russian name sorts
/// after `previous`'s, wrapping around. `None` if there are no members.
pub fn ring_successor(
    directory: &StateDirectory,
    members: &[Iso3],
    previous: Iso3,
) -> Option<Iso3> {
    let mut ring = members.to_vec();
    directory.sort_russian(&mut ring);
    let key = |iso3: Iso3| {
        directory
            .get(iso3)
            .map(|s| crate::russian_collation_key(&s.name_ru))
            .unwrap_or_else(|| iso3.to_string())
    };
    let previous_key = key(previous);
    ring.iter()
        .copied()
        .find(|m| key(*m) > previous_key)
        .or_else(|| ring.first().copied())
}

/// One summit as the rule sees it: when, who chaired, and who was a member on the eve of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChairTurn {
    /// First day of the summit.
    pub date: NaiveDate,
    /// The chairing (hosting) state.
    pub chair: Iso3,
    /// The member states on the eve of the summit.
    pub members: Vec<Iso3>,
}

/// A summit whose chair was not the one the alphabetical order gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChairDeparture {
    /// First day of the summit.
    pub date: NaiveDate,
    /// The chair of the previous summit.
    pub previous: Iso3,
    /// The member the rule designates.
    pub expected: Iso3,
    /// The member that chaired.
    pub actual: Iso3,
}

/// Checks a sequence of summits (in date order) against the rule, from the Charter's entry into force.
pub fn check_sequence(directory: &StateDirectory, turns: &[ChairTurn]) -> Vec<ChairDeparture> {
    turns
        .windows(2)
        .filter(|pair| pair[1].date >= charter_in_force())
        .filter_map(|pair| {
            let expected = ring_successor(directory, &pair[1].members, pair[0].chair)?;
            (expected != pair[1].chair).then_some(ChairDeparture {
                date: pair[1].date,
                previous: pair[0].chair,
                expected,
                actual: pair[1].chair,
            })
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::StateInfo;

    pub(crate) fn directory() -> StateDirectory {
        let rows = [
            ("BLR", "Беларусь"),
            ("IND", "Индия"),
            ("IRN", "Иран (Исламская Республика)"),
            ("KAZ", "Казахстан"),
            ("CHN", "Китай"),
            ("KGZ", "Кыргызстан"),
            ("PAK", "Пакистан"),
            ("RUS", "Российская Федерация"),
            ("TJK", "Таджикистан"),
            ("UZB", "Узбекистан"),
        ];
        StateDirectory::new(rows.iter().map(|(iso3, ru)| StateInfo {
            iso3: Iso3::parse(iso3).unwrap(),
            name_en: iso3.to_string(),
            name_ru: ru.to_string(),
            name_zh: String::new(),
            cow_code: None,
            un_region: None,
        }))
    }

    pub(crate) fn codes(list: &[&str]) -> Vec<Iso3> {
        list.iter().map(|c| Iso3::parse(c).unwrap()).collect()
    }

    fn iso(code: &str) -> Iso3 {
        Iso3::parse(code).unwrap()
    }

    const SIX: [&str; 6] = ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"];

    #[test]
    fn after_kazakhstan_comes_china_then_kyrgyzstan() {
        let d = directory();
        assert_eq!(
            ring_successor(&d, &codes(&SIX), iso("KAZ")),
            Some(iso("CHN"))
        );
        assert_eq!(
            ring_successor(&d, &codes(&SIX), iso("CHN")),
            Some(iso("KGZ"))
        );
    }

    #[test]
    fn the_ring_wraps_and_new_members_take_their_place() {
        let d = directory();
        let ten = codes(&[
            "BLR", "IND", "IRN", "KAZ", "CHN", "KGZ", "PAK", "RUS", "TJK", "UZB",
        ]);
        assert_eq!(ring_successor(&d, &ten, iso("UZB")), Some(iso("BLR")));
        assert_eq!(ring_successor(&d, &ten, iso("KGZ")), Some(iso("PAK")));
    }

    #[test]
    fn a_swap_is_reported_and_order_kept_is_not() {
        let d = directory();
        let turn = |date: &str, chair: &str| ChairTurn {
            date: date.parse().unwrap(),
            chair: iso(chair),
            members: codes(&SIX),
        };
        let turns = [
            turn("2006-06-15", "CHN"),
            turn("2007-08-16", "KGZ"),
            turn("2008-08-28", "TJK"),
        ];
        let departures = check_sequence(&d, &turns);
        assert_eq!(departures.len(), 1);
        assert_eq!(departures[0].expected, iso("RUS"));
        assert_eq!(departures[0].actual, iso("TJK"));
    }

    #[test]
    fn summits_before_the_charter_are_not_held_to_it() {
        let d = directory();
        let turns = [
            ChairTurn {
                date: "2002-06-07".parse().unwrap(),
                chair: iso("RUS"),
                members: codes(&SIX),
            },
            ChairTurn {
                date: "2003-05-29".parse().unwrap(),
                chair: iso("RUS"),
                members: codes(&SIX),
            },
        ];
        assert!(check_sequence(&d, &turns).is_empty());
    }
}
