#!/usr/bin/env bash
# Builds the readers' libFuzzer target and runs it. Usage:
#   bash Tests/Fuzz/run-libfuzzer.sh [libFuzzer options]     e.g.  -max_total_time=600 -jobs=2
# With no options it runs for 60 seconds. The corpus is kept in .build/fuzz/corpus (seeded with one input per
# reader), crashes are written to .build/fuzz/crash-*. Needs a Swift toolchain whose swiftc accepts
# -sanitize=fuzzer (the Linux toolchains do).
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=.build/fuzz
# AdjointNN and Adjoint with coverage instrumentation (-sanitize=fuzzer at compile time only adds the coverage
# hooks; libFuzzer itself is linked below) and -enable-testing for the harness's @testable import.
swift build -c release --scratch-path "$scratch" --target AdjointNN -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing
products="$scratch/release"
# Adjoint's module refers to the C kernels' module; describe it to the compiler as SwiftPM does.
cat > "$scratch/CAdjointKernels.modulemap" <<MAP
module CAdjointKernels { header "$PWD/Sources/CAdjointKernels/include/CAdjointKernels.h" export * }
MAP
swiftc -O -sanitize=fuzzer -parse-as-library -module-name AdjointReaderFuzzer \
  -I "$products/Modules" -Xcc -fmodule-map-file="$scratch/CAdjointKernels.modulemap" \
  Tests/Fuzz/LibFuzzerEntry.swift Tests/AdjointNNTests/Fuzzing/*.swift \
  "$products"/AdjointNN.build/*.o "$products"/Adjoint.build/*.o "$products"/CAdjointKernels.build/*.o \
  -o "$scratch/adjoint-reader-fuzzer"
mkdir -p "$scratch/corpus"
# Seeds: the selector byte 0 (IDX), 1 (CSV) or 2 (archive), then the body; the custom mutator fills in the
# harness's own seed files when a body is too short to mutate.
printf '\000' > "$scratch/corpus/seed-idx"
printf '\001a,b,label\n0.25,1,1\n0.5,2,0\n' > "$scratch/corpus/seed-csv"
printf '\002' > "$scratch/corpus/seed-archive"
if [ "$#" -eq 0 ]; then set -- -max_total_time=60; fi
exec "$scratch/adjoint-reader-fuzzer" -artifact_prefix="$scratch/" "$@" "$scratch/corpus"
