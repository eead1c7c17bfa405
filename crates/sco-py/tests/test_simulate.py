"""`sco_twin.simulate` and `sco_twin.sweep`: the engine's runs as DataFrames, the same rows as the
command line's, identical on any thread count, with Ctrl-C, the GIL released and located errors."""

import _thread
import subprocess
import threading
import time

import pandas as pd
import pytest

import sco_twin
from conftest import sco_binary

SMALL = {"width": 6, "height": 6}


def test_simulate_returns_the_model_steps_and_the_outputs():
    steps = sco_twin.simulate("culture", SMALL, seed=7)
    assert list(steps.columns) == ["seed", "step", "events", "changes", "active_pairs", "regions"]
    assert steps["step"].iloc[0] == 0 and (steps["seed"] == 7).all()
    # The culture model records every 10th step by default, and always the last one.
    assert (steps["step"].iloc[1:-1] % 10 == 0).all()
    outputs = steps.attrs["outputs"]
    assert outputs["regions"] == steps["regions"].iloc[-1]
    assert outputs["absorbed"] is True
    assert steps.attrs["metadata"]["seed"] == 7
    assert steps.attrs["agent_steps"] is None
    again = sco_twin.simulate("culture", SMALL, seed=7)
    pd.testing.assert_frame_equal(steps, again)
    other = sco_twin.simulate("culture", SMALL, seed=8)
    assert not steps.equals(other)


def test_simulate_records_agents_and_every_step_when_asked():
    steps = sco_twin.simulate("culture", SMALL, seed=3, model_every=1, agents_every=50)
    assert list(steps["step"]) == list(range(len(steps)))
    agents = steps.attrs["agent_steps"]
    assert set(agents["step"]) >= {0}
    assert (agents.groupby("step").size() == 36).all()


def test_bad_parameters_raise_a_located_error():
    with pytest.raises(sco_twin.ScoError, match="traits"):
        sco_twin.simulate("culture", {"traits": 1})
    with pytest.raises(sco_twin.ScoError, match="unknown parameter `colour`"):
        sco_twin.sweep("culture", {"colour": [1, 2]})
    with pytest.raises(sco_twin.ScoError, match="no model|unknown model|not a"):
        sco_twin.simulate("no-such-model")
    design = pd.DataFrame({"features": [5, 10], "traits": [10, 1.5]})
    with pytest.raises(sco_twin.ScoError, match=r"<design>:3:2: parameter `traits`"):
        sco_twin.sweep("culture", design)


def test_sweep_rows_match_the_command_line_on_any_thread_count(tmp_path):
    grid = {"traits": [5, 15], **SMALL}
    one = sco_twin.sweep("culture", grid, runs=12, seed=4, threads=1)
    two = sco_twin.sweep("culture", grid, runs=12, seed=4, threads=2)
    pd.testing.assert_frame_equal(one, two)
    assert len(one) == 24 and list(one["run"]) == list(range(24))
    assert one.attrs["plan"]["replications"] == 12
    assert one.groupby("traits")["regions"].mean()[15] > one.groupby("traits")["regions"].mean()[5]
    binary = sco_binary()
    if binary is None:
        pytest.skip("no `sco` binary built")
    out = tmp_path / "sweep"
    subprocess.run(
        [str(binary), "sweep", "culture", "--set", "traits=5,15", "--set", "width=6", "--set", "height=6",
         "--runs", "12", "--seed", "4", "--out", str(out)],
        check=True, capture_output=True,
    )
    written = pd.read_csv(out / "runs.csv")
    pd.testing.assert_frame_equal(one, written, check_dtype=False)


def test_a_design_table_gives_the_grid_s_rows():
    grid = sco_twin.sweep("culture", {"features": [3, 5], "traits": [5, 10], **SMALL}, runs=3, seed=2)
    design = pd.DataFrame({"features": [3, 3, 5, 5], "traits": [5, 10, 5, 10]})
    fixed = sco_twin.sweep("culture", design.assign(width=6, height=6), runs=3, seed=2)
    assert list(fixed["regions"]) == list(grid["regions"])
    as_records = sco_twin.sweep("culture", design.assign(width=6, height=6).to_dict("records"), runs=3, seed=2)
    pd.testing.assert_frame_equal(fixed, as_records)


def test_the_gil_is_released_while_a_sweep_runs():
    counted = []
    worker = threading.Thread(
        target=lambda: sco_twin.sweep("culture", {"width": 10, "height": 10}, runs=400, seed=1, threads=1)
    )
    worker.start()
    ticks = 0
    while worker.is_alive():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    counted.append(ticks)
    # Holding the GIL for the whole sweep would have left this loop one or two turns.
    assert ticks > 20, ticks


def test_ctrl_c_stops_a_sweep():
    timer = threading.Timer(0.5, _thread.interrupt_main)
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        # About 10 s or more of runs in a debug build: the interrupt must cut it short.
        sco_twin.sweep("culture", {"width": 20, "height": 20}, runs=20000, seed=1, threads=1)
    timer.cancel()
    assert time.monotonic() - started < 5


def test_no_progress_is_drawn_when_stderr_is_not_a_terminal(capfd):
    sco_twin.sweep("culture", SMALL, runs=5, seed=1)
    assert capfd.readouterr().err == ""
