"""W5 gemm: square matrix products C = A @ B through numpy (its bundled OpenBLAS) and, for reference,
torch.mm (MKL / oneDNN), float64 and float32, n = 128, 256, 512, 1024, with 1 and 2 BLAS threads.

Timing: A, B ~ U[0,1) (numpy default_rng(0)), C preallocated (np.matmul(A, B, out=C)); each repetition runs
the product k times with k chosen so that a repetition lasts >= 0.1 s; 7 repetitions after one warm-up;
GFLOP/s = 2 n^3 / (time per product); reported value = median, with the best in "max_gflops".
The first line records the OpenBLAS environment variables and threadpoolctl's view of the BLAS (kernel
'architecture'), so runs with and without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE can be told apart.

Usage: python w5_gemm.py [--label as-is] [--systems numpy torch] [--dtypes float64 float32] [--sizes 128 ...]
                         [--threads 1 2]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import blas_info, emit, log, openblas_env  # noqa: E402

WORKLOAD = "W5-gemm"
SIZES = [128, 256, 512, 1024]


def bench(fn, flops, reps=7, min_rep_s=0.1):
    fn()
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    k = max(1, int(min_rep_s / one))
    rates = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        rates.append(flops * k / (time.perf_counter() - t0) / 1e9)
    return statistics.median(rates), max(rates), k


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", default="as-is", help="name of the environment variant, stored in each line")
    ap.add_argument("--systems", nargs="+", default=["numpy", "torch"])
    ap.add_argument("--dtypes", nargs="+", default=["float64", "float32"])
    ap.add_argument("--sizes", nargs="+", type=int, default=SIZES)
    ap.add_argument("--threads", nargs="+", type=int, default=[1, 2])
    args = ap.parse_args()
    import threadpoolctl
    emit(WORKLOAD, "numpy-openblas", "-", "-", "environment", None, "", env_label=args.label,
         openblas_env=openblas_env(), blas=blas_info(), numpy=np.__version__)
    rng = np.random.default_rng(0)
    for dtype in args.dtypes:
        for n in args.sizes:
            A = rng.random((n, n)).astype(dtype)
            B = rng.random((n, n)).astype(dtype)
            C = np.empty((n, n), dtype=dtype)
            flops = 2.0 * n ** 3
            for threads in args.threads:
                if "numpy" in args.systems:
                    with threadpoolctl.threadpool_limits(limits=threads, user_api="blas"):
                        arch = next((d.get("architecture") for d in blas_info() if d.get("internal_api") == "openblas"), None)
                        med, best, k = bench(lambda: np.matmul(A, B, out=C), flops)
                    emit(WORKLOAD, "numpy-openblas", dtype, threads, "gflops", med, "GFLOP/s", n=n, stat="median",
                         max_gflops=best, calls_per_rep=k, env_label=args.label, openblas_kernel=arch)
                    log(f"numpy {args.label:8s} {dtype} n={n:5d} t={threads}: {med:7.1f} GFLOP/s (best {best:.1f}) "
                        f"kernel={arch}")
                if "torch" in args.systems:
                    import torch
                    torch.set_num_threads(threads)
                    tA, tB = torch.from_numpy(A), torch.from_numpy(B)
                    tC = torch.empty((n, n), dtype=tA.dtype)
                    med, best, k = bench(lambda: torch.mm(tA, tB, out=tC), flops)
                    emit(WORKLOAD, "torch-mm", dtype, threads, "gflops", med, "GFLOP/s", n=n, stat="median",
                         max_gflops=best, calls_per_rep=k, env_label=args.label)
                    log(f"torch {args.label:8s} {dtype} n={n:5d} t={threads}: {med:7.1f} GFLOP/s (best {best:.1f})")


if __name__ == "__main__":
    main()
