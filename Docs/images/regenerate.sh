#!/usr/bin/env bash
# Regenerates the computational-graph pictures of Docs/Graphs.md and Docs/Tutorial.md from `adjoint graph`:
# one .dot file per example, and its .svg rendered by Graphviz's dot (Debian: apt-get install graphviz).
# Run from anywhere: bash Docs/images/regenerate.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if ! command -v dot >/dev/null; then
  echo "regenerate.sh: Graphviz's dot is not on PATH (Debian: apt-get install graphviz)" >&2
  exit 1
fi
swift run adjoint graph all --output Docs/images
# The tutorial's training curve: the tutorial writes it when it runs (section 10); the documentation check runs
# it in a scratch directory of its own.
python3 Tests/DocExamples/check.py Docs/Tutorial.md
cp Tests/DocExamples/.build/run/DocsTutorialL*/training-curve.svg Docs/images/tutorial-training-curve.svg
echo "wrote Docs/images/tutorial-training-curve.svg"
