#ifndef ADJOINT_GEMM_INTERNAL_H
#define ADJOINT_GEMM_INTERNAL_H
/* Private to CAdjointKernels: the pieces the GEMM driver assembles. See Docs/MatrixProduct.md. */
#include <stddef.h>

/* Computes the mr x nr product of one packed sliver of A (k columns of mr values) and one packed sliver of B
   (k rows of nr values), then writes c[i*ldc + j] = alpha * product[i][j] + beta * c[i*ldc + j] for
   i < rows, j < cols (rows <= mr, cols <= nr). When beta == 0, C is not read. */
typedef void (*gemm_microkernel)(ptrdiff_t k, const double *a_packed, const double *b_packed, double *c,
                                 ptrdiff_t ldc, double alpha, double beta, ptrdiff_t rows, ptrdiff_t cols);

/* A strided view of a matrix: element (i, j) is at base[i * row_stride + j * column_stride]. Transposition
   is a swap of the two strides, which is how op(A) and op(B) reach the packing routines. */
typedef struct {
  const double *base;
  ptrdiff_t row_stride, column_stride;
} gemm_matrix_view;

/* Packs rows x columns of a view (from its top-left) into the sliver layout of its family's kernel:
   for op(A), slivers of mr rows (a[s*mr + r][p] at dst[s*mr*columns + p*mr + r]); for op(B), slivers of
   nr columns (b[p][s*nr + j] at dst[s*nr*rows + p*nr + j]). The last sliver is padded with zeros. */
typedef void (*gemm_packer)(gemm_matrix_view view, ptrdiff_t rows, ptrdiff_t columns, double *dst);

/* The unpacked product C = alpha * op(A) op(B) + beta * C for small shapes, reading op(A) through its strides
   and op(B) by rows; requires b.column_stride == 1 or n == 1, and m, n, k > 0. When beta == 0, C is not read. */
typedef void (*gemm_small_product)(gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                   double alpha, double beta, double *c, ptrdiff_t ldc);

/* The matrix-vector loops of one family (gemv.c drives them; gemv_portable.c, gemv_avx2.c, gemv_avx512.c):
   dot_rows: out[r] = Σ_p rows[r * stride + p] · x[p] for r < count (x contiguous);
   add_scaled_columns: sums[i] += Σ_p (alpha · x[p · incx]) · columns[p · column_stride + i] for i < m (each
   column contiguous), p in increasing order. */
typedef struct {
  void (*dot_rows)(const double *rows, ptrdiff_t stride, ptrdiff_t count, const double *x, ptrdiff_t k, double *out);
  void (*add_scaled_columns)(const double *columns, ptrdiff_t column_stride, ptrdiff_t m, ptrdiff_t k, double alpha,
                             const double *x, ptrdiff_t incx, double *sums);
} gemv_kernels;

/* A micro-kernel with its register tile (mr x nr), its packing routines (compiled for the same ISA), and
   the cache blocks that suit it: kc = depth of one packed panel, mc = rows of op(A) packed at once,
   nc = columns of op(B) packed at once; `small` (NULL if the family has none) is its unpacked kernel for
   small products; `gemv` its matrix-vector loops. */
typedef struct {
  int isa;
  const char *name;
  ptrdiff_t mr, nr;
  ptrdiff_t kc, mc, nc;
  gemm_microkernel kernel;
  gemm_packer pack_a, pack_b;
  gemm_small_product small;
  const gemv_kernels *gemv;
} gemm_kernel_family;

/* The family for `isa` (an ADJOINT_GEMM_ISA_ value); AUTO or an unsupported family gives the best supported. */
const gemm_kernel_family *gemm_family_for(int isa);

extern const gemm_kernel_family gemm_family_portable;
extern const gemv_kernels gemv_kernels_portable;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ADJOINT_GEMM_HAS_X86_KERNELS 1
extern const gemm_kernel_family gemm_family_avx2_fma;
extern const gemm_kernel_family gemm_family_avx512;
extern const gemv_kernels gemv_kernels_avx2_fma;
extern const gemv_kernels gemv_kernels_avx512;
void gemm_small_avx2(gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                     double beta, double *c, ptrdiff_t ldc);
void gemm_small_avx512(gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                       double beta, double *c, ptrdiff_t ldc);
#endif

/* One single-threaded blocked product C = alpha * op(A) op(B) + beta * C with m, n, k > 0, using
   `workspace` (at least gemm_workspace_scalars(family) doubles, 64-byte aligned) for the packed panels. */
void gemm_blocked(const gemm_kernel_family *family, gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m,
                  ptrdiff_t n, ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc,
                  double *workspace);

/* Runs task(context, part, slot) for part = 0 ..< count (1 <= count <= 255) on this thread (slot 0) and the
   persistent helper thread (slot 1), each part exactly once, and returns when all have finished; parts are
   claimed, so either thread may run any number of them (gemm_threads.c). Returns 0, having run nothing, if the
   helper cannot be had (no thread, or another caller is using it). `context` must stay valid until it returns. */
typedef void (*two_thread_task)(const void *context, int part, int slot);
int run_on_two_threads(two_thread_task task, const void *context, int count);

/* The product on this thread and the helper, C cut in two halves (gemm_threads.c). Requires n > nr or m > mr.
   Returns 0, having done nothing, if packing memory or the helper cannot be had. */
int gemm_two_threads(const gemm_kernel_family *family, gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m,
                     ptrdiff_t n, ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc);

/* The family's unpacked small-product kernel on this thread and the helper, op(B)'s columns cut in two ranges of
   whole nr-wide tiles (gemm_threads.c); requires b.column_stride == 1 and n > nr. Returns 0, having done nothing,
   if the helper cannot be had. */
int gemm_small_two_threads(const gemm_kernel_family *family, gemm_matrix_view a, gemm_matrix_view b, ptrdiff_t m,
                           ptrdiff_t n, ptrdiff_t k, double alpha, double beta, double *c, ptrdiff_t ldc);

/* y = alpha * M x + beta * y for an m x k view M without packing (gemv.c), with the family's loops; `scratch`
   holds m + k doubles. `threads`: 1, 2, or 0 to decide by size (2 only when the matrix is large, see gemv.c);
   the result does not depend on it. When beta == 0, y is not read. */
void gemv_strided(const gemm_kernel_family *family, gemm_matrix_view mat, ptrdiff_t m, ptrdiff_t k, double alpha,
                  const double *x, ptrdiff_t incx, double beta, double *y, ptrdiff_t incy, double *scratch,
                  int threads);

/* Doubles of packing space one gemm_blocked call needs for a product of this shape. */
ptrdiff_t gemm_workspace_scalars(const gemm_kernel_family *family, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k);

/* A 64-byte-aligned buffer of at least `scalars` doubles, owned by the calling thread and reused by its
   later calls (freed when the thread exits). NULL if memory is exhausted. */
double *gemm_thread_workspace(ptrdiff_t scalars);

#endif
