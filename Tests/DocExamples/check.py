#!/usr/bin/env python3
"""Compiles and runs every ```swift block of README.md and Docs/*.md as a user's main.swift, and checks the
output each block promises.

Conventions (Docs/README.md, "Examples in these guides"):
- Every ```swift block is a complete program, compiled in a package that depends on Adjoint. A block with no
  `import` line gets `import AdjointNN` (which re-exports Adjoint) prepended; a block with imports is used as
  written.
- `<!-- continued -->` on the line before a block appends it to the previous block's program, inside a
  `do { }` scope of its own: it sees what the blocks before it declared at top level (a helper, a model)
  and may declare its own `tape`, `x`, … again, as each section of a guide does. A continued block made only of
  declarations (`func`, `class`, `struct`, `enum`, `extension` at the left margin) is appended at top level
  instead, so that later blocks can use what it declares (a tutorial's layers).
- `<!-- partial -->` on the line before a block marks a deliberate fragment (a manifest excerpt, a signature):
  it is not compiled. Keep these the exception.
- `// prints: TEXT` after a statement promises a line of standard output. The program's output must contain
  the promised lines in order (other lines may come between them); `…` in TEXT matches any run of characters.
- `// traps: TEXT` promises that the program stops with a trap (a non-zero exit) and that standard error
  contains the line TEXT (same matching), for examples that show a programmer error's message.

How: one package (Tests/DocExamples) with one executable target per program, all built by ONE
`swift build -c release` (Adjoint is compiled once, and the build directory is kept between runs, so a second
run recompiles only the examples that changed). A target that fails to compile is named from the compiler's
errors, dropped, and the rest rebuilt, so one run reports every failure. Then each program runs, from its own
scratch directory, and its output is compared with its promises.

Usage: Tests/DocExamples/check.py [--show] [--clean] [PAGE.md ...]   (from anywhere; exits non-zero on any
failure). --show prints each program's output; --clean deletes the build directory first.
"""
import os, re, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SOURCES = os.path.join(HERE, "Sources")
SCRATCH = os.path.join(HERE, ".build", "run")
FENCE = re.compile(r"^```swift\s*$")
PRINTS = re.compile(r"//\s*prints:\s?(.*)$")
TRAPS = re.compile(r"//\s*traps:\s?(.*)$")
DECLARATION = re.compile(r"^(//|func |final class |class |struct |enum |extension |protocol |@|\}|\)|$)")
ERROR = re.compile(r"Sources/([A-Za-z0-9]+)/main\.swift:(\d+):\d+: error: (.*)$")


def blocks(path):
    """Yields (line number, marker, code) for each ```swift block of a Markdown file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            marker = ""
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if j >= 0:
                m = re.match(r"^<!--\s*(partial|continued)\s*-->$", lines[j].strip())
                if m:
                    marker = m.group(1)
            start = i + 1
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
            yield start + 1, marker, "\n".join(lines[start:i])
        i += 1


class Program:
    """One main.swift: a block, or a block and the blocks marked continued after it."""

    def __init__(self, page, line, code):
        self.page, self.line = page, line
        self.name = re.sub(r"[^A-Za-z0-9]", "", os.path.splitext(os.path.relpath(page, ROOT))[0].title()) + f"L{line}"
        self.blocks = 1
        self.prefix = [] if re.search(r"^\s*import\s+\w+", code, re.M) else ["import AdjointNN", ""]
        self.lines = []        # (text, page line or None)
        self.add(code, line)

    def add(self, code, line, scoped=False):
        if scoped:
            self.lines.append(("do {", None))
        self.lines += [(text, line + k) for k, text in enumerate(code.split("\n"))]
        if scoped:
            self.lines.append(("}", None))

    def source(self):
        return "\n".join(self.prefix + [t for t, _ in self.lines]) + "\n"

    def page_line(self, swift_line):
        """The page line of a main.swift line (1-based), for error messages."""
        k = swift_line - 1 - len(self.prefix)
        if 0 <= k < len(self.lines) and self.lines[k][1] is not None:
            return self.lines[k][1]
        return self.line

    def promised(self, kind=PRINTS):
        return [m.group(1).rstrip() for m in (kind.search(t) for t, _ in self.lines) if m]

    def where(self, line=None):
        return f"{os.path.relpath(self.page, ROOT)}:{line or self.line}"


def programs(pages):
    result = []
    for page in pages:
        for line, marker, code in blocks(page):
            if marker == "partial":
                continue
            if marker == "continued" and result and result[-1].page == page:
                declarations = all(DECLARATION.match(l) for l in code.split("\n") if not l[:1].isspace())
                result[-1].add(code, line, scoped=not declarations)
                result[-1].blocks += 1
                continue
            result.append(Program(page, line, code))
    return result


MANIFEST = """// swift-tools-version: 6.0
// Generated by check.py: the documentation's examples as a user's package, one executable per example,
// each depending on Adjoint exactly as a user's package does.
import PackageDescription

