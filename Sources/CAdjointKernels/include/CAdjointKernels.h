#ifndef CADJOINTKERNELS_H
#define CADJOINTKERNELS_H
/* Matrix-product kernels for Adjoint. The Swift side calls only what this header declares.
   Design notes: Docs/MatrixProduct.md. */
#include <stddef.h>

/* The name of the instruction set the kernels dispatch to on this CPU ("avx512", "avx2-fma" or "portable"). */
const char *adjoint_kernel_isa(void);

/* Micro-kernel families. `ADJOINT_GEMM_ISA_AUTO` picks the best one this CPU supports. */
enum {
  ADJOINT_GEMM_ISA_AUTO = 0,
  ADJOINT_GEMM_ISA_PORTABLE = 1,
  ADJOINT_GEMM_ISA_AVX2_FMA = 2,
  ADJOINT_GEMM_ISA_AVX512 = 3,
};

/* 1 if this CPU (and this build) can run micro-kernel family `isa`, else 0. AUTO and PORTABLE always can. */
int adjoint_gemm_isa_is_supported(int isa);

/* The name of micro-kernel family `isa` as `adjoint_kernel_isa` would print it (AUTO resolves first). */
const char *adjoint_gemm_isa_name(int isa);

/* Row-major double-precision matrix product
     C = alpha * op(A) * op(B) + beta * C
   where op(X) is X, or X transposed when `transpose_x` is nonzero; op(A) is m x k, op(B) is k x n, C is m x n.
   `lda`, `ldb`, `ldc` are the row strides (in scalars) of A, B and C as stored: lda >= (transpose_a ? m : k),
   ldb >= (transpose_b ? k : n), ldc >= n. Transposition is handled while packing: nothing is copied whole.
   When beta == 0, C is not read (it may hold NaN). Any m, n, k >= 0; k == 0 gives C = beta * C.
   `threads`: 1 or 2, or 0 to decide by size (2 only for products large enough to repay a thread start);
   small products (m*n*k <= 80^3 with op(B) read by rows, and m*n*k <= 256) always run on the calling thread.
   Matrix-vector products (n == 1 or m == 1), whatever their size, split the rows of the result from 256Ki matrix
   elements with 0, from 128Ki with 2; their result does not depend on the thread count, and is the same bits on
   the AVX2 and AVX-512 families.
   `isa`: one of the ADJOINT_GEMM_ISA_ values; an unsupported family falls back to AUTO.
   C must not overlap A or B. Safe to call from several threads at once. */
void adjoint_dgemm(int transpose_a, int transpose_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb, double beta, double *c,
                   ptrdiff_t ldc, int threads, int isa);

/* r[i] = x[i] + factor * y[i] for i < n (BLAS axpy written to r; r may be x, y may be x; r must not otherwise
   overlap x or y), each element rounded as a product and then a sum (no fused multiply-add), so the result is
   the same bits on one thread or two. `threads`: 1 runs on the calling thread; otherwise from 128Ki elements
   the range is split between the calling thread and the helper of the matrix products (axpy.c). */
void adjoint_axpy(double *r, const double *x, double factor, const double *y, ptrdiff_t n, int threads);

/* sin(x) and cos(x) in one call: glibc's `sincos` (elsewhere sin and cos); each result is the one `sin` or
   `cos` alone returns on glibc (checked by the test suite, ScalarCachedFactorTests). */
void adjoint_sincos(double x, double *sine, double *cosine);

#endif
