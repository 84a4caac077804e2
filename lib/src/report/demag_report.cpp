#include "magsel/report/demag_report.hpp"

#include <fmt/format.h>

namespace magsel::report {
namespace {
double celsius(units::Temperature t) { return units::to_celsius(t); }
double ka_m(units::FieldStrength h) { return h.value() / 1000.0; }
}  // namespace

Json working_point_json(const WorkingPoint& w, double limit) {
    return {{"temperature_degC", celsius(w.temperature)},
            {"permeance_coefficient", w.load_line.permeance_coefficient},
            {"opposing_field_kA_m", ka_m(w.load_line.opposing_field)},
            {"working_field_kA_m", ka_m(w.working_field)},
            {"flux_density_T", w.flux_density.value()},
            {"polarization_T", w.polarization.value()},
            {"remanence_T", w.remanence.value()},
            {"knee_field_kA_m", ka_m(w.knee_field)},
            {"knee_margin_kA_m", ka_m(w.knee_margin)},
            {"flux_density_margin_T", w.flux_density_margin.value()},
            {"irreversible_loss_percent", w.irreversible_loss * 100.0},
            {"loss_kind", "instantaneous"},
            {"loss_limit_percent", limit * 100.0},
            {"passes", w.irreversible_loss <= limit},
            {"extrapolated", w.extrapolated},
            {"curve", w.measured_curve ? "measured" : "model"},
            {"warnings", w.warnings}};
}

std::string working_point_text(const Grade& g, const WorkingPoint& w, double limit, Basis basis) {
    std::string out = fmt::format("{} at {:g} °C, Pc {:g}, opposing field {:g} kA/m ({} basis)\n", g.name,
                                  celsius(w.temperature), w.load_line.permeance_coefficient,
                                  ka_m(w.load_line.opposing_field), to_string(basis));
    Table t;
    t.header = {"quantity", "value"};
    t.right_align = {false, true};
    t.rows = {
        {"working field h [kA/m]", fixed(ka_m(w.working_field), 1)},
        {"flux density B [T]", fixed(w.flux_density.value(), 4)},
        {"polarization J [T]", fixed(w.polarization.value(), 4)},
        {"remanence Br(T) [T]", fixed(w.remanence.value(), 4)},
        {"knee field Hk [kA/m]", fixed(ka_m(w.knee_field), 1)},
        {"knee margin Hk - h [kA/m]", fixed(ka_m(w.knee_margin), 1)},
        {"B margin B - B(Hk) [T]", fixed(w.flux_density_margin.value(), 4)},
        {"irreversible loss (instantaneous) [%]", fixed(w.irreversible_loss * 100.0, 3)},
        {"curve", w.measured_curve ? "measured (grade file)" : "model"},
    };
    out += render(t, TableFormat::text);
    out += fmt::format("{}: loss {:.3f} % {} the {:g} % limit\n", w.irreversible_loss <= limit ? "PASS" : "FAIL",
                       w.irreversible_loss * 100.0, w.irreversible_loss <= limit ? "within" : "above", limit * 100.0);
    out += "loss: instantaneous irreversible loss on recoil from the working point; time-dependent\n"
           "(magnetic viscosity, hours at temperature) loss is not included (docs/physics.md)\n";
    for (const auto& warning : w.warnings) out += "warning: " + warning + '\n';
    return out;
}

std::string worst_over_range_text(const Grade& g, const RangeResult& r, double limit, Basis basis) {
    return fmt::format("worst point of {:g}…{:g} °C ({} temperatures): {:g} °C\n", celsius(r.points.front().temperature),
                       celsius(r.points.back().temperature), r.points.size(), celsius(r.worst.temperature)) +
           working_point_text(g, r.worst, limit, basis);
}

Json max_temperature_json(const Grade& g, const LoadLine& load, double limit, Basis basis, const TemperatureLimit& r) {
    return {{"grade", g.name},
            {"permeance_coefficient", load.permeance_coefficient},
            {"opposing_field_kA_m", ka_m(load.opposing_field)},
            {"loss_limit_percent", limit * 100.0},
            {"loss_kind", "instantaneous"},
            {"basis", to_string(basis)},
            {"max_temperature_degC", r.temperature ? Json(celsius(*r.temperature)) : Json(nullptr)},
            {"limited_by_loss", r.limited},
            {"extrapolated", r.temperature && is_extrapolated(g, *r.temperature)}};
}

std::string max_temperature_text(const Grade& g, const LoadLine& load, double limit, const TemperatureLimit& r) {
    const auto circuit = fmt::format("Pc {:g}, opposing field {:g} kA/m", load.permeance_coefficient, ka_m(load.opposing_field));
    if (!r.temperature)
        return fmt::format("{}, {}: the loss exceeds {:g} % already at -60 °C\n", g.name, circuit, limit * 100.0);
    auto out = fmt::format("{}, {}: the instantaneous loss stays within {:g} % up to {:.1f} °C{}\n", g.name, circuit,
                           limit * 100.0, celsius(*r.temperature),
                           r.limited ? "" : " (not limited by demagnetization up to the 400 °C search limit)");
    if (is_extrapolated(g, *r.temperature))
        out += fmt::format("warning: {:.1f} °C is beyond {}'s temperature data: the answer rests on the extrapolated model\n",
                           celsius(*r.temperature), g.name);
    return out;
}

Json min_permeance_json(const Grade& g, units::Temperature t, units::FieldStrength field, double limit,
                        std::optional<double> pc) {
    return {{"grade", g.name},
            {"temperature_degC", celsius(t)},
            {"opposing_field_kA_m", ka_m(field)},
            {"loss_limit_percent", limit * 100.0},
            {"loss_kind", "instantaneous"},
            {"min_permeance_coefficient", pc ? Json(*pc) : Json(nullptr)}};
}

std::string min_permeance_text(const Grade& g, units::Temperature t, units::FieldStrength field, double limit,
                               std::optional<double> pc) {
    const auto where = fmt::format("{} at {:g} °C, opposing field {:g} kA/m", g.name, celsius(t), ka_m(field));
    if (!pc) return fmt::format("{}: no Pc up to 100 keeps the loss within {:g} %\n", where, limit * 100.0);
    return fmt::format("{}: the instantaneous loss stays within {:g} % for Pc ≥ {:.3g}\n", where, limit * 100.0, *pc);
}

Json hd5_json(const Grade& g, const std::vector<MagnetProperties>& points, Basis basis) {
    auto arr = Json::array();
    for (const auto& p : points)
        arr.push_back({{"temperature_degC", celsius(p.temperature)},
                       {"knee_field_kA_m", ka_m(p.knee_field)},
                       {"hd5_kA_m", ka_m(p.hd5)},
                       {"intrinsic_coercivity_kA_m", ka_m(p.intrinsic_coercivity)},
                       {"extrapolated", p.extrapolated},
                       {"curve", p.measured_curve ? "measured" : "model"},
                       {"warnings", p.warnings}});
    return {{"grade", g.name}, {"basis", to_string(basis)}, {"loss_kind", "instantaneous"}, {"points", arr}};
}

std::string hd5_text(const Grade& g, const std::vector<MagnetProperties>& points, Basis basis) {
    Table t;
    t.header = {"T [°C]", "Hk [kA/m]", "HD5 [kA/m]", "Hcj [kA/m]", "curve"};
    t.right_align = {true, true, true, true, false};
    std::vector<std::string> warnings;
    for (const auto& p : points) {
        warnings.insert(warnings.end(), p.warnings.begin(), p.warnings.end());
        t.rows.push_back({fmt::format("{:g}{}", celsius(p.temperature), p.extrapolated ? "*" : ""),
                          fixed(ka_m(p.knee_field), 1), fixed(ka_m(p.hd5), 1), fixed(ka_m(p.intrinsic_coercivity), 1),
                          p.measured_curve ? "measured" : "model"});
    }
    std::string out = fmt::format("{}: knee field Hk (J = 0.9·Br) and HD5 ({} basis)\n", g.name, to_string(basis));
    out += render(t, TableFormat::text);
    out += "HD5: the internal demagnetizing field after which recoil leaves 5 % instantaneous irreversible loss\n"
           "(IEC 60404-8-1), read off this curve; time-dependent (magnetic viscosity) loss is not included\n";
    for (const auto& w : warnings) out += "warning: " + w + '\n';
    return out;
}

Json demag_point_json(const Grade& grade, const WorkingPoint& w, double loss_limit, Basis basis) {
    auto out = working_point_json(w, loss_limit);
    out["grade"] = grade.name;
    out["basis"] = to_string(basis);
    return out;
}

Json demag_range_json(const Grade& grade, const RangeResult& range, double loss_limit, Basis basis) {
    auto out = working_point_json(range.worst, loss_limit);
    out["worst_temperature_degC"] = units::to_celsius(range.worst.temperature);
    out["grade"] = grade.name;
    out["basis"] = to_string(basis);
    return out;
}

std::string shape_permeance_text(const ShapePermeance& s) {
    return fmt::format("Pc {:.4g} from the shape ({}): mid-plane (fluxmetric) demagnetizing factor N {:.4f}, "
                       "Pc = (1 - N)/N;\n"
                       "  the volume average N {:.4f} would give Pc {:.4g}. An isolated magnet: the worst case; a "
                       "magnet in a circuit\n  needs the circuit's Pc (FEA or a magnetic-circuit calculation).\n",
                       s.pc, s.label, s.factors.fluxmetric, s.factors.magnetometric,
                       permeance_from_factor(s.factors.magnetometric));
}

Json shape_permeance_json(const ShapePermeance& s) {
    return {{"shape", s.label},
            {"demagnetizing_factor_fluxmetric", s.factors.fluxmetric},
            {"demagnetizing_factor_magnetometric", s.factors.magnetometric},
            {"permeance_coefficient", s.pc},
            {"permeance_from", "fluxmetric (mid-plane) factor of an isolated magnet"}};
}

void add_shape(Json& result, const ShapePermeance& s) { result["from_shape"] = shape_permeance_json(s); }

}  // namespace magsel::report
