/* The portable family's matrix-vector loops for gemv.c: accumulators of two lanes in GCC's and clang's vector
   extension, which lower to whatever the baseline ISA has (SSE2 on x86_64, NEON on arm64). No FMA, so its sums
   may differ from the AVX2/AVX-512 loops' in the last bits. Rows four at a time (four load streams in flight, x
   read once for the four), columns four at a time (a quarter of the loads and stores of the sums). */
#include <string.h>
#include "gemm_internal.h"

typedef double lanes2 __attribute__((vector_size(16)));

static inline lanes2 load2(const double *p) {
  lanes2 v;
  memcpy(&v, p, sizeof v);
  return v;
}

/* Σ_p row[p] * x[p] for contiguous row and x. */
static double dot(const double *row, const double *x, ptrdiff_t k) {
  lanes2 s0 = {0, 0}, s1 = {0, 0}, s2 = {0, 0}, s3 = {0, 0};
  ptrdiff_t p = 0;
  for (; p + 8 <= k; p += 8) {
    s0 += load2(row + p) * load2(x + p);
    s1 += load2(row + p + 2) * load2(x + p + 2);
    s2 += load2(row + p + 4) * load2(x + p + 4);
    s3 += load2(row + p + 6) * load2(x + p + 6);
  }
  lanes2 s = (s0 + s1) + (s2 + s3);
  double sum = s[0] + s[1];
  for (; p < k; p++) sum += row[p] * x[p];
  return sum;
}

/* The dot products of four rows (row r at rows + r * stride) with x. */
static void dot4(const double *rows, ptrdiff_t stride, const double *x, ptrdiff_t k, double *out) {
  const double *r0 = rows, *r1 = rows + stride, *r2 = rows + 2 * stride, *r3 = rows + 3 * stride;
  lanes2 a0 = {0, 0}, a1 = {0, 0}, b0 = {0, 0}, b1 = {0, 0}, c0 = {0, 0}, c1 = {0, 0}, e0 = {0, 0}, e1 = {0, 0};
  ptrdiff_t p = 0;
  for (; p + 4 <= k; p += 4) {
    lanes2 x0 = load2(x + p), x1 = load2(x + p + 2);
    a0 += load2(r0 + p) * x0; a1 += load2(r0 + p + 2) * x1;
    b0 += load2(r1 + p) * x0; b1 += load2(r1 + p + 2) * x1;
    c0 += load2(r2 + p) * x0; c1 += load2(r2 + p + 2) * x1;
    e0 += load2(r3 + p) * x0; e1 += load2(r3 + p + 2) * x1;
  }
  lanes2 a = a0 + a1, b = b0 + b1, c = c0 + c1, e = e0 + e1;
  out[0] = a[0] + a[1]; out[1] = b[0] + b[1]; out[2] = c[0] + c[1]; out[3] = e[0] + e[1];
  for (; p < k; p++) {
    out[0] += r0[p] * x[p]; out[1] += r1[p] * x[p]; out[2] += r2[p] * x[p]; out[3] += r3[p] * x[p];
  }
}

static void portable_dot_rows(const double *rows, ptrdiff_t stride, ptrdiff_t count, const double *x, ptrdiff_t k,
                              double *out) {
  ptrdiff_t r = 0;
  for (; r + 4 <= count; r += 4) dot4(rows + r * stride, stride, x, k, out + r);
  for (; r < count; r++) out[r] = dot(rows + r * stride, x, k);
}

static void portable_add_scaled_columns(const double *columns, ptrdiff_t column_stride, ptrdiff_t m, ptrdiff_t k,
                                        double alpha, const double *x, ptrdiff_t incx, double *sums) {
  ptrdiff_t p = 0;
  for (; p + 4 <= k; p += 4) {
    double s0 = alpha * x[p * incx], s1 = alpha * x[(p + 1) * incx];
    double s2 = alpha * x[(p + 2) * incx], s3 = alpha * x[(p + 3) * incx];
    const double *c0 = columns + p * column_stride, *c1 = c0 + column_stride;
    const double *c2 = c1 + column_stride, *c3 = c2 + column_stride;
    for (ptrdiff_t i = 0; i < m; i++) sums[i] += (s0 * c0[i] + s1 * c1[i]) + (s2 * c2[i] + s3 * c3[i]);
  }
  for (; p < k; p++) {
    double scaled = alpha * x[p * incx];
    const double *c = columns + p * column_stride;
    for (ptrdiff_t i = 0; i < m; i++) sums[i] += scaled * c[i];
  }
}

const gemv_kernels gemv_kernels_portable = {.dot_rows = portable_dot_rows,
                                            .add_scaled_columns = portable_add_scaled_columns};
