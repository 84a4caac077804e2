#include "match_output.hpp"

#include <fmt/format.h>

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

ordered_json opt(std::optional<double> v) { return v ? ordered_json(*v) : ordered_json(nullptr); }
std::optional<double> percent(std::optional<double> fraction) {
    return fraction ? std::optional<double>(*fraction * 100.0) : std::nullopt;
}
double celsius(units::Temperature t) { return units::to_celsius(t); }

ordered_json check_json(const CheckResult& c) {
    return {{"check", to_string(c.check)}, {"message", c.message},
            {"value", c.unit.empty() ? ordered_json(nullptr) : ordered_json(c.value)},
            {"limit", c.unit.empty() ? ordered_json(nullptr) : ordered_json(c.limit)},
            {"unit", c.unit}};
}

ordered_json alternative_json(const std::optional<Alternative>& a) {
    if (!a) return nullptr;
    return {{"constraint", a->constraint},
            {"qualifies", a->rank.has_value()},
            {"grade", a->grade ? ordered_json(a->grade->name) : ordered_json(nullptr)},
            {"rank", a->rank ? ordered_json(*a->rank) : ordered_json(nullptr)},
            {"remanence_change_percent", a->rank ? ordered_json(a->remanence_change * 100.0) : ordered_json(nullptr)},
            {"cost_change_percent", a->rank ? opt(percent(a->cost_change)) : ordered_json(nullptr)},
            {"failure", a->failure ? check_json(*a->failure) : ordered_json(nullptr)},
            {"passing_temperature_shift_K", a->passing_shift ? ordered_json(a->passing_shift->value()) : ordered_json(nullptr)},
            {"passing_permeance_coefficient", opt(a->passing_permeance)}};
}

std::string signed_percent(double fraction) { return fmt::format("{:+.1f} %", fraction * 100.0); }

std::string temperature_margin_cell(const Margins& m) {
    if (!m.temperature) return fmt::format(">{:g}", m.search.max_shift.value());
    return fmt::format("{:.1f}{}", m.temperature->value(), m.limited_hot ? "" : "c");
}

std::string field_margin_cell(const Margins& m) {
    if (!m.has_field) return "-";
    if (!m.field) return fmt::format(">{:g}", (m.search.max_field_scale - 1.0) * 100.0);
    return fmt::format("{:.0f}", *m.field * 100.0);
}

}  // namespace

void add_margins_json(ordered_json& out, const Margins& m) {
    out["temperature_margin_K"] = m.temperature ? ordered_json(m.temperature->value()) : ordered_json(nullptr);
    out["temperature_margin_side"] = m.temperature ? ordered_json(m.limited_hot ? "hot" : "cold") : ordered_json(nullptr);
    out["field_margin_percent"] = opt(percent(m.field));
    out["knee_margin_kA_m"] = m.knee_margin ? ordered_json(m.knee_margin->value() / 1000.0) : ordered_json(nullptr);
    out["loss_headroom_percent"] = opt(percent(m.loss_headroom));
    out["margin_search_K"] = m.search.max_shift.value();
    out["margin_search_field_percent"] = (m.search.max_field_scale - 1.0) * 100.0;
}

std::string margins_text(const Margins& m) {
    std::string t = m.temperature ? fmt::format("temperature margin {:.1f} K ({} side)", m.temperature->value(),
                                                m.limited_hot ? "hot" : "cold")
                                  : fmt::format("temperature margin > {:g} K (no check fails within the search)",
                                                m.search.max_shift.value());
    if (m.has_field)
        t += m.field ? fmt::format(", field margin {:.0f} %", *m.field * 100.0)
                     : fmt::format(", field margin > {:g} %", (m.search.max_field_scale - 1.0) * 100.0);
    if (m.knee_margin) t += fmt::format(", knee margin {:.0f} kA/m", m.knee_margin->value() / 1000.0);
    if (m.loss_headroom) t += fmt::format(", loss headroom {:.2f} %", *m.loss_headroom * 100.0);
    return t;
}

ordered_json candidate_json(const Candidate& c) {
    const auto& e = c.evaluation;
    ordered_json out{{"rank", c.rank},
                     {"grade", e.grade->name},
                     {"family", to_string(e.grade->family)},
                     {"score", c.score},
                     {"robust", c.robust},
                     {"pareto", c.pareto},
                     {"objectives", {{"performance", c.objectives.performance},
                                     {"demag_margin", c.objectives.demag_margin},
                                     {"cost", c.objectives.cost},
                                     {"supply_risk", c.objectives.supply_risk}}},
                     {"worst_temperature_degC", celsius(e.worst_temperature)},
                     {"remanence_at_worst_T", e.remanence_at_worst.value()},
                     {"remanence_worst_temperature_degC", celsius(e.remanence_worst_temperature)},
                     {"irreversible_loss_percent",
                      e.worst_point ? opt(e.worst_point->irreversible_loss * 100.0) : ordered_json(nullptr)}};
    if (e.margins) add_margins_json(out, *e.margins);
    out["cost_per_kg"] = e.cost ? opt(e.cost->total.value()) : ordered_json(nullptr);
    out["price_date"] = e.cost ? ordered_json(e.cost->price_date) : ordered_json(nullptr);
    out["part_cost"] = e.part_cost ? opt(e.part_cost->value()) : ordered_json(nullptr);
    out["dy_tb_wt_percent"] = e.exposure.dy_tb_fraction * 100.0;
    out["hre_free"] = e.exposure.hre_free;
    const auto basis = hre_free_basis(*e.grade);
    out["hre_free_basis"] = basis ? ordered_json(std::string(to_string(*basis))) : ordered_json(nullptr);
    out["controlled_elements"] = e.exposure.controlled;
    out["supply_risk"] = e.exposure.supply_risk;
    out["flags"] = e.flags;
    return out;
}

