#!/usr/bin/env python3
"""Side-by-side benchmark: Adjoint (`adjoint bench Wk`) against its peers (numpy, PyTorch, JAX, micrograd,
Swift's _Differentiation, SciPy's L-BFGS-B) on workloads W1-W8, LA and OPT (Tests/Benchmarks/peers/WORKLOADS.md), in
one run, interleaved.

Normally started by Tests/Benchmarks/compare.sh, which builds Adjoint and the Swift W1 peer first. Standard library only.

  compare.py [--workloads W1 .. W8 LA OPT] [--rounds 2] [--tag NAME] [--skip-slow] [--slow-rounds 1] [--jax-eager]
  compare.py --report DIR          # print the table of an existing results folder again

Per workload and round it runs Adjoint's process and each peer's process one after the other (odd rounds
Adjoint first, even rounds in reverse order, so that a slow drift of the machine hits both sides alike). Every
process prints JSON lines {workload, system, dtype, threads, metric, value, unit, ...}; they are stored with
`job` and `round` added in DIR/<Wk>.jsonl, stderr in DIR/<Wk>.log, and each process's exit status, wall time
and peak RSS (wait4's ru_maxrss) in DIR/processes.jsonl. The table shows per series the median over rounds of
the per-process medians.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))  # Tests/Benchmarks/
ROOT = os.path.dirname(os.path.dirname(HERE))
PEERS = os.path.join(HERE, "peers")
NAMES = {"W1": "W1-scalar-chain", "W2": "W2-micrograd-demo", "W3": "W3-digits-mlp", "W4": "W4-mnist-size-mlp",
         "W5": "W5-gemm", "W6": "W6-second-order", "W7": "W7-cnn-train-step", "W8": "W8-cheap-scalar",
         "LA": "LA-linalg", "OPT": "OPT-minimize"}
N_BIG = 1_000_000  # W1 size of the targets
W1_REF_GRAD = {10_000: 1.0337199369574592, 1_000_000: 0.4017911615152999}  # WORKLOADS.md
W3_ACCURACY = 0.9806
W7_LOSS_STEP39 = 2.2959033650771  # WORKLOADS.md, float64 (numpy by hand, PyTorch and JAX jit agree to 1e-15)
W7_FILES = ("w7_X.f64", "w7_labels.i64", "w7_W1.f64", "w7_W2.f64", "w7_W3.f64")
W5_SIZES = [128, 256, 512, 1024]
OPT_PROBLEMS = ["breast-cancer-logistic", "rosenbrock-100", "poisson"]  # MinimizerBenchmark.swift, opt_minimize.py


# ------------------------------------------------------------------------------------------------ the jobs
class Job:
    def __init__(self, name, cmd, slow=False, adjoint=False):
        self.name, self.cmd, self.slow, self.adjoint = name, cmd, slow, adjoint


def jobs_for(w, a):
    """The processes of workload w for one round: Adjoint's first, then the peers."""
    py = lambda script, *rest: [a.python, os.path.join(PEERS, "py", script), *map(str, rest)]  # noqa: E731
    adjoint = Job("adjoint", (a.adjoint_cmd.split() + ["bench", w]) if a.adjoint_cmd else None, adjoint=True)
    jobs = [adjoint]
    if w == "W1":
        w1 = lambda s, *n: py("w1_scalar_chain.py", "--systems", s, "--budget", a.w1_budget,  # noqa: E731
                              "--n", *(n or (10_000, N_BIG)))
        jobs.append(Job("swift-peers", [a.w1_swift_bin, "10000", str(N_BIG)]))
        for s in ("python-float-hand-adjoint", "micrograd-gcoff", "jax-jit-fori", "jax-jit-fori-forward"):
            jobs.append(Job(s, w1(s)))
        for s in ("micrograd", "torch-eager", "autograd"):  # 20-30 s per call at N = 1e6
            jobs.append(Job(s, w1(s), slow=True))
        if a.jax_eager:  # ~0.3 ms per op: N = 1e5 only, one short budget (several minutes anyway)
            jobs.append(Job("jax-eager", py("w1_scalar_chain.py", "--systems", "jax-eager", "--n", 100_000,
                                            "--budget", 1), slow=True))
    elif w == "W8":  # Adjoint's process also times the Swift plain and hand-adjoint floors, interleaved
        w8 = lambda s, *n: py("w8_cheap_scalar.py", "--systems", s, "--n", *(n or (100_000, N_BIG)))  # noqa: E731
        jobs.append(Job("swift-peers", [a.w8_swift_bin, str(N_BIG)]))
        for s in ("python-float-hand-adjoint", "jax-jit", "jax-jit-forward"):
            jobs.append(Job(s, w8(s)))
        jobs.append(Job("micrograd-gcoff", w8("micrograd-gcoff", 100_000)))  # N = 1e5 only (WORKLOADS.md)
        jobs.append(Job("torch-eager", w8("torch-eager", 100_000), slow=True))
    elif w == "W2":
        for s in ("numpy", "torch", "micrograd-gcoff"):
            jobs.append(Job(s, py("w2_moons.py", "--systems", s)))
        jobs.append(Job("micrograd", py("w2_moons.py", "--systems", "micrograd"), slow=True))  # ~2.5 min
    elif w in ("W3", "W4"):
        script = {"W3": "w3_digits.py", "W4": "w4_mnist_mlp.py"}[w]
        for system, threads in (("numpy", 1), ("numpy", 2), ("torch", 1), ("torch", 2), ("jax-jit", 0)):
            jobs.append(Job(f"{system}-f64-{threads}t" if threads else f"{system}-f64",
                            py(script, system, "float64", threads)))
    elif w == "W7":
        for system, threads in (("numpy", 1), ("numpy", 2), ("torch", 1), ("torch", 2), ("jax-jit", 0)):
            jobs.append(Job(f"{system}-f64-{threads}t" if threads else f"{system}-f64",
                            py("w7_cnn.py", system, "float64", max(threads, 1))))
    elif w == "W6":  # all four parts per process; JAX eager's pendulum runs 1,000 steps only (WORKLOADS.md)
        for family in ("jax-jit", "jax-eager", "torch", "hand"):
            jobs.append(Job(f"w6-{family}", py("w6_second_order.py", family)))
    elif w == "W5":
        for s in ("numpy", "torch"):
            jobs.append(Job(f"{s}-gemm", py("w5_gemm.py", "--systems", s, "--dtypes", "float64", "--sizes",
                                            *W5_SIZES, "--threads", 1, 2)))
    elif w == "LA":
        jobs.append(Job("numpy-linalg", py("w6_linalg.py", "--sizes", 256, 512)))
    elif w == "OPT":
        jobs.append(Job("scipy-lbfgsb", py("opt_minimize.py")))
    return jobs


