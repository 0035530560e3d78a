/* AVX-512 micro-kernel: an 8 x 24 tile of C held in 24 zmm accumulators (8 rows x 3 vectors of 8 doubles).
   Each step of k loads 3 vectors of packed B and broadcasts 8 scalars of packed A into 24 FMAs.
   Compiled for AVX-512 with a function-level target attribute; chosen at run time by dispatch.c. */
#include "CAdjointKernels.h"
#include "gemm_pack.h"

#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
#include <immintrin.h>
#include "gemm_tile_avx512.h"

#define MR 8
#define NR 24
#define VECTORS (NR / 8)

#ifndef ADJOINT_AVX512_KC
#define ADJOINT_AVX512_KC 256
#endif
#ifndef ADJOINT_AVX512_MC
#define ADJOINT_AVX512_MC 96
#endif
#ifndef ADJOINT_AVX512_NC
#define ADJOINT_AVX512_NC 1536
#endif


/* acc[r][v] += a[r] * b[v] for one step of k, over the tile's live rows and vectors. */
#define AVX512_STEP(a, b)                                                                                   \
  do {                                                                                                      \
    __m512d bv[VECTORS];                                                                                    \
    UNROLL for (int v = 0; v < vectors; v++) bv[v] = _mm512_load_pd((b) + 8 * v);                                 \
    UNROLL for (int r = 0; r < tile_rows; r++) {                                                            \
      __m512d ar = _mm512_set1_pd((a)[r]);                                                                  \
      UNROLL for (int v = 0; v < vectors; v++) acc[r][v] = _mm512_fmadd_pd(ar, bv[v], acc[r][v]);          \
    }                                                                                                       \
  } while (0)

/* The kernel body for a tile whose first `tile_rows` rows and `vectors` vectors of 8 columns are live
   (compile-time constants at each call site, so every loop here unrolls and the accumulators stay in
   registers). Slivers keep their full MR x NR layout; a narrower tile just reads less of them. */
AVX512_TARGET
static inline __attribute__((always_inline)) void
avx512_tile(const int tile_rows, const int vectors, ptrdiff_t k, const double *restrict a,
            const double *restrict b, double *restrict c, ptrdiff_t ldc, double alpha, double beta,
            ptrdiff_t rows, ptrdiff_t cols) {
  __m512d acc[MR][VECTORS];
  UNROLL for (int r = 0; r < tile_rows; r++)
    UNROLL for (int v = 0; v < vectors; v++) acc[r][v] = _mm512_setzero_pd();

  /* Ask for this tile of C now, so the write-back after the k loop does not wait for it. */
  UNROLL for (int r = 0; r < tile_rows; r++) {
    if (r >= rows) break;
    _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
    _mm_prefetch((const char *)(c + r * ldc + 8 * vectors - 1), _MM_HINT_T0);
  }

  ptrdiff_t p = 0;
  for (; p + 4 <= k; p += 4) {
    AVX512_STEP(a, b);
    AVX512_STEP(a + MR, b + NR);
    AVX512_STEP(a + 2 * MR, b + 2 * NR);
    AVX512_STEP(a + 3 * MR, b + 3 * NR);
    a += 4 * MR;
    b += 4 * NR;
  }
  for (; p < k; p++, a += MR, b += NR) AVX512_STEP(a, b);

  /* Write back: one lane mask per vector covers partial tiles at the right edge. */
  __mmask8 mask[VECTORS];
  UNROLL for (int v = 0; v < vectors; v++) {
    ptrdiff_t lanes = cols - 8 * v;
    mask[v] = avx512_lane_mask(lanes);
  }
  AVX512_WRITE_TILE(acc, tile_rows, vectors, rows, mask, alpha, beta, c, ldc);
}

/* Edge tiles (m or n not a multiple of the tile) run a narrower instance: with n = 128, the last of six
   slivers has 8 live columns and costs one vector per row, not three. */
AVX512_TARGET
static void avx512_kernel(ptrdiff_t k, const double *restrict a, const double *restrict b, double *restrict c,
                          ptrdiff_t ldc, double alpha, double beta, ptrdiff_t rows, ptrdiff_t cols) {
  if (rows > MR / 2) {
    if (cols > 16) avx512_tile(MR, 3, k, a, b, c, ldc, alpha, beta, rows, cols);
    else if (cols > 8) avx512_tile(MR, 2, k, a, b, c, ldc, alpha, beta, rows, cols);
    else avx512_tile(MR, 1, k, a, b, c, ldc, alpha, beta, rows, cols);
  } else {
    if (cols > 16) avx512_tile(MR / 2, 3, k, a, b, c, ldc, alpha, beta, rows, cols);
    else if (cols > 8) avx512_tile(MR / 2, 2, k, a, b, c, ldc, alpha, beta, rows, cols);
    else avx512_tile(MR / 2, 1, k, a, b, c, ldc, alpha, beta, rows, cols);
  }
}

