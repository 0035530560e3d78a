/* The single-threaded cache-blocked product (Goto's loop nest): for each nc-wide column panel of op(B)
   and each kc-deep slice of k, pack that kc x nc panel of op(B) (it stays in L2/L3); for each mc-tall row
   block of op(A), pack its mc x kc block; then sweep the micro-kernel over the mr x nr tiles of C. */
#include "gemm_internal.h"

static ptrdiff_t min_of(ptrdiff_t x, ptrdiff_t y) { return x < y ? x : y; }
static ptrdiff_t round_up(ptrdiff_t x, ptrdiff_t multiple) { return (x + multiple - 1) / multiple * multiple; }

/* Splits `extent` into equal-ish blocks of at most `block`, rounded up to `granule`: 300 with block 256
   gives two blocks of 152 and 148, not 256 and 44, so no pass over the data is wastefully thin. */
static ptrdiff_t balanced_block(ptrdiff_t extent, ptrdiff_t block, ptrdiff_t granule) {
  ptrdiff_t count = (extent + block - 1) / block;
  return min_of(block, round_up((extent + count - 1) / count, granule));
}

/* Packed A and packed B sizes, each rounded to whole 64-byte lines so that B starts aligned after A. */
static ptrdiff_t packed_a_scalars(const gemm_kernel_family *f, ptrdiff_t m, ptrdiff_t k) {
  return round_up(round_up(min_of(f->mc, m), f->mr) * min_of(f->kc, k), 8);
}
static ptrdiff_t packed_b_scalars(const gemm_kernel_family *f, ptrdiff_t n, ptrdiff_t k) {
  return round_up(round_up(min_of(f->nc, n), f->nr) * min_of(f->kc, k), 8);
}

ptrdiff_t gemm_workspace_scalars(const gemm_kernel_family *family, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k) {
  return packed_a_scalars(family, m, k) + packed_b_scalars(family, n, k);
}

/* The sub-view starting at (row, column). */
static gemm_matrix_view offset_view(gemm_matrix_view v, ptrdiff_t row, ptrdiff_t column) {
  v.base += row * v.row_stride + column * v.column_stride;
  return v;
}

/* C[0..<rows, 0..<columns] (+)= alpha * packed A block * packed B panel, tile by tile. */
static void sweep_tiles(const gemm_kernel_family *f, const double *packed_a, const double *packed_b,
                        ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t depth, double alpha, double beta, double *c,
                        ptrdiff_t ldc) {
  const ptrdiff_t mr = f->mr, nr = f->nr;
  const gemm_microkernel kernel = f->kernel;
  for (ptrdiff_t j = 0; j < columns; j += nr) {
    const double *b_sliver = packed_b + j * depth;
    ptrdiff_t tile_columns = min_of(nr, columns - j);
    for (ptrdiff_t i = 0; i < rows; i += mr) {
      kernel(depth, packed_a + i * depth, b_sliver, c + i * ldc + j, ldc, alpha, beta, min_of(mr, rows - i),
             tile_columns);
    }
  }
}

void gemm_blocked(const gemm_kernel_family *f, gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n,
                  ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc, double *workspace) {
  double *packed_a = workspace;
  double *packed_b = workspace + packed_a_scalars(f, m, k);
  const ptrdiff_t kc = balanced_block(k, f->kc, 1);
  const ptrdiff_t mc = balanced_block(m, f->mc, f->mr);
  const ptrdiff_t nc = balanced_block(n, f->nc, f->nr);

  for (ptrdiff_t j0 = 0; j0 < n; j0 += nc) {
    ptrdiff_t columns = min_of(nc, n - j0);
    for (ptrdiff_t p0 = 0; p0 < k; p0 += kc) {
      ptrdiff_t depth = min_of(kc, k - p0);
      /* The first slice of k applies the caller's beta; later slices accumulate onto it. */
      double slice_beta = p0 == 0 ? beta : 1.0;
      f->pack_b(offset_view(b, p0, j0), depth, columns, packed_b);
      for (ptrdiff_t i0 = 0; i0 < m; i0 += mc) {
        ptrdiff_t rows = min_of(mc, m - i0);
        f->pack_a(offset_view(a, i0, p0), rows, depth, packed_a);
        sweep_tiles(f, packed_a, packed_b, rows, columns, depth, alpha, slice_beta, c + i0 * ldc + j0, ldc);
      }
    }
  }
}
