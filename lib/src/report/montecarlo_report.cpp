#include "magsel/report/montecarlo_report.hpp"

#include <fmt/format.h>

namespace magsel::report {

Json montecarlo_json(const std::vector<MonteCarloResult>& results, const MonteCarloSpec& spec, const Requirement& r) {
    auto out = Json::array();
    for (const auto& res : results) {
        auto temps = Json::array();
        for (const auto& t : res.critical_temperatures) temps.push_back(units::to_celsius(t));
        out.push_back({{"grade", res.grade->name},
                       {"requirement", r.name},
                       {"samples", res.samples},
                       {"seed", spec.seed},
                       {"distribution", to_string(spec.distribution)},
                       {"temperature_shift_K", spec.temperature_shift.value()},
                       {"temperature_sd_K", spec.temperature_sd.value()},
                       {"field_sd_percent", spec.field_relative_sd * 100.0},
                       {"field_sd_kA_m", spec.field_sd.value() / 1000.0},
                       {"critical_temperatures_degC", temps},
                       {"loss_limit_percent", res.loss_limit * 100.0},
                       {"loss_kind", "instantaneous"},
                       {"exceedances", res.exceedances},
                       {"probability", res.probability},
                       {"ci95_low", res.ci_low},
                       {"ci95_high", res.ci_high},
                       {"mean_loss_percent", res.mean_loss * 100.0},
                       {"max_loss_percent", res.max_loss * 100.0}});
    }
    return out;
}

std::string montecarlo_text(const std::vector<MonteCarloResult>& results, const MonteCarloSpec& spec,
                            const Requirement& r) {
    const double field_sd_ka_m = spec.field_sd.value() / 1000.0;
    std::string out = fmt::format(
        "{}: {} samples per grade, seed {}; Br and Hcj {} in [min, typ]; temperature {:+g} K ± {:g} K (1σ); field ± {}\n",
        r.name, spec.samples, spec.seed, to_string(spec.distribution), spec.temperature_shift.value(),
        spec.temperature_sd.value(),
        field_sd_ka_m > 0.0 ? fmt::format("{:g} kA/m", field_sd_ka_m) : fmt::format("{:g} %", spec.field_relative_sd * 100.0));
    Table t;
    t.header = {"grade", fmt::format("P(loss > {:g} %)", r.max_irreversible_loss * 100.0), "95 % CI", "exceedances",
                "mean loss %", "max loss %"};
    t.right_align = {false, true, true, true, true, true};
    for (const auto& res : results)
        t.rows.push_back({res.grade->name, fmt::format("{:.5f}", res.probability),
                          fmt::format("{:.5f} … {:.5f}", res.ci_low, res.ci_high), std::to_string(res.exceedances),
                          fixed(res.mean_loss * 100.0, 3), fixed(res.max_loss * 100.0, 3)});
    out += render(t, TableFormat::text);
    return out + "loss: instantaneous irreversible loss on recoil from the working point; time-dependent "
                 "(magnetic viscosity) loss is not included\n";
}

}  // namespace magsel::report
