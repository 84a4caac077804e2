// batch_kernel.hpp (private) — the working-point solve over many points of the knee model, in
// SIMD lanes: the same steps, comparisons and stopping rules as working_point() (demag.cpp) and
// safe_halley (root_finding.hpp), one lane per point; a lane that has converged freezes while the
// others iterate. Compiled for AVX-512F, AVX2 and baseline x86-64 (SSE2) in one binary; the
// widest the CPU runs is chosen at run time (batch_isa() in magsel/batch.hpp). The temperature
// factors, the curve constants and the outputs from h_w run in the same lanes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "magsel/batch.hpp"
#include "physics/knee_model.hpp"

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

/// A temperature model (temperature_model.hpp) laid out for scale_by_temperature_factors.
struct TemperatureFactorLanes {
    const double* coefficients;  ///< the polynomial in T − reference_kelvin, constant term first
    std::size_t count;           ///< how many
    double reference_kelvin;     ///< 293.15 K
    double low, high;            ///< the range the data holds for [K]
    double value_low, slope_low, value_high, slope_high;  ///< the polynomial and its slope at low and high
    double minimum;              ///< the floor of the factor
};

/// values[i] *= the model's factor at kelvin[i] for i in [0, n) (n a multiple of kernel_lanes),
/// with the kernel for `isa`: detail::evaluate()'s operations in its order, so the same numbers.
void scale_by_temperature_factors(BatchIsa isa, const TemperatureFactorLanes& model, const double* kelvin,
                                  double* values, std::size_t n);

/// What working_point() computes from h_w (demag.cpp), per point.
struct OutputLanes {
    const double* h;           ///< h_w [A/m]
    const double* pc;          ///< Pc
    const double* ha;          ///< Ha [A/m]
    const double* br;          ///< Br [T]
    const double* chi;         ///< χ [T·m/A]
    const double* knee_field;  ///< Hk [A/m]
    double* flux_density;      ///< out: B_w = μ0·Pc·(h_w − Ha) [T]
    double* polarization;      ///< out: J_w = B_w + μ0·h_w [T]
    double* knee_margin;       ///< out: Hk − h_w [A/m]
    double* loss;              ///< out: the irreversible loss, in [0, 1]
};

/// The outputs for points [0, n) (n a multiple of kernel_lanes) with the kernel for `isa`: the
/// same operations as working_point(), so the same numbers.
void working_point_outputs(BatchIsa isa, const OutputLanes& lanes, std::size_t n);

/// Curves as structures of arrays for knee_constants_lanes: Br and Hcj in, the model's
/// constants out (knee_model.hpp), one lane per curve.
struct KneeConstantLanes {
    double* br;                 ///< in: Br [T]; out: held at ≥ 1e-9
    double* hcj;                ///< in: Hcj [A/m]; out: held at ≥ 1e-6
    double* chi;                ///< out: χ [T·m/A]
    double* s;                  ///< out: knee sharpness [m/A]
    double* knee_scale;         ///< out: [T]
    double* knee_floor;         ///< out: e^{−s·Hcj}
    std::int64_t* knee_limited; ///< out: all ones where the knee is limited, else 0
};

/// detail::knee_constants(br, hcj, recoil_permeability, shape) for curves [0, n) of `lanes`
/// (n a multiple of kernel_lanes) with the kernel for `isa`: the same steps and stopping rules
/// (the sharpness solve's Newton steps lane by lane), with libmvec's exp, expm1, log and log1p.
void knee_constants_lanes(BatchIsa isa, const KneeConstantLanes& lanes, std::size_t n, double recoil_permeability,
                          const KneeShape& shape);

/// Copy lane i of `lanes` (filled by knee_constants_lanes) into a KneeConstants (for
/// knee_field()).
KneeConstants knee_constants_of(const KneeConstantLanes& lanes, std::size_t i, double recoil_permeability,
                                const KneeShape& shape);

}  // namespace magsel::detail
