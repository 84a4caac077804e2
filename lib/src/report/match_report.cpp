#include "magsel/report/match_report.hpp"

#include <fmt/format.h>

namespace magsel::report {
namespace {

double celsius(units::Temperature t) { return units::to_celsius(t); }
std::optional<double> percent(std::optional<double> fraction) {
    return fraction ? std::optional<double>(*fraction * 100.0) : std::nullopt;
}
std::string signed_percent(double fraction) { return fmt::format("{:+.1f} %", fraction * 100.0); }

const Margins* margins_of(const Candidate& c) { return c.evaluation.margins ? &*c.evaluation.margins : nullptr; }
const WorkingPoint* worst_of(const Candidate& c) {
    return c.evaluation.worst_point ? &*c.evaluation.worst_point : nullptr;
}

/// A candidate's margin field, read through the margin schema (one definition of each key).
Field<Candidate> margin_field(const std::string& key, const std::string& title, int decimals,
                              std::function<std::string(const Margins&)> table_text = {}) {
    const auto& f = field(margin_schema(), key);
    Field<Candidate> out{key, title, decimals, [&f](const Candidate& c) {
                             const auto* m = margins_of(c);
                             return m ? f.value(*m) : Value();
                         }};
    if (table_text)
        out.table_text = [table_text](const Candidate& c) {
            const auto* m = margins_of(c);
            return m ? table_text(*m) : std::string("-");
        };
    return out;
}

}  // namespace

const Schema<Margins>& margin_schema() {
    static const Schema<Margins> schema{
        {"temperature_margin_K", "ΔT K", 1,
         [](const Margins& m) { return m.temperature ? Value(m.temperature->value()) : Value(); }},
        {"temperature_margin_side", "side", 0,
         [](const Margins& m) { return m.temperature ? Value(std::string(m.limited_hot ? "hot" : "cold")) : Value(); }},
        {"field_margin_percent", "field %", 0, [](const Margins& m) { return number(percent(m.field)); }},
        {"knee_margin_kA_m", "knee", 0,
         [](const Margins& m) { return m.knee_margin ? Value(m.knee_margin->value() / 1000.0) : Value(); }},
        {"loss_headroom_percent", "headroom %", 2, [](const Margins& m) { return number(percent(m.loss_headroom)); }},
        {"margin_search_K", "search K", 0, [](const Margins& m) { return Value(m.search.max_shift.value()); }},
        {"margin_search_field_percent", "search %", 0,
         [](const Margins& m) { return Value((m.search.max_field_scale - 1.0) * 100.0); }},
    };
    return schema;
}

const Schema<Candidate>& candidate_schema() {
    static const Schema<Candidate> schema = [] {
        Schema<Candidate> s{
            {"rank", "#", 0, [](const Candidate& c) { return Value(static_cast<long long>(c.rank)); }},
            {"grade", "grade", 0, [](const Candidate& c) { return Value(c.evaluation.grade->name); }},
            {"family", "family", 0, [](const Candidate& c) { return Value(std::string(to_string(c.evaluation.grade->family))); }},
            {"score", "score", 3, [](const Candidate& c) { return Value(c.score); }},
            {"robust", "R", 0, [](const Candidate& c) { return Value(c.robust); },
             [](const Candidate& c) { return std::string(c.robust ? "" : "!"); }},
            {"pareto", "P", 0, [](const Candidate& c) { return Value(c.pareto); },
             [](const Candidate& c) { return std::string(c.pareto ? "*" : ""); }},
            {"objectives.performance", "perf.", 3, [](const Candidate& c) { return Value(c.objectives.performance); }},
            {"objectives.demag_margin", "margin", 3, [](const Candidate& c) { return Value(c.objectives.demag_margin); }},
            {"objectives.cost", "cost", 3, [](const Candidate& c) { return Value(c.objectives.cost); }},
            {"objectives.supply_risk", "supply", 3, [](const Candidate& c) { return Value(c.objectives.supply_risk); }},
            {"worst_temperature_degC", "worst °C", 0,
             [](const Candidate& c) { return Value(celsius(c.evaluation.worst_temperature)); }},
            {"remanence_at_worst_T", "Br [T]", 3, [](const Candidate& c) { return Value(c.evaluation.remanence_at_worst.value()); }},
            {"remanence_worst_temperature_degC", "at °C", 0,
             [](const Candidate& c) { return Value(celsius(c.evaluation.remanence_worst_temperature)); },
             [](const Candidate& c) { return fmt::format("{:g}", celsius(c.evaluation.remanence_worst_temperature)); }},
            {"irreversible_loss_percent", "loss %", 2, [](const Candidate& c) {
                 const auto* w = worst_of(c);
                 return w ? Value(w->irreversible_loss * 100.0) : Value();
             }},
        };
        s.push_back(margin_field("temperature_margin_K", "ΔT K", 1, [](const Margins& m) {
            if (!m.temperature) return fmt::format(">{:g}", m.search.max_shift.value());
            return fmt::format("{:.1f}{}", m.temperature->value(), m.limited_hot ? "" : "c");
        }));
        s.push_back(margin_field("temperature_margin_side", "side", 0));
        s.push_back(margin_field("field_margin_percent", "field %", 0, [](const Margins& m) {
            if (!m.has_field) return std::string("-");
            if (!m.field) return fmt::format(">{:g}", (m.search.max_field_scale - 1.0) * 100.0);
            return fmt::format("{:.0f}", *m.field * 100.0);
        }));
        s.push_back(margin_field("knee_margin_kA_m", "knee", 0));
        s.push_back(margin_field("loss_headroom_percent", "headroom %", 2));
        s.push_back(margin_field("margin_search_K", "search K", 0));
        s.push_back(margin_field("margin_search_field_percent", "search %", 0));
        const Schema<Candidate> rest{
            {"cost_per_kg", "USD/kg", 1, [](const Candidate& c) {
                 return c.evaluation.cost ? Value(c.evaluation.cost->total.value()) : Value();
             }},
            {"price_date", "price date", 0, [](const Candidate& c) {
                 return c.evaluation.cost ? Value(c.evaluation.cost->price_date) : Value();
             }},
            {"part_cost", "part USD", 2, [](const Candidate& c) {
                 return c.evaluation.part_cost ? Value(c.evaluation.part_cost->value()) : Value();
             }},
            {"dy_tb_wt_percent", "Dy+Tb", 1, [](const Candidate& c) { return Value(c.evaluation.exposure.dy_tb_fraction * 100.0); }},
            {"hre_free", "HRE-free", 0, [](const Candidate& c) { return Value(c.evaluation.exposure.hre_free); }},
            {"hre_free_basis", "basis", 0, [](const Candidate& c) {
                 const auto b = hre_free_basis(*c.evaluation.grade);
                 return b ? Value(std::string(to_string(*b))) : Value();
             }},
            {"estimated_values", "estimated", 0, [](const Candidate& c) { return Value(estimated_values(*c.evaluation.grade)); }},
            {"recycled_content_percent", "recycled %", 0, [](const Candidate& c) {
                 const auto& rc = c.evaluation.grade->recycled_content;
                 return rc ? Value(rc->fraction * 100.0) : Value();
             }},
            {"controlled_elements", "ctrl", 0, [](const Candidate& c) { return Value(c.evaluation.exposure.controlled); }},
            {"supply_risk", "risk", 3, [](const Candidate& c) { return Value(c.evaluation.exposure.supply_risk); }},
            {"flags", "flags", 0, [](const Candidate& c) { return Value(c.evaluation.flags); }},
        };
        s.insert(s.end(), rest.begin(), rest.end());
        return s;
    }();
    return schema;
}

const Schema<Evaluation>& rejection_schema() {
    static const Schema<Evaluation> schema{
        {"grade", "grade", 0, [](const Evaluation& e) { return Value(e.grade->name); }},
        {"reason", "reason", 0, [](const Evaluation& e) { return Value(e.first_failure()->message); }},
        {"check", "check", 0, [](const Evaluation& e) { return Value(std::string(to_string(e.first_failure()->check))); }},
        {"value", "value", 3, [](const Evaluation& e) {
             const auto* f = e.first_failure();
             return f->unit.empty() ? Value() : Value(f->value);
         }},
        {"limit", "limit", 3, [](const Evaluation& e) {
             const auto* f = e.first_failure();
             return f->unit.empty() ? Value() : Value(f->limit);
         }},
        {"unit", "unit", 0, [](const Evaluation& e) { return Value(e.first_failure()->unit); }},
        {"onset_temperature_degC", "onset °C", 1,
         [](const Evaluation& e) { return e.onset ? Value(celsius(e.onset->temperature)) : Value(); }},
        {"onset_check", "onset check", 0, [](const Evaluation& e) {
             return e.onset && e.onset->at.failed ? Value(std::string(to_string(*e.onset->at.failed))) : Value();
         }},
    };
    return schema;
}

const std::vector<std::string>& candidate_table_keys() {
    static const std::vector<std::string> keys{
        "rank", "grade", "remanence_at_worst_T", "remanence_worst_temperature_degC", "temperature_margin_K",
        "field_margin_percent", "knee_margin_kA_m", "irreversible_loss_percent", "cost_per_kg", "dy_tb_wt_percent",
        "score", "robust", "pareto"};
    return keys;
}

const std::vector<std::string>& candidate_csv_keys() {
    static const std::vector<std::string> keys{
        "rank", "grade", "family", "score", "robust", "pareto", "remanence_at_worst_T",
        "remanence_worst_temperature_degC", "worst_temperature_degC", "temperature_margin_K", "temperature_margin_side",
        "field_margin_percent", "knee_margin_kA_m", "irreversible_loss_percent", "loss_headroom_percent", "cost_per_kg", "dy_tb_wt_percent",
        "hre_free", "supply_risk"};
    return keys;
}

Json check_result_json(const CheckResult& c) {
    return {{"check", to_string(c.check)}, {"message", c.message},
            {"value", c.unit.empty() ? Json(nullptr) : Json(c.value)},
            {"limit", c.unit.empty() ? Json(nullptr) : Json(c.limit)},
            {"unit", c.unit}};
}

Json alternative_json(const std::optional<Alternative>& a) {
    if (!a) return nullptr;
    return {{"constraint", a->constraint},
            {"qualifies", a->rank.has_value()},
            {"grade", a->grade ? Json(a->grade->name) : Json(nullptr)},
            {"rank", a->rank ? Json(*a->rank) : Json(nullptr)},
            {"remanence_change_percent", a->rank ? Json(a->remanence_change * 100.0) : Json(nullptr)},
            {"cost_change_percent", a->rank ? to_json(number(percent(a->cost_change))) : Json(nullptr)},
            {"robust", a->rank ? Json(a->robust) : Json(nullptr)},
            {"robustness_shortfall", a->rank && !a->robust ? Json(a->robustness_shortfall) : Json(nullptr)},
            {"failure", a->failure ? check_result_json(*a->failure) : Json(nullptr)},
            {"passing_temperature_shift_K", a->passing_shift ? Json(a->passing_shift->value()) : Json(nullptr)},
            {"passing_permeance_coefficient", to_json(number(a->passing_permeance))}};
}

Json price_scenario_json(const PriceTable& prices) {
    auto out = Json::array();
    for (const auto& m : prices.materials())
        if (!m.scenario.empty()) out.push_back({{"material", m.key}, {"change", m.scenario}, {"usd_per_kg", m.per_kg.value()}});
    return out;
}

Json match_json(const Requirement& r, const MatchResult& result, std::size_t shown,
                const std::optional<ScenarioChange>& change) {
    Json out{{"requirement", {{"name", r.name}, {"file", r.file}, {"application", r.application},
                              {"min_temperature_degC", celsius(r.min_temperature)},
                              {"max_temperature_degC", celsius(r.max_temperature)},
                              {"basis", to_string(r.basis)},
                              {"robustness", {{"temperature_K", r.robustness.temperature.value()},
                                              {"field_percent", r.robustness.field * 100.0}}}}}};
    auto candidates = Json::array();
    for (std::size_t i = 0; i < shown; ++i) candidates.push_back(to_json(candidate_schema(), result.candidates[i]));
    out["candidates"] = candidates;
    out["hre_free_alternative"] = alternative_json(result.hre_free_alternative);
    out["export_controlled_free_alternative"] = alternative_json(result.export_controlled_free_alternative);
    if (change) {
        out["scenario"] = {{"name", to_string(change->scenario)},
                           {"baseline_top", change->baseline_top ? Json(change->baseline_top->name) : Json(nullptr)},
                           {"top", change->top ? Json(change->top->name) : Json(nullptr)},
                           {"remanence_change_percent", to_json(number(percent(change->remanence_change)))},
                           {"cost_change_percent", to_json(number(percent(change->cost_change)))},
                           {"lost_candidates", change->lost_candidates}};
    }
    auto rejected = Json::array();
    for (const auto& e : result.rejected) {
        auto row = to_json(rejection_schema(), e);
        if (!e.onset) row.erase("onset_temperature_degC"), row.erase("onset_check");
        rejected.push_back(std::move(row));
    }
    out["rejected"] = rejected;
    return out;
}

Json match_json(const Requirement& r, const MatchResult& result, std::size_t shown,
                const std::optional<ScenarioChange>& change, const PriceTable& prices) {
    auto out = match_json(r, result, shown, change);
    out["market"] = {{"id", prices.market().id}, {"name", prices.market().name}};
    out["price_scenario"] = price_scenario_json(prices);
    return out;
}

namespace {
std::vector<const Candidate*> first(const MatchResult& result, std::size_t shown) {
    std::vector<const Candidate*> out;
    for (std::size_t i = 0; i < shown && i < result.candidates.size(); ++i) out.push_back(&result.candidates[i]);
    return out;
}
}  // namespace

Table candidates_table(const MatchResult& result, std::size_t shown) {
    auto t = to_table(candidate_schema(), candidate_table_keys(), first(result, shown));
    // the robust and Pareto marks read best left-aligned
    t.right_align.back() = false, t.right_align[t.right_align.size() - 2] = false;
    return t;
}

Table candidates_csv(const MatchResult& result, std::size_t shown) {
    return to_csv(candidate_schema(), candidate_csv_keys(), first(result, shown));
}

std::string candidates_legend(const Requirement& r) {
    return fmt::format(
        "Br: lowest Br over the range, at that temperature; ΔT: temperature margin [K], how much hotter\n"
        "(c: colder) every temperature may be with every check still passing; field: how much larger the\n"
        "opposing field may be [%]; knee: Hk − h [kA/m] at the worst point; loss: irreversible (instantaneous)\n"
        "loss there; Dy+Tb: wt %; R !: below the robustness target ({:.3g} K, {:.3g} %), ranked after every grade\n"
        "that meets it; P: Pareto-optimal; equal scores are ordered by name (docs/choosing-a-grade.md)\n",
        r.robustness.temperature.value(), r.robustness.field * 100.0);
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

std::vector<std::pair<std::string, std::string>> margin_properties(const Margins& m) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : margin_schema()) {
        const auto v = f.value(m);
        out.emplace_back(f.key, std::holds_alternative<std::monostate>(v) ? std::string("unlimited") : csv_text(v));
    }
    return out;
}

