#include "magsel/load_case.hpp"

#include <algorithm>
#include <cmath>

namespace magsel {

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
        case Check::validity: return "validity";
    }
    return "?";
}

LoadCase load_case(const Requirement& r) {
    LoadCase c;
    auto grid = temperature_grid(r.min_temperature, r.max_temperature, r.temperature_step);
    for (const auto& t : r.opposing_field_at) grid.push_back(t);
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end(),
                           [](auto a, auto b) { return std::abs(a.value() - b.value()) < 1e-9; }),
               grid.end());
    for (const auto& t : grid) {
        bool applies = r.opposing_field_at.empty();
        for (const auto& at : r.opposing_field_at) applies = applies || std::abs(at.value() - t.value()) < 1e-9;
        c.points.push_back(LoadPoint{t, applies});
    }
    c.basis = r.basis;
    c.min_remanence = r.min_remanence;
    c.min_flux_density = r.min_flux_density;
    c.permeance_coefficient = r.permeance_coefficient;
    c.opposing_field = r.opposing_field * (1.0 + r.safety_margin);
    c.nominal_opposing_field = r.opposing_field;
    c.max_irreversible_loss = r.max_irreversible_loss;
    c.require_rated_temperature = r.require_rated_temperature;
    return c;
}

std::vector<LoadPoint> critical_points(const LoadCase& load) {
    std::vector<LoadPoint> out;
    if (load.points.empty()) return out;
    const bool field_everywhere =
        std::all_of(load.points.begin(), load.points.end(), [](const LoadPoint& p) { return p.field_applies; });
    for (std::size_t i = 0; i < load.points.size(); ++i) {
        const bool end = i == 0 || i + 1 == load.points.size();
        if (end || (!field_everywhere && load.points[i].field_applies)) out.push_back(load.points[i]);
    }
    return out;
}

PointEvaluation evaluate_point(const Grade& g, const LoadCase& load, const LoadPoint& point, const LoadVariation& v) {
    PointEvaluation e;
    e.temperature = point.temperature + v.temperature_shift;
    if ((e.outside_envelope = envelope_violation(g, e.temperature))) {
        e.failed = Check::validity;
        e.remanence = 0.0 * units::tesla;
        const auto pc = v.permeance_coefficient ? v.permeance_coefficient : load.permeance_coefficient;
        if (pc) {
            WorkingPoint w;
            w.temperature = e.temperature;
            w.load_line = LoadLine{*pc, point.field_applies ? load.opposing_field * v.field_scale
                                                            : 0.0 * units::ampere_per_metre};
            w.irreversible_loss = 1.0;
            w.warnings.push_back(e.outside_envelope->message);
            if (load.min_flux_density) e.open_circuit_flux_density = 0.0 * units::tesla;
            e.working_point = std::move(w);
        }
        return e;
    }
    const auto curve = curve_at(g, e.temperature, load.basis);
    e.extrapolated = is_extrapolated(g, e.temperature);
    e.remanence = curve.remanence();
    auto fail = [&](Check c) {
        if (!e.failed) e.failed = c;
    };
    if (load.require_rated_temperature && (!g.max_operating_temperature || e.temperature > *g.max_operating_temperature))
        fail(Check::rated_temperature);
    if (load.min_remanence && e.remanence < *load.min_remanence) fail(Check::min_remanence);
    const auto pc = v.permeance_coefficient ? v.permeance_coefficient : load.permeance_coefficient;
    if (!pc) return e;
    if (load.min_flux_density) {
        e.open_circuit_flux_density = working_point(curve, LoadLine{*pc, 0.0 * units::ampere_per_metre}).flux_density;
        if (*e.open_circuit_flux_density < *load.min_flux_density) fail(Check::min_flux_density);
    }
    const auto field = point.field_applies ? load.opposing_field * v.field_scale : 0.0 * units::ampere_per_metre;
    auto w = working_point(curve, LoadLine{*pc, field});
    w.temperature = e.temperature;
    if (w.irreversible_loss > load.max_irreversible_loss + 1e-12) fail(Check::irreversible_loss);
    e.working_point = std::move(w);
    return e;
}

bool passes_everywhere(const Grade& g, const LoadCase& load, const LoadVariation& v) {
    // The two ends first: a check fails there far more often than inside the range (the hot end
    // for NdFeB and SmCo, the cold end for ferrite), and the margin searches call this mostly to
    // find where it fails. The answer does not depend on the order.
    const auto& points = load.points;
    if (points.empty()) return true;
    auto passes = [&](const LoadPoint& p) { return !evaluate_point(g, load, p, v).failed; };
    if (!passes(points.back())) return false;
    if (points.size() == 1) return true;
    if (!passes(points.front())) return false;
    return std::all_of(points.begin() + 1, points.end() - 1, passes);
}

}  // namespace magsel
