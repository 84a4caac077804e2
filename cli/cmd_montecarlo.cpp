// magsel montecarlo REQ.yaml [--grade G]... [--samples N] [--seed S] [--threads T]
//   [--distribution uniform|normal] [--temperature-shift DT] [--temperature-sd DT]
//   [--field-sd 10%|50kA/m] [--format table|json]
// — the probability that a grade exceeds the requirement's loss limit when Br, Hcj, the
// temperature and the opposing field vary; a progress bar on a terminal for long runs.
#include <iostream>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/error.hpp"
#include "magsel/montecarlo.hpp"
#include "magsel/quantity_parser.hpp"
#include "magsel/report/demag_report.hpp"
#include "magsel/report/montecarlo_report.hpp"
#include "progress_bar.hpp"
#include "shape_option.hpp"

namespace magsel::cli {
namespace {

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
    ShapeOptions shape;
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

ExitCode run_montecarlo_command(const GlobalOptions& global, const MonteCarloOptions& o) {
    const auto& catalogue = load_catalogue(global);
    auto r = read_requirement_file(o.file);
    const auto from_shape = shape_permeance(o.shape);
    if (from_shape) {
        if (!r.permeance_coefficient)
            throw UsageError(fmt::format("{} has no demagnetization block: --geometry and --ld replace its Pc", o.file));
        r.permeance_coefficient = from_shape->pc;
        r.geometry = from_shape->shape;
        (o.format == "json" ? std::cerr : std::cout) << report::shape_permeance_text(*from_shape);
    }
    MonteCarloSpec spec;
    spec.samples = o.samples;
    spec.seed = o.seed;
    spec.threads = o.threads;
    spec.distribution = tolerance_distribution_from_string(o.distribution);
    spec.temperature_shift = units::parse_temperature_difference(o.temperature_shift);
    spec.temperature_sd = units::parse_temperature_difference(o.temperature_sd);
    read_field_sd(o.field_sd, spec);
    std::vector<const Grade*> grades;
    for (const auto& name : o.grades) grades.push_back(&catalogue.find(name));
    if (grades.empty()) grades = montecarlo_grades(catalogue, r, o.top, load_prices(global), SupplyData::builtin());
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
    std::set<std::string> said;  // a warning about the requirement is the same for every grade: once
    for (const auto& res : results)
        for (const auto& w : res.warnings)
            if (said.insert(w).second) std::cerr << "magsel: warning: " << w << '\n';

    if (o.format == "json") std::cout << report::json_text(report::montecarlo_json(results, spec, r));
    else std::cout << report::montecarlo_text(results, spec, r);
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
    add_shape_options(*cmd, o->shape);
    add_format_option(*cmd, o->format, {"table", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_montecarlo_command(global, *o); });
}

}  // namespace magsel::cli
