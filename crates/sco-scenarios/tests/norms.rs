//! Behaviour of the `norms` scenario that matters: it starts from the observed V-Dem values
//! (recomputed here from the CSV), its inputs match the ledger and the data files, each
//! mechanism moves positions the way the ODD says, runs are reproducible to the byte on
//! any number of threads, bad scenario files are reported with file, line and field, and a
//! small hindcast runs and scores correctly.

use std::collections::BTreeMap;
use std::path::PathBuf;

use sco_scenarios::norms::hindcast::{hindcast, run_ensemble, HindcastOptions, ALL, CENTRAL_ASIA};
use sco_scenarios::norms::inputs::{ScoStatus, VdemIndex};
use sco_scenarios::norms::report::{write_report, ReportOptions};
use sco_scenarios::{norms_inputs, registry};
use sco_sim::{NoProgress, Registry, Scenario, Value};

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// V-Dem values straight from the CSV: (iso3, year) -> value of `variable`.
fn vdem_from_csv(variable: &str) -> BTreeMap<(String, i32), f64> {
    let mut reader =
        csv::Reader::from_path(repo_file("data/datasets/vdem_democracy_indices.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (code, year, value) = (col("country_text_id"), col("year"), col(variable));
    let mut out = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        if let Ok(v) = record[value].parse::<f64>() {
            out.insert((record[code].to_owned(), record[year].parse().unwrap()), v);
        }
    }
    out
}

fn scenario(registry: &Registry, sets: &[&str]) -> Scenario {
    let mut scenario = sco_scenarios::default_scenario(registry, "norms")
        .unwrap()
        .unwrap();
    let sets: Vec<String> = sets.iter().map(|s| (*s).to_owned()).collect();
    scenario.apply_sets(registry, &sets).unwrap();
    scenario
}

/// Positions of one run: (iso3, year) -> position, from the engine's agent table.
fn positions(registry: &Registry, scenario: &Scenario, seed: u64) -> BTreeMap<(String, i64), f64> {
    agent_column(registry, scenario, seed, "position")
}

/// One float column of the agent table of a run: (iso3, year) -> value.
fn agent_column(
    registry: &Registry,
    scenario: &Scenario,
    seed: u64,
    name: &str,
) -> BTreeMap<(String, i64), f64> {
    let results = sco_sim::run(registry, scenario, seed).unwrap();
    let table = results.agent_steps.unwrap();
    let (iso3, year, position) = (
        table.column_index("iso3").unwrap(),
        table.column_index("year").unwrap(),
        table.column_index(name).unwrap(),
    );
    table
        .rows()
        .map(|row| match (&row[iso3], &row[year], &row[position]) {
            (Value::Text(c), Value::Int(y), Value::Float(p)) => ((c.clone(), *y), *p),
            other => panic!("unexpected row {other:?}"),
        })
        .collect()
}

const QUIET: [&str; 3] = [
    "noise_scale=0",
    "parameter_spread=0",
    "revolution_opening=0",
];

#[test]
fn initial_state_equals_vdem_2001_recomputed_from_the_csv() {
    let registry = registry().unwrap();
    for (index, variable) in [("libdem", "v2x_libdem"), ("polyarchy", "v2x_polyarchy")] {
        let expected = vdem_from_csv(variable);
        let scenario = scenario(&registry, &[&format!("index={index}")]);
        let start = positions(&registry, &scenario, 11);
        let inputs = norms_inputs().unwrap();
        for agent in &inputs.agents {
            let simulated = start[&(agent.iso3.clone(), 2001)];
            let observed = expected[&(agent.iso3.clone(), 2001)];
            assert_eq!(simulated, observed, "{} {variable} in 2001", agent.iso3);
        }
    }
}

#[test]
fn inputs_match_the_ledger_and_the_tie_files() {
    let inputs = norms_inputs().unwrap();
    let at = |code: &str| inputs.agent_index(code).unwrap();
    assert_eq!(inputs.status(at("IND"), 2016), ScoStatus::Observer);
    assert_eq!(inputs.status(at("IND"), 2017), ScoStatus::Member);
    assert_eq!(inputs.status(at("BLR"), 2014), ScoStatus::DialoguePartner);
    assert_eq!(
        inputs.status(at("BLR"), 2024),
        ScoStatus::Observer,
        "admitted on 4 July 2024, after 1 July"
    );
    assert_eq!(inputs.status(at("TKM"), 2020), ScoStatus::None);
    assert_eq!(inputs.status(at("KAZ"), 2001), ScoStatus::Member);
    assert!(
        inputs.ties(at("KGZ"), 2013).west_security && !inputs.ties(at("KGZ"), 2014).west_security
    );
    assert!(
        inputs.ties(at("UZB"), 2005).west_security && !inputs.ties(at("UZB"), 2006).west_security
    );
    assert!(
        inputs.ties(at("UZB"), 2007).sco_security && !inputs.ties(at("UZB"), 2013).sco_security
    );
    assert!(!inputs.ties(at("MNG"), 2012).osce && inputs.ties(at("MNG"), 2013).osce);
    assert!(!inputs.ties(at("KAZ"), 2006).eu_strategy && inputs.ties(at("KAZ"), 2007).eu_strategy);
    assert_eq!(inputs.last_year, 2024);
    assert_eq!(inputs.trade_last_year, 2014);
}

#[test]
fn trade_shares_recomputed_from_the_dyadic_csv() {
    let inputs = norms_inputs().unwrap();
    let kaz = inputs.agent_index("KAZ").unwrap();
    let sco_2010 = ["CHN", "KGZ", "RUS", "TJK", "UZB"];
    let mut reader =
        csv::Reader::from_path(repo_file("data/datasets/cow_trade_dyadic_sco.csv")).unwrap();
    let (mut total, mut with_sco) = (0.0, 0.0);
    for record in reader.records() {
        let r = record.unwrap();
        if &r[4] != "2010" || (&r[1] != "KAZ" && &r[3] != "KAZ") {
            continue;
        }
        let partner = if &r[1] == "KAZ" { &r[3] } else { &r[1] };
        let flow = r[5].parse::<f64>().unwrap_or(0.0).max(0.0)
            + r[6].parse::<f64>().unwrap_or(0.0).max(0.0);
        total += flow;
        if sco_2010.contains(&partner) {
            with_sco += flow;
        }
    }
    let shares = inputs.trade(kaz, 2010).unwrap();
    assert!(
        (shares.sco - with_sco / total).abs() < 1e-9,
        "{} vs {}",
        shares.sco,
        with_sco / total
    );
    assert!(!shares.carried_forward);
    // After 2014 the 2014 partner shares are reused with that year's membership: India and
    // Pakistan (members from 2017) add to the SCO share.
    let later = inputs.trade(kaz, 2018).unwrap();
    let before = inputs.trade(kaz, 2016).unwrap();
    assert!(later.carried_forward && later.sco > before.sco);
    let tkm = inputs.agent_index("TKM").unwrap();
    assert!(inputs.trade(tkm, 2010).unwrap().eu_imputed);
}

#[test]
fn without_socialisation_or_noise_nothing_moves() {
    let registry = registry().unwrap();
    let mut sets = QUIET.to_vec();
    sets.extend(["sco_socialisation=false", "western_socialisation=false"]);
    let scenario = scenario(&registry, &sets);
    let path = positions(&registry, &scenario, 3);
    for ((code, year), value) in &path {
        assert_eq!(
            *value,
            path[&(code.clone(), 2001)],
            "{code} moved in {year}"
        );
    }
}

#[test]
fn the_sco_pull_only_lowers_positions_toward_russia_and_china() {
    let registry = registry().unwrap();
    let mut sets = QUIET.to_vec();
    sets.extend(["western_socialisation=false", "insecurity=false"]);
    let path = positions(&registry, &scenario(&registry, &sets), 3);
    let at = |c: &str, y: i64| path[&(c.to_owned(), y)];
    // Russia (above the Russia-China mean) falls year after year; China and Turkmenistan
    // (below it) do not move: the SCO's norms protect the status quo.
    for year in 2002..=2024 {
        assert!(
            at("RUS", year) < at("RUS", year - 1),
            "Russia did not fall in {year}"
        );
    }
    assert_eq!(at("CHN", 2024), at("CHN", 2001));
    assert_eq!(at("TKM", 2024), at("TKM", 2001));
    // Without trade and security ties, engagement is the SCO status alone: India (observer
    // from 5 July 2005, so from the 2006 step on) is not pulled before.
    sets.extend(["trade_engagement=false", "security_ties=false"]);
    let status_only = positions(&registry, &scenario(&registry, &sets), 3);
    let at = |c: &str, y: i64| status_only[&(c.to_owned(), y)];
    assert_eq!(at("IND", 2005), at("IND", 2001));
    assert!(at("IND", 2006) < at("IND", 2005));
}

#[test]
fn regime_insecurity_strengthens_the_sco_pull_after_colour_revolutions() {
    let registry = registry().unwrap();
    let mut base = QUIET.to_vec();
    base.push("western_socialisation=false");
    let with = positions(&registry, &scenario(&registry, &base), 5);
    base.push("insecurity=false");
    let without = positions(&registry, &scenario(&registry, &base), 5);
    let key = |c: &str, y: i64| (c.to_owned(), y);
    // Kyrgyzstan after the Tulip Revolution, Uzbekistan after Andijan... but Uzbekistan sits
    // below the pole, so only states above it are pulled further.
    assert!(with[&key("KGZ", 2006)] < without[&key("KGZ", 2006)]);
    assert!(
        with[&key("KAZ", 2006)] < without[&key("KAZ", 2006)],
        "contagion reaches Kazakhstan"
    );
    assert_eq!(
        with[&key("KGZ", 2002)],
        without[&key("KGZ", 2002)],
        "no event before the Rose Revolution of 2003"
    );
    let insecurity = agent_column(&registry, &scenario(&registry, &QUIET), 5, "insecurity");
    assert!(
        insecurity
            .iter()
            .filter(|((c, _), _)| c == "IND" || c == "CHN")
            .all(|(_, v)| *v == 0.0),
        "outside the post-Soviet space"
    );
    assert_eq!(
        insecurity[&key("KGZ", 2005)],
        1.0,
        "Tulip Revolution at home"
    );
    assert_eq!(insecurity[&key("KGZ", 2002)], 0.0);
    assert_eq!(
        insecurity[&key("KAZ", 2003)],
        0.5,
        "contagion of the Rose Revolution, half a domestic shock"
    );
}

#[test]
fn western_pull_raises_positions_and_backlash_weakens_it() {
    let registry = registry().unwrap();
    let mut sets = QUIET.to_vec();
    sets.extend(["sco_socialisation=false", "insecurity=false"]);
    let west = positions(&registry, &scenario(&registry, &sets), 5);
    let key = |c: &str, y: i64| (c.to_owned(), y);
    assert!(west[&key("KGZ", 2024)] > west[&key("KGZ", 2001)]);
    sets.pop();
    sets.push("insecurity_backlash=20");
    let backlash = positions(&registry, &scenario(&registry, &sets), 5);
    assert!(backlash[&key("KGZ", 2006)] < west[&key("KGZ", 2006)]);
}

#[test]
fn same_seed_same_bytes_and_thread_count_does_not_matter() {
    let registry = registry().unwrap();
    let inputs = norms_inputs().unwrap();
    let scenario = scenario(&registry, &[]);
    let options = |threads| HindcastOptions {
        runs: 12,
        master_seed: 9,
        threads: Some(threads),
    };
    let one = run_ensemble(&registry, &scenario, &inputs, options(1), true, &NoProgress).unwrap();
    let two = run_ensemble(&registry, &scenario, &inputs, options(2), true, &NoProgress).unwrap();
    assert_eq!(one.seeds, two.seeds);
    let bits = |e: &sco_scenarios::norms::hindcast::Ensemble| {
        e.paths
            .iter()
            .flatten()
            .map(|v| v.to_bits())
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(&one), bits(&two));
    assert_eq!(one.agent_steps, two.agent_steps);
    assert_ne!(
        one.paths[0], one.paths[1],
        "different seeds give different runs"
    );

    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        sco_sim::simulate_to_dir(&registry, &scenario, 77, &dir.path().join(name)).unwrap();
    }
    for file in [
        "agent_steps.csv",
        "agent_steps.parquet",
        "model_steps.csv",
        "model_steps.parquet",
        "metadata.json",
    ] {
        let a = std::fs::read(dir.path().join("a").join(file)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(file)).unwrap();
        assert_eq!(a, b, "{file} differs between two runs with one seed");
    }
}

