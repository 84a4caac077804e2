#include "physics/temperature_model.hpp"

#include <algorithm>
#include <cmath>

#include "physics/polyfit.hpp"

namespace magsel::detail {
namespace {
constexpr double reference_kelvin = 293.15;  // 20 °C
constexpr double minimum_factor = 0.01;
}  // namespace

RelativeTemperatureModel model_from_coefficient(double per_kelvin, double low_kelvin, double high_kelvin) {
    RelativeTemperatureModel m;
    m.coefficients = {1.0, per_kelvin};
    m.low = units::kelvin_point(std::min(low_kelvin, high_kelvin));
    m.high = units::kelvin_point(std::max(low_kelvin, high_kelvin));
    m.kind = RelativeTemperatureModel::Kind::linear_coefficients;
    return m;
}

PolynomialFit fit_temperature_polynomial(const std::vector<double>& dt, const std::vector<double>& value) {
    auto fit = fit_polynomial(dt, value, 1);
    if (distinct_count(dt) >= 4) {
        auto quadratic = fit_polynomial(dt, value, 2);
        if (quadratic.press < fit.press) fit = std::move(quadratic);
    }
    return fit;
}

std::size_t distinct_count(std::vector<double> x) {
    std::sort(x.begin(), x.end());
    return static_cast<std::size_t>(std::unique(x.begin(), x.end()) - x.begin());
}

PointsModelResult model_from_points(const std::vector<std::pair<double, double>>& points) {
    PointsModelResult result;
    std::vector<double> dt, value;
    for (const auto& [kelvin, v] : points) {
        dt.push_back(kelvin - reference_kelvin);
        value.push_back(v);
    }
    std::vector<double> distinct = dt;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < 2) {
        result.error = "needs values at two or more different temperatures";
        return result;
    }
    const auto fit = fit_temperature_polynomial(dt, value);
    const double at_reference = fit.coefficients.front();
    if (!(at_reference > 0.0)) {
        result.error = "the fitted value at 20 °C is not positive";
        return result;
    }
    auto& m = result.model;
    for (double c : fit.coefficients) m.coefficients.push_back(c / at_reference);
    m.low = units::kelvin_point(distinct.front() + reference_kelvin);
    m.high = units::kelvin_point(distinct.back() + reference_kelvin);
    m.kind = RelativeTemperatureModel::Kind::fitted_points;
    m.rms_residual = fit.rms_residual / at_reference;
    m.point_count = points.size();
    return result;
}

RelativeValue evaluate(const RelativeTemperatureModel& model, double kelvin) {
    RelativeValue out;
    const auto& c = model.coefficients;
    if (kelvin < model.low.value() || kelvin > model.high.value()) {
        out.extrapolated = true;
        const double edge = kelvin < model.low.value() ? model.low.value() : model.high.value();
        const double x_edge = edge - reference_kelvin;
        out.factor = evaluate_polynomial(c, x_edge) + polynomial_slope(c, x_edge) * (kelvin - edge);
    } else {
        out.factor = evaluate_polynomial(c, kelvin - reference_kelvin);
    }
    if (!(out.factor >= minimum_factor)) {
        out.factor = minimum_factor;
        out.floored = true;
    }
    return out;
}

ModelEdges model_edges(const RelativeTemperatureModel& model) {
    const auto& c = model.coefficients;
    const double low = model.low.value(), high = model.high.value();
    const double x_low = low - reference_kelvin, x_high = high - reference_kelvin;
    return {reference_kelvin,
            low,
            high,
            evaluate_polynomial(c, x_low),
            polynomial_slope(c, x_low),
            evaluate_polynomial(c, x_high),
            polynomial_slope(c, x_high),
            minimum_factor};
}

}  // namespace magsel::detail
