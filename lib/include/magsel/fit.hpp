// magsel/fit.hpp — `magsel fit`: measured datasheet points → a grade file (issue 8).
//
// Input: property rows (T, Br, Hcj[, Hk][, Hcb]) and/or demagnetization-curve points (H, B) or
// (H, J) at one or more temperatures, from CSV or YAML files (format: docs/fit.md).
// The fit:
//   1. Br(T), Hcj(T) (and Hk(T), Hcb(T) where given): least-squares polynomials in ΔT, degree 1,
//      degree 2 only with ≥ 4 distinct temperatures and a smaller PRESS (the rule of the
//      temperature model, docs/thermal.md). A curve gives Br (J at h = 0) and Hcj (J = 0) at its
//      temperature by interpolation where no property row does.
//   2. The knee model of DemagCurve (docs/physics.md) fitted to all curves at once by bounded
//      Levenberg–Marquardt: Br and Hcj per curve, one μrec and one squareness shared by all
//      curves (a grade file holds one of each).
//   3. A grade file (YAML) with the fitted TYPICAL values and a `fit:` block of residuals.
// Physics never prints: warnings come back as strings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "magsel/error.hpp"
#include "magsel/grade.hpp"
#include "magsel/svg_plot.hpp"
#include "magsel/units.hpp"

