// magsel fit INPUT... --name N --family F [--source-title T --source-url U --source-date D]
//            [--dy-tb X [--dy-tb-estimated HOW]] [-o FILE] [--plot FILE.svg]
// Datasheet points (CSV or YAML) → a grade file with fitted typical values (docs/fit.md).
#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/error.hpp"
#include "magsel/output_file.hpp"
#include "magsel/fit.hpp"
#include "magsel/quantity_parser.hpp"
#include "magsel/svg_plot.hpp"

namespace magsel::cli {
namespace {

struct FitOptions {
    std::vector<std::string> inputs;
    std::string name, family;
    std::string source_title, source_publisher, source_url, source_document, source_date, source_retrieved;
    std::string dy_tb, dy_tb_estimated;
    std::string output, plot;
};

std::string today() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

/// What the grade file still needs, in the command line's terms.
void require_complete(const FitGradeInfo& info) {
    const auto missing = missing_fields(info);
    if (missing.empty()) return;
    switch (missing.front()) {
        case FitGradeField::name: throw UsageError("the grade needs a name: --name, or `name:` in a YAML input");
        case FitGradeField::family:
            throw UsageError(info.family.empty() ? "the grade needs a family: --family, or `family:` in a YAML input"
                                                 : fmt::format("unknown family `{}`", info.family));
        case FitGradeField::source:
            throw UsageError("the grade file needs the datasheet as its source: --source-title, --source-url (or "
                             "--source-document) and --source-date, or `source:` in a YAML input");
        case FitGradeField::dy_tb:
            throw UsageError("an NdFeB grade needs its Dy + Tb content: --dy-tb (with --dy-tb-estimated \"how\" when the "
                             "maker does not publish it), or `heavy_rare_earth:` in a YAML input");
    }
}

ExitCode run_fit(const FitOptions& o) {
    const auto date = today();
    FitGradeInfo info;
    info.name = o.name;
    info.family = o.family;
    const bool any_source = !o.source_title.empty() || !o.source_url.empty() || !o.source_document.empty() ||
                            !o.source_date.empty() || !o.source_publisher.empty();
    if (any_source) {
        if (o.source_title.empty() || o.source_date.empty() || (o.source_url.empty() && o.source_document.empty()))
            throw UsageError("a source needs --source-title, --source-date and --source-url or --source-document");
        Source s;
        s.id = "file";
        s.title = o.source_title;
        s.publisher = o.source_publisher;
        s.url = o.source_url;
        s.document = o.source_document;
        s.date = o.source_date;
        s.retrieved = o.source_retrieved.empty() ? date : o.source_retrieved;
        info.source = s;
    }
    if (!o.dy_tb.empty()) {
        info.dy_tb = parse_quantity(o.dy_tb, Dimension::fraction);
        info.dy_tb_estimated = o.dy_tb_estimated;
    }

    const auto data = read_fit_data(o.inputs);
    info.fill_from(data.info);  // the command line wins over the input's name, family, source
    const auto result = fit_grade(data);
    for (const auto& w : result.warnings) std::cerr << "warning: " << w << '\n';
    require_complete(info);
    const auto text = fit_grade_file(data, result, info, date);
    std::cerr << fit_summary(info.name, result) << '\n';

    // every output is staged first and committed together: a run that fails replaces none
    OutputFiles outputs;
    if (!o.output.empty()) outputs.add(o.output, text);
    if (!o.plot.empty())
        outputs.add(o.plot, render_svg(fit_plot(data, result, fmt::format("{}: datasheet points and fit", info.name))));
    outputs.commit();
    if (o.output.empty()) std::cout << text;
    return ExitCode::success;
}

}  // namespace

void register_fit(CLI::App& app, const GlobalOptions&, ExitCode& exit_code) {
    auto o = std::make_shared<FitOptions>();
    auto* cmd = app.add_subcommand("fit", "Fit datasheet points (CSV/YAML) and write a grade file (docs/fit.md)");
    cmd->footer("Examples:\n"
                "  magsel fit props.csv curves.csv --name ACME-N42SH --family sintered-ndfeb \\\n"
                "      --source-title \"ACME N42SH datasheet\" --source-url https://example.com/n42sh.pdf \\\n"
                "      --source-date 2024-05 --dy-tb 3% --dy-tb-estimated \"SH class\" -o mygrades/acme.yaml --plot fit.svg\n"
                "  magsel fit acme-n42sh.yaml -o mygrades/acme.yaml     (name, family, source in the YAML input)\n\n"
                "The fitted values are typical values and are written as `typ`. Warnings (a poor fit) go to\n"
                "stderr; the file is still written. Exit code 2 on bad input.");
    cmd->add_option("inputs", o->inputs, "CSV or YAML files of property rows and/or curve points")->required();
    cmd->add_option("--name", o->name, "Grade name");
    add_family_option(*cmd, o->family, "Family");
    cmd->add_option("--source-title", o->source_title, "Title of the datasheet the points come from");
    cmd->add_option("--source-publisher", o->source_publisher, "Its publisher (the maker)");
    cmd->add_option("--source-url", o->source_url, "Its URL");
    cmd->add_option("--source-document", o->source_document, "Its document number, when there is no URL");
    cmd->add_option("--source-date", o->source_date, "Its date: YYYY-MM-DD, YYYY-MM, YYYY or undated");
    cmd->add_option("--source-retrieved", o->source_retrieved, "When it was read (default: today)");
    cmd->add_option("--dy-tb", o->dy_tb, "Dy + Tb content, e.g. 3.5% (needed for NdFeB grades)");
    cmd->add_option("--dy-tb-estimated", o->dy_tb_estimated, "How Dy + Tb was estimated, when it is not published");
    cmd->add_option("-o,--output", o->output, "Write the grade file here (whole or not at all); default: stdout");
    cmd->add_option("--plot", o->plot, "Draw the points over the fitted curves (SVG)");
    cmd->callback([&exit_code, o] { exit_code = run_fit(*o); });
}

}  // namespace magsel::cli
