// magsel match REQ.yaml — every grade against a requirement: ranked candidates with their
// margins to failure, the HRE-free alternative, a supply scenario, and why each rejected grade fails.
#include <iostream>
#include <memory>

#include "context.hpp"
#include "kept.hpp"
#include "magsel/report/match_report.hpp"
#include "magsel/select.hpp"

namespace magsel::cli {
namespace {

struct MatchOptions {
    std::string file;
    int top = 0;
    bool explain = false;
    std::string weights;
    std::string scenario = "none";
    std::string format;
};

ExitCode run_match(const GlobalOptions& global, const MatchOptions& o) {
    auto requirement = read_requirement_file(o.file);
    if (!o.weights.empty()) apply_weights(requirement.weights, o.weights);
    const auto scenario = supply_scenario_from_string(o.scenario);
    const auto& catalogue = load_catalogue(global);
    const auto prices = load_prices(global, all_grades(catalogue), "any grade of the catalogue");
    const auto supply = SupplyData::builtin();
    const auto& baseline = keep(match(catalogue, requirement, prices, supply));
    const MatchResult* under = nullptr;
    std::optional<ScenarioChange> change;
    if (scenario != SupplyScenario::none) {
        under = &keep(match(catalogue, under_scenario(requirement, scenario), prices, supply));
        change = scenario_change(baseline, *under, scenario);
    }
    const auto& result = under ? *under : baseline;
    const std::size_t shown = o.top > 0 ? std::min<std::size_t>(static_cast<std::size_t>(o.top), result.candidates.size())
                                        : result.candidates.size();
    if (o.format == "json") {
        std::cout << report::json_text(report::match_json(requirement, result, shown, change, prices));
    } else {
        const auto format = report::table_format(o.format);
        std::cout << report::match_text(requirement, result, shown, o.explain, prices, change, format);
        if (format == report::TableFormat::csv && result.candidates.empty())
            std::cerr << "magsel: no grade meets every requirement\n";
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
