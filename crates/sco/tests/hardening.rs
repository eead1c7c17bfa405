//! Inputs that used to be answered wrongly or eat all memory: each now ends in a clear error
//! with exit code 2 (snapshotted), checked before anything large is allocated.

mod common;

use common::{fixtures, Sco};

fn sco(args: &[&str]) -> String {
    Sco::new(args).transcript()
}

#[test]
fn an_empty_state_is_refused_not_answered_for_the_channel_islands() {
    insta::assert_snapshot!(sco(&["state", ""]));
    insta::assert_snapshot!(sco(&["admission", " "]));
}

#[test]
fn endless_input_files_are_refused_after_16_mib() {
    insta::assert_snapshot!(sco(&["decide", "eum", "/dev/zero"]));
    insta::assert_snapshot!(sco(&["decide", "smp", "/dev/zero"]));
}

#[test]
fn huge_counts_are_refused_before_allocating() {
    let exchange = fixtures("sco-decide").join("exchange/cop21.csv");
    let exchange = exchange.to_str().expect("a UTF-8 path");
    insta::assert_snapshot!(
        "exchange_rounds",
        sco(&["decide", "exchange", exchange, "--rounds", "1000000000"])
    );
    insta::assert_snapshot!(
        "sweep_runs_huge",
        sco(&["sweep", "culture", "--runs", "1000000000000"])
    );
    insta::assert_snapshot!(
        "sweep_runs_large",
        sco(&["sweep", "culture", "--runs", "100000000"])
    );
}

#[test]
fn a_killed_runs_hidden_temporary_files_are_removed_by_the_next_run() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("run");
    std::fs::create_dir_all(&out).expect("the output directory");
    // Left by a run killed while writing a table this run does not write.
    let stale = out.join(".interrupted.parquet.tmp");
    std::fs::write(&stale, b"half a file").expect("a stale temporary file");
    let output = Sco::new(&[
        "simulate", "culture", "--seed", "3", "--set", "width=5", "--set", "height=5", "--steps",
        "5", "--out",
    ])
    .current_dir(dir.path())
    .output_with_arg(&out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let hidden: Vec<_> = std::fs::read_dir(&out)
        .expect("the output directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(hidden.is_empty(), "left behind: {hidden:?}");
}
