// magsel validate [PATH...] — check grade files (or, with no path, the built-in catalogue).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/validate.hpp"

namespace magsel::cli {
namespace {

struct ValidateOptions {
    std::vector<std::string> paths;
    bool verbose = false;
};

ExitCode run_validate(const ValidateOptions& o) {
    const auto report = validate_paths(o.paths);
    for (const auto& e : report.errors) std::cerr << e << '\n';
    if (o.verbose)
        for (const auto& w : report.warnings) std::cerr << "warning: " << w << '\n';
    else if (!report.warnings.empty())
        std::cerr << fmt::format("{} warning(s) (estimated values, missing ratings): --verbose lists them\n",
                                 report.warnings.size());
    std::cout << fmt::format("{} file(s), {} grade(s): {}\n", report.files.size(), report.grade_count,
                             report.ok() ? "valid" : fmt::format("{} error(s)", report.error_count()));
    return report.ok() ? ExitCode::success : ExitCode::bad_input;
}

}  // namespace

void register_validate(CLI::App& app, const GlobalOptions&, ExitCode& exit_code) {
    auto options = std::make_shared<ValidateOptions>();
    auto* cmd = app.add_subcommand("validate", "Check grade files: schema, units, plausibility, sources");
    cmd->footer("Examples:\n  magsel validate                 the built-in catalogue\n"
                "  magsel validate grades/         a directory (families/ first)\n"
                "  magsel validate my-grades.yaml\n\nExit code 0 when valid, 2 when any file has an error.");
    cmd->add_option("paths", options->paths, "Grade files or directories");
    cmd->add_flag("-v,--verbose", options->verbose, "List the warnings (estimated values, missing ratings)");
    cmd->callback([&exit_code, options] { exit_code = run_validate(*options); });
}

}  // namespace magsel::cli
