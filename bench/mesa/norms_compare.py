"""Times the `norms` scenario in the Rust engine (sco-sim + sco-scenarios) and in Mesa, in
one run, and checks that the two implementations agree.

What it does:
1. builds the Rust helper (`cargo build --release -p sco-scenarios --example norms_bench`)
   and exports the model inputs to JSON, so that Mesa reads exactly the same data;
2. cross-check, deterministic: with noise and parameter spread off both models are
   deterministic and must give the same paths (the largest difference is printed);
3. cross-check, stochastic: the RMSE of the Monte Carlo median against V-Dem from each
   implementation (different random streams, so equal only up to Monte Carlo error);
4. timing: the same Monte Carlo (RUNS runs, 23 yearly steps, 12 states, agent data
   collected every step) on 1 and 2 threads (Rust) or processes (Mesa); each measured
   REPEAT times, best and median reported. Rust times exclude process start and input
   loading; Mesa times exclude interpreter start and include the JSON load (cached).

Usage (from the repository root): python bench/mesa/norms_compare.py [RUNS ...] [--repeat N]
Requires mesa==3.3.1 (`pip install mesa==3.3.1`). Figures go to docs/benchmarks.md.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import mesa  # noqa: E402

import norms_mesa  # noqa: E402

BENCH = os.path.join(ROOT, "target", "release", "examples", "norms_bench")


def rust(*args):
    out = subprocess.check_output([BENCH, *args], cwd=ROOT, text=True)
    return json.loads(out.strip().splitlines()[-1])


def main():
    argv = sys.argv[1:]
    repeat = 3
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        del argv[i : i + 2]
    run_counts = [int(a) for a in argv] or [200, 1000]

    subprocess.check_call(
        ["cargo", "build", "--release", "-q", "-p", "sco-scenarios", "--example", "norms_bench"], cwd=ROOT
    )
    inputs = os.path.join(tempfile.mkdtemp(), "norms_inputs.json")
    subprocess.check_call([BENCH, "export", inputs], cwd=ROOT, stderr=subprocess.DEVNULL)

    quiet = {"noise_scale": 0.0, "parameter_spread": 0.0}
    r = rust("run", "1", "1", "noise_scale=0", "parameter_spread=0")
    m = norms_mesa.hindcast(inputs, 1, 1, **quiet)
    diff = max(abs(a - b) for k in r["median"] for a, b in zip(r["median"][k], m["median"][k]))
    print(f"deterministic cross-check (noise off): largest |Rust - Mesa| over all state-years = {diff:.3g}")

    print(f"\nmachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"Python {platform.python_version()}, Mesa {mesa.__version__}\n")
    print("| runs | implementation | threads/processes | best s | median s | runs/s | RMSE of median (all states) |")
    print("|---|---|---|---|---|---|---|")
    for runs in run_counts:
        for threads in (1, 2):
            times, last = [], None
            for _ in range(repeat):
                last = rust("run", str(runs), str(threads))
                times.append(last["seconds"])
            best = min(times)
            print(f"| {runs} | Rust sco-sim | {threads} | {best:.3f} | {statistics.median(times):.3f} | "
                  f"{runs / best:,.0f} | {last['rmse_all']:.4f} |")
        for processes in (1, 2):
            times, last = [], None
            for _ in range(repeat):
                started = time.perf_counter()
                last = norms_mesa.hindcast(inputs, runs, processes)
                times.append(time.perf_counter() - started)
            best = min(times)
            print(f"| {runs} | Mesa {mesa.__version__} | {processes} | {best:.3f} | {statistics.median(times):.3f} | "
                  f"{runs / best:,.0f} | {last['rmse_all']:.4f} |")


if __name__ == "__main__":
    main()
