/* W6's matrix-vector products, Adjoint and OpenBLAS (numpy's bundled library, dlopen-ed from $OPENBLAS_LIB)
   alternating batch by batch in one process: y = A x (A's rows contiguous: dot products) and z = wᵀ A (A's
   columns contiguous: sums of scaled rows), A m x k row-major. Prints medians of `reps` batches of >= 20 ms, in
   ms per product and in GB/s of matrix streamed. CPUTIME=1 times with the thread's CPU clock (for two threads
   that is the caller's CPU only, so use wall time there). Usage: gemv ISA THREADS REPS M K
   (ISA: 1 portable, 2 avx2-fma, 3 avx512; THREADS 1 or 2). */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "CAdjointKernels.h"
typedef void (*gemv_fn)(int, int, long long, long long, double, const double *, long long, const double *, long long,
                        double, double *, long long);
typedef void (*setthreads_fn)(int);
static int use_cpu;
static double now(void) {
  struct timespec t;
  clock_gettime(use_cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
static long m, k;
static double *a, *x, *w, *y, *z;
static int isa, threads;
static void ours(int transposed) {
  if (transposed) adjoint_dgemm(0, 0, 1, k, m, 1, w, m, a, k, 0, z, k, threads, isa);
  else adjoint_dgemm(0, 0, m, 1, k, 1, a, k, x, 1, 0, y, 1, threads, isa);
}
static gemv_fn blas;
static void theirs(int transposed) {
  if (transposed) blas(101, 112, m, k, 1, a, k, w, 1, 0, z, 1); /* CblasRowMajor, CblasTrans */
  else blas(101, 111, m, k, 1, a, k, x, 1, 0, y, 1);
}
static double median_ms(void (*f)(int), int transposed, int batch, int reps, double *samples, int r) {
  double t0 = now();
  for (int i = 0; i < batch; i++) f(transposed);
  samples[r] = (now() - t0) / batch * 1e3;
  return samples[r];
}
int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: gemv ISA THREADS REPS M K\n"); return 2; }
  use_cpu = getenv("CPUTIME") != NULL;
  isa = atoi(argv[1]); threads = atoi(argv[2]); int reps = atoi(argv[3]); m = atol(argv[4]); k = atol(argv[5]);
  if (reps > 200) reps = 200;
  const char *lib = getenv("OPENBLAS_LIB");
  if (lib) {
    void *h = dlopen(lib, RTLD_NOW);
    blas = (gemv_fn)dlsym(h, "scipy_cblas_dgemv64_");
    ((setthreads_fn)dlsym(h, "scipy_openblas_set_num_threads64_"))(threads);
  }
  a = aligned_alloc(64, m * k * 8); x = malloc(k * 8); w = malloc(m * 8); y = malloc(m * 8); z = malloc(k * 8);
  double *y2 = malloc(m * 8), *z2 = malloc(k * 8);
  srand(1);
  for (long i = 0; i < m * k; i++) a[i] = rand() / (double)RAND_MAX - 0.5;
  for (long i = 0; i < k; i++) x[i] = rand() / (double)RAND_MAX - 0.5;
  for (long i = 0; i < m; i++) w[i] = rand() / (double)RAND_MAX - 0.5;
  ours(0); ours(1);
  if (blas) {
    for (long i = 0; i < m; i++) y2[i] = y[i];
    for (long i = 0; i < k; i++) z2[i] = z[i];
    theirs(0); theirs(1);
    double err = 0;
    for (long i = 0; i < m; i++) err = fmax(err, fabs(y[i] - y2[i]));
    for (long i = 0; i < k; i++) err = fmax(err, fabs(z[i] - z2[i]));
    if (err > 1e-10) printf("ERR %g\n", err);
  }
  printf("isa %s threads %d, A %ld x %ld (%.1f MB)%s\n", adjoint_gemm_isa_name(isa), threads, m, k, m * k * 8e-6,
         use_cpu ? ", CPU time" : ", wall time");
  for (int transposed = 0; transposed < 2; transposed++) {
    double t0 = now(); ours(transposed); double one = now() - t0;
    int batch = (int)(0.02 / one) + 1;
    double sa[200], sb[200];
    for (int r = 0; r < reps; r++) {
      median_ms(ours, transposed, batch, reps, sa, r);
      if (blas) median_ms(theirs, transposed, batch, reps, sb, r); else sb[r] = 0;
    }
    qsort(sa, reps, 8, cmp); qsort(sb, reps, 8, cmp);
    double gb = m * k * 8e-9;
    printf("%s  adjoint %.1f us (%.1f GB/s, best %.1f)  openblas %.1f us (%.1f GB/s, best %.1f)\n",
           transposed ? "wᵀA" : "A x", sa[reps / 2] * 1e3, gb / sa[reps / 2] * 1e3, sa[0] * 1e3, sb[reps / 2] * 1e3,
           sb[reps / 2] > 0 ? gb / sb[reps / 2] * 1e3 : 0, sb[0] * 1e3);
  }
  return 0;
}
