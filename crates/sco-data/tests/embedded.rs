//! The embedded copies load without error and hold what PROVENANCE.md says they hold.

use sco_data::{embedded, FhStatus, WORLD};

#[test]
fn every_embedded_file_parses() {
    embedded::world_bank().unwrap();
    embedded::vdem().unwrap();
    embedded::freedom_house().unwrap();
    embedded::sipri().unwrap();
    embedded::nmc().unwrap();
    embedded::national_trade().unwrap();
    embedded::dyadic_trade().unwrap();
    embedded::unga().unwrap();
    embedded::countries().unwrap();
    embedded::groupings().unwrap();
    embedded::claims().unwrap();
    embedded::areas().unwrap();
}

#[test]
fn world_bank_values_match_the_file_and_taiwan_is_absent() {
    let wb = embedded::world_bank().unwrap();
    // Row "WLD,World,1,2000,6161528496,33965806441911.9,..." of wb_indicators.csv.
    assert_eq!(wb.population.get(WORLD, 2000), Some(6_161_528_496.0));
    assert_eq!(wb.gdp_usd.get(WORLD, 2000), Some(33_965_806_441_911.9));
    assert!(wb.is_aggregate(WORLD));
    assert!(!wb.knows("TWN"));
    // PPP has no 2025 values yet; GDP does.
    assert_eq!(wb.gdp_ppp.get(WORLD, 2025), None);
    assert!(wb.gdp_usd.get(WORLD, 2025).is_some());
}

#[test]
fn provenance_coverage_notes_hold() {
    let sipri = embedded::sipri().unwrap();
    // PROVENANCE: Uzbekistan only 1994-1997, 1999-2003, 2018; Tajikistan missing 2005-2007, 2013.
    assert!(sipri.milex_usd.get("UZB", 2010).is_none());
    assert!(sipri.milex_usd.get("UZB", 2018).is_some());
    assert!(sipri.milex_usd.get("TJK", 2006).is_none());
    let fh = embedded::freedom_house().unwrap();
    assert_eq!(fh.status.get("CHN", 2020), Some(FhStatus::NotFree));
    assert_eq!(fh.status.get("IND", 2000), Some(FhStatus::Free));
    let unga = embedded::unga().unwrap();
    assert!(unga.ideal_point.get("KGZ", 1999).is_none());
    assert!(unga.ideal_point.get("TWN", 2000).is_none());
    assert_eq!(
        embedded::nmc().unwrap().cinc.last_year_for("CHN"),
        Some(2022)
    );
    assert_eq!(
        embedded::dyadic_trade().unwrap().year_span(),
        Some((1990, 2014))
    );
}

#[test]
fn dyadic_trade_covers_the_sco_related_states_only() {
    let trade = embedded::dyadic_trade().unwrap();
    for code in [
        "CHN", "RUS", "IND", "PAK", "KAZ", "UZB", "IRN", "BLR", "MNG",
    ] {
        assert!(trade.covers(code), "{code}");
    }
    assert!(!trade.covers("USA"));
    assert!(!trade.covers("DEU"));
}

#[test]
fn areas_are_plausible_for_the_largest_states() {
    let areas = embedded::areas().unwrap();
    let russia = areas.get("RUS").unwrap();
    // Russia is the largest state; its land area is about 17 million km².
    assert!((16.0e6..18.0e6).contains(&russia), "{russia}");
    for (code, km2) in areas.iter() {
        assert!(km2 > 0.0, "{code} has area {km2}");
        assert!(km2 <= russia, "{code} larger than Russia");
    }
    let china = areas.get("CHN").unwrap();
    assert!((9.0e6..9.8e6).contains(&china), "{china}");
    // All land including Antarctica: about 149 million km² (Earth's surface is 510).
    assert!(
        (140.0e6..155.0e6).contains(&areas.total_km2),
        "{}",
        areas.total_km2
    );
}
