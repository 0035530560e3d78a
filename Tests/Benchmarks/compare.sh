#!/usr/bin/env bash
# One command for the side-by-side benchmark: builds Adjoint in release and the Swift W1 peer, then runs
# Tests/Benchmarks/compare.py (Adjoint and the peers interleaved), which prints a Markdown table with the targets.
#   Tests/Benchmarks/compare.sh [compare.py options]      e.g.  Tests/Benchmarks/compare.sh --workloads W3 W4 --rounds 3 --tag docs-w34
#   PEERS_VENV            the peers' Python venv from Tests/Benchmarks/setup_peers.sh (default $HOME/.cache/adjoint-peers-venv)
#   ADJOINT_BUILD_FLAGS   extra flags for `swift build -c release` (e.g. "-Xswiftc -Ounchecked")
#   ADJOINT_BIN           use this executable instead of building (it is run as `$ADJOINT_BIN bench Wk`)
#   SWIFTC_FLAGS          flags for the Swift W1 peer (default -O, as in the reference figures)
# Build output goes to stderr; stdout is the table only.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export PEERS_VENV="${PEERS_VENV:-$HOME/.cache/adjoint-peers-venv}"
if [ ! -x "$PEERS_VENV/bin/python" ]; then
  echo "compare.sh: no peers venv at $PEERS_VENV; run Tests/Benchmarks/setup_peers.sh first" >&2
  exit 1
fi
cd "$ROOT"

# W6's inputs (seeded numpy arrays as raw float64, not committed), written once.
if [ ! -f "$HERE/peers/data/w6b_v.f64" ]; then
  echo "== make_data.py w6" >&2
  "$PEERS_VENV/bin/python" "$HERE/peers/py/make_data.py" w6 >&2 || echo "!! make_data.py w6 failed: W6 will fail" >&2
fi

if [ -z "${ADJOINT_BIN:-}" ]; then
  read -r -a FLAGS <<<"${ADJOINT_BUILD_FLAGS:-}"
  echo "== swift build -c release ${FLAGS[*]}" >&2
  if swift build -c release "${FLAGS[@]}" >&2; then
    ADJOINT_BIN="$(swift build -c release "${FLAGS[@]}" --show-bin-path)/adjoint"
  else
    echo "!! swift build failed: the Adjoint rows will be missing" >&2
    ADJOINT_BIN=""
  fi
fi
export ADJOINT_BIN

# The Swift W1 peer (plain forward, hand adjoint, _Differentiation), rebuilt when its source changes.
export W1_SWIFT_BIN="$HERE/.build-peers/w1_scalar_chain"
SRC="$HERE/peers/swift/w1_scalar_chain.swift"
if [ ! -x "$W1_SWIFT_BIN" ] || [ "$SRC" -nt "$W1_SWIFT_BIN" ]; then
  mkdir -p "$HERE/.build-peers"
  echo "== swiftc ${SWIFTC_FLAGS:--O} $SRC" >&2
  # shellcheck disable=SC2086
  swiftc ${SWIFTC_FLAGS:--O} "$SRC" -o "$W1_SWIFT_BIN" >&2 || echo "!! Swift W1 peer failed to build" >&2
fi

# The Swift W8 peer (plain, hand adjoint, _Differentiation), likewise.
export W8_SWIFT_BIN="$HERE/.build-peers/w8_cheap_scalar"
SRC8="$HERE/peers/swift/w8_cheap_scalar.swift"
if [ ! -x "$W8_SWIFT_BIN" ] || [ "$SRC8" -nt "$W8_SWIFT_BIN" ]; then
  mkdir -p "$HERE/.build-peers"
  echo "== swiftc ${SWIFTC_FLAGS:--O} $SRC8" >&2
  # shellcheck disable=SC2086
  swiftc ${SWIFTC_FLAGS:--O} "$SRC8" -o "$W8_SWIFT_BIN" >&2 || echo "!! Swift W8 peer failed to build" >&2
fi

exec "$PEERS_VENV/bin/python" "$HERE/compare.py" "$@"
