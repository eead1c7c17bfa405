#!/usr/bin/env bash
# Side-by-side benchmark of the sco-sim engine against Mesa 3.3.1 and krABMaga 0.6.2 on
# Axelrod's culture model and Schelling's segregation model, same rules and configurations,
# one thread each. Prints a Markdown table for docs/benchmarks.md.
#
# Usage: bash bench/run_abm_bench.sh   (from the repository root; needs cargo and python3)
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import mesa, sys; sys.exit(0 if mesa.__version__ == "3.3.1" else 1)' 2>/dev/null \
  || pip install --quiet mesa==3.3.1
cargo build --quiet --release -p sco-sim --example abm_bench
(cd bench/krabmaga-bench && cargo build --quiet --release)

ours=target/release/examples/abm_bench
krab=bench/krabmaga-bench/target/release/krabmaga-bench
mesa="python3 bench/mesa_models.py"
results=$(mktemp)

# name | arguments | runs for sco-sim and krABMaga | runs for Mesa (slower, fewer runs)
configs=(
  "culture 10x10, 5 features, 15 traits, until absorbed|culture RUNS 10 5 15|200|10"
  "culture 20x20, 5 features, 10 traits, until absorbed|culture RUNS 20 5 10|20|2"
  "schelling 100x100, homophily 0.4, until all happy (max 50 steps)|schelling RUNS 100 50 0.4|20|2"
  "schelling 100x100, homophily 0.7, 20 steps|schelling RUNS 100 20 0.7|20|2"
)
for config in "${configs[@]}"; do
  IFS='|' read -r name args fast slow <<<"$config"
  for engine in ours krab mesa; do
    runs=$fast
    [ "$engine" = mesa ] && runs=$slow
    cmd=${!engine}
    line=$($cmd ${args/RUNS/$runs})
    echo "$name|$line" >>"$results"
  done
done

python3 - "$results" <<'PY'
import json, sys
rows = [line.rstrip("\n").split("|", 1) for line in open(sys.argv[1])]
by_config = {}
for name, payload in rows:
    by_config.setdefault(name, []).append(json.loads(payload))
print("| configuration | engine | runs | seconds | events | µs per event | mean output | sco-sim speed-up |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for name, results in by_config.items():
    ours = next(r for r in results if r["engine"].startswith("sco-sim"))
    ours_per_event = ours["seconds"] / ours["events"]
    for r in results:
        per_event = r["seconds"] / r["events"]
        speedup = "—" if r is ours else f"{per_event / ours_per_event:.1f}x"
        print(f"| {name} | {r['engine']} | {r['runs']} | {r['seconds']:.3f} | {r['events']} | "
              f"{per_event * 1e6:.4f} | {r['mean_output']:.3f} | {speedup} |")
PY
rm -f "$results"
