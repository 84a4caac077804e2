// curve_table.hpp (private) — a measured intrinsic curve J(h) as a monotone piecewise cubic.
//
// Monotone cubic Hermite interpolation (PCHIP): F. N. Fritsch and R. E. Carlson, "Monotone
// piecewise cubic interpolation", SIAM J. Numer. Anal. 17(2), 1980, with the slope choice of
// F. N. Fritsch and J. Butland, "A method for constructing local monotone piecewise cubic
// interpolants", SIAM J. Sci. Stat. Comput. 5(2), 1984 (the one MATLAB's pchip uses): the
// interpolant passes through every point and never rises where the data do not.
// Outside the points: below h = 0 the first segment's slope continues; beyond the last point
// the last slope continues (the curve clamps it at full reversal, J = −Br).
#pragma once

#include <vector>

namespace magsel {

struct CurveTable {
    std::vector<double> h;      ///< [A/m], strictly rising, h.front() == 0
    std::vector<double> j;      ///< [T], non-increasing
    std::vector<double> slope;  ///< dJ/dh at each point [T·m/A]

    /// From points already checked (rising h from 0, non-increasing J, at least 2 points).
    CurveTable(std::vector<double> field, std::vector<double> polarization);

    struct Value {
        double j, slope, curvature;
    };
    /// J, dJ/dh and d²J/dh² at h (before the clamp at −Br, which the curve applies).
    Value at(double h) const;
};

}  // namespace magsel
