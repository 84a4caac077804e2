// magsel plot GRADE --at T [--at T]... [--pc P] [--field H] [--units si|cgs] -o FILE.svg
// magsel plot --scatter REQ.yaml [--x cost|dy-tb] -o FILE.svg — match's candidates and their front
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/demag_plot.hpp"
#include "magsel/error.hpp"
#include "magsel/match_plot.hpp"
#include "magsel/output_file.hpp"
#include "magsel/quantity_parser.hpp"

namespace magsel::cli {
namespace {

struct PlotOptions {
    std::string grade;
    std::vector<std::string> at;
    double pc = 0.0;
    std::string field = "0 kA/m";
    std::string units = "si";
    std::string basis = "min";
    std::string loss_limit = "1 %";
    std::string output;
    std::string scatter;  ///< a requirement file: the scatter chart of its candidates
    std::string x_axis = "cost";
};

ExitCode run_scatter(const GlobalOptions& global, const PlotOptions& o) {
    const auto& catalogue = load_catalogue(global);
    const auto requirement = read_requirement_file(o.scatter);
    const auto result = match(catalogue, requirement, load_prices(global), SupplyData::builtin());
    if (result.candidates.empty()) {
        std::cerr << fmt::format("magsel: no grade meets {}: nothing to plot (see `magsel match {} --explain`)\n",
                                 requirement.name, o.scatter);
        return ExitCode::failed;
    }
    const auto plot = candidates_scatter_plot(result, requirement, o.x_axis == "cost" ? ScatterAxis::cost : ScatterAxis::dy_tb);
    write_file_atomically(o.output, render_svg(plot));
    std::cerr << fmt::format("magsel: wrote {}\n", o.output);
    return ExitCode::success;
}

ExitCode run_plot(const GlobalOptions& global, const PlotOptions& o) {
    if (!o.scatter.empty()) {
        if (!o.grade.empty() || !o.at.empty() || o.pc != 0.0)
            throw UsageError("--scatter draws the candidates of a requirement: give no grade, --at or --pc with it");
        return run_scatter(global, o);
    }
    if (o.grade.empty()) throw UsageError("plot needs a grade (or --scatter REQ.yaml)");
    const auto& catalogue = load_catalogue(global);
    const auto& g = catalogue.find(o.grade);
    std::vector<units::Temperature> temperatures;
    for (const auto& t : o.at) temperatures.push_back(units::parse_temperature(t));
    if (temperatures.empty()) temperatures.push_back(units::reference_temperature());
    if (temperatures.size() > 7) throw UsageError("at most 7 temperatures fit one chart");
    std::optional<LoadLine> load;
    if (o.pc != 0.0) {
        if (!(o.pc > 0.0)) throw UsageError("--pc must be a positive number");
        load = LoadLine{o.pc, units::parse_field_strength(o.field)};
    }
    const double limit = parse_quantity(o.loss_limit, Dimension::fraction);
    if (!(limit >= 0.0 && limit < 1.0)) throw UsageError("--loss-limit must be between 0 % and 100 %");
    const auto plot = demag_curves_plot(g, temperatures, load, basis_from_string(o.basis),
                                        o.units == "cgs" ? PlotUnits::cgs : PlotUnits::si, limit);
    write_file_atomically(o.output, render_svg(plot));
    std::cerr << fmt::format("magsel: wrote {}\n", o.output);
    return ExitCode::success;
}

}  // namespace

void register_plot(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<PlotOptions>();
    auto* cmd = app.add_subcommand("plot", "Second-quadrant B and J curves, knees, load line and working points (SVG)");
    cmd->footer("Examples:\n  magsel plot N48SH --at 20degC --at 100degC --at 150degC -o n48sh.svg\n"
                "  magsel plot N48SH --at 20degC --at 150degC --pc 2 --field 400kA/m -o n48sh-load.svg\n"
                "  magsel plot N48SH --at 20degC --at 150degC --at 180degC --pc 2 --field 600kA/m -o n48sh-fail.svg\n"
                "  magsel plot Y30BH --at -40degC --at 20degC --at 100degC --units cgs -o y30bh.svg\n"
                "  magsel plot --scatter examples/ev-traction-ipm.yaml --x cost -o ev-candidates.svg");
    cmd->add_option("grade", o->grade, "Grade name or alias");
    cmd->add_option("--scatter", o->scatter,
                    "Instead of a grade: every candidate of `match` on this requirement, Br at the worst "
                    "temperature against --x, with the Pareto front")
        ->type_name("REQ.yaml");
    cmd->add_option("--x", o->x_axis, "x axis of --scatter: cost (USD/kg) or dy-tb (wt %)")
        ->check(CLI::IsMember({"cost", "dy-tb"}))
        ->capture_default_str();
    cmd->add_option("--at", o->at, "A temperature (repeatable, up to 7; default 20degC)");
    cmd->add_option("--pc", o->pc, "Draw the load line of this permeance coefficient and the working points");
    cmd->add_option("--field", o->field, "Extra opposing field that shifts the load line (e.g. 400kA/m)")
        ->capture_default_str();
    cmd->add_option("--loss-limit", o->loss_limit,
                    "A working point whose irreversible loss is above this is drawn as an X (fails)")
        ->capture_default_str();
    cmd->add_option("--units", o->units, "si (kA/m, T) or cgs (kOe, kG)")
        ->check(CLI::IsMember({"si", "cgs"}))
        ->capture_default_str();
    cmd->add_option("--basis", o->basis, "min (guaranteed, default) or typ values")
        ->check(CLI::IsMember({"min", "typ"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", o->output, "SVG file to write (written whole or not at all)")->required();
    cmd->callback([&global, &exit_code, o] { exit_code = run_plot(global, *o); });
}

}  // namespace magsel::cli
