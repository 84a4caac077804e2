// magsel report REQ.yaml -o review.html — a self-contained design-review page (docs/report.md).
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/report/html_report.hpp"
#include "magsel/output_file.hpp"

namespace magsel::cli {
namespace {

struct ReportOptions {
    std::string file;
    std::string output;
    std::size_t charted = 3;
};

ExitCode run_report(const GlobalOptions& global, const ReportOptions& o) {
    const auto requirement = read_requirement_file(o.file);
    const auto& catalogue = load_catalogue(global);
    const auto prices = load_prices(global, all_grades(catalogue), "any grade of the catalogue");
    const auto page = report::design_review(requirement, catalogue, prices, SupplyData::builtin(),
                                            report::ReviewOptions{o.charted});
    write_file_atomically(o.output, page.html);
    std::cerr << fmt::format("magsel: wrote {}{}\n", o.output,
                             page.candidates == 0 ? ": no grade meets every requirement (the page lists why)" : "");
    return page.candidates == 0 ? ExitCode::failed : ExitCode::success;
}

}  // namespace

void register_report(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<ReportOptions>();
    auto* cmd = app.add_subcommand("report", "Write a design-review page (self-contained HTML) for a requirement file");
    cmd->footer("Examples:\n  magsel report examples/ev-traction-ipm.yaml -o review.html\n"
                "  magsel --market europe report examples/wind-direct-drive-generator.yaml -o wind.html --charts 5\n\n"
                "The page: requirement, ranked candidates with margins, rejections with their numbers, HRE-free and\n"
                "export-control-free alternatives, the no-export-controlled scenario, cost lines, demagnetization\n"
                "charts, the Pareto scatter and every source. Exit 0 when written, 1 when written but no grade\n"
                "qualifies (the page then lists every rejection), 2 on bad input.");
    cmd->add_option("requirement", o->file, "Requirement file (docs/requirement-file-format.md)")->required();
    cmd->add_option("-o,--output", o->output, "The HTML file to write (atomically)")->required();
    cmd->add_option("--charts", o->charted, "How many front-runners get a demagnetization chart and cost lines")
        ->check(CLI::Range(1, 20));
    cmd->callback([&global, &exit_code, o] { exit_code = run_report(global, *o); });
}

}  // namespace magsel::cli
