/* Packing: copies a block of op(A) or op(B) into the contiguous sliver layout the micro-kernels stream
   through. Transposition costs nothing extra here: op(X) is X's view with its strides swapped, and the
   routine picks the loop order that reads memory contiguously for the strides it is given.
   Header-only and always inlined: each kernel file instantiates it with its own tile width inside a
   function carrying its own target attribute, so packing is compiled for the same ISA as the kernel. */
#ifndef ADJOINT_GEMM_PACK_H
#define ADJOINT_GEMM_PACK_H
#include "gemm_internal.h"

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* One sliver of `width` lanes: lane l, step p of `view` at dst[p*width + l]; lanes >= `used` are zero.
   Element (lane l, step p) of the view is at base[l*lane_stride + p*step_stride]. The sliver is written
   front to back, one step (width values) at a time; a full sliver's inner loop has a constant trip count,
   so it becomes vector loads (lanes contiguous) or an unrolled gather over `width` sequential streams. */
static ALWAYS_INLINE void pack_sliver(const double *base, ptrdiff_t lane_stride, ptrdiff_t step_stride,
                                      ptrdiff_t used, ptrdiff_t depth, ptrdiff_t width, double *restrict dst) {
  if (used == width && lane_stride == 1) {
    for (ptrdiff_t p = 0; p < depth; p++, dst += width)
      for (ptrdiff_t l = 0; l < width; l++) dst[l] = base[p * step_stride + l];
  } else if (used == width) {
    for (ptrdiff_t p = 0; p < depth; p++, dst += width)
      for (ptrdiff_t l = 0; l < width; l++) dst[l] = base[l * lane_stride + p * step_stride];
  } else {
    for (ptrdiff_t p = 0; p < depth; p++, dst += width) {
      for (ptrdiff_t l = 0; l < used; l++) dst[l] = base[l * lane_stride + p * step_stride];
      for (ptrdiff_t l = used; l < width; l++) dst[l] = 0;
    }
  }
}

/* All slivers of a block: `lanes` lanes in slivers of `width`, each `depth` steps long.
   For op(A) (slivers of mr rows): lanes are rows, steps are columns, so lane_stride = row_stride.
   For op(B) (slivers of nr columns): lanes are columns, steps are rows, so lane_stride = column_stride. */
static ALWAYS_INLINE void gemm_pack_block(const double *base, ptrdiff_t lane_stride, ptrdiff_t step_stride,
                                     ptrdiff_t lanes, ptrdiff_t depth, ptrdiff_t width, double *restrict dst) {
  for (ptrdiff_t first = 0; first < lanes; first += width) {
    ptrdiff_t used = lanes - first < width ? lanes - first : width;
    pack_sliver(base + first * lane_stride, lane_stride, step_stride, used, depth, width, dst + first * depth);
  }
}

#endif
