//! Correlates of War Intergovernmental Organizations v3, trimmed to eight Eurasian
//! organisations (`cow_igo_eurasian_memberships.csv`): one row per (organisation, year,
//! state) with a status of 1 (full), 2 (associate) or 3 (observer); states that were not
//! members are not listed.

use crate::csvread::CsvFile;
use crate::DataError;

/// The COW IGO number of the Shanghai Cooperation Organisation (coded 1996–2014, Shanghai
/// Five included).
pub const SCO_IONUM: u32 = 4115;

/// One state's standing in one organisation in one year, as COW codes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgoMembership {
    /// COW's short name of the organisation (`SCO`).
    pub ioname: String,
    /// COW's number of the organisation.
    pub ionum: u32,
    pub year: i32,
    /// COW state number.
    pub cow_code: u16,
    pub iso3: String,
    /// 1 full member, 2 associate member, 3 observer.
    pub status_code: u8,
}

/// The rows of the file, in file order.
#[derive(Debug, Clone)]
pub struct CowIgo {
    pub rows: Vec<IgoMembership>,
}

impl CowIgo {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let csv = CsvFile::open(file, bytes)?;
        let c_ioname = csv.col("ioname")?;
        let c_ionum = csv.col("ionum")?;
        let c_year = csv.col("year")?;
        let c_cow = csv.col("cow_code")?;
        let c_iso3 = csv.col("iso3")?;
        let c_status = csv.col("status_code")?;
        let mut rows = Vec::new();
        csv.for_each_row(|row| {
            let number = |col, what: &str| -> Result<u32, DataError> {
                let text = row.required(col)?.trim();
                text.parse::<u32>()
                    .map_err(|_| row.error(col, format!("expected {what}, found `{text}`")))
            };
            let status_code = number(c_status, "a status code 1, 2 or 3")?;
            if !(1..=3).contains(&status_code) {
                return Err(row.error(
                    c_status,
                    format!("status code {status_code} is not 1, 2 or 3"),
                ));
            }
            let cow_code = number(c_cow, "a COW state number")?;
            rows.push(IgoMembership {
                ioname: row.required(c_ioname)?.to_string(),
                ionum: number(c_ionum, "an organisation number")?,
                year: row.year(c_year)?,
                cow_code: u16::try_from(cow_code).map_err(|_| {
                    row.error(c_cow, format!("state number {cow_code} is too large"))
                })?,
                iso3: row.required(c_iso3)?.trim().to_string(),
                status_code: status_code as u8,
            });
            Ok(())
        })?;
        Ok(CowIgo { rows })
    }

    /// The rows of one organisation.
    pub fn of(&self, ionum: u32) -> impl Iterator<Item = &IgoMembership> {
        self.rows.iter().filter(move |r| r.ionum == ionum)
    }

    /// The first and last year the organisation is coded.
    pub fn years_of(&self, ionum: u32) -> Option<(i32, i32)> {
        let years = self.of(ionum).map(|r| r.year);
        let (min, max) = years.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
        (min <= max).then_some((min, max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_codes_the_sco_founders_from_1996_to_2014() {
        let igo = crate::embedded::cow_igo().unwrap();
        assert_eq!(igo.years_of(SCO_IONUM), Some((1996, 2014)));
        let chn_1996 = igo
            .of(SCO_IONUM)
            .find(|r| r.iso3 == "CHN" && r.year == 1996)
            .unwrap();
        assert_eq!((chn_1996.cow_code, chn_1996.status_code), (710, 1));
        assert!(igo.of(SCO_IONUM).all(|r| r.iso3 != "IND"));
    }

    #[test]
    fn a_bad_status_names_its_line() {
        let text = "ioname,ionum,year,cow_code,iso3,status_code\nSCO,4115,2000,710,CHN,7\n";
        let error = CowIgo::parse("igo.csv", text.as_bytes()).unwrap_err();
        assert!(error.to_string().contains("igo.csv"), "{error}");
    }
}
