//! The country-year datasets other than the World Bank's: V-Dem, Freedom House, SIPRI,
//! COW material capabilities and national trade, UN General Assembly ideal points.
//! Each is read into named [`Panel`]s keyed by ISO3 code.

use std::collections::HashMap;

use crate::csvread::{CsvFile, DuplicateGuard};
use crate::panel::{Panel, PanelBuilder};
use crate::DataError;

/// In 1990 the COW files list both the German Federal Republic (COW 260, to 2 October)
/// and unified Germany (COW 255, from 3 October) under ISO3 DEU. The unified state's
/// row is kept; any other duplicate (code, year) is an error.
const PREFERRED_ON_OVERLAP: [(&str, &str); 1] = [("DEU", "255")];

/// One row as read: its line, its COW code (if the file has one) and its values.
type ParsedRow = (u64, String, Vec<Option<f64>>);

/// Reads numeric columns of a long country-year file into panels, multiplying each by
/// its scale (to turn US$ million into US$, say). Rows whose code is empty (historical
/// states, territories without an ISO code) are skipped and counted.
fn numeric_panels(
    file: &str,
    bytes: &[u8],
    code_column: &'static str,
    columns: &[(&'static str, f64)],
) -> Result<(Vec<Panel<f64>>, usize), DataError> {
    let csv = CsvFile::open(file, bytes)?;
    let c_code = csv.col(code_column)?;
    let c_year = csv.col("year")?;
    let c_cow = csv.col("cow_code").ok();
    let cols = columns
        .iter()
        .map(|(name, scale)| csv.col(name).map(|c| (c, *scale)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows: HashMap<(String, i32), ParsedRow> = HashMap::new();
    let mut order: Vec<(String, i32)> = Vec::new();
    let mut skipped = 0;
    csv.for_each_row(|row| {
        let Some(code) = row.code(c_code)? else {
            skipped += 1;
            return Ok(());
        };
        let year = row.year(c_year)?;
        let cow = match c_cow {
            Some(c) => row.text(c)?.trim().to_string(),
            None => String::new(),
        };
        let values = cols
            .iter()
            .map(|(col, scale)| row.number(*col).map(|v| v.map(|v| v * scale)))
            .collect::<Result<Vec<_>, _>>()?;
        let key = (code.to_string(), year);
        let preferred = |cow: &str| PREFERRED_ON_OVERLAP.contains(&(code, cow));
        match rows.get(&key) {
            None => {
                order.push(key.clone());
                rows.insert(key, (row.line(), cow, values));
            }
            Some((_, old_cow, _)) if preferred(old_cow) && !preferred(&cow) => {}
            Some((_, old_cow, _)) if preferred(&cow) && !preferred(old_cow) => {
                rows.insert(key, (row.line(), cow, values));
            }
            Some((first, _, _)) => {
                return Err(row.row_error(format!(
                    "duplicate row for {code} {year} (first seen on line {first})"
                )))
            }
        }
        Ok(())
    })?;
    let mut builders: Vec<PanelBuilder<f64>> = cols.iter().map(|_| PanelBuilder::new()).collect();
    for key in &order {
        let (_, _, values) = &rows[key];
        for (builder, value) in builders.iter_mut().zip(values) {
            builder.push(&key.0, key.1, *value);
        }
    }
    Ok((
        builders.into_iter().map(PanelBuilder::build).collect(),
        skipped,
    ))
}

/// Takes the panels out of the vector in order.
fn take<const N: usize>(panels: Vec<Panel<f64>>) -> [Panel<f64>; N] {
    match panels.try_into() {
        Ok(array) => array,
        Err(_) => unreachable!("numeric_panels returns one panel per requested column"),
    }
}

/// V-Dem high-level democracy indices (0–1), keyed by V-Dem's `country_text_id`,
/// which equals ISO3 for current states (TWN and XKX included).
#[derive(Debug, Clone)]
pub struct Vdem {
    /// v2x_polyarchy, electoral democracy index.
    pub polyarchy: Panel<f64>,
    /// v2x_libdem, liberal democracy index.
    pub libdem: Panel<f64>,
}

impl Vdem {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let (panels, _) = numeric_panels(
            file,
            bytes,
            "country_text_id",
            &[("v2x_polyarchy", 1.0), ("v2x_libdem", 1.0)],
        )?;
        let [polyarchy, libdem] = take(panels);
        Ok(Vdem { polyarchy, libdem })
    }
}

/// Freedom House status of a country in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum FhStatus {
    /// "F".
    Free,
    /// "PF".
    PartlyFree,
    /// "NF".
    NotFree,
}

impl FhStatus {
    /// Freedom House's abbreviation.
    pub fn code(self) -> &'static str {
        match self {
            FhStatus::Free => "F",
            FhStatus::PartlyFree => "PF",
            FhStatus::NotFree => "NF",
        }
    }

    /// The label Freedom House prints.
    pub fn label(self) -> &'static str {
        match self {
            FhStatus::Free => "Free",
            FhStatus::PartlyFree => "Partly Free",
            FhStatus::NotFree => "Not Free",
        }
    }

    pub const ALL: [FhStatus; 3] = [FhStatus::Free, FhStatus::PartlyFree, FhStatus::NotFree];
}

