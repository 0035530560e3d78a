"""OPT (minimizers): scipy.optimize.minimize(method="L-BFGS-B", jac=True), default options, on the three problems
of Adjoint's OPT workload (Sources/AdjointCommandLine/Benchmarks/MinimizerBenchmark.swift), defined once in
Tests/References/minimize_scipy.py with hand-written NumPy gradients. Per problem: median wall time of 5 runs
after one warm-up, with nit, nfev, the final ||grad||_inf and f as fields. 1 BLAS thread (threadpoolctl).

Usage: python opt_minimize.py
"""
import os
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.optimize import minimize

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "References"))
from common import emit, log  # noqa: E402
from minimize_scipy import PROBLEMS  # noqa: E402

WORKLOAD = "OPT-minimize"


def main():
    import threadpoolctl
    with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
        emit(WORKLOAD, "scipy-lbfgsb", "-", "-", "environment", None, "", scipy=scipy.__version__, numpy=np.__version__)
        for name, fun, x0 in PROBLEMS:
            r = minimize(fun, x0, jac=True, method="L-BFGS-B")
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                r = minimize(fun, x0, jac=True, method="L-BFGS-B")
                times.append((time.perf_counter() - t0) * 1e3)
            emit(WORKLOAD, "scipy-lbfgsb", "float64", 1, "time_ms", statistics.median(times), "ms", problem=name,
                 stat="median", iterations=int(r.nit), evaluations=int(r.nfev),
                 gradient_norm=float(np.max(np.abs(r.jac))), final_value=float(r.fun), reason=str(r.message))
            log(f"scipy {name}: nit {r.nit} nfev {r.nfev} {statistics.median(times):.3f} ms")


if __name__ == "__main__":
    main()
