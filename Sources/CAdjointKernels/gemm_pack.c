/* Packing: copies a block of op(A) or op(B) into the contiguous sliver layout the micro-kernels stream
   through. Transposition costs nothing extra here: op(X) is X's view with its strides swapped, and each
   routine picks the loop order that reads memory contiguously for the strides it is given. */
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

/* All slivers of a block: `lanes` lanes in slivers of `width`, each `depth` steps long. */
static ALWAYS_INLINE void pack_block(const double *base, ptrdiff_t lane_stride, ptrdiff_t step_stride,
                                     ptrdiff_t lanes, ptrdiff_t depth, ptrdiff_t width, double *restrict dst) {
  for (ptrdiff_t first = 0; first < lanes; first += width) {
    ptrdiff_t used = lanes - first < width ? lanes - first : width;
    pack_sliver(base + first * lane_stride, lane_stride, step_stride, used, depth, width, dst + first * depth);
  }
}

/* Instantiates pack_block for the sliver widths the kernels use, so the inner loops have constant trip
   counts the compiler can unroll and vectorise. */
static void pack_any_width(const double *base, ptrdiff_t lane_stride, ptrdiff_t step_stride, ptrdiff_t lanes,
                           ptrdiff_t depth, ptrdiff_t width, double *restrict dst) {
  switch (width) {
  case 4: pack_block(base, lane_stride, step_stride, lanes, depth, 4, dst); break;
  case 6: pack_block(base, lane_stride, step_stride, lanes, depth, 6, dst); break;
  case 8: pack_block(base, lane_stride, step_stride, lanes, depth, 8, dst); break;
  case 24: pack_block(base, lane_stride, step_stride, lanes, depth, 24, dst); break;
  default: pack_block(base, lane_stride, step_stride, lanes, depth, width, dst); break;
  }
}

void gemm_pack_a(gemm_matrix_view a, ptrdiff_t rows, ptrdiff_t depth, ptrdiff_t mr, double *dst) {
  /* Lanes of an A sliver are rows of op(A); steps are its columns. */
  pack_any_width(a.base, a.row_stride, a.column_stride, rows, depth, mr, dst);
}

void gemm_pack_b(gemm_matrix_view b, ptrdiff_t depth, ptrdiff_t columns, ptrdiff_t nr, double *dst) {
  /* Lanes of a B sliver are columns of op(B); steps are its rows. */
  pack_any_width(b.base, b.column_stride, b.row_stride, columns, depth, nr, dst);
}
