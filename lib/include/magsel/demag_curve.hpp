// magsel/demag_curve.hpp — the second-quadrant curves of a magnet at one temperature.
//
// h is the demagnetizing field as a positive magnitude (h = −H, H ≤ 0 inside the magnet).
// Intrinsic curve (knee model, see docs/physics.md):
//   J(h) = Br − χ·h − D(h),  χ = μ0(μrec − 1),
//   D(h) = d_c · (e^{s·h} − 1)/(e^{s·Hcj} − 1),  d_c = Br − χ·Hcj,
// so J(0) = Br and J(Hcj) = 0 exactly, the slope at h = 0 is χ + d_c·s/(e^{s·Hcj} − 1) ≈ χ (the
// knee term is exponentially small there) and J falls monotonically. The sharpness s is set so
// that D(Hk) = d_k with Hk = squareness·Hcj and d_k = Br − χ·Hk − 0.9·Br, which makes
// J(Hk) = 0.9·Br (the IEC 60404-5 knee). In the high-coercivity corner, where the recoil line
// alone is already near or below 0.9·Br at squareness·Hcj (d_k < 2 % of d_c), d_k is held at
// 2 % of d_c: the curve stays defined and monotone, and the reported knee field is then where
// J = 0.9·Br falls on the model (at or before squareness·Hcj), flagged by knee_limited().
// Beyond Hcj the curve continues down to J = −Br (full reversal) and stays there.
// Normal curve: B(h) = J(h) − μ0·h.
//
// A curve can instead be built from measured points (a grade file's demagnetization_curves):
// J(h) is then the monotone cubic through them (lib/src/curve_table.hpp), continued beyond the
// last point along its slope down to J = −Br; Br, Hcj and Hk are read off it.
#pragma once

#include <memory>
#include <vector>

#include "magsel/units.hpp"

namespace magsel {

struct CurveTable;  // lib/src/curve_table.hpp

class DemagCurve {
public:
    /// Br > 0, Hcj > 0, μrec ≥ 1, squareness in (0, 1). Out-of-range inputs are clamped
    /// into the model's domain (μrec into [1, 1.5], squareness into [0.2, 0.99]).
    DemagCurve(units::FluxDensity remanence, units::FieldStrength intrinsic_coercivity, double recoil_permeability,
               double squareness);
    /// From measured points: h [A/m] strictly rising from 0, J [T] non-increasing (checked by the
    /// grade-file reader; UsageError here otherwise). μrec sets the slope of recoil lines.
    DemagCurve(const std::vector<double>& field, const std::vector<double>& polarization, double recoil_permeability);

    /// True for a curve built from measured points.
    bool measured() const { return table_ != nullptr; }
    /// The largest measured h [A/m] (0 for the model): beyond it J is extrapolated.
    double measured_field_limit() const;

    units::FluxDensity polarization(units::FieldStrength h) const;   ///< J(h) [T]
    units::FluxDensity flux_density(units::FieldStrength h) const;   ///< B(h) = J − μ0·h [T]
    units::FluxDensity remanence() const;                            ///< Br [T]
    units::FieldStrength intrinsic_coercivity() const;               ///< Hcj [A/m]
    units::FieldStrength knee_field() const;                         ///< Hk: J(Hk) = 0.9·Br [A/m]
    units::FieldStrength normal_coercivity() const;                  ///< Hcb: B(Hcb) = 0 [A/m]
    units::EnergyDensity max_energy_product() const;                 ///< max of B·h [J/m³]
    double recoil_permeability() const { return mu_rec_; }
    /// True in the high-coercivity corner (see the header comment): the knee is limited.
    bool knee_limited() const { return knee_limited_; }

    // Plain-SI forms for solvers: h in A/m, result in T.
    double polarization_si(double h) const;
    double flux_density_si(double h) const;
    /// dJ/dh [T·m/A] (≤ 0).
    double polarization_slope_si(double h) const;
    /// J(h) [T], dJ/dh [T·m/A] and d²J/dh² [T·m²/A²] together, for one exponential: what
    /// the root finders need.
    struct Sample {
        double polarization;
        double slope;
        double curvature;
    };
    Sample sample_si(double h) const;
    /// χ = μ0(μrec − 1), the slope of recoil lines [T·m/A] (held at ≤ Br/(2·Hcj), see above).
    double recoil_slope_si() const { return chi_; }
    /// True where the knee term is below 1e-17 of d_c (s·(h − Hcj) < −40): J is the recoil line
    /// to double precision there, so solvers may use the closed form.
    bool on_recoil_line(double h) const { return !table_ && s_ * (h - hcj_) < -40.0; }
    /// The field h > 0 [A/m] where the knee term D(h) — how far J has fallen below the recoil
    /// line — equals `drop` [T] (> 0): h = Hcj + ln(drop/knee_scale + e^{−s·Hcj})/s.
    double field_at_knee_drop_si(double drop) const;
    /// The knee's sharpness s [m/A]: D grows by e per 1/s of field. For a measured curve,
    /// 10⁶/Hcj: the solvers then stop at steps below 10⁻⁹ of Hcj.
    double knee_sharpness_si() const { return s_; }
    /// The knee term's scale d_c/(1 − e^{−s·Hcj}) [T]: D(h) = scale·(e^{s(h − Hcj)} − floor) for
    /// h > 0 (0 for a measured curve).
    double knee_scale_si() const { return knee_scale_; }
    /// The knee term's floor e^{−s·Hcj} (see knee_scale_si; 0 for a measured curve).
    double knee_floor() const { return knee_floor_; }
    /// B(Hk) [T], computed once.
    double knee_flux_density_si() const { return b_knee_; }

private:
    double br_;       // T
    double hcj_;      // A/m
    double mu_rec_;
    double chi_;      // μ0(μrec − 1) [T·m/A]
    double d_c_;      // T
    double s_;        // knee sharpness [m/A]
    double hk_;       // A/m
    double b_knee_ = 0.0;  // B(Hk) [T]
    // Cached for the knee term at h > 0: D(h) = knee_scale_·(e^{s(h − Hcj)} − knee_floor_).
    double knee_scale_ = 0.0;  // d_c/(1 − e^{−s·Hcj}) [T]
    double knee_floor_ = 0.0;  // e^{−s·Hcj}
    bool knee_limited_ = false;
    std::shared_ptr<const CurveTable> table_;  // measured curve, or null for the model
};

}  // namespace magsel
