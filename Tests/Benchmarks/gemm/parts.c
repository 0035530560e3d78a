/* Intrinsic two-thread bound: CPU time of the whole single-thread product vs one of the two parts the
   two-thread split runs (rows 0..m/2, all of B: the part that repacks the shared operand). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "CAdjointKernels.h"
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
static double med(long m, long n, double *a, double *b, double *c, int isa) {
  double s[15];
  adjoint_dgemm(0, 0, m, n, n, 1, a, n, b, n, 0, c, n, 1, isa);
  double t0 = cpu(); adjoint_dgemm(0, 0, m, n, n, 1, a, n, b, n, 0, c, n, 1, isa);
  int batch = (int)(0.02 / (cpu() - t0)) + 1;
  for (int r = 0; r < 15; r++) { t0 = cpu(); for (int i = 0; i < batch; i++) adjoint_dgemm(0, 0, m, n, n, 1, a, n, b, n, 0, c, n, 1, isa); s[r] = (cpu() - t0) / batch; }
  qsort(s, 15, 8, cmp); return s[7];
}
int main(int argc, char **argv) {
  int isa = atoi(argv[1]);
  for (int i = 2; i < argc; i++) {
    long n = atol(argv[i]);
    double *a = aligned_alloc(64, n * n * 8), *b = aligned_alloc(64, n * n * 8), *c = aligned_alloc(64, n * n * 8);
    for (long j = 0; j < n * n; j++) { a[j] = rand() / (double)RAND_MAX; b[j] = rand() / (double)RAND_MAX; }
    long half = (n / 2 + 7) / 8 * 8;
    double whole = med(n, n, a, b, c, isa), part = med(half, n, a, b, c, isa);
    printf("%s n %5ld  whole %8.1f us  part (%ld rows) %8.1f us  bound whole/part %.2f\n", adjoint_gemm_isa_name(isa), n, whole * 1e6, half, part * 1e6, whole / part);
    free(a); free(b); free(c);
  }
}
