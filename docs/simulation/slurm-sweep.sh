#!/usr/bin/env bash
# A Slurm job array that splits one `sco sweep` across N jobs, then merges the parts.
#
# Submit from the directory holding the `sco` binary and a shared output directory:
#   N=16 sbatch --array=0-15 docs/simulation/slurm-sweep.sh
#   # when all array tasks are done:
#   sco sweep merge results/axelrod-table1
# or chain the merge automatically:
#   jid=$(sbatch --parsable --array=0-15 docs/simulation/slurm-sweep.sh)
#   sbatch --dependency=afterok:$jid --wrap "sco sweep merge results/axelrod-table1"
#
# Each task computes the same plan from the same arguments and runs only its block of chunks
# (--shard K/N, 0-based like SLURM_ARRAY_TASK_ID), writing results/axelrod-table1/shard-KKK-of-NNN.
# A task that is preempted or times out can simply be resubmitted: it resumes from the chunks it
# finished. Environment (sbatch passes the submitting shell's): OUT (output directory), RUNS
# (replications per combination, default 10000); `sco` must be on PATH. Options given to sbatch
# override the #SBATCH lines below (e.g. --cpus-per-task=1 --mem=500M on a small cluster).
# .ci/slurm-test submits this very script to a one-node Slurm cluster in CI.
#SBATCH --job-name=sco-sweep
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail

N=${N:-${SLURM_ARRAY_TASK_COUNT:?run as a job array, e.g. sbatch --array=0-15}}
K=${SLURM_ARRAY_TASK_ID:?run as a job array}
OUT=${OUT:-results/axelrod-table1}

sco sweep culture \
  --set features=5,10,15 --set traits=5,10,15 \
  --runs "${RUNS:-10000}" --seed 1997 \
  --shard "$K/$N" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --out "$OUT"
