/* Run-time choice of the micro-kernel family: the package is built for baseline x86-64 (no build flags),
   and the AVX2/AVX-512 kernels are compiled with function-level target attributes, so the CPU is asked
   here which of them it can run. */
#include "CAdjointKernels.h"
#include "gemm_internal.h"

static int cpu_has_avx512(void) {
#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("fma");
#else
  return 0;
#endif
}

static int cpu_has_avx2_fma(void) {
#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return 0;
#endif
}

int adjoint_gemm_isa_is_supported(int isa) {
  switch (isa) {
  case ADJOINT_GEMM_ISA_AUTO:
  case ADJOINT_GEMM_ISA_PORTABLE: return 1;
  case ADJOINT_GEMM_ISA_AVX2_FMA: return cpu_has_avx2_fma();
  case ADJOINT_GEMM_ISA_AVX512: return cpu_has_avx512();
  default: return 0;
  }
}

/* The best family this CPU supports. On Zen 4, 256- and 512-bit FMA have the same peak; the 512-bit
   kernel measured faster (its 8x24 tile halves the loads per FMA), see Docs/MatrixProduct.md. */
static int best_supported_isa(void) {
  static int cached; /* 0 until first asked; racing threads all store the same value */
  int isa = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (isa == 0) {
    isa = cpu_has_avx512()     ? ADJOINT_GEMM_ISA_AVX512
          : cpu_has_avx2_fma() ? ADJOINT_GEMM_ISA_AVX2_FMA
                               : ADJOINT_GEMM_ISA_PORTABLE;
    __atomic_store_n(&cached, isa, __ATOMIC_RELAXED);
  }
  return isa;
}

const gemm_kernel_family *gemm_family_for(int isa) {
  if (isa == ADJOINT_GEMM_ISA_AUTO || !adjoint_gemm_isa_is_supported(isa)) isa = best_supported_isa();
  switch (isa) {
#if defined(ADJOINT_GEMM_HAS_X86_KERNELS)
  case ADJOINT_GEMM_ISA_AVX512: return &gemm_family_avx512;
  case ADJOINT_GEMM_ISA_AVX2_FMA: return &gemm_family_avx2_fma;
#endif
  default: return &gemm_family_portable;
  }
}

const char *adjoint_gemm_isa_name(int isa) { return gemm_family_for(isa)->name; }

const char *adjoint_kernel_isa(void) { return adjoint_gemm_isa_name(ADJOINT_GEMM_ISA_AUTO); }