/// Freedom in the World ratings; `year` is the year the ratings cover.
#[derive(Debug, Clone)]
pub struct FreedomHouse {
    pub status: Panel<FhStatus>,
    /// Political rights + civil liberties, 2 (most free) to 14 (least free).
    pub total: Panel<f64>,
    /// Rows for territories without ISO3 code, left out.
    pub skipped_rows: usize,
}

impl FreedomHouse {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let csv = CsvFile::open(file, bytes)?;
        let c_code = csv.col("iso3")?;
        let c_year = csv.col("year")?;
        let c_status = csv.col("status")?;
        let c_total = csv.col("fh_total")?;
        let mut status = PanelBuilder::new();
        let mut total = PanelBuilder::new();
        let mut guard = DuplicateGuard::default();
        let mut skipped_rows = 0;
        csv.for_each_row(|row| {
            let Some(code) = row.code(c_code)? else {
                skipped_rows += 1;
                return Ok(());
            };
            let year = row.year(c_year)?;
            guard.check(row, code, year)?;
            let value = match row.text(c_status)?.trim() {
                "" => None,
                "F" => Some(FhStatus::Free),
                "PF" => Some(FhStatus::PartlyFree),
                "NF" => Some(FhStatus::NotFree),
                other => {
                    return Err(
                        row.error(c_status, format!("expected F, PF or NF, found `{other}`"))
                    )
                }
            };
            status.push(code, year, value);
            total.push(code, year, row.number(c_total)?);
            Ok(())
        })?;
        Ok(FreedomHouse {
            status: status.build(),
            total: total.build(),
            skipped_rows,
        })
    }
}

/// SIPRI military expenditure.
#[derive(Debug, Clone)]
pub struct Sipri {
    /// Current US$ (converted from the file's US$ million).
    pub milex_usd: Panel<f64>,
    /// Per cent of GDP.
    pub share_gdp_pct: Panel<f64>,
}

impl Sipri {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let (panels, _) = numeric_panels(
            file,
            bytes,
            "iso3",
            &[("milex_current_usd_m", 1e6), ("milex_share_gdp", 1.0)],
        )?;
        let [milex_usd, share_gdp_pct] = take(panels);
        Ok(Sipri {
            milex_usd,
            share_gdp_pct,
        })
    }
}

/// COW National Material Capabilities.
#[derive(Debug, Clone)]
pub struct Nmc {
    /// Composite Index of National Capability: the state's share of the system (0–1).
    pub cinc: Panel<f64>,
    /// Military expenditure, current US$ (the file's thousands × 1000).
    pub milex_usd: Panel<f64>,
    /// Military personnel, persons.
    pub milper: Panel<f64>,
    /// Total population, persons.
    pub tpop: Panel<f64>,
}

impl Nmc {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let (panels, _) = numeric_panels(
            file,
            bytes,
            "iso3",
            &[
                ("cinc", 1.0),
                ("milex", 1e3),
                ("milper", 1e3),
                ("tpop", 1e3),
            ],
        )?;
        let [cinc, milex_usd, milper, tpop] = take(panels);
        Ok(Nmc {
            cinc,
            milex_usd,
            milper,
            tpop,
        })
    }
}

