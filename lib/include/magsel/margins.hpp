// magsel/margins.hpp — how far a grade is from failing a requirement, in the units a designer
// thinks in, and where a failing grade first fails.
//
// Temperature margin: the largest uniform shift ΔT of every temperature of the load case (hotter,
// or colder for a grade that fails cold, such as ferrite) at which every check still passes —
// the same "magnet runs hotter than planned" that `magsel montecarlo --temperature-shift` samples.
// Field margin: the largest factor k on the opposing field that still passes, reported as k − 1.
// Both are found by doubling the step until a check fails, then bisection (to 0.05 K and 0.1 %);
// this assumes that a check, once failed, stays failed further out, which holds for the
// monotone Br(T), Hcj(T) and knee models of thermal.hpp. docs/choosing-a-grade.md.
#pragma once

#include <optional>

#include "magsel/load_case.hpp"

namespace magsel {

/// How far the search looks beyond the requirement.
struct MarginSearch {
    units::TemperatureDifference max_shift = 100.0 * units::kelvin;  ///< each direction
    double max_field_scale = 10.0;                                   ///< field margin up to +900 %
};

struct Margins {
    /// Smallest of the hot and cold margins [K]; empty: no check fails within max_shift either way.
    std::optional<units::TemperatureDifference> temperature;
    bool limited_hot = false;     ///< the temperature margin is set by the hot side (else cold)
    /// k − 1 for the largest passing field scale k (0.25 = +25 %); empty: passes up to
    /// max_field_scale, or the load case has no opposing field (`has_field` false).
    std::optional<double> field;
    bool has_field = false;
    std::optional<units::FieldStrength> knee_margin;  ///< Hk − h at the worst point [A/m]
    std::optional<double> loss_headroom;              ///< limit − loss at the worst point (fraction)
    MarginSearch search;
};

/// The margins of a grade that passes `load` (with no variation).
Margins margins(const Grade& grade, const LoadCase& load, const WorkingPoint* worst, const MarginSearch& search = {});

/// Where a failing grade first fails: the passing region around 20 °C (clipped into the range)
/// ends at `temperature`, found to 0.05 K between two grid points; `at` holds every check there.
/// Empty when the grade passes at every point.
struct Onset {
    units::Temperature temperature;
    PointEvaluation at;
    bool fails_at_reference = false;  ///< it fails already at the anchor (the point nearest 20 °C)
};
std::optional<Onset> onset(const Grade& grade, const LoadCase& load);

/// For a failing grade: the smallest narrowing of the requirement's range at which it would pass,
/// signed: −12 K moves the hot end down ("passes up to Tmax − 12 K"), +8 K the cold end up
/// ("passes from Tmin + 8 K"); at most search.max_shift and the range's width.
std::optional<units::TemperatureDifference> passing_shift(const Grade& grade, const LoadCase& load,
                                                          const MarginSearch& search = {});
/// For a failing grade: the smallest Pc in [load's Pc, 100] at which it would pass (to 0.5 %).
std::optional<double> passing_permeance(const Grade& grade, const LoadCase& load);

}  // namespace magsel
