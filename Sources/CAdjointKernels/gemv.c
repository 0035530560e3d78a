/* Matrix-vector products, the n == 1 and m == 1 cases of adjoint_dgemm: y = alpha * M x + beta * y.
   Packing a matrix into slivers pays when each element is used many times; in a matrix-vector product each
   is used once, so packing would double the memory traffic (the W6 gradient spent half its time packing).
   Here the matrix is streamed once: as dot products when its rows are contiguous, as a sum of scaled
   columns (axpy) when its columns are. Rows are taken four at a time (four streams of loads in flight, x
   read once for the four) and columns four at a time (a quarter of the loads and stores of the sums): 20 %
   faster than one at a time on a 2000 x 1000 matrix (Docs/MatrixProduct.md). Accumulators of two lanes in
   GCC's and clang's vector extension lower to whatever the baseline ISA has (SSE2 on x86_64, NEON on
   arm64), so the result does not depend on which GEMM family the machine picks. */
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

/* The dot products of four rows (row r at rows + r * stride) with x, each as `dot` computes it alone. */
static void dot4(const double *rows, ptrdiff_t stride, const double *x, ptrdiff_t k, double out[4]) {
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

/* y = alpha * M x + beta * y for an m x k view M, x of k elements (stride incx), y of m (stride incy).
   `scratch` holds k doubles when x is strided, and m when M's columns are contiguous (for the sums). */
void gemv_strided(gemm_matrix_view mat, ptrdiff_t m, ptrdiff_t k, double alpha, const double *x, ptrdiff_t incx,
                  double beta, double *y, ptrdiff_t incy, double *scratch) {
  if (mat.column_stride == 1) {
    const double *xs = x;
    if (incx != 1) {
      for (ptrdiff_t p = 0; p < k; p++) scratch[p] = x[p * incx];
      xs = scratch;
    }
    ptrdiff_t i = 0;
    for (; i + 4 <= m; i += 4) { /* four row streams at once: more loads in flight, x read once per four rows */
      double d[4];
      dot4(mat.base + i * mat.row_stride, mat.row_stride, xs, k, d);
      for (int r = 0; r < 4; r++) {
        double *yi = y + (i + r) * incy;
        *yi = beta == 0 ? alpha * d[r] : alpha * d[r] + beta * *yi;
      }
    }
    for (; i < m; i++) {
      double d = alpha * dot(mat.base + i * mat.row_stride, xs, k);
      double *yi = y + i * incy;
      *yi = beta == 0 ? d : d + beta * *yi;
    }
    return;
  }
  /* Columns contiguous (row_stride == 1) or neither: accumulate alpha * x[p] * column p into scratch. */
  for (ptrdiff_t i = 0; i < m; i++) scratch[i] = 0;
  ptrdiff_t p = 0;
  if (mat.row_stride == 1) { /* four columns per pass over the sums: a quarter of the loads and stores of y */
    for (; p + 4 <= k; p += 4) {
      double s0 = alpha * x[p * incx], s1 = alpha * x[(p + 1) * incx];
      double s2 = alpha * x[(p + 2) * incx], s3 = alpha * x[(p + 3) * incx];
      const double *c0 = mat.base + p * mat.column_stride, *c1 = c0 + mat.column_stride;
      const double *c2 = c1 + mat.column_stride, *c3 = c2 + mat.column_stride;
      for (ptrdiff_t i = 0; i < m; i++) scratch[i] += (s0 * c0[i] + s1 * c1[i]) + (s2 * c2[i] + s3 * c3[i]);
    }
  }
  for (; p < k; p++) {
    double scaled = alpha * x[p * incx]; /* no skip of zeros: 0 · ∞ gives NaN, as the packed product does */
    const double *column = mat.base + p * mat.column_stride;
    if (mat.row_stride == 1) {
      for (ptrdiff_t i = 0; i < m; i++) scratch[i] += scaled * column[i];
    } else {
      for (ptrdiff_t i = 0; i < m; i++) scratch[i] += scaled * column[i * mat.row_stride];
    }
  }
  for (ptrdiff_t i = 0; i < m; i++) {
    double *yi = y + i * incy;
    *yi = beta == 0 ? scratch[i] : scratch[i] + beta * *yi;
  }
}
