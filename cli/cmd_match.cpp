// magsel match REQ.yaml — every grade against a requirement: ranked candidates with their
// margins to failure, the HRE-free alternative, a supply scenario, and why each rejected grade fails.
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/error.hpp"
#include "magsel/select.hpp"
#include "magsel/report/match_report.hpp"
#include "output.hpp"

namespace magsel::cli {
namespace {

using namespace magsel::report;

using nlohmann::ordered_json;

struct MatchOptions {
    std::string file;
    int top = 0;
    bool explain = false;
    std::string weights;
    std::string scenario = "none";
    std::string format;
};

void print_table(const Requirement& requirement, const MatchResult& result, std::size_t shown, const MatchOptions& o) {
    const auto format = table_format(o.format);
    if (format == TableFormat::csv) {
        std::cout << render(candidates_csv(result, shown), format);  // the header row even when nothing qualifies
        if (result.candidates.empty()) std::cerr << "magsel: no grade meets every requirement\n";
        return;
    }
    std::cout << fmt::format("{} ({}, {:g}…{:g} °C, {} values)\n", requirement.name, requirement.application,
                             units::to_celsius(requirement.min_temperature),
                             units::to_celsius(requirement.max_temperature), to_string(requirement.basis));
    std::cout << fmt::format("{} of {} grades qualify", result.candidates.size(),
                             result.candidates.size() + result.rejected.size());
    if (shown < result.candidates.size()) std::cout << fmt::format("; the best {} shown", shown);
    std::cout << "\n\n";
    if (!result.candidates.empty()) {
        std::cout << render(candidates_table(result, shown), format);
        std::cout << candidates_legend(requirement);
        if (requirement.magnet_mass || requirement.magnet_volume) {
            const auto& best = result.candidates.front().evaluation;
            if (best.part_cost)
                std::cout << fmt::format("part cost of #1 ({}): {:.2f} USD\n", best.grade->name, best.part_cost->value());
        }
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& e = result.candidates[i].evaluation;
            if (!e.flags.empty()) std::cout << fmt::format("  {}: {}\n", e.grade->name, fmt::join(e.flags, "; "));
        }
        std::cout << '\n' << alternative_text("HRE-free", result.hre_free_alternative, result, requirement);
        std::cout << alternative_text("export-control-free", result.export_controlled_free_alternative,
                                      result, requirement);
    }
    if (o.explain) {
        std::cout << "\nrejected:\n";
        for (const auto& e : result.rejected)
            std::cout << fmt::format("  {}: {}\n", e.grade->name, e.first_failure()->message);
    } else if (!result.rejected.empty()) {
        std::map<std::string, int> by_check;
        for (const auto& e : result.rejected) ++by_check[std::string(to_string(e.first_failure()->check))];
        std::vector<std::string> parts;
        for (const auto& [check, n] : by_check) parts.push_back(fmt::format("{} {}", n, check));
        std::cout << fmt::format("\nrejected {}: {} (--explain for each grade)\n", result.rejected.size(),
                                 fmt::join(parts, ", "));
    }
    if (result.candidates.empty()) std::cout << "no grade meets every requirement\n";
}

ExitCode run_match(const GlobalOptions& global, const MatchOptions& o) {
    auto requirement = read_requirement_file(o.file);
    if (!o.weights.empty()) apply_weights(requirement.weights, o.weights);
    const auto scenario = supply_scenario_from_string(o.scenario);
    const auto catalogue = load_catalogue(global);
    const auto prices = load_prices(global, all_grades(catalogue), "any grade of the catalogue");
    const auto supply = SupplyData::builtin();
    const auto baseline = match(catalogue, requirement, prices, supply);
    std::optional<MatchResult> under;
    std::optional<ScenarioChange> change;
    if (scenario != SupplyScenario::none) {
        under = match(catalogue, under_scenario(requirement, scenario), prices, supply);
        change = scenario_change(baseline, *under, scenario);
    }
    const auto& result = under ? *under : baseline;
    const std::size_t shown = o.top > 0 ? std::min<std::size_t>(static_cast<std::size_t>(o.top), result.candidates.size())
                                        : result.candidates.size();
    if (o.format == "json") {
        std::cout << report::json_text(match_json(requirement, result, shown, change, prices));
    } else {
        print_table(requirement, result, shown, o);
        if (table_format(o.format) != TableFormat::csv && !result.candidates.empty())
            std::cout << prices_text(result, shown, prices);
        if (change && table_format(o.format) != TableFormat::csv) std::cout << '\n' << scenario_text(*change);
    }
    return result.candidates.empty() ? ExitCode::failed : ExitCode::success;
}

}  // namespace

void register_match(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<MatchOptions>();
    auto* cmd = app.add_subcommand("match", "Rank the grades that meet a requirement file; explain the others");
    cmd->footer("Examples:\n  magsel match examples/ev-traction-ipm.yaml\n"
                "  magsel match examples/wind-direct-drive-generator.yaml --top 5 --explain\n"
                "  magsel match examples/ev-traction-ipm.yaml --weights cost=3,supply_risk=2 --format json\n"
                "  magsel match examples/ev-traction-ipm.yaml --price Dy=2x --price Tb=2x\n"
                "  magsel match examples/ev-traction-ipm.yaml --scenario no-export-controlled\n\n"
                "Exit code 0 when a grade qualifies, 1 when none does, 2 on bad input.");
    cmd->add_option("requirement", o->file, "Requirement file (docs/requirement-file-format.md)")->required();
    cmd->add_option("--top", o->top, "Show only the best N candidates")->check(CLI::Range(1, 100000));  // PositiveNumber printed a 309-digit bound
    cmd->add_flag("--explain", o->explain, "List each rejected grade with its first failing check and numbers");
    cmd->add_option("--weights", o->weights, "Ranking weights, e.g. performance=1,demag_margin=1,cost=2,supply_risk=1");
    cmd->add_option("--scenario", o->scenario,
                    "Supply scenario: no-export-controlled (no Sm, Gd, Tb, Dy, Lu, Sc, Y ...: every element under an "
                    "in-force export control unavailable) or no-heavy-rare-earth (no Dy, no Tb); shows what changes")
        ->check(CLI::IsMember({"none", "no-export-controlled", "no-heavy-rare-earth"}));
    add_format_option(*cmd, o->format, {"table", "json", "csv", "md"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_match(global, *o); });
}

}  // namespace magsel::cli