/* Lanes 0..7 of a view whose steps are contiguous (lane l, step p at base[l * lane_stride + p]: A as stored,
   or B transposed) into dst[p * width + l]. Reading such a sliver one value at a time is a gather over
   eight streams; instead each 8 x 8 block is loaded as eight row vectors and transposed in registers
   (three rounds of in-lane and 128-bit-lane shuffles), then stored as eight steps. */
AVX512_TARGET
static void pack_8_lanes_transposing(const double *base, ptrdiff_t lane_stride, ptrdiff_t depth, ptrdiff_t width,
                                     double *restrict dst) {
  ptrdiff_t p = 0;
  for (; p + 8 <= depth; p += 8) {
    __m512d r[8], t[8];
    UNROLL for (int l = 0; l < 8; l++) r[l] = _mm512_loadu_pd(base + l * lane_stride + p);
    /* t[2i] = (r[2i][0], r[2i+1][0], r[2i][2], r[2i+1][2], ...), t[2i+1] the same for odd steps. */
    UNROLL for (int i = 0; i < 4; i++) {
      t[2 * i] = _mm512_unpacklo_pd(r[2 * i], r[2 * i + 1]);
      t[2 * i + 1] = _mm512_unpackhi_pd(r[2 * i], r[2 * i + 1]);
    }
    /* u[q]: rows 0-3 (u) or 4-7 (w) of steps q and q + 4, for q = 0, 1, 2, 3. */
    __m512d u[4], w[4];
    u[0] = _mm512_shuffle_f64x2(t[0], t[2], 0x88);
    u[1] = _mm512_shuffle_f64x2(t[1], t[3], 0x88);
    u[2] = _mm512_shuffle_f64x2(t[0], t[2], 0xDD);
    u[3] = _mm512_shuffle_f64x2(t[1], t[3], 0xDD);
    w[0] = _mm512_shuffle_f64x2(t[4], t[6], 0x88);
    w[1] = _mm512_shuffle_f64x2(t[5], t[7], 0x88);
    w[2] = _mm512_shuffle_f64x2(t[4], t[6], 0xDD);
    w[3] = _mm512_shuffle_f64x2(t[5], t[7], 0xDD);
    UNROLL for (int q = 0; q < 4; q++) {
      _mm512_storeu_pd(dst + (p + q) * width, _mm512_shuffle_f64x2(u[q], w[q], 0x88));
      _mm512_storeu_pd(dst + (p + q + 4) * width, _mm512_shuffle_f64x2(u[q], w[q], 0xDD));
    }
  }
  for (; p < depth; p++)
    for (int l = 0; l < 8; l++) dst[p * width + l] = base[l * lane_stride + p];
}

/* All slivers of a block whose steps are contiguous: full slivers by 8 x 8 transposes (NR = 3 groups of 8
   lanes), the last partial sliver by the generic packer (it pads with zeros). */
AVX512_TARGET
static void pack_block_transposing(const double *base, ptrdiff_t lane_stride, ptrdiff_t lanes, ptrdiff_t depth,
                                   ptrdiff_t width, double *dst) {
  ptrdiff_t first = 0;
  for (; first + width <= lanes; first += width)
    for (ptrdiff_t group = 0; group < width; group += 8)
      pack_8_lanes_transposing(base + (first + group) * lane_stride, lane_stride, depth, width,
                               dst + first * depth + group);
  if (first < lanes)
    gemm_pack_block(base + first * lane_stride, lane_stride, 1, lanes - first, depth, width, dst + first * depth);
}

AVX512_TARGET
static void avx512_pack_a(gemm_matrix_view a, ptrdiff_t rows, ptrdiff_t depth, double *dst) {
  if (a.column_stride == 1) pack_block_transposing(a.base, a.row_stride, rows, depth, MR, dst);
  else gemm_pack_block(a.base, a.row_stride, a.column_stride, rows, depth, MR, dst);
}

AVX512_TARGET
static void avx512_pack_b(gemm_matrix_view b, ptrdiff_t depth, ptrdiff_t columns, double *dst) {
  if (b.row_stride == 1 && b.column_stride != 1) pack_block_transposing(b.base, b.column_stride, columns, depth, NR, dst);
  else gemm_pack_block(b.base, b.column_stride, b.row_stride, columns, depth, NR, dst);
}

const gemm_kernel_family gemm_family_avx512 = {
    .isa = ADJOINT_GEMM_ISA_AVX512,
    .name = "avx512",
    .mr = MR,
    .nr = NR,
    .kc = ADJOINT_AVX512_KC,
    .mc = ADJOINT_AVX512_MC,
    .nc = ADJOINT_AVX512_NC,
    .kernel = avx512_kernel,
    .pack_a = avx512_pack_a,
    .small = gemm_small_avx512,
    .pack_b = avx512_pack_b,
    .gemv = &gemv_kernels_avx512,
};
#endif
