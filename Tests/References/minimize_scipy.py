"""SciPy reference figures for Tests/AdjointTests/MinimizationTests.swift.

Run with the peers venv: $HOME/.cache/adjoint-peers-venv/bin/python Tests/References/minimize_scipy.py
Writes Tests/References/breast_cancer.csv (once) and prints, per problem, SciPy L-BFGS-B's
(jac=True, default options) minimizer, value, iterations (nit), evaluations (nfev) and final ‖∇f‖∞.
"""
import os
import numpy as np
from scipy.optimize import minimize

here = os.path.dirname(os.path.abspath(__file__))
csv = os.path.join(here, "breast_cancer.csv")
if not os.path.exists(csv):
    from sklearn.datasets import load_breast_cancer
    d = load_breast_cancer()
    with open(csv, "w") as out:
        out.write("# Breast Cancer Wisconsin (Diagnostic), W. Wolberg, W. Street, O. Mangasarian, UCI Machine Learning\n")
        out.write("# Repository (https://doi.org/10.24432/C5DW2B), licence CC BY 4.0; as shipped by scikit-learn\n")
        out.write("# (sklearn.datasets.load_breast_cancer). 569 rows: 30 features, then the label (1 = benign).\n")
        for row, label in zip(d.data, d.target):
            out.write(",".join(repr(float(v)) for v in row) + "," + str(int(label)) + "\n")

data = np.loadtxt(csv, delimiter=",", comments="#")
X = data[:, :30]; y = data[:, 30]
X = (X - X.mean(axis=0)) / X.std(axis=0)
lam = 0.01

def logistic(theta):
    w, b = theta[:30], theta[30]
    z = X @ w + b
    f = np.mean(np.logaddexp(0, z) - y * z) + lam / 2 * w @ w
    r = (1 / (1 + np.exp(-z)) - y) / len(y)
    g = np.concatenate([X.T @ r + lam * w, [r.sum()]])
    return f, g

def rosenbrock(x):
    f = np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)
    g = np.zeros_like(x)
    g[:-1] += -400 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2 * (1 - x[:-1])
    g[1:] += 200 * (x[1:] - x[:-1] ** 2)
    return f, g

n = 200
i = np.arange(n)
P = np.stack([np.ones(n), np.sin(i), np.cos(1.3 * i)], axis=1)
counts = np.floor(np.exp(0.5 + 0.3 * np.sin(i) - 0.2 * np.cos(1.3 * i)) * (1 + 0.5 * np.sin(7 * i)) + 0.5)

def poisson(beta):
    eta = P @ beta
    f = np.mean(np.exp(eta) - counts * eta)
    g = P.T @ (np.exp(eta) - counts) / n
    return f, g

PROBLEMS = [("breast-cancer-logistic", logistic, np.zeros(31)),
            ("rosenbrock-100", rosenbrock, np.tile([-1.2, 1.0], 50)),
            ("poisson", poisson, np.zeros(3))]
"""The problems (name, f returning (value, gradient), x0), also timed by Tests/Benchmarks/peers/py/opt_minimize.py."""

if __name__ == "__main__":
    np.set_printoptions(precision=17)
    for name, fun, x0 in PROBLEMS:
        r = minimize(fun, x0, jac=True, method="L-BFGS-B")
        print(name, "nit", r.nit, "nfev", r.nfev, "fun", repr(r.fun), "gnorm", repr(np.max(np.abs(r.jac))),
              "message", r.message)
        print("  x[:4]", [repr(v) for v in r.x[:4]])
