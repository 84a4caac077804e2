#include "physics/polyfit.hpp"

#include <cmath>
#include <limits>

#include <Eigen/Dense>

namespace magsel::detail {

PolynomialFit fit_polynomial(const std::vector<double>& x, const std::vector<double>& y, int degree) {
    const auto n = static_cast<Eigen::Index>(x.size());
    const Eigen::Index m = degree + 1;
    Eigen::MatrixXd a(n, m);
    Eigen::VectorXd b(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        double p = 1.0;
        for (Eigen::Index j = 0; j < m; ++j, p *= x[static_cast<std::size_t>(i)]) a(i, j) = p;
        b(i) = y[static_cast<std::size_t>(i)];
    }
    const Eigen::VectorXd c = a.colPivHouseholderQr().solve(b);
    PolynomialFit fit;
    fit.coefficients.assign(c.data(), c.data() + c.size());
    const Eigen::VectorXd r = a * c - b;
    fit.rms_residual = n > 0 ? std::sqrt(r.squaredNorm() / static_cast<double>(n)) : 0.0;

    // PRESS: the residual of each point predicted by the fit to the others,
    // e_i / (1 − h_ii) with the hat matrix H = A (AᵀA)⁻¹ Aᵀ (Allen 1974, Technometrics 16:125).
    if (n > m) {
        const Eigen::MatrixXd ata_inv = (a.transpose() * a).inverse();
        double press = 0.0;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double h = a.row(i) * ata_inv * a.row(i).transpose();
            const double e = r(i) / (1.0 - h);
            press += e * e;
        }
        fit.press = press;
    } else {
        fit.press = std::numeric_limits<double>::infinity();
    }
    return fit;
}

double evaluate_polynomial(const std::vector<double>& c, double x) {
    double v = 0.0;
    for (auto it = c.rbegin(); it != c.rend(); ++it) v = v * x + *it;
    return v;
}

double polynomial_slope(const std::vector<double>& c, double x) {
    double v = 0.0;
    for (std::size_t k = c.size(); k-- > 1;) v = v * x + static_cast<double>(k) * c[k];
    return v;
}

}  // namespace magsel::detail
