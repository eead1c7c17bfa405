"""Scenario discovery on the SCO norms scenario with the EMA Workbench.

The EMA Workbench (https://emaworkbench.readthedocs.io) samples a Latin hypercube over six of the
`norms` scenario's parameters (their ranges are assumptions of this example, spanning each default),
runs the simulator once per experiment through `sco_twin.simulate`, then asks which parameters
matter for where Central Asia ends up on V-Dem's liberal democracy index in the last simulated year
(extra-trees feature scoring) and which box of parameters holds the runs that end lowest (PRIM).
The same experiments also go through `sco_twin.sweep` as a design table, with replications, in
parallel: the path from an EMA (or SALib) design to `sco sweep --design`.

    python crates/sco-py/examples/ema_norms.py [EXPERIMENTS]

crates/sco-py/tests/test_ema.py runs `explore` on a small sample and checks its findings against
one-at-a-time sweeps of the engine.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

import sco_twin

# Ranges around each default (see `sco simulate --list`); the ranges are this example's assumptions.
RANGES = {
    "socialisation_rate": (0.02, 0.3),
    "similarity_width": (0.1, 1.0),
    "insecurity_gain": (0.0, 6.0),
    "trade_weight": (0.0, 2.0),
    "security_weight": (0.0, 2.0),
    "regional_contagion": (0.0, 1.0),
}
OUTCOME = "central_asia_final"


def norms_run(seed: int = 1, **params) -> dict:
    """One run of the norms scenario, as the EMA Workbench calls a model function."""
    steps = sco_twin.simulate("norms", params, seed=seed)
    return {OUTCOME: steps.attrs["outputs"][OUTCOME]}


def explore(experiments: int = 200, seed: int = 2024, replications: int = 4) -> dict:
    """Latin hypercube, runs, feature scores and a PRIM box. Returns them in a dict."""
    from ema_workbench import Constant, Model, RealParameter, ScalarOutcome, Samplers, perform_experiments
    from ema_workbench.analysis import feature_scoring, prim

    model = Model("norms", function=norms_run)
    model.uncertainties = [RealParameter(name, low, high) for name, (low, high) in RANGES.items()]
    model.constants = [Constant("seed", seed)]
    model.outcomes = [ScalarOutcome(OUTCOME)]

    np.random.seed(seed)  # the workbench's samplers draw from numpy's global generator
    design, outcomes = perform_experiments(model, scenarios=experiments, uncertainty_sampling=Samplers.LHS)
    x = design[list(RANGES)]
    y = pd.Series(outcomes[OUTCOME], name=OUTCOME)

    # The same design as a `sco sweep --design` table: replications in parallel, one row per run.
    replicated = sco_twin.sweep("norms", x, runs=replications, seed=seed)
    means = replicated.groupby("point")[OUTCOME].mean().to_numpy()

    scores = feature_scoring.get_feature_scores_all(x, {OUTCOME: y})[OUTCOME].sort_values(ascending=False)

    low = y < np.quantile(y, 0.25)
    finder = prim.Prim(x, low.to_numpy(), threshold=0.6)
    box = finder.find_box()
    return {
        "design": x,
        "outcome": y,
        "replicated": replicated,
        "replicated_means": means,
        "scores": scores,
        "box_limits": box.box_lims[-1],
        "box_coverage": float(box.coverage),
        "box_density": float(box.density),
    }


def main() -> None:
    experiments = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    found = explore(experiments)
    pd.set_option("display.width", 120)
    print(f"{experiments} experiments (Latin hypercube), outcome {OUTCOME}:")
    print(found["outcome"].describe().to_string())
    print("\nfeature scores (extra trees):")
    print(found["scores"].to_string())
    print(f"\nPRIM box for the lowest quarter (coverage {found['box_coverage']:.2f}, density {found['box_density']:.2f}):")
    print(found["box_limits"].to_string())
    r = np.corrcoef(found["outcome"], found["replicated_means"])[0, 1]
    print(f"\nsingle runs against the mean of {len(found['replicated']) // experiments} replications per point: r = {r:.3f}")


if __name__ == "__main__":
    main()
