/* adjoint_dgemm: argument handling, the tiny-product path, and the choice of one or two threads.
   The blocked single-thread product is in gemm_blocked.c, the two-thread split in gemm_threads.c. */
#include <unistd.h>
#include "CAdjointKernels.h"
#include "gemm_internal.h"

/* Products with at most this many multiply-adds skip packing (see Docs/MatrixProduct.md). */
#ifndef DIRECT_PATH_MAX_MULTIPLY_ADDS
#define DIRECT_PATH_MAX_MULTIPLY_ADDS 256
#endif
/* Products with at most this many multiply-adds, and op(B) read by rows (or a single column), run the family's unpacked kernel
   (measured crossover with the packed path: see Docs/MatrixProduct.md). */
#ifndef SMALL_PATH_MAX_MULTIPLY_ADDS
#define SMALL_PATH_MAX_MULTIPLY_ADDS (80 * 80 * 80)
#endif
/* threads = 0 uses two threads from this many multiply-adds (m*n*k) on: ~0.1 ms of single-thread work. The
   persistent helper takes a part within ~1 us while it spins after a product; when it sleeps, the caller claims
   both parts itself and loses only the wake-up signal (gemm_threads.c). W5 at n = 128 (2.1 M) already gained
   ~1.8x on two threads. */
#ifndef TWO_THREADS_MIN_MULTIPLY_ADDS
#define TWO_THREADS_MIN_MULTIPLY_ADDS (4 * 1024 * 1024)
#endif

/* C = beta * C, without reading C when beta == 0. */
static void scale_c(ptrdiff_t m, ptrdiff_t n, double beta, double *c, ptrdiff_t ldc) {
  for (ptrdiff_t i = 0; i < m; i++) {
    double *row = c + i * ldc;
    if (beta == 0) {
      for (ptrdiff_t j = 0; j < n; j++) row[j] = 0;
    } else if (beta != 1) {
      for (ptrdiff_t j = 0; j < n; j++) row[j] *= beta;
    }
  }
}

/* Unpacked product for tiny shapes (and the fallback if no packing buffer can be had): for each row of C,
   scale it by beta, then add alpha * op(A)[i][p] times row p of op(B). */
static void gemm_direct(gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                        double alpha, double beta, double *c, ptrdiff_t ldc) {
  scale_c(m, n, beta, c, ldc);
  for (ptrdiff_t i = 0; i < m; i++) {
    double *row = c + i * ldc;
    for (ptrdiff_t p = 0; p < k; p++) {
      double scaled = alpha * a.base[i * a.row_stride + p * a.column_stride];
      const double *b_row = b.base + p * b.row_stride;
      for (ptrdiff_t j = 0; j < n; j++) row[j] += scaled * b_row[j * b.column_stride];
    }
  }
}

static int online_cpu_count(void) {
  static int cached; /* 0 until first asked; racing threads all store the same value */
  int count = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (count == 0) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    count = online > 0 ? (int)online : 1;
    __atomic_store_n(&cached, count, __ATOMIC_RELAXED);
  }
  return count;
}

void adjoint_dgemm(int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, double beta, double *c,
                   ptrdiff_t ldc, int threads, int isa) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == 0) {
    scale_c(m, n, beta, c, ldc);
    return;
  }
  gemm_matrix_view a_view = transpose_a ? (gemm_matrix_view){a, 1, lda} : (gemm_matrix_view){a, lda, 1};
  gemm_matrix_view b_view = transpose_b ? (gemm_matrix_view){b, 1, ldb} : (gemm_matrix_view){b, ldb, 1};
  double multiply_adds = (double)m * (double)n * (double)k;
  if (multiply_adds <= DIRECT_PATH_MAX_MULTIPLY_ADDS) {
    gemm_direct(a_view, b_view, m, n, k, alpha, beta, c, ldc);
    return;
  }
  const gemm_kernel_family *family = gemm_family_for(isa);
  if (n == 1 || m == 1) { /* a matrix-vector product: stream the matrix once, unpacked (gemv.c) */
    ptrdiff_t rows = n == 1 ? m : n;
    double *scratch = gemm_thread_workspace(rows + k);
    if (scratch != NULL) {
      if (n == 1) {
        gemv_strided(family, a_view, m, k, alpha, b, b_view.row_stride, beta, c, ldc, scratch, threads);
      } else { /* C (1 x n) = a (1 x k) op(B): Cᵀ = op(B)ᵀ aᵀ */
        gemm_matrix_view bt = {b_view.base, b_view.column_stride, b_view.row_stride};
        gemv_strided(family, bt, n, k, alpha, a, a_view.column_stride, beta, c, 1, scratch, threads);
      }
      return;
    }
  }
  if (family->small != NULL && (b_view.column_stride == 1 || n == 1) && multiply_adds <= SMALL_PATH_MAX_MULTIPLY_ADDS) {
    family->small(a_view, b_view, m, n, k, alpha, beta, c, ldc);
    return;
  }
  /* threads = 0: two threads for large products that cut into parts of at least two tiles each side */
  if (threads <= 0) {
    int even = m >= 2 * family->mr || n >= 2 * family->nr;
    threads = multiply_adds >= TWO_THREADS_MIN_MULTIPLY_ADDS && even && online_cpu_count() > 1 ? 2 : 1;
  }
  /* One row sliver (m <= mr) with op(B) read by rows: each value of B is used by one tile only, so packing B would
     copy it for nothing; the unpacked kernel runs it at any size, on two threads as two column ranges (W7's first
     convolution, 8 x 25 x 36864: ~700 -> ~480 us on one thread, CPU time). */
  if (family->small != NULL && b_view.column_stride == 1 && m <= family->mr) {
    if (threads < 2 || n < 2 * family->nr ||
        !gemm_small_two_threads(family, a_view, b_view, m, n, k, alpha, beta, c, ldc)) {
      family->small(a_view, b_view, m, n, k, alpha, beta, c, ldc);
    }
    return;
  }
  if (threads >= 2 && (m > family->mr || n > family->nr) &&
      gemm_two_threads(family, a_view, b_view, m, n, k, alpha, beta, c, ldc)) {
    return;
  }
  double *workspace = gemm_thread_workspace(gemm_workspace_scalars(family, m, n, k));
  if (workspace == NULL) {
    gemm_direct(a_view, b_view, m, n, k, alpha, beta, c, ldc);
    return;
  }
  gemm_blocked(family, a_view, b_view, m, n, k, alpha, beta, c, ldc, workspace);
}
