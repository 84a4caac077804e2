#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "select/checks.hpp"

namespace magsel::detail {
namespace {
double celsius(units::Temperature t) { return units::to_celsius(t); }
}  // namespace

void physics_checks(const Grade& g, const Requirement& r, Evaluation& e, bool stop) {
    // ---- physics over the load case's points (load_case.hpp) ----
    const auto load = load_case(r);
    double br_min = std::numeric_limits<double>::infinity();
    double b_open_min = std::numeric_limits<double>::infinity();
    units::Temperature b_open_at = load.points.front().temperature;
    std::optional<WorkingPoint> worst;
    bool extrapolated = false;
    std::optional<PointEvaluation> outside;  // the first point beyond the grade's validity envelope
    for (const auto& point : load.points) {
        auto at = evaluate_point(g, load, point);
        if (at.outside_envelope && !outside) outside = at;
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
    // Beyond a physical limit (Curie or spin-reorientation temperature) nothing is computed: the
    // grade fails `validity` there, and the other physics checks, whose numbers would be
    // placeholders, are not reported.
    if (outside) {
        record(e, pass_fail(Check::validity, false,
                            fmt::format("outside the grade's validity envelope at {:g} °C: {}", celsius(outside->temperature),
                                        outside->outside_envelope->message),
                            celsius(outside->temperature), celsius(outside->outside_envelope->limit), "degC"),
               stop);
        return;
    }
    e.remanence_at_worst = br_min * units::tesla;
    e.worst_temperature = worst ? worst->temperature : e.remanence_worst_temperature;
    if (extrapolated) e.flags.emplace_back("extrapolated");  // beyond the grade's temperature data
    if (const auto est = estimated_values(g); !est.empty())
        e.flags.push_back(fmt::format("estimated {}", fmt::join(est, ", ")));
    if (g.recycled_content) e.flags.push_back(fmt::format("recycled {:g} % (stated)", g.recycled_content->fraction * 100.0));
    if (e.exposure.dy_tb_estimated && e.exposure.dy_tb_fraction > 0.0) e.flags.emplace_back("Dy+Tb estimated");
    if (const auto basis = hre_free_basis(g)) e.flags.push_back(fmt::format("HRE-free ({})", to_string(*basis)));
    if (!e.exposure.controlled.empty())
        e.flags.push_back(fmt::format("export-controlled: {}", fmt::join(e.exposure.controlled, ", ")));

    // A physics check that fails says where it first fails (the onset), and the worst point apart.
    // Whichever check fails first, it is named when it is not the one being reported (an
    // open-circuit B that fails because the magnet was driven past its knee names the loss).
    auto onset_text = [&](Check c) -> std::string {
        if (!e.onset) e.onset = onset(g, load);
        if (!e.onset || !e.onset->at.failed) return "";
        const auto& o = *e.onset;
        const Check first = *o.at.failed;
        const std::string named = first == c ? "" : fmt::format(" {}", to_string(first));
        if (o.fails_at_reference) return fmt::format(";{} fails already at {:g} °C", named, celsius(o.temperature));
        switch (first) {
            case Check::min_remanence:
                return fmt::format(";{} first fails at {:.1f} °C (Br {:.3f} T)", named, celsius(o.temperature),
                                   o.at.remanence.value());
            case Check::min_flux_density:
                return fmt::format(";{} first fails at {:.1f} °C (B {:.3f} T)", named, celsius(o.temperature),
                                   o.at.open_circuit_flux_density->value());
            case Check::irreversible_loss: {
                const auto& w = *o.at.working_point;
                return fmt::format(";{} first exceeds the limit at {:.1f} °C (loss {:.2f} %, working field {:.0f} kA/m, "
                                   "knee {:.0f} kA/m)",
                                   first == c ? "" : " irreversible loss", celsius(o.temperature),
                                   w.irreversible_loss * 100.0, w.working_field.value() / 1000.0, w.knee_field.value() / 1000.0);
            }
            default: return fmt::format(";{} first fails at {:.1f} °C", named, celsius(o.temperature));
        }
    };

    if (r.min_remanence) {
        const double need = r.min_remanence->value();
        const bool ok = br_min >= need;
        if (!record(e, pass_fail(Check::min_remanence, ok,
                           fmt::format("Br {:.3f} T at {:g} °C (required {:.3f} T){}", br_min,
                                       celsius(e.remanence_worst_temperature), need, ok ? "" : onset_text(Check::min_remanence)),
                           br_min, need, "T"), stop))
            return;
    }
    if (r.min_flux_density) {
        const double need = r.min_flux_density->value();
        const bool ok = b_open_min >= need;
        if (!record(e, pass_fail(Check::min_flux_density, ok,
                           fmt::format("open-circuit B {:.3f} T at {:g} °C, Pc {:g} (required {:.3f} T){}", b_open_min,
                                       celsius(b_open_at), *r.permeance_coefficient, need,
                                       ok ? "" : onset_text(Check::min_flux_density)),
                           b_open_min, need, "T"), stop))
            return;
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
        record(e, pass_fail(Check::irreversible_loss, ok, msg, loss * 100.0, r.max_irreversible_loss * 100.0, "%"), stop);
    }
}

}  // namespace magsel::detail
