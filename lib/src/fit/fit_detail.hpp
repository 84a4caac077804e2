// fit_detail.hpp (private) — what the fit_*.cpp files share.
#pragma once

#include <optional>

#include "magsel/fit.hpp"

namespace magsel::detail {

/// Br read off a curve: J at h = 0, extrapolated along the two lowest-field points when the
/// first point lies within 10 % of the curve's field span from h = 0; nullopt otherwise [T].
std::optional<double> curve_remanence(const FitCurve& curve);

/// Hcj read off a J curve: where the line through the first point with J ≤ 0.005 T (on the
/// axis within the digitizing tolerance) and the point before it reaches J = 0; nullopt when
/// the curve does not come down to the axis (a B curve that stops at B = 0 ends at Hcb, before
/// Hcj; J = B + μ0·h is still positive there) [A/m].
std::optional<double> curve_coercivity(const FitCurve& curve);

/// One value at one temperature, with the row it came from (or the curve's first row).
struct TemperatureValue {
    double kelvin = 0.0;
    double value = 0.0;  ///< SI
    SourceLocation where;
};

/// X(T) through `values` by the degree rule of the temperature model (fit_temperature_polynomial):
/// degree 1; degree 2 only with ≥ 4 distinct temperatures and a smaller PRESS. With
/// `allow_constant`, a single temperature gives a constant. Throws InputError at the first value
/// (or at `fallback` when there is none) when there are too few temperatures.
template <class Q>
PropertyFit<Q> fit_property(const std::vector<TemperatureValue>& values, const std::string& what,
                            const SourceLocation& fallback, bool allow_constant);

}  // namespace magsel::detail
