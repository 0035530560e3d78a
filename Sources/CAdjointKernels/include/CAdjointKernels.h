#ifndef CADJOINTKERNELS_H
#define CADJOINTKERNELS_H
/* Matrix-product kernels for Adjoint. The Swift side calls only what this header declares. */
#include <stddef.h>

/* The name of the instruction set the kernels dispatch to on this CPU ("avx512", "avx2-fma" or "portable"). */
const char *adjoint_kernel_isa(void);

#endif
