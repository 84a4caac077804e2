// magsel/demag.hpp — load-line working point, irreversible loss and the questions a designer
// asks of them (worst temperature, highest temperature, smallest Pc, HD5-style field).
//
// Sign convention as in demag_curve.hpp: h = −H ≥ 0 is the demagnetizing field magnitude.
// Working point (docs/physics.md): the magnet's B(h) meets the load line of its magnetic
// circuit, shifted by an extra opposing field Ha (armature reaction, short circuit):
//   B(h) = μ0·Pc·(h − Ha),   Pc = B/(μ0·h) at the open-circuit point (Ha = 0).
// Irreversible loss by the recoil construction: from the working point (h_w, J_w) the magnet
// recoils along slope χ = μ0(μrec − 1) to  Br' = J_w + χ·h_w;  loss = 1 − Br'/Br(T).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "magsel/thermal.hpp"

namespace magsel {

/// The magnetic circuit: permeance coefficient and extra opposing field.
struct LoadLine {
    double permeance_coefficient = 2.0;                           ///< Pc (> 0)
    units::FieldStrength opposing_field = 0.0 * units::ampere_per_metre;  ///< Ha ≥ 0 [A/m]
};

struct WorkingPoint {
    units::Temperature temperature = units::reference_temperature();
    LoadLine load_line;
    units::FieldStrength working_field;      ///< h_w [A/m]
    units::FluxDensity flux_density;         ///< B_w [T]
    units::FluxDensity polarization;         ///< J_w [T]
    units::FluxDensity remanence;            ///< Br(T) before the load [T]
    units::FieldStrength knee_field;         ///< Hk(T) [A/m]
    units::FieldStrength knee_margin;        ///< Hk(T) − h_w; negative past the knee [A/m]
    units::FluxDensity knee_flux_density;    ///< B(Hk) [T]
    units::FluxDensity flux_density_margin;  ///< B_w − B(Hk): how far above the knee point B is [T]
    units::FluxDensity recoil_remanence;     ///< Br' after the load is removed [T]
    double irreversible_loss = 0.0;          ///< 1 − Br'/Br, in [0, 1]
    bool extrapolated = false;               ///< the temperature model was extrapolated
    bool measured_curve = false;             ///< on the grade's measured curve (else the model)
    std::vector<std::string> warnings;
};

/// Solve B(h) = μ0·Pc·(h − Ha) on a curve (bracketed Halley; always converges, see demag.cpp).
/// Throws UsageError for Pc ≤ 0 or Ha < 0 or non-finite inputs.
WorkingPoint working_point(const DemagCurve& curve, const LoadLine& load);

/// The working point of a grade at a temperature.
WorkingPoint working_point(const Grade& grade, units::Temperature t, const LoadLine& load,
                           Basis basis = Basis::minimum);

/// The temperatures [low, high] with both ends and steps of at most `step` (default 5 K).
std::vector<units::Temperature> temperature_grid(units::Temperature low, units::Temperature high,
                                                 units::TemperatureDifference step = 5.0 * units::kelvin);

struct RangeResult {
    WorkingPoint worst;                 ///< the largest loss; on a tie, the smallest knee margin
    std::vector<WorkingPoint> points;   ///< every grid point, in temperature order
};
/// Evaluate over the temperature grid of [low, high]; NdFeB comes out worst hot, ferrite cold.
RangeResult worst_over_range(const Grade& grade, units::Temperature low, units::Temperature high,
                             const LoadLine& load, Basis basis = Basis::minimum,
                             units::TemperatureDifference step = 5.0 * units::kelvin);

struct TemperatureLimit {
    /// The highest temperature in the search range at which the loss stays within the limit
    /// (to 0.05 K); empty when the loss exceeds it already at the lower end of the range.
    std::optional<units::Temperature> temperature;
    bool limited = false;  ///< false: the loss stays within the limit up to the top of the range
};
/// Highest temperature with loss ≤ limit, searched over [low, high] (default −60…400 °C).
/// Temperatures outside the grade's validity envelope (envelope.hpp) never pass: the answer
/// stays below the Curie temperature (`limited` is then true).
TemperatureLimit max_temperature_within_loss(const Grade& grade, const LoadLine& load, double loss_limit,
                                             Basis basis = Basis::minimum,
                                             units::Temperature low = units::celsius(-60.0),
                                             units::Temperature high = units::celsius(400.0));

/// Smallest Pc in [0.01, 100] with loss ≤ limit at T under Ha (to 0.1 %); empty if none.
std::optional<double> min_permeance_within_loss(const Grade& grade, units::Temperature t,
                                                units::FieldStrength opposing_field, double loss_limit,
                                                Basis basis = Basis::minimum);

/// HD5-style field at T: the internal demagnetizing field h after which recoil leaves a 5 %
/// irreversible loss (Br' = 0.95·Br). `loss` sets another level. [A/m]
units::FieldStrength field_for_loss(const DemagCurve& curve, double loss = 0.05);

}  // namespace magsel
