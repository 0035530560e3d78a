// A minimal operator-overloading tape in the style of the fast C++ tapes (a statement per operation holding
// its result's gradient index and the end of its operations; an operation = a partial derivative and the
// index of the argument it multiplies; input variables get an index and no statement; a 16-byte active
// number), written for this project to measure what such a layout costs on this machine for W8's loops,
// one statement per primitive operation (no expression templates), as `adjoint bench W8` records them.
// It is a floor probe, not a library: only *, + and the affine loop's constants.
//
//   g++ -O2 -std=c++17 Tests/Benchmarks/peers/c/minimal_tape.cpp -o /tmp/minimal_tape && /tmp/minimal_tape [N]
//
// Prints ns per operation (one call's time / 2N, median of 15 calls after 2 warm-ups; the call creates the
// inputs, records, sweeps and reads every gradient, as W8 defines it) for affine, dot with x active, and dot
// with both vectors active, and checks the results against the closed forms.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Statement {
  int32_t result;  // gradient index of the result
  int32_t end;     // one past its last operation
};

struct Tape {
  std::vector<Statement> statements;
  std::vector<double> partials;
  std::vector<int32_t> arguments;
  std::vector<double> gradients;
  int32_t next = 0;

  void clear() {
    statements.clear();
    partials.clear();
    arguments.clear();
    next = 0;
  }
  int32_t operation1(double d, int32_t a) {
    partials.push_back(d);
    arguments.push_back(a);
    statements.push_back({next, int32_t(partials.size())});
    return next++;
  }
  int32_t operation2(double da, int32_t a, double db, int32_t b) {
    partials.push_back(da);
    arguments.push_back(a);
    partials.push_back(db);
    arguments.push_back(b);
    statements.push_back({next, int32_t(partials.size())});
    return next++;
  }
  void backward(int32_t output) {
    gradients.assign(size_t(next), 0.0);  // zeroes, reusing the capacity
    gradients[size_t(output)] = 1;
    int32_t begin = int32_t(partials.size());
    for (size_t s = statements.size(); s-- > 0;) {
      int32_t end = begin;
      begin = s > 0 ? statements[s - 1].end : 0;
      double a = gradients[size_t(statements[s].result)];
      if (a == 0) continue;
      for (int32_t k = begin; k < end; k++) gradients[size_t(arguments[size_t(k)])] += partials[size_t(k)] * a;
    }
  }
};

Tape tape;

struct Real {  // 16 bytes: the value and the gradient index
  double v;
  int32_t i;
};
Real input(double v) { return {v, tape.next++}; }
Real operator*(Real x, Real y) { return {x.v * y.v, tape.operation2(y.v, x.i, x.v, y.i)}; }
Real operator*(Real x, double c) { return {x.v * c, tape.operation1(c, x.i)}; }
Real operator+(Real x, Real y) { return {x.v + y.v, tape.operation2(1, x.i, 1, y.i)}; }
Real operator+(Real x, double c) { return {x.v + c, tape.operation1(1, x.i)}; }

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class F> double nsPerOperation(long n, F call) {
  std::vector<double> times;
  for (int r = 0; r < 17; r++) {
    double t0 = seconds();
    call();
    double t = seconds() - t0;
    if (r >= 2) times.push_back(t);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2] / double(2 * n) * 1e9;
}

}  // namespace

int main(int argc, char **argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 1000000;
  std::vector<double> xs(static_cast<size_t>(n)), ys(static_cast<size_t>(n));
  for (long i = 0; i < n; i++) {
    xs[size_t(i)] = double((i % 97) - 48) / 64;
    ys[size_t(i)] = double((i % 89) - 44) / 32;
  }
  double exact = 0;
  for (long i = 0; i < n; i++) exact += xs[size_t(i)] * ys[size_t(i)];
  bool ok = true;

  double affineValue = 0, affineGradient = 0;
  double affine = nsPerOperation(n, [&] {
    tape.clear();
    Real x = input(0.5), r = x;
    for (long k = 0; k < n; k++) r = r * 0.999999 + 1e-6;
    tape.backward(r.i);
    affineValue = r.v;
    affineGradient = tape.gradients[size_t(x.i)];
  });
  ok = ok && std::fabs(affineGradient - std::pow(0.999999, double(n))) <= 1e-9 * affineGradient;

  std::vector<Real> x(static_cast<size_t>(n)), y(static_cast<size_t>(n));
  std::vector<double> gx(static_cast<size_t>(n)), gy(static_cast<size_t>(n));
  double s1 = 0, s2 = 0;
  double dotX = nsPerOperation(n, [&] {
    tape.clear();
    for (long i = 0; i < n; i++) x[size_t(i)] = input(xs[size_t(i)]);
    Real s = {0, -1};
    s = x[0] * ys[0];
    for (long i = 1; i < n; i++) s = s + x[size_t(i)] * ys[size_t(i)];
    tape.backward(s.i);
    for (long i = 0; i < n; i++) gx[size_t(i)] = tape.gradients[size_t(x[size_t(i)].i)];
    s1 = s.v;
  });
  for (long i = 0; i < n; i++) ok = ok && gx[size_t(i)] == ys[size_t(i)];
  double dotBoth = nsPerOperation(n, [&] {
    tape.clear();
    for (long i = 0; i < n; i++) x[size_t(i)] = input(xs[size_t(i)]);
    for (long i = 0; i < n; i++) y[size_t(i)] = input(ys[size_t(i)]);
    Real s = x[0] * y[0];
    for (long i = 1; i < n; i++) s = s + x[size_t(i)] * y[size_t(i)];
    tape.backward(s.i);
    for (long i = 0; i < n; i++) gx[size_t(i)] = tape.gradients[size_t(x[size_t(i)].i)];
    for (long i = 0; i < n; i++) gy[size_t(i)] = tape.gradients[size_t(y[size_t(i)].i)];
    s2 = s.v;
  });
  for (long i = 0; i < n; i++) ok = ok && gx[size_t(i)] == ys[size_t(i)] && gy[size_t(i)] == xs[size_t(i)];
  ok = ok && s1 == exact && s2 == exact;
  std::printf("minimal C++ tape, N = %ld: affine %.2f ns/op, dot (x active) %.2f ns/op, dot (both active) %.2f ns/op; "
              "results %s (r = %.16g)\n", n, affine, dotX, dotBoth, ok ? "exact" : "WRONG", affineValue);
  return ok ? 0 : 1;
}
