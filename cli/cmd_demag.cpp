// magsel demag GRADE --pc P [--field H] (--at T | --from T1 --to T2 | --max-temperature | --min-pc --at T)
// Working point on the load line, knee margin and irreversible loss; worst case over a range;
// the highest temperature within a loss limit; the smallest Pc.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/demag.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"
#include "output.hpp"
#include "shape_option.hpp"

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

struct DemagOptions {
    std::string grade;
    std::string at;
    double pc = 0.0;
    std::string field = "0 kA/m";
    std::string loss_limit = "1 %";
    std::string from, to;
    std::string step = "5 K";
    bool max_temperature = false;
    bool min_pc = false;
    bool hd5 = false;
    std::string basis = "min";
    std::string format;
    ShapeOptions shape;
};

ordered_json point_json(const WorkingPoint& w, double limit) {
    return {{"temperature_degC", units::to_celsius(w.temperature)},
            {"permeance_coefficient", w.load_line.permeance_coefficient},
            {"opposing_field_kA_m", w.load_line.opposing_field.value() / 1000.0},
            {"working_field_kA_m", w.working_field.value() / 1000.0},
            {"flux_density_T", w.flux_density.value()},
            {"polarization_T", w.polarization.value()},
            {"remanence_T", w.remanence.value()},
            {"knee_field_kA_m", w.knee_field.value() / 1000.0},
            {"knee_margin_kA_m", w.knee_margin.value() / 1000.0},
            {"flux_density_margin_T", w.flux_density_margin.value()},
            {"irreversible_loss_percent", w.irreversible_loss * 100.0},
            {"loss_kind", "instantaneous"},
            {"loss_limit_percent", limit * 100.0},
            {"passes", w.irreversible_loss <= limit},
            {"extrapolated", w.extrapolated},
            {"curve", w.measured_curve ? "measured" : "model"},
            {"warnings", w.warnings}};
}

void print_point_table(const Grade& g, const WorkingPoint& w, double limit, const char* heading) {
    std::cout << fmt::format("{} at {:g} °C, Pc {:g}, opposing field {:g} kA/m ({} basis){}\n", g.name,
                             units::to_celsius(w.temperature), w.load_line.permeance_coefficient,
                             w.load_line.opposing_field.value() / 1000.0, heading, "");
    Table t;
    t.header = {"quantity", "value"};
    t.right_align = {false, true};
    t.rows = {
        {"working field h [kA/m]", fixed(w.working_field.value() / 1000.0, 1)},
        {"flux density B [T]", fixed(w.flux_density.value(), 4)},
        {"polarization J [T]", fixed(w.polarization.value(), 4)},
        {"remanence Br(T) [T]", fixed(w.remanence.value(), 4)},
        {"knee field Hk [kA/m]", fixed(w.knee_field.value() / 1000.0, 1)},
        {"knee margin Hk - h [kA/m]", fixed(w.knee_margin.value() / 1000.0, 1)},
        {"B margin B - B(Hk) [T]", fixed(w.flux_density_margin.value(), 4)},
        {"irreversible loss (instantaneous) [%]", fixed(w.irreversible_loss * 100.0, 3)},
        {"curve", w.measured_curve ? "measured (grade file)" : "model"},
    };
    std::cout << render(t, TableFormat::text);
    std::cout << fmt::format("{}: loss {:.3f} % {} the {:g} % limit\n",
                             w.irreversible_loss <= limit ? "PASS" : "FAIL", w.irreversible_loss * 100.0,
                             w.irreversible_loss <= limit ? "within" : "above", limit * 100.0);
    std::cout << "loss: instantaneous irreversible loss on recoil from the working point; time-dependent\n"
                 "(magnetic viscosity, hours at temperature) loss is not included (docs/physics.md)\n";
    for (const auto& warning : w.warnings) std::cout << "warning: " << warning << '\n';
}

