/* Per-thread packing buffers, reused across calls: allocating (and page-faulting) a fresh buffer of a few
   hundred KB on every product would cost more than packing itself for mid-sized matrices. Each calling
   thread owns one buffer, grown on demand and freed by a pthread key destructor when the thread exits. */
#include <pthread.h>
#include <stdlib.h>
#include "gemm_internal.h"

typedef struct {
  double *scalars;
  ptrdiff_t capacity;
} thread_buffer;

static pthread_key_t buffer_key;
static pthread_once_t buffer_key_once = PTHREAD_ONCE_INIT;
static int buffer_key_ready;

static void free_thread_buffer(void *value) {
  thread_buffer *buffer = value;
  free(buffer->scalars);
  free(buffer);
}

static void make_buffer_key(void) { buffer_key_ready = pthread_key_create(&buffer_key, free_thread_buffer) == 0; }

double *gemm_thread_workspace(ptrdiff_t scalars) {
  pthread_once(&buffer_key_once, make_buffer_key);
  if (!buffer_key_ready) return NULL;
  thread_buffer *buffer = pthread_getspecific(buffer_key);
  if (buffer == NULL) {
    buffer = calloc(1, sizeof *buffer);
    if (buffer == NULL || pthread_setspecific(buffer_key, buffer) != 0) {
      free(buffer);
      return NULL;
    }
  }
  if (buffer->capacity < scalars) {
    /* Round the size up so that a sequence of slightly growing products does not reallocate every time. */
    size_t bytes = ((size_t)scalars * sizeof(double) + 65535) & ~(size_t)65535;
    void *fresh = NULL;
    if (posix_memalign(&fresh, 64, bytes) != 0) return NULL;
    free(buffer->scalars);
    buffer->scalars = fresh;
    buffer->capacity = (ptrdiff_t)(bytes / sizeof(double));
  }
  return buffer->scalars;
}
