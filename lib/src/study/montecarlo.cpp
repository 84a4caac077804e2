#include "magsel/montecarlo.hpp"
#include "magsel/select.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <thread>

#include <fmt/format.h>

#include "magsel/batch.hpp"
#include "magsel/demag.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "magsel/load_case.hpp"
#include "magsel/thermal.hpp"
#include "study/random.hpp"

namespace magsel {
namespace {

// Samples are drawn in blocks of fixed size, each from its own random stream (seed, block
// index). Blocks may run on any thread in any order; their results are added up in block
// order, so the answer depends on the seed only, never on the thread count.
constexpr std::size_t block_size = 4096;

/// A 20 °C rated value's band [min, typ]; without a typical value the band is the minimum.
struct Band {
    double min = 0.0;
    double typ = 0.0;
};

template <class Q>
Band band_of(const Rated<Q>& r, const char* what, const Grade& g, std::vector<std::string>& warnings) {
    const double min = r.min ? r.min->value() : r.typ->value();
    if (!r.typ || r.typ->value() <= min) {
        warnings.push_back(fmt::format("{}: {} has no typical value above its minimum; it is held at its minimum",
                                       g.name, what));
        return {min, min};
    }
    return {min, r.typ->value()};
}

/// A value inside the band.
double draw(const Band& b, ToleranceDistribution d, detail::Random& random) {
    if (b.typ <= b.min) return b.min;
    if (d == ToleranceDistribution::uniform) return b.min + (b.typ - b.min) * random.uniform();
    // normal about typ, σ = (typ − min)/3, truncated at min (rejection: 0.13 % of draws)
    const double sigma = (b.typ - b.min) / 3.0;
    for (int i = 0; i < 1000; ++i) {
        const double v = b.typ + sigma * random.normal();
        if (v >= b.min) return v;
    }
    return b.min;
}

struct BlockResult {
    std::size_t exceedances = 0;
    double loss_sum = 0.0;
    double loss_max = 0.0;
};

struct Model {
    const Grade* grade;
    std::vector<LoadPoint> points;  ///< the load case's critical points (load_case.hpp)
    Band br, hcj;
    double pc, field, loss_limit;
    const MonteCarloSpec* spec;
    TemperatureEnvelope envelope{};  ///< samples outside it count as 100 % loss
};

BlockResult run_block(const Model& m, std::size_t block, std::size_t count) {
    detail::Random random(m.spec->seed, block);
    const MonteCarloSpec& s = *m.spec;
    // The block's samples, drawn in the order of the random stream (Br, Hcj, temperature error,
    // field per sample), then each critical point for all of them in one batch call.
    // Buffers without zero-filling: every element is written before it is read.
    auto buffer = std::make_unique_for_overwrite<double[]>(8 * count);
    const std::span<double> br20(buffer.get(), count), hcj20(br20.end(), count), dt(hcj20.end(), count),
        field(dt.end(), count), loss(field.end(), count), kelvin(loss.end(), count), opposing(kelvin.end(), count),
        point_loss(opposing.end(), count);
    auto status_buffer = std::make_unique_for_overwrite<PointStatus[]>(count);
    const std::span<PointStatus> status(status_buffer.get(), count);
    for (std::size_t i = 0; i < count; ++i) {
        br20[i] = draw(m.br, s.distribution, random);
        hcj20[i] = draw(m.hcj, s.distribution, random);
        dt[i] = s.temperature_shift.value() + s.temperature_sd.value() * random.normal();
        const double field_sd = s.field_sd.value() + s.field_relative_sd * m.field;
        field[i] = std::max(0.0, m.field + field_sd * random.normal());
    }
    std::fill(loss.begin(), loss.end(), 0.0);
    const double pc[] = {m.pc};
    for (const auto& p : m.points) {
        for (std::size_t i = 0; i < count; ++i) {
            kelvin[i] = p.temperature.value() + dt[i];
            opposing[i] = p.field_applies ? field[i] : 0.0;
        }
        working_points(*m.grade, {kelvin, pc, opposing, br20, hcj20}, {{}, {}, {}, {}, point_loss, status});
        // Outside the validity envelope nothing is computed: the sample counts as total loss
        // (at or above the Curie temperature that is the physics; below the spin
        // reorientation it is the conservative reading of "no model").
        for (std::size_t i = 0; i < count; ++i)
            loss[i] = status[i] == PointStatus::outside_envelope ? 1.0 : std::max(loss[i], point_loss[i]);
    }
    BlockResult result;
    for (std::size_t i = 0; i < count; ++i) {
        if (loss[i] > m.loss_limit) ++result.exceedances;
        result.loss_sum += loss[i];
        result.loss_max = std::max(result.loss_max, loss[i]);
    }
    return result;
}

void check_spec(const Requirement& r, const MonteCarloSpec& s) {
    if (!r.permeance_coefficient)
        throw UsageError(fmt::format("{}: the requirement has no demagnetization block (permeance coefficient, "
                                     "opposing field, loss limit): there is no loss to sample",
                                     r.file.empty() ? r.name : r.file));
    if (s.samples == 0 || s.samples > 1'000'000'000)
        throw UsageError(fmt::format("the number of samples must be 1 to 10^9, not {}", s.samples));
    auto non_negative = [](double v, const char* what) {
        if (!(v >= 0.0) || !std::isfinite(v)) throw UsageError(fmt::format("{} must be zero or positive", what));
    };
    non_negative(s.temperature_sd.value(), "the temperature's standard deviation");
    non_negative(s.field_relative_sd, "the field's standard deviation");
    non_negative(s.field_sd.value(), "the field's standard deviation");
    if (!std::isfinite(s.temperature_shift.value())) throw UsageError("the temperature shift must be finite");
    // bounds (docs/errors.md): tolerances of a magnet's temperature and field, not of anything else
    constexpr double max_shift_k = 200.0, max_temperature_sd_k = 50.0, max_field_relative_sd = 1.0, max_field_sd = 10e6;
    if (std::abs(s.temperature_shift.value()) > max_shift_k)
        throw UsageError(fmt::format("the temperature shift is at most ±{:g} K, not {:g} K", max_shift_k,
                                     s.temperature_shift.value()));
    if (s.temperature_sd.value() > max_temperature_sd_k)
        throw UsageError(fmt::format("the temperature's standard deviation is at most {:g} K, not {:g} K",
                                     max_temperature_sd_k, s.temperature_sd.value()));
    if (s.field_relative_sd > max_field_relative_sd)
        throw UsageError(fmt::format("the field's relative standard deviation is at most {:g} %, not {:g} %",
                                     max_field_relative_sd * 100.0, s.field_relative_sd * 100.0));
    if (s.field_sd.value() > max_field_sd)
        throw UsageError(fmt::format("the field's standard deviation is at most {:g} kA/m, not {:g} kA/m",
                                     max_field_sd / 1000.0, s.field_sd.value() / 1000.0));
    // six standard deviations below the coldest shifted temperature must stay above absolute zero
    const double coldest = r.min_temperature.value() + s.temperature_shift.value() - 6.0 * s.temperature_sd.value();
    if (!(coldest > 0.0))
        throw UsageError(fmt::format("with a shift of {:+g} K and a standard deviation of {:g} K the samples reach "
                                     "{:.2f} K ({:.2f} °C) and below: below absolute zero",
                                     s.temperature_shift.value(), s.temperature_sd.value(), coldest,
                                     coldest - 273.15));
    if (s.field_relative_sd > 0.0 && s.field_sd.value() > 0.0)
        throw UsageError("give the field's standard deviation either relative (%) or in A/m, not both");
}

}  // namespace

std::string_view to_string(ToleranceDistribution d) { return d == ToleranceDistribution::uniform ? "uniform" : "normal"; }

ToleranceDistribution tolerance_distribution_from_string(std::string_view s) {
    if (s == "uniform") return ToleranceDistribution::uniform;
    if (s == "normal") return ToleranceDistribution::normal;
    throw UsageError(fmt::format("unknown distribution `{}`: use uniform or normal", s));
}

std::pair<double, double> wilson_interval(std::size_t k, std::size_t n) {
    if (n == 0) return {0.0, 1.0};
    constexpr double z = 1.959963984540054;  // two-sided 95 % quantile of the normal distribution
    const double nn = static_cast<double>(n);
    const double p = static_cast<double>(k) / nn;
    const double denominator = 1.0 + z * z / nn;
    const double centre = (p + z * z / (2.0 * nn)) / denominator;
    const double half = z * std::sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn)) / denominator;
    // at k = 0 (k = n) the bound is exactly 0 (1); rounding would leave ~1e-22
    return {k == 0 ? 0.0 : std::max(0.0, centre - half), k == n ? 1.0 : std::min(1.0, centre + half)};
}

