/* AVX2+FMA micro-kernel: a 6 x 8 tile of C held in 12 ymm accumulators (6 rows x 2 vectors of 4 doubles),
   which with 2 vectors of B and one broadcast fits the 16 ymm registers. Compiled with a function-level
   target attribute; chosen at run time by dispatch.c on CPUs without AVX-512. */
#include "CAdjointKernels.h"
#include "gemm_pack.h"

#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
#include <immintrin.h>
#include "gemm_tile_avx2.h"

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
    mask[v] = avx2_lane_mask(cols - 4 * v);
  }
  AVX2_WRITE_TILE(acc, MR, VECTORS, rows, mask, alpha, beta, c, ldc);
}

/* Lanes 0..3 (and, if `six`, lanes 4 and 5) of a view whose steps are contiguous (lane l, step p at
   base[l * lane_stride + p]: A as stored, or B transposed) into dst[p * width + l + offset]. Each 4 x 4 block
   is loaded as four row vectors and transposed in registers instead of gathered value by value; lanes 4-5
   (the rest of a 6-row sliver of A) are interleaved in pairs. */
AVX2_TARGET
static void pack_lanes_transposing(const double *base, ptrdiff_t lane_stride, ptrdiff_t depth, ptrdiff_t width,
                                   int six, double *restrict dst) {
  ptrdiff_t p = 0;
  for (; p + 4 <= depth; p += 4) {
    const double *row = base + p;
    __m256d r0 = _mm256_loadu_pd(row), r1 = _mm256_loadu_pd(row + lane_stride);
    __m256d r2 = _mm256_loadu_pd(row + 2 * lane_stride), r3 = _mm256_loadu_pd(row + 3 * lane_stride);
    __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1); /* steps 0, 2 and 1, 3 */
    __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
    _mm256_storeu_pd(dst + p * width, _mm256_permute2f128_pd(t0, t2, 0x20));
    _mm256_storeu_pd(dst + (p + 1) * width, _mm256_permute2f128_pd(t1, t3, 0x20));
    _mm256_storeu_pd(dst + (p + 2) * width, _mm256_permute2f128_pd(t0, t2, 0x31));
    _mm256_storeu_pd(dst + (p + 3) * width, _mm256_permute2f128_pd(t1, t3, 0x31));
    if (six) {
      __m256d r4 = _mm256_loadu_pd(row + 4 * lane_stride), r5 = _mm256_loadu_pd(row + 5 * lane_stride);
      __m256d s0 = _mm256_unpacklo_pd(r4, r5), s1 = _mm256_unpackhi_pd(r4, r5);
      _mm_storeu_pd(dst + p * width + 4, _mm256_castpd256_pd128(s0));
      _mm_storeu_pd(dst + (p + 1) * width + 4, _mm256_castpd256_pd128(s1));
      _mm_storeu_pd(dst + (p + 2) * width + 4, _mm256_extractf128_pd(s0, 1));
      _mm_storeu_pd(dst + (p + 3) * width + 4, _mm256_extractf128_pd(s1, 1));
    }
  }
  int lanes = six ? 6 : 4;
  for (; p < depth; p++)
    for (int l = 0; l < lanes; l++) dst[p * width + l] = base[l * lane_stride + p];
}

/* All slivers of a block whose steps are contiguous: a full sliver of A (6 lanes) or of B (8 lanes, two
   groups of 4) by register transposes, the last partial sliver by the generic packer (it pads with zeros). */
AVX2_TARGET
static void pack_block_transposing(const double *base, ptrdiff_t lane_stride, ptrdiff_t lanes, ptrdiff_t depth,
                                   ptrdiff_t width, double *dst) {
  ptrdiff_t first = 0;
  for (; first + width <= lanes; first += width) {
    double *sliver = dst + first * depth;
    const double *start = base + first * lane_stride;
    if (width == 6) {
      pack_lanes_transposing(start, lane_stride, depth, width, 1, sliver);
    } else {
      for (ptrdiff_t group = 0; group < width; group += 4)
        pack_lanes_transposing(start + group * lane_stride, lane_stride, depth, width, 0, sliver + group);
    }
  }
  if (first < lanes)
    gemm_pack_block(base + first * lane_stride, lane_stride, 1, lanes - first, depth, width, dst + first * depth);
}

AVX2_TARGET
static void avx2_pack_a(gemm_matrix_view a, ptrdiff_t rows, ptrdiff_t depth, double *dst) {
  if (a.column_stride == 1) pack_block_transposing(a.base, a.row_stride, rows, depth, MR, dst);
  else gemm_pack_block(a.base, a.row_stride, a.column_stride, rows, depth, MR, dst);
}

AVX2_TARGET
static void avx2_pack_b(gemm_matrix_view b, ptrdiff_t depth, ptrdiff_t columns, double *dst) {
  if (b.row_stride == 1 && b.column_stride != 1) pack_block_transposing(b.base, b.column_stride, columns, depth, NR, dst);
  else gemm_pack_block(b.base, b.column_stride, b.row_stride, columns, depth, NR, dst);
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
    .small = gemm_small_avx2,
    .pack_b = avx2_pack_b,
    .gemv = &gemv_kernels_avx2_fma,
};
#endif
