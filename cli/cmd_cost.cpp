// magsel cost GRADE... [--mass M | --volume V] [--format ...] — cost per kg by element and
// processing, each line with its price's date and source; with --price, the scenario against
// the baseline and the ranking change it causes.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/cost_comparison.hpp"
#include "magsel/report/cost_report.hpp"

namespace magsel::cli {
namespace {

struct CostOptions {
    std::vector<std::string> grades;
    std::string mass;
    std::string volume;
    std::string format;
};

ExitCode run_cost(const GlobalOptions& global, const CostOptions& o) {
    const auto& catalogue = load_catalogue(global);
    std::vector<const Grade*> named;
    for (const auto& name : o.grades) named.push_back(&catalogue.find(name));
    const auto prices = load_prices(global, named, fmt::format("{}", fmt::join(o.grades, ", ")));
    PartSize part;
    if (!o.mass.empty()) part.mass = units::parse_mass(o.mass);
    if (!o.volume.empty()) part.volume = units::parse_volume(o.volume);
    const auto rows = compare_costs(named, prices, load_baseline_prices(global), SupplyData::builtin(), part);
    if (o.format == "json") std::cout << report::json_text(report::costs_json(rows, prices));
    else std::cout << report::costs_text(rows, prices, global.price_edits, report::table_format(o.format));
    return ExitCode::success;
}

}  // namespace

void register_cost(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<CostOptions>();
    auto* cmd = app.add_subcommand("cost", "Cost per kg by element and processing, Dy+Tb and supply exposure");
    cmd->footer("Examples:\n  magsel cost N48SH\n  magsel cost N48SH --mass 1.6kg\n"
                "  magsel cost N42SH N38UH HL-G48UH --price Dy=2x --price Tb=2x     (ranking change)\n"
                "  magsel --prices my-prices.yaml cost Y30BH --volume 120cm^3 --format json");
    cmd->add_option("grades", o->grades, "One or more grade names")->required();
    cmd->add_option("--mass", o->mass, "Magnet mass per part (e.g. 1.6kg)");
    cmd->add_option("--volume", o->volume, "Magnet volume per part (e.g. 120cm^3): mass from the grade's density");
    add_format_option(*cmd, o->format, {"table", "json", "csv", "md"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_cost(global, *o); });
}

}  // namespace magsel::cli
