// magsel sweep (--grades A,B,... | --family F | --req REQ.yaml) --vary temperature|field|pc
//              --from A --to B --steps N [--pc P] [--field H] [--at T] [-o FILE] [--plot FILE.svg]
// One row per (grade, value): Br, Hcj, working point, knee margin, loss.
#include <iostream>
#include <memory>

#include "context.hpp"
#include "magsel/output_file.hpp"
#include "magsel/report/sweep_report.hpp"
#include "magsel/select.hpp"
#include "sweep_inputs.hpp"

namespace magsel::cli {
namespace {

ExitCode run_sweep(const GlobalOptions& global, const SweepOptions& o) {
    const auto& catalogue = load_catalogue(global);
    const auto [grades, spec] = sweep_inputs(global, o, catalogue);
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
    cmd->add_option("--req", o->requirement,
                    "The grades that meet a requirement file, with its Pc, field and basis unless given here");
    cmd->add_option("--vary", o->vary, "temperature, field or pc")->check(CLI::IsMember({"temperature", "field", "pc"}))->capture_default_str();
    cmd->add_option("--from", o->from, "First value (e.g. 80degC, 0kA/m, 0.5)");
    cmd->add_option("--to", o->to, "Last value");
    cmd->add_option("--steps", o->steps, "Number of values, both ends included")->capture_default_str();
    cmd->add_option("--pc", o->pc, "Permeance coefficient when it is not swept")->capture_default_str()->each([o](const std::string&) { o->pc_given = true; });
    add_shape_options(*cmd, o->shape);
    cmd->add_option("--field", o->field, "Opposing field when it is not swept (with --req: the requirement's)")
        ->capture_default_str()->each([o](const std::string&) { o->field_given = true; });
    cmd->add_option("--at", o->at, "Temperature when it is not swept")->capture_default_str();
    cmd->add_option("--basis", o->basis, "min or typ (with --req: the requirement's)")
        ->check(CLI::IsMember({"min", "typ"}))->capture_default_str()->each([o](const std::string&) { o->basis_given = true; });
    cmd->add_option("--quantity", o->quantity, "What --plot draws: loss, br, hcj, b, knee-margin")
        ->check(CLI::IsMember(report::sweep_quantity_names()))->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Write the table to this file (written whole or not at all)");
    cmd->add_option("--plot", o->plot, "Draw --quantity against the swept variable, one line per grade (SVG)");
    add_format_option(*cmd, o->format, {"csv", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_sweep(global, *o); });
}

}  // namespace magsel::cli
