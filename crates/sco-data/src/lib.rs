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

    /// Every embedded file, by its path in the repository: the tables below parse them, and
    /// [`digest`] hashes them.
    pub static FILES: [(&str, &[u8]); 13] = [
        (
            "data/datasets/wb_indicators.csv",
            include_bytes!("../../../data/datasets/wb_indicators.csv"),
        ),
        (
            "data/datasets/vdem_democracy_indices.csv",
            include_bytes!("../../../data/datasets/vdem_democracy_indices.csv"),
        ),
        (
            "data/datasets/freedom_house_fiw.csv",
            include_bytes!("../../../data/datasets/freedom_house_fiw.csv"),
        ),
        (
            "data/datasets/sipri_milex.csv",
            include_bytes!("../../../data/datasets/sipri_milex.csv"),
        ),
        (
            "data/datasets/cow_nmc_v7.csv",
            include_bytes!("../../../data/datasets/cow_nmc_v7.csv"),
        ),
        (
            "data/datasets/cow_trade_state_year.csv",
            include_bytes!("../../../data/datasets/cow_trade_state_year.csv"),
        ),
        (
            "data/datasets/cow_trade_dyadic_sco.csv",
            include_bytes!("../../../data/datasets/cow_trade_dyadic_sco.csv"),
        ),
        (
            "data/datasets/unga_ideal_points.csv",
            include_bytes!("../../../data/datasets/unga_ideal_points.csv"),
        ),
        (
            "data/datasets/country_codes.csv",
            include_bytes!("../../../data/datasets/country_codes.csv"),
        ),
        (
            "data/datasets/cow_igo_eurasian_memberships.csv",
            include_bytes!("../../../data/datasets/cow_igo_eurasian_memberships.csv"),
        ),
        (
            "data/groupings/organizations.toml",
            include_bytes!("../../../data/groupings/organizations.toml"),
        ),
        (
            "data/claims/seed-claims.toml",
            include_bytes!("../../../data/claims/seed-claims.toml"),
        ),
        (
            "data/datasets/countries-50m.json",
            include_bytes!("../../../data/datasets/countries-50m.json"),
        ),
    ];

    fn bytes(path: &str) -> &'static [u8] {
        FILES
            .iter()
            .find(|(p, _)| *p == path)
            .map_or(&[], |(_, bytes)| *bytes)
    }

    /// A digest of the embedded data, `sha256:` and 64 hex digits, for saying exactly which
    /// data a result was computed from: SHA-256 over each of [`FILES`] in order, as its path, a
    /// NUL byte, its length in decimal, a NUL byte and its bytes. Computed once per process.
    pub fn digest() -> &'static str {
        static DIGEST: OnceLock<String> = OnceLock::new();
        DIGEST.get_or_init(|| {
            use sha2::{Digest, Sha256};
            let mut hasher = Sha256::new();
            for (path, bytes) in &FILES {
                hasher.update(path.as_bytes());
                hasher.update([0]);
                hasher.update(bytes.len().to_string().as_bytes());
                hasher.update([0]);
                hasher.update(bytes);
            }
            let hex: String = hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("sha256:{hex}")
        })
    }

    macro_rules! embedded_table {
        ($(#[$doc:meta])* $fn:ident, $ty:ty, $path:literal, $parse:expr) => {
            $(#[$doc])*
            pub fn $fn() -> Result<&'static $ty, DataError> {
                static CELL: OnceLock<Result<$ty, DataError>> = OnceLock::new();
                CELL.get_or_init(|| $parse($path, bytes($path)))
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

#[cfg(test)]
mod digest_tests {
    #[test]
    fn the_data_digest_covers_every_embedded_file_and_is_stable() {
        let digest = super::embedded::digest();
        assert!(
            digest.starts_with("sha256:") && digest.len() == 7 + 64,
            "{digest}"
        );
        assert_eq!(digest, super::embedded::digest());
        assert!(super::embedded::FILES
            .iter()
            .all(|(_, bytes)| !bytes.is_empty()));
        assert!(super::embedded::world_bank().is_ok());
    }
}
