/* Matrix-product shapes of W2 (and W4) per call, Adjoint vs OpenBLAS, one thread, CPU time, medians of 21.
   Usage: small ISA [N...] (with N given: square N x N products instead of the built-in shapes). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "CAdjointKernels.h"
typedef void (*cblas_fn)(int, int, int, long long, long long, long long, double, const double *, long long,
                         const double *, long long, double, double *, long long);
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
int main(int argc, char **argv) {
  void *h = dlopen(getenv("OPENBLAS_LIB"), RTLD_NOW);
  cblas_fn blas = (cblas_fn)dlsym(h, "scipy_cblas_dgemm64_");
  ((void (*)(int))dlsym(h, "scipy_openblas_set_num_threads64_"))(1);
  int isa = atoi(argv[1]);
  long shapes[][5] = {{100,16,2,0,0},{100,16,16,0,0},{100,1,16,0,0},{100,16,16,0,1},{100,16,1,0,1},{2,16,100,1,0},{16,16,100,1,0},{16,1,100,1,0},{128,256,784,0,0},{784,256,128,1,0},{128,784,256,0,1}};
  int count = (int)(sizeof shapes / sizeof *shapes);
  if (argc > 2) { count = argc - 2; for (int i = 0; i < count; i++) { long n = atol(argv[i + 2]); shapes[i][0] = shapes[i][1] = shapes[i][2] = n; shapes[i][3] = shapes[i][4] = 0; } }
  for (int s = 0; s < count; s++) {
    long m = shapes[s][0], n = shapes[s][1], k = shapes[s][2]; int ta = shapes[s][3], tb = shapes[s][4];
    double *a = malloc(8 * m * k), *b = malloc(8 * k * n), *c = malloc(8 * m * n);
    for (long i = 0; i < m * k; i++) a[i] = i % 7; for (long i = 0; i < k * n; i++) b[i] = i % 5;
    long lda = ta ? m : k, ldb = tb ? k : n;
    int reps = (int)(2e7 / (m * n * k + 2000)) + 1;
    double sa[21], sb[21];
    for (int r = 0; r < 21; r++) {
      double t0 = cpu(); for (int i = 0; i < reps; i++) adjoint_dgemm(ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, n, 1, isa); sa[r] = (cpu() - t0) / reps;
      t0 = cpu(); for (int i = 0; i < reps; i++) blas(101, ta ? 112 : 111, tb ? 112 : 111, m, n, k, 1, a, lda, b, ldb, 0, c, n); sb[r] = (cpu() - t0) / reps;
    }
    qsort(sa, 21, 8, cmp); qsort(sb, 21, 8, cmp);
    printf("%4ldx%-4ld * %4ldx%-4ld tA%d tB%d  adjoint %8.2f us  openblas %8.2f us  ratio %.2f\n", m, k, k, n, ta, tb, sa[10] * 1e6, sb[10] * 1e6, sb[10] / sa[10]);
  }
}
