/* What the AVX2+FMA kernels share (the packed micro-kernel, the small-product kernel, the matrix-vector
   loops): the target attribute, the unroll pragma, the lane mask of a partial vector and the write-back of a
   register tile. Include after <immintrin.h>, inside ADJOINT_GEMM_HAS_X86_KERNELS. */
#ifndef ADJOINT_GEMM_TILE_AVX2_H
#define ADJOINT_GEMM_TILE_AVX2_H

#include <stddef.h>

#define AVX2_TARGET __attribute__((target("avx2,fma")))
/* Every loop over rows or vectors has a constant trip count and must unroll, or the accumulators spill. */
#define UNROLL _Pragma("clang loop unroll(full)")

/* The mask of the first `lanes` of 4 lanes (sign bit set = lane on; none if lanes <= 0, all if >= 4). */
AVX2_TARGET static inline __attribute__((always_inline)) __m256i avx2_lane_mask(ptrdiff_t lanes) {
  return _mm256_setr_epi64x(lanes > 0 ? -1 : 0, lanes > 1 ? -1 : 0, lanes > 2 ? -1 : 0, lanes > 3 ? -1 : 0);
}

/* c[r][4v + l] = alpha * acc[r][v][l] + beta * c[r][4v + l] for the first `rows` of `tile_rows` rows and the
   lanes of mask[v]; C is not read when beta == 0. A macro, so that acc stays in registers. */
#define AVX2_WRITE_TILE(acc, tile_rows, vectors, rows, mask, alpha, beta, c, ldc)                            \
  do {                                                                                                      \
    __m256d alpha_v = _mm256_set1_pd(alpha), beta_v = _mm256_set1_pd(beta);                                 \
    UNROLL for (int r = 0; r < (tile_rows); r++) {                                                          \
      if (r >= (rows)) break;                                                                               \
      double *row = (c) + r * (ldc);                                                                        \
      UNROLL for (int v = 0; v < (vectors); v++) {                                                          \
        __m256d out = _mm256_mul_pd(alpha_v, (acc)[r][v]);                                                  \
        if ((beta) != 0) out = _mm256_fmadd_pd(beta_v, _mm256_maskload_pd(row + 4 * v, (mask)[v]), out);    \
        _mm256_maskstore_pd(row + 4 * v, (mask)[v], out);                                                   \
      }                                                                                                     \
    }                                                                                                       \
  } while (0)

#endif
