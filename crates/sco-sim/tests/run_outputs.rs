//! What a single run writes: tables, schema, metadata beside the files and inside Parquet.

use sco_sim::table::{read_parquet, read_parquet_metadata};
use sco_sim::{run, simulate_to_dir, Registry, Scenario};

#[test]
fn simulate_writes_tables_and_metadata_that_agree_with_the_pure_run() {
    let registry = Registry::with_builtin_models();
    let mut scenario = Scenario::for_model(&registry, "culture").unwrap();
    scenario
        .apply_sets(
            &registry,
            &[
                "width=6".into(),
                "height=4".into(),
                "features=3".into(),
                "traits=3".into(),
            ],
        )
        .unwrap();
    scenario.collect.agents_every = 10;
    let dir = tempfile::tempdir().unwrap();
    let report = simulate_to_dir(&registry, &scenario, 7, dir.path()).unwrap();
    let pure = run(&registry, &scenario, 7).unwrap();

    // The pure function and the streaming writer describe the same run.
    assert_eq!(pure.outcome, report.outcome);
    assert_eq!(pure.model_steps.len() as u64, report.model_rows);
    assert_eq!(
        pure.agent_steps.as_ref().unwrap().len() as u64,
        report.agent_rows
    );
    assert!(
        report.outcome.stopped_by_model,
        "a 6x4 grid with 3 traits absorbs quickly"
    );

    let metadata: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("metadata.json")).unwrap())
            .unwrap();
    assert_eq!(metadata, pure.metadata);
    assert_eq!(metadata["seed"], 7);
    assert_eq!(metadata["scenario"]["model"], "culture");
    assert_eq!(metadata["scenario"]["params"]["width"], 6);
    assert_eq!(
        metadata["outputs"]["regions"],
        report.outcome.output("regions").unwrap().to_json()
    );
    assert!(metadata["code_version"]
        .as_str()
        .unwrap()
        .starts_with(env!("CARGO_PKG_VERSION")));

    // Parquet carries the same metadata and the same rows as the CSV.
    let parquet = dir.path().join("model_steps.parquet");
    let embedded: serde_json::Value =
        serde_json::from_str(&read_parquet_metadata(&parquet).unwrap().unwrap()).unwrap();
    assert_eq!(embedded, metadata);
    let parquet_rows = read_parquet(&parquet, &pure.model_steps.columns).unwrap();
    // The very rows of the pure run, typed as they were written.
    assert_eq!(parquet_rows, pure.model_steps);
    let rows = parquet_rows.len();
    let csv = std::fs::read_to_string(dir.path().join("model_steps.csv")).unwrap();
    assert_eq!(rows + 1, csv.lines().count());
    assert!(
        csv.starts_with("seed,step,events,changes,active_pairs,regions\n7,0,0,0,"),
        "{csv}"
    );
    let last = csv.lines().last().unwrap();
    assert!(
        last.ends_with(&format!(",0,{}", report.outcome.output("regions").unwrap())),
        "{last}"
    );

    let agents = std::fs::read_to_string(dir.path().join("agent_steps.csv")).unwrap();
    assert!(
        agents.starts_with("seed,step,agent_id,x,y,culture\n7,0,0,0,0,"),
        "{agents}"
    );
    // 24 sites per collected step, each row of the final step present.
    assert_eq!((agents.lines().count() - 1) % 24, 0);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn scenario_files_round_trip_through_a_run() {
    let registry = Registry::with_builtin_models();
    let text = "model = \"unanimity\"\nname = \"small\"\nsteps = 2\n[params]\nmembers_start = 3\nmembers_end = 9\ntrials = 100\n";
    let scenario = Scenario::from_toml_str(&registry, text, "small.toml", "small").unwrap();
    let results = run(&registry, &scenario, 1).unwrap();
    // The step limit (2 admissions) stops the run before members_end.
    assert_eq!(results.outcome.steps, 2);
    assert!(!results.outcome.stopped_by_model);
    assert_eq!(
        results.outcome.output("members"),
        Some(&sco_sim::Value::Int(5))
    );
}
