//! Country names, codes and UN regions (`country_codes.csv`).

use std::collections::BTreeMap;

use crate::csvread::CsvFile;
use crate::DataError;

/// What the code list says about one country.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    /// ISO 3166 numeric code, the key of the Natural Earth shapes.
    pub iso_numeric: Option<u16>,
    pub un_region: String,
    pub un_subregion: String,
    /// Correlates of War state number (`cow_code`), if the state is in the COW system.
    pub cow_code: Option<u16>,
    /// Gleditsch–Ward state number (`gw_code`), if the state is in their list.
    pub gw_code: Option<u16>,
    /// `is_independent` is `Yes` (a sovereign state, not a territory).
    pub independent: bool,
}

/// The code list, keyed by ISO3.
#[derive(Debug, Clone)]
pub struct Countries {
    by_iso3: BTreeMap<String, Country>,
}

impl Countries {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let csv = CsvFile::open(file, bytes)?;
        let c_iso3 = csv.col("iso3")?;
        let c_name = csv.col("name_en")?;
        let c_num = csv.col("iso_numeric")?;
        let c_region = csv.col("un_region")?;
        let c_subregion = csv.col("un_subregion")?;
        let c_cow = csv.col("cow_code")?;
        let c_gw = csv.col("gw_code")?;
        let c_independent = csv.col("is_independent")?;
        let mut by_iso3 = BTreeMap::new();
        csv.for_each_row(|row| {
            let Some(iso3) = row.code(c_iso3)? else {
                return Ok(()); // historical state
            };
            let num = row.text(c_num)?.trim();
            let iso_numeric = if num.is_empty() {
                None
            } else {
                Some(num.parse::<u16>().map_err(|_| {
                    row.error(c_num, format!("expected a numeric code, found `{num}`"))
                })?)
            };
            let state_number = |col| -> Result<Option<u16>, DataError> {
                let text = row.text(col)?.trim();
                if text.is_empty() {
                    return Ok(None);
                }
                text.parse::<u16>()
                    .map(Some)
                    .map_err(|_| row.error(col, format!("expected a state number, found `{text}`")))
            };
            let country = Country {
                iso3: iso3.to_string(),
                name: row.text(c_name)?.to_string(),
                iso_numeric,
                un_region: row.text(c_region)?.to_string(),
                un_subregion: row.text(c_subregion)?.to_string(),
                cow_code: state_number(c_cow)?,
                gw_code: state_number(c_gw)?,
                independent: row.text(c_independent)?.trim() == "Yes",
            };
            if by_iso3.insert(iso3.to_string(), country).is_some() {
                return Err(row.row_error(format!("duplicate row for {iso3}")));
            }
            Ok(())
        })?;
        Ok(Countries { by_iso3 })
    }

    pub fn get(&self, iso3: &str) -> Option<&Country> {
        self.by_iso3.get(iso3)
    }

    /// The English short name, or the code itself if the list does not know it.
    pub fn name<'a>(&'a self, iso3: &'a str) -> &'a str {
        self.by_iso3.get(iso3).map_or(iso3, |c| c.name.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.by_iso3.values()
    }
}
