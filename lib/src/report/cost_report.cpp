#include "magsel/report/cost_report.hpp"

#include <fmt/format.h>

namespace magsel::report {
namespace {

/// The publisher (or title) of a line's price source, cut to fit a table.
std::string short_source(const CostLine& l) {
    if (!l.price) return "no price";
    std::string s = l.price->source.publisher.empty() ? l.price->source.title : l.price->source.publisher;
    if (s.size() > 28) s = s.substr(0, 27) + "…";
    return s;
}

std::string grade_heading(const GradeCost& r) {
    return fmt::format("{} ({}): {:.2f} USD/kg{} — market {}, oldest price {}\n", r.grade->name,
                       to_string(r.grade->family), r.cost.total.value(),
                       r.part_cost ? fmt::format(", part {:.3g} kg: {:.2f} USD", r.part_mass->value(), r.part_cost->value())
                                   : "",
                       r.cost.market, r.cost.price_date.empty() ? "undated" : r.cost.price_date);
}

Table lines_table(const GradeCost& r) {
    Table t;
    t.header = {"element", "wt %", "USD/kg el.", "date", "USD/kg", "source"};
    t.right_align = {false, true, true, false, true, false};
    for (const auto& l : r.cost.lines)
        t.rows.push_back({l.element, fixed(l.fraction * 100.0, 2),
                          l.price ? fixed(l.price->per_kg.value(), 1) + (l.price->scenario.empty() ? "" : "*") +
                                        (l.price->fallback.empty() ? "" : "†")
                                  : "-",
                          l.price ? l.price->date : "", fixed(l.contribution.value(), 2), short_source(l)});
    t.rows.push_back({fmt::format("× yield {:.2f}", r.cost.yield), "", "", "", "(in lines)", ""});
    t.rows.push_back({"processing", "", "", "", fixed(r.cost.processing.value(), 2), ""});
    t.rows.push_back({"total", "", "", r.cost.price_date, fixed(r.cost.total.value(), 2), ""});
    return t;
}

std::string exposure_text(const GradeCost& r) {
    std::string s = fmt::format("Dy+Tb {:.1f} wt %{}; export-controlled: {}; supply risk {:.3f}\n",
                                r.exposure.dy_tb_fraction * 100.0, r.exposure.dy_tb_estimated ? " (estimated)" : "",
                                r.exposure.controlled.empty() ? "none" : fmt::format("{}", fmt::join(r.exposure.controlled, ", ")),
                                r.exposure.supply_risk);
    if (r.cost.composition_estimated) s += "composition estimated (see `magsel grades show`)\n";
    for (const auto& w : r.cost.warnings) s += "warning: " + w + '\n';
    return s + '\n';
}

}  // namespace

const Schema<CostLine>& cost_line_schema() {
    static const Schema<CostLine> schema{
        {"element", "element", 0, [](const CostLine& l) { return Value(l.element); }},
        {"wt_percent", "wt %", 2, [](const CostLine& l) { return Value(l.fraction * 100.0); }},
        {"usd_per_kg_magnet", "USD/kg", 2, [](const CostLine& l) { return Value(l.contribution.value()); }},
        {"price_usd_per_kg_element", "USD/kg el.", 1,
         [](const CostLine& l) { return l.price ? Value(l.price->per_kg.value()) : Value(); }},
        {"quoted", "quoted", 0, [](const CostLine& l) { return l.price ? Value(l.price->quoted) : Value(); }},
        {"price_date", "date", 0, [](const CostLine& l) { return l.price ? Value(l.price->date) : Value(); }},
        {"source", "source", 0, [](const CostLine& l) { return l.price ? Value(l.price->source.citation()) : Value(); }},
        {"market", "market", 0, [](const CostLine& l) { return l.price ? Value(l.price->market) : Value(); }},
        {"fallback", "fallback", 0, [](const CostLine& l) {
             return l.price && !l.price->fallback.empty() ? Value(l.price->fallback) : Value();
         }},
        {"scenario", "scenario", 0, [](const CostLine& l) {
             return l.price && !l.price->scenario.empty() ? Value(l.price->scenario) : Value();
         }},
        {"estimated", "estimated", 0, [](const CostLine& l) {
             return l.price && !l.price->estimated.empty() ? Value(l.price->estimated) : Value();
         }},
    };
    return schema;
}

Json cost_json(const GradeCost& r, const PriceTable& prices) {
    auto lines = Json::array();
    for (const auto& l : r.cost.lines) {
        auto line = to_json(cost_line_schema(), l);
        // optional keys appear only where they apply; without a price only the price key stays
        for (const char* key : {"fallback", "scenario", "estimated"})
            if (line[key].is_null()) line.erase(key);
        if (!l.price)
            for (const char* key : {"quoted", "price_date", "source", "market"}) line.erase(key);
        lines.push_back(std::move(line));
    }
    return {{"grade", r.grade->name},
            {"cost_per_kg", r.cost.total.value()},
            {"currency", prices.currency()},
            {"market", r.cost.market},
            {"market_name", r.cost.market_name},
            {"material_per_kg", r.cost.material.value()},
            {"processing_per_kg", r.cost.processing.value()},
            {"yield_factor", r.cost.yield},
            {"baseline_cost_per_kg", r.baseline.total.value()},
            {"rank", r.rank},
            {"baseline_rank", r.baseline_rank},
            {"part_mass_kg", r.part_mass ? Json(r.part_mass->value()) : Json(nullptr)},
            {"part_cost", r.part_cost ? Json(r.part_cost->value()) : Json(nullptr)},
            {"dy_tb_wt_percent", r.exposure.dy_tb_fraction * 100.0},
            {"controlled_elements", r.exposure.controlled},
            {"critical_elements", r.exposure.critical},
            {"supply_risk", r.exposure.supply_risk},
            {"price_date", r.cost.price_date},
            {"composition_estimated", r.cost.composition_estimated},
            {"lines", lines},
            {"warnings", r.cost.warnings}};
}

namespace {
/// One cost line of one grade: a CSV row that stands alone (tidy data).
struct GradeLine {
    const GradeCost* grade;
    const CostLine* line;
};

/// CSV: one row per grade and element, the header row the JSON keys; the grade's yield,
/// processing cost and total on every row of it.
std::string costs_csv(const std::vector<GradeCost>& rows) {
    std::vector<std::string> keys{"grade"};
    for (const auto& f : cost_line_schema()) keys.push_back(f.key);
    for (const char* k : {"yield", "processing_usd_per_kg", "cost_per_kg"}) keys.emplace_back(k);
    Table t;
    t.header = keys;
    for (const auto& r : rows)
        for (const auto& l : r.cost.lines) {
            std::vector<std::string> row{r.grade->name};
            for (const auto& f : cost_line_schema()) row.push_back(csv_text(f.value(l)));
            row.push_back(csv_text(Value(r.cost.yield)));
            row.push_back(csv_text(Value(r.cost.processing.value())));
            row.push_back(csv_text(Value(r.cost.total.value())));
            t.rows.push_back(std::move(row));
        }
    return render(t, TableFormat::csv);
}
}  // namespace

Json costs_json(const std::vector<GradeCost>& rows, const PriceTable& prices) {
    auto out = Json::array();
    for (const auto& r : rows) out.push_back(cost_json(r, prices));
    return out;
}

std::string costs_text(const std::vector<GradeCost>& rows, const PriceTable& prices, const std::vector<std::string>& edits,
                       TableFormat format) {
    if (format == TableFormat::csv) return costs_csv(rows);
    std::string out;
    for (const auto& r : rows) out += grade_heading(r) + render(lines_table(r), format) + exposure_text(r);
    if (!edits.empty()) {
        Table t;
        t.header = {"grade", "baseline USD/kg", "scenario USD/kg", "change", "rank before", "rank after"};
        t.right_align = {false, true, true, true, true, true};
        for (const auto& r : rows)
            t.rows.push_back({r.grade->name, fixed(r.baseline.total.value(), 2), fixed(r.cost.total.value(), 2),
                              fmt::format("{:+.1f} %", (r.cost.total / r.baseline.total - 1.0) * 100.0),
                              std::to_string(r.baseline_rank), std::to_string(r.rank)});
        out += fmt::format("scenario {}:\n", fmt::join(edits, ", ")) + render(t, format);
    }
    {
        out += fmt::format("market {}: {}\n", prices.market().id, prices.market().name);
        bool fallback = false;
        for (const auto& r : rows)
            for (const auto& l : r.cost.lines) fallback = fallback || (l.price && !l.price->fallback.empty());
        if (fallback)
            out += fmt::format("† no {} quote for this element: the {} price is used\n", prices.market().id,
                               prices.default_market().id);
    }
    bool scenario = false;
    for (const auto& r : rows)
        for (const auto& l : r.cost.lines) scenario = scenario || (l.price && !l.price->scenario.empty());
    return out + (scenario ? "* scenario price. " : "") +
           "Costs are estimates from dated public prices, not quotes (docs/economics.md).\n";
}

}  // namespace magsel::report
