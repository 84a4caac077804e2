// magsel sweep (--grades A,B,... | --family F | --req REQ.yaml) --vary temperature|field|pc
//              --from A --to B --steps N [--pc P] [--field H] [--at T] [-o FILE] [--plot FILE.svg]
// One row per (grade, value): Br, Hcj, working point, knee margin, loss.
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "magsel/output_file.hpp"
#include "magsel/select.hpp"
#include "magsel/study.hpp"
#include "magsel/svg_plot.hpp"
#include "output.hpp"
#include "shape_option.hpp"

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

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

double parse_plain(const std::string& text) {
    try {
        std::size_t used = 0;
        const double x = std::stod(text, &used);
        if (used == text.size()) return x;
    } catch (const std::exception&) {
    }
    throw UsageError(fmt::format("`{}`: a permeance coefficient is a plain number", text));
}

/// The sweep's ends in the swept quantity's type.
SweepValues parse_ends(const std::string& vary, const std::string& from, const std::string& to) {
    if (vary == "temperature")
        return SweepRange<units::Temperature>{units::parse_temperature(from), units::parse_temperature(to)};
    if (vary == "field")
        return SweepRange<units::FieldStrength>{units::parse_field_strength(from), units::parse_field_strength(to)};
    return SweepRange<double>{parse_plain(from), parse_plain(to)};
}

double display_value(const SweepRow& r, SweepVariable v) {
    return v == SweepVariable::temperature ? units::to_celsius(r.point.temperature)
           : v == SweepVariable::field     ? r.point.load_line.opposing_field.value() / 1000.0
                                           : r.point.load_line.permeance_coefficient;
}


struct QuantityInfo {
    const char* key;
    const char* label;
    double (*get)(const SweepRow&);
};
const std::vector<QuantityInfo>& quantities() {
    static const std::vector<QuantityInfo> q{
        {"loss", "instantaneous irreversible loss [%]", [](const SweepRow& r) { return r.point.irreversible_loss * 100.0; }},
        {"br", "Br [T]", [](const SweepRow& r) { return r.remanence.value(); }},
        {"hcj", "Hcj [kA/m]", [](const SweepRow& r) { return r.intrinsic_coercivity.value() / 1000.0; }},
        {"b", "working-point B [T]", [](const SweepRow& r) { return r.point.flux_density.value(); }},
        {"knee-margin", "knee margin [kA/m]", [](const SweepRow& r) { return r.point.knee_margin.value() / 1000.0; }},
    };
    return q;
}

