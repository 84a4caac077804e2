#include <fmt/format.h>

#include "magsel/select.hpp"

namespace magsel {

SupplyScenario supply_scenario_from_string(std::string_view name) {
    if (name == "none") return SupplyScenario::none;
    if (name == "no-export-controlled") return SupplyScenario::no_export_controlled;
    if (name == "no-heavy-rare-earth") return SupplyScenario::no_heavy_rare_earth;
    throw UsageError(fmt::format("unknown supply scenario `{}`; one of: no-export-controlled, no-heavy-rare-earth", name));
}

std::string_view to_string(SupplyScenario s) {
    switch (s) {
        case SupplyScenario::none: return "none";
        case SupplyScenario::no_export_controlled: return "no-export-controlled";
        case SupplyScenario::no_heavy_rare_earth: return "no-heavy-rare-earth";
    }
    return "?";
}

Requirement under_scenario(Requirement r, SupplyScenario s) {
    if (s == SupplyScenario::no_export_controlled) r.export_controlled_free = true;
    if (s == SupplyScenario::no_heavy_rare_earth) r.heavy_rare_earth_free = true;
    return r;
}

ScenarioChange scenario_change(const MatchResult& baseline, const MatchResult& under, SupplyScenario scenario) {
    ScenarioChange c;
    c.scenario = scenario;
    c.lost_candidates = static_cast<int>(baseline.candidates.size()) - static_cast<int>(under.candidates.size());
    if (!baseline.candidates.empty()) c.baseline_top = baseline.candidates.front().evaluation.grade;
    if (!under.candidates.empty()) c.top = under.candidates.front().evaluation.grade;
    if (c.baseline_top && c.top) {
        const auto& b = baseline.candidates.front().evaluation;
        const auto& u = under.candidates.front().evaluation;
        c.remanence_change = u.remanence_at_worst.value() / b.remanence_at_worst.value() - 1.0;
        if (b.cost && u.cost) c.cost_change = u.cost->total / b.cost->total - 1.0;
    }
    return c;
}

}  // namespace magsel
