/* AVX2+FMA small-product kernel: C = alpha * op(A) op(B) + beta * C without packing (see
   gemm_small_avx512.c for why). op(B)'s rows must be contiguous (column stride 1, or n == 1): each k-step loads up to two
   vectors of 4 doubles of a B row, masked at the right edge, and broadcasts up to six values of op(A), read
   through its strides, into as many as 12 FMAs (the 6 x 8 register tile of the packed kernel). Rows past
   the last one (a partial tile) re-read row 0 and are not written. */
#include "CAdjointKernels.h"
#include "gemm_internal.h"

#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
#include <immintrin.h>
#include "gemm_tile_avx2.h"

#define MR 6
#define NR 8
#define VECTORS (NR / 4)

AVX2_TARGET
static inline __attribute__((always_inline)) void
small_tile(const int tile_rows, const int vectors, gemm_matrix_view a, const double *restrict b, ptrdiff_t ldb,
           ptrdiff_t k, double *restrict c, ptrdiff_t ldc, double alpha, double beta, ptrdiff_t rows,
           ptrdiff_t cols) {
  __m256d acc[MR][VECTORS];
  ptrdiff_t row_offset[MR];
  __m256i mask[VECTORS];
  UNROLL for (int r = 0; r < tile_rows; r++) {
    row_offset[r] = (r < rows ? r : 0) * a.row_stride;
    UNROLL for (int v = 0; v < vectors; v++) acc[r][v] = _mm256_setzero_pd();
  }
  UNROLL for (int v = 0; v < vectors; v++) {
    mask[v] = avx2_lane_mask(cols - 4 * v);
  }
  for (ptrdiff_t p = 0; p < k; p++) {
    const double *a_step = a.base + p * a.column_stride, *b_row = b + p * ldb;
    __m256d bv[VECTORS];
    UNROLL for (int v = 0; v < vectors; v++) bv[v] = _mm256_maskload_pd(b_row + 4 * v, mask[v]);
    UNROLL for (int r = 0; r < tile_rows; r++) {
      __m256d ar = _mm256_broadcast_sd(a_step + row_offset[r]);
      UNROLL for (int v = 0; v < vectors; v++) acc[r][v] = _mm256_fmadd_pd(ar, bv[v], acc[r][v]);
    }
  }
  AVX2_WRITE_TILE(acc, tile_rows, vectors, rows, mask, alpha, beta, c, ldc);
}

/* n == 1 (a matrix times a vector), op(A) with contiguous columns (A transposed as stored): C's column is
   accumulated 32 rows at a time in eight vectors, one column of op(A) times one value of B per step. */
AVX2_TARGET
static void matrix_vector_by_columns(gemm_matrix_view a, const double *b, ptrdiff_t b_stride, ptrdiff_t m,
                                     ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc) {
  for (ptrdiff_t i0 = 0; i0 < m; i0 += 32) {
    ptrdiff_t rows = m - i0 < 32 ? m - i0 : 32;
    __m256d acc[8];
    __m256i mask[8];
    UNROLL for (int v = 0; v < 8; v++) {
      mask[v] = avx2_lane_mask(rows - 4 * v);
      acc[v] = _mm256_setzero_pd();
    }
    for (ptrdiff_t p = 0; p < k; p++) {
      const double *column = a.base + i0 + p * a.column_stride;
      __m256d bp = _mm256_broadcast_sd(b + p * b_stride);
      UNROLL for (int v = 0; v < 8; v++)
        acc[v] = _mm256_fmadd_pd(_mm256_maskload_pd(column + 4 * v, mask[v]), bp, acc[v]);
    }
    double out[32];
    UNROLL for (int v = 0; v < 8; v++) _mm256_storeu_pd(out + 4 * v, acc[v]);
    for (ptrdiff_t r = 0; r < rows; r++) {
      double *y = c + (i0 + r) * ldc;
      *y = beta == 0 ? alpha * out[r] : alpha * out[r] + beta * *y;
    }
  }
}

/* n == 1, op(A) with contiguous rows and B's column contiguous: one dot product per row of C, 4 steps of
   k per vector (the last masked), summed across lanes at the end. */
AVX2_TARGET
static void matrix_vector_by_rows(gemm_matrix_view a, const double *b, ptrdiff_t m, ptrdiff_t k, double alpha,
                                  double beta, double *c, ptrdiff_t ldc) {
  for (ptrdiff_t i = 0; i < m; i++) {
    const double *row = a.base + i * a.row_stride;
    __m256d acc = _mm256_setzero_pd();
    for (ptrdiff_t p = 0; p < k; p += 4) {
      long long left = k - p;
      __m256i mask = _mm256_setr_epi64x(-1, left > 1 ? -1 : 0, left > 2 ? -1 : 0, left > 3 ? -1 : 0);
      acc = _mm256_fmadd_pd(_mm256_maskload_pd(row + p, mask), _mm256_maskload_pd(b + p, mask), acc);
    }
    __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(acc), _mm256_extractf128_pd(acc, 1));
    double sum = _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair))), *y = c + i * ldc;
    *y = beta == 0 ? alpha * sum : alpha * sum + beta * *y;
  }
}

AVX2_TARGET
void gemm_small_avx2(gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                     double beta, double *c, ptrdiff_t ldc) {
  if (n == 1 && a.row_stride == 1) {
    matrix_vector_by_columns(a, b.base, b.row_stride, m, k, alpha, beta, c, ldc);
    return;
  }
  if (n == 1 && a.column_stride == 1 && b.row_stride == 1) {
    matrix_vector_by_rows(a, b.base, m, k, alpha, beta, c, ldc);
    return;
  }
  for (ptrdiff_t j = 0; j < n; j += NR) {
    ptrdiff_t cols = n - j < NR ? n - j : NR;
    const double *b_panel = b.base + j;
    for (ptrdiff_t i = 0; i < m; i += MR) {
      ptrdiff_t rows = m - i < MR ? m - i : MR;
      gemm_matrix_view block = {a.base + i * a.row_stride, a.row_stride, a.column_stride};
      double *tile = c + i * ldc + j;
      if (rows > 3) {
        if (cols > 4) small_tile(MR, 2, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
        else small_tile(MR, 1, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
      } else {
        if (cols > 4) small_tile(3, 2, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
        else small_tile(3, 1, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
      }
    }
  }
}
#endif
