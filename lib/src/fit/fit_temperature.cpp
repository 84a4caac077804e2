// fit_temperature.cpp — Br(T), Hcj(T), Hcb(T) for `magsel fit`: least-squares polynomials in
// ΔT = T − 20 °C with the temperature model's degree rule (docs/thermal.md, "Fitted points").
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "fit/fit_detail.hpp"
#include "physics/polyfit.hpp"
#include "physics/temperature_model.hpp"

namespace magsel {
namespace {
constexpr double reference_kelvin = 293.15;  // 20 °C
}  // namespace

template <class Q>
Q PropertyFit<Q>::value_at(units::Temperature t) const {
    return detail::evaluate_polynomial(coefficients, t.value() - reference_kelvin) * typename Q::unit_type();
}

template <class Q>
units::Temperature PropertyFit<Q>::low() const {
    auto t = data.front().first;
    for (const auto& [x, v] : data) t = std::min(t, x);
    return t;
}

template <class Q>
units::Temperature PropertyFit<Q>::high() const {
    auto t = data.front().first;
    for (const auto& [x, v] : data) t = std::max(t, x);
    return t;
}

template struct PropertyFit<units::FluxDensity>;
template struct PropertyFit<units::FieldStrength>;

namespace detail {

template <class Q>
PropertyFit<Q> fit_property(const std::vector<TemperatureValue>& values, const std::string& what,
                            const SourceLocation& fallback, bool allow_constant) {
    std::vector<double> dt, y;
    for (const auto& v : values) {
        dt.push_back(v.kelvin - reference_kelvin);
        y.push_back(v.value);
    }
    PropertyFit<Q> fit;
    fit.distinct_temperatures = distinct_count(dt);
    if (fit.distinct_temperatures < 2 && !(allow_constant && fit.distinct_temperatures == 1)) {
        const auto& where = values.empty() ? fallback : values.front().where;
        throw InputError(where, values.empty()
                                    ? fmt::format("no {} values: the temperature fit needs them at two or more "
                                                  "temperatures (property rows, or J curves that reach J = 0 for Hcj)",
                                                  what)
                                    : fmt::format("{} at one temperature only ({:g} °C): the temperature fit needs two "
                                                  "or more temperatures",
                                                  what, values.front().kelvin - units::celsius_zero_in_kelvin));
    }
    const auto poly = fit.distinct_temperatures >= 2 ? fit_temperature_polynomial(dt, y) : fit_polynomial(dt, y, 0);
    fit.coefficients = poly.coefficients;
    double sq = 0.0, mx = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double e = evaluate_polynomial(fit.coefficients, dt[i]) - y[i];
        sq += e * e;
        mx = std::max(mx, std::abs(e));
        fit.data.emplace_back(units::kelvin_point(values[i].kelvin), values[i].value * typename Q::unit_type());
    }
    fit.rms_residual = std::sqrt(sq / static_cast<double>(values.size())) * typename Q::unit_type();
    fit.max_residual = mx * typename Q::unit_type();
    fit.at_reference = fit.coefficients.front() * typename Q::unit_type();
    return fit;
}

template PropertyFit<units::FluxDensity> fit_property(const std::vector<TemperatureValue>&, const std::string&,
                                                      const SourceLocation&, bool);
template PropertyFit<units::FieldStrength> fit_property(const std::vector<TemperatureValue>&, const std::string&,
                                                        const SourceLocation&, bool);

}  // namespace detail
}  // namespace magsel
