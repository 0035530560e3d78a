#!/bin/bash
# Interleaved A/B timing of `adjoint bench` workloads across builds, for before/after comparisons on a shared
# machine: each round runs every build once, in turn, so that load changes hit all of them alike.
#
#   Tests/Benchmarks/interleave.sh ROUNDS WORKLOADS LABEL=REPO_ROOT[:BINARY] ...
#   Tests/Benchmarks/interleave.sh 9 "W3 W4" base=/work/base main=/work/main mine=.
#
# Each build runs from its repository root (the benchmark data path is relative to it: bench/peers/data
# before the move to Tests/Benchmarks, Tests/Benchmarks/peers/data after); BINARY defaults to
# ROOT/.build/release/adjoint. Prints one tab-separated line per run and figure (label, round, load average,
# workload, figure = system, metric, n and threads, value, min), then the median and the best value per label,
# workload and figure. Every JSON line with a metric and a value counts (step_ms, hessian_ms, grad_ns_per_op, …).
set -euo pipefail
rounds=$1; workloads=$2; shift 2
out=$(mktemp)
for round in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    label=${spec%%=*}; rest=${spec#*=}; root=${rest%%:*}
    binary=$root/.build/release/adjoint; [[ $rest == *:* ]] && binary=${rest#*:}
    for w in $workloads; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      (cd "$root" && "$binary" bench "$w") | python3 -c '
import json, sys
label, round_, load, w = sys.argv[1:5]
for line in sys.stdin:
    d = json.loads(line)
    if "value" not in d or "metric" not in d:
        continue
    what = " ".join([d.get("workload", w), d["system"], d["metric"]] + [f"{k}={d.get(k)}" for k in ("loop", "n", "threads") if k in d])
    print(label, round_, load, w, what, d["value"], d.get("min_ms", d.get("min", "")), sep="\t")' "$label" "$round" "$load" "$w" | tee -a "$out"
    done
  done
done
python3 - "$out" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, _, _, w, system, value, _ = line.rstrip("\n").split("\t")
    runs[(w, system, label)].append(float(value))
print("\nworkload\tsystem\tlabel\truns\tmedian\tbest")
for (w, system, label), v in sorted(runs.items()):
    print(f"{w}\t{system}\t{label}\t{len(v)}\t{statistics.median(v):.3f}\t{min(v):.3f}")
PY
rm -f "$out"
