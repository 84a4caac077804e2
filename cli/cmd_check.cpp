// magsel check DESIGN.yaml... [--junit FILE] — the grade each design file names, against every
// requirement in it; pass/fail per check with margins; a JUnit XML report for CI.
#include <iostream>
#include <memory>

#include "context.hpp"
#include "magsel/design_check.hpp"
#include "magsel/output_file.hpp"
#include "magsel/report/check_report.hpp"

namespace magsel::cli {
namespace {

struct CheckOptions {
    std::vector<std::string> files;
    std::string junit;
    std::string format;
    bool strict = false;
};

ExitCode run_check(const GlobalOptions& global, const CheckOptions& o) {
    const auto& catalogue = load_catalogue(global);
    const auto prices = load_prices(global, all_grades(catalogue), "any grade of the catalogue");
    const auto supply = SupplyData::builtin();
    std::vector<DesignCheck> checks;
    bool any_failed = false, any_bad = false;
    for (const auto& file : o.files) {
        // bad input in one file: reported, the others still checked, exit 2 at the end
        const auto& d = checks.emplace_back(check_design(catalogue, file, prices, supply, o.strict));
        if (d.error) std::cerr << *d.error << '\n';
        if (o.format != "json") std::cout << report::check_text(d);
        any_bad = any_bad || d.error.has_value();
        any_failed = any_failed || d.failed;
    }
    if (o.format == "json") std::cout << report::json_text(report::check_json(checks));  // a file name need not be UTF-8
    if (!o.junit.empty()) write_file_atomically(o.junit, junit_xml(report::check_junit(checks)));
    if (any_bad) return ExitCode::bad_input;
    return any_failed ? ExitCode::failed : ExitCode::success;
}

}  // namespace

void register_check(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<CheckOptions>();
    auto* cmd = app.add_subcommand("check", "Check the grade each design file names against its requirements (CI)");
    cmd->footer("Examples:\n  magsel check examples/designs/*.yaml\n  magsel check designs/*.yaml --junit magsel-report.xml\n\n"
                "Exit code 0 when every check passes, 1 when any fails, 2 when a file is bad input.");
    cmd->add_option("designs", o->files, "Design files (requirement files with `grade:`)")->required();
    cmd->add_option("--junit", o->junit, "Write a JUnit XML report (one testsuite per file, one testcase per check)");
    cmd->add_flag("--strict", o->strict,
                  "Fail a design whose margins miss its robustness target (default: a warning)");
    add_format_option(*cmd, o->format, {"table", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_check(global, *o); });
}

}  // namespace magsel::cli