#[test]
fn bad_scenario_files_name_file_line_and_field() {
    let registry = registry().unwrap();
    let err = |text: &str| {
        Scenario::from_toml_str(&registry, text, "bad.toml", "bad")
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("model = \"norms\"\n[params]\nsocialisation_rate = 2.5\n"),
        "bad.toml:3:22: field `params.socialisation_rate`: parameter `socialisation_rate`: `2.5` is not valid, expected a number from 0 to 1"
    );
    let e = err("model = \"norms\"\n[params]\nindex = \"freedom\"\n");
    assert!(e.starts_with("bad.toml:3:9: field `params.index`:"), "{e}");
    let e = err("model = \"norms\"\n[params]\nstart_year = 1900\n");
    assert!(
        e.starts_with("bad.toml:3:14: field `params.start_year`:"),
        "{e}"
    );
    let e = err("model = \"norms\"\n[params]\ncolour_revolutions = true\n");
    assert!(
        e.starts_with("bad.toml:3:1: field `params.colour_revolutions`: unknown parameter"),
        "{e}"
    );
    // Values valid one by one but inconsistent together are refused when the model is built.
    let scenario = Scenario::from_toml_str(
        &registry,
        "model = \"norms\"\n[params]\nstart_year = 2010\nend_year = 2005\n",
        "bad.toml",
        "bad",
    )
    .unwrap();
    let e = sco_sim::run(&registry, &scenario, 1)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("end_year (2005) must come after start_year (2010)"),
        "{e}"
    );
}