def run_job(job, w, rnd, out, timeout):
    """Runs one process; appends its JSON lines (with job and round) to out/<w>.jsonl. Returns its summary."""
    info = {"workload": w, "job": job.name, "round": rnd, "cmd": job.cmd, "loadavg": loadavg()}
    if job.cmd is None or not shutil.which(job.cmd[0]):
        info.update(status="missing: no executable " + (job.cmd[0] if job.cmd else "(ADJOINT_BIN unset)"),
                    records=0)
        return info
    tmp = os.path.join(out, ".stdout.tmp")
    env = dict(os.environ, JAX_PLATFORMS="cpu")
    print(f"[{time.strftime('%H:%M:%S')}] {w} round {rnd}: {job.name}", file=sys.stderr, flush=True)
    with open(tmp, "w") as so, open(os.path.join(out, f"{w}.log"), "a") as log:
        log.write(f"== round {rnd} {job.name}: {' '.join(job.cmd)}\n")
        log.flush()
        t0 = time.monotonic()
        p = subprocess.Popen(job.cmd, stdout=so, stderr=log, env=env, cwd=ROOT)
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)  # wait4 gives this child's own peak RSS
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        info.update(seconds=round(time.monotonic() - t0, 2), rc=p.returncode, peak_rss_kb=usage.ru_maxrss)
    records, stray = [], []
    with open(tmp) as f:
        for line in f:
            try:
                rec = json.loads(line) if line.startswith("{") else None
            except ValueError:
                rec = None
            if isinstance(rec, dict) and "metric" in rec:
                rec.update(job=job.name, round=rnd)
                records.append(rec)
            elif line.strip():
                stray.append(line)
    os.remove(tmp)
    with open(os.path.join(out, f"{w}.jsonl"), "a") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    if stray:
        with open(os.path.join(out, f"{w}.log"), "a") as log:
            log.writelines(["(stdout) " + s for s in stray])
    info["records"] = len(records)
    info["status"] = ("timeout" if p.returncode == -9 else f"exit {p.returncode}" if p.returncode
                      else "no JSON lines" if not records else "ok")
    return info


def measure(a):
    out = os.path.join(HERE, "results", a.tag) if a.tag else os.path.join(
        HERE, "results", "local", datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    if glob.glob(os.path.join(out, "*.jsonl")):
        sys.exit(f"{out} already holds results; choose another --tag")
    os.makedirs(out, exist_ok=True)
    meta = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "argv": sys.argv[1:],
            "adjoint_cmd": a.adjoint_cmd, "adjoint_build_flags": os.environ.get("ADJOINT_BUILD_FLAGS", ""),
            "git": git_describe(), "host": platform.node(), "nproc": os.cpu_count(), "cpu": cpu_model(),
            "loadavg_start": loadavg()}
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    with open(os.path.join(out, "env.json"), "w") as f:  # package versions, BLAS kernel (peer side)
        subprocess.run([a.python, os.path.join(PEERS, "py", "env_info.py")], stdout=f, stderr=subprocess.DEVNULL)
    if "W7" in a.workloads:
        ensure_w7_data(a)
    t_start = time.monotonic()
    for w in a.workloads:
        for rnd in range(1, a.rounds + 1):
            jobs = [j for j in jobs_for(w, a) if not (j.slow and (a.skip_slow or rnd > a.slow_rounds))]
            if a.no_adjoint:
                jobs = [j for j in jobs if not j.adjoint]
            for job in (jobs if rnd % 2 else jobs[::-1]):
                info = run_job(job, w, rnd, out, a.timeout)
                with open(os.path.join(out, "processes.jsonl"), "a") as f:
                    f.write(json.dumps(info) + "\n")
                if info["status"] != "ok":
                    print(f"!! {w} round {rnd} {job.name}: {info['status']}", file=sys.stderr, flush=True)
    meta["loadavg_end"] = loadavg()
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(f"measured in {(time.monotonic() - t_start) / 60:.1f} min: {out}", file=sys.stderr)
    return out


