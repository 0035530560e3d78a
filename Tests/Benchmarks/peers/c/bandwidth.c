// Measures one core's memory bandwidth on buffers far larger than the caches, for the floor of the scalar
// tape (W1, W8): a tape's bytes written in the forward pass and read back by the reverse sweep.
//  write  stores 8-byte words into a 256 MiB buffer (the pattern of recording: sequential stores)
//  read   sums the buffer (the pattern of the sweep: a sequential, here forward, read)
//  copy   reads one 128 MiB buffer and writes another
// Pages are touched once before timing; best of 9, in thread CPU time (on a loaded machine wall-clock time
// would count the time the thread waits for a core; memory contention from other processes still counts). Build: gcc -O2 -mavx2 c/bandwidth.c -o .build-peers/bandwidth
// Prints JSON lines (workload "memory-bandwidth", system "bandwidth-probe", GB/s = 1e9 bytes per second).
// Usage: bandwidth [MIB]   (buffer size, default 256)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);  // CPU time: not lowered by descheduling
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void report(const char *metric, double bytes, double seconds) {
  printf("{\"workload\": \"memory-bandwidth\", \"system\": \"bandwidth-probe\", \"threads\": 1, \"metric\": \"%s\", "
         "\"value\": %.3f, \"unit\": \"GB/s\", \"bytes\": %.0f}\n", metric, bytes / seconds * 1e-9, bytes);
}

int main(int argc, char **argv) {
  /* Buffer size in MiB (default 256: past the caches; the scalar tapes of W1 and W8 at N = 10^6 are 24-96 MB,
     which a large shared L3 may partly hold). */
  const size_t mib = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 256;
  const size_t n = (mib << 20) / sizeof(double);
  double *a = malloc(n * sizeof(double));
  double *b = malloc(n * sizeof(double));
  if (!a || !b) return 1;
  memset(a, 0, n * sizeof(double));
  memset(b, 0, n * sizeof(double));
  double best_write = 1e9, best_read = 1e9, best_copy = 1e9, sink = 0;
  for (int rep = 0; rep < 9; rep++) {
    double t0 = now();
    for (size_t i = 0; i < n; i++) a[i] = 1.0;
    double t1 = now();
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;  // independent chains
    for (size_t i = 0; i < n; i += 8) {
      s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3];
      s4 += a[i + 4]; s5 += a[i + 5]; s6 += a[i + 6]; s7 += a[i + 7];
    }
    double s = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    double t2 = now();
    memcpy(b, a, n / 2 * sizeof(double));
    double t3 = now();
    sink += s + b[rep];
    if (t1 - t0 < best_write) best_write = t1 - t0;
    if (t2 - t1 < best_read) best_read = t2 - t1;
    if (t3 - t2 < best_copy) best_copy = t3 - t2;
  }
  report("write_gb_per_s", (double)n * sizeof(double), best_write);
  report("read_gb_per_s", (double)n * sizeof(double), best_read);
  report("copy_gb_per_s", (double)n * sizeof(double), best_copy);  // bytes read + bytes written
  fprintf(stderr, "sink %g\n", sink);
  return 0;
}
