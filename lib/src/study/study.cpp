#include "magsel/study.hpp"

#include <cmath>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "magsel/envelope.hpp"
#include "magsel/error.hpp"

namespace magsel {

std::string_view to_string(SweepVariable v) {
    switch (v) {
        case SweepVariable::temperature: return "temperature";
        case SweepVariable::field: return "field";
        case SweepVariable::permeance: return "pc";
    }
    return "?";
}

SweepVariable swept_variable(const SweepSpec& spec) {
    constexpr SweepVariable by_index[] = {SweepVariable::temperature, SweepVariable::field, SweepVariable::permeance};
    return by_index[spec.values.index()];
}

namespace {
/// The ends as plain SI numbers (K, A/m, Pc): the loop below works on one axis of doubles.
std::pair<double, double> si_ends(const SweepSpec& spec) {
    return std::visit(
        [](const auto& r) {
            if constexpr (std::is_same_v<std::decay_t<decltype(r.from)>, double>)
                return std::pair{r.from, r.to};
            else
                return std::pair{r.from.value(), r.to.value()};
        },
        spec.values);
}
}  // namespace

std::vector<SweepRow> sweep(const std::vector<const Grade*>& grades, const SweepSpec& spec) {
    if (spec.steps < 2 || spec.steps > 100000)
        throw UsageError(fmt::format("a sweep has 2 to 100000 values, not {}", spec.steps));
    const auto variable = swept_variable(spec);
    const auto [from, to] = si_ends(spec);
    if (!std::isfinite(from) || !std::isfinite(to) || !(from < to))
        throw UsageError(fmt::format("a sweep's first value ({:g}) must be below its last ({:g}){}", from, to,
                                     variable == SweepVariable::temperature ? " [K]" : variable == SweepVariable::field ? " [A/m]" : ""));
    if (variable == SweepVariable::permeance && !(from > 0.0))
        throw UsageError("a permeance-coefficient sweep starts above 0");
    if (variable == SweepVariable::field && from < 0.0)
        throw UsageError("an opposing-field sweep starts at 0 or above");
    // the rows are held and written whole: bounded so that a sweep fits in memory (docs/errors.md)
    constexpr std::size_t max_rows = 200'000;
    const auto row_count = grades.size() * static_cast<std::size_t>(spec.steps);
    if (row_count > max_rows)
        throw UsageError(fmt::format("{} grades × {} steps = {} rows; a sweep has at most {} rows (fewer steps or "
                                     "fewer grades)",
                                     grades.size(), spec.steps, row_count, max_rows));
    std::vector<SweepRow> rows;
    rows.reserve(grades.size() * static_cast<std::size_t>(spec.steps));
    for (const Grade* g : grades) {
        // Sweeping the circuit at one temperature: one curve serves every value.
        std::optional<DemagCurve> fixed;
        if (variable != SweepVariable::temperature) {
            require_within_envelope(*g, spec.temperature);
            fixed = curve_at(*g, spec.temperature, spec.basis);
        }
        const auto envelope = temperature_envelope(*g);
        for (int i = 0; i < spec.steps; ++i) {
            const double x = from + (to - from) * i / (spec.steps - 1);
            SweepRow row;
            row.grade = g;
            LoadLine load = spec.load;
            auto t = spec.temperature;
            if (variable == SweepVariable::temperature) {
                t = units::kelvin_point(x);
                if (!envelope.contains(t)) continue;  // the curve stops at the grade's physical limits
            }
            if (variable == SweepVariable::field) load.opposing_field = x * units::ampere_per_metre;
            if (variable == SweepVariable::permeance) load.permeance_coefficient = x;
            const DemagCurve curve = fixed ? *fixed : curve_at(*g, t, spec.basis);
            row.remanence = curve.remanence();
            row.intrinsic_coercivity = curve.intrinsic_coercivity();
            row.point = working_point(curve, load);
            row.point.temperature = t;
            row.point.extrapolated = is_extrapolated(*g, t);
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::vector<std::string> sweep_limit_notes(const std::vector<const Grade*>& grades, const SweepSpec& spec) {
    std::vector<std::string> notes;
    const auto* range = std::get_if<SweepRange<units::Temperature>>(&spec.values);
    if (!range) return notes;
    for (const Grade* g : grades) {
        const auto envelope = temperature_envelope(*g);
        if (envelope.high && !(range->to < *envelope.high))
            notes.push_back(fmt::format("{}: the curve stops below its Curie temperature {:g} °C ({})", g->name,
                                        units::to_celsius(*envelope.high),
                                        g->source_for(g->curie_limit->source_id).citation()));
        if (envelope.low && range->from < *envelope.low)
            notes.push_back(fmt::format("{}: the curve starts at its spin-reorientation temperature {:g} °C ({})",
                                        g->name, units::to_celsius(*envelope.low),
                                        g->source_for(g->spin_reorientation_limit->source_id).citation()));
    }
    return notes;
}

}  // namespace magsel