def ensure_w7_data(a):
    """W7 reads raw binary inputs that are regenerated, not committed: write them when any is missing."""
    data = os.path.join(PEERS, "data")
    if all(os.path.exists(os.path.join(data, f)) for f in W7_FILES):
        return
    print("== make_data.py w7 (W7's inputs are regenerated, not committed)", file=sys.stderr, flush=True)
    subprocess.run([a.python, os.path.join(PEERS, "py", "make_data.py"), "w7"], stdout=sys.stderr, check=True)


def git_describe():
    try:
        return subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True,
                              text=True).stdout.strip()
    except OSError:
        return None


def loadavg():
    """The 1-minute load average: above ~0.5 on this 2-vCPU machine, something else is running."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError):
        return None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), None)
    except OSError:
        return None


# ------------------------------------------------------------------------------------------------ the report
def fmt(v, spec=None):
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    if spec:
        return spec % v
    a = abs(v)
    return (f"{v:,.0f}" if a >= 1000 else f"{v:.0f}" if a >= 100 else f"{v:.1f}" if a >= 10 else
            f"{v:.2f}" if a >= 1 else f"{v:.3f}" if a >= 0.01 else f"{v:.3g}")


def nthreads(threads, system):
    """1 or 2: the threads field ("xla-default" = both cores), else a "2thread" in the system's name."""
    if str(threads).isdigit() and int(threads) > 0:
        return int(threads)
    if "2thread" in system or threads == "xla-default":
        return 2
    return 1


class Results:
    """All records of one results folder, grouped into series: one value per round."""

    def __init__(self, folder):
        self.folder = folder
        self.procs = load_jsonl(os.path.join(folder, "processes.jsonl"))
        self.rss = {(p["workload"], p["job"], p["round"]): p.get("peak_rss_kb") for p in self.procs}
        self.series = {}  # key -> {round: record}
        self.notes = []
        # every workload's file (W1…W7, LA, OPT), not processes.jsonl
        for path in sorted(p for p in glob.glob(os.path.join(folder, "*.jsonl")) if not p.endswith("processes.jsonl")):
            for r in load_jsonl(path):
                w = str(r.get("workload", "")).split("-")[0]
                if w.startswith("W6"):  # W6a-hessian … W6d-pendulum: one table, the part named in the metric
                    r = dict(r, metric=f"{r['workload']} {r['metric']}")
                    w = "W6"
                if w == "W8" and r.get("loop"):  # affine and dot: one table, the loop named in the metric
                    r = dict(r, metric=f"{r['loop']} {r['metric']}")
                if w == "OPT" and "problem" in r:  # one table, the problem named in the metric
                    r = dict(r, metric=f"{r['problem']} {r['metric']}")
                if r["metric"] in ("skipped", "error"):
                    self.notes.append(f"{w} {r['system']} n={r.get('n')}: {r['metric']} "
                                      f"{r.get('note') or r.get('error') or ''}")
                    continue
                if not isinstance(r.get("value"), (int, float)):
                    continue
                system = r["system"]
                if r["job"] == "adjoint" and not system.startswith("adjoint"):
                    system += " (in adjoint process)"  # e.g. swift-plain-forward, the W1 floor
                key = (w, system, r.get("dtype"), r.get("threads"), r["metric"], r.get("n"))
                self.series.setdefault(key, {})[r["round"]] = r

    def value(self, key):
        rounds = self.series.get(key)
        return statistics.median(r["value"] for r in rounds.values()) if rounds else None

    def field(self, key, name):
        """The median over rounds of a numeric field of the series' records (e.g. W7's loss_step39)."""
        vals = [r.get(name) for r in self.series.get(key, {}).values() if isinstance(r.get(name), (int, float))]
        if vals:
            return statistics.median(vals)
        words = [r.get(name) for r in self.series.get(key, {}).values() if isinstance(r.get(name), str)]
        return words[0] if words else None  # a text field (OPT's stop reason): the first round's

    def spread(self, key):
        vals = [r["value"] for r in self.series.get(key, {}).values()]
        if len(vals) < 2 or min(vals) <= 0:
            return "–"
        return f"{(max(vals) - min(vals)) / min(vals) * 100:.0f}%"

    def peak_rss_mb(self, key):
        kb = [self.rss.get((key[0], r["job"], r["round"])) for r in self.series.get(key, {}).values()]
        kb = [k for k in kb if k]
        return statistics.median(kb) / 1024 if kb else None

    def find(self, w, metric, system=None, adjoint=None, n=None, threads=None, dtype="float64"):
        """Series keys of workload w matching the filters (threads compared via nthreads)."""
        out = []
        for key in self.series:
            kw, ks, kd, kt, km, kn = key
            if kw != w or km != metric or (n is not None and kn != n):
                continue
            if system is not None and ks != system:
                continue
            if adjoint is not None and ks.startswith("adjoint") != adjoint:
                continue
            if dtype is not None and kd not in (dtype, None, "-"):
                continue
            if threads is not None and nthreads(kt, ks) != threads:
                continue
            out.append(key)
        return sorted(out, key=str)

    def adjoint(self, w, metric, n=None, threads=1, prefer=("adjoint",)):
        """The Adjoint series a peer is compared with: by name preference, then the first one."""
        keys = self.find(w, metric, adjoint=True, n=n, threads=threads)
        for name in prefer:
            for k in keys:
                if k[1] == name:
                    return k
        return keys[0] if keys and prefer == ("adjoint",) else None

    def peer(self, w, system, metric, n=None, threads=1):
        keys = self.find(w, metric, system=system, n=n, threads=threads)
        return keys[0] if keys else None


