"""The pandas example of docs/panel.md (docs/examples/panel_merge.py), run on the `sco` binary's
CSV panel. Needs pandas, not the sco_twin package."""

import subprocess
import sys

import pytest

from conftest import REPO, sco_binary


def test_the_pandas_merge_example_runs(tmp_path):
    pytest.importorskip("pandas")
    binary = sco_binary()
    if binary is None:
        pytest.skip("no `sco` binary built (run `cargo build -p sco` first)")
    panel_csv = tmp_path / "sco_panel.csv"
    with open(panel_csv, "w") as out:
        subprocess.run(
            [str(binary), "panel", "--from", "1996", "--to", "2022", "--csv"],
            stdout=out,
            check=True,
        )
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "docs/examples/panel_merge.py"),
            str(panel_csv),
            str(REPO / "data/datasets/cow_nmc_v7.csv"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "year,members,cinc"
    by_year = {int(line.split(",")[0]): line.split(",") for line in lines[1:]}
    assert by_year[1996][1] == "5"  # the Shanghai Five
    assert by_year[2001][1] == "6"
    assert by_year[2017][1] == "8"  # India and Pakistan admitted
    assert by_year[2022][1] == "8"
    assert float(by_year[2017][2]) > 0.3
