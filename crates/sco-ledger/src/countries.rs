//! The country directory: ISO3 codes with English, Russian and Chinese names.
//!
//! Read from `country_codes.csv` (a copy of the shared dataset, see `data/PROVENANCE.md`). The Russian
//! name is the UN's short name (UNTERM) because the rotation rules sort on official names ("Кыргызстан",
//! not the colloquial "Киргизия"); where the UN gives none (Taiwan, Kosovo) the CLDR name is used.

use sco_domain::{Iso3, StateDirectory, StateInfo};

use crate::LedgerError;

/// Parses the country-codes CSV into a directory. Rows without an ISO3 code (historical states) are
/// skipped.
pub fn parse_country_codes(file: &str, text: &str) -> Result<StateDirectory, LedgerError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let error = |line: usize, message: String| LedgerError::Countries {
        file: file.to_string(),
        line,
        message,
    };
    let headers = reader
        .headers()
        .map_err(|e| error(1, e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| error(1, format!("missing column `{name}`")))
    };
    let iso3_col = column("iso3")?;
    let en_col = column("name_en")?;
    let ru_un_col = column("unterm_name_ru")?;
    let ru_cldr_col = column("cldr_name_ru")?;
    let zh_un_col = column("unterm_name_zh")?;
    let zh_cldr_col = column("cldr_name_zh")?;
    let cow_col = column("cow_code")?;
    let region_col = headers.iter().position(|h| h == "un_region");
    let mut states = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| error(line, e.to_string()))?;
        let field = |col: usize| record.get(col).unwrap_or("").trim();
        if field(iso3_col).is_empty() {
            continue;
        }
        let iso3 = Iso3::parse(field(iso3_col)).map_err(|e| error(line, e.to_string()))?;
        let pick = |primary: usize, fallback: usize| {
            let value = field(primary);
            if value.is_empty() {
                field(fallback).to_string()
            } else {
                value.to_string()
            }
        };
        let cow_code = match field(cow_col) {
            "" => None,
            text => Some(
                text.parse::<u32>()
                    .map_err(|_| error(line, format!("cow_code `{text}` is not a number")))?,
            ),
        };
        states.push(StateInfo {
            iso3,
            name_en: field(en_col).to_string(),
            name_ru: pick(ru_un_col, ru_cldr_col),
            name_zh: pick(zh_un_col, zh_cldr_col),
            cow_code,
            un_region: region_col
                .map(field)
                .filter(|r| !r.is_empty())
                .map(str::to_string),
        });
    }
    Ok(StateDirectory::new(states))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "iso3,name_en,cldr_name_ru,unterm_name_ru,cldr_name_zh,unterm_name_zh,cow_code\n\
KGZ,Kyrgyzstan,Киргизия,Кыргызстан,吉尔吉斯斯坦,吉尔吉斯斯坦,703\n\
TWN,Taiwan,Тайвань,,台湾,,713\n\
,Soviet Union,,,,,365\n";

    #[test]
    fn prefers_un_names_and_falls_back_to_cldr() {
        let directory = parse_country_codes("sample.csv", SAMPLE).unwrap();
        assert_eq!(directory.len(), 2);
        let kgz = directory.resolve("KGZ").unwrap();
        assert_eq!(kgz.name_ru, "Кыргызстан");
        assert_eq!(kgz.cow_code, Some(703));
        assert_eq!(directory.resolve("TWN").unwrap().name_ru, "Тайвань");
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let text = "iso3,name_en,cldr_name_ru,unterm_name_ru,cldr_name_zh,unterm_name_zh,cow_code\nK1Z,x,,,,,\n";
        let error = parse_country_codes("sample.csv", text).unwrap_err();
        assert!(error.to_string().starts_with("sample.csv:2:"), "{error}");
    }
}
