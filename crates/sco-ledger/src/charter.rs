//! The Charter and the regulations in our own words: `data/ledger/charter.toml`.
//!
//! The rules in `sco-domain` cite articles by number; this file holds a paraphrase of each article they
//! rely on, with sources, so `sco charter 16` can show a reader what the code encodes.

use serde::{Deserialize, Serialize};

use crate::parse::parse_toml;
use crate::LedgerError;

const CHARTER: &str = include_str!("../../../data/ledger/charter.toml");

/// A citation as written in `charter.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharterSource {
    /// Source id (from `sources.toml`).
    pub id: String,
    /// Where in it.
    pub at: String,
}

/// One article of the Charter, paraphrased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Article number.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Our paraphrase.
    pub summary: String,
    /// Sources.
    pub sources: Vec<CharterSource>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A rule laid down outside the Charter (a regulation, the RATS agreement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// Short id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Our paraphrase.
    pub summary: String,
    /// Criteria it lists, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<String>,
    /// Stages it lists, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<String>,
    /// Sources.
    pub sources: Vec<CharterSource>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A named set of ideas (the Shanghai Spirit, the three evils).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Short id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Our paraphrase.
    pub summary: String,
    /// Its elements.
    pub elements: Vec<String>,
    /// Sources.
    pub sources: Vec<CharterSource>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The contents of `charter.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharterText {
    /// Articles in number order.
    #[serde(default, rename = "article")]
    pub articles: Vec<Article>,
    /// Regulations.
    #[serde(default, rename = "rule")]
    pub regulations: Vec<Regulation>,
    /// Concepts.
    #[serde(default, rename = "concept")]
    pub concepts: Vec<Concept>,
}

impl CharterText {
    /// The paraphrases shipped with the program.
    pub fn embedded() -> Result<Self, LedgerError> {
        Self::parse("charter.toml", CHARTER)
    }

    /// Parses a `charter.toml` text.
    pub fn parse(file: &str, text: &str) -> Result<Self, LedgerError> {
        parse_toml(file, text)
    }

    /// The article with this number.
    pub fn article(&self, number: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sco_domain::principles::{SHANGHAI_SPIRIT, THREE_EVILS};

    #[test]
    fn the_articles_the_rules_cite_are_paraphrased() {
        let charter = CharterText::embedded().unwrap();
        for number in [2, 5, 11, 12, 13, 14, 16, 20] {
            assert!(charter.article(number).is_some(), "article {number}");
        }
        assert!(charter.article(5).unwrap().title.contains("Heads of State"));
        assert!(charter.article(16).unwrap().title.contains("Decision"));
        assert!(charter.article(20).unwrap().title.contains("Language"));
    }

    #[test]
    fn the_domain_vocabulary_matches_the_sourced_concepts() {
        let charter = CharterText::embedded().unwrap();
        let concept = |id: &str| {
            charter
                .concepts
                .iter()
                .find(|c| c.id == id)
                .unwrap()
                .elements
                .clone()
        };
        let spirit = concept("shanghai_spirit");
        assert_eq!(spirit.len(), SHANGHAI_SPIRIT.len());
        for norm in SHANGHAI_SPIRIT {
            let last_word = norm.name.split(' ').next_back().unwrap();
            assert!(
                spirit.iter().any(|e| e.contains(last_word)),
                "{} is not among {spirit:?}",
                norm.name
            );
        }
        let evils = concept("three_evils");
        for norm in THREE_EVILS {
            assert!(evils.iter().any(|e| e == norm.name));
        }
    }
}
