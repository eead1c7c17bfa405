//! States: ISO 3166 alpha-3 codes and the names the Charter's rotations depend on.
//!
//! The Charter rotates the chair of the Council of Heads of State and the post of Secretary-General "in
//! the Russian alphabetical order of the names of the member states", so every state carries its Russian
//! name next to its English and Chinese ones, and [`russian_collation_key`] sorts Cyrillic properly
//! (code-point order misplaces Ё). The directory itself is filled by the caller (the ledger crate loads
//! it from `data/country_codes.csv`); this crate reads no files.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::DomainError;

/// An ISO 3166-1 alpha-3 code, always three uppercase ASCII letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iso3([u8; 3]);

impl Iso3 {
    /// Parses a code, accepting lowercase input (`kaz` becomes `KAZ`).
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let bytes = text.trim().as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(DomainError::InvalidIso3(text.to_string()));
        }
        Ok(Self([
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
            bytes[2].to_ascii_uppercase(),
        ]))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for Iso3 {
    type Err = DomainError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Iso3 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Iso3 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Iso3::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// What the project knows of a state's names and codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateInfo {
    /// ISO 3166 alpha-3 code.
    pub iso3: Iso3,
    /// English short name.
    pub name_en: String,
    /// Russian short name as used by the UN (UNTERM), e.g. "Кыргызстан"; the rotation order uses it.
    pub name_ru: String,
    /// Chinese short name.
    pub name_zh: String,
    /// Correlates of War numeric code, when the state has one.
    pub cow_code: Option<u32>,
    /// UN geographic region (Africa, Americas, Asia, Europe, Oceania), when known.
    pub un_region: Option<String>,
}

/// The states the project knows, by ISO3 code.
#[derive(Debug, Clone, Default)]
pub struct StateDirectory {
    states: BTreeMap<Iso3, StateInfo>,
}

impl StateDirectory {
    /// A directory of the given states (a later entry replaces an earlier one with the same code).
    pub fn new(states: impl IntoIterator<Item = StateInfo>) -> Self {
        Self {
            states: states.into_iter().map(|s| (s.iso3, s)).collect(),
        }
    }

    /// The state with this code, if known.
    pub fn get(&self, iso3: Iso3) -> Option<&StateInfo> {
        self.states.get(&iso3)
    }

    /// Parses a code and checks that the state is known.
    pub fn resolve(&self, text: &str) -> Result<&StateInfo, DomainError> {
        let iso3 = Iso3::parse(text)?;
        self.get(iso3)
            .ok_or_else(|| DomainError::UnknownState(iso3.to_string()))
    }

    /// Finds a state by its code or its English, Russian or Chinese name (case-insensitive).
    pub fn find(&self, query: &str) -> Option<&StateInfo> {
        if let Ok(iso3) = Iso3::parse(query) {
            if let Some(state) = self.get(iso3) {
                return Some(state);
            }
        }
        let wanted = query.trim().to_lowercase();
        self.states.values().find(|s| {
            s.name_en.to_lowercase() == wanted
                || s.name_ru.to_lowercase() == wanted
                || s.name_zh == query.trim()
        })
    }

    /// The English name of a state, or its code when unknown.
    pub fn name_en(&self, iso3: Iso3) -> String {
        self.get(iso3)
            .map(|s| s.name_en.clone())
            .unwrap_or_else(|| iso3.to_string())
    }

    /// Sorts codes in the Russian alphabetical order of the states' Russian names (unknown states last).
    pub fn sort_russian(&self, states: &mut [Iso3]) {
        states.sort_by_key(|iso3| match self.get(*iso3) {
            Some(info) => (0, russian_collation_key(&info.name_ru)),
            None => (1, iso3.to_string()),
        });
    }

    /// How many states the directory holds.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether the directory is empty.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
}

/// A key that sorts Russian text in alphabetical order.
///
/// Unicode code points order А–Я and а–я as the alphabet does, except Ё/ё, which sit outside that block;
/// Russian dictionaries file Ё with Е, and so does this key. Case is ignored.
pub fn russian_collation_key(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(iso3: &str, name_ru: &str) -> StateInfo {
        StateInfo {
            iso3: Iso3::parse(iso3).unwrap(),
            name_en: iso3.to_string(),
            name_ru: name_ru.to_string(),
            name_zh: String::new(),
            cow_code: None,
            un_region: None,
        }
    }

    #[test]
    fn iso3_accepts_lowercase_and_rejects_other_shapes() {
        assert_eq!(Iso3::parse("kaz").unwrap().as_str(), "KAZ");
        for bad in ["KA", "KAZA", "K4Z", ""] {
            assert!(Iso3::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn russian_order_of_the_six_founders_matches_the_alphabet() {
        let directory = StateDirectory::new([
            state("RUS", "Российская Федерация"),
            state("CHN", "Китай"),
            state("UZB", "Узбекистан"),
            state("KGZ", "Кыргызстан"),
            state("TJK", "Таджикистан"),
            state("KAZ", "Казахстан"),
        ]);
        let mut codes: Vec<Iso3> = ["RUS", "CHN", "UZB", "KGZ", "TJK", "KAZ"]
            .iter()
            .map(|c| Iso3::parse(c).unwrap())
            .collect();
        directory.sort_russian(&mut codes);
        let order: Vec<&str> = codes.iter().map(Iso3::as_str).collect();
        assert_eq!(order, ["KAZ", "CHN", "KGZ", "RUS", "TJK", "UZB"]);
    }

    #[test]
    fn yo_sorts_with_ye() {
        assert!(russian_collation_key("Ёж") < russian_collation_key("Жук"));
        assert_eq!(russian_collation_key("Ёлка"), russian_collation_key("елка"));
    }
}
