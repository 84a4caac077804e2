// magsel/report/cost_report.hpp — how `magsel cost` is reported: each grade's cost lines (element,
// share, price with its date, market and source), totals, exposure, and a price scenario's effect.
#pragma once

#include <string>
#include <vector>

#include "magsel/cost_comparison.hpp"
#include "magsel/report/fields.hpp"

namespace magsel::report {

/// The fields of one cost line (JSON keys: element, wt_percent, usd_per_kg_magnet,
/// price_usd_per_kg_element, quoted, price_date, source, market; fallback, scenario and
/// estimated where they apply).
const Schema<CostLine>& cost_line_schema();
/// The fields of a grade's cost (grade, cost_per_kg, currency, market, ..., lines, warnings).
Json cost_json(const GradeCost& row, const PriceTable& prices);
/// `magsel cost --format json`: one object per grade.
Json costs_json(const std::vector<GradeCost>& rows, const PriceTable& prices);
/// `magsel cost` as a table, CSV or Markdown; `edits` are the --price edits (a scenario table
/// follows when there are any).
std::string costs_text(const std::vector<GradeCost>& rows, const PriceTable& prices, const std::vector<std::string>& edits,
                       TableFormat format);

}  // namespace magsel::report
