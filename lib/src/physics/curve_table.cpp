#include "physics/curve_table.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace magsel {
namespace {

/// The Fritsch–Butland slope at an interior point from the secants on either side: zero at a
/// local extremum or flat step, otherwise a weighted harmonic mean (never overshoots).
double interior_slope(double d0, double d1, double w0, double w1) {
    if (d0 * d1 <= 0.0) return 0.0;
    return (w0 + w1) / (w0 / d0 + w1 / d1);
}

/// The end slope by the shape-preserving three-point formula (as in MATLAB's pchip).
double end_slope(double h0, double h1, double d0, double d1) {
    double m = ((2.0 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
    if (m * d0 <= 0.0) return 0.0;
    if (d0 * d1 <= 0.0 && std::abs(m) > std::abs(3.0 * d0)) return 3.0 * d0;
    return m;
}

}  // namespace

CurveTable::CurveTable(std::vector<double> field, std::vector<double> polarization)
    : h(std::move(field)), j(std::move(polarization)), slope(h.size(), 0.0) {
    const std::size_t n = h.size();
    std::vector<double> width(n - 1), secant(n - 1);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        width[i] = h[i + 1] - h[i];
        secant[i] = (j[i + 1] - j[i]) / width[i];
    }
    if (n == 2) {
        slope[0] = slope[1] = secant[0];
        return;
    }
    for (std::size_t i = 1; i + 1 < n; ++i)
        slope[i] = interior_slope(secant[i - 1], secant[i], 2.0 * width[i] + width[i - 1], width[i] + 2.0 * width[i - 1]);
    slope[0] = end_slope(width[0], width[1], secant[0], secant[1]);
    slope[n - 1] = end_slope(width[n - 2], width[n - 3], secant[n - 2], secant[n - 3]);
}

CurveTable::Value CurveTable::at(double x) const {
    if (x <= h.front()) return {j.front() + slope.front() * (x - h.front()), slope.front(), 0.0};
    if (x >= h.back()) return {j.back() + slope.back() * (x - h.back()), slope.back(), 0.0};
    const auto i = static_cast<std::size_t>(std::upper_bound(h.begin(), h.end(), x) - h.begin()) - 1;
    const double w = h[i + 1] - h[i];
    const double t = (x - h[i]) / w;
    // cubic Hermite basis on [h_i, h_i+1]
    const double t2 = t * t, t3 = t2 * t;
    const double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + t, h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
    const double m0 = slope[i] * w, m1 = slope[i + 1] * w;
    const double value = h00 * j[i] + h10 * m0 + h01 * j[i + 1] + h11 * m1;
    const double d1 = ((6 * t2 - 6 * t) * j[i] + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * j[i + 1] +
                       (3 * t2 - 2 * t) * m1) / w;
    const double d2 = ((12 * t - 6) * j[i] + (6 * t - 4) * m0 + (-12 * t + 6) * j[i + 1] + (6 * t - 2) * m1) / (w * w);
    return {value, d1, d2};
}

}  // namespace magsel
