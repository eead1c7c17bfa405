//! The quantities whose totals and world shares can be computed, each tied to one
//! dataset column and one definition of the world total.

use serde::{Deserialize, Serialize};

use crate::sources::{self, SourceInfo};

/// A size measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Population, persons (World Bank SP.POP.TOTL).
    Population,
    /// GDP at current US$ (World Bank NY.GDP.MKTP.CD).
    GdpUsd,
    /// GDP at purchasing power parity, current international $ (World Bank, derived).
    GdpPpp,
    /// Military expenditure, current US$ (World Bank series compiled from SIPRI).
    MilexUsd,
    /// Military expenditure, current US$, straight from SIPRI's database.
    MilexSipri,
    /// Merchandise exports plus imports, current US$ (World Bank).
    MerchTrade,
    /// Land area, km² (measured on Natural Earth shapes).
    Area,
    /// COW Composite Index of National Capability (share of the state system).
    Cinc,
}

impl Measure {
    pub const ALL: [Measure; 8] = [
        Measure::Population,
        Measure::GdpUsd,
        Measure::GdpPpp,
        Measure::MilexUsd,
        Measure::MilexSipri,
        Measure::MerchTrade,
        Measure::Area,
        Measure::Cinc,
    ];

    /// The name used on the command line and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Measure::Population => "population",
            Measure::GdpUsd => "gdp_usd",
            Measure::GdpPpp => "gdp_ppp",
            Measure::MilexUsd => "milex_usd",
            Measure::MilexSipri => "milex_sipri",
            Measure::MerchTrade => "merch_trade",
            Measure::Area => "area",
            Measure::Cinc => "cinc",
        }
    }

    pub fn parse(text: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.id() == text)
    }

    /// What is measured, in words.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Population => "population",
            Measure::GdpUsd => "GDP, current US$",
            Measure::GdpPpp => "GDP, PPP, current international $",
            Measure::MilexUsd => "military expenditure, current US$ (WDI from SIPRI)",
            Measure::MilexSipri => "military expenditure, current US$ (SIPRI)",
            Measure::MerchTrade => "merchandise trade (exports + imports), current US$",
            Measure::Area => "land area",
            Measure::Cinc => "composite index of national capability",
        }
    }

    /// The unit of a total.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Population => "persons",
            Measure::GdpUsd | Measure::MilexUsd | Measure::MilexSipri | Measure::MerchTrade => {
                "US$"
            }
            Measure::GdpPpp => "intl $",
            Measure::Area => "km2",
            Measure::Cinc => "share of system",
        }
    }

    /// The dataset the values come from.
    pub fn source(self) -> SourceInfo {
        match self {
            Measure::Population
            | Measure::GdpUsd
            | Measure::GdpPpp
            | Measure::MilexUsd
            | Measure::MerchTrade => sources::WORLD_BANK,
            Measure::MilexSipri => sources::SIPRI,
            Measure::Area => sources::NATURAL_EARTH,
            Measure::Cinc => sources::COW_NMC,
        }
    }

    /// The dataset's own series code or column, for precise citation.
    pub fn series(self) -> &'static str {
        match self {
            Measure::Population => "SP.POP.TOTL",
            Measure::GdpUsd => "NY.GDP.MKTP.CD",
            Measure::GdpPpp => "NY.GDP.PCAP.PP.CD x SP.POP.TOTL",
            Measure::MilexUsd => "MS.MIL.XPND.GD.ZS x NY.GDP.MKTP.CD",
            Measure::MilexSipri => "SIPRI current US$",
            Measure::MerchTrade => "TX.VAL.MRCH.CD.WT + TM.VAL.MRCH.CD.WT",
            Measure::Area => "admin-0 polygons, spherical area",
            Measure::Cinc => "cinc",
        }
    }

    /// How the world total is formed.
    pub fn world_definition(self) -> &'static str {
        match self {
            Measure::Population
            | Measure::GdpUsd
            | Measure::GdpPpp
            | Measure::MilexUsd
            | Measure::MerchTrade => {
                "World Bank 'World' aggregate (WLD); it excludes Taiwan, which the World Bank does not report"
            }
            Measure::MilexSipri => {
                "sum of all countries SIPRI reports for the year (no SIPRI world total in the file; countries without a figure are absent from it)"
            }
            Measure::Area => "sum of all Natural Earth admin-0 shapes, Antarctica included",
            Measure::Cinc => "the COW state system (CINC shares sum to 1 over it)",
        }
    }
}