def load_jsonl(path):
    out = []
    if os.path.exists(path):
        with open(path) as f:
            out = [json.loads(l) for l in f if l.startswith("{")]
    return out


# Per workload: the timed metrics, whether higher is better, and the per-system columns shown beside them.
SPECS = {
    "W1": (["grad_ns_per_op", "fwd_ns_per_op"], False, []),
    "W2": (["step_ms"], False, [("loss_step99", "loss at step 99", "%.15g"), ("final_accuracy", "final acc", None)]),
    "W3": (["epoch_ms"], False, [("final_test_accuracy", "test acc", "%.4f"),
                                 ("final_train_loss", "final train loss", "%.11g")]),
    "W4": (["step_ms"], False, []),
    "W5": (["gflops"], True, []),
    "W7": (["step_ms"], False, [("gflops", "GFLOP/s", "%.2f"), ("loss_step39", "loss at step 39", "%.13g")]),
    "LA": (["solve_ms", "cholesky_ms"], False, []),
    "W8": (["affine grad_ns_per_op", "affine fwd_ns_per_op", "dot grad_ns_per_op", "dot fwd_ns_per_op"], False,
           [("create_ms", "create ms", "%.1f"), ("loop_ms", "loop ms", "%.1f"), ("backward_ms", "backward ms", "%.1f"),
            ("read_ms", "read ms", "%.1f")]),
    "OPT": ([f"{p} time_ms" for p in OPT_PROBLEMS], False,
            [("iterations", "iterations", "%d"), ("evaluations", "evaluations", "%d"),
             ("gradient_norm", "final ‖∇f‖∞", "%.2e"), ("final_value", "final f", "%.12g"), ("reason", "stop", None)]),
    "W6": (["W6a-hessian hessian_ms", "W6b-hvp hvp_ms", "W6b-hvp grad_ms", "W6c-jacobian jacobian_ms",
            "W6c-jacobian newton_step_ms", "W6d-pendulum grad_ms"], False, []),
}
W6_ADJOINT = ("adjoint-hessian", "adjoint-hvp", "adjoint-value-and-grad", "adjoint-jacobian-reverse", "adjoint")
# Per W6 figure: (metric, torch.func peer, JAX eager peer, JAX jit peer)
W6_TARGETS = [
    ("W6a-hessian hessian_ms", "torch-func-hessian", "jax-eager-hessian", "jax-jit-hessian"),
    ("W6b-hvp hvp_ms", "torch-func-jvp-of-grad", "jax-eager-jvp-of-grad", "jax-jit-jvp-of-grad"),
    ("W6b-hvp grad_ms", "torch-backward", "jax-eager-value-and-grad", "jax-jit-value-and-grad"),
    ("W6c-jacobian jacobian_ms", "torch-func-jacrev", "jax-eager-jacrev", "jax-jit-jacrev"),
    ("W6c-jacobian newton_step_ms", "torch-func-jacrev", "jax-eager-jacrev", "jax-jit-jacrev"),
    ("W6d-pendulum grad_ms", "torch-eager", "jax-eager", "jax-jit-fori"),
]


def reference(R, key):
    """The Adjoint series that `key` (a peer) is compared with, or None."""
    w, system, _, threads, metric, n = key
    if w == "W1":
        return R.adjoint(w, "grad_ns_per_op", n=n) if metric == "grad_ns_per_op" else None
    if w == "W2":
        prefer = ("adjoint-scalar",) if system.startswith("micrograd") else ("adjoint-tensor", "adjoint")
        return R.adjoint(w, metric, prefer=prefer)
    if w == "W6":
        return R.adjoint(w, metric, threads=None, prefer=W6_ADJOINT)
    if w == "W8":  # W8's definition: x active, y plain numbers
        return R.adjoint(w, metric.replace("fwd_", "grad_"), n=n, threads=None) if "grad" in metric else None
    want = nthreads(threads, system)
    return R.adjoint(w, metric, n=n, threads=want) or R.adjoint(w, metric, n=n, threads=1)


def workload_table(R, w):
    metrics, higher_better, extras = SPECS[w]
    keys = [k for m in metrics for k in R.find(w, m, dtype=None)]
    if not keys:
        return []
    # By N, metric, then Adjoint's series first, then system and threads.
    keys.sort(key=lambda k: (k[5] or 0, metrics.index(k[4]), not k[1].startswith("adjoint"), k[1], str(k[3])))
    # W1's floor: plain Swift forward from Adjoint's own process, else from the Swift peer binary.
    floor = lambda n: (R.find("W1", "fwd_ns_per_op", system="swift-plain-forward (in adjoint process)", n=n) or  # noqa
                       R.find("W1", "fwd_ns_per_op", system="swift-plain-forward", n=n))
    head = ["system", "dtype", "threads"] + (["N" if w in ("W1", "W8") else "n"] if w in ("W1", "W5", "W8", "LA")
                                             else []) + \
        ["metric", "median", "spread", "Adjoint speed-up"] + (["× floor"] if w == "W1" else []) + \
        [e[1] for e in extras] + (["JAX compile s", "max rel diff"] if w == "W6" else []) + ["peak RSS MB"]
    rows = []
    for k in keys:
        v = R.value(k)
        ref = None if k[1].startswith("adjoint") else reference(R, k)
        speedup = None
        if ref and ref != k and R.value(ref):
            speedup = R.value(ref) / v if higher_better else v / R.value(ref)
        row = [k[1], str(k[2]), str(k[3])] + ([f"{k[5]:,}" if k[5] else "–"] if w in ("W1", "W5", "W8", "LA")
                                              else [])
        row += [f"{k[4]} ({next(iter(R.series[k].values())).get('unit', '')})", fmt(v), R.spread(k),
                fmt(speedup) + (f" (vs {ref[1]})" if speedup and w == "W2" else "")]
        if w == "W1":
            fl = floor(k[5])
            row.append(fmt(v / R.value(fl[0])) if fl and R.value(fl[0]) else "–")
        for metric, _, spec in extras:
            ek = (k[0], k[1], k[2], k[3], metric, k[5])
            row.append(fmt(R.value(ek), spec) if ek in R.series else fmt(R.field(k, metric), spec))
        if w == "W6":
            first = next(iter(R.series[k].values()))
            diff = first.get("max_rel_diff_vs_closed_form", first.get("max_rel_diff_vs_reference"))
            row += [fmt(first.get("compile_s")), fmt(diff, "%.1e")]
        row.append(fmt(R.peak_rss_mb(k)))
        rows.append(row)
    return [md_table(head, rows)]


