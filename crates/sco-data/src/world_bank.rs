//! World Bank World Development Indicators: population, GDP (current US$ and PPP),
//! military expenditure and merchandise trade, for countries and for the `WLD` aggregate.

use std::collections::{BTreeMap, BTreeSet};

use crate::csvread::{CsvFile, DuplicateGuard};
use crate::panel::{Panel, PanelBuilder};
use crate::DataError;

/// The World Bank's code for its "World" aggregate. It excludes Taiwan, which the
/// World Bank does not report separately.
pub const WORLD: &str = "WLD";

/// The World Bank table, one panel per variable.
#[derive(Debug, Clone)]
pub struct WorldBank {
    /// SP.POP.TOTL, persons, mid-year.
    pub population: Panel<f64>,
    /// NY.GDP.MKTP.CD, current US$.
    pub gdp_usd: Panel<f64>,
    /// GDP at PPP, current international $ (per-capita PPP × population, see PROVENANCE).
    pub gdp_ppp: Panel<f64>,
    /// Military expenditure, current US$ (SIPRI share of GDP × GDP, see PROVENANCE).
    pub milex_usd: Panel<f64>,
    /// TX.VAL.MRCH.CD.WT, merchandise exports, current US$.
    pub merch_exports: Panel<f64>,
    /// TM.VAL.MRCH.CD.WT, merchandise imports, current US$.
    pub merch_imports: Panel<f64>,
    names: BTreeMap<String, String>,
    aggregates: BTreeSet<String>,
}

impl WorldBank {
    /// Parses `wb_indicators.csv`; `file` is the name used in error messages.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let csv = CsvFile::open(file, bytes)?;
        let c_code = csv.col("iso3")?;
        let c_name = csv.col("country")?;
        let c_agg = csv.col("is_aggregate")?;
        let c_year = csv.col("year")?;
        let c_pop = csv.col("population")?;
        let c_gdp = csv.col("gdp_current_usd")?;
        let c_ppp = csv.col("gdp_ppp_current_intl_derived")?;
        let c_milex = csv.col("milex_current_usd_derived")?;
        let c_exp = csv.col("merch_exports_current_usd")?;
        let c_imp = csv.col("merch_imports_current_usd")?;

        let mut population = PanelBuilder::new();
        let mut gdp_usd = PanelBuilder::new();
        let mut gdp_ppp = PanelBuilder::new();
        let mut milex_usd = PanelBuilder::new();
        let mut merch_exports = PanelBuilder::new();
        let mut merch_imports = PanelBuilder::new();
        let mut names = BTreeMap::new();
        let mut aggregates = BTreeSet::new();
        let mut guard = DuplicateGuard::default();

        csv.for_each_row(|row| {
            let code = row
                .code(c_code)?
                .ok_or_else(|| row.error(c_code, "the code is empty"))?;
            let year = row.year(c_year)?;
            guard.check(row, code, year)?;
            match row.required(c_agg)? {
                "1" => {
                    aggregates.insert(code.to_string());
                }
                "0" => {}
                other => return Err(row.error(c_agg, format!("expected 0 or 1, found `{other}`"))),
            }
            names
                .entry(code.to_string())
                .or_insert_with(|| row.text(c_name).unwrap_or_default().to_string());
            population.push(code, year, row.number(c_pop)?);
            gdp_usd.push(code, year, row.number(c_gdp)?);
            gdp_ppp.push(code, year, row.number(c_ppp)?);
            milex_usd.push(code, year, row.number(c_milex)?);
            merch_exports.push(code, year, row.number(c_exp)?);
            merch_imports.push(code, year, row.number(c_imp)?);
            Ok(())
        })?;

        Ok(WorldBank {
            population: population.build(),
            gdp_usd: gdp_usd.build(),
            gdp_ppp: gdp_ppp.build(),
            milex_usd: milex_usd.build(),
            merch_exports: merch_exports.build(),
            merch_imports: merch_imports.build(),
            names,
            aggregates,
        })
    }

    /// Whether the code is a World Bank region or income aggregate (including `WLD`).
    pub fn is_aggregate(&self, code: &str) -> bool {
        self.aggregates.contains(code)
    }

    /// Whether the World Bank reports this code at all.
    pub fn knows(&self, code: &str) -> bool {
        self.names.contains_key(code)
    }

    /// The World Bank's name for a code.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.names.get(code).map(String::as_str)
    }

    /// Codes of countries and territories (aggregates left out), sorted.
    pub fn country_codes(&self) -> impl Iterator<Item = &str> {
        self.names
            .keys()
            .filter(|c| !self.aggregates.contains(*c))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "iso3,country,is_aggregate,year,population,gdp_current_usd,gdp_pc_ppp_current_intl,gni_ppp_current_intl,milex_pct_gdp,milex_pct_govt_exp,merch_exports_current_usd,merch_imports_current_usd,merch_trade_pct_gdp,exports_gs_pct_gdp,imports_gs_pct_gdp,gdp_ppp_current_intl_derived,milex_current_usd_derived\n";

    #[test]
    fn reads_values_and_keeps_missing_as_none() {
        let text = format!(
            "{HEADER}AAA,Aland,0,2000,100,5.5,,,,,,,,,,,\nWLD,World,1,2000,1000,55,,,,,,,,,,,\n"
        );
        let wb = WorldBank::parse("t.csv", text.as_bytes()).unwrap();
        assert_eq!(wb.population.get("AAA", 2000), Some(100.0));
        assert_eq!(wb.gdp_usd.get("AAA", 2000), Some(5.5));
        assert_eq!(wb.gdp_ppp.get("AAA", 2000), None);
        assert!(wb.is_aggregate("WLD"));
        assert_eq!(wb.country_codes().collect::<Vec<_>>(), vec!["AAA"]);
    }

    #[test]
    fn a_bad_number_names_file_line_and_column() {
        let text =
            format!("{HEADER}AAA,Aland,0,2000,100,5.5,,,,,,,,,,,\nBBB,B,0,2000,lots,,,,,,,,,,,,\n");
        let err = WorldBank::parse("t.csv", text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv:3: column `population`: expected a number, found `lots`"
        );
    }

    #[test]
    fn duplicate_rows_are_refused() {
        let text = format!("{HEADER}AAA,A,0,2000,1,,,,,,,,,,,,\nAAA,A,0,2000,2,,,,,,,,,,,,\n");
        let err = WorldBank::parse("t.csv", text.as_bytes()).unwrap_err();
        assert!(err
            .to_string()
            .contains("t.csv:3: duplicate row for AAA 2000 (first seen on line 2)"));
    }

    #[test]
    fn a_missing_column_is_reported() {
        let err = WorldBank::parse("t.csv", b"iso3,country\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv:1: the header has no column `is_aggregate`"
        );
    }
}
