#!/bin/bash
# Instructions per step of the scalar tape (pendulum, affine, chain) under callgrind, for one or more builds:
#
#   Tests/Benchmarks/callgrind/run.sh LABEL=REPO_ROOT ...
#   Tests/Benchmarks/callgrind/run.sh main=/work/main mine=.
#
# Each REPO_ROOT must hold a release build (`swift build -c release`). scalar_tape.swift is compiled against
# that build's Adjoint objects; each workload runs at N = 10⁴ and 2·10⁴ steps and the difference of the two
# instruction totals, divided by 10⁴, is printed: the instructions of one step (recording and sweep), with
# process start-up and one-time costs cancelled. Debug sections are stripped (valgrind 3.19 cannot read the
# DWARF that Swift 6.3 writes); symbols stay, so `callgrind_annotate` still names functions.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | awk '/Collected/ {print $4}'; }
for spec in "$@"; do
  label=${spec%%=*}; root=$(cd "${spec#*=}" && pwd)
  release=$root/.build/release
  swiftc -O -wmo "$here/scalar_tape.swift" -I "$release/Modules" \
    -Xcc -fmodule-map-file="$release/CAdjointKernels.build/module.modulemap" \
    -Xcc -I"$root/Sources/CAdjointKernels/include" \
    "$release"/Adjoint.build/*.o "$release"/CAdjointKernels.build/*.o -o "$work/$label" 2>/dev/null
  strip --strip-debug "$work/$label"
  for w in pendulum affine chain; do
    a=$(count "$work/$label" $w 10000); b=$(count "$work/$label" $w 20000)
    printf '%s\t%s\tinstructions per step: %d\n' "$label" "$w" $(( (b - a) / 10000 ))
  done
done
