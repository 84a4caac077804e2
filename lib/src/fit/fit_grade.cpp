// fit_grade.cpp — `magsel fit` in order: values per temperature (rows, else read off the curves),
// the temperature fit, the knee fit, and the warnings a poor fit deserves.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "fit/fit_detail.hpp"
#include "physics/temperature_model.hpp"

namespace magsel {
namespace {

// A fit is called poor (a warning with the residual; the grade file is still written) when its
// RMS residual exceeds these. Digitizing a datasheet plot carefully gives ~0.3 % of full scale.
constexpr double poor_br_relative = 0.01;      // Br(T): 1 % of Br(20 °C)
constexpr double poor_hcj_relative = 0.03;     // Hcj(T): 3 % of Hcj(20 °C)
constexpr double poor_knee_tesla = 0.02;       // knee fit: 0.02 T (≈ 1.5 % of an NdFeB Br)
constexpr double same_temperature_kelvin = 0.01;

std::string celsius(double kelvin) { return fmt::format("{:g} °C", kelvin - units::celsius_zero_in_kelvin); }

/// Does a property row give this quantity at this temperature?
template <class Get>
bool row_has(const FitData& data, double kelvin, Get get) {
    return std::any_of(data.properties.begin(), data.properties.end(), [&](const FitPropertyRow& r) {
        return std::abs(r.temperature.value() - kelvin) < same_temperature_kelvin && get(r);
    });
}

}  // namespace

FitResult fit_grade(const FitData& data) {
    FitResult result;
    const SourceLocation fallback{data.files.empty() ? std::string("input") : data.files.front(), 0, 0, {}};
    std::vector<detail::TemperatureValue> br, hcj, hcb;
    for (const auto& r : data.properties) {
        if (r.remanence) br.push_back({r.temperature.value(), r.remanence->value(), r.where});
        if (r.intrinsic_coercivity) hcj.push_back({r.temperature.value(), r.intrinsic_coercivity->value(), r.where});
        if (r.normal_coercivity) hcb.push_back({r.temperature.value(), r.normal_coercivity->value(), r.where});
    }
    // Curves fill in Br and Hcj where no row gives them at the curve's temperature.
    for (const auto& c : data.curves) {
        const double k = c.temperature.value();
        if (!row_has(data, k, [](const FitPropertyRow& r) { return r.remanence.has_value(); })) {
            if (auto b = detail::curve_remanence(c)) {
                br.push_back({k, *b, c.where});
                result.notes.push_back(fmt::format("Br at {} read off the curve (J at H = 0)", celsius(k)));
            } else {
                result.warnings.push_back(fmt::format("the curve at {} starts too far from H = 0 to read Br off it",
                                                      celsius(k)));
            }
        }
        if (!row_has(data, k, [](const FitPropertyRow& r) { return r.intrinsic_coercivity.has_value(); })) {
            if (auto h = detail::curve_coercivity(c)) {
                hcj.push_back({k, *h, c.where});
                result.notes.push_back(fmt::format("Hcj at {} read off the curve (J = 0 crossing)", celsius(k)));
            } else {
                result.notes.push_back(fmt::format("Hcj at {} unknown: the {} curve does not reach J = 0", celsius(k),
                                                   c.quantity == CurveQuantity::flux_density ? "B" : "J"));
            }
        }
    }
    result.remanence = detail::fit_property<units::FluxDensity>(br, "Br", fallback, false);
    result.intrinsic_coercivity = detail::fit_property<units::FieldStrength>(hcj, "Hcj", fallback, false);
    if (hcb.size() >= 2 && detail::distinct_count([&] {
            std::vector<double> t;
            for (const auto& v : hcb) t.push_back(v.kelvin);
            return t;
        }()) >= 2) {
        result.normal_coercivity = detail::fit_property<units::FieldStrength>(hcb, "Hcb", fallback, false);
    } else if (!hcb.empty()) {
        result.notes.push_back("Hcb at one temperature only: not written (the grade file gives Hcb at 20 °C)");
    }
    // Squareness from Hk rows: Hk/Hcj(T) at each row's temperature, averaged.
    double sum = 0.0;
    int n = 0;
    for (const auto& r : data.properties) {
        if (!r.knee_field) continue;
        sum += r.knee_field->value() / result.intrinsic_coercivity.value_at(r.temperature).value();
        ++n;
    }
    if (n > 0) result.row_squareness = sum / n;

    const auto& b = result.remanence;
    if (b.rms_residual.value() > poor_br_relative * b.at_reference.value())
        result.warnings.push_back(fmt::format("poor fit of Br(T): RMS residual {:.4f} T is above {:g} % of Br(20 °C)",
                                              b.rms_residual.value(), poor_br_relative * 100.0));
    const auto& h = result.intrinsic_coercivity;
    if (h.rms_residual.value() > poor_hcj_relative * h.at_reference.value())
        result.warnings.push_back(fmt::format(
            "poor fit of Hcj(T): RMS residual {:.1f} kA/m is above {:g} % of Hcj(20 °C)", h.rms_residual.value() / 1000.0,
            poor_hcj_relative * 100.0));

    if (!data.curves.empty()) {
        const auto knee = fit_knee(data.curves, &result.intrinsic_coercivity);
        if (!knee.converged)
            result.warnings.push_back(fmt::format("the knee fit did not converge in {} iterations", knee.iterations));
        if (knee.rms_residual.value() > poor_knee_tesla)
            result.warnings.push_back(fmt::format("poor knee fit: RMS residual {:.4f} T (max {:.4f} T) over {} curve(s) "
                                                  "is above {:g} T",
                                                  knee.rms_residual.value(), knee.max_residual.value(),
                                                  knee.curves.size(), poor_knee_tesla));
        for (const auto& c : knee.curves)
            if (c.coercivity_held)
                result.notes.push_back(fmt::format("knee fit at {}: Hcj held at Hcj(T) of the temperature fit",
                                                   celsius(c.temperature.value())));
        if (knee.recoil_permeability <= fit_mu_rec_low + 1e-9 || knee.recoil_permeability >= fit_mu_rec_high - 1e-9)
            result.warnings.push_back(fmt::format("the fitted recoil permeability sits on its bound ({:g})",
                                                  knee.recoil_permeability));
        if (!knee.squareness_determined)
            result.notes.push_back("no curve goes past its knee (J < 0.9·Br): squareness not fitted");
        else if (knee.squareness <= fit_squareness_low + 1e-9 || knee.squareness >= fit_squareness_high - 1e-9)
            result.warnings.push_back(fmt::format("the fitted squareness sits on its bound ({:g})", knee.squareness));
        result.knee = knee;
    }
    return result;
}

}  // namespace magsel
