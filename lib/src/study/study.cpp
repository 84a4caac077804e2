#include "magsel/study.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "magsel/batch.hpp"
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
    const double pc = spec.load.permeance_coefficient, ha = spec.load.opposing_field.value();
    for (const Grade* g : grades) {
        // The values (temperatures outside the grade's validity envelope dropped: the curve stops
        // at its physical limits), then their working points in one batch call.
        std::vector<double> xs;
        const auto envelope = temperature_envelope(*g);
        for (int i = 0; i < spec.steps; ++i) {
            const double x = from + (to - from) * i / (spec.steps - 1);
            if (variable != SweepVariable::temperature || envelope.contains(units::kelvin_point(x))) xs.push_back(x);
        }
        const std::size_t n = xs.size();
        std::vector<double> h(n), b(n), j(n), km(n), loss(n);
        std::vector<PointStatus> status(n);
        const WorkingPointOutputs out{h, b, j, km, loss, status};
        std::optional<DemagCurve> fixed;  // sweeping the circuit at one temperature: one curve
        if (variable == SweepVariable::temperature) {
            working_points(*g, {xs, std::span(&pc, 1), std::span(&ha, 1), {}, {}}, out, spec.basis);
        } else {
            require_within_envelope(*g, spec.temperature);
            fixed = curve_at(*g, spec.temperature, spec.basis);
            const bool field = variable == SweepVariable::field;
            working_points(*fixed, field ? std::span(&pc, 1) : std::span<const double>(xs),
                           field ? std::span<const double>(xs) : std::span(&ha, 1), out);
        }
        for (std::size_t i = 0; i < n; ++i) {
            SweepRow row;
            row.grade = g;
            auto& w = row.point;
            w.temperature = variable == SweepVariable::temperature ? units::kelvin_point(xs[i]) : spec.temperature;
            w.load_line = spec.load;
            if (variable == SweepVariable::field) w.load_line.opposing_field = xs[i] * units::ampere_per_metre;
            if (variable == SweepVariable::permeance) w.load_line.permeance_coefficient = xs[i];
            // the curve's own figures (Br, Hcj, Hk, B(Hk)) beside the batch's working point
            const DemagCurve curve = fixed ? *fixed : curve_at(*g, w.temperature, spec.basis);
            row.remanence = curve.remanence();
            row.intrinsic_coercivity = curve.intrinsic_coercivity();
            w.working_field = h[i] * units::ampere_per_metre;
            w.flux_density = b[i] * units::tesla;
            w.polarization = j[i] * units::tesla;
            w.remanence = curve.remanence();
            w.knee_field = curve.knee_field();
            w.knee_margin = km[i] * units::ampere_per_metre;
            w.knee_flux_density = curve.knee_flux_density_si() * units::tesla;
            w.flux_density_margin = w.flux_density - w.knee_flux_density;
            const bool reversed = j[i] <= -curve.remanence().value() * (1.0 - 1e-12);
            w.recoil_remanence = std::max(reversed ? 0.0 : j[i] + curve.recoil_slope_si() * h[i], 0.0) * units::tesla;
            w.irreversible_loss = loss[i];
            w.extrapolated = is_extrapolated(*g, w.temperature);
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