let package = Package(
  name: "DocExamples",
  dependencies: [.package(path: "Adjoint")],  // a link to the repository root, so that the package is named Adjoint
  targets: [
%s
  ]
)
"""


def write_if_changed(path, text):
    """Writes only changed files, so that the kept build recompiles only changed examples."""
    try:
        if open(path, encoding="utf-8").read() == text:
            return
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_package(progs):
    names = {p.name for p in progs}
    if os.path.isdir(SOURCES):
        for stale in set(os.listdir(SOURCES)) - names:
            shutil.rmtree(os.path.join(SOURCES, stale), ignore_errors=True)
    for p in progs:
        write_if_changed(os.path.join(SOURCES, p.name, "main.swift"), p.source())
    write_if_changed(os.path.join(HERE, "Package.swift"), MANIFEST % ",\n".join(
        f'    .executableTarget(name: "{p.name}", dependencies: [.product(name: "Adjoint", package: "Adjoint")])'
        for p in progs))


def swift_build(*extra):
    return subprocess.run(["swift", "build", "-c", "release", "--package-path", HERE, *extra],
                          capture_output=True, text=True)


def matches(expected, line):
    pattern = "^" + ".*".join(re.escape(part) for part in expected.split("…")) + "$"
    return re.match(pattern, line.rstrip()) is not None


def check_output(expected, output):
    """The first promised line not found in order, or None."""
    lines = output.split("\n")
    k = 0
    for e in expected:
        while k < len(lines) and not matches(e, lines[k]):
            k += 1
        if k == len(lines):
            return e
        k += 1
    return None


def build(progs, failures):
    """Builds every program; drops (and reports) those that do not compile. Returns the ones that built."""
    live = list(progs)
    while live:
        write_package(live)
        result = swift_build()
        if result.returncode == 0:
            return live
        by_name = {p.name: p for p in live}
        broken = {}
        for line in (result.stdout + result.stderr).split("\n"):
            m = ERROR.search(line)
            if m and m.group(1) in by_name and m.group(1) not in broken:
                p = by_name[m.group(1)]
                broken[p.name] = f"{p.where(p.page_line(int(m.group(2))))}: does not compile: {m.group(3).strip()}"
        if not broken:
            print(result.stdout[-4000:], result.stderr[-4000:])
            failures.append("the examples package failed to build")
            return []
        failures += broken.values()
        live = [p for p in live if p.name not in broken]
    return live


def main(argv):
    show = "--show" in argv
    if "--clean" in argv:
        shutil.rmtree(os.path.join(HERE, ".build"), ignore_errors=True)
    argv = [a for a in argv if not a.startswith("--")]
    pages = [os.path.abspath(p) for p in argv] or (
        [os.path.join(ROOT, "README.md")]
        + sorted(os.path.join(ROOT, "Docs", f) for f in os.listdir(os.path.join(ROOT, "Docs")) if f.endswith(".md")))
    started = time.time()
    progs = programs(pages)
    partial = sum(1 for p in pages for _, m, _ in blocks(p) if m == "partial")
    total_blocks = sum(p.blocks for p in progs)
    print(f"doc-examples: {total_blocks} blocks in {len(progs)} programs from {len(pages)} pages "
          f"({partial} blocks marked partial, not compiled)", flush=True)

    failures = []
    for p in progs:   # a promise spelled otherwise would silently go unchecked
        for text, line in p.lines:
            comment = text.split("//", 1)[1] if "//" in text else ""
            if re.search(r"\b(prints|traps):", comment) and not (PRINTS.search(text) or TRAPS.search(text)):
                failures.append(f"{p.where(line)}: a promise must read `// prints: TEXT` (or `// traps: TEXT`): {text.strip()}")
    built = build(progs, failures)
    compiled = sum(p.blocks for p in built)
    bin_dir = swift_build("--show-bin-path").stdout.strip() if built else ""
    ran = checked = 0
    for p in built:
        scratch = os.path.join(SCRATCH, p.name)
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        try:
            run = subprocess.run([os.path.join(bin_dir, p.name)], capture_output=True, text=True, timeout=120,
                                 cwd=scratch, stdin=subprocess.DEVNULL,
                                 env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
        except subprocess.TimeoutExpired:
            failures.append(f"{p.where()}: did not finish within 120 s")
            continue
        if show:
            print(f"--- {p.where()} ({p.name})\n{run.stdout}{run.stderr}", end="")
        traps = p.promised(TRAPS)
        if traps and run.returncode == 0:
            failures.append(f"{p.where()}: promised a trap, but exited normally")
            continue
        if run.returncode != 0 and not traps:
            failures.append(f"{p.where()}: exited {run.returncode}: {run.stderr.strip()[-300:]}")
            continue
        ran += p.blocks
        expected = p.promised()
        failed = False
        for promise, output, stream in ((expected, run.stdout, "printed"), (traps, run.stderr, "written to stderr")):
            missing = check_output(promise, output)
            if missing is not None:
                failures.append(f"{p.where()}: promised output not {stream} (in order): {missing!r}\n  it {stream}: "
                                + "\n  ".join(output.rstrip().split("\n")[-12:]))
                failed = True
        if not failed:
            checked += len(expected) + len(traps)
    for f in failures:
        print("doc-examples: FAIL " + f)
    print(f"doc-examples: {compiled} blocks compiled, {ran} ran, {checked} prints checked, {len(failures)} failed "
          f"({time.time() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
