"""The simulator from Python: one run or a sweep of any model ``sco simulate`` knows, as pandas
DataFrames (in the manner of Mesa's ``batch_run``).

    >>> import sco_twin
    >>> steps = sco_twin.simulate("culture", {"width": 6, "height": 6}, seed=7)
    >>> steps.attrs["outputs"]["regions"]
    >>> runs = sco_twin.sweep("culture", {"traits": [5, 10, 15], "width": 6}, runs=20, seed=1)
    >>> runs.groupby("traits")["regions"].mean()

The runs are the Rust engine's (``sco-sim``): a sweep gives exactly the rows of ``sco sweep``'s
``runs.parquet`` for the same arguments, whatever the number of threads. The GIL is released while
models run; Ctrl-C stops a sweep (``KeyboardInterrupt``); a progress bar is drawn on stderr when it
is a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from typing import Any, Mapping, Optional, Union

from . import _native
from ._native import ScoError


def _text(value: Any) -> str:
    """A parameter value as the engine parses it (``true``/``false``, integers, floats)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        # LHS samplers return floats; an integer parameter accepts a whole-valued float.
        return str(int(value))
    return str(value)


def _frame(table: dict):
    import pandas as pd

    return pd.DataFrame({name: table["columns"][name] for name in table["order"]}, columns=table["order"])


def models() -> list:
    """Every model ``simulate`` and ``sweep`` know, with its parameters (``sco simulate --list --json``)."""
    return json.loads(_native.simulation_models_json())


def simulate(
    name: str,
    params: Optional[Mapping[str, Any]] = None,
    seed: int = 1,
    *,
    steps: Optional[int] = None,
    model_every: Optional[int] = None,
    agents_every: Optional[int] = None,
):
    """One run of model or scenario file ``name`` with parameters ``params`` and ``seed``.

    Returns the model-step table as a pandas DataFrame (``seed``, ``step``, then the model's
    columns; a row every ``model_every`` steps, by default the model's own choice). Its ``attrs``
    hold ``outputs`` (the run's final outputs), ``metadata`` (what ``metadata.json`` of
    ``sco simulate`` holds) and ``agent_steps`` (a DataFrame when ``agents_every`` > 0, else None).
    """
    sets = [f"{key}={_text(value)}" for key, value in (params or {}).items()]
    result = _native.simulate_columns(
        str(name), sets, int(seed), steps=steps, model_every=model_every, agents_every=agents_every
    )
    frame = _frame(result["model_steps"])
    frame.attrs["outputs"] = json.loads(result["outputs"])
    frame.attrs["metadata"] = json.loads(result["metadata"])
    agents = result["agent_steps"]
    frame.attrs["agent_steps"] = None if agents is None else _frame(agents)
    return frame


def _design_csv(design: Any) -> str:
    """A design table (DataFrame, list of dicts, or a CSV file) as CSV text with a header."""
    if isinstance(design, (str, os.PathLike)):
        with open(design, newline="", encoding="utf-8") as handle:
            return handle.read()
    if hasattr(design, "to_dict") and hasattr(design, "columns"):
        columns = [str(c) for c in design.columns]
        rows = design.itertuples(index=False, name=None)
    else:
        records = list(design)
        if not records:
            raise ScoError("design: the design table has no rows")
        columns = [str(c) for c in records[0]]
        rows = ([record[c] for c in records[0]] for record in records)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(value) for value in row])
    return out.getvalue()


def sweep(
    name: str,
    grid_or_design: Union[Mapping[str, Any], Any, None] = None,
    runs: int = 10,
    seed: int = 1,
    threads: Optional[int] = None,
    *,
    steps: Optional[int] = None,
    progress: Optional[bool] = None,
):
    """Many runs of ``name``: every combination × ``runs`` replications, as one DataFrame.

    ``grid_or_design`` is either a dict (a scalar fixes a parameter, a list varies it over a full
    grid) or a design table with one row per combination: a pandas DataFrame (e.g. the
    experiments of the EMA Workbench or a SALib sample, parameter columns only), a list of dicts,
    or the path of a CSV file (the format of ``sco sweep --design``). Replication seeds are derived
    from ``seed``, the same for every combination. ``threads`` defaults to every core; the rows do
    not depend on it.

    Returns one row per run, with the columns of ``sco sweep``'s ``runs.parquet``: ``run``,
    ``point``, ``replication``, ``seed``, every parameter, ``steps``, ``stopped_by_model``, then
    the model's outputs. ``attrs["plan"]`` holds the plan (``plan.json``).
    """
    sets = []
    design_csv = None
    if isinstance(grid_or_design, Mapping):
        for key, value in grid_or_design.items():
            if isinstance(value, (list, tuple, range)) or (
                hasattr(value, "__iter__") and hasattr(value, "dtype")
            ):
                values = list(value)
                if not values:
                    raise ScoError(f"parameter `{key}`: the list of values is empty")
                sets.append(f"{key}=" + ",".join(_text(v) for v in values))
            else:
                sets.append(f"{key}={_text(value)}")
    elif grid_or_design is not None:
        design_csv = _design_csv(grid_or_design)
    if progress is None:
        progress = sys.stderr is not None and sys.stderr.isatty()
    result = _native.sweep_columns(
        str(name),
        sets,
        design_csv=design_csv,
        runs=int(runs),
        seed=int(seed),
        threads=threads,
        steps=steps,
        progress=bool(progress),
    )
    frame = _frame(result["runs"])
    frame.attrs["plan"] = json.loads(result["plan"])
    return frame
