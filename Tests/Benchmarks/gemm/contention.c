/* Do the two halves of a two-thread product slow each other down? Each half (rows 0..n/2 or n/2..n of C, all of
   B: what a part of the split computes, packing included) is timed by its thread's CPU clock, first alone, then
   while the other half runs on a second thread at the same time (barrier-started, BATCH products each). CPU time
   does not count time slices lost to other processes, so a ratio above 1 is the halves' cost of sharing the
   machine (L3, memory bandwidth, clock), not scheduling; whole / half is the split's ceiling (B packed twice).
   Usage: contention ISA N... */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "CAdjointKernels.h"
enum { BATCH = 10, REPS = 9 };
static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }
static long n;
static int isa;
static double *a, *b, *c;
static pthread_barrier_t barrier;
static double half(int which) { /* CPU seconds per product of one half */
  long rows = n / 2, start = which * rows;
  double t0 = cpu_now();
  for (int i = 0; i < BATCH; i++)
    adjoint_dgemm(0, 0, which ? n - rows : rows, n, n, 1, a + start * n, n, b, n, 0, c + start * n, n, 1, isa);
  return (cpu_now() - t0) / BATCH;
}
static double whole(void) { /* CPU seconds per single-thread product of all of C */
  double t0 = cpu_now();
  for (int i = 0; i < BATCH; i++) adjoint_dgemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n, 1, isa);
  return (cpu_now() - t0) / BATCH;
}
static double concurrent[2];
static void *second(void *unused) {
  (void)unused;
  pthread_barrier_wait(&barrier);
  concurrent[1] = half(1);
  return NULL;
}
int main(int argc, char **argv) {
  isa = atoi(argv[1]);
  pthread_barrier_init(&barrier, NULL, 2);
  printf("isa %s, CPU ms per half product (median of %d batches of %d)\n", adjoint_gemm_isa_name(isa), REPS, BATCH);
  for (int ai = 2; ai < argc; ai++) {
    n = atol(argv[ai]);
    a = aligned_alloc(64, n * n * 8); b = aligned_alloc(64, n * n * 8); c = aligned_alloc(64, n * n * 8);
    for (long i = 0; i < n * n; i++) { a[i] = (i % 7) * 0.1; b[i] = (i % 5) * 0.2; }
    double alone[REPS], together[REPS], other[REPS], all[REPS];
    half(0);
    for (int r = 0; r < REPS; r++) {
      all[r] = whole();
      alone[r] = half(0);
      pthread_t t;
      pthread_create(&t, NULL, second, NULL);
      pthread_barrier_wait(&barrier);
      concurrent[0] = half(0);
      pthread_join(t, NULL);
      together[r] = concurrent[0];
      other[r] = concurrent[1];
    }
    qsort(alone, REPS, 8, cmp); qsort(together, REPS, 8, cmp); qsort(other, REPS, 8, cmp); qsort(all, REPS, 8, cmp);
    printf("n %5ld  whole %.3f  half alone %.3f  together %.3f / %.3f (other half)  together/alone %.3f  "
           "whole/half %.2f  whole/slower half together %.2f\n", n, all[REPS / 2] * 1e3, alone[REPS / 2] * 1e3,
           together[REPS / 2] * 1e3, other[REPS / 2] * 1e3, together[REPS / 2] / alone[REPS / 2],
           all[REPS / 2] / alone[REPS / 2],
           all[REPS / 2] / (together[REPS / 2] > other[REPS / 2] ? together[REPS / 2] : other[REPS / 2]));
    free(a); free(b); free(c);
  }
  return 0;
}
