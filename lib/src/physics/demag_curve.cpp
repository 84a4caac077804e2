#include "magsel/demag_curve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "physics/curve_table.hpp"
#include "physics/knee_model.hpp"
#include "magsel/error.hpp"
#include "physics/root_finding.hpp"

namespace magsel {
namespace {

constexpr double knee_fraction = 0.9;  // Hk where J = 0.9·Br (IEC 60404-5)

/// Root of a decreasing function f on [lo, hi] with f(lo) ≥ 0 ≥ f(hi), by bisection.
template <class F>
double bisect_decreasing(F f, double lo, double hi) {
    for (int i = 0; i < 200 && hi - lo > 1e-13 * std::max(1.0, hi); ++i) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) >= 0.0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

/// The squareness's part of the knee model, kept from the last curve this thread built: a
/// study builds many curves of one grade in a row.
const detail::KneeShape& shape_of(double squareness) {
    thread_local double last_squareness = std::numeric_limits<double>::quiet_NaN();
    thread_local detail::KneeShape shape;
    if (squareness != last_squareness) {
        shape = detail::knee_shape(squareness);
        last_squareness = squareness;
    }
    return shape;
}

}  // namespace

DemagCurve::DemagCurve(units::FluxDensity remanence, units::FieldStrength intrinsic_coercivity,
                       double recoil_permeability, double squareness) {
    // The model's constants (knee_model.hpp, shared with the batch kernel), then Hk and B(Hk).
    const auto c = detail::knee_constants(remanence.value(), intrinsic_coercivity.value(), recoil_permeability,
                                          shape_of(squareness));
    br_ = c.br;
    hcj_ = c.hcj;
    mu_rec_ = c.mu_rec;
    chi_ = c.chi;
    d_c_ = c.d_c;
    s_ = c.s;
    knee_floor_ = c.knee_floor;
    knee_scale_ = c.knee_scale;
    knee_limited_ = c.knee_limited;
    hk_ = detail::knee_field(c);
    b_knee_ = flux_density_si(hk_);
}

double DemagCurve::polarization_si(double h) const { return sample_si(h).polarization; }

double DemagCurve::flux_density_si(double h) const { return polarization_si(h) - units::mu0 * h; }

double DemagCurve::polarization_slope_si(double h) const { return sample_si(h).slope; }

DemagCurve::DemagCurve(const std::vector<double>& field, const std::vector<double>& polarization,
                       double recoil_permeability)
    : mu_rec_(std::clamp(recoil_permeability, 1.0, 1.5)) {
    const std::size_t n = field.size();
    bool ok = n >= 2 && n == polarization.size() && field.front() == 0.0 && polarization.front() > 0.0;
    for (std::size_t i = 1; ok && i < n; ++i) ok = field[i] > field[i - 1] && polarization[i] <= polarization[i - 1];
    if (!ok)
        throw UsageError("a measured curve needs at least 2 points, h rising from 0, J falling from a positive Br");
    table_ = std::make_shared<const CurveTable>(field, polarization);
    br_ = polarization.front();
    // J = 0 and J = 0.9·Br on the interpolant (or its continuation past the last point); the
    // continuation falls at the last slope, so a root exists unless that slope is flat.
    const double h_end = field.back(), j_end = polarization.back(), m_end = table_->slope.back();
    auto root_of = [&](double level) {
        if (j_end > level && !(m_end < 0.0)) return h_end * 1e3;  // never reaches it
        const double hi = j_end > level ? h_end + (level - j_end) / m_end * 1.0001 + 1.0 : h_end;
        auto g = [&](double h) {
            const auto v = table_->at(h);
            return detail::Local{v.j - level, v.slope, v.curvature};
        };
        return detail::safe_halley(g, 0.0, hi, 0.5 * hi, 1e-9 * hi);
    };
    hcj_ = root_of(0.0);
    hk_ = root_of(knee_fraction * br_);
    chi_ = std::min(units::mu0 * (mu_rec_ - 1.0), 0.5 * br_ / hcj_);
    d_c_ = br_ - chi_ * hcj_;
    s_ = 1e6 / hcj_;
    b_knee_ = flux_density_si(hk_);
}

double DemagCurve::measured_field_limit() const { return table_ ? table_->h.back() : 0.0; }

DemagCurve::Sample DemagCurve::sample_si(double h) const {
    if (table_) {
        const auto v = table_->at(h);
        if (v.j <= -br_) return {-br_, 0.0, 0.0};
        return {v.j, v.slope, v.curvature};
    }
    // D(h) = d_c·(e^{s·h} − 1)/(e^{s·Hcj} − 1). For h > 0 it is written without overflow as
    // d_c·(e^{s(h − Hcj)} − e^{−s·Hcj})/(1 − e^{−s·Hcj}) = knee_scale_·(e^{s(h − Hcj)} − knee_floor_),
    // one exponential per call; dD/dh = knee_scale_·s·e^{s(h − Hcj)}, d²D/dh² = s·dD/dh.
    const double over = s_ * (h - hcj_);
    if (over > 50.0) return {-br_, 0.0, 0.0};  // held at full reversal
    double knee, knee_slope;
    if (h <= 0.0) {  // first quadrant (h < 0): only plots reach it
        knee = d_c_ * std::expm1(s_ * h) / std::expm1(s_ * hcj_);
        knee_slope = d_c_ * s_ * std::exp(s_ * h) / std::expm1(s_ * hcj_);
    } else {  // as detail::knee_sample (knee_model.hpp)
        const double e = std::exp(over);
        knee = knee_scale_ * (e - knee_floor_);
        knee_slope = knee_scale_ * s_ * e;
    }
    const double j = br_ - chi_ * h - knee;
    if (j <= -br_) return {-br_, 0.0, 0.0};
    return {j, -chi_ - knee_slope, -s_ * knee_slope};  // d²D/dh² = s·dD/dh
}

double DemagCurve::field_at_knee_drop_si(double drop) const {
    return hcj_ + std::log(drop / knee_scale_ + knee_floor_) / s_;
}

units::FluxDensity DemagCurve::polarization(units::FieldStrength h) const {
    return polarization_si(h.value()) * units::tesla;
}
units::FluxDensity DemagCurve::flux_density(units::FieldStrength h) const {
    return flux_density_si(h.value()) * units::tesla;
}
units::FluxDensity DemagCurve::remanence() const { return br_ * units::tesla; }
units::FieldStrength DemagCurve::intrinsic_coercivity() const { return hcj_ * units::ampere_per_metre; }
units::FieldStrength DemagCurve::knee_field() const { return hk_ * units::ampere_per_metre; }

units::FieldStrength DemagCurve::normal_coercivity() const {
    // B(0) = Br > 0 and B(Hcj) = −μ0·Hcj < 0; B is strictly decreasing.
    const double hcb = bisect_decreasing([&](double h) { return flux_density_si(h); }, 0.0, hcj_);
    return hcb * units::ampere_per_metre;
}

units::EnergyDensity DemagCurve::max_energy_product() const {
    // B·h on [0, Hcb]: a coarse scan finds the bracket, golden-section search refines it.
    const double hcb = normal_coercivity().value();
    auto product = [&](double h) { return h * flux_density_si(h); };
    constexpr int n = 64;
    int best = 0;
    double best_value = 0.0;
    for (int i = 0; i <= n; ++i) {
        const double v = product(hcb * i / n);
        if (v > best_value) best_value = v, best = i;
    }
    double lo = hcb * std::max(best - 1, 0) / n, hi = hcb * std::min(best + 1, n) / n;
    const double g = (std::sqrt(5.0) - 1.0) / 2.0;
    for (int i = 0; i < 100 && hi - lo > 1e-9 * hcb; ++i) {
        const double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
        if (product(a) < product(b)) {
            lo = a;
        } else {
            hi = b;
        }
    }
    return std::max(best_value, product(0.5 * (lo + hi))) * units::joule_per_cubic_metre;
}

}  // namespace magsel
