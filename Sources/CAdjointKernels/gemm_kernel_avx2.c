/* AVX2+FMA micro-kernel: a 6 x 8 tile of C held in 12 ymm accumulators (6 rows x 2 vectors of 4 doubles),
   which with 2 vectors of B and one broadcast fits the 16 ymm registers. Compiled with a function-level
   target attribute; chosen at run time by dispatch.c on CPUs without AVX-512. */
#include "CAdjointKernels.h"
#include "gemm_pack.h"

#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
#include <immintrin.h>

#define MR 6
#define NR 8
#define VECTORS (NR / 4)

#ifndef ADJOINT_AVX2_KC
#define ADJOINT_AVX2_KC 256
#endif
#ifndef ADJOINT_AVX2_MC
#define ADJOINT_AVX2_MC 96
#endif
#ifndef ADJOINT_AVX2_NC
#define ADJOINT_AVX2_NC 1536
#endif

#define AVX2_TARGET __attribute__((target("avx2,fma")))

/* acc[r][v] += a[r] * b[v] for one step of k. */
#define AVX2_STEP(a, b)                                                                                     \
  do {                                                                                                      \
    __m256d b0 = _mm256_load_pd((b)), b1 = _mm256_load_pd((b) + 4);                                        \
    for (int r = 0; r < MR; r++) {                                                                          \
      __m256d ar = _mm256_broadcast_sd((a) + r);                                                            \
      acc[r][0] = _mm256_fmadd_pd(ar, b0, acc[r][0]);                                                       \
      acc[r][1] = _mm256_fmadd_pd(ar, b1, acc[r][1]);                                                       \
    }                                                                                                       \
  } while (0)

AVX2_TARGET
static void avx2_kernel(ptrdiff_t k, const double *restrict a, const double *restrict b, double *restrict c,
                        ptrdiff_t ldc, double alpha, double beta, ptrdiff_t rows, ptrdiff_t cols) {
  __m256d acc[MR][VECTORS];
#pragma clang loop unroll(full)
  for (int r = 0; r < MR; r++)
#pragma clang loop unroll(full)
    for (int v = 0; v < VECTORS; v++) acc[r][v] = _mm256_setzero_pd();

  /* Ask for this tile of C now, so the write-back after the k loop does not wait for it. */
#pragma clang loop unroll(full)
  for (int r = 0; r < MR; r++) {
    if (r >= rows) break;
    _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
    _mm_prefetch((const char *)(c + r * ldc + NR - 1), _MM_HINT_T0);
  }

  ptrdiff_t p = 0;
  for (; p + 4 <= k; p += 4) {
    AVX2_STEP(a, b);
    AVX2_STEP(a + MR, b + NR);
    AVX2_STEP(a + 2 * MR, b + 2 * NR);
    AVX2_STEP(a + 3 * MR, b + 3 * NR);
    a += 4 * MR;
    b += 4 * NR;
  }
  for (; p < k; p++, a += MR, b += NR) AVX2_STEP(a, b);

  /* Write back: lane masks (sign bit set = lane on) cover partial tiles at the right edge. */
  __m256i mask[VECTORS];
  for (int v = 0; v < VECTORS; v++) {
    long long lane[4];
    for (int l = 0; l < 4; l++) lane[l] = (4 * v + l < cols) ? -1 : 0;
    mask[v] = _mm256_setr_epi64x(lane[0], lane[1], lane[2], lane[3]);
  }
  __m256d alpha_v = _mm256_set1_pd(alpha), beta_v = _mm256_set1_pd(beta);
  /* Constant-trip, fully unrolled loops, so that the accumulators stay in registers. */
#pragma clang loop unroll(full)
  for (int r = 0; r < MR; r++) {
    if (r >= rows) break;
    double *row = c + r * ldc;
#pragma clang loop unroll(full)
    for (int v = 0; v < VECTORS; v++) {
      __m256d out = _mm256_mul_pd(alpha_v, acc[r][v]);
      if (beta != 0) out = _mm256_fmadd_pd(beta_v, _mm256_maskload_pd(row + 4 * v, mask[v]), out);
      _mm256_maskstore_pd(row + 4 * v, mask[v], out);
    }
  }
}

AVX2_TARGET
static void avx2_pack_a(gemm_matrix_view a, ptrdiff_t rows, ptrdiff_t depth, double *dst) {
  gemm_pack_block(a.base, a.row_stride, a.column_stride, rows, depth, MR, dst);
}

AVX2_TARGET
static void avx2_pack_b(gemm_matrix_view b, ptrdiff_t depth, ptrdiff_t columns, double *dst) {
  gemm_pack_block(b.base, b.column_stride, b.row_stride, columns, depth, NR, dst);
}

const gemm_kernel_family gemm_family_avx2_fma = {
    .isa = ADJOINT_GEMM_ISA_AVX2_FMA,
    .name = "avx2-fma",
    .mr = MR,
    .nr = NR,
    .kc = ADJOINT_AVX2_KC,
    .mc = ADJOINT_AVX2_MC,
    .nc = ADJOINT_AVX2_NC,
    .kernel = avx2_kernel,
    .pack_a = avx2_pack_a,
    .pack_b = avx2_pack_b,
};
#endif
