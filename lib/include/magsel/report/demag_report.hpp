// magsel/report/demag_report.hpp — how `magsel demag` is reported: a working point (JSON keys and
// the quantity table), the worst point of a range, the highest temperature within a loss limit,
// the smallest Pc, and the knee field and HD5 at temperatures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "magsel/demag.hpp"
#include "magsel/geometry.hpp"
#include "magsel/report/fields.hpp"

namespace magsel::report {

/// A working point against a loss limit. JSON keys: temperature_degC, permeance_coefficient,
/// opposing_field_kA_m, working_field_kA_m, flux_density_T, polarization_T, remanence_T,
/// knee_field_kA_m, knee_margin_kA_m, flux_density_margin_T, irreversible_loss_percent, loss_kind,
/// loss_limit_percent, passes, extrapolated, curve, warnings.
Json working_point_json(const WorkingPoint& w, double loss_limit);
/// `demag --at`: working_point_json with the grade and basis.
Json demag_point_json(const Grade& grade, const WorkingPoint& w, double loss_limit, Basis basis);
/// `demag --from --to`: the worst point, its temperature (worst_temperature_degC), grade and basis.
Json demag_range_json(const Grade& grade, const RangeResult& range, double loss_limit, Basis basis);
/// The quantity table with its heading, the verdict, what the loss is and the warnings.
std::string working_point_text(const Grade& grade, const WorkingPoint& w, double loss_limit, Basis basis);
/// "worst point of T1…T2 °C (N temperatures): T °C" and the worst point's table.
std::string worst_over_range_text(const Grade& grade, const RangeResult& range, double loss_limit, Basis basis);

/// `demag --max-temperature`.
Json max_temperature_json(const Grade& grade, const LoadLine& load, double loss_limit, Basis basis,
                          const TemperatureLimit& result);
std::string max_temperature_text(const Grade& grade, const LoadLine& load, double loss_limit,
                                 const TemperatureLimit& result);
/// `demag --min-pc`.
Json min_permeance_json(const Grade& grade, units::Temperature t, units::FieldStrength field, double loss_limit,
                        std::optional<double> pc);
std::string min_permeance_text(const Grade& grade, units::Temperature t, units::FieldStrength field, double loss_limit,
                               std::optional<double> pc);
/// `demag --hd5`: Hk, HD5 and Hcj at each temperature.
Json hd5_json(const Grade& grade, const std::vector<MagnetProperties>& points, Basis basis);
std::string hd5_text(const Grade& grade, const std::vector<MagnetProperties>& points, Basis basis);

/// Two lines for text output: the Pc used from a shape, the factors, and that an isolated magnet
/// is the worst case (a magnet in a circuit needs the circuit's Pc).
std::string shape_permeance_text(const ShapePermeance& s);
/// The same as JSON (keys: shape, demagnetizing_factor_fluxmetric,
/// demagnetizing_factor_magnetometric, permeance_coefficient, permeance_from).
Json shape_permeance_json(const ShapePermeance& s);
/// Put shape_permeance_json(s) into a result object under `from_shape`.
void add_shape(Json& result, const ShapePermeance& s);

}  // namespace magsel::report
