// fit_knee.cpp — the knee model of DemagCurve fitted to measured curves by bounded
// Levenberg–Marquardt (docs/fit.md).
//
// Parameters: Br_i and Hcj_i of each curve i (Hcj_i held at Hcj(T) when the curve does not reach
// J = 0), one μrec and one squareness shared by every curve: a grade file holds one of each,
// and magsel's temperature model keeps them constant (docs/thermal.md). Residuals are
// J_model(h) − J_data(h) in T; for a B curve J_data = B + μ0·h, so the residual is the same in B.
//
// Levenberg–Marquardt (K. Levenberg 1944, D. W. Marquardt 1963; as in Press et al., Numerical
// Recipes 3rd ed. §15.5.2): solve (JᵀJ + λ·diag(JᵀJ))·δ = −Jᵀr, accept the step if the sum of
// squares falls (λ /= 3), else λ *= 4 and retry. Bounds by projection: a parameter at a bound
// whose step points out of the box is held for that iteration (a "projected" LM).
// The Jacobian is numeric (forward differences), because J depends on the knee sharpness,
// which DemagCurve solves for iteratively.
#include <algorithm>
#include <cmath>
#include <functional>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "magsel/demag_curve.hpp"
#include "fit/fit_detail.hpp"
#include "magsel/fit.hpp"