/// `demag GRADE --hd5 --at T`: the knee field Hk and HD5 at each temperature (no load line).
ExitCode run_hd5(const Grade& g, const std::vector<units::Temperature>& temperatures, Basis basis, bool json) {
    auto arr = ordered_json::array();
    Table t;
    t.header = {"T [°C]", "Hk [kA/m]", "HD5 [kA/m]", "Hcj [kA/m]", "curve"};
    t.right_align = {true, true, true, true, false};
    std::vector<std::string> warnings;
    for (const auto& temperature : temperatures) {
        const auto p = properties_at(g, temperature, basis);
        for (const auto& w : p.warnings) warnings.push_back(w);
        arr.push_back({{"temperature_degC", units::to_celsius(temperature)},
                       {"knee_field_kA_m", p.knee_field.value() / 1000.0},
                       {"hd5_kA_m", p.hd5.value() / 1000.0},
                       {"intrinsic_coercivity_kA_m", p.intrinsic_coercivity.value() / 1000.0},
                       {"extrapolated", p.extrapolated},
                       {"curve", p.measured_curve ? "measured" : "model"},
                       {"warnings", p.warnings}});
        t.rows.push_back({fmt::format("{:g}{}", units::to_celsius(temperature), p.extrapolated ? "*" : ""),
                          fixed(p.knee_field.value() / 1000.0, 1), fixed(p.hd5.value() / 1000.0, 1),
                          fixed(p.intrinsic_coercivity.value() / 1000.0, 1), p.measured_curve ? "measured" : "model"});
    }
    if (json) {
        std::cout << ordered_json{{"grade", g.name}, {"basis", to_string(basis)}, {"loss_kind", "instantaneous"},
                                  {"points", arr}}
                         .dump(2)
                  << '\n';
        return ExitCode::success;
    }
    std::cout << fmt::format("{}: knee field Hk (J = 0.9·Br) and HD5 ({} basis)\n", g.name, to_string(basis));
    std::cout << render(t, TableFormat::text);
    std::cout << "HD5: the internal demagnetizing field after which recoil leaves 5 % instantaneous irreversible loss\n"
                 "(IEC 60404-8-1), read off this curve; time-dependent (magnetic viscosity) loss is not included\n";
    for (const auto& w : warnings) std::cout << "warning: " << w << '\n';
    return ExitCode::success;
}

ExitCode run_demag(const GlobalOptions& global, const DemagOptions& options) {
    const auto catalogue = load_catalogue(global);
    const auto& g = catalogue.find(options.grade);
    const auto basis = basis_from_string(options.basis);
    const auto from_shape = shape_permeance(options.shape);
    if (from_shape && options.pc != 0.0) throw UsageError("give --pc, or the shape (--geometry, --ld), not both");
    DemagOptions o = options;
    if (from_shape) o.pc = from_shape->pc;
    // The Pc from the shape is said before any result that uses it (not for --min-pc, which searches Pc).
    auto say_shape = [&](ordered_json* out) {
        if (!from_shape || o.min_pc || o.hd5) return;
        if (out) (*out)["from_shape"] = shape_permeance_json(*from_shape);
        else std::cout << shape_permeance_text(*from_shape);
    };
    const LoadLine load{o.pc, units::parse_field_strength(o.field)};
    const double limit = parse_quantity(o.loss_limit, Dimension::fraction);
    if (!(limit >= 0.0 && limit < 1.0)) throw UsageError("--loss-limit must be between 0 % and 100 %");
    const bool json = o.format == "json";

    if (o.hd5) {
        if (o.at.empty()) throw UsageError("--hd5 needs --at T");
        const auto t = units::parse_temperature(o.at);
        require_within_envelope(g, t);
        return run_hd5(g, {t}, basis, json);
    }
    if (o.max_temperature) {
        const auto r = max_temperature_within_loss(g, load, limit, basis);
        if (json) {
            ordered_json out{{"grade", g.name},
                             {"permeance_coefficient", o.pc},
                             {"opposing_field_kA_m", load.opposing_field.value() / 1000.0},
                             {"loss_limit_percent", limit * 100.0},
                             {"loss_kind", "instantaneous"},
                             {"basis", to_string(basis)},
                             {"max_temperature_degC", r.temperature ? ordered_json(units::to_celsius(*r.temperature))
                                                                    : ordered_json(nullptr)},
                             {"limited_by_loss", r.limited}};
            say_shape(&out);
            std::cout << out.dump(2) << '\n';
            return r.temperature ? ExitCode::success : ExitCode::failed;
        }
        say_shape(nullptr);
        if (!r.temperature) {
            std::cout << fmt::format("{}: the loss exceeds {:g} % already at -60 °C (Pc {:g}, {:g} kA/m)\n", g.name,
                                     limit * 100.0, o.pc, load.opposing_field.value() / 1000.0);
        } else {
            std::cout << fmt::format("max_temperature_degC {:.1f}{}\n", units::to_celsius(*r.temperature),
                                     r.limited ? "" : "  (not limited by demagnetization up to the 400 °C search limit)");
        }
        return r.temperature ? ExitCode::success : ExitCode::failed;
    }
    if (o.min_pc) {
        if (o.at.empty()) throw UsageError("--min-pc needs --at T");
        if (from_shape) throw UsageError("--min-pc searches the Pc: leave out --geometry and --ld");
        const auto t = units::parse_temperature(o.at);
        require_within_envelope(g, t);
        const auto pc = min_permeance_within_loss(g, t, load.opposing_field, limit, basis);
        if (json)
            std::cout << ordered_json{{"grade", g.name},
                                      {"temperature_degC", units::to_celsius(t)},
                                      {"opposing_field_kA_m", load.opposing_field.value() / 1000.0},
                                      {"loss_limit_percent", limit * 100.0},
                                      {"loss_kind", "instantaneous"},
                                      {"min_permeance_coefficient", pc ? ordered_json(*pc) : ordered_json(nullptr)}}
                             .dump(2)
                      << '\n';
        else if (pc)
            std::cout << fmt::format("min_permeance_coefficient {:.3g}\n", *pc);
        else
            std::cout << fmt::format("{}: no Pc up to 100 keeps the loss within {:g} %\n", g.name, limit * 100.0);
        return pc ? ExitCode::success : ExitCode::failed;
    }
    if (!(o.pc > 0.0)) throw UsageError("--pc must be a positive number (or give the shape: --geometry, --ld)");

    if (!o.from.empty() || !o.to.empty()) {
        if (o.from.empty() || o.to.empty()) throw UsageError("--from and --to go together");
        const auto from = units::parse_temperature(o.from), to = units::parse_temperature(o.to);
        require_within_envelope(g, from);  // both ends inside means the whole range is (the envelope is an interval)
        require_within_envelope(g, to);
        const auto r = worst_over_range(g, from, to, load, basis, units::parse_temperature_difference(o.step));
        const bool passes = r.worst.irreversible_loss <= limit;
        if (json) {
            auto out = point_json(r.worst, limit);
            out["worst_temperature_degC"] = units::to_celsius(r.worst.temperature);
            out["grade"] = g.name;
            out["basis"] = to_string(basis);
            say_shape(&out);
            std::cout << out.dump(2) << '\n';
        } else {
            say_shape(nullptr);
            std::cout << fmt::format("worst point of {:g}…{:g} °C ({} temperatures): {:g} °C\n",
                                     units::to_celsius(r.points.front().temperature),
                                     units::to_celsius(r.points.back().temperature), r.points.size(),
                                     units::to_celsius(r.worst.temperature));
            print_point_table(g, r.worst, limit, std::string(to_string(basis)).c_str());
        }
        return passes ? ExitCode::success : ExitCode::failed;
    }

    if (o.at.empty()) throw UsageError("give --at T, or --from T1 --to T2, or --max-temperature, or --min-pc");
    const auto at = units::parse_temperature(o.at);
    require_within_envelope(g, at);
    const auto w = working_point(g, at, load, basis);
    if (json) {
        auto out = point_json(w, limit);
        out["grade"] = g.name;
        out["basis"] = to_string(basis);
        say_shape(&out);
        std::cout << out.dump(2) << '\n';
    } else {
        say_shape(nullptr);
        print_point_table(g, w, limit, std::string(to_string(basis)).c_str());
    }
    return w.irreversible_loss <= limit ? ExitCode::success : ExitCode::failed;
}

}  // namespace