ordered_json match_json(const Requirement& r, const MatchResult& result, std::size_t shown,
                        const std::optional<ScenarioChange>& change) {
    ordered_json out{{"requirement", {{"name", r.name}, {"file", r.file}, {"application", r.application},
                                      {"min_temperature_degC", celsius(r.min_temperature)},
                                      {"max_temperature_degC", celsius(r.max_temperature)},
                                      {"basis", to_string(r.basis)},
                                      {"robustness", {{"temperature_K", r.robustness.temperature.value()},
                                                      {"field_percent", r.robustness.field * 100.0}}}}}};
    auto candidates = ordered_json::array();
    for (std::size_t i = 0; i < shown; ++i) candidates.push_back(candidate_json(result.candidates[i]));
    out["candidates"] = candidates;
    out["hre_free_alternative"] = alternative_json(result.hre_free_alternative);
    out["export_controlled_free_alternative"] = alternative_json(result.export_controlled_free_alternative);
    if (change) {
        out["scenario"] = {{"name", to_string(change->scenario)},
                           {"baseline_top", change->baseline_top ? ordered_json(change->baseline_top->name) : ordered_json(nullptr)},
                           {"top", change->top ? ordered_json(change->top->name) : ordered_json(nullptr)},
                           {"remanence_change_percent", opt(percent(change->remanence_change))},
                           {"cost_change_percent", opt(percent(change->cost_change))},
                           {"lost_candidates", change->lost_candidates}};
    }
    auto rejected = ordered_json::array();
    for (const auto& e : result.rejected) {
        const auto* f = e.first_failure();
        auto item = check_json(*f);
        item.erase("message");
        ordered_json row{{"grade", e.grade->name}, {"reason", f->message}};
        row.update(item);
        if (e.onset) {
            row["onset_temperature_degC"] = celsius(e.onset->temperature);
            row["onset_check"] = e.onset->at.failed ? ordered_json(to_string(*e.onset->at.failed)) : ordered_json(nullptr);
        }
        rejected.push_back(std::move(row));
    }
    out["rejected"] = rejected;
    return out;
}

Table candidates_table(const MatchResult& result, std::size_t shown) {
    Table t;
    t.header = {"#", "grade", "Br [T]", "at °C", "ΔT K", "field %", "knee", "loss %", "USD/kg", "Dy+Tb", "score", "R", "P"};
    t.right_align = {true, false, true, true, true, true, true, true, true, true, true, false, false};
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& c = result.candidates[i];
        const auto& e = c.evaluation;
        t.rows.push_back({std::to_string(c.rank), e.grade->name, fixed(e.remanence_at_worst.value(), 3),
                          fmt::format("{:g}", celsius(e.remanence_worst_temperature)),
                          e.margins ? temperature_margin_cell(*e.margins) : "-",
                          e.margins ? field_margin_cell(*e.margins) : "-",
                          e.worst_point ? fixed(e.worst_point->knee_margin.value() / 1000.0, 0) : "-",
                          e.worst_point ? fixed(e.worst_point->irreversible_loss * 100.0, 2) : "-",
                          e.cost ? fixed(e.cost->total.value(), 1) : "-",
                          fixed(e.exposure.dy_tb_fraction * 100.0, 1), fixed(c.score, 3), c.robust ? "" : "!",
                          c.pareto ? "*" : ""});
    }
    return t;
}

