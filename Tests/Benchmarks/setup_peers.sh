#!/usr/bin/env bash
# Makes the Python environment for the peer benchmarks (numpy, torch CPU, JAX, micrograd, ...), OUTSIDE the repo.
#   PEERS_VENV   where (default: $HOME/.cache/adjoint-peers-venv)
#   PYTHON       interpreter to build it from (default: python3; the figures in Tests/Benchmarks/peers were taken with 3.11)
# Idempotent: when the venv already holds exactly these versions it only says so. The versions are those measured
# in /work/shared/bench/RESULTS.md. Takes a few minutes the first time (about 1 GB of wheels).
set -euo pipefail
VENV="${PEERS_VENV:-$HOME/.cache/adjoint-peers-venv}"
PY="${PYTHON:-python3}"
PINS="numpy==2.4.6 micrograd==0.1.0 autograd==1.9.1 jax==0.10.2 jaxlib==0.10.2 scikit-learn==1.9.1 threadpoolctl==3.8.0"
TORCH="torch==2.13.0+cpu"
STAMP="$VENV/.adjoint-peers-pins"

if [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$PINS $TORCH" ] &&
   "$VENV/bin/python" -c "import numpy, torch, jax, micrograd, autograd, threadpoolctl" 2>/dev/null; then
  echo "peers venv up to date: $VENV"
  exit 0
fi

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
# shellcheck disable=SC2086
"$VENV/bin/pip" install $PINS

# PyTorch, CPU only. PyPI's plain `torch` pulls ~3 GB of CUDA packages. The measured CPU wheel torch-2.13.0+cpu
# comes from pip's find-links folder (PIP_FIND_LINKS) on these machines; without it, fall back to PyPI's torch
# without its CUDA dependencies (works on CPU, but is not the version the reference figures were measured with).
if ! "$VENV/bin/pip" install "$TORCH"; then
  echo "setup_peers: $TORCH not in pip's find-links; falling back to PyPI torch --no-deps" >&2
  "$VENV/bin/pip" install --no-deps torch
  "$VENV/bin/pip" install filelock typing-extensions sympy networkx jinja2 fsspec
fi
"$VENV/bin/python" -c "import torch, jax, autograd, micrograd, sklearn, numpy; print('torch', torch.__version__, '| jax', jax.__version__, '| numpy', numpy.__version__)"
echo "$PINS $TORCH" >"$STAMP"
echo "peers venv ready: $VENV"