void register_demag(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<DemagOptions>();
    auto* cmd = app.add_subcommand("demag", "Working point on the load line, knee margin and irreversible loss");
    cmd->footer("Examples:\n"
                "  magsel demag N48SH --at 150degC --pc 2\n"
                "  magsel demag N48SH --at 150degC --pc 2 --field 800kA/m --loss-limit 1% --format json\n"
                "  magsel demag N48SH --from -40degC --to 180degC --pc 1.5 --field 600kA/m\n"
                "  magsel demag N48SH --pc 2 --field 400kA/m --max-temperature\n"
                "  magsel demag N48SH --at 150degC --field 400kA/m --min-pc\n"
                "  magsel demag N48SH --at 150degC --hd5\n"
                "  magsel demag N38 --at 20degC --ld 1.5\n"
                "  magsel demag N42SH --at 120degC --geometry block:L=4mm,W=20mm,H=10mm --field 200kA/m\n\n"
                "Exit code 0 when the loss is within the limit, 1 when it is not, 2 on bad input.");
    cmd->add_option("grade", o->grade, "Grade name or alias")->required();
    cmd->add_option("--at", o->at, "Magnet temperature (e.g. 150degC)");
    cmd->add_option("--pc", o->pc, "Permeance coefficient of the magnetic circuit, B/(μ0·h) (e.g. 2)");
    cmd->add_option("--field", o->field, "Extra opposing field, e.g. short-circuit armature reaction (e.g. 800kA/m, 10kOe)")
        ->capture_default_str();
    cmd->add_option("--loss-limit", o->loss_limit, "Largest acceptable irreversible loss (e.g. 1%)")->capture_default_str();
    cmd->add_option("--from", o->from, "Scan a temperature range from here ...");
    cmd->add_option("--to", o->to, "... to here, and report the worst point");
    cmd->add_option("--step", o->step, "Largest step of the scan")->capture_default_str();
    cmd->add_flag("--max-temperature", o->max_temperature, "Print the highest temperature within the loss limit");
    cmd->add_flag("--min-pc", o->min_pc, "Print the smallest Pc within the loss limit at --at");
    add_shape_options(*cmd, o->shape);
    cmd->add_flag("--hd5", o->hd5, "Print the knee field Hk and HD5 (field for 5 % irreversible loss) at --at");
    cmd->add_option("--basis", o->basis, "min (guaranteed, default) or typ values")
        ->check(CLI::IsMember({"min", "typ"}))
        ->capture_default_str();
    add_format_option(*cmd, o->format, {"table", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_demag(global, *o); });
}

}  // namespace magsel::cli
