/* W5 paired with OpenBLAS in one process: adjoint_dgemm and cblas_dgemm (numpy's bundled OpenBLAS, dlopen-ed from
   $OPENBLAS_LIB) alternate batch by batch, n x n products, medians of `reps` batches of >= 30 ms.
   CPUTIME=1 times with the thread's CPU clock (what the kernel costs, unaffected by time slices lost to other
   processes); otherwise wall time. Usage: paired ISA THREADS REPS N... (ISA: 1 portable, 2 avx2-fma, 3 avx512). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>
#include "CAdjointKernels.h"
typedef void (*cblas_fn)(int, int, int, long long, long long, long long, double, const double *, long long,
                         const double *, long long, double, double *, long long);
typedef void (*setthreads_fn)(int);
static int use_cpu; static double now(void) { struct timespec t; clock_gettime(use_cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
int main(int argc, char **argv) {
  use_cpu = getenv("CPUTIME") != NULL; int isa = atoi(argv[1]), threads = atoi(argv[2]), reps = atoi(argv[3]);
  const char *lib = getenv("OPENBLAS_LIB");
  cblas_fn blas = NULL; setthreads_fn st = NULL;
  if (lib) { void *h = dlopen(lib, RTLD_NOW); blas = (cblas_fn)dlsym(h, "scipy_cblas_dgemm64_"); st = (setthreads_fn)dlsym(h, "scipy_openblas_set_num_threads64_"); st(threads); }
  printf("isa %s threads %d\n", adjoint_gemm_isa_name(isa), threads);
  for (int ai = 4; ai < argc; ai++) {
    long n = atol(argv[ai]);
    double *a = aligned_alloc(64, n * n * 8), *b = aligned_alloc(64, n * n * 8), *c = aligned_alloc(64, n * n * 8), *d = aligned_alloc(64, n * n * 8);
    srand(1);
    for (long i = 0; i < n * n; i++) { a[i] = rand() / (double)RAND_MAX; b[i] = rand() / (double)RAND_MAX; }
    double flops = 2.0 * n * n * n;
    adjoint_dgemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n, threads, isa);
    if (blas) { blas(101, 111, 111, n, n, n, 1, a, n, b, n, 0, d, n);
      double err = 0; for (long i = 0; i < n * n; i++) err = fmax(err, fabs(c[i] - d[i])); if (err > 1e-9 * n) printf("ERR %g\n", err); }
    double t0 = now(); adjoint_dgemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n, threads, isa); double one = now() - t0;
    int batch = (int)(0.03 / one) + 1;
    double sa[201], sb[201];
    for (int r = 0; r < reps; r++) {
      t0 = now(); for (int i = 0; i < batch; i++) adjoint_dgemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n, threads, isa);
      sa[r] = flops * batch / (now() - t0) / 1e9;
      if (blas) { t0 = now(); for (int i = 0; i < batch; i++) blas(101, 111, 111, n, n, n, 1, a, n, b, n, 0, d, n);
        sb[r] = flops * batch / (now() - t0) / 1e9; } else sb[r] = 0;
    }
    qsort(sa, reps, 8, cmp); qsort(sb, reps, 8, cmp);
    printf("n %5ld  adjoint %6.1f (max %6.1f)  openblas %6.1f (max %6.1f)  ratio %.3f\n", n, sa[reps / 2], sa[reps - 1], sb[reps / 2], sb[reps - 1], sb[reps/2] > 0 ? sa[reps / 2] / sb[reps / 2] : 0);
    free(a); free(b); free(c); free(d);
  }
}
