//! The organs of the SCO: what each does, how often it meets, who chairs it, where it sits.
//!
//! The Charter (Article 4) lists the bodies; Articles 5 to 11 describe each. This module keeps that
//! description as data so the CLI can print it and other capabilities can refer to an organ by name.

use serde::Serialize;

use crate::Citation;

/// An organ of the SCO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Organ {
    /// Machine name, e.g. `council_of_heads_of_state`.
    pub id: &'static str,
    /// English name.
    pub name: &'static str,
    /// What it does.
    pub role: &'static str,
    /// How often it meets (or "permanent").
    pub meets: &'static str,
    /// Who chairs or heads it.
    pub chair: &'static str,
    /// Where it sits, for permanent bodies.
    pub seat: Option<&'static str>,
    /// The provision that sets it up.
    pub citation: Citation,
}

/// The organs named in the Charter, in the Charter's order.
pub const ORGANS: [Organ; 7] = [
    Organ {
        id: "council_of_heads_of_state",
        name: "Council of Heads of State",
        role: "The supreme body: sets priorities and the main directions of the SCO's activity, decides its internal structure and functioning and its relations with other states and organizations, and admits members.",
        meets: "once a year (regular meeting); extraordinary meetings possible",
        chair: "the head of the state hosting the regular meeting; the venue rotates, as a rule, in Russian alphabetical order",
        seat: None,
        citation: Citation::charter("Article 5"),
    },
    Organ {
        id: "council_of_heads_of_government",
        name: "Council of Heads of Government (Prime Ministers)",
        role: "Adopts the budget, considers and decides the main questions of economic and other practical cooperation.",
        meets: "once a year",
        chair: "the head of government of the state hosting the meeting",
        seat: None,
        citation: Citation::charter("Article 6"),
    },
    Organ {
        id: "council_of_foreign_ministers",
        name: "Council of Ministers of Foreign Affairs",
        role: "Considers current activity, prepares the meetings of the Council of Heads of State, consults on international questions and speaks for the SCO abroad.",
        meets: "a month before the Council of Heads of State meets, and as needed",
        chair: "the foreign minister of the state hosting the next Council of Heads of State",
        seat: None,
        citation: Citation::charter("Article 7"),
    },
    Organ {
        id: "meetings_of_heads_of_ministries",
        name: "Meetings of heads of ministries and/or agencies",
        role: "Consider cooperation in specific fields (defence, security, economy, transport, culture, ...) as the two Councils decide.",
        meets: "as decided by the Council of Heads of State and the Council of Heads of Government",
        chair: "the minister or head of agency of the hosting state",
        seat: None,
        citation: Citation::charter("Article 8"),
    },
    Organ {
        id: "council_of_national_coordinators",
        name: "Council of National Coordinators",
        role: "Coordinates and directs the day-to-day activity of the SCO and prepares the meetings of the other Councils.",
        meets: "at least three times a year",
        chair: "the national coordinator of the state hosting the next Council of Heads of State",
        seat: None,
        citation: Citation::charter("Article 9"),
    },
    Organ {
        id: "rats_executive_committee",
        name: "Executive Committee of the Regional Anti-Terrorist Structure (RATS)",
        role: "Permanent body for cooperation against terrorism, separatism and extremism under the Shanghai Convention of 2001.",
        meets: "permanent; its Council meets regularly",
        chair: "the Director of the Executive Committee (three-year term, rotating among members)",
        seat: Some("Tashkent"),
        citation: Citation::charter("Article 10"),
    },
    Organ {
        id: "secretariat",
        name: "Secretariat",
        role: "Permanent administrative body: organizational and technical support of SCO activities, proposals for the annual budget.",
        meets: "permanent",
        chair: "the Secretary-General (three years, no extension, rotating in Russian alphabetical order)",
        seat: Some("Beijing"),
        citation: Citation::charter("Article 11"),
    },
];

/// The official and working languages of the SCO.
pub const OFFICIAL_LANGUAGES: [&str; 2] = ["Russian", "Chinese"];

/// The provision naming the official languages.
pub const LANGUAGES_CITATION: Citation = Citation::charter("Article 20");

/// The budget: the Charter sets how it is made; no source in the ledger gives its size or the scale of
/// contributions, so the model records the procedure only.
pub const BUDGET: &str = "The SCO has its own budget, drawn up and executed under a separate agreement among the member states; it is adopted by the Council of Heads of Government and funded by annual contributions of the member states on a scale they agree. The ledger's sources give neither the amount nor the scale.";

/// The provision on financing.
pub const BUDGET_CITATION: Citation = Citation::charter("Article 12");

/// Finds an organ by its machine name.
pub fn organ(id: &str) -> Option<&'static Organ> {
    ORGANS.iter().find(|o| o.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_permanent_bodies_sit_in_beijing_and_tashkent() {
        assert_eq!(organ("secretariat").and_then(|o| o.seat), Some("Beijing"));
        assert_eq!(
            organ("rats_executive_committee").and_then(|o| o.seat),
            Some("Tashkent")
        );
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = ORGANS.iter().map(|o| o.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ORGANS.len());
    }
}
