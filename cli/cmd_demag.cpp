// magsel demag GRADE --pc P [--field H] (--at T | --from T1 --to T2 | --max-temperature | --min-pc --at T)
// Working point on the load line, knee margin and irreversible loss; worst case over a range;
// the highest temperature within a loss limit; the smallest Pc.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/demag.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"
#include "magsel/report/demag_report.hpp"
#include "output.hpp"
#include "shape_option.hpp"

namespace magsel::cli {
namespace {

using report::Json;

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

ExitCode run_demag(const GlobalOptions& global, const DemagOptions& options) {
    const auto catalogue = load_catalogue(global);
    const auto& g = catalogue.find(options.grade);
    const auto basis = basis_from_string(options.basis);
    const auto from_shape = shape_permeance(options.shape);
    if (from_shape && options.pc != 0.0) throw UsageError("give --pc, or the shape (--geometry, --ld), not both");
    DemagOptions o = options;
    if (from_shape) o.pc = from_shape->pc;
    // The Pc from the shape is said before any result that uses it (not for --min-pc, which searches Pc).
    auto say_shape = [&](Json* out) {
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
        const std::vector<MagnetProperties> points{properties_at(g, t, basis)};
        if (json) std::cout << report::json_text(report::hd5_json(g, points, basis));
        else std::cout << report::hd5_text(g, points, basis);
        return ExitCode::success;
    }
    if (o.max_temperature) {
        const auto r = max_temperature_within_loss(g, load, limit, basis);
        if (json) {
            auto out = report::max_temperature_json(g, load, limit, basis, r);
            say_shape(&out);
            std::cout << report::json_text(out);
        } else {
            say_shape(nullptr);
            std::cout << report::max_temperature_text(g, load, limit, r);
        }
        return r.temperature ? ExitCode::success : ExitCode::failed;
    }
    if (o.min_pc) {
        if (o.at.empty()) throw UsageError("--min-pc needs --at T");
        if (from_shape) throw UsageError("--min-pc searches the Pc: leave out --geometry and --ld");
        const auto t = units::parse_temperature(o.at);
        require_within_envelope(g, t);
        const auto pc = min_permeance_within_loss(g, t, load.opposing_field, limit, basis);
        if (json) std::cout << report::json_text(report::min_permeance_json(g, t, load.opposing_field, limit, pc));
        else std::cout << report::min_permeance_text(g, limit, pc);
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
            auto out = report::working_point_json(r.worst, limit);
            out["worst_temperature_degC"] = units::to_celsius(r.worst.temperature);
            out["grade"] = g.name;
            out["basis"] = to_string(basis);
            say_shape(&out);
            std::cout << report::json_text(out);
        } else {
            say_shape(nullptr);
            std::cout << report::worst_over_range_text(g, r, limit, basis);
        }
        return passes ? ExitCode::success : ExitCode::failed;
    }

    if (o.at.empty()) throw UsageError("give --at T, or --from T1 --to T2, or --max-temperature, or --min-pc");
    const auto at = units::parse_temperature(o.at);
    require_within_envelope(g, at);
    const auto w = working_point(g, at, load, basis);
    if (json) {
        auto out = report::working_point_json(w, limit);
        out["grade"] = g.name;
        out["basis"] = to_string(basis);
        say_shape(&out);
        std::cout << report::json_text(out);
    } else {
        say_shape(nullptr);
        std::cout << report::working_point_text(g, w, limit, basis);
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
