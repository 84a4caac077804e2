// magsel/report/grade_report.hpp — how the catalogue is shown: `grades list` rows (JSON, table,
// CSV, Markdown) and one grade's sheet (`grades show`). JSON keys as in docs/cli.md.
#pragma once

#include <string>
#include <vector>

#include "magsel/grade_listing.hpp"
#include "magsel/report/fields.hpp"

namespace magsel::report {

/// The fields of a listed grade (JSON keys: name, family, hre_free, hre_free_basis, remanence_T,
/// intrinsic_coercivity_kA_m, temperature_degC, outside_envelope, basis, extrapolated,
/// max_operating_temperature_degC, dy_tb_wt_percent, dy_tb_estimated, cost_per_kg, currency,
/// price_date, controlled_elements, supply_risk).
const Schema<GradeRow>& grade_row_schema();
Json grade_list_json(const std::vector<GradeRow>& rows);
/// The table (text, CSV or Markdown); text and Markdown end with the legend of its marks.
std::string grade_list_text(const std::vector<GradeRow>& rows, const GradeFilter& filter, TableFormat format);

/// Tables of a grade sheet in SI display units (T, kA/m, kJ/m³) or CGS (kG, kOe, MGOe).
enum class UnitSystem { si, cgs };
Json grade_sheet_json(const GradeSheet& sheet);
/// The sheet: heading lines (source, rated values, temperature models, composition, cost) and
/// the property table; CSV is the table alone.
std::string grade_sheet_text(const GradeSheet& sheet, UnitSystem units, TableFormat format);
/// The warnings of the sheet's points ("warning: ..." lines).
std::string grade_sheet_warnings(const GradeSheet& sheet);

}  // namespace magsel::report
