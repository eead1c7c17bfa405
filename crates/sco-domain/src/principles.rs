//! The SCO's normative vocabulary as data: the "Shanghai Spirit", the "three evils", the Charter's
//! principles and the foreign-policy principles.
//!
//! The contest of norms that the seeds describe (SCO against OSCE/EU in Central Asia) is about these
//! words, so the simulator and the reports refer to them by id rather than restating them.

use serde::Serialize;

use crate::Citation;

/// One normative element with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Norm {
    /// Machine name.
    pub id: &'static str,
    /// English wording.
    pub name: &'static str,
    /// Where it is stated.
    pub citation: Citation,
}

const DECLARATION_2001: &str =
    "Declaration on the Establishment of the Shanghai Cooperation Organisation (15 June 2001)";
const SHANGHAI_CONVENTION: &str =
    "Shanghai Convention on Combating Terrorism, Separatism and Extremism (15 June 2001)";

const fn spirit(id: &'static str, name: &'static str) -> Norm {
    Norm {
        id,
        name,
        citation: Citation::charter("Preamble (the spirit established at Shanghai in 2001)"),
    }
}

/// The six elements of the "Shanghai Spirit".
pub const SHANGHAI_SPIRIT: [Norm; 6] = [
    spirit("mutual_trust", "mutual trust"),
    spirit("mutual_benefit", "mutual benefit"),
    spirit("equality", "equality"),
    spirit("consultation", "mutual consultation"),
    spirit(
        "respect_for_cultural_diversity",
        "respect for cultural diversity",
    ),
    spirit("common_development", "pursuit of common development"),
];

const fn evil(id: &'static str, name: &'static str) -> Norm {
    Norm {
        id,
        name,
        citation: Citation {
            document: SHANGHAI_CONVENTION,
            locator: "Article 1 (definitions)",
            url: None,
        },
    }
}

/// The "three evils" the SCO fights.
pub const THREE_EVILS: [Norm; 3] = [
    evil("terrorism", "terrorism"),
    evil("separatism", "separatism"),
    evil("extremism", "extremism"),
];

const fn principle(id: &'static str, name: &'static str) -> Norm {
    Norm {
        id,
        name,
        citation: Citation::charter("Article 2"),
    }
}

/// The principles the member states adhere to under the Charter.
pub const CHARTER_PRINCIPLES: [Norm; 7] = [
    principle(
        "sovereignty_and_territorial_integrity",
        "mutual respect of sovereignty, independence, territorial integrity and inviolability of borders; non-aggression",
    ),
    principle("non_interference", "non-interference in internal affairs"),
    principle("no_use_of_force", "non-use of force or threat of force in international relations"),
    principle("no_unilateral_military_superiority", "no seeking of unilateral military superiority in adjacent areas"),
    principle("equality_of_members", "equality of all member states and search for common positions through mutual understanding and respect"),
    principle("gradual_joint_action", "gradual implementation of joint activities in areas of common interest"),
    principle("peaceful_settlement", "peaceful settlement of disagreements between member states"),
];

const fn foreign_policy(id: &'static str, name: &'static str, locator: &'static str) -> Norm {
    Norm {
        id,
        name,
        citation: Citation {
            document: DECLARATION_2001,
            locator,
            url: None,
        },
    }
}

/// The foreign-policy principles: non-alignment, not targeting third countries, openness.
pub const FOREIGN_POLICY_PRINCIPLES: [Norm; 3] = [
    foreign_policy(
        "non_alignment",
        "non-alignment (no military bloc)",
        "Article 7",
    ),
    foreign_policy(
        "not_targeting_third_countries",
        "not directed against other states or regions",
        "Article 7",
    ),
    foreign_policy(
        "openness",
        "openness to cooperation with other states and organizations, and to new members",
        "Articles 3 and 7",
    ),
];

/// Every normative list, by name.
pub fn all() -> [(&'static str, &'static [Norm]); 4] {
    [
        ("shanghai_spirit", &SHANGHAI_SPIRIT),
        ("three_evils", &THREE_EVILS),
        ("charter_principles", &CHARTER_PRINCIPLES),
        ("foreign_policy_principles", &FOREIGN_POLICY_PRINCIPLES),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spirit_has_six_elements_and_the_evils_three() {
        assert_eq!(SHANGHAI_SPIRIT.len(), 6);
        assert_eq!(THREE_EVILS.len(), 3);
        assert!(CHARTER_PRINCIPLES
            .iter()
            .any(|n| n.id == "non_interference"));
    }
}
