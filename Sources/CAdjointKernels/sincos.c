/* The sine and cosine of one argument in one call (the C library's sincos, a GNU extension that the Swift
   Glibc module does not export). Used by the scalar tape's `sin` and `cos`, which cache the other function
   for their derivative rule (Sources/Adjoint/Engine/ScalarSineCosine.swift). */
#define _GNU_SOURCE
#include <math.h>

#include "CAdjointKernels.h"

void adjoint_sincos(double x, double *sine, double *cosine) {
#if defined(__GLIBC__)
  sincos(x, sine, cosine);
#elif defined(__APPLE__)
  __sincos(x, sine, cosine);
#else
  *sine = sin(x);
  *cosine = cos(x);
#endif
}
