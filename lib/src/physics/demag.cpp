#include "magsel/demag.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "physics/root_finding.hpp"

namespace magsel {
namespace {

constexpr double mu0 = units::mu0;

void check_load(const LoadLine& load) {
    if (!(load.permeance_coefficient > 0.0) || !std::isfinite(load.permeance_coefficient))
        throw UsageError(fmt::format("the permeance coefficient must be a positive number, not {:g}",
                                     load.permeance_coefficient));
    if (!(load.opposing_field.value() >= 0.0) || !std::isfinite(load.opposing_field.value()))
        throw UsageError(fmt::format("the opposing field must be zero or positive, not {:g} A/m",
                                     load.opposing_field.value()));
}

}  // namespace

WorkingPoint working_point(const DemagCurve& curve, const LoadLine& load) {
    check_load(load);
    const double pc = load.permeance_coefficient;
    const double ha = load.opposing_field.value();
    const double br = curve.remanence().value();
    // f(h) = B(h) − μ0·Pc·(h − Ha) falls strictly: f(0) = Br + μ0·Pc·Ha > 0, and at
    // h_hi = Ha + Br/(μ0(1 + Pc)), f = J(h_hi) − Br − μ0·Ha ≤ 0 because J ≤ Br.
    auto f = [&](double h) {
        const auto j = curve.sample_si(h);
        return detail::Local{j.polarization - mu0 * h - mu0 * pc * (h - ha), j.slope - mu0 * (1.0 + pc), j.curvature};
    };
    const double hi = ha + br / (mu0 * (1.0 + pc));
    // The recoil-line solution h = (Br + μ0·Pc·Ha)/(μ0(Pc + μrec)) is exact where the knee term
    // vanishes to double precision (the common case); otherwise it starts Newton's method. As
    // J lies on or below the recoil line, f ≤ 0 there: the start is at or right of the root, and
    // on the concave f (J = Br − χ·h − D(h), D convex) Newton then approaches the root from the
    // right without overshooting — four or five steps near a knee.
    const double linear = (br + mu0 * pc * ha) / (mu0 * pc + mu0 + curve.recoil_slope_si());
    // Past full reversal (J held at −Br) the root is explicit too: −Br − μ0·h = μ0·Pc·(h − Ha).
    const double reversed_root = (mu0 * pc * ha - br) / (mu0 * (1.0 + pc));
    double h;
    if (curve.on_recoil_line(linear)) {
        h = linear;
    } else if (reversed_root > curve.intrinsic_coercivity().value() &&
               curve.sample_si(reversed_root).polarization <= -br) {
        h = reversed_root;
    } else {
        // Deep past the knee the recoil-line start is far right of the root, where the knee
        // term is huge and each step gains only about 1/s. Where the knee term alone equals
        // Br + μ0·Pc·Ha, f = −(μ0(1 + Pc) + χ)·h < 0: still right of the root, and much closer.
        // The drop is capped at 1.5·Br so that the start is not in the fully reversed part
        // (J = −Br, where the slope no longer sees the knee); the bracket keeps it safe anyway.
        double start = linear;
        if (!curve.measured() && linear > curve.intrinsic_coercivity().value())
            start = std::min(start, curve.field_at_knee_drop_si(std::min(br + mu0 * pc * ha, 1.5 * br)));
        h = detail::safe_halley(f, 0.0, hi, start, 1e-3 / curve.knee_sharpness_si());
    }

    WorkingPoint w;
    w.load_line = load;
    w.working_field = h * units::ampere_per_metre;
    w.flux_density = mu0 * pc * (h - ha) * units::tesla;  // on the load line, by construction
    // At the root B(h) equals the load line, so J = B + μ0·h needs no further curve evaluation.
    w.polarization = (w.flux_density.value() + mu0 * h) * units::tesla;
    w.remanence = curve.remanence();
    w.knee_field = curve.knee_field();
    w.knee_margin = w.knee_field - w.working_field;
    w.knee_flux_density = curve.knee_flux_density_si() * units::tesla;
    w.flux_density_margin = w.flux_density - w.knee_flux_density;
    // Past full reversal (J held at −Br) the recoil construction no longer applies: all is lost.
    const bool reversed = w.polarization.value() <= -br * (1.0 - 1e-12);
    const double recoil = reversed ? 0.0 : w.polarization.value() + curve.recoil_slope_si() * h;
    w.recoil_remanence = std::max(recoil, 0.0) * units::tesla;
    w.irreversible_loss = std::clamp(1.0 - recoil / br, 0.0, 1.0);
    return w;
}

WorkingPoint working_point(const Grade& grade, units::Temperature t, const LoadLine& load, Basis basis) {
    auto at = curve_with_warnings_at(grade, t, basis);
    auto w = working_point(at.curve, load);
    w.temperature = t;
    w.extrapolated = at.extrapolated;
    w.measured_curve = at.measured;
    w.warnings = std::move(at.warnings);
    if (at.measured && w.working_field.value() > at.curve.measured_field_limit())
        w.warnings.push_back(fmt::format("{} at {:g} °C: the working point (h = {:.1f} kA/m) lies beyond the measured "
                                         "curve (up to {:.1f} kA/m); J is extrapolated along its last slope",
                                         grade.name, units::to_celsius(t), w.working_field.value() / 1000.0,
                                         at.curve.measured_field_limit() / 1000.0));
    return w;
}

std::vector<units::Temperature> temperature_grid(units::Temperature low, units::Temperature high,
                                                 units::TemperatureDifference step) {
    if (!(step.value() > 0.0)) throw UsageError("the temperature step must be positive");
    if (high < low) throw UsageError("the lower temperature is above the upper one");
    const double span = high.value() - low.value();
    const auto n = static_cast<std::size_t>(std::ceil(span / step.value() - 1e-9));
    if (n > 100000) throw UsageError("the temperature grid would have more than 100000 points");
    std::vector<units::Temperature> grid;
    for (std::size_t i = 0; i <= n; ++i)
        grid.push_back(units::kelvin_point(n == 0 ? low.value() : low.value() + span * static_cast<double>(i) / static_cast<double>(n)));
    return grid;
}

RangeResult worst_over_range(const Grade& grade, units::Temperature low, units::Temperature high,
                             const LoadLine& load, Basis basis, units::TemperatureDifference step) {
    RangeResult r;
    for (const auto& t : temperature_grid(low, high, step)) r.points.push_back(working_point(grade, t, load, basis));
    auto worse = [](const WorkingPoint& a, const WorkingPoint& b) {  // is a worse than b?
        if (std::abs(a.irreversible_loss - b.irreversible_loss) > 1e-12) return a.irreversible_loss > b.irreversible_loss;
        return a.knee_margin < b.knee_margin;
    };
    r.worst = r.points.front();
    for (const auto& p : r.points)
        if (worse(p, r.worst)) r.worst = p;
    return r;
}

TemperatureLimit max_temperature_within_loss(const Grade& grade, const LoadLine& load, double loss_limit, Basis basis,
                                             units::Temperature low, units::Temperature high) {
    if (!(loss_limit >= 0.0 && loss_limit < 1.0)) throw UsageError("the loss limit must be in [0, 100) %");
    // Outside the grade's validity envelope (Curie, spin reorientation) nothing passes.
    const auto envelope = temperature_envelope(grade);
    auto passes = [&](double kelvin) {
        const auto t = units::kelvin_point(kelvin);
        return envelope.contains(t) && working_point(grade, t, load, basis).irreversible_loss <= loss_limit;
    };
    const auto grid = temperature_grid(low, high, 5.0 * units::kelvin);
    // The highest passing grid point; the loss need not be monotone in T (ferrite), so scan all.
    std::optional<std::size_t> last_pass;
    for (std::size_t i = 0; i < grid.size(); ++i)
        if (passes(grid[i].value())) last_pass = i;
    TemperatureLimit limit;
    if (!last_pass) return limit;
    if (*last_pass + 1 == grid.size()) {
        limit.temperature = grid.back();
        return limit;
    }
    double pass = grid[*last_pass].value(), fail = grid[*last_pass + 1].value();
    while (fail - pass > 0.01) {
        const double mid = 0.5 * (pass + fail);
        (passes(mid) ? pass : fail) = mid;
    }
    limit.temperature = units::kelvin_point(pass);
    limit.limited = true;
    return limit;
}

std::optional<double> min_permeance_within_loss(const Grade& grade, units::Temperature t,
                                                units::FieldStrength opposing_field, double loss_limit, Basis basis) {
    if (!(loss_limit >= 0.0 && loss_limit < 1.0)) throw UsageError("the loss limit must be in [0, 100) %");
    const auto curve = curve_at(grade, t, basis);
    auto passes = [&](double pc) { return working_point(curve, LoadLine{pc, opposing_field}).irreversible_loss <= loss_limit; };
    double lo = 0.01, hi = 100.0;
    if (!passes(hi)) return std::nullopt;
    if (passes(lo)) return lo;
    while (hi / lo > 1.0005) {  // the loss falls as Pc rises: bisect in log Pc
        const double mid = std::sqrt(lo * hi);
        (passes(mid) ? hi : lo) = mid;
    }
    return hi;
}

units::FieldStrength field_for_loss(const DemagCurve& curve, double loss) {
    if (!(loss > 0.0 && loss < 1.0)) throw UsageError("the loss level must be in (0, 100) %");
    const double br = curve.remanence().value();
    const double chi = curve.recoil_slope_si();
    // Br' = J(h) + χ·h falls from Br (h = 0) to −Br + χ·h (full reversal): solve Br' = (1 − loss)·Br.
    auto g = [&](double h) {
        const auto j = curve.sample_si(h);
        return detail::Local{j.polarization + chi * h - (1.0 - loss) * br, j.slope + chi, j.curvature};
    };
    double hi = curve.intrinsic_coercivity().value();
    while (g(hi).f > 0.0 && hi < 1e9) hi *= 2.0;
    return detail::safe_halley(g, 0.0, hi, curve.knee_field().value(), 1e-3 / curve.knee_sharpness_si()) * units::ampere_per_metre;
}

}  // namespace magsel
