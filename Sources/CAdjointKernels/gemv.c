/* Matrix-vector products, the n == 1 and m == 1 cases of adjoint_dgemm: y = alpha * M x + beta * y.
   Packing a matrix into slivers pays when each element is used many times; in a matrix-vector product each
   is used once, so packing would double the memory traffic (the W6 gradient spent half its time packing).
   Here the matrix is streamed once: as dot products when its rows are contiguous, as a sum of scaled
   columns when its columns are, with the loops of the family the product was dispatched to (gemv_avx512.c,
   gemv_avx2.c, gemv_portable.c; the two FMA families give bit-identical sums). One thread streams at most
   what one core can pull from L3 (~25 GB/s on the Xeon of Docs/MatrixProduct.md, which the loops reach), so a
   large matrix is cut into two row ranges of y, one per thread: each y element is computed by one thread with
   the same operations as on one, so the result does not depend on the thread count. */
#include "gemm_internal.h"

/* threads = 0 splits matrices of at least this many elements (2 MB: ~80 us on one thread, against a wake-up
   of the helper of up to ~90 us when it sleeps, none when it is still spinning after a product). */
#ifndef GEMV_TWO_THREADS_MIN_ELEMENTS
#define GEMV_TWO_THREADS_MIN_ELEMENTS (256 * 1024)
#endif
/* threads = 2 still runs smaller matrices than this on one thread (1 MB, ~10-40 us: a hand-over to a spinning
   helper costs ~1 us, to a sleeping one up to ~90). */
#ifndef GEMV_SPLIT_MIN_ELEMENTS
#define GEMV_SPLIT_MIN_ELEMENTS (128 * 1024)
#endif

/* One product, cut into row ranges of y (`rows` each, the last may have fewer): `results` has m entries,
   the dot products or scaled-column sums, before alpha/beta are applied (dots) or the old y added. */
typedef struct {
  const gemv_kernels *loops;
  gemm_matrix_view mat;
  ptrdiff_t m, k, rows;
  double alpha;
  const double *x;
  ptrdiff_t incx;
  double *results;
} gemv_job;

/* Rows [start, end) of the product into results[start ..< end]. */
static void gemv_part(const void *context, int part, int slot) {
  (void)slot;
  const gemv_job *job = context;
  ptrdiff_t start = part * job->rows, end = start + job->rows < job->m ? start + job->rows : job->m;
  const gemm_matrix_view mat = job->mat;
  double *out = job->results + start;
  if (mat.column_stride == 1) {
    job->loops->dot_rows(mat.base + start * mat.row_stride, mat.row_stride, end - start, job->x, job->k, out);
    return;
  }
  for (ptrdiff_t i = 0; i < end - start; i++) out[i] = 0;
  if (mat.row_stride == 1) {
    job->loops->add_scaled_columns(mat.base + start, mat.column_stride, end - start, job->k, job->alpha, job->x,
                                   job->incx, out);
    return;
  }
  for (ptrdiff_t p = 0; p < job->k; p++) { /* neither stride is 1: no family has loops for it */
    double scaled = job->alpha * job->x[p * job->incx]; /* no skip of zeros: 0 · ∞ gives NaN, as the packed product does */
    const double *column = mat.base + p * mat.column_stride + start * mat.row_stride;
    for (ptrdiff_t i = 0; i < end - start; i++) out[i] += scaled * column[i * mat.row_stride];
  }
}

void gemv_strided(const gemm_kernel_family *family, gemm_matrix_view mat, ptrdiff_t m, ptrdiff_t k, double alpha,
                  const double *x, ptrdiff_t incx, double beta, double *y, ptrdiff_t incy, double *scratch,
                  int threads) {
  gemv_job job = {.loops = family->gemv, .mat = mat, .m = m, .k = k, .rows = m, .alpha = alpha, .x = x,
                  .incx = incx, .results = scratch + k};
  int dots = mat.column_stride == 1;
  if (dots && incx != 1) { /* the dot loops read x contiguously */
    for (ptrdiff_t p = 0; p < k; p++) scratch[p] = x[p * incx];
    job.x = scratch;
    job.incx = 1;
  }
  double elements = (double)m * (double)k;
  if (threads == 0) threads = elements >= GEMV_TWO_THREADS_MIN_ELEMENTS ? 2 : 1;
  int split = 0;
  if (threads >= 2 && elements >= GEMV_SPLIT_MIN_ELEMENTS && m >= 16) {
    job.rows = ((m + 1) / 2 + 7) / 8 * 8; /* whole vectors of y per part; two nonempty parts as m >= 16 */
    split = run_on_two_threads(gemv_part, &job, 2);
  }
  if (!split) {
    job.rows = m;
    gemv_part(&job, 0, 0);
  }
  const double *r = job.results;
  for (ptrdiff_t i = 0; i < m; i++) {
    double *yi = y + i * incy, value = dots ? alpha * r[i] : r[i];
    *yi = beta == 0 ? value : value + beta * *yi;
  }
}
