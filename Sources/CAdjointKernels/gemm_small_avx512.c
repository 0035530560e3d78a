/* AVX-512 small-product kernel: C = alpha * op(A) op(B) + beta * C without packing, for products so small
   that copying the operands into slivers costs more than the multiply-adds (W2's 100 x 16 x 16 layers, a
   matrix times a vector). op(B)'s rows must be contiguous (column stride 1, or n == 1): each k-step loads up to three
   vectors of a B row, masked at the right edge, and broadcasts up to eight values of op(A), read through
   its strides, into as many as 24 FMAs: the register tile of the packed kernel, reading memory as it lies.
   Rows past the last one (a partial tile) re-read row 0 and are not written. */
#include "CAdjointKernels.h"
#include "gemm_internal.h"

#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
#include <immintrin.h>
#include "gemm_tile_avx512.h"

#define MR 8
#define NR 24
#define VECTORS (NR / 8)

/* One tile of up to tile_rows x 8*vectors (compile-time constants at each call site, so the loops unroll). */
AVX512_TARGET
static inline __attribute__((always_inline)) void
small_tile(const int tile_rows, const int vectors, gemm_matrix_view a, const double *restrict b, ptrdiff_t ldb,
           ptrdiff_t k, double *restrict c, ptrdiff_t ldc, double alpha, double beta, ptrdiff_t rows,
           ptrdiff_t cols) {
  __m512d acc[MR][VECTORS];
  ptrdiff_t row_offset[MR];
  __mmask8 mask[VECTORS];
  UNROLL for (int r = 0; r < tile_rows; r++) {
    row_offset[r] = (r < rows ? r : 0) * a.row_stride;
    UNROLL for (int v = 0; v < vectors; v++) acc[r][v] = _mm512_setzero_pd();
  }
  UNROLL for (int v = 0; v < vectors; v++) {
    ptrdiff_t lanes = cols - 8 * v;
    mask[v] = avx512_lane_mask(lanes);
  }
  for (ptrdiff_t p = 0; p < k; p++) {
    const double *a_step = a.base + p * a.column_stride, *b_row = b + p * ldb;
    __m512d bv[VECTORS];
    UNROLL for (int v = 0; v < vectors; v++) bv[v] = _mm512_maskz_loadu_pd(mask[v], b_row + 8 * v);
    UNROLL for (int r = 0; r < tile_rows; r++) {
      __m512d ar = _mm512_set1_pd(a_step[row_offset[r]]);
      UNROLL for (int v = 0; v < vectors; v++) acc[r][v] = _mm512_fmadd_pd(ar, bv[v], acc[r][v]);
    }
  }
  AVX512_WRITE_TILE(acc, tile_rows, vectors, rows, mask, alpha, beta, c, ldc);
}

/* n == 1 (a matrix times a vector), op(A) with contiguous columns (A transposed as stored): C's column is
   accumulated 64 rows at a time in eight vectors, one column of op(A) times one value of B per step. */
AVX512_TARGET
static void matrix_vector_by_columns(gemm_matrix_view a, const double *b, ptrdiff_t b_stride, ptrdiff_t m,
                                     ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc) {
  for (ptrdiff_t i0 = 0; i0 < m; i0 += 64) {
    ptrdiff_t rows = m - i0 < 64 ? m - i0 : 64;
    __m512d acc[8];
    __mmask8 mask[8];
    UNROLL for (int v = 0; v < 8; v++) {
      ptrdiff_t lanes = rows - 8 * v;
      mask[v] = avx512_lane_mask(lanes);
      acc[v] = _mm512_setzero_pd();
    }
    for (ptrdiff_t p = 0; p < k; p++) {
      const double *column = a.base + i0 + p * a.column_stride;
      __m512d bp = _mm512_set1_pd(b[p * b_stride]);
      UNROLL for (int v = 0; v < 8; v++)
        acc[v] = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(mask[v], column + 8 * v), bp, acc[v]);
    }
    double out[64];
    UNROLL for (int v = 0; v < 8; v++) _mm512_storeu_pd(out + 8 * v, acc[v]);
    for (ptrdiff_t r = 0; r < rows; r++) {
      double *y = c + (i0 + r) * ldc;
      *y = beta == 0 ? alpha * out[r] : alpha * out[r] + beta * *y;
    }
  }
}

/* n == 1, op(A) with contiguous rows and B's column contiguous: one dot product per row of C, 8 steps of
   k per vector (the last masked), summed across lanes at the end. */
AVX512_TARGET
static void matrix_vector_by_rows(gemm_matrix_view a, const double *b, ptrdiff_t m, ptrdiff_t k, double alpha,
                                  double beta, double *c, ptrdiff_t ldc) {
  for (ptrdiff_t i = 0; i < m; i++) {
    const double *row = a.base + i * a.row_stride;
    __m512d acc = _mm512_setzero_pd();
    for (ptrdiff_t p = 0; p < k; p += 8) {
      __mmask8 mask = k - p >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (k - p)) - 1);
      acc = _mm512_fmadd_pd(_mm512_maskz_loadu_pd(mask, row + p), _mm512_maskz_loadu_pd(mask, b + p), acc);
    }
    double sum = _mm512_reduce_add_pd(acc), *y = c + i * ldc;
    *y = beta == 0 ? alpha * sum : alpha * sum + beta * *y;
  }
}

AVX512_TARGET
void gemm_small_avx512(gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
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
      if (rows > MR / 2) {
        if (cols > 16) small_tile(MR, 3, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
        else if (cols > 8) small_tile(MR, 2, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
        else small_tile(MR, 1, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
      } else {
        if (cols > 16) small_tile(MR / 2, 3, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
        else if (cols > 8) small_tile(MR / 2, 2, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
        else small_tile(MR / 2, 1, block, b_panel, b.row_stride, k, tile, ldc, alpha, beta, rows, cols);
      }
    }
  }
}
#endif
