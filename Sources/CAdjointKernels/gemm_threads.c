/* Work on two threads: the persistent helper and its job protocol (run_on_two_threads, used by the two-thread
   product here and by the matrix-vector split of gemv.c), and the two-thread product. For the product, C is cut at
   tile boundaries into CHUNKS parts along the side that splits more evenly; each part is a single-thread blocked
   product with its own packing space (the operand all parts share is packed by each, an O(mk) or O(kn) cost
   against O(mnk/CHUNKS) work).

   The helper is one persistent thread, created on first use and kept for the life of the process; the
   `worker` below is this file's only global state. Creating or waking a thread costs ~0.1 ms (sometimes
   ms) on a small VM, so after a job the helper spins for SPIN_NS watching for the next one before it
   sleeps on a condition variable, and the caller signals only a sleeping helper.

   The parts are claimed, not assigned: the caller and the helper take the next part by a CAS on one word
   holding (job sequence, part count, next part). If the helper is late (asleep, or waiting for a core),
   the caller claims every part itself and never waits for a helper that has not begun. A late helper
   that finds the sequence changed or no part left touches nothing else. A helper that has claimed a part
   keeps the job open (the caller waits for every claimed part), so the job fields it reads stay valid.
   One job at a time: a caller that cannot take the helper (busy flag held by another thread) returns 0
   and its product runs single-threaded. */
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include "gemm_internal.h"

#ifndef CHUNKS
#define CHUNKS 2 /* at most 255: the count and next part are 8-bit fields of the claim word */
#endif
#define SPIN_NS 300000 /* how long the helper waits for a new job, and the caller for the helper, before sleeping */

/* The job the helper is offered: parts of `task` over `context` (the caller's, valid until the job ends). */
typedef struct {
  two_thread_task task;
  const void *context;
} helper_job;

/* A product cut into parts (the context of product_part, and of small_part, which cuts only columns and
   packs nothing). */
typedef struct {
  const gemm_kernel_family *family;
  gemm_matrix_view a, b;
  ptrdiff_t m, n, k;
  double alpha, beta;
  double *c;
  ptrdiff_t ldc;
  int split_columns;    /* parts are column ranges of C (else row ranges) */
  ptrdiff_t extent;     /* columns (or rows) per part; the last may have fewer */
  double *workspace[2]; /* packing space for the caller and for the helper (both in the caller's buffer) */
} product_job;

static struct {
  helper_job job;        /* written only by the caller holding `busy`, before the job is published */
  uint64_t claim;        /* atomic: sequence << 16 | count << 8 | next unclaimed part */
  int finished;          /* atomic: parts of the current job finished */
  int busy;              /* atomic: a caller owns the helper */
  int helper_sleeping;   /* atomic, set under lock: the helper waits on `wake` */
  int caller_sleeping;   /* atomic, set under lock: the caller waits on `done` */
  int helper_ready;      /* the helper thread exists (set once, under pthread_once) */
  pthread_once_t once;
  pthread_mutex_t lock;
  pthread_cond_t wake, done;
} worker = {.once = PTHREAD_ONCE_INIT, .lock = PTHREAD_MUTEX_INITIALIZER,
            .wake = PTHREAD_COND_INITIALIZER, .done = PTHREAD_COND_INITIALIZER};

static uint64_t sequence_of(uint64_t claim) { return claim >> 16; }

