#!/usr/bin/env bash
# Builds the GEMM harnesses from Sources/CAdjointKernels (clang -O2 -fPIC, as SwiftPM's release build) and runs
# them. See README.md.   Tests/Benchmarks/gemm/run.sh [check|paired|parts|small|gemv|contention|all]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/../../../Sources/CAdjointKernels"
OUT="$HERE/.build"; mkdir -p "$OUT"
VENV="${PEERS_VENV:-$HOME/.cache/adjoint-peers-venv}"
export OPENBLAS_LIB="${OPENBLAS_LIB:-$(ls "$VENV"/lib/python3*/site-packages/numpy.libs/libscipy_openblas64_-*.so | head -1)}"
build() { clang -O2 -fPIC "${@:3}" -I"$SRC/include" -I"$SRC" "$SRC"/*.c "$HERE/$1.c" -o "$OUT/$2" -lpthread -ldl -lm; }
what="${1:-all}"
if [[ $what == check || $what == all ]]; then
  build naive_check naive_check -fsanitize=address 2>/dev/null; "$OUT/naive_check"
fi
if [[ $what == paired || $what == all ]]; then
  build paired paired
  for isa in 3 2; do CPUTIME=1 "$OUT/paired" $isa 1 9 128 256 512 1024; done
  echo "(avx2-fma against OpenBLAS's Haswell kernel:)"; OPENBLAS_CORETYPE=Haswell CPUTIME=1 "$OUT/paired" 2 1 9 128 256 512 1024
fi
if [[ $what == parts || $what == all ]]; then build parts parts; "$OUT/parts" 3 128 256 512 1024; fi
if [[ $what == small || $what == all ]]; then build small small; "$OUT/small" 3; fi
if [[ $what == gemv || $what == all ]]; then
  build gemv gemv
  for size in "300 200" "600 400" "2000 1000"; do CPUTIME=1 "$OUT/gemv" 3 1 15 $size; done
  echo "(W6's matrix, wall clock, one and two threads:)"; for t in 1 2; do "$OUT/gemv" 3 $t 21 2000 1000; done
fi
if [[ $what == contention || $what == all ]]; then build contention contention; "$OUT/contention" 3 256 512 1024; fi