/// COW national trade totals.
#[derive(Debug, Clone)]
pub struct NationalTrade {
    /// Imports, current US$ (the file's millions × 1e6).
    pub imports_usd: Panel<f64>,
    /// Exports, current US$.
    pub exports_usd: Panel<f64>,
}

impl NationalTrade {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let (panels, _) =
            numeric_panels(file, bytes, "iso3", &[("imports", 1e6), ("exports", 1e6)])?;
        let [imports_usd, exports_usd] = take(panels);
        Ok(NationalTrade {
            imports_usd,
            exports_usd,
        })
    }
}

/// UN General Assembly ideal points and agreement rates; `year` is the calendar year
/// in which the session opened.
#[derive(Debug, Clone)]
pub struct Unga {
    /// Bailey–Strezhnev–Voeten ideal point (higher = closer to the US-led order).
    pub ideal_point: Panel<f64>,
    pub agree_usa: Panel<f64>,
    pub agree_russia: Panel<f64>,
    pub agree_china: Panel<f64>,
    pub agree_india: Panel<f64>,
}

impl Unga {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let (panels, _) = numeric_panels(
            file,
            bytes,
            "iso3",
            &[
                ("ideal_point", 1.0),
                ("agree_usa", 1.0),
                ("agree_russia", 1.0),
                ("agree_china", 1.0),
                ("agree_india", 1.0),
            ],
        )?;
        let [ideal_point, agree_usa, agree_russia, agree_china, agree_india] = take(panels);
        Ok(Unga {
            ideal_point,
            agree_usa,
            agree_russia,
            agree_china,
            agree_india,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sipri_converts_millions_to_dollars_and_skips_rows_without_code() {
        let text = "country_sipri,iso3,year,milex_current_usd_m,milex_constant2023_usd_m,milex_share_gdp,milex_per_capita_current_usd,milex_share_govt_spending\n\
                    A,AAA,2000,1.5,,2.0,,\n\"Yemen, North\",,1990,3,,,,\n";
        let s = Sipri::parse("s.csv", text.as_bytes()).unwrap();
        assert_eq!(s.milex_usd.get("AAA", 2000), Some(1.5e6));
        assert_eq!(s.share_gdp_pct.get("AAA", 2000), Some(2.0));
    }

    #[test]
    fn freedom_house_rejects_unknown_status() {
        let text = "country,iso3,cow_code,year,pr,cl,status,fh_total\nA,AAA,1,2000,1,1,X,2\n";
        let err = FreedomHouse::parse("f.csv", text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.csv:2: column `status`: expected F, PF or NF, found `X`"
        );
    }

    #[test]
    fn germany_1990_keeps_the_unified_state_and_other_duplicates_fail() {
        let header = "cow_code,iso3,year,imports,exports\n";
        let text = format!("{header}255,DEU,1990,10,20\n260,DEU,1990,1,2\n");
        let t = NationalTrade::parse("t.csv", text.as_bytes()).unwrap();
        assert_eq!(t.imports_usd.get("DEU", 1990), Some(10e6));
        let text = format!("{header}260,DEU,1990,1,2\n255,DEU,1990,10,20\n");
        let t = NationalTrade::parse("t.csv", text.as_bytes()).unwrap();
        assert_eq!(t.exports_usd.get("DEU", 1990), Some(20e6));
        let text = format!("{header}2,USA,1990,1,2\n2,USA,1990,1,2\n");
        let err = NationalTrade::parse("t.csv", text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv:3: duplicate row for USA 1990 (first seen on line 2)"
        );
    }

    #[test]
    fn a_bad_code_is_reported_with_its_column() {
        let text =
            "cow_code,iso3,year,milex,milper,irst,pec,tpop,upop,cinc\n2,usa,1990,1,1,1,1,1,1,0.1\n";
        let err = Nmc::parse("n.csv", text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "n.csv:2: column `iso3`: expected a three-letter upper-case code, found `usa`"
        );
    }
}