#[test]
fn a_small_hindcast_scores_against_an_independent_persistence_baseline() {
    let registry = registry().unwrap();
    let inputs = norms_inputs().unwrap();
    let scenario = scenario(&registry, &[]);
    let options = HindcastOptions {
        runs: 16,
        master_seed: 2001,
        threads: None,
    };
    let (scored, _) = hindcast(&registry, &scenario, &inputs, options, &NoProgress).unwrap();
    assert_eq!(scored.index, VdemIndex::Libdem);
    assert_eq!((scored.start_year, scored.end_year), (2001, 2024));
    assert_eq!(scored.errors.len(), 12 + 3);
    let ca = scored.error(CENTRAL_ASIA).unwrap();
    assert_eq!(ca.n, 5 * 23);
    // Persistence RMSE of Central Asia, recomputed from the CSV.
    let vdem = vdem_from_csv("v2x_libdem");
    let mut sum = 0.0;
    for code in ["KAZ", "KGZ", "TJK", "TKM", "UZB"] {
        let start = vdem[&(code.to_owned(), 2001)];
        for year in 2002..=2024 {
            sum += (vdem[&(code.to_owned(), year)] - start).powi(2);
        }
    }
    assert!((ca.persistence_rmse - (sum / 115.0).sqrt()).abs() < 1e-12);
    let all = scored.error(ALL).unwrap();
    assert!((0.0..=1.0).contains(&all.coverage90) && all.coverage50 <= all.coverage90);
    assert!(all.model_rmse > 0.0 && all.model_rmse < 0.5);
    for band in &scored.bands {
        for t in 0..band.years.len() {
            assert!(band.q05[t] <= band.median[t] && band.median[t] <= band.q95[t]);
        }
    }
}