def md_table(head, rows):
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def targets(R, workloads):
    """(target, measured, required, PASS/FAIL/MISSING) rows of the speed issue's targets."""
    rows = []

    def add(name, measured, required, ok, missing=None):
        status = "MISSING" if missing else ("PASS" if ok else "FAIL")
        rows.append([name, missing or measured, required, f"**{status}**"])

    def cmp_time(name, a_key, p_key, factor, peer_label, required):
        """Passes when peer time / Adjoint time >= factor (> 1 when factor is 1)."""
        a, p = R.value(a_key) if a_key else None, R.value(p_key) if p_key else None
        miss = None if a and p else f"missing: {'Adjoint' if not a else peer_label}"
        ratio = p / a if a and p else None
        add(name, f"{fmt(a)} vs {fmt(p)} ({peer_label}): peer ÷ Adjoint = {fmt(ratio)}", required,
            ratio is not None and (ratio > 1 if factor == 1 else ratio >= factor), miss)

    if "W1" in workloads:
        a = R.adjoint("W1", "grad_ns_per_op", n=N_BIG)
        fl = R.find("W1", "fwd_ns_per_op", system="swift-plain-forward (in adjoint process)", n=N_BIG)
        # the same process: the ratio per round, then the median over rounds
        ratios = [R.series[a][r]["value"] / R.series[fl[0]][r]["value"]
                  for r in R.series[a] if r in R.series[fl[0]]] if a and fl else []
        ratio = statistics.median(ratios) if ratios else None
        add("W1 Adjoint grad ÷ swift-plain-forward (same process), N = 1e6",
            f"{fmt(ratio)} ({fmt(R.value(a))} / {fmt(R.value(fl[0]))} ns/op)" if ratio else "", "≤ 2.5",
            ratio is not None and ratio <= 2.5, None if ratio else "missing: " + ("Adjoint" if not a else "floor"))
        cmp_time("W1 Adjoint grad < Swift _Differentiation, N = 1e6 (ns/op)", a,
                 R.peer("W1", "swift-differentiation", "grad_ns_per_op", n=N_BIG), 1, "swift-differentiation",
                 "peer ÷ Adjoint > 1")
    if "W1" in workloads:  # issue 12's W1 targets
        a = R.adjoint("W1", "grad_ns_per_op", n=N_BIG)
        fl = R.find("W1", "fwd_ns_per_op", system="swift-plain-forward (in adjoint process)", n=N_BIG)
        ratios = [R.series[a][r]["value"] / R.series[fl[0]][r]["value"]
                  for r in R.series[a] if r in R.series[fl[0]]] if a and fl else []
        ratio = statistics.median(ratios) if ratios else None
        add("W1 (issue 12) Adjoint grad ÷ swift-plain-forward (same process), N = 1e6", fmt(ratio), "≤ 1.2",
            ratio is not None and ratio <= 1.2, None if ratio else "missing")
        cmp_time("W1 (issue 12) Adjoint grad < JAX jit, N = 1e6 (ns/op)", a,
                 R.peer("W1", "jax-jit-fori", "grad_ns_per_op", n=N_BIG, threads=2), 1, "jax-jit-fori",
                 "peer ÷ Adjoint > 1")
    if "W8" in workloads:
        for loop, system, limit in (("affine", "adjoint", 5.0), ("dot", "adjoint", 6.0),
                                    ("dot", "adjoint-both-active", 6.0)):
            keys = R.find("W8", f"{loop} grad_ns_per_op", system=system, n=N_BIG, threads=None)
            v = R.value(keys[0]) if keys else None
            add(f"W8 {loop} {system}, N = 1e6, inputs created and every gradient read (ns/op)", fmt(v),
                f"≤ {limit:g}", v is not None and v <= limit, None if v else "missing")
            jax = R.find("W8", f"{loop} grad_ns_per_op", system="jax-jit", n=N_BIG, threads=None)
            if system == "adjoint":
                cmp_time(f"W8 {loop} Adjoint < JAX jit, N = 1e6 (ns/op)", keys[0] if keys else None,
                         jax[0] if jax else None, 1, "jax-jit", "peer ÷ Adjoint > 1")
    if "W2" in workloads:
        tensor = R.adjoint("W2", "step_ms", prefer=("adjoint-tensor", "adjoint"))
        scalar = R.adjoint("W2", "step_ms", prefer=("adjoint-scalar",))
        cmp_time("W2 Adjoint tensor < numpy (ms/step)", tensor, R.peer("W2", "numpy", "step_ms"), 1, "numpy",
                 "peer ÷ Adjoint > 1")
        for mg in ("micrograd-gcoff", "micrograd"):
            cmp_time(f"W2 Adjoint scalar ≥ 50× faster than {mg} (ms/step)", scalar, R.peer("W2", mg, "step_ms"),
                     50, mg, "peer ÷ Adjoint ≥ 50")
        cmp_time("W2 (issue 12) Adjoint scalar ≥ 100× faster than micrograd-gcoff (ms/step)", scalar,
                 R.peer("W2", "micrograd-gcoff", "step_ms"), 100, "micrograd-gcoff", "peer ÷ Adjoint ≥ 100")
    if "W3" in workloads:
        a = R.adjoint("W3", "epoch_ms")
        for p in ("numpy", "torch"):
            cmp_time(f"W3 Adjoint < {p} float64 1 thread (ms/epoch)", a, R.peer("W3", p, "epoch_ms"), 1,
                     f"{p} f64 1t", "peer ÷ Adjoint > 1")
        acc_key = R.adjoint("W3", "final_test_accuracy")
        acc_np = R.value(R.peer("W3", "numpy", "final_test_accuracy"))
        acc = R.value(acc_key) if acc_key else None
        add("W3 final test accuracy equal (Adjoint, numpy, 0.9806)", f"{fmt(acc, '%.4f')} vs numpy "
            f"{fmt(acc_np, '%.4f')}", "= 0.9806", acc is not None and acc_np is not None and
            round(acc, 4) == round(acc_np, 4) == W3_ACCURACY, None if acc is not None and acc_np is not None
            else "missing")
        lk = R.adjoint("W3", "final_train_loss")
        la, ln = (R.value(lk) if lk else None), R.value(R.peer("W3", "numpy", "final_train_loss"))
        rel = abs(la - ln) / abs(ln) if la is not None and ln else None
        add("W3 final train loss agrees with numpy float64", f"{fmt(la, '%.12g')} vs {fmt(ln, '%.12g')}: "
            f"rel diff {fmt(rel, '%.2g')}", "≤ 1e-9 relative", rel is not None and rel <= 1e-9,
            None if rel is not None else "missing")
    if "W4" in workloads:
        a = R.adjoint("W4", "step_ms")
        cmp_time("W4 Adjoint ≤ 1.2 × numpy float64 1 thread (ms/step)", a, R.peer("W4", "numpy", "step_ms"),
                 1 / 1.2, "numpy f64 1t", "Adjoint ≤ 1.2 × peer, i.e. peer ÷ Adjoint ≥ 0.833")
        cmp_time("W4 Adjoint < torch float64 1 thread (ms/step)", a, R.peer("W4", "torch", "step_ms"), 1,
                 "torch f64 1t", "peer ÷ Adjoint > 1")
        t = R.peer("W4", "torch", "step_ms")
        ma, mt = (R.peak_rss_mb(a) if a else None), (R.peak_rss_mb(t) if t else None)
        add("W4 peak RSS: Adjoint process ≤ torch float64 1-thread process (MB)", f"{fmt(ma)} vs {fmt(mt)}",
            "Adjoint ≤ torch", ma is not None and mt is not None and ma <= mt,
            None if ma and mt else "missing")
    if "W7" in workloads:
        for threads in (1, 2):
            cmp_time(f"W7 Adjoint < torch float64 {threads} thread{'s' if threads > 1 else ''} (ms/step)",
                     R.adjoint("W7", "step_ms", threads=threads), R.peer("W7", "torch", "step_ms", threads=threads),
                     1, f"torch f64 {threads}t", "peer ÷ Adjoint > 1")
    if "W5" in workloads:
        # Issue 12: at least OpenBLAS on one thread for n = 128-1024; two threads >= 1.8x one from n = 256.
        for n in (128, 256, 512, 1024):
            a1, a2 = R.adjoint("W5", "gflops", n=n, threads=1), R.adjoint("W5", "gflops", n=n, threads=2)
            p1 = R.peer("W5", "numpy-openblas", "gflops", n=n, threads=1)
            va1, va2, vp1 = (R.value(k) if k else None for k in (a1, a2, p1))
            add(f"W5 n={n}: Adjoint 1 thread ≥ numpy 1 thread (GFLOP/s)",
                f"{fmt(va1)} vs {fmt(vp1)}: {fmt(va1 / vp1 if va1 and vp1 else None)}×", "≥ 1×",
                va1 and vp1 and va1 >= vp1, None if va1 and vp1 else
                "missing: " + ("Adjoint 1 thread" if not va1 else "numpy 1 thread"))
            if n < 256:
                continue
            add(f"W5 n={n}: Adjoint 2 threads ≥ 1.8 × Adjoint 1 thread (GFLOP/s)",
                f"{fmt(va2)} vs {fmt(va1)}: {fmt(va2 / va1 if va1 and va2 else None)}×", "≥ 1.8×",
                va1 and va2 and va2 >= 1.8 * va1, None if va1 and va2 else
                "missing: Adjoint " + ("1 thread" if not va1 else "2 threads"))
    if "LA" in workloads:
        for n in (256, 512):
            for metric, op in (("solve_ms", "solve"), ("cholesky_ms", "cholesky")):
                cmp_time(f"LA n={n}: Adjoint {op} ≤ 2 × numpy 1 thread (ms)", R.adjoint("LA", metric, n=n),
                         R.peer("LA", "numpy-openblas", metric, n=n), 0.5, "numpy 1t",
                         "Adjoint ≤ 2 × peer, i.e. peer ÷ Adjoint ≥ 0.5")
    if "W6" in workloads:
        for metric, torch_func, jax_eager, jax_jit in W6_TARGETS:
            a = R.adjoint("W6", metric, threads=None, prefer=W6_ADJOINT)
            label = metric.replace("W6a-", "").replace("W6b-", "").replace("W6c-", "").replace("W6d-", "")
            cmp_time(f"W6 {label}: Adjoint < {torch_func}", a, R.peer("W6", torch_func, metric, threads=None), 1,
                     torch_func, "peer ÷ Adjoint > 1")
            if jax_eager == "jax-eager":  # the pendulum: JAX eager runs 1,000 steps, Adjoint 10,000 — per step
                pk = R.peer("W6", jax_eager, metric, threads=None)
                av, pv = (R.value(a) if a else None), (R.value(pk) if pk else None)
                steps = lambda k: next(iter(R.series[k].values())).get("steps") or 1  # noqa: E731
                ratio = (pv / steps(pk)) / (av / steps(a)) if av and pv else None
                add(f"W6 {label}: Adjoint < jax-eager (per step)", f"{fmt(av)} ms / {steps(a) if a else '?'} steps vs "
                    f"{fmt(pv)} ms / {steps(pk) if pk else '?'} steps: peer ÷ Adjoint = {fmt(ratio)}",
                    "peer ÷ Adjoint > 1", ratio is not None and ratio > 1, None if ratio else "missing")
            else:
                cmp_time(f"W6 {label}: Adjoint < {jax_eager}", a, R.peer("W6", jax_eager, metric, threads=None), 1,
                         jax_eager, "peer ÷ Adjoint > 1")
            cmp_time(f"W6 {label}: Adjoint ≤ 2 × {jax_jit} (compile time not counted)", a,
                     R.peer("W6", jax_jit, metric, threads=None), 0.5, jax_jit, "peer ÷ Adjoint ≥ 0.5")
    return rows


