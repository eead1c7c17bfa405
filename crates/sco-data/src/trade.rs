//! COW Trade v4.0 dyadic flows. The file keeps only dyads with at least one side in an
//! SCO-related set of 27 states (see PROVENANCE), so flows *among* those states are
//! complete, but flows between two outsiders are absent.

use std::collections::{BTreeMap, HashSet};

use crate::csvread::CsvFile;
use crate::DataError;

/// The 27 states the extract was cut around (PROVENANCE.md, "cow_trade_dyadic_sco.csv"):
/// SCO members, observers and dialogue partners as of 2024. Every dyad with one of them
/// on a side is in the file.
pub const EXTRACT_SET: [&str; 27] = [
    "CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB", "IND", "PAK", "IRN", "BLR", "MNG", "AFG", "LKA",
    "TUR", "KHM", "AZE", "ARM", "NPL", "EGY", "QAT", "SAU", "KWT", "ARE", "BHR", "MDV", "MMR",
    "LAO",
];

/// One pair of states in one year. `a < b` by COW code, as in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Dyad {
    pub a: String,
    pub b: String,
    /// Imports of `a` from `b`, current US$ (`None` when COW has no figure).
    pub imports_a_from_b: Option<f64>,
    /// Imports of `b` from `a`, current US$.
    pub imports_b_from_a: Option<f64>,
}

/// Dyadic trade by year.
#[derive(Debug, Clone)]
pub struct DyadicTrade {
    by_year: BTreeMap<i32, Vec<Dyad>>,
    covered: HashSet<String>,
}

impl DyadicTrade {
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, DataError> {
        let csv = CsvFile::open(file, bytes)?;
        let c_a = csv.col("iso3_1")?;
        let c_b = csv.col("iso3_2")?;
        let c_year = csv.col("year")?;
        let c_flow1 = csv.col("flow1")?;
        let c_flow2 = csv.col("flow2")?;
        let mut by_year: BTreeMap<i32, Vec<Dyad>> = BTreeMap::new();
        csv.for_each_row(|row| {
            let (Some(a), Some(b)) = (row.code(c_a)?, row.code(c_b)?) else {
                return Ok(()); // a historical state without ISO3 on one side
            };
            let year = row.year(c_year)?;
            by_year.entry(year).or_default().push(Dyad {
                a: a.to_string(),
                b: b.to_string(),
                imports_a_from_b: row.number(c_flow1)?.map(|v| v * 1e6),
                imports_b_from_a: row.number(c_flow2)?.map(|v| v * 1e6),
            });
            Ok(())
        })?;
        let covered = EXTRACT_SET.iter().map(|c| c.to_string()).collect();
        Ok(DyadicTrade { by_year, covered })
    }

    /// Dyads of one year.
    pub fn dyads(&self, year: i32) -> &[Dyad] {
        self.by_year.get(&year).map(Vec::as_slice).unwrap_or(&[])
    }

    /// First and last year in the file.
    pub fn year_span(&self) -> Option<(i32, i32)> {
        Some((
            *self.by_year.keys().next()?,
            *self.by_year.keys().next_back()?,
        ))
    }

    /// Whether all dyads of this state are in the file (it belongs to the SCO-related
    /// set the extract was cut around).
    pub fn covers(&self, code: &str) -> bool {
        self.covered.contains(code)
    }
}
