#!/usr/bin/env bash
# Regenerates the computational-graph pictures of Docs/Graphs.md (and the tutorial) from `adjoint graph`:
# one .dot file per example, and its .svg rendered by Graphviz's dot (Debian: apt-get install graphviz).
# Run from anywhere: bash Docs/images/regenerate.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if ! command -v dot >/dev/null; then
  echo "regenerate.sh: Graphviz's dot is not on PATH (Debian: apt-get install graphviz)" >&2
  exit 1
fi
swift run adjoint graph all --output Docs/images
