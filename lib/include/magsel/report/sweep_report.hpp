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

/// What a sweep took from a requirement file (`sweep --req`), and what it did not.
struct SweepFromRequirement {
    bool pc = false, field = false, basis = false;  ///< taken into the sweep's spec
    double safety_margin = 0.0;                     ///< the requirement's, on its field
    /// The requirement's field acts only at some temperatures (`opposing_field_at`): not taken,
    /// since a sweep applies one field at every value; these are those temperatures.
    std::vector<units::Temperature> field_only_at;
};
/// "from REQ: Pc 2, opposing field 660 kA/m (600 kA/m + its 10 % safety margin), minimum basis",
/// and a note when the field was left out: one line each (none when nothing was taken or left out).
std::vector<std::string> sweep_requirement_notes(const std::string& file, const SweepSpec& spec,
                                                 const SweepFromRequirement& taken);

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
