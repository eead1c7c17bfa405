//! The real datasets behind the SCO Twin's indicators, embedded in the binary and parsed
//! on first use.
//!
//! Why a crate of its own: every figure the project prints about the SCO's weight or
//! cohesion must be traceable to a file and a publisher. This crate owns the copies of
//! those files (under `data/` at the repository root, listed in `data/PROVENANCE.md`),
//! reads them into country × year [`Panel`]s with missing values kept as `None`, and
//! describes each source ([`sources`]). It computes nothing beyond unit conversions and
//! the areas of Natural Earth shapes (no dataset here states areas).
//!
//! Each `embedded::*` function parses its file once per process and caches the result;
//! the `parse` functions of each table read any bytes, for tests and other files.

mod areas;
mod claims;
mod countries;
mod csvread;
mod error;
mod groupings;
mod igo;
mod measure;
mod panel;
pub mod sources;
mod tables;
mod trade;
mod world_bank;

pub use areas::{ring_area_km2, Areas, EARTH_RADIUS_KM};
pub use claims::{parse_claims, Claim, ClaimKind, Comparator};
pub use countries::{Countries, Country};
pub use error::DataError;
pub use groupings::{Groupings, MembershipChange, NamedGrouping, Organization};
pub use igo::{CowIgo, IgoMembership, SCO_IONUM};
pub use measure::Measure;
pub use panel::Panel;
pub use sources::SourceInfo;
pub use tables::{FhStatus, FreedomHouse, NationalTrade, Nmc, Sipri, Unga, Vdem};
pub use trade::{Dyad, DyadicTrade};
pub use world_bank::{WorldBank, WORLD};

/// The embedded copies, parsed on first use and cached for the life of the process.
pub mod embedded {
    use std::sync::OnceLock;

    use super::*;

    macro_rules! embedded_table {
        ($(#[$doc:meta])* $fn:ident, $ty:ty, $path:literal, $parse:expr) => {
            $(#[$doc])*
            pub fn $fn() -> Result<&'static $ty, DataError> {
                static CELL: OnceLock<Result<$ty, DataError>> = OnceLock::new();
                CELL.get_or_init(|| {
                    let bytes: &'static [u8] = include_bytes!(concat!("../../../", $path));
                    $parse($path, bytes)
                })
                .as_ref()
                .map_err(Clone::clone)
            }
        };
    }

    fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, DataError> {
        std::str::from_utf8(bytes).map_err(|_| DataError::File {
            file: file.to_string(),
            message: "the file is not UTF-8".into(),
        })
    }

    embedded_table!(
        /// World Bank WDI extract.
        world_bank, WorldBank, "data/datasets/wb_indicators.csv", WorldBank::parse);
    embedded_table!(
        /// V-Dem v15 democracy indices.
        vdem, Vdem, "data/datasets/vdem_democracy_indices.csv", Vdem::parse);
    embedded_table!(
        /// Freedom House, Freedom in the World.
        freedom_house, FreedomHouse, "data/datasets/freedom_house_fiw.csv", FreedomHouse::parse);
    embedded_table!(
        /// SIPRI military expenditure.
        sipri, Sipri, "data/datasets/sipri_milex.csv", Sipri::parse);
    embedded_table!(
        /// COW National Material Capabilities v7.
        nmc, Nmc, "data/datasets/cow_nmc_v7.csv", Nmc::parse);
    embedded_table!(
        /// COW Trade v4 national totals.
        national_trade, NationalTrade, "data/datasets/cow_trade_state_year.csv", NationalTrade::parse);
    embedded_table!(
        /// COW Trade v4 dyadic flows around the SCO-related states.
        dyadic_trade, DyadicTrade, "data/datasets/cow_trade_dyadic_sco.csv", DyadicTrade::parse);
    embedded_table!(
        /// UN General Assembly ideal points and agreement rates.
        unga, Unga, "data/datasets/unga_ideal_points.csv", Unga::parse);
    embedded_table!(
        /// Country codes, names and UN regions.
        countries, Countries, "data/datasets/country_codes.csv", Countries::parse);
    embedded_table!(
        /// COW Intergovernmental Organizations v3, eight Eurasian organisations, 1985–2014.
        cow_igo, CowIgo, "data/datasets/cow_igo_eurasian_memberships.csv", CowIgo::parse);
    embedded_table!(
        /// Membership of NATO, the EU, the G7 and BRICS over time, and named sets of states.
        groupings, Groupings, "data/groupings/organizations.toml",
        |file, bytes| Groupings::parse(file, utf8(file, bytes)?));
    embedded_table!(
        /// The seeds' quantitative claims.
        claims, Vec<Claim>, "data/claims/seed-claims.toml",
        |file, bytes| parse_claims(file, utf8(file, bytes)?));
    embedded_table!(
        /// Land areas measured on the Natural Earth 1:50m shapes.
        areas, Areas, "data/datasets/countries-50m.json",
        |file, bytes| Areas::parse(file, bytes, countries()?));
}

/// Access to the tables, so computations can run on the embedded copies or on tables a
/// test builds. Each method may parse on first use.
pub trait Datasets {
    fn world_bank(&self) -> Result<&WorldBank, DataError>;
    fn sipri(&self) -> Result<&Sipri, DataError>;
    fn nmc(&self) -> Result<&Nmc, DataError>;
    fn vdem(&self) -> Result<&Vdem, DataError>;
    fn freedom_house(&self) -> Result<&FreedomHouse, DataError>;
    fn unga(&self) -> Result<&Unga, DataError>;
    fn dyadic_trade(&self) -> Result<&DyadicTrade, DataError>;
    fn countries(&self) -> Result<&Countries, DataError>;
    fn areas(&self) -> Result<&Areas, DataError>;
    fn groupings(&self) -> Result<&Groupings, DataError>;
}

/// The embedded copies (see [`embedded`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Embedded;

impl Datasets for Embedded {
    fn world_bank(&self) -> Result<&WorldBank, DataError> {
        embedded::world_bank()
    }
    fn sipri(&self) -> Result<&Sipri, DataError> {
        embedded::sipri()
    }
    fn nmc(&self) -> Result<&Nmc, DataError> {
        embedded::nmc()
    }
    fn vdem(&self) -> Result<&Vdem, DataError> {
        embedded::vdem()
    }
    fn freedom_house(&self) -> Result<&FreedomHouse, DataError> {
        embedded::freedom_house()
    }
    fn unga(&self) -> Result<&Unga, DataError> {
        embedded::unga()
    }
    fn dyadic_trade(&self) -> Result<&DyadicTrade, DataError> {
        embedded::dyadic_trade()
    }
    fn countries(&self) -> Result<&Countries, DataError> {
        embedded::countries()
    }
    fn areas(&self) -> Result<&Areas, DataError> {
        embedded::areas()
    }
    fn groupings(&self) -> Result<&Groupings, DataError> {
        embedded::groupings()
    }
}
