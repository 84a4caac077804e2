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

bool field_applies(const Requirement& r, units::Temperature t) {
    if (r.opposing_field_at.empty()) return true;
    for (const auto& at : r.opposing_field_at)
        if (std::abs(at.value() - t.value()) < 1e-9) return true;
    return false;
}

/// The grid of the range, with the temperatures the opposing field is stated at added.
std::vector<units::Temperature> evaluation_grid(const Requirement& r) {
    auto grid = temperature_grid(r.min_temperature, r.max_temperature, r.temperature_step);
    for (const auto& t : r.opposing_field_at) grid.push_back(t);
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end(), [](auto a, auto b) { return std::abs(a.value() - b.value()) < 1e-9; }),
               grid.end());
    return grid;
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

std::string_view to_string(Check c) {
    switch (c) {
        case Check::family: return "family";
        case Check::heavy_rare_earth_free: return "heavy_rare_earth_free";
        case Check::export_controlled_free: return "export_controlled_free";
        case Check::max_dy_tb: return "max_dy_tb";
        case Check::exclude_elements: return "exclude_elements";
        case Check::min_recycled_content: return "min_recycled_content";
        case Check::rated_temperature: return "rated_temperature";
        case Check::max_cost: return "max_cost";
        case Check::min_remanence: return "min_remanence";
        case Check::min_flux_density: return "min_flux_density";
        case Check::irreversible_loss: return "irreversible_loss";
    }
    return "?";
}

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

    // ---- physics over the temperature grid ----
    const auto grid = evaluation_grid(r);
    double br_min = std::numeric_limits<double>::infinity();
    double b_open_min = std::numeric_limits<double>::infinity();
    units::Temperature b_open_at = grid.front();
    std::optional<WorkingPoint> worst;
    bool extrapolated = false;
    for (const auto& t : grid) {
        const auto curve = curve_at(g, t, r.basis);
        extrapolated = extrapolated || is_extrapolated(g, t);
        const double br = curve.remanence().value();
        if (br < br_min) br_min = br, e.remanence_worst_temperature = t;
        if (!r.permeance_coefficient) continue;
        const double pc = *r.permeance_coefficient;
        if (r.min_flux_density) {
            const auto open = working_point(curve, LoadLine{pc, 0.0 * units::ampere_per_metre});
            if (open.flux_density.value() < b_open_min) b_open_min = open.flux_density.value(), b_open_at = t;
        }
        const auto field = field_applies(r, t) ? r.opposing_field * (1.0 + r.safety_margin) : 0.0 * units::ampere_per_metre;
        auto w = working_point(curve, LoadLine{pc, field});
        w.temperature = t;
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

    if (r.min_remanence) {
        const double need = r.min_remanence->value();
        if (!add(pass_fail(Check::min_remanence, br_min >= need,
                           fmt::format("Br {:.3f} T at {:g} °C (required {:.3f} T)", br_min,
                                       celsius(e.remanence_worst_temperature), need),
                           br_min, need, "T")))
            return e;
    }
    if (r.min_flux_density) {
        const double need = r.min_flux_density->value();
        if (!add(pass_fail(Check::min_flux_density, b_open_min >= need,
                           fmt::format("open-circuit B {:.3f} T at {:g} °C, Pc {:g} (required {:.3f} T)", b_open_min,
                                       celsius(b_open_at), *r.permeance_coefficient, need),
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
        add(pass_fail(Check::irreversible_loss, ok, msg, loss * 100.0, r.max_irreversible_loss * 100.0, "%"));
    }
    return e;
}

// ---- ranking -------------------------------------------------------------------------------------

namespace {

/// The four objectives of a passing grade, each "higher is better".
std::array<double, 4> objectives(const Evaluation& e) {
    const double cost = e.cost ? e.cost->total.value() : std::numeric_limits<double>::infinity();
    return {e.remanence_at_worst.value(), e.worst_point ? e.knee_margin_relative : 0.0, -cost, -e.exposure.supply_risk};
}

}  // namespace

MatchResult match(const Catalogue& catalogue, const Requirement& r, const PriceTable& prices, const SupplyData& supply) {
    MatchResult result;
    for (const auto& g : catalogue.grades()) {
        auto e = evaluate(g, r, prices, supply, true);
        if (e.passes) result.candidates.push_back(Candidate{std::move(e), 0, 0.0, false});
        else result.rejected.push_back(std::move(e));
    }
    auto& c = result.candidates;
    const std::array<double, 4> weights{r.weights.performance, r.weights.demag_margin, r.weights.cost,
                                        r.weights.supply_risk};
    const double weight_sum = weights[0] + weights[1] + weights[2] + weights[3];
    std::vector<std::array<double, 4>> x;
    for (const auto& cand : c) x.push_back(objectives(cand.evaluation));
    for (std::size_t k = 0; k < 4; ++k) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const auto& v : x)
            if (std::isfinite(v[k])) lo = std::min(lo, v[k]), hi = std::max(hi, v[k]);
        for (std::size_t i = 0; i < c.size(); ++i) {
            // best = 1, worst = 0; all equal: 1; unknown (no cost): 0
            const double v = x[i][k];
            const double normalized = !std::isfinite(v) ? 0.0 : hi > lo ? (v - lo) / (hi - lo) : 1.0;
            c[i].score += weights[k] * normalized / weight_sum;
        }
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
    std::stable_sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    for (std::size_t i = 0; i < c.size(); ++i) c[i].rank = static_cast<int>(i + 1);
    return result;
}

void apply_weights(RankingWeights& w, std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(',', start), text.size());
        const auto item = text.substr(start, end - start);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            throw UsageError(fmt::format("`{}`: weights are NAME=NUMBER, e.g. performance=1,cost=2", item));
        const std::string key(item.substr(0, eq));
        const std::string value(item.substr(eq + 1));
        double x = 0.0;
        try {
            std::size_t used = 0;
            x = std::stod(value, &used);
            if (used != value.size()) throw std::invalid_argument("trailing");
        } catch (const std::exception&) {
            throw UsageError(fmt::format("`{}`: the weight is not a number", item));
        }
        if (!(x >= 0.0 && x <= 100.0)) throw UsageError(fmt::format("`{}`: a weight is between 0 and 100", item));
        if (key == "performance") w.performance = x;
        else if (key == "demag_margin") w.demag_margin = x;
        else if (key == "cost") w.cost = x;
        else if (key == "supply_risk") w.supply_risk = x;
        else throw UsageError(fmt::format("`{}`: unknown weight; use performance, demag_margin, cost, supply_risk", key));
        start = end + 1;
    }
    if (w.performance + w.demag_margin + w.cost + w.supply_risk <= 0.0)
        throw UsageError("at least one ranking weight must be above 0");
}

}  // namespace magsel
