// magsel/batch.hpp — many working points in one call: trade studies, Monte Carlo, Python.
//
// The same physics as working_point() in demag.hpp (load line, bracketed Halley, recoil
// construction; docs/physics.md), over arrays. Arrays are plain SI doubles whose names carry the
// unit (temperature_K, opposing_field_A_m, …) so that NumPy and Eigen buffers pass through
// without a copy: the one place where quantities cross the API untyped (docs/api.md, "Batch").
//
// Broadcasting: every input array has length n (the number of points) or 1 (the same value for
// every point); the optional 20 °C overrides may also be empty (absent). Every output array has
// length n, or 0 when the caller does not want it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "magsel/demag.hpp"

namespace magsel {

struct WorkingPointInputs {
    std::span<const double> temperature_K;           ///< magnet temperature [K], > 0
    std::span<const double> permeance_coefficient;   ///< Pc, > 0
    std::span<const double> opposing_field_A_m;      ///< Ha [A/m], ≥ 0
    /// Optional: Br at 20 °C [T] per point, replacing the grade's rated value on the basis (a
    /// study that varies the magnet, e.g. Monte Carlo). The temperature model scales it as usual.
    std::span<const double> remanence_20_T;
    /// Optional: Hcj at 20 °C [A/m] per point, as remanence_20_T.
    std::span<const double> intrinsic_coercivity_20_A_m;
};

/// Per point: what the answer rests on.
enum class PointStatus : std::uint8_t {
    ok = 0,                ///< inside the grade's stated temperature data
    extrapolated = 1,      ///< outside the stated data, inside the validity envelope (a warning)
    outside_envelope = 2,  ///< beyond a physical limit (envelope.hpp): the outputs are NaN
};

struct WorkingPointOutputs {
    std::span<double> working_field_A_m;  ///< h_w [A/m]
    std::span<double> flux_density_T;     ///< B_w [T]
    std::span<double> polarization_T;     ///< J_w [T]
    std::span<double> knee_margin_A_m;    ///< Hk(T) − h_w [A/m]; negative past the knee
    std::span<double> irreversible_loss;  ///< 1 − Br'/Br, a fraction in [0, 1]
    std::span<PointStatus> status;
};

struct BatchSummary {
    std::size_t points = 0;
    std::size_t extrapolated = 0;      ///< points with PointStatus::extrapolated
    std::size_t outside_envelope = 0;  ///< points with PointStatus::outside_envelope
};

/// The instruction set the batch kernel runs: the widest of these the CPU (and the OS) supports,
/// chosen once at the first call; one binary runs on any x86-64. The environment variable
/// MAGSEL_BATCH_ISA (sse2, avx2 or avx512f) narrows the choice, e.g. to compare the paths.
enum class BatchIsa : std::uint8_t {
    sse2 = 0,     ///< baseline x86-64: 2 lanes
    avx2 = 1,     ///< 4 lanes
    avx512f = 2,  ///< 8 lanes
};
BatchIsa batch_isa();
std::string_view to_string(BatchIsa isa);

/// The working points of `grade` at n (temperature, Pc, Ha) points on `basis`.
/// Where no 20 °C override is given, each point equals working_point(grade, T, {Pc, Ha}, basis)
/// (measured curves included) within 1e-12 relative; with an override, the model curve from the
/// overridden values, as Monte Carlo builds it.
/// Throws UsageError when an array's length is neither n nor 1 (nor 0 for the optional ones and
/// the outputs), or when a value is out of its domain (the message names the point's index).
BatchSummary working_points(const Grade& grade, const WorkingPointInputs& in, const WorkingPointOutputs& out,
                            Basis basis = Basis::minimum);

/// Many loads on one curve: Pc and Ha arrays (length n or 1). `status` is always ok.
/// Equals working_point(curve, {Pc, Ha}) per point within 1e-12 relative.
void working_points(const DemagCurve& curve, std::span<const double> permeance_coefficient,
                    std::span<const double> opposing_field_A_m, const WorkingPointOutputs& out);

}  // namespace magsel
