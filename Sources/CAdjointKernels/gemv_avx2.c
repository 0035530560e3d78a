/* AVX2+FMA matrix-vector loops for gemv.c: the arithmetic of gemv_avx512.c (whose comment states it) on
   four-lane registers, so the two give bit-identical sums. A row's eight partial sums are two registers,
   lanes 0–3 and 4–7. */
#include "gemm_internal.h"

#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
#include <immintrin.h>
#include "gemm_tile_avx2.h"


/* ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)) for lanes l0–3 in `low` and l4–7 in `high`. */
AVX2_TARGET static inline double reduce8(__m256d low, __m256d high) {
  __m256d h = _mm256_add_pd(low, high);
  __m128d q = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
  return _mm_cvtsd_f64(_mm_add_sd(q, _mm_unpackhi_pd(q, q)));
}

/* out[r] = Σ_p rows[r * stride + p] · x[p] for r < count, four rows at a time, then one at a time. */
AVX2_TARGET
static void avx2_dot_rows(const double *rows, ptrdiff_t stride, ptrdiff_t count, const double *x, ptrdiff_t k,
                          double *out) {
  const ptrdiff_t whole = k & ~(ptrdiff_t)7;
  ptrdiff_t r = 0;
  for (; r + 4 <= count; r += 4) {
    const double *r0 = rows + r * stride, *r1 = r0 + stride, *r2 = r1 + stride, *r3 = r2 + stride;
    __m256d a0 = _mm256_setzero_pd(), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
    for (ptrdiff_t p = 0; p < whole; p += 8) {
      __m256d xl = _mm256_loadu_pd(x + p), xh = _mm256_loadu_pd(x + p + 4);
      a0 = _mm256_fmadd_pd(_mm256_loadu_pd(r0 + p), xl, a0); b0 = _mm256_fmadd_pd(_mm256_loadu_pd(r0 + p + 4), xh, b0);
      a1 = _mm256_fmadd_pd(_mm256_loadu_pd(r1 + p), xl, a1); b1 = _mm256_fmadd_pd(_mm256_loadu_pd(r1 + p + 4), xh, b1);
      a2 = _mm256_fmadd_pd(_mm256_loadu_pd(r2 + p), xl, a2); b2 = _mm256_fmadd_pd(_mm256_loadu_pd(r2 + p + 4), xh, b2);
      a3 = _mm256_fmadd_pd(_mm256_loadu_pd(r3 + p), xl, a3); b3 = _mm256_fmadd_pd(_mm256_loadu_pd(r3 + p + 4), xh, b3);
    }
    double s0 = reduce8(a0, b0), s1 = reduce8(a1, b1), s2 = reduce8(a2, b2), s3 = reduce8(a3, b3);
    for (ptrdiff_t p = whole; p < k; p++) {
      s0 = __builtin_fma(r0[p], x[p], s0); s1 = __builtin_fma(r1[p], x[p], s1);
      s2 = __builtin_fma(r2[p], x[p], s2); s3 = __builtin_fma(r3[p], x[p], s3);
    }
    out[r] = s0; out[r + 1] = s1; out[r + 2] = s2; out[r + 3] = s3;
  }
  for (; r < count; r++) {
    const double *row = rows + r * stride;
    __m256d a = _mm256_setzero_pd(), b = a;
    for (ptrdiff_t p = 0; p < whole; p += 8) {
      a = _mm256_fmadd_pd(_mm256_loadu_pd(row + p), _mm256_loadu_pd(x + p), a);
      b = _mm256_fmadd_pd(_mm256_loadu_pd(row + p + 4), _mm256_loadu_pd(x + p + 4), b);
    }
    double s = reduce8(a, b);
    for (ptrdiff_t p = whole; p < k; p++) s = __builtin_fma(row[p], x[p], s);
    out[r] = s;
  }
}

/* sums[i] += Σ_p (alpha · x[p · incx]) · columns[p · column_stride + i] for i < m, in order of p, four columns
   per pass over the sums, the leftover columns one per pass. */
AVX2_TARGET
static void avx2_add_scaled_columns(const double *columns, ptrdiff_t column_stride, ptrdiff_t m, ptrdiff_t k,
                                    double alpha, const double *x, ptrdiff_t incx, double *sums) {
  const ptrdiff_t whole = m & ~(ptrdiff_t)3;
  ptrdiff_t p = 0;
  for (; p + 4 <= k; p += 4) {
    double s0 = alpha * x[p * incx], s1 = alpha * x[(p + 1) * incx];
    double s2 = alpha * x[(p + 2) * incx], s3 = alpha * x[(p + 3) * incx];
    const double *c0 = columns + p * column_stride, *c1 = c0 + column_stride;
    const double *c2 = c1 + column_stride, *c3 = c2 + column_stride;
    __m256d v0 = _mm256_set1_pd(s0), v1 = _mm256_set1_pd(s1), v2 = _mm256_set1_pd(s2), v3 = _mm256_set1_pd(s3);
    ptrdiff_t i = 0;
    for (; i < whole; i += 4) {
      __m256d y = _mm256_loadu_pd(sums + i);
      y = _mm256_fmadd_pd(v0, _mm256_loadu_pd(c0 + i), y); y = _mm256_fmadd_pd(v1, _mm256_loadu_pd(c1 + i), y);
      y = _mm256_fmadd_pd(v2, _mm256_loadu_pd(c2 + i), y); y = _mm256_fmadd_pd(v3, _mm256_loadu_pd(c3 + i), y);
      _mm256_storeu_pd(sums + i, y);
    }
    for (; i < m; i++) {
      double y = __builtin_fma(s0, c0[i], sums[i]);
      y = __builtin_fma(s1, c1[i], y); y = __builtin_fma(s2, c2[i], y);
      sums[i] = __builtin_fma(s3, c3[i], y);
    }
  }
  for (; p < k; p++) {
    double scaled = alpha * x[p * incx];
    const double *c = columns + p * column_stride;
    __m256d v = _mm256_set1_pd(scaled);
    ptrdiff_t i = 0;
    for (; i < whole; i += 4) _mm256_storeu_pd(sums + i, _mm256_fmadd_pd(v, _mm256_loadu_pd(c + i), _mm256_loadu_pd(sums + i)));
    for (; i < m; i++) sums[i] = __builtin_fma(scaled, c[i], sums[i]);
  }
}

const gemv_kernels gemv_kernels_avx2_fma = {.dot_rows = avx2_dot_rows, .add_scaled_columns = avx2_add_scaled_columns};
#endif
