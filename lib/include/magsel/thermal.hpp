// magsel/thermal.hpp — a grade's properties at any temperature.
//
// Br(T) and Hcj(T) scale the 20 °C rated values by the grade's temperature model
// (linear coefficients, or a polynomial fitted to published points; docs/thermal.md).
// Hk, Hcb and (BH)max at T come from the demagnetization curve at T (demag_curve.hpp), with
// the squareness Hk/Hcj taken as independent of temperature.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "magsel/demag_curve.hpp"
#include "magsel/grade.hpp"

namespace magsel {

/// Which rated value a calculation starts from.
enum class Basis {
    minimum,  ///< what the maker guarantees: the default, since a design must hold for every magnet
    typical,  ///< typical / nominal values
};
std::string_view to_string(Basis b);
/// "min" / "minimum" / "typ" / "typical"; throws UsageError otherwise.
Basis basis_from_string(std::string_view s);

struct MagnetProperties {
    units::Temperature temperature = units::reference_temperature();
    Basis basis = Basis::minimum;
    units::FluxDensity remanence;               ///< Br(T) [T]
    units::FieldStrength intrinsic_coercivity;  ///< Hcj(T) [A/m]
    units::FieldStrength normal_coercivity;     ///< Hcb(T) from the curve model [A/m]
    units::FieldStrength knee_field;            ///< Hk(T): J = 0.9·Br [A/m]
    /// HD5(T): the internal demagnetizing field after which recoil leaves a 5 % irreversible
    /// (instantaneous) loss, Br' = 0.95·Br (IEC 60404-8-1's HD5, here on the model or measured
    /// curve; demag.hpp field_for_loss) [A/m]
    units::FieldStrength hd5;
    units::EnergyDensity max_energy_product;    ///< (BH)max(T) from the curve model [J/m³]
    double recoil_permeability = 1.0;
    double squareness = 0.9;                    ///< Hk/Hcj used for the knee
    bool extrapolated = false;   ///< T outside the range the temperature data holds for
    bool knee_limited = false;   ///< high-coercivity corner of the knee model (demag_curve.hpp)
    bool measured_curve = false; ///< from the grade's measured curve at T, not the model
    /// Warnings a person must see: extrapolation, fallbacks between min and typical values.
    std::vector<std::string> warnings;
};

/// Properties of `grade` at `temperature` on `basis`.
MagnetProperties properties_at(const Grade& grade, units::Temperature temperature, Basis basis = Basis::minimum);

/// The grade's measured curve at `temperature` (within 0.5 K) on `basis` (a typical curve for
/// Basis::typical, a guaranteed-minimum one for Basis::minimum), or null.
const MeasuredCurve* measured_curve_at(const Grade& grade, units::Temperature temperature, Basis basis);

/// The demagnetization curve of `grade` at `temperature` on `basis`: the measured curve where
/// measured_curve_at finds one, else the model from the rated values and the temperature model.
DemagCurve curve_at(const Grade& grade, units::Temperature temperature, Basis basis = Basis::minimum);

/// Br(T)/Br(20 °C) and Hcj(T)/Hcj(20 °C) from the grade's temperature model: what scales the
/// 20 °C values. Cheap (no curve, no messages), for callers that vary the 20 °C values themselves.
struct TemperatureFactors {
    double remanence = 1.0;
    double intrinsic_coercivity = 1.0;
    bool extrapolated = false;
};
TemperatureFactors temperature_factors(const Grade& grade, units::Temperature temperature);

/// Br and Hcj at 20 °C on a basis: the values the temperature model scales (the minimum, else
/// the typical; the typical, else the middle of the range, else the minimum).
struct RatedAnchors {
    units::FluxDensity remanence;
    units::FieldStrength intrinsic_coercivity;
};
RatedAnchors rated_anchors(const Grade& grade, Basis basis);

/// True when `temperature` lies outside the range the grade's temperature data hold for.
bool is_extrapolated(const Grade& grade, units::Temperature temperature);

/// The curve with the warnings a person must see (extrapolation, basis fallbacks).
struct CurveAt {
    DemagCurve curve;
    bool measured = false;  ///< the grade's measured curve (else the model)
    bool extrapolated = false;
    std::vector<std::string> warnings;
};
CurveAt curve_with_warnings_at(const Grade& grade, units::Temperature temperature, Basis basis = Basis::minimum);

}  // namespace magsel
