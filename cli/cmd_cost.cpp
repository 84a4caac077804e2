// magsel cost GRADE... [--mass M | --volume V] [--format ...] — cost per kg by element and
// processing, each line with its price's date and source; with --price, the scenario against
// the baseline and the ranking change it causes.
#include <algorithm>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/error.hpp"
#include "output.hpp"

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

struct CostOptions {
    std::vector<std::string> grades;
    std::string mass;
    std::string volume;
    std::string format;
};

std::size_t rank_of(const std::vector<double>& values, std::size_t i) {
    return 1 + static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [&](double v) { return v < values[i]; }));
}

ExitCode run_cost(const GlobalOptions& global, const CostOptions& o) {
    const auto catalogue = load_catalogue(global);
    std::vector<const Grade*> named;
    for (const auto& name : o.grades) named.push_back(&catalogue.find(name));
    const auto prices = load_prices(global, named, fmt::format("{}", fmt::join(o.grades, ", ")));
    const auto baseline = load_baseline_prices(global);
    const auto supply = SupplyData::builtin();
    const bool scenario = !global.price_edits.empty();
    if (!o.mass.empty() && !o.volume.empty()) throw UsageError("give --mass or --volume, not both");

    struct Row {
        const Grade* grade;
        CostBreakdown cost, base;
        SupplyExposure exposure;
        std::optional<double> part_usd;
        std::optional<double> mass_kg;
    };
    std::vector<Row> rows;
    for (const auto& name : o.grades) {
        const auto& g = catalogue.find(name);
        Row r{&g, cost_per_kg(g, prices), cost_per_kg(g, baseline), supply_exposure(g, supply), {}, {}};
        if (!o.mass.empty()) {
            const double kg = units::parse_mass(o.mass).value();
            if (!(kg > 0.0 && kg <= 1e5)) throw UsageError(fmt::format("--mass {}: a magnet mass is above 0 and at most 100 t", o.mass));
            r.mass_kg = kg;
        }
        if (!o.volume.empty()) {
            const double m3 = units::parse_volume(o.volume).value();
            if (!(m3 > 0.0 && m3 <= 20.0)) throw UsageError(fmt::format("--volume {}: a magnet volume is above 0 and at most 20 m^3", o.volume));
            r.mass_kg = mass_of(g, m3 * units::cubic_metre).value();
        }
        if (r.mass_kg) r.part_usd = part_cost(r.cost, *r.mass_kg * units::kilogram).value();
        rows.push_back(std::move(r));
    }
    std::vector<double> now, before;
    for (const auto& r : rows) now.push_back(r.cost.total.value()), before.push_back(r.base.total.value());

    if (o.format == "json") {
        auto out = ordered_json::array();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            auto lines = ordered_json::array();
            for (const auto& l : r.cost.lines) {
                ordered_json line{{"element", l.element}, {"wt_percent", l.fraction * 100.0},
                                  {"usd_per_kg_magnet", l.contribution.value()}};
                if (l.price) {
                    line["price_usd_per_kg_element"] = l.price->per_kg.value();
                    line["quoted"] = l.price->quoted;
                    line["price_date"] = l.price->date;
                    line["source"] = l.price->source.citation();
                    line["market"] = l.price->market;
                    if (!l.price->fallback.empty()) line["fallback"] = l.price->fallback;
                    if (!l.price->scenario.empty()) line["scenario"] = l.price->scenario;
                    if (!l.price->estimated.empty()) line["estimated"] = l.price->estimated;
                } else {
                    line["price_usd_per_kg_element"] = nullptr;
                }
                lines.push_back(line);
            }
            out.push_back({{"grade", r.grade->name},
                           {"cost_per_kg", r.cost.total.value()},
                           {"currency", prices.currency()},
                           {"market", r.cost.market},
                           {"market_name", r.cost.market_name},
                           {"material_per_kg", r.cost.material.value()},
                           {"processing_per_kg", r.cost.processing.value()},
                           {"yield_factor", r.cost.yield},
                           {"baseline_cost_per_kg", r.base.total.value()},
                           {"rank", rank_of(now, i)},
                           {"baseline_rank", rank_of(before, i)},
                           {"part_mass_kg", r.mass_kg ? ordered_json(*r.mass_kg) : ordered_json(nullptr)},
                           {"part_cost", r.part_usd ? ordered_json(*r.part_usd) : ordered_json(nullptr)},
                           {"dy_tb_wt_percent", r.exposure.dy_tb_fraction * 100.0},
                           {"controlled_elements", r.exposure.controlled},
                           {"critical_elements", r.exposure.critical},
                           {"supply_risk", r.exposure.supply_risk},
                           {"price_date", r.cost.price_date},
                           {"composition_estimated", r.cost.composition_estimated},
                           {"lines", lines},
                           {"warnings", r.cost.warnings}});
        }
        std::cout << out.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
        return ExitCode::success;
    }

    const auto format = table_format(o.format);
    for (const auto& r : rows) {
        if (format != TableFormat::csv)
            std::cout << fmt::format("{} ({}): {:.2f} USD/kg{} — market {}, oldest price {}\n", r.grade->name,
                                     to_string(r.grade->family), r.cost.total.value(),
                                     r.part_usd ? fmt::format(", part {:.3g} kg: {:.2f} USD", *r.mass_kg, *r.part_usd) : "",
                                     r.cost.market, r.cost.price_date.empty() ? "undated" : r.cost.price_date);
        Table t;
        t.header = {"element", "wt %", "USD/kg el.", "date", "USD/kg", "source"};
        t.right_align = {false, true, true, false, true, false};
        for (const auto& l : r.cost.lines) {
            std::string src = l.price ? l.price->source.publisher.empty() ? l.price->source.title : l.price->source.publisher
                                      : "no price";
            if (src.size() > 28) src = src.substr(0, 27) + "…";
            t.rows.push_back({l.element, fixed(l.fraction * 100.0, 2),
                              l.price ? fixed(l.price->per_kg.value(), 1) + (l.price->scenario.empty() ? "" : "*") +
                                            (l.price->fallback.empty() || format == TableFormat::csv ? "" : "†")
                                      : "-",
                              l.price ? l.price->date : "", fixed(l.contribution.value(), 2), src});
        }
        t.rows.push_back({fmt::format("× yield {:.2f}", r.cost.yield), "", "", "", "(in lines)", ""});
        t.rows.push_back({"processing", "", "", "", fixed(r.cost.processing.value(), 2), ""});
        t.rows.push_back({"total", "", "", r.cost.price_date, fixed(r.cost.total.value(), 2), ""});
        if (format == TableFormat::csv) {  // CSV has no header line: each row names its market
            t.header.push_back("market");
            t.right_align.push_back(false);
            for (std::size_t k = 0; k < t.rows.size(); ++k) {
                const bool line = k < r.cost.lines.size(), total = k + 1 == t.rows.size();
                t.rows[k].push_back(line && r.cost.lines[k].price ? r.cost.lines[k].price->market
                                    : total                        ? r.cost.market
                                                                   : "");
            }
        }
        std::cout << render(t, format);
        if (format != TableFormat::csv) {
            std::cout << fmt::format("Dy+Tb {:.1f} wt %{}; export-controlled: {}; supply risk {:.3f}\n",
                                     r.exposure.dy_tb_fraction * 100.0, r.exposure.dy_tb_estimated ? " (estimated)" : "",
                                     r.exposure.controlled.empty() ? "none" : fmt::format("{}", fmt::join(r.exposure.controlled, ", ")),
                                     r.exposure.supply_risk);
            if (r.cost.composition_estimated) std::cout << "composition estimated (see `magsel grades show`)\n";
            for (const auto& w : r.cost.warnings) std::cout << "warning: " << w << '\n';
            std::cout << '\n';
        }
    }
    if (scenario && format != TableFormat::csv) {
        Table t;
        t.header = {"grade", "baseline USD/kg", "scenario USD/kg", "change", "rank before", "rank after"};
        t.right_align = {false, true, true, true, true, true};
        for (std::size_t i = 0; i < rows.size(); ++i)
            t.rows.push_back({rows[i].grade->name, fixed(before[i], 2), fixed(now[i], 2),
                              fmt::format("{:+.1f} %", (now[i] / before[i] - 1.0) * 100.0),
                              std::to_string(rank_of(before, i)), std::to_string(rank_of(now, i))});
        std::cout << fmt::format("scenario {}:\n", fmt::join(global.price_edits, ", ")) << render(t, format);
    }
    if (format != TableFormat::csv) {
        std::cout << fmt::format("market {}: {}\n", prices.market().id, prices.market().name);
        bool fallback = false;
        for (const auto& r : rows)
            for (const auto& l : r.cost.lines) fallback = fallback || (l.price && !l.price->fallback.empty());
        if (fallback)
            std::cout << fmt::format("† no {} quote for this element: the {} price is used\n", prices.market().id,
                                     prices.default_market().id);
    }
    std::cout << "* scenario price. Costs are estimates from dated public prices, not quotes (docs/economics.md).\n";
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
