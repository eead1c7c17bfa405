//! The indicators agree with a direct computation from the source files. Each test reads
//! the CSV itself with the `csv` crate and plain arithmetic, independently of sco-data.

use std::collections::HashMap;

use sco_indicators::{
    cohesion, intra_trade, weight, Group, Measure, MissingPolicy, WeightOptions, WorldTotal,
    YearRule,
};

fn data_file(name: &str) -> String {
    format!("{}/../../data/datasets/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `column` of every row of `file`, keyed by (code column value, year).
fn read_column(file: &str, code_col: &str, column: &str) -> HashMap<(String, i32), f64> {
    let mut reader = csv::Reader::from_path(data_file(file)).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (c, y, v) = (at(code_col), at("year"), at(column));
    let mut out = HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if row[v].is_empty() || row[c].is_empty() {
            continue;
        }
        out.insert(
            (row[c].to_string(), row[y].parse().unwrap()),
            row[v].parse().unwrap(),
        );
    }
    out
}

const SCO_EIGHT: [&str; 8] = ["CHN", "RUS", "IND", "PAK", "KAZ", "KGZ", "TJK", "UZB"];
const SCO_TEN: [&str; 10] = [
    "CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB", "IND", "PAK", "IRN", "BLR",
];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn population_and_gdp_shares_match_the_world_bank_file() {
    let pop = read_column("wb_indicators.csv", "iso3", "population");
    let gdp = read_column("wb_indicators.csv", "iso3", "gdp_current_usd");
    let ppp = read_column("wb_indicators.csv", "iso3", "gdp_ppp_current_intl_derived");
    let group = Group::of("SCO-8", &SCO_EIGHT);
    for year in [2001, 2017, 2019, 2023] {
        let w = weight(
            &sco_data::Embedded,
            &group,
            year,
            &[Measure::Population, Measure::GdpUsd, Measure::GdpPpp],
            &WeightOptions::default(),
        )
        .unwrap();
        for (measure, table) in [
            (Measure::Population, &pop),
            (Measure::GdpUsd, &gdp),
            (Measure::GdpPpp, &ppp),
        ] {
            let sum: f64 = SCO_EIGHT
                .iter()
                .map(|c| table[&(c.to_string(), year)])
                .sum();
            let expected = sum / table[&("WLD".to_string(), year)];
            let got = w.share(measure).unwrap();
            assert!(
                close(got, expected),
                "{measure:?} {year}: {got} vs {expected}"
            );
            assert!(w.figure(measure).unwrap().complete);
        }
    }
}

#[test]
fn provenance_sanity_check_for_the_ten_members_in_2024_holds() {
    // data/PROVENANCE.md: "SCO-10 share of world in 2024 = 42.1 % of population,
    // 23.3 % of nominal GDP, 33.2 % of PPP GDP".
    let w = weight(
        &sco_data::Embedded,
        &Group::of("SCO-10", &SCO_TEN),
        2024,
        &[Measure::Population, Measure::GdpUsd, Measure::GdpPpp],
        &WeightOptions::default(),
    )
    .unwrap();
    let pct = |m| (w.share(m).unwrap() * 1000.0).round() / 10.0;
    assert_eq!(pct(Measure::Population), 42.1);
    assert_eq!(pct(Measure::GdpUsd), 23.3);
    assert_eq!(pct(Measure::GdpPpp), 33.2);
}

#[test]
fn world_total_as_sum_of_countries_excludes_aggregates() {
    let mut reader = csv::Reader::from_path(data_file("wb_indicators.csv")).unwrap();
    let mut sum = 0.0;
    for row in reader.records() {
        let row = row.unwrap();
        if &row[2] == "0" && &row[3] == "2015" && !row[5].is_empty() {
            sum += row[5].parse::<f64>().unwrap();
        }
    }
    let options = WeightOptions {
        missing: MissingPolicy::Skip,
        world: WorldTotal::SumOfCountries,
    };
    let w = weight(
        &sco_data::Embedded,
        &Group::of("US", &["USA"]),
        2015,
        &[Measure::GdpUsd],
        &options,
    )
    .unwrap();
    let f = w.figure(Measure::GdpUsd).unwrap();
    assert!(close(f.world_total.unwrap(), sum));
}

#[test]
fn sipri_military_spending_is_summed_with_gaps_reported_not_zeroed() {
    let milex = read_column("sipri_milex.csv", "iso3", "milex_current_usd_m");
    let group = Group::of("SCO-8", &SCO_EIGHT);
    let year = 2015;
    let skip = weight(
        &sco_data::Embedded,
        &group,
        year,
        &[Measure::MilexSipri],
        &WeightOptions::default(),
    )
    .unwrap();
    let f = skip.figure(Measure::MilexSipri).unwrap();
    // Uzbekistan has no SIPRI figure for 2015: left out and named.
    assert_eq!(f.missing, vec!["UZB"]);
    assert!(!f.complete);
    assert!(f.note.as_deref().unwrap().contains("lower bounds"));
    let expected: f64 = SCO_EIGHT
        .iter()
        .filter_map(|c| milex.get(&(c.to_string(), year)))
        .sum::<f64>()
        * 1e6;
    assert!(close(f.total.unwrap(), expected));
    let world: f64 = milex
        .iter()
        .filter(|(k, _)| k.1 == year)
        .map(|(_, v)| v)
        .sum::<f64>()
        * 1e6;
    assert!(close(f.world_total.unwrap(), world));

    let require = WeightOptions {
        missing: MissingPolicy::Require,
        ..WeightOptions::default()
    };
    let w = weight(
        &sco_data::Embedded,
        &group,
        year,
        &[Measure::MilexSipri],
        &require,
    )
    .unwrap();
    assert_eq!(w.share(Measure::MilexSipri), None);

    let nearest = WeightOptions {
        missing: MissingPolicy::Nearest { max_years: 3 },
        ..WeightOptions::default()
    };
    let w = weight(
        &sco_data::Embedded,
        &group,
        2017,
        &[Measure::MilexSipri],
        &nearest,
    )
    .unwrap();
    let f = w.figure(Measure::MilexSipri).unwrap();
    assert_eq!(f.imputed, vec!["UZB from 2018"]);
    assert!(f.missing.is_empty());
    let uzb = f.members.iter().find(|m| m.iso3 == "UZB").unwrap();
    assert_eq!(uzb.year, Some(2018));
    assert!(close(
        uzb.value.unwrap(),
        milex[&("UZB".to_string(), 2018)] * 1e6
    ));
}

#[test]
fn a_year_without_data_gives_no_share_and_says_why() {
    let w = weight(
        &sco_data::Embedded,
        &Group::of("SCO-8", &SCO_EIGHT),
        2025,
        &[Measure::GdpPpp],
        &WeightOptions::default(),
    )
    .unwrap();
    let f = w.figure(Measure::GdpPpp).unwrap();
    assert_eq!(f.share, None);
    assert_eq!(f.total, None);
    assert_eq!(f.missing.len(), 8);
}

#[test]
fn democracy_spread_matches_a_direct_computation() {
    let poly = read_column(
        "vdem_democracy_indices.csv",
        "country_text_id",
        "v2x_polyarchy",
    );
    let pop = read_column("wb_indicators.csv", "iso3", "population");
    let year = 2020;
    let c = cohesion(
        &sco_data::Embedded,
        &Group::of("SCO-8", &SCO_EIGHT),
        year,
        YearRule::Exact,
    )
    .unwrap();
    let values: Vec<f64> = SCO_EIGHT
        .iter()
        .map(|m| poly[&(m.to_string(), year)])
        .collect();
    let mean = values.iter().sum::<f64>() / 8.0;
    let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 8.0).sqrt();
    let weighted: f64 = SCO_EIGHT
        .iter()
        .map(|m| poly[&(m.to_string(), year)] * pop[&(m.to_string(), year)])
        .sum::<f64>()
        / SCO_EIGHT
            .iter()
            .map(|m| pop[&(m.to_string(), year)])
            .sum::<f64>();
    let s = &c.polyarchy.summary;
    assert_eq!(s.n, 8);
    assert!(close(s.mean.unwrap(), mean));
    assert!(close(s.sd.unwrap(), sd));
    assert!(close(s.population_weighted_mean.unwrap(), weighted));
    assert_eq!(s.max.as_ref().unwrap().iso3, "IND");
}

