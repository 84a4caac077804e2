// magsel match REQ.yaml — every grade against a requirement: ranked candidates with their
// margins, and why each rejected grade fails.
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/error.hpp"
#include "magsel/select.hpp"
#include "output.hpp"

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

struct MatchOptions {
    std::string file;
    int top = 0;
    bool explain = false;
    std::string weights;
    std::string format;
};

ordered_json opt(std::optional<double> v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

ordered_json candidate_json(const Candidate& c) {
    const auto& e = c.evaluation;
    return {{"rank", c.rank},
            {"grade", e.grade->name},
            {"family", to_string(e.grade->family)},
            {"score", c.score},
            {"pareto", c.pareto},
            {"worst_temperature_degC", units::to_celsius(e.worst_temperature)},
            {"remanence_at_worst_T", e.remanence_at_worst.value()},
            {"remanence_worst_temperature_degC", units::to_celsius(e.remanence_worst_temperature)},
            {"knee_margin_kA_m", e.worst_point ? opt(e.worst_point->knee_margin.value() / 1000.0) : ordered_json(nullptr)},
            {"irreversible_loss_percent", e.worst_point ? opt(e.worst_point->irreversible_loss * 100.0) : ordered_json(nullptr)},
            {"cost_per_kg", e.cost ? opt(e.cost->total.value()) : ordered_json(nullptr)},
            {"part_cost", e.part_cost ? opt(e.part_cost->value()) : ordered_json(nullptr)},
            {"dy_tb_wt_percent", e.exposure.dy_tb_fraction * 100.0},
            {"hre_free", e.exposure.hre_free},
            {"hre_free_basis", hre_free_basis(*e.grade) ? ordered_json(std::string(to_string(*hre_free_basis(*e.grade))))
                                                        : ordered_json(nullptr)},
            {"supply_risk", e.exposure.supply_risk},
            {"flags", e.flags}};
}

ExitCode run_match(const GlobalOptions& global, const MatchOptions& o) {
    auto requirement = read_requirement_file(o.file);
    if (!o.weights.empty()) apply_weights(requirement.weights, o.weights);
    const auto catalogue = load_catalogue(global);
    const auto prices = load_prices(global);
    const auto result = match(catalogue, requirement, prices, SupplyData::builtin());
    const std::size_t shown = o.top > 0 ? std::min<std::size_t>(static_cast<std::size_t>(o.top), result.candidates.size())
                                        : result.candidates.size();

    if (o.format == "json") {
        ordered_json out{{"requirement", {{"name", requirement.name}, {"file", requirement.file},
                                          {"application", requirement.application},
                                          {"min_temperature_degC", units::to_celsius(requirement.min_temperature)},
                                          {"max_temperature_degC", units::to_celsius(requirement.max_temperature)},
                                          {"basis", to_string(requirement.basis)}}}};
        auto candidates = ordered_json::array();
        for (std::size_t i = 0; i < shown; ++i) candidates.push_back(candidate_json(result.candidates[i]));
        out["candidates"] = candidates;
        auto rejected = ordered_json::array();
        for (const auto& e : result.rejected) {
            const auto* f = e.first_failure();
            rejected.push_back({{"grade", e.grade->name}, {"reason", f->message}, {"check", to_string(f->check)},
                                {"value", f->unit.empty() ? ordered_json(nullptr) : ordered_json(f->value)},
                                {"limit", f->unit.empty() ? ordered_json(nullptr) : ordered_json(f->limit)},
                                {"unit", f->unit}});
        }
        out["rejected"] = rejected;
        std::cout << out.dump(2) << '\n';
        return result.candidates.empty() ? ExitCode::failed : ExitCode::success;
    }

    const auto format = table_format(o.format);
    Table t;
    t.header = {"#", "grade", "Br@worst T", "knee", "loss %", "USD/kg", "Dy+Tb", "score", "P"};
    t.right_align = {true, false, true, true, true, true, true, true, false};
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& c = result.candidates[i];
        const auto& e = c.evaluation;
        t.rows.push_back({std::to_string(c.rank), e.grade->name,
                          fmt::format("{:.3f}@{:g}", e.remanence_at_worst.value(), units::to_celsius(e.remanence_worst_temperature)),
                          e.worst_point ? fixed(e.worst_point->knee_margin.value() / 1000.0, 0) : "-",
                          e.worst_point ? fixed(e.worst_point->irreversible_loss * 100.0, 2) : "-",
                          e.cost ? fixed(e.cost->total.value(), 1) : "-",
                          fixed(e.exposure.dy_tb_fraction * 100.0, 1), fixed(c.score, 2), c.pareto ? "*" : ""});
    }
    if (format != TableFormat::csv) {
        std::cout << fmt::format("{} ({}, {:g}…{:g} °C, {} values)\n", requirement.name, requirement.application,
                                 units::to_celsius(requirement.min_temperature),
                                 units::to_celsius(requirement.max_temperature), to_string(requirement.basis));
        std::cout << fmt::format("{} of {} grades qualify", result.candidates.size(),
                                 result.candidates.size() + result.rejected.size());
        if (shown < result.candidates.size()) std::cout << fmt::format("; the best {} shown", shown);
        std::cout << "\n\n";
    }
    if (!result.candidates.empty()) std::cout << render(t, format);
    if (format == TableFormat::csv) return result.candidates.empty() ? ExitCode::failed : ExitCode::success;
    if (!result.candidates.empty()) {
        std::cout << "Br@worst T: lowest Br [T] @ its temperature [°C]; knee: margin Hk − h [kA/m] at the\n"
                     "worst point; loss: irreversible loss there; Dy+Tb: wt %; P: Pareto-optimal;\n"
                     "extrapolated: beyond the grade's temperature data\n";
        if (requirement.magnet_mass || requirement.magnet_volume) {
            const auto& best = result.candidates.front().evaluation;
            if (best.part_cost)
                std::cout << fmt::format("part cost of #1 ({}): {:.2f} USD\n", best.grade->name, best.part_cost->value());
        }
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& e = result.candidates[i].evaluation;
            if (!e.flags.empty()) std::cout << fmt::format("  {}: {}\n", e.grade->name, fmt::join(e.flags, "; "));
        }
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
    return result.candidates.empty() ? ExitCode::failed : ExitCode::success;
}

}  // namespace

void register_match(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<MatchOptions>();
    auto* cmd = app.add_subcommand("match", "Rank the grades that meet a requirement file; explain the others");
    cmd->footer("Examples:\n  magsel match examples/ev-traction-ipm.yaml\n"
                "  magsel match examples/wind-direct-drive-generator.yaml --top 5 --explain\n"
                "  magsel match examples/ev-traction-ipm.yaml --weights cost=3,supply_risk=2 --format json\n"
                "  magsel match examples/ev-traction-ipm.yaml --price Dy=2x --price Tb=2x\n\n"
                "Exit code 0 when a grade qualifies, 1 when none does, 2 on bad input.");
    cmd->add_option("requirement", o->file, "Requirement file (docs/requirement-file-format.md)")->required();
    cmd->add_option("--top", o->top, "Show only the best N candidates")->check(CLI::PositiveNumber);
    cmd->add_flag("--explain", o->explain, "List each rejected grade with its first failing check and numbers");
    cmd->add_option("--weights", o->weights, "Ranking weights, e.g. performance=1,demag_margin=1,cost=2,supply_risk=1");
    add_format_option(*cmd, o->format, {"table", "json", "csv", "md"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_match(global, *o); });
}

}  // namespace magsel::cli