MonteCarloResult run_montecarlo(const Grade& grade, const Requirement& requirement, const MonteCarloSpec& spec,
                                const ProgressFunction& progress) {
    check_spec(requirement, spec);
    MonteCarloResult result;
    result.grade = &grade;
    result.samples = spec.samples;
    result.loss_limit = requirement.max_irreversible_loss;

    // The requirement's load case, as match and check read it; the field without the safety margin.
    const auto load = load_case(requirement);
    Model m{&grade, critical_points(load), {}, {}, *load.permeance_coefficient, load.nominal_opposing_field.value(),
            load.max_irreversible_loss, &spec};
    m.envelope = temperature_envelope(grade);
    m.br = band_of(grade.remanence, "Br", grade, result.warnings);
    m.hcj = band_of(grade.intrinsic_coercivity, "Hcj", grade, result.warnings);
    if (requirement.safety_margin > 0.0) {
        const bool field_varies = spec.field_relative_sd > 0.0 || spec.field_sd.value() > 0.0;
        result.warnings.push_back(fmt::format(
            "the requirement's {:g} % safety margin on the field is not applied: {}", requirement.safety_margin * 100.0,
            field_varies ? "the field's standard deviation stands for its uncertainty"
                         : "the field is sampled at its nominal value (give it a standard deviation for its uncertainty)"));
    }
    for (const auto& p : m.points) {
        result.critical_temperatures.push_back(p.temperature);
        const double lo = p.temperature.value() + spec.temperature_shift.value() - 3.0 * spec.temperature_sd.value();
        const double hi = p.temperature.value() + spec.temperature_shift.value() + 3.0 * spec.temperature_sd.value();
        if (!m.envelope.contains(units::kelvin_point(lo)) || !m.envelope.contains(units::kelvin_point(hi)))
            result.warnings.push_back(fmt::format(
                "{}: near {:g} °C the samples reach temperatures outside the grade's validity envelope (Curie or "
                "spin-reorientation temperature): such samples count as 100 % loss",
                grade.name, units::to_celsius(p.temperature)));
        if (is_extrapolated(grade, units::kelvin_point(lo)) || is_extrapolated(grade, units::kelvin_point(hi)))
            result.warnings.push_back(fmt::format(
                "{}: near {:g} °C the samples reach temperatures outside the grade's temperature data (extrapolated)",
                grade.name, units::to_celsius(p.temperature)));
    }

    const std::size_t blocks = (spec.samples + block_size - 1) / block_size;
    std::vector<BlockResult> results(blocks);
    std::atomic<std::size_t> next_block{0}, done{0};
    std::vector<std::exception_ptr> errors;  // a worker's exception, rethrown on this thread
    std::mutex errors_mutex;
    auto work = [&](bool report) {
        try {
            for (std::size_t b; (b = next_block.fetch_add(1)) < blocks;) {
                const std::size_t count = std::min(block_size, spec.samples - b * block_size);
                results[b] = run_block(m, b, count);
                const std::size_t now = done.fetch_add(count) + count;
                if (report && progress) progress(now, spec.samples);
            }
        } catch (...) {
            next_block = blocks;  // the others stop after their current block
            const std::lock_guard lock(errors_mutex);
            errors.push_back(std::current_exception());
        }
    };
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<std::size_t>(spec.threads == 0 ? hardware : spec.threads);
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < std::min(threads, blocks); ++i) workers.emplace_back(work, false);
    work(true);
    for (auto& w : workers) w.join();
    if (!errors.empty()) std::rethrow_exception(errors.front());
    if (progress) progress(spec.samples, spec.samples);

    double loss_sum = 0.0;
    for (const auto& r : results) {  // in block order: the same sum whatever the threads did
        result.exceedances += r.exceedances;
        loss_sum += r.loss_sum;
        result.max_loss = std::max(result.max_loss, r.loss_max);
    }
    result.probability = static_cast<double>(result.exceedances) / static_cast<double>(spec.samples);
    std::tie(result.ci_low, result.ci_high) = wilson_interval(result.exceedances, spec.samples);
    result.mean_loss = loss_sum / static_cast<double>(spec.samples);
    return result;
}

std::vector<const Grade*> montecarlo_grades(const Catalogue& catalogue, const Requirement& r, std::size_t top,
                                            const PriceTable& prices, const SupplyData& supply) {
    if (r.grade) return {&design_grade(catalogue, r)};
    std::vector<const Grade*> grades;
    const auto result = match(catalogue, r, prices, supply);
    for (const auto& c : result.candidates) {
        if (grades.size() == top) break;
        grades.push_back(c.evaluation.grade);
    }
    return grades;
}

}  // namespace magsel
