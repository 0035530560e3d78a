/* adjoint_dgemm against a naive triple loop: random shapes around the tiles and blocks, all four transpose
   variants, padded leading dimensions, alpha/beta, 1 and 2 threads, every supported kernel family. Build it
   with -fsanitize=address to catch reads or writes past an operand. Then matrix-vector products (n == 1 or
   m == 1, gemv.c) large enough for its two-thread split: against the naive loop, and bit for bit between one
   and two threads and between the avx2-fma and avx512 families. Usage: naive_check */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include "CAdjointKernels.h"
int main(void) {
  int sizes[] = {1, 2, 3, 5, 6, 7, 8, 9, 13, 17, 23, 24, 25, 31, 47, 64, 97, 130, 257, 300};
  int ns = sizeof sizes / sizeof *sizes, bad = 0, cases = 0;
  srand(3);
  for (int isa = 1; isa <= 3; isa++) {
    if (!adjoint_gemm_isa_is_supported(isa)) continue;
    for (int trial = 0; trial < 400; trial++) {
      long m = sizes[rand() % ns], n = sizes[rand() % ns], k = sizes[rand() % ns];
      int ta = rand() % 2, tb = rand() % 2, threads = 1 + rand() % 2;
      long lda = (ta ? m : k) + rand() % 3, ldb = (tb ? k : n) + rand() % 3, ldc = n + rand() % 3;
      double alpha = (rand() % 2) ? 1 : -0.5, beta = (rand() % 3) == 0 ? 0 : 0.75;
      double *a = malloc(sizeof(double) * lda * (ta ? k : m) + 8), *b = malloc(sizeof(double) * ldb * (tb ? n : k) + 8);
      double *c = malloc(sizeof(double) * ldc * m), *r = malloc(sizeof(double) * ldc * m);
      for (long i = 0; i < lda * (ta ? k : m); i++) a[i] = rand() / (double)RAND_MAX - 0.5;
      for (long i = 0; i < ldb * (tb ? n : k); i++) b[i] = rand() / (double)RAND_MAX - 0.5;
      for (long i = 0; i < ldc * m; i++) c[i] = r[i] = rand() / (double)RAND_MAX;
      for (long i = 0; i < m; i++) for (long j = 0; j < n; j++) {
        double s = 0;
        for (long p = 0; p < k; p++) s += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
        r[i * ldc + j] = alpha * s + beta * r[i * ldc + j];
      }
      adjoint_dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads, isa);
      double err = 0;
      for (long i = 0; i < m; i++) for (long j = 0; j < n; j++) err = fmax(err, fabs(c[i * ldc + j] - r[i * ldc + j]));
      for (long i = 0; i < m; i++) for (long j = n; j < ldc; j++) if (c[i * ldc + j] != r[i * ldc + j]) err = 1e9;
      cases++;
      if (err > 1e-12 * (k + 1)) { bad++; printf("BAD isa %d m %ld n %ld k %ld ta %d tb %d err %g\n", isa, m, n, k, ta, tb, err); }
      free(a); free(b); free(c); free(r);
    }
  }
  int vsizes[] = {16, 17, 31, 63, 200, 513, 1001, 2049}, nv = sizeof vsizes / sizeof *vsizes;
  for (int trial = 0; trial < 120; trial++) {
    int row = rand() % 2; /* m == 1 (else n == 1) */
    long outer = vsizes[rand() % nv], k = rand() % 2 ? vsizes[rand() % nv] : sizes[rand() % ns];
    long m = row ? 1 : outer, n = row ? outer : 1;
    int ta = rand() % 2, tb = rand() % 2;
    long lda = (ta ? m : k) + rand() % 3, ldb = (tb ? k : n) + rand() % 3, ldc = n + rand() % 3;
    double alpha = (rand() % 2) ? 1 : -0.5, beta = (rand() % 3) == 0 ? 0 : 0.75;
    double *a = malloc(sizeof(double) * lda * (ta ? k : m) + 8), *b = malloc(sizeof(double) * ldb * (tb ? n : k) + 8);
    double *r = malloc(sizeof(double) * ldc * m), *c0 = malloc(sizeof(double) * ldc * m);
    for (long i = 0; i < lda * (ta ? k : m); i++) a[i] = rand() / (double)RAND_MAX - 0.5;
    for (long i = 0; i < ldb * (tb ? n : k); i++) b[i] = rand() / (double)RAND_MAX - 0.5;
    for (long i = 0; i < ldc * m; i++) c0[i] = r[i] = rand() / (double)RAND_MAX;
    for (long i = 0; i < m; i++) for (long j = 0; j < n; j++) {
      double s = 0;
      for (long p = 0; p < k; p++) s += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
      r[i * ldc + j] = alpha * s + beta * r[i * ldc + j];
    }
    double *first[4] = {0};
    for (int isa = 1; isa <= 3; isa++) {
      if (!adjoint_gemm_isa_is_supported(isa)) continue;
      for (int threads = 2; threads >= 1; threads--) { /* two first: a part left out would not find one thread's sums */
        double *c = malloc(sizeof(double) * ldc * m);
        for (long i = 0; i < ldc * m; i++) c[i] = c0[i];
        adjoint_dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads, isa);
        double err = 0;
        for (long i = 0; i < ldc * m; i++) err = fmax(err, fabs(c[i] - r[i]));
        /* the same bits on one and two threads; avx2-fma (isa 2) and avx512 (isa 3) alike */
        double *same = isa == 3 && first[2] ? first[2] : first[isa];
        if (same) for (long i = 0; i < ldc * m; i++) if (c[i] != same[i]) err = 1e9;
        cases++;
        if (err > 1e-12 * (k + 1)) { bad++; printf("BAD gemv isa %d threads %d m %ld n %ld k %ld ta %d tb %d err %g\n", isa, threads, m, n, k, ta, tb, err); }
        if (!first[isa]) first[isa] = c; else free(c);
      }
    }
    for (int i = 0; i < 4; i++) free(first[i]);
    free(a); free(b); free(r); free(c0);
  }
  printf("%d cases, %d bad\n", cases, bad);
  return bad != 0;
}
