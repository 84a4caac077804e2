// polyfit.hpp (private) — least-squares polynomials on plain SI doubles (the Eigen shim).
#pragma once

#include <vector>

namespace magsel::detail {

struct PolynomialFit {
    std::vector<double> coefficients;  ///< c0 + c1·x + c2·x² ...
    double rms_residual = 0.0;
    double press = 0.0;  ///< leave-one-out prediction error sum of squares (PRESS)
};

/// Least-squares polynomial of `degree` through (x, y); needs more points than coefficients
/// for PRESS (otherwise press is +inf). Solved by column-pivoting Householder QR.
PolynomialFit fit_polynomial(const std::vector<double>& x, const std::vector<double>& y, int degree);

double evaluate_polynomial(const std::vector<double>& c, double x);
double polynomial_slope(const std::vector<double>& c, double x);

}  // namespace magsel::detail
