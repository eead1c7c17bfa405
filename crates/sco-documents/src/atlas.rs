//! The states a map can show: each state's ISO codes (alpha-3 and the numeric code that keys
//! the Natural Earth shapes) and its names in English, Russian and Chinese
//! (`GET /api/states`).
//!
//! Why: the dashboard's world map draws shapes keyed by ISO numeric code and labels them in the
//! reader's language, while every other document speaks ISO alpha-3 and English. The names come
//! from the ledger's country directory (the UN's Russian and Chinese short names, or CLDR's where
//! the UN has none), the numeric codes from `data/datasets/country_codes.csv`.

use sco_data::Countries;
use sco_domain::{Iso3, StateDirectory};
use serde::Serialize;

/// One state with its codes and names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateNames {
    pub iso3: String,
    /// ISO 3166 numeric code as three digits (`"004"`), when the state has one.
    pub iso_numeric: Option<String>,
    pub name_en: String,
    pub name_ru: String,
    pub name_zh: String,
}

/// Every state of the code list that the ledger's directory names, in ISO3 order.
pub fn state_names(directory: &StateDirectory, countries: &Countries) -> Vec<StateNames> {
    countries
        .iter()
        .filter_map(|country| {
            let iso3 = Iso3::parse(&country.iso3).ok()?;
            let info = directory.get(iso3)?;
            Some(StateNames {
                iso3: country.iso3.clone(),
                iso_numeric: country.iso_numeric.map(|n| format!("{n:03}")),
                name_en: info.name_en.clone(),
                name_ru: info.name_ru.clone(),
                name_zh: info.name_zh.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_have_numeric_codes_and_three_names() {
        let ledger = sco_ledger::Ledger::embedded().expect("the embedded ledger");
        let countries = sco_data::embedded::countries().expect("the code list");
        let names = state_names(&ledger.directory, countries);
        let find = |iso3: &str| names.iter().find(|s| s.iso3 == iso3).unwrap();
        let kaz = find("KAZ");
        assert_eq!(kaz.iso_numeric.as_deref(), Some("398"));
        assert_eq!(kaz.name_en, "Kazakhstan");
        assert_eq!(kaz.name_ru, "Казахстан");
        assert_eq!(kaz.name_zh, "哈萨克斯坦");
        assert_eq!(find("AFG").iso_numeric.as_deref(), Some("004"));
        assert!(names.len() > 190, "{}", names.len());
    }
}