ExitCode run_sweep(const GlobalOptions& global, const SweepOptions& o) {
    const auto catalogue = load_catalogue(global);
    const int chosen = !o.grades.empty() + !o.family.empty() + !o.requirement.empty();
    if (chosen != 1) throw UsageError("choose the grades with one of --grades, --family or --req");
    std::vector<const Grade*> grades;
    if (!o.grades.empty()) {
        std::stringstream list(o.grades);
        for (std::string name; std::getline(list, name, ',');)
            if (!name.empty()) grades.push_back(&catalogue.find(name));
    } else if (!o.family.empty()) {
        for (const auto& g : catalogue.grades())
            if (to_string(g.family) == o.family) grades.push_back(&g);
    } else {
        const auto r = read_requirement_file(o.requirement);
        const auto m = match(catalogue, r, load_prices(global), SupplyData::builtin());
        for (const auto& c : m.candidates) grades.push_back(c.evaluation.grade);
        if (grades.empty()) throw UsageError(fmt::format("no grade of the catalogue meets {}", o.requirement));
    }
    if (grades.empty()) throw UsageError("no grade to sweep");
    SweepSpec spec;
    if (o.from.empty() || o.to.empty()) throw UsageError("--from and --to are required");
    spec.values = parse_ends(o.vary, o.from, o.to);
    const auto variable = swept_variable(spec);
    spec.steps = o.steps;
    spec.load = LoadLine{o.pc, units::parse_field_strength(o.field)};
    if (const auto from_shape = shape_permeance(o.shape)) {
        if (o.pc_given) throw UsageError("give --pc, or the shape (--geometry, --ld), not both");
        if (variable == SweepVariable::permeance) throw UsageError("--vary pc sweeps the Pc: leave out --geometry and --ld");
        spec.load.permeance_coefficient = from_shape->pc;
        // stdout carries the table (CSV or JSON) only
        std::cerr << "magsel: " << shape_permeance_text(*from_shape);
    }
    spec.temperature = units::parse_temperature(o.at);
    spec.basis = basis_from_string(o.basis);
    const auto rows = sweep(grades, spec);
    if (variable == SweepVariable::temperature)
        for (const Grade* g : grades) {  // say where a curve stops (stderr: stdout is the table)
            const auto envelope = temperature_envelope(*g);
            if (envelope.high && std::get<0>(spec.values).to >= *envelope.high)
                std::cerr << fmt::format("magsel: {}: the curve stops below its Curie temperature {:g} °C ({})\n", g->name,
                                         units::to_celsius(*envelope.high), g->source_for(g->curie_limit->source_id).citation());
            if (envelope.low && std::get<0>(spec.values).from < *envelope.low)
                std::cerr << fmt::format("magsel: {}: the curve starts at its spin-reorientation temperature {:g} °C ({})\n",
                                         g->name, units::to_celsius(*envelope.low),
                                         g->source_for(g->spin_reorientation_limit->source_id).citation());
        }

    std::string text;
    if (o.format == "json") {
        auto out = ordered_json::array();
        for (const auto& r : rows)
            out.push_back({{"grade", r.grade->name},
                           {"temperature_degC", units::to_celsius(r.point.temperature)},
                           {"permeance_coefficient", r.point.load_line.permeance_coefficient},
                           {"opposing_field_kA_m", r.point.load_line.opposing_field.value() / 1000.0},
                           {"remanence_T", r.remanence.value()},
                           {"intrinsic_coercivity_kA_m", r.intrinsic_coercivity.value() / 1000.0},
                           {"working_field_kA_m", r.point.working_field.value() / 1000.0},
                           {"flux_density_T", r.point.flux_density.value()},
                           {"knee_margin_kA_m", r.point.knee_margin.value() / 1000.0},
                           {"irreversible_loss_percent", r.point.irreversible_loss * 100.0},
                           {"loss_kind", "instantaneous"},
                           {"extrapolated", r.point.extrapolated}});
        text = report::json_text(out);
    } else {
        Table t;
        t.header = {"grade", "temperature_degC", "permeance_coefficient",
                    "opposing_field_kA_m", "remanence_T", "intrinsic_coercivity_kA_m", "working_field_kA_m",
                    "flux_density_T", "knee_margin_kA_m", "irreversible_loss_percent", "extrapolated"};
        for (const auto& r : rows)
            t.rows.push_back({r.grade->name, fmt::format("{:.6g}", units::to_celsius(r.point.temperature)),
                              fmt::format("{:.6g}", r.point.load_line.permeance_coefficient),
                              fmt::format("{:.6g}", r.point.load_line.opposing_field.value() / 1000.0),
                              fmt::format("{:.6g}", r.remanence.value()),
                              fmt::format("{:.6g}", r.intrinsic_coercivity.value() / 1000.0),
                              fmt::format("{:.6g}", r.point.working_field.value() / 1000.0),
                              fmt::format("{:.6g}", r.point.flux_density.value()),
                              fmt::format("{:.6g}", r.point.knee_margin.value() / 1000.0),
                              fmt::format("{:.6g}", r.point.irreversible_loss * 100.0),
                              r.point.extrapolated ? "yes" : "no"});
        text = render(t, TableFormat::csv);
    }
    // every output is staged first and committed together: a run that fails replaces none
    OutputFiles outputs;
    if (!o.output.empty()) outputs.add(o.output, text);
    if (!o.plot.empty()) {
        const QuantityInfo* q = nullptr;
        for (const auto& info : quantities())
            if (o.quantity == info.key) q = &info;
        Plot plot;
        plot.title = fmt::format("{} vs {}", q->label, to_string(variable));
        plot.x_label = variable == SweepVariable::temperature ? "T [°C]"
                       : variable == SweepVariable::field     ? "opposing field Ha [kA/m]"
                                                                   : "permeance coefficient Pc";
        plot.y_label = q->label;
        for (std::size_t i = 0; i < grades.size(); ++i) {
            PlotSeries s{grades[i]->name, plot_color(i), {}, i >= 7, 2.0};
            for (const auto& r : rows)
                if (r.grade == grades[i]) s.points.emplace_back(display_value(r, variable), q->get(r));
            plot.series.push_back(std::move(s));
        }
        std::vector<std::string> held;
        if (variable != SweepVariable::temperature) held.push_back(fmt::format("{:g} °C", units::to_celsius(spec.temperature)));
        if (variable != SweepVariable::permeance) held.push_back(fmt::format("Pc {:g}", spec.load.permeance_coefficient));
        if (variable != SweepVariable::field)
            held.push_back(fmt::format("opposing field {:g} kA/m", spec.load.opposing_field.value() / 1000.0));
        plot.notes.push_back(fmt::format("{}; {} values; magsel sweep", fmt::join(held, ", "), o.basis));
        outputs.add(o.plot, render_svg(plot));
    }
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
    cmd->add_option("--family", o->family, "Every grade of a family")
        ->check(CLI::IsMember({"sintered-ndfeb", "hot-deformed-ndfeb", "bonded-ndfeb", "ferrite", "smco5", "sm2co17"}));
    cmd->add_option("--req", o->requirement, "The grades that meet a requirement file");
    cmd->add_option("--vary", o->vary, "temperature, field or pc")
        ->check(CLI::IsMember({"temperature", "field", "pc"}))
        ->capture_default_str();
    cmd->add_option("--from", o->from, "First value (e.g. 80degC, 0kA/m, 0.5)");
    cmd->add_option("--to", o->to, "Last value");
    cmd->add_option("--steps", o->steps, "Number of values, both ends included")->capture_default_str();
    cmd->add_option("--pc", o->pc, "Permeance coefficient when it is not swept")
        ->capture_default_str()
        ->each([o](const std::string&) { o->pc_given = true; });
    add_shape_options(*cmd, o->shape);
    cmd->add_option("--field", o->field, "Opposing field when it is not swept")->capture_default_str();
    cmd->add_option("--at", o->at, "Temperature when it is not swept")->capture_default_str();
    cmd->add_option("--basis", o->basis, "min or typ")->check(CLI::IsMember({"min", "typ"}))->capture_default_str();
    cmd->add_option("--quantity", o->quantity, "What --plot draws: loss, br, hcj, b, knee-margin")
        ->check(CLI::IsMember({"loss", "br", "hcj", "b", "knee-margin"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", o->output, "Write the table to this file (written whole or not at all)");
    cmd->add_option("--plot", o->plot, "Draw --quantity against the swept variable, one line per grade (SVG)");
    add_format_option(*cmd, o->format, {"csv", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_sweep(global, *o); });
}

}  // namespace magsel::cli
