// magsel demag GRADE --pc P [--field H] (--at T | --from T1 --to T2 | --max-temperature | --min-pc --at T | --hd5 --at T)
// Working point on the load line, knee margin and irreversible loss; worst case over a range;
// the highest temperature within a loss limit; the smallest Pc; HD5.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "context.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"
#include "magsel/report/demag_report.hpp"
#include "shape_option.hpp"

namespace magsel::cli {
namespace {

struct DemagOptions {
    std::string grade, from, to;
    std::vector<std::string> at;  ///< one temperature; several only with --hd5
    double pc = 0.0;
    std::string field = "0 kA/m";
    std::string loss_limit = "1 %";
    std::string step = "5 K";
    bool max_temperature = false, min_pc = false, hd5 = false;
    std::string basis = "min";
    std::string format;
    ShapeOptions shape;
};

/// The one --at (empty when not given); UsageError when it is given more than once.
std::string single_at(const DemagOptions& o) {
    if (o.at.size() > 1) throw UsageError("--at is given once (only --hd5 takes several, one row per temperature)");
    return o.at.empty() ? std::string() : o.at.front();
}

/// A temperature inside the grade's validity envelope.
units::Temperature temperature_for(const Grade& g, const std::string& text, const char* option) {
    if (text.empty()) throw UsageError(fmt::format("{} needs --at T", option));
    const auto t = units::parse_temperature(text);
    require_within_envelope(g, t);
    return t;
}

ExitCode run_demag(const GlobalOptions& global, const DemagOptions& o) {
    const auto& catalogue = load_catalogue(global);
    const auto& g = catalogue.find(o.grade);
    const auto basis = basis_from_string(o.basis);
    const bool json = o.format == "json";
    const auto shape = shape_permeance(o.shape);
    if (shape && o.pc != 0.0) throw UsageError("give --pc, or the shape (--geometry, --ld), not both");
    const LoadLine load{shape ? shape->pc : o.pc, units::parse_field_strength(o.field)};
    const double limit = parse_quantity(o.loss_limit, Dimension::fraction);
    if (!(limit >= 0.0 && limit < 1.0)) throw UsageError("--loss-limit must be between 0 % and 100 %");
    // The Pc taken from a shape is said with every result that uses it.
    auto print = [&](report::Json out, const std::string& text, bool uses_pc = true) {
        if (json && shape && uses_pc) report::add_shape(out, *shape);
        std::cout << (json ? report::json_text(out) : (shape && uses_pc ? report::shape_permeance_text(*shape) : "") + text);
    };

    if (o.hd5) {
        if (o.at.empty()) throw UsageError("--hd5 needs --at T (repeatable)");
        std::vector<MagnetProperties> points;
        for (const auto& at : o.at) points.push_back(properties_at(g, temperature_for(g, at, "--hd5"), basis));
        print(report::hd5_json(g, points, basis), report::hd5_text(g, points, basis), false);
        return ExitCode::success;
    }
    if (o.max_temperature) {
        const auto r = max_temperature_within_loss(g, load, limit, basis);
        print(report::max_temperature_json(g, load, limit, basis, r), report::max_temperature_text(g, load, limit, r));
        return r.temperature ? ExitCode::success : ExitCode::failed;
    }
    if (o.min_pc) {
        if (shape) throw UsageError("--min-pc searches the Pc: leave out --geometry and --ld");
        const auto t = temperature_for(g, single_at(o), "--min-pc");
        const auto pc = min_permeance_within_loss(g, t, load.opposing_field, limit, basis);
        print(report::min_permeance_json(g, t, load.opposing_field, limit, pc), report::min_permeance_text(g, t, load.opposing_field, limit, pc), false);
        return pc ? ExitCode::success : ExitCode::failed;
    }
    if (!(load.permeance_coefficient > 0.0))
        throw UsageError("--pc must be a positive number (or give the shape: --geometry, --ld)");
    if (!o.from.empty() || !o.to.empty()) {
        if (o.from.empty() || o.to.empty()) throw UsageError("--from and --to go together");
        const auto from = units::parse_temperature(o.from), to = units::parse_temperature(o.to);
        require_within_envelope(g, from);  // both ends inside means the whole range is (the envelope is an interval)
        require_within_envelope(g, to);
        const auto r = worst_over_range(g, from, to, load, basis, units::parse_temperature_difference(o.step));
        print(report::demag_range_json(g, r, limit, basis), report::worst_over_range_text(g, r, limit, basis));
        return r.worst.irreversible_loss <= limit ? ExitCode::success : ExitCode::failed;
    }
    const auto at = single_at(o);
    if (at.empty()) throw UsageError("give --at T, or --from T1 --to T2, or --max-temperature, or --min-pc");
    const auto w = working_point(g, temperature_for(g, at, "demag"), load, basis);
    print(report::demag_point_json(g, w, limit, basis), report::working_point_text(g, w, limit, basis));
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
                "  magsel demag N48SH --at 20degC --at 150degC --hd5\n"
                "  magsel demag N38 --at 20degC --ld 1.5\n"
                "  magsel demag N42SH --at 120degC --geometry block:L=4mm,W=20mm,H=10mm --field 200kA/m\n\n"
                "Exit code 0 when the loss is within the limit, 1 when it is not, 2 on bad input.");
    cmd->add_option("grade", o->grade, "Grade name or alias")->required();
    cmd->add_option("--at", o->at, "Magnet temperature (e.g. 150degC); repeatable with --hd5")->allow_extra_args(false);
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
    cmd->add_flag("--hd5", o->hd5, "Print the knee field Hk and HD5 (field for 5 % irreversible loss) at each --at");
    cmd->add_option("--basis", o->basis, "min (guaranteed, default) or typ values")->check(CLI::IsMember({"min", "typ"}))->capture_default_str();
    add_format_option(*cmd, o->format, {"table", "json"});
    cmd->callback([&global, &exit_code, o] { exit_code = run_demag(global, *o); });
}

}  // namespace magsel::cli