def checks(R, workloads):
    """Correctness checks that are not speed targets: Adjoint's numbers against the reference values."""
    rows = []
    if "W1" in workloads:
        for n, g in W1_REF_GRAD.items():
            for k in R.find("W1", "grad_ns_per_op", adjoint=True, n=n):
                got = next(iter(R.series[k].values())).get("grad")
                rel = abs(got - g) / g if isinstance(got, (int, float)) else None
                rows.append([f"W1 {k[1]} df/dx, N = {n:,}", fmt(rel, "%.2g"), "≤ 1e-12 relative to WORKLOADS.md",
                             "**MISSING**" if rel is None else "**PASS**" if rel <= 1e-12 else "**FAIL**"])
    if "W2" in workloads:
        ref = R.value(R.peer("W2", "numpy", "final_loss"))
        for k in R.find("W2", "final_loss", adjoint=True):
            rel = abs(R.value(k) - ref) / ref if ref else None
            rows.append([f"W2 {k[1]} final loss vs numpy", fmt(rel, "%.2g"), "≤ 1e-12 relative",
                         "**MISSING**" if rel is None else "**PASS**" if rel <= 1e-12 else "**FAIL**"])
    if "W7" in workloads:
        for k in R.find("W7", "step_ms", dtype=None):
            got = R.field(k, "loss_step39")
            rel = abs(got - W7_LOSS_STEP39) / W7_LOSS_STEP39 if isinstance(got, (int, float)) else None
            rows.append([f"W7 {k[1]} ({k[3]} thread) loss at step 39 vs {W7_LOSS_STEP39}", fmt(rel, "%.2g"),
                         "≤ 1e-9 relative (WORKLOADS.md)",
                         "**MISSING**" if rel is None else "**PASS**" if rel <= 1e-9 else "**FAIL**"])
    if "OPT" in workloads:
        for p in OPT_PROBLEMS:
            a, s = R.adjoint("OPT", f"{p} time_ms"), R.peer("OPT", "scipy-lbfgsb", f"{p} time_ms")
            fa, fs = (R.field(k, "final_value") if k else None for k in (a, s))
            ia, is_ = (R.field(k, "iterations") if k else None for k in (a, s))
            ok = None if None in (fa, fs, ia, is_) else abs(fa - fs) <= 1e-8 * max(1, abs(fs)) and ia <= 2 * is_
            rows.append([f"OPT {p}: Adjoint L-BFGS f and iterations vs SciPy L-BFGS-B",
                         f"f {fmt(fa, '%.12g')} vs {fmt(fs, '%.12g')}, iterations {fmt(ia, '%d')} vs {fmt(is_, '%d')}",
                         "|Δf| ≤ 1e-8·max(1, |f|), iterations ≤ 2 × SciPy's",
                         "**MISSING**" if ok is None else "**PASS**" if ok else "**FAIL**"])
    if "W6" in workloads:
        for k in sorted(k for k in R.series if k[0] == "W6" and k[1].startswith("adjoint")):
            rel = next(iter(R.series[k].values())).get("max_rel_diff_vs_reference")
            rows.append([f"W6 {k[1]} {k[4]} vs WORKLOADS.md reference values", fmt(rel, "%.2g"), "≤ 1e-12",
                         "**MISSING**" if rel is None else "**PASS**" if rel <= 1e-12 else "**FAIL**"])
    return rows


