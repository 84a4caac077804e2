// magsel check DESIGN.yaml... [--junit FILE] — the grade each design file names, against every
// requirement in it; pass/fail per check with margins; a JUnit XML report for CI.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/error.hpp"
#include "magsel/junit.hpp"
#include "magsel/select.hpp"
#include "magsel/output_file.hpp"
#include "magsel/report/match_report.hpp"
#include "output.hpp"

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

struct CheckOptions {
    std::vector<std::string> files;
    std::string junit;
    std::string format;
    bool strict = false;
};

ExitCode run_check(const GlobalOptions& global, const CheckOptions& o) {
    const auto catalogue = load_catalogue(global);
    const auto prices = load_prices(global, all_grades(catalogue), "any grade of the catalogue");
    const auto supply = SupplyData::builtin();
    bool any_failed = false, any_bad = false;
    std::vector<JUnitSuite> suites;
    auto json = ordered_json::array();

    for (const auto& file : o.files) {
        JUnitSuite suite{file, {}, {}};
        try {
            const auto r = read_requirement_file(file);
            const Grade* g = &design_grade(catalogue, r);
            auto e = evaluate(*g, r, prices, supply, false);
            if (e.passes) e.margins = margins_of(e, r);
            const auto shortfall = e.margins ? robustness_shortfall(*e.margins, r) : std::string();
            const bool failed = !e.passes || (o.strict && !shortfall.empty());
            any_failed = any_failed || failed;
            if (o.format == "json") {
                auto checks = ordered_json::array();
                for (const auto& c : e.checks)
                    checks.push_back({{"check", to_string(c.check)}, {"passed", c.passed}, {"message", c.message},
                                      {"value", c.unit.empty() ? ordered_json(nullptr) : ordered_json(c.value)},
                                      {"limit", c.unit.empty() ? ordered_json(nullptr) : ordered_json(c.limit)},
                                      {"unit", c.unit}});
                ordered_json item{{"file", file}, {"grade", g->name}, {"passes", !failed}, {"checks", checks}};
                if (e.margins) {
                    item["margins"] = report::to_json(report::margin_schema(), *e.margins);
                    item["robust"] = shortfall.empty();
                    item["robustness_shortfall"] = shortfall.empty() ? ordered_json(nullptr) : ordered_json(shortfall);
                }
                json.push_back(item);
            } else {
                std::cout << fmt::format("{}: {} for {} — {}\n", file, g->name, r.name, failed ? "FAIL" : "PASS");
                for (const auto& c : e.checks)
                    std::cout << fmt::format("  {} {:<22} {}\n", c.passed ? "pass" : "FAIL", to_string(c.check), c.message);
                if (e.checks.empty()) std::cout << "  (the file states no check)\n";
                if (e.margins) std::cout << fmt::format("  margins: {}\n", report::margins_text(*e.margins));
                if (!shortfall.empty())
                    std::cout << fmt::format("  {} {:<22} {}\n", o.strict ? "FAIL" : "warn", "robustness", shortfall);
            }
            for (const auto& c : e.checks)
                suite.cases.push_back(JUnitCase{std::string(to_string(c.check)), g->name,
                                                c.passed ? std::nullopt : std::optional<std::string>(c.message), {}});
            if (e.margins) {
                suite.properties = report::margin_properties(*e.margins);
                if (o.strict)
                    suite.cases.push_back(JUnitCase{"robustness", g->name,
                                                    shortfall.empty() ? std::nullopt : std::optional<std::string>(shortfall), {}});
                else if (!shortfall.empty())
                    suite.properties.emplace_back("robustness_warning", shortfall);
            }
        } catch (const Error& err) {
            // Bad input in one file: report it, keep checking the others, exit 2 at the end.
            any_bad = true;
            std::cerr << err.what() << '\n';
            suite.cases.push_back(JUnitCase{"read", file, {}, std::string(err.what())});
            if (o.format == "json") json.push_back({{"file", file}, {"error", err.what()}});
        }
        suites.push_back(std::move(suite));
    }
    if (o.format == "json") std::cout << report::json_text(json);  // a file name need not be UTF-8
    if (!o.junit.empty()) write_file_atomically(o.junit, junit_xml(suites));
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
