/* What the AVX-512 kernels share (the packed micro-kernel, the small-product kernel, the matrix-vector loops):
   the target attribute, the unroll pragma, the lane mask of a partial vector and the write-back of a register
   tile. Include after <immintrin.h>, inside ADJOINT_GEMM_HAS_X86_KERNELS. */
#ifndef ADJOINT_GEMM_TILE_AVX512_H
#define ADJOINT_GEMM_TILE_AVX512_H

#include <stddef.h>

#define AVX512_TARGET __attribute__((target("avx512f,avx512dq,fma")))
/* Every loop over rows or vectors has a constant trip count and must unroll, or the accumulators spill. */
#define UNROLL _Pragma("clang loop unroll(full)")

/* The mask of the first `lanes` of 8 lanes (none if lanes <= 0, all if lanes >= 8). */
AVX512_TARGET static inline __attribute__((always_inline)) __mmask8 avx512_lane_mask(ptrdiff_t lanes) {
  return lanes >= 8 ? (__mmask8)0xFF : lanes <= 0 ? (__mmask8)0 : (__mmask8)((1u << lanes) - 1);
}

/* c[r][8v + l] = alpha * acc[r][v][l] + beta * c[r][8v + l] for the first `rows` of `tile_rows` rows and the
   lanes of mask[v]; C is not read when beta == 0 (so NaN in C does not leak into beta = 0 products). A macro,
   like the kernels' step, so that acc stays in registers. */
#define AVX512_WRITE_TILE(acc, tile_rows, vectors, rows, mask, alpha, beta, c, ldc)                          \
  do {                                                                                                      \
    __m512d alpha_v = _mm512_set1_pd(alpha), beta_v = _mm512_set1_pd(beta);                                 \
    UNROLL for (int r = 0; r < (tile_rows); r++) {                                                          \
      if (r >= (rows)) break;                                                                               \
      double *row = (c) + r * (ldc);                                                                        \
      UNROLL for (int v = 0; v < (vectors); v++) {                                                          \
        __m512d out = _mm512_mul_pd(alpha_v, (acc)[r][v]);                                                  \
        if ((beta) != 0) out = _mm512_fmadd_pd(beta_v, _mm512_maskz_loadu_pd((mask)[v], row + 8 * v), out); \
        _mm512_mask_storeu_pd(row + 8 * v, (mask)[v], out);                                                 \
      }                                                                                                     \
    }                                                                                                       \
  } while (0)

#endif