static void pause_briefly(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Spins up to SPIN_NS until done(argument) holds; returns whether it does. */
static int spin_until(int (*done)(uint64_t), uint64_t argument) {
  int64_t deadline = now_ns() + SPIN_NS;
  for (unsigned i = 1;; i++) {
    if (done(argument)) return 1;
    pause_briefly();
    if (i % 64 == 0 && now_ns() > deadline) return 0;
  }
}

static void product_part(const void *context, int part, int slot) {
  const product_job *p = context;
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
  gemm_blocked(p->family, a, b, m, n, p->k, p->alpha, p->beta, c, p->ldc, p->workspace[slot]);
}

/* Claims and runs parts of job `sequence` until none is left (or a later job has replaced it). */
static void claim_and_run_parts(uint64_t sequence, int slot, int signal_caller) {
  uint64_t claim = __atomic_load_n(&worker.claim, __ATOMIC_ACQUIRE);
  for (;;) {
    int count = (int)(claim >> 8 & 0xff), part = (int)(claim & 0xff);
    if (sequence_of(claim) != sequence || part >= count) return;
    if (!__atomic_compare_exchange_n(&worker.claim, &claim, claim + 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
      continue; /* `claim` now holds the current word */
    worker.job.task(worker.job.context, part, slot);
    __atomic_fetch_add(&worker.finished, 1, __ATOMIC_SEQ_CST); /* publishes this part's C to the caller */
    if (signal_caller && __atomic_load_n(&worker.caller_sleeping, __ATOMIC_SEQ_CST)) {
      pthread_mutex_lock(&worker.lock); /* the caller holds the lock from its check until it waits */
      pthread_cond_signal(&worker.done);
      pthread_mutex_unlock(&worker.lock);
    }
    claim = __atomic_load_n(&worker.claim, __ATOMIC_ACQUIRE);
  }
}

static int new_job(uint64_t seen) { return sequence_of(__atomic_load_n(&worker.claim, __ATOMIC_SEQ_CST)) != seen; }
static int all_finished(uint64_t count) { return __atomic_load_n(&worker.finished, __ATOMIC_SEQ_CST) >= (int)count; }

static void *helper_main(void *unused) {
  (void)unused;
  for (uint64_t seen = 0;;) {
    if (!spin_until(new_job, seen)) {
      pthread_mutex_lock(&worker.lock);
      __atomic_store_n(&worker.helper_sleeping, 1, __ATOMIC_SEQ_CST); /* then recheck: pairs with publish */
      while (!new_job(seen)) pthread_cond_wait(&worker.wake, &worker.lock);
      __atomic_store_n(&worker.helper_sleeping, 0, __ATOMIC_SEQ_CST);
      pthread_mutex_unlock(&worker.lock);
    }
    seen = sequence_of(__atomic_load_n(&worker.claim, __ATOMIC_ACQUIRE));
    claim_and_run_parts(seen, 1, 1);
  }
  return NULL;
}

/* A child of fork() has no helper thread (and may inherit the lock held): its products run single-threaded. */
static void forget_helper_in_child(void) { worker.helper_ready = 0; }

static void start_helper(void) {
  pthread_attr_t attributes;
  pthread_t helper;
  if (pthread_attr_init(&attributes) != 0) return;
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  worker.helper_ready = pthread_atfork(NULL, NULL, forget_helper_in_child) == 0 &&
                        pthread_create(&helper, &attributes, helper_main, NULL) == 0;
  pthread_attr_destroy(&attributes);
}

static ptrdiff_t round_up(ptrdiff_t x, ptrdiff_t multiple) { return (x + multiple - 1) / multiple * multiple; }

int run_on_two_threads(two_thread_task task, const void *context, int count) {
  pthread_once(&worker.once, start_helper);
  if (!worker.helper_ready || count < 1 || count > 255) return 0;
  int idle = 0;
  if (!__atomic_compare_exchange_n(&worker.busy, &idle, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return 0;
  worker.job = (helper_job){.task = task, .context = context};

  /* Publish: a new sequence with all parts unclaimed (the release orders the job fields before it). */
  __atomic_store_n(&worker.finished, 0, __ATOMIC_RELAXED);
  uint64_t sequence = sequence_of(__atomic_load_n(&worker.claim, __ATOMIC_RELAXED)) + 1;
  __atomic_store_n(&worker.claim, sequence << 16 | (uint64_t)count << 8, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&worker.helper_sleeping, __ATOMIC_SEQ_CST)) {
    pthread_mutex_lock(&worker.lock); /* the helper holds the lock from its recheck until it waits */
    pthread_cond_signal(&worker.wake);
    pthread_mutex_unlock(&worker.lock);
  }
  claim_and_run_parts(sequence, 0, 0);

  /* Wait for parts the helper claimed (none if it was late), spinning first, then on `done`. */
  if (!spin_until(all_finished, (uint64_t)count)) {
    pthread_mutex_lock(&worker.lock);
    __atomic_store_n(&worker.caller_sleeping, 1, __ATOMIC_SEQ_CST); /* then recheck: pairs with the helper */
    while (!all_finished((uint64_t)count)) pthread_cond_wait(&worker.done, &worker.lock);
    __atomic_store_n(&worker.caller_sleeping, 0, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&worker.lock);
  }
  __atomic_store_n(&worker.busy, 0, __ATOMIC_RELEASE);
  return 1;
}

int gemm_two_threads(const gemm_kernel_family *f, gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n,
                     ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc) {
  /* Parts of whole tiles; with more than one tile on the split side (the caller guarantees n > nr or
     m > mr) there are at least two parts, each nonempty. The side split is the one whose largest part is
     the smaller fraction of it: n = 256 with nr = 24 gives columns 144 + 112, rows (mr = 8) 128 + 128. */
  product_job p = {.family = f, .a = a, .b = b, .m = m, .n = n, .k = k, .alpha = alpha, .beta = beta,
                   .c = c, .ldc = ldc};
  ptrdiff_t column_extent = round_up((n + CHUNKS - 1) / CHUNKS, f->nr);
  ptrdiff_t row_extent = round_up((m + CHUNKS - 1) / CHUNKS, f->mr);
  p.split_columns = n > f->nr && (m <= f->mr || column_extent * m <= row_extent * n);
  ptrdiff_t side = p.split_columns ? n : m;
  p.extent = p.split_columns ? column_extent : row_extent;
  int count = (int)((side + p.extent - 1) / p.extent);
  ptrdiff_t part_m = p.split_columns ? m : p.extent, part_n = p.split_columns ? p.extent : n;
  ptrdiff_t scalars = gemm_workspace_scalars(f, part_m, part_n, k);
  double *workspace = gemm_thread_workspace(2 * scalars); /* stays ours until every part has finished */
  if (workspace == NULL) return 0;
  p.workspace[0] = workspace;
  p.workspace[1] = workspace + scalars;
  return run_on_two_threads(product_part, &p, count);
}

static void small_part(const void *context, int part, int slot) {
  (void)slot;
  const product_job *p = context; /* column ranges; no workspace (nothing is packed) */
  ptrdiff_t start = part * p->extent, n = p->n - start < p->extent ? p->n - start : p->extent;
  gemm_matrix_view b = p->b;
  b.base += start; /* column stride 1 */
  p->family->small(p->a, b, p->m, n, p->k, p->alpha, p->beta, p->c + start, p->ldc);
}

int gemm_small_two_threads(const gemm_kernel_family *f, gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m,
                           ptrdiff_t n, ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc) {
  product_job p = {.family = f, .a = a, .b = b, .m = m, .n = n, .k = k, .alpha = alpha, .beta = beta, .c = c,
                 .ldc = ldc, .extent = round_up((n + 1) / 2, f->nr)};
  return run_on_two_threads(small_part, &p, (int)((n + p.extent - 1) / p.extent));
}
