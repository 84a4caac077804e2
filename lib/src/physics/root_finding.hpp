// root_finding.hpp (private) — the safeguarded root finder the curve and load-line solvers share.
#pragma once

#include <algorithm>
#include <cmath>

namespace magsel::detail {

/// f and its first two derivatives at one point.
struct Local {
    double f, slope, curvature;
};

/// Root of a strictly decreasing f on [lo, hi] with f(lo) > 0 ≥ f(hi): Halley steps (Newton
/// corrected by the curvature; cubic convergence) from `start`, kept in a shrinking bracket and
/// falling back to bisection whenever a step leaves it (the safeguard of "rtsafe", Press et al.,
/// Numerical Recipes, 3rd ed., §9.4). The bracket halves at least every other iteration, so
/// 200 iterations reach the double-precision limit from any start. `local(h)` returns a Local.
///
/// It stops after a step δ below `final_step` or below 1e-12 of h, before the bracket test:
/// at the root, rounding can flip the sign of f, and bisecting the whole bracket would throw the
/// converged point away. Halley's error after a step δ is ≈ |f'''/(6f') − (f''/(2f'))²|·δ³
/// (Traub, Iterative Methods for the Solution of Equations, 1964, §8.2). For the knee model,
/// |f''/f'| ≤ s and f''' = s·f'', so the error is ≤ 0.42·s²·δ³; with final_step = 10⁻³/s that is
/// ≤ 4·10⁻⁷·δ ≤ 4·10⁻¹⁰/s, about 10⁻¹¹ of Hcj.
template <class F>
double safe_halley(F local, double lo, double hi, double start, double final_step) {
    double h = std::clamp(start, lo, hi);
    for (int i = 0; i < 200; ++i) {
        const Local l = local(h);
        if (l.f == 0.0) return h;
        (l.f > 0.0 ? lo : hi) = h;
        double next = 0.5 * (lo + hi);
        if (l.slope < 0.0) {
            // Halley: Δ = −2·f·f'/(2f'² − f·f''); plain Newton (Δ = −f/f') when the curvature
            // correction would more than double the step.
            const double slope2 = l.slope * l.slope;
            const double halley = 2.0 * slope2 - l.f * l.curvature;
            const double step = halley > slope2 ? -2.0 * l.f * l.slope / halley : -l.f / l.slope;
            if (std::abs(step) <= std::max(final_step, 1e-12 * std::max(1.0, std::abs(h)))) return h + step;
            if (h + step > lo && h + step < hi) next = h + step;
        }
        if (hi - lo <= 1e-15 * std::max(1.0, hi)) return next;
        h = next;
    }
    return h;
}

}  // namespace magsel::detail