std::string alternative_text(const std::string& what, const std::optional<Alternative>& a, const MatchResult& result,
                             const Requirement& r) {
    if (result.candidates.empty()) return "";
    const auto& top = *result.candidates.front().evaluation.grade;
    if (!a) return fmt::format("{} alternative: #1 {} is itself {}\n", what, top.name, what);
    if (a->rank)
        return fmt::format("{} alternative: {} qualifies, rank {}: Br {} at the worst temperature, cost {} against #1 {}{}\n",
                           what, a->grade->name, *a->rank, signed_percent(a->remanence_change),
                           a->cost_change ? signed_percent(*a->cost_change) : std::string("unknown"), top.name,
                           a->robust ? "" : "; but below the robustness target: " + a->robustness_shortfall);
    if (!a->grade)
        return fmt::format("{} alternative: none qualifies, and no such grade gets past the requirement's "
                           "constraints (--explain)\n", what);
    std::string text = fmt::format("{} alternative: none qualifies; the closest, {}, fails {}: {}", what, a->grade->name,
                                   to_string(a->failure->check), a->failure->message);
    std::vector<std::string> would;
    if (a->passing_shift) {
        const double s = a->passing_shift->value();
        would.push_back(s < 0 ? fmt::format("up to {:.1f} °C (the range's hot end {:+.1f} K)",
                                            celsius(r.max_temperature) + s, s)
                              : fmt::format("from {:.1f} °C up (the range's cold end {:+.1f} K)",
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
    for (std::size_t i = 0; i < shown && i < result.candidates.size(); ++i) {
        const auto& cost = result.candidates[i].evaluation.cost;
        if (cost && (oldest.empty() || cost->price_date < oldest)) oldest = cost->price_date;
    }
    std::vector<std::string> edited;
    for (const auto& m : prices.materials())
        if (!m.scenario.empty()) edited.push_back(fmt::format("{} {}", m.key, m.scenario));
    return fmt::format("costs: {} prices ({}){}{}; an estimate, not a quote (`magsel cost GRADE` for the lines)\n",
                       prices.market().id, prices.market().name,
                       oldest.empty() ? "" : fmt::format(", oldest price date {}", oldest),
                       edited.empty() ? "" : fmt::format("; SCENARIO prices: {}", fmt::join(edited, ", ")));
}

}  // namespace magsel::report
