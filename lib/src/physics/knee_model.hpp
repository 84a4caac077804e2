// knee_model.hpp (private) — the knee model's constants (docs/physics.md), apart from DemagCurve:
// what a curve at one temperature needs, computed once, and the parts that depend on the grade's
// squareness alone, computed once per grade. DemagCurve and the batch kernel both build on these,
// so the two give the same numbers.
#pragma once

#include <cmath>

namespace magsel::detail {

/// What the sharpness solve needs of the squareness alone: one per grade, not one per curve.
struct KneeShape {
    double squareness = 0.0;      ///< q, clamped into [0.2, 0.99]
    double log_ratio_low = 0.0;   ///< log((e^x − 1)/(e^{q·x} − 1)) at the bracket's low end x = 1e-6
    double log_ratio_high = 0.0;  ///< ... and at its high end x = 700
};
/// The shape for a squareness (clamped into [0.2, 0.99] as DemagCurve does).
KneeShape knee_shape(double squareness);

/// The model curve's constants at one temperature (DemagCurve's model constructor without Hk).
/// J(h) = Br − χ·h − D(h), D(h) = knee_scale·(e^{s(h − Hcj)} − knee_floor) for h > 0.
struct KneeConstants {
    double br = 0.0;          ///< Br [T], ≥ 1e-9
    double hcj = 0.0;         ///< Hcj [A/m], ≥ 1e-6
    double mu_rec = 1.0;      ///< μrec, clamped into [1, 1.5]
    double chi = 0.0;         ///< χ = μ0(μrec − 1), held at ≤ Br/(2·Hcj) [T·m/A]
    double d_c = 0.0;         ///< Br − χ·Hcj [T]
    double s = 0.0;           ///< sharpness [m/A]
    double knee_scale = 0.0;  ///< d_c/(1 − e^{−s·Hcj}) [T]
    double knee_floor = 0.0;  ///< e^{−s·Hcj}
    double hk_target = 0.0;   ///< q·Hcj [A/m]: Hk unless knee_limited
    bool knee_limited = false;
};
KneeConstants knee_constants(double remanence, double intrinsic_coercivity, double recoil_permeability,
                             const KneeShape& shape);

/// J, dJ/dh, d²J/dh² of the model at h > 0 (one exponential), held at full reversal (J = −Br).
struct KneeSample {
    double polarization, slope, curvature;
};
inline KneeSample knee_sample(const KneeConstants& c, double h) {
    const double over = c.s * (h - c.hcj);
    if (over > 50.0) return {-c.br, 0.0, 0.0};
    const double e = std::exp(over);
    const double knee = c.knee_scale * (e - c.knee_floor);
    const double knee_slope = c.knee_scale * c.s * e;
    const double j = c.br - c.chi * h - knee;
    if (j <= -c.br) return {-c.br, 0.0, 0.0};
    return {j, -c.chi - knee_slope, -c.s * knee_slope};  // d²D/dh² = s·dD/dh
}

/// Hk [A/m]: J(Hk) = 0.9·Br; q·Hcj unless the knee is limited (then a root solve).
double knee_field(const KneeConstants& c);

}  // namespace magsel::detail
