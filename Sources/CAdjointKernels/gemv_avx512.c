/* AVX-512 matrix-vector loops for gemv.c (chosen at run time with the rest of the avx512 family). Their sums are
   bit-identical to those of gemv_avx2.c, whatever the machine picks:
   - a row's dot product has eight partial sums, lane j taking p ≡ j (mod 8) by FMA over the whole multiples of
     8, reduced as ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)), then the leftover p added one by one by FMA;
   - a scaled-column sum adds the columns to each sum in order of p, one FMA each.
   The vector width changes how many values one instruction handles, never which operations a value sees. */
#include "gemm_internal.h"

#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
#include <immintrin.h>
#include "gemm_tile_avx512.h"


/* The fixed reduction of the eight lanes described above. */
AVX512_TARGET static inline double reduce8(__m512d v) {
  __m256d h = _mm256_add_pd(_mm512_castpd512_pd256(v), _mm512_extractf64x4_pd(v, 1)); /* l_j + l_{j+4} */
  __m128d q = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));   /* h0 + h2, h1 + h3 */
  return _mm_cvtsd_f64(_mm_add_sd(q, _mm_unpackhi_pd(q, q)));
}

/* out[r] = Σ_p rows[r * stride + p] · x[p] for r < count: four rows at a time (x loaded once for the four, four
   independent FMA chains), the last count mod 4 one at a time with the same per-row arithmetic. */
AVX512_TARGET
static void avx512_dot_rows(const double *rows, ptrdiff_t stride, ptrdiff_t count, const double *x, ptrdiff_t k,
                            double *out) {
  const ptrdiff_t whole = k & ~(ptrdiff_t)7;
  ptrdiff_t r = 0;
  for (; r + 4 <= count; r += 4) {
    const double *r0 = rows + r * stride, *r1 = r0 + stride, *r2 = r1 + stride, *r3 = r2 + stride;
    __m512d a0 = _mm512_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
    for (ptrdiff_t p = 0; p < whole; p += 8) {
      __m512d xv = _mm512_loadu_pd(x + p);
      a0 = _mm512_fmadd_pd(_mm512_loadu_pd(r0 + p), xv, a0);
      a1 = _mm512_fmadd_pd(_mm512_loadu_pd(r1 + p), xv, a1);
      a2 = _mm512_fmadd_pd(_mm512_loadu_pd(r2 + p), xv, a2);
      a3 = _mm512_fmadd_pd(_mm512_loadu_pd(r3 + p), xv, a3);
    }
    double s0 = reduce8(a0), s1 = reduce8(a1), s2 = reduce8(a2), s3 = reduce8(a3);
    for (ptrdiff_t p = whole; p < k; p++) {
      s0 = __builtin_fma(r0[p], x[p], s0); s1 = __builtin_fma(r1[p], x[p], s1);
      s2 = __builtin_fma(r2[p], x[p], s2); s3 = __builtin_fma(r3[p], x[p], s3);
    }
    out[r] = s0; out[r + 1] = s1; out[r + 2] = s2; out[r + 3] = s3;
  }
  for (; r < count; r++) {
    const double *row = rows + r * stride;
    __m512d a = _mm512_setzero_pd();
    for (ptrdiff_t p = 0; p < whole; p += 8) a = _mm512_fmadd_pd(_mm512_loadu_pd(row + p), _mm512_loadu_pd(x + p), a);
    double s = reduce8(a);
    for (ptrdiff_t p = whole; p < k; p++) s = __builtin_fma(row[p], x[p], s);
    out[r] = s;
  }
}

/* sums[i] += Σ_p (alpha · x[p · incx]) · columns[p · column_stride + i] for i < m, in order of p: eight columns per
   pass over the sums (a sum is loaded and stored once per eight FMAs), the leftover columns one per pass. */
AVX512_TARGET
static void avx512_add_scaled_columns(const double *columns, ptrdiff_t column_stride, ptrdiff_t m, ptrdiff_t k,
                                      double alpha, const double *x, ptrdiff_t incx, double *sums) {
  const ptrdiff_t whole = m & ~(ptrdiff_t)7;
  ptrdiff_t p = 0;
  for (; p + 8 <= k; p += 8) {
    double s[8];
    const double *c[8];
    for (int j = 0; j < 8; j++) { s[j] = alpha * x[(p + j) * incx]; c[j] = columns + (p + j) * column_stride; }
    __m512d v0 = _mm512_set1_pd(s[0]), v1 = _mm512_set1_pd(s[1]), v2 = _mm512_set1_pd(s[2]), v3 = _mm512_set1_pd(s[3]);
    __m512d v4 = _mm512_set1_pd(s[4]), v5 = _mm512_set1_pd(s[5]), v6 = _mm512_set1_pd(s[6]), v7 = _mm512_set1_pd(s[7]);
    ptrdiff_t i = 0;
    for (; i < whole; i += 8) {
      __m512d y = _mm512_loadu_pd(sums + i);
      y = _mm512_fmadd_pd(v0, _mm512_loadu_pd(c[0] + i), y); y = _mm512_fmadd_pd(v1, _mm512_loadu_pd(c[1] + i), y);
      y = _mm512_fmadd_pd(v2, _mm512_loadu_pd(c[2] + i), y); y = _mm512_fmadd_pd(v3, _mm512_loadu_pd(c[3] + i), y);
      y = _mm512_fmadd_pd(v4, _mm512_loadu_pd(c[4] + i), y); y = _mm512_fmadd_pd(v5, _mm512_loadu_pd(c[5] + i), y);
      y = _mm512_fmadd_pd(v6, _mm512_loadu_pd(c[6] + i), y); y = _mm512_fmadd_pd(v7, _mm512_loadu_pd(c[7] + i), y);
      _mm512_storeu_pd(sums + i, y);
    }
    for (; i < m; i++) {
      double y = sums[i];
      for (int j = 0; j < 8; j++) y = __builtin_fma(s[j], c[j][i], y);
      sums[i] = y;
    }
  }
  for (; p < k; p++) {
    double scaled = alpha * x[p * incx];
    const double *c = columns + p * column_stride;
    __m512d v = _mm512_set1_pd(scaled);
    ptrdiff_t i = 0;
    for (; i < whole; i += 8) _mm512_storeu_pd(sums + i, _mm512_fmadd_pd(v, _mm512_loadu_pd(c + i), _mm512_loadu_pd(sums + i)));
    for (; i < m; i++) sums[i] = __builtin_fma(scaled, c[i], sums[i]);
  }
}

const gemv_kernels gemv_kernels_avx512 = {.dot_rows = avx512_dot_rows, .add_scaled_columns = avx512_add_scaled_columns};
#endif
