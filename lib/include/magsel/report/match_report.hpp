// magsel/report/match_report.hpp — how a match and a check are reported: the fields of a
// candidate, a rejection and a margin set (JSON keys, table and CSV columns, units), the
// alternatives and scenario lines. `magsel match`, `magsel check`, the HTML report and the
// Python module all show these, from here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "magsel/economics.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/select.hpp"

namespace magsel::report {

/// Every field of a candidate (JSON order): rank, grade, score, margins, cost, Dy+Tb, ...
const Schema<Candidate>& candidate_schema();
/// Every field of a margin set: `temperature_margin_K`, `temperature_margin_side`,
/// `field_margin_percent`, `knee_margin_kA_m`, `loss_headroom_percent`, `margin_search_K`,
/// `margin_search_field_percent` (null where a margin is unlimited within the search).
const Schema<Margins>& margin_schema();
/// The fields of a rejected grade: grade, reason, check, value, limit, unit, onset.
const Schema<Evaluation>& rejection_schema();

/// The table columns of `match` (keys of candidate_schema()).
const std::vector<std::string>& candidate_table_keys();
/// The CSV columns of `match`.
const std::vector<std::string>& candidate_csv_keys();

/// The whole `match --format json` document (without `market`, which the caller adds when it
/// knows the prices).
Json match_json(const Requirement& requirement, const MatchResult& result, std::size_t shown,
                const std::optional<ScenarioChange>& change);
/// The whole `match --format json` document with what the prices add: `market` ({id, name}) and
/// `price_scenario` (price_scenario_json). What `magsel match` prints and the Python module returns.
Json match_json(const Requirement& requirement, const MatchResult& result, std::size_t shown,
                const std::optional<ScenarioChange>& change, const PriceTable& prices);
Json alternative_json(const std::optional<Alternative>& alternative);
/// The --price edits in force: [{"material", "change", "usd_per_kg"}] (empty: none).
Json price_scenario_json(const PriceTable& prices);
Json check_result_json(const CheckResult& check);

Table candidates_table(const MatchResult& result, std::size_t shown);
Table candidates_csv(const MatchResult& result, std::size_t shown);
/// What the table's columns mean.
std::string candidates_legend(const Requirement& requirement);
/// "temperature margin 27.7 K (hot side), field margin 66 %, ..."
std::string margins_text(const Margins& margins);
/// Margin figures as (name, value) pairs for JUnit properties ("unlimited" where null).
std::vector<std::pair<std::string, std::string>> margin_properties(const Margins& margins);

/// "HRE-free alternative: ..." (what choosing it costs, or the closest grade and what it lacks).
/// `what` is "HRE-free" or "export-control-free".
std::string alternative_text(const std::string& what, const std::optional<Alternative>& alternative,
                             const MatchResult& result, const Requirement& requirement);
std::string scenario_text(const ScenarioChange& change);
/// "costs: MARKET prices (NAME), oldest price date DATE; ..."
std::string prices_text(const MatchResult& result, std::size_t shown, const PriceTable& prices);

}  // namespace magsel::report
