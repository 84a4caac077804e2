// magsel/report/sweep_report.hpp — how a sweep (study.hpp) is reported: one record per
// (grade, value) as JSON or CSV, and the chart of one quantity against the swept variable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "magsel/report/fields.hpp"
#include "magsel/study.hpp"
#include "magsel/svg_plot.hpp"

namespace magsel::report {

/// The fields of a sweep row (JSON keys and CSV header: grade, temperature_degC,
/// permeance_coefficient, opposing_field_kA_m, remanence_T, intrinsic_coercivity_kA_m,
/// working_field_kA_m, flux_density_T, knee_margin_kA_m, irreversible_loss_percent, loss_kind,
/// extrapolated).
const Schema<SweepRow>& sweep_row_schema();
Json sweep_json(const std::vector<SweepRow>& rows);
std::string sweep_csv(const std::vector<SweepRow>& rows);

/// "from REQ: Pc 2, opposing field 660 kA/m (with its safety margin), minimum basis": what a
/// sweep took from a requirement file; `pc`, `field`, `basis` say which of the three it took
/// (empty when none).
std::string sweep_requirement_note(const std::string& file, const SweepSpec& spec, bool pc, bool field, bool basis);

/// What a sweep chart draws on its y axis.
enum class SweepQuantity { loss, remanence, intrinsic_coercivity, flux_density, knee_margin };
/// "loss", "br", "hcj", "b", "knee-margin" (the names `--quantity` takes).
const std::vector<std::string_view>& sweep_quantity_names();
/// UsageError for a name not in sweep_quantity_names().
SweepQuantity sweep_quantity_from_string(std::string_view name);

/// One line per grade (in `grades` order) of `quantity` against the swept variable, with what
/// was held fixed in the notes.
Plot sweep_plot(const std::vector<SweepRow>& rows, const std::vector<const Grade*>& grades, const SweepSpec& spec,
                SweepQuantity quantity);

}  // namespace magsel::report
