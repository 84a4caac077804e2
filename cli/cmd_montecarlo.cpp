// magsel montecarlo REQ.yaml [--grade G]... [--samples N] [--seed S] [--threads T]
//   [--distribution uniform|normal] [--temperature-shift DT] [--temperature-sd DT]
//   [--field-sd 10%|50kA/m] [--format table|json]
// — the probability that a grade exceeds the requirement's loss limit when Br, Hcj, the
// temperature and the opposing field vary; a progress bar on a terminal for long runs.
#include <chrono>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "context.hpp"
#include "magsel/error.hpp"
#include "magsel/montecarlo.hpp"
#include "magsel/quantity_parser.hpp"
#include "magsel/select.hpp"
#include "output.hpp"

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

struct MonteCarloOptions {
    std::string file;
    std::vector<std::string> grades;
    std::size_t samples = 100'000;
    std::uint64_t seed = 1;
    unsigned threads = 0;
    std::string distribution = "uniform";
    std::string temperature_shift = "0 K";
    std::string temperature_sd = "0 K";
    std::string field_sd = "0 %";
    std::size_t top = 3;
    std::string format;
};

/// "10 %" / "0.1" is relative to the field; "50 kA/m" / "0.6 kOe" is absolute.
void read_field_sd(const std::string& text, MonteCarloSpec& spec) {
    try {
        spec.field_relative_sd = parse_quantity(text, Dimension::fraction);
        return;
    } catch (const UnitError&) {
    }
    try {
        spec.field_sd = parse_quantity(text, Dimension::field_strength) * units::ampere_per_metre;
    } catch (const UnitError&) {
        throw UsageError(fmt::format("--field-sd `{}`: give a fraction of the field (10 %) or a field (50 kA/m)", text));
    }
}

/// The grades to analyse: --grade, else the design file's grade, else the best `top` of match.
std::vector<const Grade*> grades_to_analyse(const MonteCarloOptions& o, const Requirement& r,
                                            const Catalogue& catalogue, const GlobalOptions& global) {
    std::vector<const Grade*> grades;
    for (const auto& name : o.grades) grades.push_back(&catalogue.find(name));
    if (!grades.empty()) return grades;
    if (r.grade) return {&design_grade(catalogue, r)};
    const auto result = match(catalogue, r, load_prices(global), SupplyData::builtin());
    for (const auto& c : result.candidates) {
        if (grades.size() == o.top) break;
        grades.push_back(c.evaluation.grade);
    }
    return grades;
}

/// A progress bar on stderr, drawn only on a terminal and only once the run has taken a second.
class ProgressBar {
public:
    ProgressBar() : enabled_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}
    void operator()(std::size_t done, std::size_t total) {
        if (!enabled_) return;
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        if (elapsed < 1.0) return;
        const double fraction = static_cast<double>(done) / static_cast<double>(total);
        const auto filled = static_cast<std::size_t>(fraction * 40.0);
        std::cerr << fmt::format("\r[{:<40}] {:3.0f} %  {:.1f} s", std::string(filled, '#'), fraction * 100.0, elapsed)
                  << std::flush;
        drawn_ = true;
    }
    ~ProgressBar() {
        if (drawn_) std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
    }

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
};

