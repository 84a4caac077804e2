#include <algorithm>

#include <fmt/format.h>

#include "select/checks.hpp"

namespace magsel::detail {
namespace {

double celsius(units::Temperature t) { return units::to_celsius(t); }

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
                                     "supplier's `recycled_content` to a user grade file (docs/grade-file-format.md)",
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

bool record(Evaluation& e, CheckResult c, bool stop) {
    e.passes = e.passes && c.passed;
    e.checks.push_back(std::move(c));
    return !(stop && !e.passes);
}

CheckResult pass_fail(Check c, bool passed, std::string message, double value, double limit, std::string unit) {
    return CheckResult{c, passed, std::move(message), value, limit, std::move(unit)};
}

bool constraint_checks(const Grade& g, const Requirement& r, Evaluation& e, bool stop) {
    // ---- constraints: cheap, no physics ----
    if (!r.families.empty()) {
        const bool ok = std::find(r.families.begin(), r.families.end(), g.family) != r.families.end();
        std::vector<std::string> names;
        for (auto f : r.families) names.emplace_back(to_string(f));
        if (!record(e, pass_fail(Check::family, ok,
                           ok ? fmt::format("family {} is allowed", to_string(g.family))
                              : fmt::format("family {} is not among {}", to_string(g.family), fmt::join(names, ", "))), stop))
            return false;
    }
    if (r.heavy_rare_earth_free) {
        if (!record(e, heavy_rare_earth_free_check(g, e.exposure), stop)) return false;
    }
    if (r.export_controlled_free) {
        if (!record(e, export_controlled_free_check(g, e.exposure), stop)) return false;
    }
    if (r.max_dy_tb) {
        const double x = e.exposure.dy_tb_fraction;
        if (!record(e, pass_fail(Check::max_dy_tb, x <= *r.max_dy_tb + 1e-12,
                           fmt::format("Dy+Tb {:.1f} wt %{} (limit {:g} %)", x * 100.0,
                                       e.exposure.dy_tb_estimated ? " (estimated)" : "", *r.max_dy_tb * 100.0),
                           x * 100.0, *r.max_dy_tb * 100.0, "%"), stop))
            return false;
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
        if (!record(e, pass_fail(Check::exclude_elements, found.empty(),
                           found.empty() ? "contains none of the excluded elements"
                                         : fmt::format("contains {}", fmt::join(found, ", "))), stop))
            return false;
    }
    if (r.min_recycled_content) {
        if (!record(e, recycled_content_check(g, *r.min_recycled_content), stop)) return false;
    }
    const double t_max = celsius(r.max_temperature);
    if (r.require_rated_temperature) {
        const bool ok = g.max_operating_temperature && *g.max_operating_temperature >= r.max_temperature;
        const auto msg = g.max_operating_temperature
                             ? fmt::format("rated to {:g} °C (required {:g} °C)", celsius(*g.max_operating_temperature), t_max)
                             : fmt::format("no rated maximum temperature (required {:g} °C)", t_max);
        if (!record(e, pass_fail(Check::rated_temperature, ok, msg,
                           g.max_operating_temperature ? celsius(*g.max_operating_temperature) : 0.0, t_max, "degC"), stop))
            return false;
    } else if (g.max_operating_temperature && *g.max_operating_temperature < r.max_temperature) {
        e.flags.push_back(fmt::format("above its {:g} °C rating", celsius(*g.max_operating_temperature)));
    }
    if (r.max_cost) {
        const bool ok = e.cost && e.cost->total <= *r.max_cost;
        const auto msg = e.cost ? fmt::format("cost {:.1f} USD/kg (limit {:g} USD/kg)", e.cost->total.value(),
                                              r.max_cost->value())
                                : std::string("cost unknown: no composition");
        if (!record(e, pass_fail(Check::max_cost, ok, msg, e.cost ? e.cost->total.value() : 0.0, r.max_cost->value(), "USD/kg"), stop))
            return false;
    }

    return true;
}

}  // namespace magsel::detail
