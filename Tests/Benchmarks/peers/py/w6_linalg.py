"""LA (linear algebra): np.linalg.solve (one right-hand-side vector) and np.linalg.cholesky at n = 256 and 512 through
numpy's bundled OpenBLAS/LAPACK, with 1 BLAS thread (threadpoolctl), in ms per call.

Inputs as Adjoint's LA (Sources/AdjointCommandLine/Benchmarks/LinearAlgebraBenchmark.swift): A = R + n I and
S = R R^T + n I, R ~ U[-1, 1) (numpy default_rng(n)). Timing: one warm-up, then 7 repetitions each running
the call k times, k chosen so that a repetition lasts >= 0.1 s; reported value = median ms per call.

Usage: python w6_linalg.py [--sizes 256 512]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import blas_info, emit, log  # noqa: E402

WORKLOAD = "LA-linalg"


def median_ms(fn, reps=7, min_rep_s=0.1):
    fn()
    t0 = time.perf_counter()
    fn()
    k = max(1, int(min_rep_s / max(time.perf_counter() - t0, 1e-7)))
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        times.append((time.perf_counter() - t0) / k * 1e3)
    return statistics.median(times), k


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", type=int, default=[256, 512])
    args = ap.parse_args()
    import threadpoolctl
    with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
        emit(WORKLOAD, "numpy-openblas", "-", "-", "environment", None, "", blas=blas_info(), numpy=np.__version__)
        for n in args.sizes:
            rng = np.random.default_rng(n)
            r = rng.uniform(-1, 1, (n, n))
            a = r + n * np.eye(n)
            s = r @ r.T + n * np.eye(n)
            b = rng.uniform(-1, 1, n)
            for metric, fn in (("solve_ms", lambda: np.linalg.solve(a, b)), ("cholesky_ms", lambda: np.linalg.cholesky(s))):
                ms, k = median_ms(fn)
                emit(WORKLOAD, "numpy-openblas", "float64", 1, metric, ms, "ms", n=n, stat="median", calls_per_rep=k)
                log(f"numpy n={n} {metric}: {ms:.3f} ms")


if __name__ == "__main__":
    main()
