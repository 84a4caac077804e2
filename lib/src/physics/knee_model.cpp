#include "physics/knee_model.hpp"

#include <algorithm>
#include <cmath>

#include "magsel/units.hpp"
#include "physics/root_finding.hpp"

namespace magsel::detail {
namespace {

constexpr double knee_fraction = 0.9;       // Hk where J = 0.9·Br (IEC 60404-5)
constexpr double minimum_knee_drop = 0.02;  // d_k ≥ 2 % of d_c (high-coercivity corner)
constexpr double min_sharpness_x = 1e-6;    // the bracket of s·Hcj
constexpr double max_sharpness_x = 700.0;   // e^700 is still a finite double

/// log(e^y − 1) and its derivative e^y/(e^y − 1) for y > 0, without overflow; the two share
/// their exponential (the same numbers as computing each on its own).
struct LogExpm1 {
    double value, slope;
};
LogExpm1 log_expm1(double y) {
    if (y > 30.0) {
        const double e = std::exp(-y);
        return {y + std::log1p(-e), 1.0 / (1.0 - e)};
    }
    const double m = std::expm1(y);
    return {std::log(m), std::exp(y) / m};
}

/// log((e^{x} − 1)/(e^{q·x} − 1)) for x > 0, 0 < q < 1, and its derivative in x.
LogExpm1 log_ratio(double x, double q) {
    const auto a = log_expm1(x), b = log_expm1(q * x);
    return {a.value - b.value, a.slope - q * b.slope};
}

/// x with log_ratio(x, q) = target: Newton from the large-x asymptote x ≈ target/(1 − q),
/// kept inside a shrinking bracket (bisection when a step leaves it), so it always converges.
double solve_sharpness(double target, const KneeShape& shape) {
    const double q = shape.squareness;
    double lo = min_sharpness_x, hi = max_sharpness_x;
    if (target <= shape.log_ratio_low) return lo;
    if (target >= shape.log_ratio_high) return hi;
    double x = std::clamp(target / (1.0 - q), lo, hi);
    // For q·x > 40, log_ratio(x, q) = (1 − q)·x + e^{−q·x} − e^{−x} + … differs from the
    // asymptote by less than 5e-18: the start is already the root to double precision.
    if (q * x > 40.0 && x < hi) return x;
    for (int i = 0; i < 100; ++i) {
        const auto r = log_ratio(x, q);
        const double f = r.value - target;  // increasing in x
        (f < 0.0 ? lo : hi) = x;
        double next = x - f / r.slope;
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        if (std::abs(next - x) <= 1e-14 * x) return next;
        x = next;
    }
    return x;
}

}  // namespace

KneeShape knee_shape(double squareness) {
    KneeShape shape;
    shape.squareness = std::clamp(squareness, 0.2, 0.99);
    shape.log_ratio_low = log_ratio(min_sharpness_x, shape.squareness).value;
    shape.log_ratio_high = log_ratio(max_sharpness_x, shape.squareness).value;
    return shape;
}

KneeConstants knee_constants(double remanence, double intrinsic_coercivity, double recoil_permeability,
                             const KneeShape& shape) {
    KneeConstants c;
    c.br = std::max(remanence, 1e-9);
    c.hcj = std::max(intrinsic_coercivity, 1e-6);
    c.mu_rec = std::clamp(recoil_permeability, 1.0, 1.5);
    const double q = shape.squareness;
    // The recoil line must not reach J = 0 before Hcj (inconsistent data at extreme
    // temperatures): keep χ·Hcj ≤ Br/2.
    c.chi = std::min(units::mu0 * (c.mu_rec - 1.0), 0.5 * c.br / c.hcj);
    c.d_c = c.br - c.chi * c.hcj;
    c.hk_target = q * c.hcj;
    double d_k = c.br - c.chi * c.hk_target - knee_fraction * c.br;
    if (d_k < minimum_knee_drop * c.d_c) {
        d_k = minimum_knee_drop * c.d_c;
        c.knee_limited = true;
    }
    // Solve (e^{x} − 1)/(e^{q·x} − 1) = d_c/d_k for x = s·Hcj. The left side rises from 1/q
    // (x → 0) without bound, so a root exists when d_c/d_k > 1/q, i.e. q·d_c > d_k, which
    // reduces to q > 0.1 (always true here). The bounds guard only against rounding.
    const double x = solve_sharpness(std::log(c.d_c / d_k), shape);
    c.s = x / c.hcj;
    c.knee_floor = std::exp(-x);
    c.knee_scale = c.d_c / (-std::expm1(-x));
    return c;
}

double knee_field(const KneeConstants& c) {
    if (!c.knee_limited) return c.hk_target;
    // J(h) = 0.9·Br: J is concave and falls, and both q·Hcj (J is already below 0.9·Br
    // there, as d_k was raised) and the recoil line's own 0.9·Br point (J lies below the
    // recoil line) are at or right of the root, so the solver approaches from the right.
    const double target_j = knee_fraction * c.br;
    const double start = c.chi > 0.0 ? std::min(c.hk_target, (1.0 - knee_fraction) * c.br / c.chi) : c.hk_target;
    auto g = [&](double h) {
        const auto j = knee_sample(c, h);
        return Local{j.polarization - target_j, j.slope, j.curvature};
    };
    return safe_halley(g, 0.0, c.hcj, start, 1e-3 / c.s);
}

}  // namespace magsel::detail
