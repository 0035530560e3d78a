/* The two-thread product. C is cut at tile boundaries into CHUNKS equal parts along its longer side; each
   part is a single-thread blocked product with its own packing space (the operand all parts share is
   packed by each, an O(mk) or O(kn) cost against O(mnk/CHUNKS) work).

   The parts are claimed, not assigned: this thread and a helper started with pthread_create each take
   the next unclaimed part from an atomic counter. If the helper is slow to be scheduled (on a busy VM a
   thread can wait milliseconds for a core), this thread claims the parts itself and never waits for a
   helper that has not started. The shared state is on the heap with a reference count, because a late
   helper may still look at it after this call returns; it then finds no part left and touches nothing
   else. */
#include <pthread.h>
#include <stdlib.h>
#include "gemm_internal.h"

#ifndef CHUNKS
#define CHUNKS 2
#endif

typedef struct {
  const gemm_kernel_family *family;
  gemm_matrix_view a, b;
  ptrdiff_t m, n, k;
  double alpha, beta;
  double *c;
  ptrdiff_t ldc;
  int split_columns;   /* parts are column ranges of C (else row ranges) */
  ptrdiff_t extent;    /* columns (or rows) per part; the last may have fewer */
  int count;           /* parts: at most CHUNKS, each nonempty */
  double *workspace[2]; /* packing space for this thread and for the helper */
  int next_part;       /* atomic: the next unclaimed part */
  int finished_parts;  /* guarded by lock */
  int references;          /* atomic: the caller and (if started) the helper; the last one frees */
  pthread_mutex_t lock;
  pthread_cond_t all_finished;
} shared_product;

static void run_part(const shared_product *p, int part, double *workspace) {
  ptrdiff_t start = part * p->extent;
  gemm_matrix_view a = p->a, b = p->b;
  ptrdiff_t m = p->m, n = p->n;
  double *c = p->c;
  if (p->split_columns) {
    n = n - start < p->extent ? n - start : p->extent;
    b.base += start * b.column_stride;
    c += start;
  } else {
    m = m - start < p->extent ? m - start : p->extent;
    a.base += start * a.row_stride;
    c += start * p->ldc;
  }
  gemm_blocked(p->family, a, b, m, n, p->k, p->alpha, p->beta, c, p->ldc, workspace);
}

static void claim_and_run_parts(shared_product *p, double *workspace) {
  for (;;) {
    int part = __atomic_fetch_add(&p->next_part, 1, __ATOMIC_RELAXED);
    if (part >= p->count) return;
    run_part(p, part, workspace);
    pthread_mutex_lock(&p->lock);
    if (++p->finished_parts == p->count) pthread_cond_signal(&p->all_finished);
    pthread_mutex_unlock(&p->lock);
  }
}

static void release(shared_product *p) {
  if (__atomic_sub_fetch(&p->references, 1, __ATOMIC_ACQ_REL) == 0) {
    pthread_cond_destroy(&p->all_finished);
    pthread_mutex_destroy(&p->lock);
    free(p);
  }
}

static void *helper_main(void *argument) {
  shared_product *p = argument;
  claim_and_run_parts(p, p->workspace[1]);
  release(p);
  return NULL;
}

static ptrdiff_t round_up(ptrdiff_t x, ptrdiff_t multiple) { return (x + multiple - 1) / multiple * multiple; }

int gemm_two_threads(const gemm_kernel_family *f, gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n,
                     ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc) {
  shared_product *p = calloc(1, sizeof *p);
  if (p == NULL) return 0;
  *p = (shared_product){.family = f, .a = a, .b = b, .m = m, .n = n, .k = k, .alpha = alpha, .beta = beta,
                        .c = c, .ldc = ldc, .references = 1};
  /* Parts of whole tiles; with more than one tile on the split side (the caller guarantees n > nr or
     m > mr) there are at least two parts, each nonempty. */
  p->split_columns = n > f->nr && (n >= m || m <= f->mr);
  ptrdiff_t side = p->split_columns ? n : m, tile = p->split_columns ? f->nr : f->mr;
  p->extent = round_up((side + CHUNKS - 1) / CHUNKS, tile);
  p->count = (int)((side + p->extent - 1) / p->extent);
  ptrdiff_t part_m = p->split_columns ? m : p->extent, part_n = p->split_columns ? p->extent : n;
  ptrdiff_t scalars = gemm_workspace_scalars(f, part_m, part_n, k);
  double *workspace = gemm_thread_workspace(2 * scalars);
  if (workspace == NULL || pthread_mutex_init(&p->lock, NULL) != 0) {
    free(p);
    return 0;
  }
  if (pthread_cond_init(&p->all_finished, NULL) != 0) {
    pthread_mutex_destroy(&p->lock);
    free(p);
    return 0;
  }
  p->workspace[0] = workspace;
  p->workspace[1] = workspace + scalars;

  pthread_attr_t attributes;
  pthread_t helper;
  int started = 0;
  if (pthread_attr_init(&attributes) == 0) {
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    p->references = 2;
    started = pthread_create(&helper, &attributes, helper_main, p) == 0;
    if (!started) p->references = 1;
    pthread_attr_destroy(&attributes);
  }
  claim_and_run_parts(p, p->workspace[0]);
  pthread_mutex_lock(&p->lock);
  while (p->finished_parts < p->count) pthread_cond_wait(&p->all_finished, &p->lock);
  pthread_mutex_unlock(&p->lock);
  release(p);
  return 1;
}
