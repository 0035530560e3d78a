/* Matrix-vector products, the n == 1 and m == 1 cases of adjoint_dgemm: y = alpha * M x + beta * y.
   Packing a matrix into slivers pays when each element is used many times; in a matrix-vector product each
   is used once, so packing would double the memory traffic (the W6 gradient spent half its time packing).
   Here the matrix is streamed once: as dot products when its rows are contiguous, as a sum of scaled
   columns (axpy) when its columns are. Four accumulators of two lanes break the dependency chain; GCC's and
   clang's vector extension lowers them to whatever the baseline ISA has (SSE2 on x86_64, NEON on arm64). */
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
    for (ptrdiff_t i = 0; i < m; i++) {
      double d = alpha * dot(mat.base + i * mat.row_stride, xs, k);
      double *yi = y + i * incy;
      *yi = beta == 0 ? d : d + beta * *yi;
    }
    return;
  }
  /* Columns contiguous (row_stride == 1) or neither: accumulate alpha * x[p] * column p into scratch. */
  for (ptrdiff_t i = 0; i < m; i++) scratch[i] = 0;
  for (ptrdiff_t p = 0; p < k; p++) {
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
