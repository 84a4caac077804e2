// magsel sweep (--grades A,B,... | --family F | --req REQ.yaml) --vary temperature|field|pc
//              --from A --to B --steps N [--pc P] [--field H] [--at T] [-o FILE] [--plot FILE.svg]
// One row per (grade, value): Br, Hcj, working point, knee margin, loss.
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/error.hpp"
#include "magsel/grade_listing.hpp"
#include "magsel/output_file.hpp"
#include "magsel/report/demag_report.hpp"
#include "magsel/report/sweep_report.hpp"
#include "magsel/select.hpp"
#include "shape_option.hpp"

namespace magsel::cli {
namespace {

struct SweepOptions {
    std::string grades, family, requirement;
    std::string vary = "temperature";
    std::string from, to;
    int steps = 21;
    double pc = 2.0;
    std::string field = "0 kA/m";
    std::string at = "20 degC";
    std::string basis = "min";
    std::string quantity = "loss";
    std::string output, plot;
    std::string format;
    ShapeOptions shape;
    bool pc_given = false;
};

/// The sweep's ends in the swept quantity's type.
SweepValues parse_ends(const std::string& vary, const std::string& from, const std::string& to) {
    if (from.empty() || to.empty()) throw UsageError("--from and --to are required");
    if (vary == "temperature") return SweepRange<units::Temperature>{units::parse_temperature(from), units::parse_temperature(to)};
    if (vary == "field") return SweepRange<units::FieldStrength>{units::parse_field_strength(from), units::parse_field_strength(to)};
    return SweepRange<double>{parse_plain_number(from, "a permeance coefficient"), parse_plain_number(to, "a permeance coefficient")};
}

std::vector<const Grade*> chosen_grades(const GlobalOptions& global, const SweepOptions& o, const Catalogue& catalogue) {
    if (!o.grades.empty() + !o.family.empty() + !o.requirement.empty() != 1)
        throw UsageError("choose the grades with one of --grades, --family or --req");
    std::vector<const Grade*> grades;
    if (!o.family.empty()) return grades_of_family(catalogue, *family_from_string(o.family));
    if (!o.grades.empty()) {
        std::stringstream list(o.grades);
        for (std::string name; std::getline(list, name, ',');)
            if (!name.empty()) grades.push_back(&catalogue.find(name));
        return grades;
    }
    const auto m = match(catalogue, read_requirement_file(o.requirement), load_prices(global), SupplyData::builtin());
    for (const auto& c : m.candidates) grades.push_back(c.evaluation.grade);
    if (grades.empty()) throw UsageError(fmt::format("no grade of the catalogue meets {}", o.requirement));
    return grades;
}

ExitCode run_sweep(const GlobalOptions& global, const SweepOptions& o) {
    const auto& catalogue = load_catalogue(global);
    const auto grades = chosen_grades(global, o, catalogue);
    if (grades.empty()) throw UsageError("no grade to sweep");
    SweepSpec spec;
    spec.values = parse_ends(o.vary, o.from, o.to);
    spec.steps = o.steps;
    spec.load = LoadLine{o.pc, units::parse_field_strength(o.field)};
    if (const auto from_shape = shape_permeance(o.shape)) {
        if (o.pc_given) throw UsageError("give --pc, or the shape (--geometry, --ld), not both");
        if (o.vary == "pc") throw UsageError("--vary pc sweeps the Pc: leave out --geometry and --ld");
        spec.load.permeance_coefficient = from_shape->pc;
        std::cerr << "magsel: " << report::shape_permeance_text(*from_shape);  // stdout carries the table only
    }
    spec.temperature = units::parse_temperature(o.at);
    spec.basis = basis_from_string(o.basis);
    const auto rows = sweep(grades, spec);
    for (const auto& note : sweep_limit_notes(grades, spec)) std::cerr << "magsel: " << note << '\n';

    const auto text = o.format == "json" ? report::json_text(report::sweep_json(rows)) : report::sweep_csv(rows);
    OutputFiles outputs;  // staged, and committed together: a run that fails replaces none
    if (!o.output.empty()) outputs.add(o.output, text);
    if (!o.plot.empty())
        outputs.add(o.plot, render_svg(report::sweep_plot(rows, grades, spec, report::sweep_quantity_from_string(o.quantity))));
    outputs.commit();
    if (o.output.empty()) std::cout << text;
    return ExitCode::success;
}

}  // namespace

void register_sweep(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<SweepOptions>();
    auto* cmd = app.add_subcommand("sweep", "A trade study: grades over temperature, opposing field or Pc (CSV/JSON, SVG)");
    cmd->footer("Examples:\n"
                "  magsel sweep --grades N42SH,N45SH,N38UH --vary temperature --from 80degC --to 200degC --steps 25 \\\n"
                "               --pc 2 --field 400kA/m --plot loss.svg\n"
                "  magsel sweep --family sintered-ndfeb --vary field --from 0kA/m --to 1500kA/m --steps 31 --at 150degC\n"
                "  magsel sweep --req examples/ev-traction-ipm.yaml --vary pc --from 0.5 --to 5 --steps 10 --at 180degC \\\n"
                "               --field 600kA/m -o sweep.csv\n\n"
                "Here --grades is a comma-separated list of grade names; give a user grade directory\n"
                "(the global --grades DIR) before `sweep`.");
    cmd->add_option("--grades", o->grades, "Comma-separated grade names");
    add_family_option(*cmd, o->family, "Every grade of a family");
    cmd->add_option("--req", o->requirement, "The grades that meet a requirement file");
    cmd->add_option("--vary", o->vary, "temperature, field or pc")->check(CLI::IsMember({"temperature", "field", "pc"}))->capture_default_str();
    cmd->add_option("--from", o->from, "First value (e.g. 80degC, 0kA/m, 0.5)");
    cmd->add_option("--to", o->to, "Last value");
    cmd->add_option("--steps", o->steps, "Number of values, both ends included")->capture_default_str();
    cmd->add_option("--pc", o->pc, "Permeance coefficient when it is not swept")->capture_default_str()->each([o](const std::string&) { o->pc_given = true; });
    add_shape_options(*cmd, o->shape);
    cmd->add_option("--field", o->field, "Opposing field when it is not swept")->capture_default_str();
    cmd->add_option("--at", o->at, "Temperature when it is not swept")->capture_default_str();
    cmd->add_option("--basis", o->basis, "min or typ")->check(CLI::IsMember({"min", "typ"}))->capture_default_str();
    cmd->add_option("--quantity", o->quantity, "What --plot draws: loss, br, hcj, b, knee-margin")
        ->check(CLI::IsMember(report::sweep_quantity_names()))->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Write the table to this file (written whole or not at all)");
    cmd->add_option("--plot", o->plot, "Draw --quantity against the swept variable, one line per grade (SVG)");
    add_format_option(*cmd, o->format, {"csv", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_sweep(global, *o); });
}

}  // namespace magsel::cli
