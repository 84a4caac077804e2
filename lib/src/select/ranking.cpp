#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

#include "magsel/select.hpp"

namespace magsel {

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

/// passing_shift of a grade, kept for the second alternative: the HRE-free and the
/// export-control-free searches often look at the same rejected grades.
using ShiftMemo = std::unordered_map<const Grade*, std::optional<units::TemperatureDifference>>;

std::optional<Alternative> alternative(const MatchResult& m, const Requirement& r, Check c, ShiftMemo& memo) {
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
        a.robust = cand.robust;
        if (!cand.robust) a.robustness_shortfall = robustness_shortfall(*cand.evaluation.margins, r);
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
        auto known = memo.find(e.grade);
        if (known == memo.end()) known = memo.emplace(e.grade, passing_shift(*e.grade, load, far)).first;
        const auto& shift = known->second;
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
    // room for every grade in both lists: an Evaluation is large, and growing a vector of them
    // was an eighth of `match` on a 2,640-grade catalogue
    result.candidates.reserve(catalogue.grades().size());
    result.rejected.reserve(catalogue.grades().size());
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
    ShiftMemo shifts;
    result.hre_free_alternative = alternative(result, r, Check::heavy_rare_earth_free, shifts);
    result.export_controlled_free_alternative = alternative(result, r, Check::export_controlled_free, shifts);
    return result;
}

}  // namespace magsel