#[test]
fn freedom_house_population_shares_sum_to_one_and_match_the_file() {
    let mut reader = csv::Reader::from_path(data_file("freedom_house_fiw.csv")).unwrap();
    let mut status = HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        if &row[3] == "2015" && !row[1].is_empty() {
            status.insert(row[1].to_string(), row[6].to_string());
        }
    }
    let pop = read_column("wb_indicators.csv", "iso3", "population");
    let total: f64 = SCO_EIGHT.iter().map(|m| pop[&(m.to_string(), 2015)]).sum();
    let free: f64 = SCO_EIGHT
        .iter()
        .filter(|m| status[**m] == "F")
        .map(|m| pop[&(m.to_string(), 2015)])
        .sum();
    let c = cohesion(
        &sco_data::Embedded,
        &Group::of("SCO-8", &SCO_EIGHT),
        2015,
        YearRule::Exact,
    )
    .unwrap();
    let shares = &c.freedom_house.shares;
    assert!(close(
        shares
            .iter()
            .map(|s| s.share_of_group_population)
            .sum::<f64>(),
        1.0
    ));
    let f = shares.iter().find(|s| s.status == "F").unwrap();
    assert!(close(f.share_of_group_population, free / total));
}

#[test]
fn capability_balance_uses_the_two_largest_cinc_values() {
    let cinc = read_column("cow_nmc_v7.csv", "iso3", "cinc");
    let c = cohesion(
        &sco_data::Embedded,
        &Group::of("S5", &["CHN", "RUS", "KAZ", "KGZ", "TJK"]),
        2000,
        YearRule::Exact,
    )
    .unwrap();
    let b = &c.capabilities;
    assert_eq!(b.largest.as_ref().unwrap().iso3, "CHN");
    assert_eq!(b.second.as_ref().unwrap().iso3, "RUS");
    let ratio = cinc[&("CHN".to_string(), 2000)] / cinc[&("RUS".to_string(), 2000)];
    assert!(close(b.largest_to_second.unwrap(), ratio));
    // Past the end of NMC (2022): nothing under Exact, 2022 under LatestAvailable.
    let late = cohesion(
        &sco_data::Embedded,
        &Group::of("S5", &["CHN", "RUS"]),
        2024,
        YearRule::Exact,
    )
    .unwrap();
    assert_eq!(late.capabilities.year, None);
    let late = cohesion(
        &sco_data::Embedded,
        &Group::of("S5", &["CHN", "RUS"]),
        2024,
        YearRule::LatestAvailable,
    )
    .unwrap();
    assert_eq!(late.capabilities.year, Some(2022));
    assert!(late
        .capabilities
        .note
        .unwrap()
        .contains("2022 used for 2024"));
}

#[test]
fn intra_group_trade_sums_both_directions_of_member_pairs() {
    let mut reader = csv::Reader::from_path(data_file("cow_trade_dyadic_sco.csv")).unwrap();
    let six = ["CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB"];
    let mut sum = 0.0;
    for row in reader.records() {
        let row = row.unwrap();
        if &row[4] == "2005" && six.contains(&&row[1]) && six.contains(&&row[3]) {
            for v in [&row[5], &row[6]] {
                if !v.is_empty() {
                    sum += v.parse::<f64>().unwrap() * 1e6;
                }
            }
        }
    }
    let t = intra_trade(&sco_data::Embedded, &Group::of("SCO-6", &six), 2005).unwrap();
    assert!(close(t.total_usd.unwrap(), sum));
    assert_eq!(t.pairs_counted, 15);
    let late = intra_trade(&sco_data::Embedded, &Group::of("SCO-6", &six), 2019).unwrap();
    assert_eq!(late.total_usd, None);
    assert!(late.note.unwrap().contains("1990-2014"));
}