def report(folder):
    R = Results(folder)
    meta = _load_json(os.path.join(folder, "meta.json"))
    env = _load_json(os.path.join(folder, "env.json"))
    workloads = sorted({p["workload"] for p in R.procs})
    rounds = max((p["round"] for p in R.procs), default=0)
    loads = [p["loadavg"] for p in R.procs if p.get("loadavg") is not None]
    max_load = max(loads) if loads else "?"
    out = [f"# Adjoint vs peers: {os.path.relpath(folder, HERE)}", "",
           f"{meta.get('date', '?')}, git {meta.get('git', '?')}, Adjoint `{meta.get('adjoint_cmd')}`, "
           f"ADJOINT_BUILD_FLAGS='"
           f"{meta.get('adjoint_build_flags', '')}', {rounds} round(s), {meta.get('nproc', '?')} CPUs "
           f"({meta.get('cpu', '?')}), 1-min load average {meta.get('loadavg_start', '?')} at the start, "
           f"{meta.get('loadavg_end', '?')} at the end, at most {max_load} when a process started; peers: " + ", ".join(f"{p} {v}" for p, v in env.get("packages", {}).items()
                                                           if p in ("numpy", "torch", "jax", "micrograd") and v),
           "",
           "How to read: *median* = median over rounds of each process's own median (after its warm-up); "
           "*spread* = (max − min) / min over rounds. **Adjoint speed-up = peer time ÷ Adjoint time** "
           "(for GFLOP/s: Adjoint ÷ peer), **> 1 means Adjoint is faster**; a peer is compared with Adjoint's "
           "1-thread row, 2-thread peers (and JAX's XLA default) with Adjoint's 2-thread row if there is one. "
           "W1 *× floor* = this row's ns/op ÷ `swift-plain-forward` measured inside Adjoint's process (lower is "
           "cheaper). Peak RSS = the whole process's (wait4 ru_maxrss; Python rows include the interpreter and "
           "the imported libraries)."]
    for w in workloads:
        out += ["", f"## {NAMES[w]}", ""]
        tab = workload_table(R, w)
        out += tab or ["(no measurements)"]
        bad = [p for p in R.procs if p["workload"] == w and p.get("status") != "ok"]
        if bad:
            out += [""] + [f"- round {p['round']} `{p['job']}`: **{p['status']}**" +
                           (f" — kept the {p['records']} lines it printed (may be partial)" if p.get("records")
                            else " — no rows from it") for p in bad]
    out += ["", "## Targets (from the speed issue)", "",
            md_table(["target", "measured (Adjoint vs peer, medians)", "required", "result"],
                     targets(R, workloads) or [["–", "–", "–", "–"]])]
    ch = checks(R, workloads)
    if ch:
        out += ["", "Correctness checks (not speed targets):", "",
                md_table(["check", "measured", "required", "result"], ch)]
    if R.notes:
        out += ["", "Notes from the peers:", ""] + [f"- {n}" for n in sorted(set(R.notes))]
    total = sum(p.get("seconds", 0) for p in R.procs)
    out += ["", f"{len(R.procs)} processes, {total / 60:.1f} min of measuring. Raw JSON lines: "
            f"`{os.path.relpath(folder, ROOT)}/W*.jsonl`; processes: `processes.jsonl`."]
    text = "\n".join(out) + "\n"
    with open(os.path.join(folder, "table.md"), "w") as f:
        f.write(text)
    return text