namespace magsel {
namespace {

constexpr double mega = 1.0e6;  // Hcj is carried in MA/m so every parameter is of order 1

/// J at each point of a curve (B + μ0·h for a B curve).
std::vector<double> polarization_data(const FitCurve& c) {
    std::vector<double> j;
    for (const auto& p : c.points)
        j.push_back(p.value.value() + (c.quantity == CurveQuantity::flux_density ? units::mu0 * p.field.value() : 0.0));
    return j;
}

struct Box {
    Eigen::VectorXd low, high;
    Eigen::VectorXd clamp(const Eigen::VectorXd& p) const { return p.cwiseMax(low).cwiseMin(high); }
};

struct LmOutcome {
    Eigen::VectorXd p;
    int iterations = 0;
    bool converged = false;
};

/// Minimise |r(p)|² within `box` from `p0`.
LmOutcome levenberg_marquardt(const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& residuals,
                              Eigen::VectorXd p, const Box& box) {
    LmOutcome out;
    p = box.clamp(p);
    Eigen::VectorXd r = residuals(p);
    double cost = r.squaredNorm();
    double lambda = 1e-3;
    const auto n = p.size();
    for (out.iterations = 1; out.iterations <= 300; ++out.iterations) {
        Eigen::MatrixXd jac(r.size(), n);
        for (Eigen::Index k = 0; k < n; ++k) {
            Eigen::VectorXd q = p;
            double step = 1e-7 * std::max(1.0, std::abs(p(k)));
            if (q(k) + step > box.high(k)) step = -step;  // stay inside the box
            q(k) += step;
            jac.col(k) = (residuals(q) - r) / step;
        }
        const Eigen::MatrixXd a = jac.transpose() * jac;
        const Eigen::VectorXd g = jac.transpose() * r;
        bool accepted = false;
        while (lambda < 1e12) {
            Eigen::MatrixXd damped = a;
            for (Eigen::Index k = 0; k < n; ++k) damped(k, k) += lambda * std::max(a(k, k), 1e-12);
            Eigen::VectorXd delta = damped.ldlt().solve(-g);
            // Hold the parameters that sit on a bound and would step out of the box.
            Eigen::VectorXd held_mask = Eigen::VectorXd::Ones(n);
            for (Eigen::Index k = 0; k < n; ++k)
                if ((p(k) <= box.low(k) && delta(k) < 0.0) || (p(k) >= box.high(k) && delta(k) > 0.0)) held_mask(k) = 0.0;
            if (held_mask.minCoeff() == 0.0) {
                Eigen::MatrixXd reduced = damped;
                Eigen::VectorXd rhs = -g;
                for (Eigen::Index k = 0; k < n; ++k) {
                    if (held_mask(k) != 0.0) continue;
                    reduced.row(k).setZero();
                    reduced.col(k).setZero();
                    reduced(k, k) = 1.0;
                    rhs(k) = 0.0;
                }
                delta = reduced.ldlt().solve(rhs);
            }
            const Eigen::VectorXd trial = box.clamp(p + delta);
            const Eigen::VectorXd r_trial = residuals(trial);
            const double trial_cost = r_trial.squaredNorm();
            if (trial_cost < cost) {
                const double gain = cost - trial_cost;
                const double moved = (trial - p).norm();
                p = trial;
                r = r_trial;
                cost = trial_cost;
                lambda = std::max(lambda / 3.0, 1e-9);
                accepted = true;
                if (gain <= 1e-14 * cost + 1e-30 || moved <= 1e-10 * (1.0 + p.norm())) {
                    out.converged = true;
                    out.p = p;
                    return out;
                }
                break;
            }
            lambda *= 4.0;
        }
        if (!accepted) {  // no downhill step at any damping: a (bounded) minimum
            out.converged = true;
            break;
        }
    }
    out.p = p;
    return out;
}

/// Br of a curve: J at h = 0, or the line through its two lowest-field points there.
double start_remanence(const FitCurve& c, const std::vector<double>& j) {
    const double h0 = c.points[0].field.value(), h1 = c.points[1].field.value();
    if (h0 == 0.0 || h1 == h0) return j[0];
    return j[0] - (j[1] - j[0]) / (h1 - h0) * h0;
}

}  // namespace

namespace detail {

std::optional<double> curve_coercivity(const FitCurve& c) {
    // A digitized curve ends on the axis to within the digitizing tolerance: the first point
    // with J ≤ 0.005 T counts as reaching zero; the line through it and the point before gives Hcj.
    constexpr double on_axis_tesla = 0.005;
    const auto j = polarization_data(c);
    for (std::size_t i = 1; i < j.size(); ++i) {
        if (j[i] > on_axis_tesla) continue;
        const double h0 = c.points[i - 1].field.value(), h1 = c.points[i].field.value();
        if (j[i - 1] <= j[i] || h1 == h0) return h1;
        return h0 + (h1 - h0) * j[i - 1] / (j[i - 1] - j[i]);
    }
    return std::nullopt;
}

std::optional<double> curve_remanence(const FitCurve& c) {
    // Extrapolate to h = 0 only over a short distance: up to 10 % of the curve's field span.
    const double span = c.points.back().field.value() - c.points.front().field.value();
    if (c.points.front().field.value() > 0.1 * span) return std::nullopt;
    return start_remanence(c, polarization_data(c));
}

}  // namespace detail

KneeFit fit_knee(const std::vector<FitCurve>& curves, const PropertyFit<units::FieldStrength>* hcj_at) {
    KneeFit fit;
    if (curves.empty()) return fit;
    struct Layout {
        Eigen::Index br = 0, hcj = -1;  // -1: held
        double held_hcj = 0.0;          // A/m
        std::vector<double> j;
    };
    std::vector<Layout> layout;
    std::vector<double> p0, low, high;
    double knee_h_over_hcj = 0.0;
    int knee_seen = 0;
    for (const auto& c : curves) {
        if (c.points.size() < 5)
            throw InputError(c.where, fmt::format("the curve at {:g} °C has {} point(s); the knee fit needs at least 5",
                                                  units::to_celsius(c.temperature), c.points.size()));
        Layout l;
        l.j = polarization_data(c);
        const double br0 = std::max(start_remanence(c, l.j), 0.05);
        l.br = static_cast<Eigen::Index>(p0.size());
        p0.push_back(br0), low.push_back(0.01), high.push_back(2.0);
        const auto crossing = detail::curve_coercivity(c);
        double hcj0 = 0.0;
        if (crossing) {
            hcj0 = *crossing;
        } else if (hcj_at) {
            l.held_hcj = hcj_at->value_at(c.temperature).value();
            hcj0 = l.held_hcj;
        } else {
            hcj0 = 1.2 * c.points.back().field.value();
        }
        if (crossing || !hcj_at) {
            l.hcj = static_cast<Eigen::Index>(p0.size());
            p0.push_back(hcj0 / mega), low.push_back(1e-3), high.push_back(5.0);
        }
        // The knee starting guess: where J first falls below 0.9·Br.
        for (std::size_t i = 0; i < l.j.size(); ++i) {
            if (l.j[i] < 0.9 * br0) {
                knee_h_over_hcj += c.points[i].field.value() / hcj0;
                ++knee_seen;
                break;
            }
        }
        layout.push_back(std::move(l));
    }
    // μrec from the recoil region of the first curve: the slope of J over points above 0.97·Br.
    double mu_rec0 = 1.05;
    {
        const auto& c = curves.front();
        const auto& j = layout.front().j;
        const double br0 = p0[static_cast<std::size_t>(layout.front().br)];
        std::vector<double> h, y;
        for (std::size_t i = 0; i < j.size(); ++i)
            if (j[i] > 0.97 * br0) h.push_back(c.points[i].field.value()), y.push_back(j[i]);
        if (h.size() >= 2 && h.back() > h.front()) mu_rec0 = 1.0 - (y.back() - y.front()) / (h.back() - h.front()) / units::mu0;
        mu_rec0 = std::clamp(mu_rec0, fit_mu_rec_low, fit_mu_rec_high);
    }
    const double q0 = knee_seen > 0 ? std::clamp(knee_h_over_hcj / knee_seen, 0.3, 0.98) : 0.9;
    const auto mu_index = static_cast<Eigen::Index>(p0.size());
    p0.push_back(mu_rec0), low.push_back(fit_mu_rec_low), high.push_back(fit_mu_rec_high);
    const auto q_index = static_cast<Eigen::Index>(p0.size());
    p0.push_back(q0), low.push_back(fit_squareness_low), high.push_back(fit_squareness_high);

    std::size_t total_points = 0;
    for (const auto& c : curves) total_points += c.points.size();
    const auto curve_of = [&](const Eigen::VectorXd& p, std::size_t i) {
        const auto& l = layout[i];
        const double hcj = l.hcj >= 0 ? p(l.hcj) * mega : l.held_hcj;
        return DemagCurve(p(l.br) * units::tesla, hcj * units::ampere_per_metre, p(mu_index), p(q_index));
    };
    const auto residuals = [&](const Eigen::VectorXd& p) {
        Eigen::VectorXd r(static_cast<Eigen::Index>(total_points));
        Eigen::Index k = 0;
        for (std::size_t i = 0; i < curves.size(); ++i) {
            const auto model = curve_of(p, i);
            for (std::size_t m = 0; m < curves[i].points.size(); ++m)
                r(k++) = model.polarization_si(curves[i].points[m].field.value()) - layout[i].j[m];
        }
        return r;
    };
    Box box{Eigen::Map<Eigen::VectorXd>(low.data(), static_cast<Eigen::Index>(low.size())),
            Eigen::Map<Eigen::VectorXd>(high.data(), static_cast<Eigen::Index>(high.size()))};
    const auto outcome =
        levenberg_marquardt(residuals, Eigen::Map<Eigen::VectorXd>(p0.data(), static_cast<Eigen::Index>(p0.size())), box);
    const auto& p = outcome.p;
    fit.recoil_permeability = p(mu_index);
    fit.squareness = p(q_index);
    fit.iterations = outcome.iterations;
    fit.converged = outcome.converged;
    double all_sq = 0.0, all_max = 0.0;
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const auto model = curve_of(p, i);
        KneeCurveFit k;
        k.temperature = curves[i].temperature;
        k.quantity = curves[i].quantity;
        k.remanence = model.remanence();
        k.intrinsic_coercivity = model.intrinsic_coercivity();
        k.coercivity_held = layout[i].hcj < 0;
        k.point_count = curves[i].points.size();
        double sq = 0.0, mx = 0.0;
        for (std::size_t m = 0; m < curves[i].points.size(); ++m) {
            const double e = model.polarization_si(curves[i].points[m].field.value()) - layout[i].j[m];
            sq += e * e;
            mx = std::max(mx, std::abs(e));
            if (layout[i].j[m] < 0.9 * model.remanence().value()) fit.squareness_determined = true;
        }
        k.rms_residual = std::sqrt(sq / static_cast<double>(k.point_count)) * units::tesla;
        k.max_residual = mx * units::tesla;
        all_sq += sq;
        all_max = std::max(all_max, mx);
        fit.curves.push_back(k);
    }
    fit.rms_residual = std::sqrt(all_sq / static_cast<double>(total_points)) * units::tesla;
    fit.max_residual = all_max * units::tesla;
    return fit;
}

}  // namespace magsel