namespace magsel {

/// One property row: typical values at one temperature, any of them may be absent.
struct FitPropertyRow {
    units::Temperature temperature = units::reference_temperature();
    std::optional<units::FluxDensity> remanence;                ///< Br [T]
    std::optional<units::FieldStrength> intrinsic_coercivity;   ///< Hcj [A/m]
    std::optional<units::FieldStrength> knee_field;             ///< Hk, where J = 0.9·Br [A/m]
    std::optional<units::FieldStrength> normal_coercivity;      ///< Hcb [A/m]
    SourceLocation where;                                        ///< the row in its file
};

/// What a curve's ordinate is: polarization J or flux density B = J − μ0·h.
enum class CurveQuantity { polarization, flux_density };

struct FitCurvePoint {
    units::FieldStrength field;  ///< h = −H ≥ 0, the demagnetizing field as a magnitude [A/m]
    units::FluxDensity value;    ///< J or B [T]
    SourceLocation where;
};

/// The points of one demagnetization curve at one temperature, ordered by rising h.
struct FitCurve {
    units::Temperature temperature = units::reference_temperature();
    CurveQuantity quantity = CurveQuantity::polarization;
    std::vector<FitCurvePoint> points;
    SourceLocation where;  ///< its first row
};

/// What the grade file needs besides the fit: from the input YAML or the command line.
struct FitGradeInfo {
    std::string name;
    std::string family;                  ///< e.g. "sintered-ndfeb"
    std::optional<Source> source;        ///< the datasheet the points were read from
    std::optional<double> dy_tb;         ///< Dy + Tb mass fraction (NdFeB grades need it)
    std::string dy_tb_estimated;         ///< how Dy + Tb was estimated; empty: published
    /// Fill the fields that are empty here from `other` (the command line wins over the input).
    void fill_from(const FitGradeInfo& other);
};

/// What a grade file needs and `info` lacks: a name, a known family, the datasheet as source,
/// and for NdFeB the Dy + Tb content. Empty: fit_grade_file can write the file.
enum class FitGradeField { name, family, source, dy_tb };
std::vector<FitGradeField> missing_fields(const FitGradeInfo& info);

/// Everything read from the input files.
struct FitData {
    std::vector<std::string> files;
    std::vector<FitPropertyRow> properties;
    std::vector<FitCurve> curves;
    FitGradeInfo info;
    std::string flux_unit = "T";      ///< the data's unit of B, J, Br (for residuals in the output)
    std::string field_unit = "kA/m";  ///< the data's unit of H, Hcj
};

/// The bounds of the inputs of one fit, over all its files (docs/errors.md): an InputError at the
/// first row, curve or point beyond them.
inline constexpr std::size_t max_fit_property_rows = 10'000;
inline constexpr std::size_t max_fit_curves = 100;
inline constexpr std::size_t max_fit_curve_points = 20'000;

/// Read CSV (*.csv) and YAML (*.yaml, *.yml) inputs and check them (second quadrant, one sign
/// of H per curve, monotone curves, one unit per column, enough points). Throws InputError
/// located at the offending row.
FitData read_fit_data(const std::vector<std::string>& paths);

/// A property X(T) fitted as a polynomial in ΔT = T − 20 °C.
template <class Q>
struct PropertyFit {
    std::vector<std::pair<units::Temperature, Q>> data;  ///< the values fitted (rows + curves)
    std::vector<double> coefficients;  ///< absolute, SI: X = c0 + c1·ΔT + c2·ΔT², ΔT in K
    Q at_reference{};                  ///< X(20 °C) of the fit [SI]
    Q rms_residual{}, max_residual{};
    std::size_t distinct_temperatures = 0;
    Q value_at(units::Temperature t) const;
    int degree() const { return static_cast<int>(coefficients.size()) - 1; }
    units::Temperature low() const;
    units::Temperature high() const;
};

/// The knee model fitted to one curve.
struct KneeCurveFit {
    units::Temperature temperature = units::reference_temperature();
    CurveQuantity quantity = CurveQuantity::polarization;
    units::FluxDensity remanence;               ///< fitted Br at this temperature
    units::FieldStrength intrinsic_coercivity;  ///< fitted (or held) Hcj at this temperature
    bool coercivity_held = false;               ///< the curve does not reach J = 0: Hcj from Hcj(T)
    units::FluxDensity rms_residual, max_residual;
    std::size_t point_count = 0;
};

/// The knee model fitted to all curves: shared μrec and squareness.
struct KneeFit {
    double recoil_permeability = 1.0;
    double squareness = 0.9;
    bool squareness_determined = false;  ///< some curve goes past its knee (J < 0.9·Br)
    std::vector<KneeCurveFit> curves;
    units::FluxDensity rms_residual, max_residual;  ///< over all points
    int iterations = 0;
    bool converged = false;
};

/// Bounds the knee fit keeps (the DemagCurve model's domain, docs/physics.md).
inline constexpr double fit_mu_rec_low = 1.0, fit_mu_rec_high = 1.5;
inline constexpr double fit_squareness_low = 0.2, fit_squareness_high = 0.99;

struct FitResult {
    PropertyFit<units::FluxDensity> remanence;
    PropertyFit<units::FieldStrength> intrinsic_coercivity;
    /// Mean of Hk/Hcj(T) over the rows that give Hk (the squareness when no curve shows a knee).
    std::optional<double> row_squareness;
    std::optional<PropertyFit<units::FieldStrength>> normal_coercivity;  ///< from Hcb rows (≥ 2 temperatures)
    std::optional<KneeFit> knee;                                         ///< when curves were given
    std::vector<std::string> notes;     ///< what was derived how (for the fit: block)
    std::vector<std::string> warnings;  ///< a poor fit, an unknown Hcj, ...
};

/// Fit the temperature model and (with curves) the knee model. Throws InputError when the data
/// cannot make a model (fewer than two temperatures for Br or Hcj, too few curve points).
FitResult fit_grade(const FitData& data);

/// The knee fit alone (fit_grade calls it): `hcj_at` gives Hcj(T) for curves that do not reach
/// J = 0. Throws InputError when a curve has fewer than 5 points.
KneeFit fit_knee(const std::vector<FitCurve>& curves, const PropertyFit<units::FieldStrength>* hcj_at);

/// The grade file (YAML text) for the fit, `date` (YYYY-MM-DD) recorded in its fit: block.
/// Throws UsageError when name, family or source is missing or the result would not be a valid
/// grade file.
/// Throws UsageError naming the first missing field (missing_fields) in the YAML input's terms.
std::string fit_grade_file(const FitData& data, const FitResult& result, const FitGradeInfo& info,
                           const std::string& date);

/// One line on the fit: Br and Hcj at 20 °C with their RMS residuals and degrees, and the knee fit.
std::string fit_summary(const std::string& name, const FitResult& result);

/// The points over the fitted curves, one colour per temperature (H as plotted, ≤ 0, in kA/m).
Plot fit_plot(const FitData& data, const FitResult& result, const std::string& title);

}  // namespace magsel