Table candidates_csv(const MatchResult& result, std::size_t shown) {
    Table t;
    t.header = {"rank", "grade", "family", "score", "robust", "pareto", "remanence_at_worst_T",
                "remanence_worst_temperature_degC", "worst_temperature_degC", "temperature_margin_K",
                "field_margin_percent", "knee_margin_kA_m", "irreversible_loss_percent", "loss_headroom_percent",
                "cost_per_kg", "dy_tb_wt_percent", "hre_free", "supply_risk"};
    t.right_align.assign(t.header.size(), false);
    auto num = [](std::optional<double> v) { return v ? fmt::format("{}", *v) : std::string(); };
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& c = result.candidates[i];
        const auto& e = c.evaluation;
        const auto* m = e.margins ? &*e.margins : nullptr;
        t.rows.push_back({std::to_string(c.rank), e.grade->name, std::string(to_string(e.grade->family)),
                          num(c.score), c.robust ? "true" : "false", c.pareto ? "true" : "false",
                          num(e.remanence_at_worst.value()), num(celsius(e.remanence_worst_temperature)),
                          num(celsius(e.worst_temperature)),
                          m && m->temperature ? num(m->temperature->value()) : "",
                          m ? num(percent(m->field)) : "",
                          e.worst_point ? num(e.worst_point->knee_margin.value() / 1000.0) : "",
                          e.worst_point ? num(e.worst_point->irreversible_loss * 100.0) : "",
                          m ? num(percent(m->loss_headroom)) : "",
                          e.cost ? num(e.cost->total.value()) : "", num(e.exposure.dy_tb_fraction * 100.0),
                          e.exposure.hre_free ? "true" : "false", num(e.exposure.supply_risk)});
    }
    return t;
}

std::string candidates_legend(const Requirement& r) {
    return fmt::format(
        "Br: lowest Br over the range, at that temperature; ΔT: temperature margin [K], how much hotter\n"
        "(c: colder) every temperature may be with every check still passing; field: how much larger the\n"
        "opposing field may be [%]; knee: Hk − h [kA/m] at the worst point; loss: irreversible (instantaneous)\n"
        "loss there; Dy+Tb: wt %; R !: below the robustness target ({:g} K, {:g} %), ranked after every grade\n"
        "that meets it; P: Pareto-optimal; equal scores are ordered by name (docs/choosing-a-grade.md)\n",
        r.robustness.temperature.value(), r.robustness.field * 100.0);
}

std::string alternative_text(const std::string& what, const std::optional<Alternative>& a, const MatchResult& result,
                             const Requirement& r) {
    if (result.candidates.empty()) return "";
    const auto& top = *result.candidates.front().evaluation.grade;
    if (!a) return fmt::format("{} alternative: #1 {} is itself {}\n", what, top.name, what);
    // what: "HRE-free" or "export-control-free"
    if (a->rank)
        return fmt::format("{} alternative: {} qualifies, rank {}: Br {} at the worst temperature, cost {} against #1 {}\n",
                           what, a->grade->name, *a->rank, signed_percent(a->remanence_change),
                           a->cost_change ? signed_percent(*a->cost_change) : std::string("unknown"), top.name);
    if (!a->grade)
        return fmt::format("{} alternative: none qualifies, and no such grade gets past the requirement's "
                           "constraints (--explain)\n", what);
    std::string text = fmt::format("{} alternative: none qualifies; the closest, {}, fails {}: {}", what, a->grade->name,
                                   to_string(a->failure->check), a->failure->message);
    std::vector<std::string> would;
    if (a->passing_shift) {
        const double s = a->passing_shift->value();
        would.push_back(s < 0 ? fmt::format("up to {:.1f} °C ({:+.1f} K on every temperature)",
                                            celsius(r.max_temperature) + s, s)
                              : fmt::format("from {:.1f} °C up ({:+.1f} K on every temperature)",
                                            celsius(r.min_temperature) + s, s));
    }
    if (a->passing_permeance) would.push_back(fmt::format("at Pc ≥ {:.2f}", *a->passing_permeance));
    if (!would.empty()) text += fmt::format("; it would pass {}", fmt::join(would, " or "));
    return text + "\n";
}

std::string scenario_text(const ScenarioChange& c) {
    const auto name = to_string(c.scenario);
    if (!c.top)
        return fmt::format("scenario {}: nothing qualifies (#1 without it: {})\n", name,
                           c.baseline_top ? c.baseline_top->name : std::string("none"));
    if (!c.baseline_top) return fmt::format("scenario {}: #1 {} (nothing qualifies without it)\n", name, c.top->name);
    if (c.top == c.baseline_top)
        return fmt::format("scenario {}: #1 stays {} ({} fewer candidates)\n", name, c.top->name, c.lost_candidates);
    return fmt::format("scenario {}: #1 becomes {} (was {}): Br {} at the worst temperature, cost {}; {} fewer candidates\n",
                       name, c.top->name, c.baseline_top->name, signed_percent(*c.remanence_change),
                       c.cost_change ? signed_percent(*c.cost_change) : std::string("unknown"), c.lost_candidates);
}

std::string prices_text(const MatchResult& result, std::size_t shown, const PriceTable& prices) {
    std::string oldest;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& cost = result.candidates[i].evaluation.cost;
        if (cost && (oldest.empty() || cost->price_date < oldest)) oldest = cost->price_date;
    }
    return fmt::format("costs: {} prices ({}){}; an estimate, not a quote (`magsel cost GRADE` for the lines)\n",
                       prices.market().id, prices.market().name,
                       oldest.empty() ? "" : fmt::format(", oldest price date {}", oldest));
}

}  // namespace magsel::cli
