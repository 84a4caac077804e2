#include "magsel/select.hpp"

#include <algorithm>
#include <cmath>
#include <array>
#include <limits>

#include <fmt/format.h>

namespace magsel {
namespace {

double celsius(units::Temperature t) { return units::to_celsius(t); }

CheckResult pass_fail(Check c, bool passed, std::string message, double value = 0.0, double limit = 0.0,
                      std::string unit = "") {
    return CheckResult{c, passed, std::move(message), value, limit, std::move(unit)};
}

/// Elements of the composition, "PrNd" counted as Pr and Nd.
bool contains_element(const Grade& g, const std::string& symbol, double* fraction) {
    if (!g.composition) return false;
    for (const auto& e : g.composition->elements) {
        const bool match = e.element == symbol || (e.element == "PrNd" && (symbol == "Pr" || symbol == "Nd"));
        if (match && e.fraction > 0.0) {
            *fraction = e.fraction;
            return true;
        }
    }
    return false;
}

CheckResult heavy_rare_earth_free_check(const Grade& g, const SupplyExposure& x) {
    const auto basis = hre_free_basis(g);
    if (basis) {
        switch (*basis) {
            case HreFreeBasis::stated:
                return pass_fail(Check::heavy_rare_earth_free, true,
                                 fmt::format("free of Dy and Tb: stated by {}", g.source_for(g.hre_free_statement->source_id).publisher));
            case HreFreeBasis::estimated:
                return pass_fail(Check::heavy_rare_earth_free, true,
                                 fmt::format("free of Dy and Tb: estimated ({})", g.hre_free_statement->note));
            case HreFreeBasis::composition:
                return pass_fail(Check::heavy_rare_earth_free, true,
                                 "free of Dy and Tb: its composition has none (basis: composition)");
        }
    }
    if (!g.composition && !g.heavy_rare_earth)
        return pass_fail(Check::heavy_rare_earth_free, false, "Dy and Tb content unknown: no composition");
    return pass_fail(Check::heavy_rare_earth_free, false,
                     fmt::format("contains Dy+Tb {:.1f} wt %{}", x.dy_tb_fraction * 100.0,
                                 x.dy_tb_estimated ? " (estimated)" : ""),
                     x.dy_tb_fraction * 100.0, 0.0, "%");
}

CheckResult export_controlled_free_check(const Grade& g, const SupplyExposure& x) {
    if (!g.composition)
        return pass_fail(Check::export_controlled_free, false, "composition unknown: cannot tell export-controlled elements");
    if (x.controlled.empty())
        return pass_fail(Check::export_controlled_free, true, "contains no element under an in-force export control");
    return pass_fail(Check::export_controlled_free, false,
                     fmt::format("contains export-controlled {}", fmt::join(x.controlled, ", ")));
}

CheckResult recycled_content_check(const Grade& g, double required) {
    if (!g.recycled_content)
        return pass_fail(Check::min_recycled_content, false,
                         fmt::format("recycled content unknown: no supplier statement (required {:g} %); add the "
                                     "supplier's `recycled_content` to a grade file and load it with --grades DIR",
                                     required * 100.0),
                         0.0, required * 100.0, "%");
    const double x = g.recycled_content->fraction;
    const auto& who = g.source_for(g.recycled_content->source_id).publisher;
    return pass_fail(Check::min_recycled_content, x >= required - 1e-12,
                     fmt::format("recycled content {:g} % stated by {} (required {:g} %)", x * 100.0,
                                 who.empty() ? std::string("the supplier") : who, required * 100.0),
                     x * 100.0, required * 100.0, "%");
}

}  // namespace

const CheckResult* Evaluation::first_failure() const {
    for (const auto& c : checks)
        if (!c.passed) return &c;
    return nullptr;
}

Evaluation evaluate(const Grade& g, const Requirement& r, const PriceTable& prices, const SupplyData& supply,
                    bool stop_at_first_failure) {
    Evaluation e;
    e.grade = &g;
    e.exposure = supply_exposure(g, supply);
    if (g.composition) {
        e.cost = cost_per_kg(g, prices);
        if (r.magnet_mass) e.part_cost = part_cost(*e.cost, *r.magnet_mass);
        if (r.magnet_volume) e.part_cost = part_cost(*e.cost, mass_of(g, *r.magnet_volume));
    }
    auto add = [&](CheckResult c) {
        e.passes = e.passes && c.passed;
        e.checks.push_back(std::move(c));
        return !(stop_at_first_failure && !e.passes);  // false: stop here
    };

    // ---- constraints: cheap, no physics ----
    if (!r.families.empty()) {
        const bool ok = std::find(r.families.begin(), r.families.end(), g.family) != r.families.end();
        std::vector<std::string> names;
        for (auto f : r.families) names.emplace_back(to_string(f));
        if (!add(pass_fail(Check::family, ok,
                           ok ? fmt::format("family {} is allowed", to_string(g.family))
                              : fmt::format("family {} is not among {}", to_string(g.family), fmt::join(names, ", ")))))
            return e;
    }
    if (r.heavy_rare_earth_free) {
        if (!add(heavy_rare_earth_free_check(g, e.exposure))) return e;
    }
    if (r.export_controlled_free) {
        if (!add(export_controlled_free_check(g, e.exposure))) return e;
    }
    if (r.max_dy_tb) {
        const double x = e.exposure.dy_tb_fraction;
        if (!add(pass_fail(Check::max_dy_tb, x <= *r.max_dy_tb + 1e-12,
                           fmt::format("Dy+Tb {:.1f} wt %{} (limit {:g} %)", x * 100.0,
                                       e.exposure.dy_tb_estimated ? " (estimated)" : "", *r.max_dy_tb * 100.0),
                           x * 100.0, *r.max_dy_tb * 100.0, "%")))
            return e;
    }
    if (!r.exclude_elements.empty()) {
        std::vector<std::string> found;
        for (const auto& symbol : r.exclude_elements) {
            if (symbol == "export-controlled") {
                for (const auto& c : e.exposure.controlled) found.push_back(c + " (export-controlled)");
                continue;
            }
            double x = 0.0;
            if (contains_element(g, symbol, &x)) found.push_back(fmt::format("{} ({:.1f} wt %)", symbol, x * 100.0));
        }
        if (!g.composition) found.emplace_back("unknown composition");
        if (!add(pass_fail(Check::exclude_elements, found.empty(),
                           found.empty() ? "contains none of the excluded elements"
                                         : fmt::format("contains {}", fmt::join(found, ", ")))))
            return e;
    }
    if (r.min_recycled_content) {
        if (!add(recycled_content_check(g, *r.min_recycled_content))) return e;
    }
    const double t_max = celsius(r.max_temperature);
    if (r.require_rated_temperature) {
        const bool ok = g.max_operating_temperature && *g.max_operating_temperature >= r.max_temperature;
        const auto msg = g.max_operating_temperature
                             ? fmt::format("rated to {:g} °C (required {:g} °C)", celsius(*g.max_operating_temperature), t_max)
                             : fmt::format("no rated maximum temperature (required {:g} °C)", t_max);
        if (!add(pass_fail(Check::rated_temperature, ok, msg,
                           g.max_operating_temperature ? celsius(*g.max_operating_temperature) : 0.0, t_max, "degC")))
            return e;
    } else if (g.max_operating_temperature && *g.max_operating_temperature < r.max_temperature) {
        e.flags.push_back(fmt::format("above its {:g} °C rating", celsius(*g.max_operating_temperature)));
    }
    if (r.max_cost) {
        const bool ok = e.cost && e.cost->total <= *r.max_cost;
        const auto msg = e.cost ? fmt::format("cost {:.1f} USD/kg (limit {:g} USD/kg)", e.cost->total.value(),
                                              r.max_cost->value())
                                : std::string("cost unknown: no composition");
        if (!add(pass_fail(Check::max_cost, ok, msg, e.cost ? e.cost->total.value() : 0.0, r.max_cost->value(), "USD/kg")))
            return e;
    }

    // ---- physics over the load case's points (load_case.hpp) ----
    const auto load = load_case(r);
    double br_min = std::numeric_limits<double>::infinity();
    double b_open_min = std::numeric_limits<double>::infinity();
    units::Temperature b_open_at = load.points.front().temperature;
    std::optional<WorkingPoint> worst;
    bool extrapolated = false;
    for (const auto& point : load.points) {
        auto at = evaluate_point(g, load, point);
        extrapolated = extrapolated || at.extrapolated;
        if (at.remanence.value() < br_min) br_min = at.remanence.value(), e.remanence_worst_temperature = at.temperature;
        if (at.open_circuit_flux_density && at.open_circuit_flux_density->value() < b_open_min)
            b_open_min = at.open_circuit_flux_density->value(), b_open_at = at.temperature;
        if (!at.working_point) continue;
        const auto& w = *at.working_point;
        // the worst point: the largest loss; on a tie, the smallest knee margin
        const bool worse = !worst || w.irreversible_loss > worst->irreversible_loss + 1e-12 ||
                           (std::abs(w.irreversible_loss - worst->irreversible_loss) <= 1e-12 &&
                            w.knee_margin < worst->knee_margin);
        if (worse) worst = w;
    }
    e.remanence_at_worst = br_min * units::tesla;
    e.worst_temperature = worst ? worst->temperature : e.remanence_worst_temperature;
    if (extrapolated) e.flags.emplace_back("extrapolated");  // beyond the grade's temperature data
    if (e.exposure.dy_tb_estimated && e.exposure.dy_tb_fraction > 0.0) e.flags.emplace_back("Dy+Tb estimated");
    if (const auto basis = hre_free_basis(g)) e.flags.push_back(fmt::format("HRE-free ({})", to_string(*basis)));
    if (!e.exposure.controlled.empty())
        e.flags.push_back(fmt::format("export-controlled: {}", fmt::join(e.exposure.controlled, ", ")));

    // A physics check that fails says where it first fails (the onset), and the worst point apart.
    auto onset_text = [&](Check c) -> std::string {
        if (!e.onset) e.onset = onset(g, load);
        if (!e.onset || e.onset->at.failed != c) return "";
        const auto& o = *e.onset;
        if (o.fails_at_reference) return fmt::format("; fails already at {:g} °C", celsius(o.temperature));
        switch (c) {
            case Check::min_remanence:
                return fmt::format("; first fails at {:.1f} °C (Br {:.3f} T)", celsius(o.temperature), o.at.remanence.value());
            case Check::min_flux_density:
                return fmt::format("; first fails at {:.1f} °C (B {:.3f} T)", celsius(o.temperature),
                                   o.at.open_circuit_flux_density->value());
            case Check::irreversible_loss: {
                const auto& w = *o.at.working_point;
                return fmt::format("; first exceeds the limit at {:.1f} °C (loss {:.2f} %, working field {:.0f} kA/m, knee {:.0f} kA/m)",
                                   celsius(o.temperature), w.irreversible_loss * 100.0, w.working_field.value() / 1000.0,
                                   w.knee_field.value() / 1000.0);
            }
            default: return "";
        }
    };

    if (r.min_remanence) {
        const double need = r.min_remanence->value();
        const bool ok = br_min >= need;
        if (!add(pass_fail(Check::min_remanence, ok,
                           fmt::format("Br {:.3f} T at {:g} °C (required {:.3f} T){}", br_min,
                                       celsius(e.remanence_worst_temperature), need, ok ? "" : onset_text(Check::min_remanence)),
                           br_min, need, "T")))
            return e;
    }
    if (r.min_flux_density) {
        const double need = r.min_flux_density->value();
        const bool ok = b_open_min >= need;
        if (!add(pass_fail(Check::min_flux_density, ok,
                           fmt::format("open-circuit B {:.3f} T at {:g} °C, Pc {:g} (required {:.3f} T){}", b_open_min,
                                       celsius(b_open_at), *r.permeance_coefficient, need,
                                       ok ? "" : onset_text(Check::min_flux_density)),
                           b_open_min, need, "T")))
            return e;
    }
    if (worst) {
        e.worst_point = worst;
        e.knee_margin_relative = worst->knee_margin.value() / worst->knee_field.value();
        const double loss = worst->irreversible_loss;
        const bool ok = loss <= r.max_irreversible_loss + 1e-12;
        const auto curve = curve_at(g, worst->temperature, r.basis);
        std::string msg = fmt::format("irreversible loss {:.2f} % at {:g} °C (limit {:g} %)", loss * 100.0,
                                      celsius(worst->temperature), r.max_irreversible_loss * 100.0);
        msg += fmt::format(": Hcj({:g} °C) = {:.0f} kA/m, working field {:.0f} kA/m, knee {:.0f} kA/m",
                           celsius(worst->temperature), curve.intrinsic_coercivity().value() / 1000.0,
                           worst->working_field.value() / 1000.0, worst->knee_field.value() / 1000.0);
        if (!ok) msg = "worst " + msg + onset_text(Check::irreversible_loss);
        add(pass_fail(Check::irreversible_loss, ok, msg, loss * 100.0, r.max_irreversible_loss * 100.0, "%"));
    }
    return e;
}

// ---- ranking -------------------------------------------------------------------------------------

Objectives objectives(const Evaluation& e, const Requirement& r) {
    Objectives o;
    // Performance: Br at the worst temperature against 1.5 T, about the best sintered NdFeB at 20 °C.
    o.performance = std::clamp(e.remanence_at_worst.value() / 1.5, 0.0, 1.0);
    // Demagnetization margin: each margin against twice its robustness target, saturating there
    // (beyond twice the target more margin buys nothing); unlimited within the search counts as full.
    if (e.margins) {
        const auto& m = *e.margins;
        auto part = [](std::optional<double> margin, double target) {
            if (!margin) return 1.0;
            if (target <= 0.0) return *margin >= 0.0 ? 1.0 : 0.0;
            return std::clamp(*margin / (2.0 * target), 0.0, 1.0);
        };
        const double t = part(m.temperature ? std::optional<double>(m.temperature->value()) : std::nullopt,
                              r.robustness.temperature.value());
        o.demag_margin = m.has_field ? 0.5 * t + 0.5 * part(m.field, r.robustness.field) : t;
    }
    // Cost on a log scale: 1 USD/kg scores 1, 10 USD/kg 2/3, 100 USD/kg 1/3, 1000 USD/kg 0.
    if (e.cost) o.cost = std::clamp(1.0 - std::log10(std::max(e.cost->total.value(), 1.0)) / 3.0, 0.0, 1.0);
    o.supply_risk = std::clamp(1.0 - e.exposure.supply_risk, 0.0, 1.0);
    return o;
}

bool meets_robustness(const Margins& m, const Requirement& r) {
    const bool temperature_ok = !m.temperature || *m.temperature >= r.robustness.temperature - 1e-9 * units::kelvin;
    const bool field_ok = !m.has_field || !m.field || *m.field >= r.robustness.field - 1e-9;
    return temperature_ok && field_ok;
}

std::string robustness_shortfall(const Margins& m, const Requirement& r) {
    std::vector<std::string> parts;
    if (m.temperature && *m.temperature < r.robustness.temperature - 1e-9 * units::kelvin)
        parts.push_back(fmt::format("temperature margin {:.1f} K ({} side) is below the {:g} K target",
                                    m.temperature->value(), m.limited_hot ? "hot" : "cold", r.robustness.temperature.value()));
    if (m.has_field && m.field && *m.field < r.robustness.field - 1e-9)
        parts.push_back(fmt::format("field margin {:.1f} % is below the {:g} % target", *m.field * 100.0,
                                    r.robustness.field * 100.0));
    return fmt::format("{}", fmt::join(parts, "; "));
}

Margins margins_of(const Evaluation& e, const Requirement& r) {
    return margins(*e.grade, load_case(r), e.worst_point ? &*e.worst_point : nullptr);
}

namespace {

std::array<double, 4> as_array(const Objectives& o) { return {o.performance, o.demag_margin, o.cost, o.supply_risk}; }

bool meets(const Evaluation& e, Check c) {
    if (c == Check::heavy_rare_earth_free) return e.exposure.hre_free;
    return e.grade->composition.has_value() && e.exposure.controlled.empty();
}

/// The physics checks: a grade rejected by one of these is "close" (a constraint failure is not).
bool is_physics(Check c) {
    return c == Check::min_remanence || c == Check::min_flux_density || c == Check::irreversible_loss ||
           c == Check::rated_temperature;
}

std::optional<Alternative> alternative(const MatchResult& m, const Requirement& r, Check c) {
    if (m.candidates.empty()) return std::nullopt;
    const auto& top = m.candidates.front().evaluation;
    if (meets(top, c)) return std::nullopt;
    Alternative a;
    a.constraint = std::string(to_string(c));
    for (const auto& cand : m.candidates) {
        if (!meets(cand.evaluation, c)) continue;
        a.rank = cand.rank;
        a.grade = cand.evaluation.grade;
        a.remanence_change = cand.evaluation.remanence_at_worst.value() / top.remanence_at_worst.value() - 1.0;
        if (cand.evaluation.cost && top.cost) a.cost_change = cand.evaluation.cost->total / top.cost->total - 1.0;
        return a;
    }
    // None qualifies: the closest is the grade that needs the smallest temperature shift to pass,
    // looked for up to 250 K (an HRE-free grade may need a much cooler magnet).
    const auto load = load_case(r);
    const MarginSearch far{250.0 * units::kelvin, 10.0};
    std::optional<double> best;
    for (const auto& e : m.rejected) {
        const auto* f = e.first_failure();
        if (!meets(e, c) || !is_physics(f->check)) continue;
        const auto shift = passing_shift(*e.grade, load, far);
        const double size = shift ? std::abs(shift->value()) : std::numeric_limits<double>::infinity();
        if (!a.grade || size < *best) {
            a.grade = e.grade;
            a.failure = *f;
            a.passing_shift = shift;
            best = size;
        }
    }
    if (a.grade) a.passing_permeance = passing_permeance(*a.grade, load);
    return a;
}

}  // namespace

MatchResult match(const Catalogue& catalogue, const Requirement& r, const PriceTable& prices, const SupplyData& supply) {
    MatchResult result;
    const auto load = load_case(r);
    for (const auto& g : catalogue.grades()) {
        auto e = evaluate(g, r, prices, supply, true);
        if (e.passes) {
            e.margins = margins(g, load, e.worst_point ? &*e.worst_point : nullptr);
            result.candidates.push_back(Candidate{std::move(e), 0, 0.0, {}, false, false});
        } else {
            result.rejected.push_back(std::move(e));
        }
    }
    auto& c = result.candidates;
    const std::array<double, 4> weights{r.weights.performance, r.weights.demag_margin, r.weights.cost,
                                        r.weights.supply_risk};
    const double weight_sum = weights[0] + weights[1] + weights[2] + weights[3];
    std::vector<std::array<double, 4>> x;
    for (auto& cand : c) {
        cand.objectives = objectives(cand.evaluation, r);
        cand.robust = meets_robustness(*cand.evaluation.margins, r);
        const auto v = as_array(cand.objectives);
        for (std::size_t k = 0; k < 4; ++k) cand.score += weights[k] * v[k] / weight_sum;
        x.push_back(v);
    }
    for (std::size_t i = 0; i < c.size(); ++i) {
        c[i].pareto = std::none_of(x.begin(), x.end(), [&](const std::array<double, 4>& other) {
            bool all_ge = true, one_gt = false;
            for (std::size_t k = 0; k < 4; ++k) {
                all_ge = all_ge && other[k] >= x[i][k];
                one_gt = one_gt || other[k] > x[i][k];
            }
            return all_ge && one_gt;
        });
    }
    // Robust candidates first; then the score; equal scores (to 1e-9) by name, so the order never
    // depends on the catalogue's file order.
    std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
        if (a.robust != b.robust) return a.robust;
        if (std::abs(a.score - b.score) > 1e-9) return a.score > b.score;
        return a.evaluation.grade->name < b.evaluation.grade->name;
    });
    for (std::size_t i = 0; i < c.size(); ++i) c[i].rank = static_cast<int>(i + 1);
    result.hre_free_alternative = alternative(result, r, Check::heavy_rare_earth_free);
    result.export_controlled_free_alternative = alternative(result, r, Check::export_controlled_free);
    return result;
}

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

const Grade& design_grade(const Catalogue& catalogue, const Requirement& design) {
    if (!design.grade)
        throw InputError(SourceLocation{design.file, 1, 1, {}}, "a design file needs `grade:` (the grade to check)");
    if (const Grade* g = catalogue.try_find(*design.grade)) return *g;
    const auto near = catalogue.suggestions(*design.grade);
    throw InputError(design.grade_location,
                     near.empty() ? fmt::format("unknown grade `{}`", *design.grade)
                                  : fmt::format("unknown grade `{}`; did you mean {}?", *design.grade, fmt::join(near, ", ")));
}

}  // namespace magsel
