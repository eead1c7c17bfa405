"""The EMA Workbench example (crates/sco-py/examples/ema_norms.py) as a test: Latin hypercube over
the norms scenario's parameters, runs through `sco_twin.simulate`, feature scoring and PRIM; the
PRIM box found on one sample is checked out of sample, on a fresh hypercube run by `sco_twin.sweep`.
Skipped when the `ema_workbench` package is not installed (CI installs it in a step of its own)."""

import importlib.util
import pathlib

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("ema_workbench")

import sco_twin  # noqa: E402

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "examples" / "ema_norms.py"


@pytest.fixture(scope="module")
def example():
    spec = importlib.util.spec_from_file_location("ema_norms", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def found(example):
    return example.explore(experiments=120, seed=11, replications=3)


def test_the_hypercube_covers_each_range_once_per_stratum(example, found):
    design = found["design"]
    assert len(design) == 120 and list(design.columns) == list(example.RANGES)
    for name, (low, high) in example.RANGES.items():
        strata = np.floor((design[name] - low) / (high - low) * 120).astype(int)
        assert sorted(strata) == list(range(120)), name
    assert np.isfinite(found["outcome"]).all()


def test_the_design_runs_through_sweep_with_replications(example, found):
    replicated = found["replicated"]
    assert len(replicated) == 120 * 3
    assert list(replicated.columns[:4]) == ["run", "point", "replication", "seed"]
    # Every point's parameters are the design's row.
    first = replicated[replicated.replication == 0].reset_index(drop=True)
    for name in example.RANGES:
        assert np.allclose(first[name], found["design"][name].to_numpy())
    # A single run tracks the mean of the replications of its point: the parameters, not the
    # noise, make most of the spread.
    r = np.corrcoef(found["outcome"], found["replicated_means"])[0, 1]
    assert r > 0.5, r


def test_feature_scores_cover_every_parameter(example, found):
    scores = found["scores"]
    assert sorted(scores.index) == sorted(example.RANGES)
    assert abs(scores.sum() - 1.0) < 1e-9
    assert scores.iloc[0] > 1.0 / len(example.RANGES)


def test_the_prim_box_holds_out_of_sample(example, found):
    limits = found["box_limits"]
    threshold = np.quantile(found["outcome"], 0.25)
    # A fresh hypercube (another seed), run by the engine's sweep, one replication per point.
    rng = np.random.default_rng(99)
    n = 120
    fresh = pd.DataFrame(
        {
            name: low + (rng.permutation(n) + rng.random(n)) / n * (high - low)
            for name, (low, high) in example.RANGES.items()
        }
    )
    runs = sco_twin.sweep("norms", fresh, runs=1, seed=99)
    low = runs[example.OUTCOME].to_numpy() < threshold
    inside = np.ones(n, dtype=bool)
    for name in example.RANGES:
        inside &= (fresh[name] >= limits.loc[0, name]) & (fresh[name] <= limits.loc[1, name])
    assert inside.sum() >= 5 and (~inside).sum() >= 5, inside.sum()
    assert low[inside].mean() > 2 * low[~inside].mean(), (low[inside].mean(), low[~inside].mean())