#[test]
fn the_report_writes_tables_charts_and_a_verdict() {
    let registry = registry().unwrap();
    let inputs = norms_inputs().unwrap();
    let scenario = scenario(&registry, &[]);
    let dir = tempfile::tempdir().unwrap();
    let options = ReportOptions {
        hindcast: HindcastOptions {
            runs: 8,
            master_seed: 1,
            threads: Some(2),
        },
        ablation_runs: 4,
        calibration_runs: 0,
        split_year: 2012,
    };
    let summary = write_report(
        &registry,
        &scenario,
        &inputs,
        options,
        dir.path(),
        &NoProgress,
    )
    .unwrap();
    assert_eq!(
        summary.files.last().unwrap().file_name().unwrap(),
        "metadata.json"
    );
    for file in [
        "report.md",
        "fan_chart.png",
        "fan_chart.svg",
        "hindcast_paths.csv",
        "hindcast_errors.csv",
        "agent_steps.parquet",
        "ablations.csv",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} missing");
    }
    let png = std::fs::read(dir.path().join("fan_chart.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let report = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(report.contains("## Verdict") && report.contains("persistence"));
    let paths = std::fs::read_to_string(dir.path().join("hindcast_paths.csv")).unwrap();
    assert_eq!(paths.lines().count(), 1 + 12 * 24);
    assert_eq!(summary.ablations.len(), 6);
}

#[test]
fn the_registry_says_which_models_write_a_report() {
    let registry = sco_scenarios::registry().expect("the registry");
    assert!(registry.get("norms").expect("norms").writes_report);
    for other in ["world", "culture", "schelling", "unanimity"] {
        assert!(!registry.get(other).expect(other).writes_report, "{other}");
    }
}
