/*===- memcpy-time.c - memcpy baseline for run_block_bench.sh -------------===*
 *
 * Prints `time_ms min=<ms> median=<ms> runs=<N>` for memcpy of <bytes>
 * bytes, in the format of quant-dyn-runner --time, so the script can put
 * both side by side.
 *
 *===----------------------------------------------------------------------===*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <bytes> <runs>\n", argv[0]);
    return 1;
  }
  size_t bytes = strtoull(argv[1], NULL, 10);
  int runs = atoi(argv[2]);
  if (bytes == 0 || runs <= 0)
    return 1;
  char *src = malloc(bytes), *dst = malloc(bytes);
  double *ms = malloc(sizeof(double) * runs);
  if (!src || !dst || !ms)
    return 1;
  memset(src, 1, bytes);
  memcpy(dst, src, bytes); /* page in the destination */
  for (int i = 0; i < runs; ++i) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memcpy(dst, src, bytes);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms[i] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) * 1e-6;
  }
  qsort(ms, runs, sizeof(double), compare);
  printf("time_ms min=%.3f median=%.3f runs=%d\n", ms[0], ms[runs / 2], runs);
  return dst[bytes - 1] == 1 ? 0 : 1;
}