ExitCode run_montecarlo_command(const GlobalOptions& global, const MonteCarloOptions& o) {
    const auto catalogue = load_catalogue(global);
    const auto r = read_requirement_file(o.file);
    MonteCarloSpec spec;
    spec.samples = o.samples;
    spec.seed = o.seed;
    spec.threads = o.threads;
    spec.distribution = tolerance_distribution_from_string(o.distribution);
    spec.temperature_shift = units::parse_temperature_difference(o.temperature_shift);
    spec.temperature_sd = units::parse_temperature_difference(o.temperature_sd);
    read_field_sd(o.field_sd, spec);
    const auto grades = grades_to_analyse(o, r, catalogue, global);
    if (grades.empty()) {
        std::cerr << fmt::format("magsel: no grade meets {} (see `magsel match {}`); name one with --grade\n", r.name,
                                 o.file);
        return ExitCode::failed;
    }

    std::vector<MonteCarloResult> results;
    for (const Grade* g : grades) {
        ProgressBar bar;
        results.push_back(run_montecarlo(*g, r, spec, [&bar](std::size_t done, std::size_t total) { bar(done, total); }));
    }
    for (const auto& res : results)
        for (const auto& w : res.warnings) std::cerr << "magsel: warning: " << w << '\n';

    const double field_sd_ka_m = spec.field_sd.value() / 1000.0;
    if (o.format == "json") {
        auto out = ordered_json::array();
        for (const auto& res : results) {
            auto temps = ordered_json::array();
            for (const auto& t : res.critical_temperatures) temps.push_back(units::to_celsius(t));
            out.push_back({{"grade", res.grade->name},
                           {"requirement", r.name},
                           {"samples", res.samples},
                           {"seed", spec.seed},
                           {"distribution", to_string(spec.distribution)},
                           {"temperature_shift_K", spec.temperature_shift.value()},
                           {"temperature_sd_K", spec.temperature_sd.value()},
                           {"field_sd_percent", spec.field_relative_sd * 100.0},
                           {"field_sd_kA_m", field_sd_ka_m},
                           {"critical_temperatures_degC", temps},
                           {"loss_limit_percent", res.loss_limit * 100.0},
                           {"exceedances", res.exceedances},
                           {"probability", res.probability},
                           {"ci95_low", res.ci_low},
                           {"ci95_high", res.ci_high},
                           {"mean_loss_percent", res.mean_loss * 100.0},
                           {"max_loss_percent", res.max_loss * 100.0}});
        }
        std::cout << out.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
        return ExitCode::success;
    }
    std::cout << fmt::format("{}: {} samples per grade, seed {}; Br and Hcj {} in [min, typ]; temperature {:+g} K "
                             "± {:g} K (1σ); field ± {}\n",
                             r.name, spec.samples, spec.seed, to_string(spec.distribution),
                             spec.temperature_shift.value(), spec.temperature_sd.value(),
                             field_sd_ka_m > 0.0 ? fmt::format("{:g} kA/m", field_sd_ka_m)
                                                 : fmt::format("{:g} %", spec.field_relative_sd * 100.0));
    Table t;
    t.header = {"grade", fmt::format("P(loss > {:g} %)", r.max_irreversible_loss * 100.0), "95 % CI", "exceedances",
                "mean loss %", "max loss %"};
    t.right_align = {false, true, true, true, true, true};
    for (const auto& res : results)
        t.rows.push_back({res.grade->name, fmt::format("{:.5f}", res.probability),
                          fmt::format("{:.5f} … {:.5f}", res.ci_low, res.ci_high), std::to_string(res.exceedances),
                          fixed(res.mean_loss * 100.0, 3), fixed(res.max_loss * 100.0, 3)});
    std::cout << render(t, TableFormat::text);
    return ExitCode::success;
}

}  // namespace

void register_montecarlo(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<MonteCarloOptions>();
    auto* cmd = app.add_subcommand("montecarlo", "Probability of exceeding the loss limit under tolerances (Monte Carlo)");
    cmd->footer(
        "Each sample draws Br and Hcj (20 degC) inside the grade's band [min, typ], a temperature error and a\n"
        "field error, and evaluates the loss at the requirement's critical temperatures (both ends of the\n"
        "range and each `opposing_field_at`). Same seed, same answer, whatever the thread count.\n\n"
        "Examples:\n  magsel montecarlo examples/designs/ev-traction-n38ah.yaml --temperature-shift 10K --temperature-sd 5K "
        "--field-sd 10%\n  magsel montecarlo examples/ev-traction-ipm.yaml --samples 1000000 --format json");
    cmd->add_option("requirement", o->file, "Requirement or design file")->required();
    cmd->add_option("--grade", o->grades,
                    "Grade to analyse (repeatable); default: the design file's grade, else the best --top of match");
    cmd->add_option("--top", o->top, "Without --grade or a design file: how many of match's best grades")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--samples", o->samples, "Samples per grade")->capture_default_str()->check(CLI::Range(1, 1'000'000'000));
    cmd->add_option("--seed", o->seed, "Random seed")->capture_default_str();
    cmd->add_option("--threads", o->threads, "Threads (0: every core)")->capture_default_str()->check(CLI::Range(0, 1024));
    cmd->add_option("--distribution", o->distribution,
                    "Br and Hcj inside [min, typ]: uniform, or normal (mean typ, sigma (typ-min)/3, nothing below min)")
        ->capture_default_str()
        ->check(CLI::IsMember({"uniform", "normal"}));
    cmd->add_option("--temperature-shift", o->temperature_shift, "The magnet runs this much hotter (e.g. 10K)")
        ->capture_default_str();
    cmd->add_option("--temperature-sd", o->temperature_sd, "Standard deviation of the temperature (e.g. 5K)")
        ->capture_default_str();
    cmd->add_option("--field-sd", o->field_sd, "Standard deviation of the opposing field: 10% of it, or 50kA/m")
        ->capture_default_str();
    add_format_option(*cmd, o->format, {"table", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_montecarlo_command(global, *o); });
}

}  // namespace magsel::cli
