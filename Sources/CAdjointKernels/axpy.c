/* r = x + factor * y elementwise (BLAS axpy, written to r, which may be x): the fused in-place update of
   Tensor.addProduct. A plain loop the compiler vectorizes; the product and the sum are rounded separately
   (floating-point contraction is off in this file, so no fused multiply-add), and each element's result does
   not depend on how the range is cut, so one thread and two give the same bits. From AXPY_SPLIT_MIN_ELEMENTS
   (1 MiB per operand, past what one core's L2 holds with the other operands) the range is cut in two halves
   at a cache-line boundary and run on this thread and the persistent helper (gemm_threads.c): the pass is
   bound by memory bandwidth, which two cores draw about twice of. */
#include "CAdjointKernels.h"
#include "gemm_internal.h"

#pragma clang fp contract(off)

#define AXPY_SPLIT_MIN_ELEMENTS ((ptrdiff_t)1 << 17)

typedef struct {
  double *r;
  const double *x, *y;
  double factor;
  ptrdiff_t n, half;
} axpy_job;

static void axpy_range(double *r, const double *x, double factor, const double *y, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) r[i] = x[i] + factor * y[i];
}

static void axpy_part(const void *context, int part, int slot) {
  (void)slot;
  const axpy_job *job = context;
  ptrdiff_t start = part == 0 ? 0 : job->half, end = part == 0 ? job->half : job->n;
  axpy_range(job->r + start, job->x + start, job->factor, job->y + start, end - start);
}

void adjoint_axpy(double *r, const double *x, double factor, const double *y, ptrdiff_t n, int threads) {
  if (threads != 1 && n >= AXPY_SPLIT_MIN_ELEMENTS) {
    axpy_job job = {.r = r, .x = x, .y = y, .factor = factor, .n = n, .half = (n / 2 + 7) / 8 * 8};
    if (run_on_two_threads(axpy_part, &job, 2)) return;
  }
  axpy_range(r, x, factor, y, n);
}
