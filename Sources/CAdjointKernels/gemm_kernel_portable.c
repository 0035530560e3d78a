/* Portable micro-kernel in plain C for CPUs (or builds) without the x86 kernels: a 4 x 8 tile of C whose
   accumulators the compiler keeps in whatever vector registers the baseline target has (SSE2 on x86-64,
   NEON on arm64). */
#include "CAdjointKernels.h"
#include "gemm_pack.h"

#define MR 4
#define NR 8

static void portable_kernel(ptrdiff_t k, const double *restrict a, const double *restrict b, double *restrict c,
                            ptrdiff_t ldc, double alpha, double beta, ptrdiff_t rows, ptrdiff_t cols) {
  double acc[MR][NR] = {{0}};
  for (ptrdiff_t p = 0; p < k; p++, a += MR, b += NR) {
    for (int r = 0; r < MR; r++)
      for (int j = 0; j < NR; j++) acc[r][j] += a[r] * b[j];
  }
  for (ptrdiff_t r = 0; r < rows; r++) {
    double *row = c + r * ldc;
    if (beta == 0) {
      for (ptrdiff_t j = 0; j < cols; j++) row[j] = alpha * acc[r][j];
    } else {
      for (ptrdiff_t j = 0; j < cols; j++) row[j] = alpha * acc[r][j] + beta * row[j];
    }
  }
}

static void portable_pack_a(gemm_matrix_view a, ptrdiff_t rows, ptrdiff_t depth, double *dst) {
  gemm_pack_block(a.base, a.row_stride, a.column_stride, rows, depth, MR, dst);
}

static void portable_pack_b(gemm_matrix_view b, ptrdiff_t depth, ptrdiff_t columns, double *dst) {
  gemm_pack_block(b.base, b.column_stride, b.row_stride, columns, depth, NR, dst);
}

const gemm_kernel_family gemm_family_portable = {
    .isa = ADJOINT_GEMM_ISA_PORTABLE,
    .name = "portable",
    .mr = MR,
    .nr = NR,
    .kc = 256,
    .mc = 64,
    .nc = 2048,
    .kernel = portable_kernel,
    .pack_a = portable_pack_a,
    .pack_b = portable_pack_b,
    .gemv = &gemv_kernels_portable,
};
