// temperature_model.hpp (private) — X(T)/X(20 °C) for Br and Hcj, from a datasheet's linear
// coefficient or fitted to values published at several temperatures.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "magsel/grade.hpp"
#include "physics/polyfit.hpp"

namespace magsel::detail {

/// 1 + coefficient·(T − 20 °C), stated by the maker over [low, high] (kelvin).
RelativeTemperatureModel model_from_coefficient(double per_kelvin, double low_kelvin, double high_kelvin);

/// The degree rule of fitted temperature models, in one place (also used by `magsel fit`):
/// a least-squares polynomial in ΔT [K] of degree 1; with 4 or more distinct temperatures,
/// degree 2 where its PRESS (leave-one-out prediction error) is smaller than degree 1's.
/// Needs 2 or more distinct temperatures (the caller checks).
PolynomialFit fit_temperature_polynomial(const std::vector<double>& delta_kelvin, const std::vector<double>& value);

/// The number of distinct values in `x`.
std::size_t distinct_count(std::vector<double> x);

/// Least-squares polynomial through (T [K], value) points, normalised to 1 at 20 °C.
/// Degree 1 for 2–3 points; with 4 or more, degree 2 only where it predicts the left-out
/// points better (smaller PRESS) than degree 1. Returns an error text instead when the points
/// cannot make a model (fewer than 2 distinct temperatures, value at 20 °C not positive).
struct PointsModelResult {
    RelativeTemperatureModel model;
    std::string error;
};
PointsModelResult model_from_points(const std::vector<std::pair<double, double>>& kelvin_and_value);

struct RelativeValue {
    double factor = 1.0;
    bool extrapolated = false;  ///< T outside the range the data holds for
    bool floored = false;       ///< the model fell below the floor and was held there
};
/// Evaluate; outside [low, high] continue linearly with the slope at the nearer end.
/// The factor is held at ≥ 0.01 (a property gone to zero is beyond this model).
RelativeValue evaluate(const RelativeTemperatureModel& model, double kelvin);
/// What evaluate() needs beyond the temperature, for evaluating many temperatures at once
/// (the batch kernel's scale_by_temperature_factors): the range, the values and slopes at its
/// ends (evaluate() computes the same numbers the same way), the reference and the floor.
struct ModelEdges {
    double reference_kelvin, low, high, value_low, slope_low, value_high, slope_high, minimum;
};
ModelEdges model_edges(const RelativeTemperatureModel& model);

}  // namespace magsel::detail
