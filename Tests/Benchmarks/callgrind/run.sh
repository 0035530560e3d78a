#!/bin/bash
# Instructions per step of the scalar tape (pendulum, affine, chain) under callgrind, for one or more builds:
#
#   Tests/Benchmarks/callgrind/run.sh LABEL=REPO_ROOT ...
#   Tests/Benchmarks/callgrind/run.sh main=/work/main mine=.
#   CACHE=1 Tests/Benchmarks/callgrind/run.sh main=/work/main
#
# Each REPO_ROOT must hold a release build (`swift build -c release`). scalar_tape.swift is compiled against
# that build's Adjoint objects; each workload runs at N = 10⁴ and 2·10⁴ steps and the difference of the two
# instruction totals, divided by 10⁴, is printed: the instructions of one step (recording and sweep), with
# process start-up and one-time costs cancelled. Debug sections are stripped (valgrind 3.19 cannot read the
# DWARF that Swift 6.3 writes); symbols stay, so `callgrind_annotate` still names functions.
#
# With CACHE=1 the workloads (and W8's dot product) run under cachegrind's cache simulation instead, at
# N = 2·10⁵ (tapes of 9.6–38 MB, past the simulated private caches), once and twice in one process; the
# difference is one call with the thread's cached arena and adjoint buffer (as in a benchmark's steady
# state: valgrind's own `realloc` copies while a fresh arena grows). Printed per step: data reads and
# writes and their misses: D1 is a 48 KiB 12-way first-level data cache,
# LL a 2 MiB 16-way cache standing for one core's L2 (this VM's are 48 KiB and 2 MiB per core, with a large
# shared L3 that cachegrind cannot model), 64-byte lines. A line written once costs one write miss.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | awk '/Collected/ {print $4}'; }
# Data reads, writes and their D1 and LL misses (six numbers) of one run under cachegrind.
misses() {
  valgrind --tool=cachegrind --cache-sim=yes --cachegrind-out-file=/dev/null --D1=49152,12,64 --LL=2097152,16,64 "$@" 2>&1 |
    sed -n 's/^==[0-9]*== \(D   refs\|D1  misses\|LLd misses\)://p' | tr -d , |
    while read -r line; do grep -oE '[0-9]+' <<< "$line" | sed -n '2,3p'; done | tr '\n' ' '
}
for spec in "$@"; do
  label=${spec%%=*}; root=$(cd "${spec#*=}" && pwd)
  release=$root/.build/release
  swiftc -O -wmo "$here/scalar_tape.swift" -I "$release/Modules" \
    -Xcc -fmodule-map-file="$release/CAdjointKernels.build/module.modulemap" \
    -Xcc -I"$root/Sources/CAdjointKernels/include" \
    "$release"/Adjoint.build/*.o "$release"/CAdjointKernels.build/*.o -o "$work/$label" 2>/dev/null
  strip --strip-debug "$work/$label"
  if [[ ${CACHE:-0} == 1 ]]; then
    for w in pendulum affine chain dot; do
      a=$(misses "$work/$label" $w 200000 1); b=$(misses "$work/$label" $w 200000 2)
      python3 -c '
import sys
label, w = sys.argv[1:3]
a, b = (list(map(int, s.split())) for s in sys.argv[3:5])
names = ["data reads", "data writes", "D1 read misses", "D1 write misses", "LL read misses", "LL write misses"]
print(label, w, "per step:", ", ".join(f"{n} {(y - x) / 2e5:.2f}" for n, x, y in zip(names, a, b)), sep="\t")' "$label" $w "$a" "$b"
    done
    continue
  fi
  for w in pendulum affine chain; do
    a=$(count "$work/$label" $w 10000); b=$(count "$work/$label" $w 20000)
    printf '%s\t%s\tinstructions per step: %d\n' "$label" "$w" $(( (b - a) / 10000 ))
  done
done
