// batch_kernel.hpp (private) — the working-point solve over many points of the knee model, in
// SIMD lanes: the same steps, comparisons and stopping rules as working_point() (demag.cpp) and
// safe_halley (root_finding.hpp), one lane per point; a lane that has converged freezes while the
// others iterate. Compiled for AVX-512F, AVX2 and baseline x86-64 (SSE2) in one binary; the
// widest the CPU runs is chosen at run time (batch_isa() in magsel/batch.hpp).
#pragma once

#include <cstddef>

#include "magsel/batch.hpp"

namespace magsel::detail {

/// Points as structures of arrays: each curve constant (knee_model.hpp) and load per point.
struct KneeLanes {
    const double* br;          ///< Br [T]
    const double* hcj;         ///< Hcj [A/m]
    const double* chi;         ///< χ [T·m/A]
    const double* s;           ///< knee sharpness [m/A]
    const double* knee_scale;  ///< [T]
    const double* knee_floor;  ///< e^{−s·Hcj}
    const double* pc;          ///< Pc
    const double* ha;          ///< Ha [A/m]
    double* h;                 ///< out: the working field h_w [A/m]
};

/// Lanes per call are a multiple of this (pad with copies of a real point).
inline constexpr std::size_t kernel_lanes = 8;

/// h_w for points [0, n) of `lanes` (n a multiple of kernel_lanes) with the kernel for `isa`
/// (which the CPU must run: batch_isa() or narrower).
void solve_working_fields(BatchIsa isa, const KneeLanes& lanes, std::size_t n);

}  // namespace magsel::detail
