#include "magsel/thermal.hpp"

#include <cmath>

#include <fmt/format.h>

#include "magsel/demag.hpp"
#include "magsel/error.hpp"
#include "physics/temperature_model.hpp"

namespace magsel {
namespace {

/// The 20 °C value of a rated property on a basis, with a warning when the basis's own value
/// is not published.
template <class Q>
Q anchor_value(const Rated<Q>& r, Basis basis, const char* what, std::vector<std::string>& warnings) {
    if (basis == Basis::minimum) {
        if (r.min) return *r.min;
        warnings.push_back(fmt::format("{}: no guaranteed minimum is published; the typical value is used", what));
        return r.typ ? *r.typ : *r.max;
    }
    if (r.typ) return *r.typ;
    if (r.min && r.max) {
        warnings.push_back(fmt::format("{}: no typical value is published; the middle of the published range is used", what));
        return Q::from_value(0.5 * (r.min->value() + r.max->value()));
    }
    warnings.push_back(fmt::format("{}: no typical value is published; the minimum is used", what));
    return r.min ? *r.min : *r.max;
}

struct ScaledAnchors {
    double br = 0.0;   // T
    double hcj = 0.0;  // A/m
};

/// Br(T) and Hcj(T) on a basis; with `warnings`, also what a person must be told.
ScaledAnchors scaled(const Grade& g, units::Temperature t, Basis basis, std::vector<std::string>* warnings_out,
                     bool* extrapolated) {
    std::vector<std::string> scratch;
    auto& warnings = warnings_out ? *warnings_out : scratch;
    const auto br20 = anchor_value(g.remanence, basis, "Br", warnings);
    const auto hcj20 = anchor_value(g.intrinsic_coercivity, basis, "Hcj", warnings);
    const auto br = detail::evaluate(g.remanence_model, t.value());
    const auto hcj = detail::evaluate(g.coercivity_model, t.value());
    if (warnings_out) {
        const double tc = units::to_celsius(t);
        auto range_text = [](const RelativeTemperatureModel& m) {
            return fmt::format("{:g}…{:g} °C", units::to_celsius(m.low),
                               units::to_celsius(m.high));
        };
        if (br.extrapolated) {
            // say which physical limit the extrapolation runs towards (envelope.hpp)
            std::string limit;
            if (g.curie_limit && t.value() > g.remanence_model.high.value())
                limit = fmt::format("; the Curie temperature is {:g} °C, and towards it the real Br falls far more "
                                    "steeply than this linear continuation",
                                    units::to_celsius(g.curie_limit->temperature));
            if (g.spin_reorientation_limit && t.value() < g.remanence_model.low.value())
                limit = fmt::format("; below the spin reorientation at {:g} K ({:g} °C) magsel does not compute",
                                    g.spin_reorientation_limit->temperature.value(),
                                    units::to_celsius(g.spin_reorientation_limit->temperature));
            warnings.push_back(fmt::format("Br at {:g} °C is extrapolated: the temperature data holds for {}{}", tc,
                                           range_text(g.remanence_model), limit));
        }
        if (hcj.extrapolated)
            warnings.push_back(fmt::format("Hcj at {:g} °C is extrapolated: the temperature data holds for {}", tc,
                                           range_text(g.coercivity_model)));
        if (br.floored || hcj.floored)
            warnings.push_back(fmt::format("at {:g} °C the temperature model falls below 1 % of the 20 °C value: "
                                           "beyond the model, values are held at that floor", tc));
    }
    if (extrapolated) *extrapolated = br.extrapolated || hcj.extrapolated;
    return {br20.value() * br.factor, hcj20.value() * hcj.factor};
}

}  // namespace

std::string_view to_string(Basis b) { return b == Basis::minimum ? "minimum" : "typical"; }

Basis basis_from_string(std::string_view s) {
    if (s == "min" || s == "minimum") return Basis::minimum;
    if (s == "typ" || s == "typical") return Basis::typical;
    throw UsageError(fmt::format("unknown basis `{}`: use min or typ", s));
}

const MeasuredCurve* measured_curve_at(const Grade& grade, units::Temperature temperature, Basis basis) {
    for (const auto& c : grade.measured_curves)
        if (std::abs(c.temperature.value() - temperature.value()) <= 0.5 && c.minimum == (basis == Basis::minimum))
            return &c;
    return nullptr;
}

namespace {
DemagCurve measured(const Grade& grade, const MeasuredCurve& c) {
    return DemagCurve(c.field, c.polarization, grade.recoil_permeability.value);
}
}  // namespace

DemagCurve curve_at(const Grade& grade, units::Temperature temperature, Basis basis) {
    if (const auto* m = measured_curve_at(grade, temperature, basis)) return measured(grade, *m);
    const auto a = scaled(grade, temperature, basis, nullptr, nullptr);
    return DemagCurve(a.br * units::tesla, a.hcj * units::ampere_per_metre, grade.recoil_permeability.value,
                      grade.squareness.value);
}

TemperatureFactors temperature_factors(const Grade& grade, units::Temperature temperature) {
    const auto br = detail::evaluate(grade.remanence_model, temperature.value());
    const auto hcj = detail::evaluate(grade.coercivity_model, temperature.value());
    return {br.factor, hcj.factor, br.extrapolated || hcj.extrapolated};
}

RatedAnchors rated_anchors(const Grade& grade, Basis basis) {
    std::vector<std::string> ignored;
    return {anchor_value(grade.remanence, basis, "Br", ignored),
            anchor_value(grade.intrinsic_coercivity, basis, "Hcj", ignored)};
}

bool is_extrapolated(const Grade& grade, units::Temperature temperature) {
    const double k = temperature.value();
    auto outside = [k](const RelativeTemperatureModel& m) { return k < m.low.value() || k > m.high.value(); };
    return outside(grade.remanence_model) || outside(grade.coercivity_model);
}

CurveAt curve_with_warnings_at(const Grade& grade, units::Temperature temperature, Basis basis) {
    if (const auto* m = measured_curve_at(grade, temperature, basis))
        return CurveAt{measured(grade, *m), true, false, {}};
    std::vector<std::string> warnings;
    const Basis other = basis == Basis::minimum ? Basis::typical : Basis::minimum;
    if (measured_curve_at(grade, temperature, other))
        warnings.push_back(fmt::format("{}: the measured curve at {:g} °C is {} data; on the {} basis the model is used "
                                       "(the {} basis uses the curve)",
                                       grade.name, units::to_celsius(temperature),
                                       other == Basis::typical ? "typical" : "guaranteed-minimum", to_string(basis),
                                       to_string(other)));
    bool extrapolated = false;
    const auto a = scaled(grade, temperature, basis, &warnings, &extrapolated);
    return CurveAt{DemagCurve(a.br * units::tesla, a.hcj * units::ampere_per_metre, grade.recoil_permeability.value,
                              grade.squareness.value),
                   false, extrapolated, std::move(warnings)};
}

MagnetProperties properties_at(const Grade& grade, units::Temperature temperature, Basis basis) {
    MagnetProperties p;
    p.temperature = temperature;
    p.basis = basis;
    auto at = curve_with_warnings_at(grade, temperature, basis);
    p.warnings = std::move(at.warnings);
    p.extrapolated = at.extrapolated;
    p.measured_curve = at.measured;
    const DemagCurve& curve = at.curve;
    p.remanence = curve.remanence();
    p.intrinsic_coercivity = curve.intrinsic_coercivity();
    p.normal_coercivity = curve.normal_coercivity();
    p.knee_field = curve.knee_field();
    p.hd5 = field_for_loss(curve, 0.05);
    p.max_energy_product = curve.max_energy_product();
    p.recoil_permeability = curve.recoil_permeability();
    p.squareness = at.measured ? curve.knee_field().value() / curve.intrinsic_coercivity().value()
                               : grade.squareness.value;
    p.knee_limited = curve.knee_limited();
    return p;
}

}  // namespace magsel
