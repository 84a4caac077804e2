// match_output.hpp — how `match` and `check` show candidates, margins, alternatives and
// scenarios: JSON keys, table and CSV columns in one place. Formatting only.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "magsel/select.hpp"
#include "output.hpp"

namespace magsel::cli {

/// `temperature_margin_K`, `temperature_margin_side`, `field_margin_percent`, `knee_margin_kA_m`,
/// `loss_headroom_percent`, `margin_search_K` (null where a margin is unlimited or has no field).
void add_margins_json(nlohmann::ordered_json& out, const Margins& margins);
/// "ΔT ≥ 100 K" style text of the temperature and field margins.
std::string margins_text(const Margins& margins);

nlohmann::ordered_json candidate_json(const Candidate& c);
/// The whole `match --format json` document.
nlohmann::ordered_json match_json(const Requirement& requirement, const MatchResult& result, std::size_t shown,
                                  const std::optional<ScenarioChange>& change);

Table candidates_table(const MatchResult& result, std::size_t shown);
/// One value per cell, headers as the JSON keys.
Table candidates_csv(const MatchResult& result, std::size_t shown);
std::string candidates_legend(const Requirement& requirement);

/// "HRE-free alternative: ..." lines (what choosing it costs, or the closest grade and what it lacks).
std::string alternative_text(const std::string& what, const std::optional<Alternative>& alternative,
                             const MatchResult& result, const Requirement& requirement);
std::string scenario_text(const ScenarioChange& change);
/// "costs: MARKET prices (NAME); oldest price date DATE (magsel cost GRADE for the lines)".
std::string prices_text(const MatchResult& result, std::size_t shown, const PriceTable& prices);

}  // namespace magsel::cli
