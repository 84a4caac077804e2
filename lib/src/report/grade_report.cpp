#include "magsel/report/grade_report.hpp"

#include <fmt/format.h>

#include "magsel/properties.hpp"

namespace magsel::report {
namespace {

std::optional<double> celsius_of(const std::optional<units::Temperature>& t) {
    if (!t) return std::nullopt;
    return units::to_celsius(*t);
}

std::optional<double> dy_tb_percent(const Grade& g) {
    if (!g.heavy_rare_earth) return std::nullopt;
    return g.heavy_rare_earth->dy_tb_fraction * 100.0;
}

Value text_or_null(const std::optional<HreFreeBasis>& b) { return b ? Value(std::string(to_string(*b))) : Value(); }

/// Family names short enough for an 80-column table.
std::string short_family(Family f) {
    switch (f) {
        case Family::sintered_ndfeb: return "NdFeB-sint";
        case Family::hot_deformed_ndfeb: return "NdFeB-HD";
        case Family::bonded_ndfeb: return "NdFeB-bond";
        case Family::ferrite: return "ferrite";
        case Family::smco5: return "SmCo5";
        case Family::sm2co17: return "Sm2Co17";
    }
    return "?";
}

/// "yes (basis: stated; PUBLISHER, DATE: note)", "yes (basis: composition, ...)", "no".
std::string hre_free_text(const Grade& g) {
    const auto b = hre_free_basis(g);
    if (!b) return g.composition || g.heavy_rare_earth ? "no" : "unknown (no composition)";
    if (*b == HreFreeBasis::composition) return "yes (basis: composition, Dy + Tb 0 %)";
    const auto& st = *g.hre_free_statement;
    const auto& src = g.source_for(st.source_id);
    return fmt::format("yes (basis: {}; {}{}{})", to_string(*b), src.publisher, src.date.empty() ? "" : ", " + src.date,
                       st.note.empty() ? "" : ": " + st.note);
}

std::string origin_text(ValueOrigin o) { return o == ValueOrigin::family_default ? " (family default)" : ""; }
const char* origin_key(ValueOrigin o) { return o == ValueOrigin::family_default ? "family-default" : "grade"; }

template <class Q>
std::string rated_text(const Rated<Q>& r, double scale, int decimals, const char* unit) {
    std::vector<std::string> parts;
    if (r.min) parts.push_back("min " + fixed(r.min->value() * scale, decimals));
    if (r.typ) parts.push_back("typ " + fixed(r.typ->value() * scale, decimals));
    if (r.max) parts.push_back("max " + fixed(r.max->value() * scale, decimals));
    if (parts.empty()) return "-";
    auto s = fmt::format("{} {}", fmt::join(parts, ", "), unit);
    if (!r.estimated.empty()) s += " (estimated: " + r.estimated + ")";
    return s;
}

std::string model_text(const RelativeTemperatureModel& m) {
    const double lo = units::to_celsius(m.low), hi = units::to_celsius(m.high);
    if (m.kind == RelativeTemperatureModel::Kind::linear_coefficients)
        return fmt::format("linear, {:+.3f} %/K, stated for {:g}…{:g} °C", m.coefficients[1] * 100.0, lo, hi);
    return fmt::format("degree-{} fit to {} points over {:g}…{:g} °C (rms residual {:.2f} %)", m.coefficients.size() - 1,
                       m.point_count, lo, hi, m.rms_residual * 100.0);
}

Json source_json(const Source& s) {
    return {{"title", s.title}, {"publisher", s.publisher}, {"url", s.url}, {"document", s.document},
            {"date", s.date},   {"retrieved", s.retrieved}};
}

/// The heading lines of a sheet: what the grade is, where its numbers come from, cost.
std::string sheet_heading(const GradeSheet& sheet) {
    const Grade& g = *sheet.grade;
    std::string out = fmt::format("{}{}  ({}; {})\n", g.name,
                                  g.aliases.empty() ? "" : fmt::format(" (also {})", fmt::join(g.aliases, ", ")),
                                  to_string(g.family), g.series);
    out += fmt::format("source: {}\n", g.source.citation());
    out += fmt::format("rated at 20 °C: Br {}; Hcj {}\n", rated_text(g.remanence, 1.0, 3, "T"),
                       rated_text(g.intrinsic_coercivity, 1e-3, 0, "kA/m"));
    if (g.normal_coercivity.min || g.normal_coercivity.typ || g.energy_product.min || g.energy_product.typ)
        out += fmt::format("               Hcb {}; (BH)max {}\n", rated_text(g.normal_coercivity, 1e-3, 0, "kA/m"),
                           rated_text(g.energy_product, 1e-3, 0, "kJ/m^3"));
    out += fmt::format("Br(T): {}\nHcj(T): {}\n", model_text(g.remanence_model), model_text(g.coercivity_model));
    if (!g.measured_curves.empty()) {
        std::vector<std::string> curves;
        for (const auto& c : g.measured_curves)
            curves.push_back(fmt::format("{:g} °C ({})", units::to_celsius(c.temperature), c.minimum ? "min" : "typ"));
        out += fmt::format("measured curves: {} — used at these temperatures on their basis\n", fmt::join(curves, ", "));
    }
    out += fmt::format("recoil permeability {:.3f}{}; squareness Hk/Hcj {:.2f}{}; density {:.2f} g/cm^3{}\n",
                       g.recoil_permeability.value, origin_text(g.recoil_permeability.origin), g.squareness.value,
                       origin_text(g.squareness.origin), g.density.value.value() / 1000.0, origin_text(g.density.origin));
    std::string hre = "-";
    if (g.heavy_rare_earth)
        hre = fmt::format("{:.1f} wt % ({})", g.heavy_rare_earth->dy_tb_fraction * 100.0,
                          g.heavy_rare_earth->estimated ? "estimated" : "published");
    out += fmt::format("rated max. temperature: {}; Dy+Tb: {}; heavy-rare-earth-free: {}\n",
                       g.max_operating_temperature ? fmt::format("{:g} °C", units::to_celsius(*g.max_operating_temperature))
                                                   : std::string("not stated"),
                       hre, hre_free_text(g));
    if (g.composition) {
        std::vector<std::string> parts;
        for (const auto& e : g.composition->elements) parts.push_back(fmt::format("{} {:.2f}", e.element, e.fraction * 100.0));
        out += fmt::format("composition [wt %]: {}{}\n", fmt::join(parts, ", "),
                           g.composition->origin == ValueOrigin::family_default ? " (family default)"
                           : g.composition->estimated                           ? " (estimated)"
                                                                                : "");
    }
    if (sheet.cost)
        out += fmt::format("cost ≈ {:.1f} {}/kg (prices of {} and later; `magsel cost {}` for the lines); "
                           "export-controlled: {}; supply risk {:.3f}\n",
                           sheet.cost->total.value(), sheet.currency, sheet.cost->price_date, g.name,
                           sheet.exposure.controlled.empty() ? "none"
                                                             : fmt::format("{}", fmt::join(sheet.exposure.controlled, ", ")),
                           sheet.exposure.supply_risk);
    return out;
}

}  // namespace

const Schema<GradeRow>& grade_row_schema() {
    using R = GradeRow;
    auto inside = [](const R& r, double v) { return r.outside ? Value() : Value(v); };
    static const Schema<R> schema{
        {"name", "grade", 0, [](const R& r) { return Value(r.grade->name); }},
        {"family", "family", 0, [](const R& r) { return Value(std::string(to_string(r.grade->family))); },
         [](const R& r) { return short_family(r.grade->family); }},
        {"hre_free", "HRE-free?", 0, [](const R& r) { return Value(is_hre_free(*r.grade)); }},
        {"hre_free_basis", "HRE-free", 0, [](const R& r) { return text_or_null(hre_free_basis(*r.grade)); },
         [](const R& r) {
             const auto b = hre_free_basis(*r.grade);
             return b ? std::string(to_string(*b)) : std::string();
         }},
        {"remanence_T", "Br [T]", 3, [inside](const R& r) { return inside(r, r.properties.remanence.value()); },
         [](const R& r) {
             return r.outside ? std::string("-†")
                              : fixed(r.properties.remanence.value(), 3) + (r.properties.extrapolated ? "*" : "");
         }},
        {"intrinsic_coercivity_kA_m", "Hcj kA/m", 0,
         [inside](const R& r) { return inside(r, r.properties.intrinsic_coercivity.value() / 1000.0); },
         [](const R& r) {
             return r.outside ? std::string("-†") : fixed(r.properties.intrinsic_coercivity.value() / 1000.0, 0);
         }},
        {"temperature_degC", "T °C", 1, [](const R& r) { return Value(units::to_celsius(r.properties.temperature)); }},
        {"outside_envelope", "outside envelope", 0,
         [](const R& r) { return r.outside ? Value(r.outside->message) : Value(); }},
        {"basis", "basis", 0, [](const R& r) { return Value(std::string(to_string(r.properties.basis))); }},
        {"extrapolated", "extrapolated", 0, [](const R& r) { return Value(r.properties.extrapolated); }},
        {"max_operating_temperature_degC", "Tmax °C", 0,
         [](const R& r) { return number(celsius_of(r.grade->max_operating_temperature)); }},
        {"dy_tb_wt_percent", "Dy+Tb %", 1, [](const R& r) { return number(dy_tb_percent(*r.grade)); },
         [](const R& r) {
             const auto& h = r.grade->heavy_rare_earth;
             return h ? fixed(dy_tb_percent(*r.grade), 1) + (h->estimated ? "~" : "") : std::string("-");
         }},
        {"dy_tb_estimated", "Dy+Tb estimated", 0,
         [](const R& r) { return r.grade->heavy_rare_earth ? Value(r.grade->heavy_rare_earth->estimated) : Value(); }},
        {"cost_per_kg", "USD/kg", 1, [](const R& r) { return r.cost ? Value(r.cost->total.value()) : Value(); }},
        {"currency", "currency", 0, [](const R& r) { return Value(r.currency); }},
        {"price_date", "price date", 0, [](const R& r) { return r.cost ? Value(r.cost->price_date) : Value(); }},
        {"controlled_elements", "ctrl", 0, [](const R& r) { return Value(r.exposure.controlled); },
         [](const R& r) { return fmt::format("{}", fmt::join(r.exposure.controlled, ",")); }},
        {"supply_risk", "supply risk", 3, [](const R& r) { return Value(r.exposure.supply_risk); }},
    };
    return schema;
}

Json grade_list_json(const std::vector<GradeRow>& rows) {
    auto out = Json::array();
    for (const auto& r : rows) out.push_back(to_json(grade_row_schema(), r));
    return out;
}

std::string grade_list_text(const std::vector<GradeRow>& rows, const GradeFilter& filter, TableFormat format) {
    std::vector<const GradeRow*> records;
    bool any_extrapolated = false, any_outside = false;
    for (const auto& r : rows) {
        records.push_back(&r);
        any_extrapolated = any_extrapolated || (r.properties.extrapolated && !r.outside);
        any_outside = any_outside || r.outside.has_value();
    }
    static const std::vector<std::string> keys{"name", "family", "remanence_T", "intrinsic_coercivity_kA_m",
                                               "max_operating_temperature_degC", "dy_tb_wt_percent",
                                               "hre_free_basis", "cost_per_kg", "controlled_elements"};
    auto table = to_table(grade_row_schema(), keys, records);
    table.right_align = {false, false, true, true, true, true, false, true, false};
    std::string out = render(table, format);
    if (format == TableFormat::csv) return out;
    out += fmt::format("\n{} grades; Br and Hcj: {} values at {:g} °C; Tmax: rated maximum\n", rows.size(),
                       to_string(filter.basis), units::to_celsius(filter.temperature));
    out += "~ estimated Dy+Tb; USD/kg: material + processing estimate (`magsel cost GRADE`)\n"
           "HRE-free: no Dy, no Tb; basis stated (maker or paper), composition (Dy + Tb 0 %) or estimated\n"
           "ctrl: elements under an in-force export control (grades/supply.yaml)";
    if (any_extrapolated) out += "\n* extrapolated beyond the grade's temperature data";
    if (any_outside)
        out += "\n† outside the grade's validity envelope (at or above its Curie temperature, or below its "
               "spin-reorientation temperature): not computed; `magsel grades show GRADE --at T` says why";
    return out + '\n';
}

Json grade_sheet_json(const GradeSheet& sheet) {
    const Grade& g = *sheet.grade;
    Json out{{"name", g.name},
             {"aliases", g.aliases},
             {"family", to_string(g.family)},
             {"hre_free", is_hre_free(g)},
             {"hre_free_basis", to_json(text_or_null(hre_free_basis(g)))},
             {"dy_tb_wt_percent", to_json(number(dy_tb_percent(g)))},
             {"max_operating_temperature_degC", to_json(number(celsius_of(g.max_operating_temperature)))},
             {"basis", to_string(sheet.basis)},
             {"recoil_permeability", g.recoil_permeability.value},
             {"recoil_permeability_origin", origin_key(g.recoil_permeability.origin)},
             {"squareness", g.squareness.value},
             {"squareness_origin", origin_key(g.squareness.origin)},
             {"source", source_json(g.source)},
             {"cost_per_kg", sheet.cost ? Json(sheet.cost->total.value()) : Json(nullptr)},
             {"currency", sheet.currency},
             {"price_date", sheet.cost ? Json(sheet.cost->price_date) : Json(nullptr)},
             {"controlled_elements", sheet.exposure.controlled},
             {"supply_risk", sheet.exposure.supply_risk}};
    auto points = Json::array();
    for (const auto& p : sheet.points) {
        Json point{{"temperature_degC", units::to_celsius(p.temperature)}};
        for (const auto& info : property_table())
            point[std::string(info.json_key)] = si_value(p, info.property) * info.display_per_si;
        point["extrapolated"] = p.extrapolated;
        point["knee_limited"] = p.knee_limited;
        point["curve"] = p.measured_curve ? "measured" : "model";
        point["warnings"] = p.warnings;
        points.push_back(point);
    }
    out["points"] = points;
    return out;
}

std::string grade_sheet_text(const GradeSheet& sheet, UnitSystem units, TableFormat format) {
    const bool cgs = units == UnitSystem::cgs;
    Table t;
    t.header = {"property"};
    t.right_align = {false};
    for (const auto& p : sheet.points) {
        t.header.push_back(fmt::format("{:g} °C{}{}", units::to_celsius(p.temperature), p.extrapolated ? "*" : "",
                                       p.measured_curve ? " (measured)" : ""));
        t.right_align.push_back(true);
    }
    for (const auto& info : property_table()) {
        const auto unit = cgs ? info.cgs_unit : info.display_unit;
        const double scale = cgs ? info.cgs_per_si : info.display_per_si;
        std::vector<std::string> row{fmt::format("{} [{}]", info.symbol, unit)};
        const int decimals = info.property == Property::remanence ? (cgs ? 2 : 3) : (cgs ? 2 : 0);
        for (const auto& p : sheet.points) row.push_back(fixed(si_value(p, info.property) * scale, decimals));
        t.rows.push_back(row);
    }
    if (format == TableFormat::csv) return render(t, format);
    return sheet_heading(sheet) + fmt::format("\nproperties on the {} basis:\n", to_string(sheet.basis)) + render(t, format);
}

std::string grade_sheet_warnings(const GradeSheet& sheet) {
    std::string out;
    for (const auto& p : sheet.points)
        for (const auto& w : p.warnings) out += "warning: " + w + '\n';
    return out;
}

}  // namespace magsel::report