def _load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workloads", nargs="+", default=list(NAMES), choices=list(NAMES))
    ap.add_argument("--rounds", type=int, default=2, help="Adjoint/peers alternations per workload (default 2)")
    ap.add_argument("--tag", help="results go to Tests/Benchmarks/results/TAG (committable); default "
                                  "Tests/Benchmarks/results/local/<timestamp> (git-ignored)")
    ap.add_argument("--skip-slow", action="store_true", help="leave out micrograd with GC on (W1, W2), "
                                                             "torch eager and autograd (W1)")
    ap.add_argument("--slow-rounds", type=int, default=1, help="run the slow peers in the first N rounds only "
                                                               "(default 1)")
    ap.add_argument("--jax-eager", action="store_true", help="also W1 JAX eager at N = 1e5 (minutes)")
    ap.add_argument("--no-adjoint", action="store_true", help="peers only")
    ap.add_argument("--w1-budget", type=float, default=4.0, help="seconds of timed calls per W1 Python peer and N")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a process is killed")
    ap.add_argument("--adjoint-cmd", default=os.environ.get("ADJOINT_BIN"),
                    help="Adjoint's executable (default $ADJOINT_BIN); run as CMD bench Wk")
    venv = os.environ.get("PEERS_VENV", os.path.expanduser("~/.cache/adjoint-peers-venv"))
    ap.add_argument("--python", default=os.path.join(venv, "bin", "python"), help="the peers' venv python")
    ap.add_argument("--w8-swift-bin", default=os.environ.get("W8_SWIFT_BIN",
                                                            os.path.join(HERE, ".build-peers", "w8_cheap_scalar")))
    ap.add_argument("--w1-swift-bin", default=os.environ.get("W1_SWIFT_BIN",
                                                             os.path.join(HERE, ".build-peers", "w1_scalar_chain")))
    ap.add_argument("--report", metavar="DIR", help="only print the table of an existing results folder")
    a = ap.parse_args()
    folder = a.report or measure(a)
    sys.stdout.write(report(folder))


if __name__ == "__main__":
    main()
