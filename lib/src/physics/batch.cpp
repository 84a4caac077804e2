// The batch working-point API (magsel/batch.hpp). This first version is the scalar path in a
// loop, one curve per distinct temperature run; it fixes the API and the reference results.
#include "magsel/batch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "magsel/envelope.hpp"
#include "magsel/error.hpp"

namespace magsel {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// n from the inputs' lengths: each is n or 1 (optional ones may be 0).
std::size_t point_count(const WorkingPointInputs& in) {
    std::size_t n = 1;
    for (auto s : {in.temperature_K, in.permeance_coefficient, in.opposing_field_A_m, in.remanence_20_T,
                   in.intrinsic_coercivity_20_A_m})
        if (s.size() > 1) n = s.size();
    return n;
}

void check_length(std::size_t size, std::size_t n, bool optional, const char* what) {
    if (size == n || size == 1 || (optional && size == 0)) return;
    throw UsageError(fmt::format("{} has {} values; expected {} (one per point){}", what, size, n,
                                 optional ? ", 1 or none" : " or 1"));
}

double at(std::span<const double> s, std::size_t i) { return s.size() == 1 ? s[0] : s[i]; }

void store(const WorkingPointOutputs& out, std::size_t i, const WorkingPoint& w, PointStatus status) {
    if (!out.working_field_A_m.empty()) out.working_field_A_m[i] = w.working_field.value();
    if (!out.flux_density_T.empty()) out.flux_density_T[i] = w.flux_density.value();
    if (!out.polarization_T.empty()) out.polarization_T[i] = w.polarization.value();
    if (!out.knee_margin_A_m.empty()) out.knee_margin_A_m[i] = w.knee_margin.value();
    if (!out.irreversible_loss.empty()) out.irreversible_loss[i] = w.irreversible_loss;
    if (!out.status.empty()) out.status[i] = status;
}

void store_outside(const WorkingPointOutputs& out, std::size_t i) {
    for (auto s : {out.working_field_A_m, out.flux_density_T, out.polarization_T, out.knee_margin_A_m,
                   out.irreversible_loss})
        if (!s.empty()) s[i] = nan;
    if (!out.status.empty()) out.status[i] = PointStatus::outside_envelope;
}

void check_outputs(const WorkingPointOutputs& out, std::size_t n) {
    auto check = [n](std::size_t size, const char* what) {
        if (size != 0 && size != n)
            throw UsageError(fmt::format("the output {} has room for {} values; expected {} or none", what, size, n));
    };
    check(out.working_field_A_m.size(), "working field");
    check(out.flux_density_T.size(), "flux density");
    check(out.polarization_T.size(), "polarization");
    check(out.knee_margin_A_m.size(), "knee margin");
    check(out.irreversible_loss.size(), "irreversible loss");
    check(out.status.size(), "status");
}

LoadLine load_at(std::span<const double> pc, std::span<const double> ha, std::size_t i) {
    const double p = at(pc, i), h = at(ha, i);
    if (!(p > 0.0) || !std::isfinite(p))
        throw UsageError(fmt::format("point {}: the permeance coefficient must be a positive number, not {:g}", i, p));
    if (!(h >= 0.0) || !std::isfinite(h))
        throw UsageError(fmt::format("point {}: the opposing field must be zero or positive, not {:g} A/m", i, h));
    return LoadLine{p, h * units::ampere_per_metre};
}

}  // namespace

BatchSummary working_points(const Grade& grade, const WorkingPointInputs& in, const WorkingPointOutputs& out,
                            Basis basis) {
    const std::size_t n = point_count(in);
    check_length(in.temperature_K.size(), n, false, "the temperature array");
    check_length(in.permeance_coefficient.size(), n, false, "the permeance-coefficient array");
    check_length(in.opposing_field_A_m.size(), n, false, "the opposing-field array");
    check_length(in.remanence_20_T.size(), n, true, "the 20 °C remanence array");
    check_length(in.intrinsic_coercivity_20_A_m.size(), n, true, "the 20 °C intrinsic-coercivity array");
    check_outputs(out, n);
    const bool overridden = !in.remanence_20_T.empty() || !in.intrinsic_coercivity_20_A_m.empty();
    const auto envelope = temperature_envelope(grade);
    const auto rated = rated_anchors(grade, basis);
    BatchSummary summary;
    summary.points = n;
    std::optional<DemagCurve> curve;
    double curve_kelvin = nan;
    for (std::size_t i = 0; i < n; ++i) {
        const double kelvin = at(in.temperature_K, i);
        if (!(kelvin > 0.0) || !std::isfinite(kelvin))
            throw UsageError(fmt::format("point {}: the temperature must be above 0 K, not {:g} K", i, kelvin));
        const auto t = units::kelvin_point(kelvin);
        const auto load = load_at(in.permeance_coefficient, in.opposing_field_A_m, i);
        if (!envelope.contains(t)) {
            store_outside(out, i);
            ++summary.outside_envelope;
            continue;
        }
        const bool extrapolated = is_extrapolated(grade, t);
        summary.extrapolated += extrapolated;
        const auto status = extrapolated ? PointStatus::extrapolated : PointStatus::ok;
        if (overridden) {
            const auto f = temperature_factors(grade, t);
            const double br20 = in.remanence_20_T.empty() ? rated.remanence.value() : at(in.remanence_20_T, i);
            const double hcj20 = in.intrinsic_coercivity_20_A_m.empty() ? rated.intrinsic_coercivity.value()
                                                                        : at(in.intrinsic_coercivity_20_A_m, i);
            const DemagCurve c(br20 * f.remanence * units::tesla, hcj20 * f.intrinsic_coercivity * units::ampere_per_metre,
                               grade.recoil_permeability.value, grade.squareness.value);
            store(out, i, working_point(c, load), status);
            continue;
        }
        if (!curve || kelvin != curve_kelvin) {
            curve = curve_at(grade, t, basis);
            curve_kelvin = kelvin;
        }
        store(out, i, working_point(*curve, load), status);
    }
    return summary;
}

void working_points(const DemagCurve& curve, std::span<const double> permeance_coefficient,
                    std::span<const double> opposing_field_A_m, const WorkingPointOutputs& out) {
    const std::size_t n = std::max(permeance_coefficient.size(), opposing_field_A_m.size());
    check_length(permeance_coefficient.size(), n, false, "the permeance-coefficient array");
    check_length(opposing_field_A_m.size(), n, false, "the opposing-field array");
    check_outputs(out, n);
    for (std::size_t i = 0; i < n; ++i)
        store(out, i, working_point(curve, load_at(permeance_coefficient, opposing_field_A_m, i)), PointStatus::ok);
}

}  // namespace magsel
