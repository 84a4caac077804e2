// magsel/report/montecarlo_report.hpp — how `magsel montecarlo` is reported: per grade the
// probability of exceeding the loss limit with its 95 % interval, and the spec it was run with.
#pragma once

#include <string>
#include <vector>

#include "magsel/montecarlo.hpp"
#include "magsel/report/fields.hpp"

namespace magsel::report {

/// The fields of one grade's result (JSON keys: grade, requirement, samples, seed, distribution,
/// temperature_shift_K, temperature_sd_K, field_sd_percent, field_sd_kA_m, critical_temperatures_degC,
/// loss_limit_percent, loss_kind, exceedances, probability, ci95_low, ci95_high, mean_loss_percent,
/// max_loss_percent).
Json montecarlo_json(const std::vector<MonteCarloResult>& results, const MonteCarloSpec& spec,
                     const Requirement& requirement);
/// The table with its heading line and the note on what the loss is.
std::string montecarlo_text(const std::vector<MonteCarloResult>& results, const MonteCarloSpec& spec,
                            const Requirement& requirement);

}  // namespace magsel::report
