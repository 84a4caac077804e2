// magsel grades list | show — the catalogue and each grade's properties at temperature.
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "magsel/report/fields.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "magsel/properties.hpp"
#include "magsel/thermal.hpp"
#include "output.hpp"

namespace magsel::cli {
namespace {

using nlohmann::ordered_json;

struct ListOptions {
    std::string family;
    bool hre_free = false;
    std::string at = "20 degC";
    std::string min_br;
    std::string min_hcj;
    std::string basis = "min";
    std::string format;
};

struct ShowOptions {
    std::string grade;
    std::vector<std::string> at;
    std::string basis = "min";
    std::string units = "si";
    std::string format;
};

std::optional<double> celsius_of(const std::optional<units::Temperature>& t) {
    if (!t) return std::nullopt;
    return units::to_celsius(*t);
}

std::optional<double> dy_tb_percent(const Grade& g) {
    if (!g.heavy_rare_earth) return std::nullopt;
    return g.heavy_rare_earth->dy_tb_fraction * 100.0;
}

std::string dy_tb_text(const Grade& g) {
    if (!g.heavy_rare_earth) return "-";
    return fixed(dy_tb_percent(g), 1) + (g.heavy_rare_earth->estimated ? "~" : "");
}

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

ordered_json json_or_null(std::optional<double> v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

/// "stated", "composition", "estimated" or null.
ordered_json hre_free_basis_json(const Grade& g) {
    const auto b = hre_free_basis(g);
    return b ? ordered_json(std::string(to_string(*b))) : ordered_json(nullptr);
}

/// "yes (stated by PUBLISHER: note)", "yes (composition: ...)", "no".
std::string hre_free_text(const Grade& g) {
    const auto b = hre_free_basis(g);
    if (!b) return g.composition || g.heavy_rare_earth ? "no" : "unknown (no composition)";
    if (*b == HreFreeBasis::composition) return "yes (basis: composition, Dy + Tb 0 %)";
    const auto& st = *g.hre_free_statement;
    const auto& src = g.source_for(st.source_id);
    return fmt::format("yes (basis: {}; {}{}{})", to_string(*b), src.publisher, src.date.empty() ? "" : ", " + src.date,
                       st.note.empty() ? "" : ": " + st.note);
}

// ---- grades list -----------------------------------------------------------------------------

ExitCode run_list(const GlobalOptions& global, const ListOptions& o) {
    const auto catalogue = load_catalogue(global);
    const auto at = units::parse_temperature(o.at);
    const auto basis = basis_from_string(o.basis);
    std::optional<double> min_br, min_hcj;
    if (!o.min_br.empty()) min_br = units::parse_flux_density(o.min_br).value();
    if (!o.min_hcj.empty()) min_hcj = units::parse_field_strength(o.min_hcj).value();

    const auto prices = load_prices(global);
    const auto supply = SupplyData::builtin();
    struct Row {
        const Grade* grade;
        MagnetProperties props;
        std::optional<CostBreakdown> cost;
        SupplyExposure exposure;
        std::optional<EnvelopeViolation> outside;  ///< `at` lies outside the grade's validity envelope
    };
    std::vector<Row> rows;
    for (const auto& g : catalogue.grades()) {
        if (!o.family.empty() && to_string(g.family) != o.family) continue;
        if (o.hre_free && !is_hre_free(g)) continue;
        auto p = properties_at(g, at, basis);
        const auto outside = envelope_violation(g, at);
        // outside the grade's validity envelope there are no values, and no filter can pass it
        if (outside && (min_br || min_hcj)) continue;
        if (!outside && min_br && p.remanence.value() < *min_br) continue;
        if (!outside && min_hcj && p.intrinsic_coercivity.value() < *min_hcj) continue;
        std::optional<CostBreakdown> cost;
        if (g.composition) cost = cost_per_kg(g, prices);
        rows.push_back({&g, std::move(p), std::move(cost), supply_exposure(g, supply), outside});
    }

    if (o.format == "json") {
        auto out = ordered_json::array();
        for (const auto& r : rows) {
            const auto& g = *r.grade;
            out.push_back({{"name", g.name},
                           {"family", to_string(g.family)},
                           {"hre_free", is_hre_free(g)},
                           {"hre_free_basis", hre_free_basis_json(g)},
                           {"remanence_T", r.outside ? ordered_json(nullptr) : ordered_json(r.props.remanence.value())},
                           {"intrinsic_coercivity_kA_m", r.outside ? ordered_json(nullptr)
                                                                   : ordered_json(r.props.intrinsic_coercivity.value() / 1000.0)},
                           {"temperature_degC", units::to_celsius(at)},
                           {"outside_envelope", r.outside ? ordered_json(r.outside->message) : ordered_json(nullptr)},
                           {"basis", to_string(basis)},
                           {"extrapolated", r.props.extrapolated},
                           {"max_operating_temperature_degC", json_or_null(celsius_of(g.max_operating_temperature))},
                           {"dy_tb_wt_percent", json_or_null(dy_tb_percent(g))},
                           {"dy_tb_estimated", g.heavy_rare_earth ? ordered_json(g.heavy_rare_earth->estimated)
                                                                  : ordered_json(nullptr)},
                           {"cost_per_kg", r.cost ? ordered_json(r.cost->total.value()) : ordered_json(nullptr)},
                           {"currency", prices.currency()},
                           {"price_date", r.cost ? ordered_json(r.cost->price_date) : ordered_json(nullptr)},
                           {"controlled_elements", r.exposure.controlled},
                           {"supply_risk", r.exposure.supply_risk}});
        }
        std::cout << report::json_text(out);
        return ExitCode::success;
    }

    Table t;
    t.header = {"grade", "family", "Br [T]", "Hcj kA/m", "Tmax °C", "Dy+Tb %", "HRE-free", "USD/kg", "ctrl"};
    t.right_align = {false, false, true, true, true, true, false, true, false};
    bool any_extrapolated = false, any_outside = false;
    for (const auto& r : rows) {
        const auto& g = *r.grade;
        any_extrapolated = any_extrapolated || (r.props.extrapolated && !r.outside);
        any_outside = any_outside || r.outside.has_value();
        t.rows.push_back({g.name, short_family(g.family),
                          r.outside ? std::string("-†") : fixed(r.props.remanence.value(), 3) + (r.props.extrapolated ? "*" : ""),
                          r.outside ? std::string("-†") : fixed(r.props.intrinsic_coercivity.value() / 1000.0, 0),
                          fixed(celsius_of(g.max_operating_temperature), 0),
                          dy_tb_text(g), std::string(hre_free_basis(g) ? to_string(*hre_free_basis(g)) : ""),
                          r.cost ? fixed(r.cost->total.value(), 1) : "-",
                          fmt::format("{}", fmt::join(r.exposure.controlled, ","))});
    }
    std::cout << render(t, table_format(o.format));
    if (o.format != "csv") {
        std::cout << fmt::format("\n{} grades; Br and Hcj: {} values at {:g} °C; Tmax: rated maximum\n",
                                 rows.size(), to_string(basis), units::to_celsius(at));
        std::cout << "~ estimated Dy+Tb; USD/kg: material + processing estimate (`magsel cost GRADE`)\n"
                     "HRE-free: no Dy, no Tb; basis stated (maker or paper), composition (Dy + Tb 0 %) or estimated\n"
                     "ctrl: elements under an in-force export control (grades/supply.yaml)";
        if (any_extrapolated) std::cout << "\n* extrapolated beyond the grade's temperature data";
        if (any_outside)
            std::cout << "\n† outside the grade's validity envelope (at or above its Curie temperature, or below its "
                         "spin-reorientation temperature): not computed; `magsel grades show GRADE --at T` says why";
        std::cout << '\n';
    }
    return ExitCode::success;
}

// ---- grades show -----------------------------------------------------------------------------

std::string origin_text(ValueOrigin o) { return o == ValueOrigin::family_default ? " (family default)" : ""; }

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

ordered_json source_json(const Source& s) {
    return {{"title", s.title}, {"publisher", s.publisher}, {"url", s.url}, {"document", s.document},
            {"date", s.date},   {"retrieved", s.retrieved}};
}

ExitCode run_show(const GlobalOptions& global, const ShowOptions& o) {
    const auto catalogue = load_catalogue(global);
    const auto& g = catalogue.find(o.grade);
    const auto basis = basis_from_string(o.basis);
    std::vector<units::Temperature> temperatures;
    for (const auto& t : o.at) temperatures.push_back(units::parse_temperature(t));
    if (temperatures.empty()) temperatures.push_back(units::reference_temperature());
    // Beyond a physical limit (Curie, spin reorientation) there is no property to show.
    for (const auto& t : temperatures) require_within_envelope(g, t);
    std::vector<MagnetProperties> points;
    for (const auto& t : temperatures) points.push_back(properties_at(g, t, basis));
    const auto exposure = supply_exposure(g, SupplyData::builtin());
    std::optional<CostBreakdown> cost;
    if (g.composition) cost = cost_per_kg(g, load_prices(global));

    if (o.format == "json") {
        ordered_json out{{"name", g.name},
                         {"aliases", g.aliases},
                         {"family", to_string(g.family)},
                         {"hre_free", is_hre_free(g)},
                         {"hre_free_basis", hre_free_basis_json(g)},
                         {"dy_tb_wt_percent", json_or_null(dy_tb_percent(g))},
                         {"max_operating_temperature_degC", json_or_null(celsius_of(g.max_operating_temperature))},
                         {"basis", to_string(basis)},
                         {"recoil_permeability", g.recoil_permeability.value},
                         {"recoil_permeability_origin", g.recoil_permeability.origin == ValueOrigin::family_default
                                                            ? "family-default" : "grade"},
                         {"squareness", g.squareness.value},
                         {"squareness_origin", g.squareness.origin == ValueOrigin::family_default ? "family-default"
                                                                                                    : "grade"},
                         {"source", source_json(g.source)},
                         {"cost_per_kg", cost ? ordered_json(cost->total.value()) : ordered_json(nullptr)},
                         {"currency", "USD"},
                         {"price_date", cost ? ordered_json(cost->price_date) : ordered_json(nullptr)},
                         {"controlled_elements", exposure.controlled},
                         {"supply_risk", exposure.supply_risk}};
        auto arr = ordered_json::array();
        for (const auto& p : points) {
            ordered_json point{{"temperature_degC", units::to_celsius(p.temperature)}};
            for (const auto& info : property_table()) point[std::string(info.json_key)] = si_value(p, info.property) * info.display_per_si;
            point["extrapolated"] = p.extrapolated;
            point["knee_limited"] = p.knee_limited;
            point["curve"] = p.measured_curve ? "measured" : "model";
            point["warnings"] = p.warnings;
            arr.push_back(point);
        }
        out["points"] = arr;
        std::cout << report::json_text(out);
        return ExitCode::success;
    }

    const bool cgs = o.units == "cgs";
    Table t;
    t.header = {"property"};
    t.right_align = {false};
    for (const auto& p : points) {
        t.header.push_back(fmt::format("{:g} °C{}{}", units::to_celsius(p.temperature), p.extrapolated ? "*" : "",
                                       p.measured_curve ? " (measured)" : ""));
        t.right_align.push_back(true);
    }
    for (const auto& info : property_table()) {
        const auto unit = cgs ? info.cgs_unit : info.display_unit;
        const double scale = cgs ? info.cgs_per_si : info.display_per_si;
        std::vector<std::string> row{fmt::format("{} [{}]", info.symbol, unit)};
        const int decimals = info.property == Property::remanence ? (cgs ? 2 : 3) : (cgs ? 2 : 0);
        for (const auto& p : points) row.push_back(fixed(si_value(p, info.property) * scale, decimals));
        t.rows.push_back(row);
    }
    const auto format = table_format(o.format);
    if (format == TableFormat::csv) {
        std::cout << render(t, format);
    } else {
        std::cout << fmt::format("{}{}  ({}; {})\n", g.name,
                                 g.aliases.empty() ? "" : fmt::format(" (also {})", fmt::join(g.aliases, ", ")),
                                 to_string(g.family), g.series);
        std::cout << fmt::format("source: {}\n", g.source.citation());
        std::cout << fmt::format("rated at 20 °C: Br {}; Hcj {}\n", rated_text(g.remanence, 1.0, 3, "T"),
                                 rated_text(g.intrinsic_coercivity, 1e-3, 0, "kA/m"));
        if (g.normal_coercivity.min || g.normal_coercivity.typ || g.energy_product.min || g.energy_product.typ)
            std::cout << fmt::format("               Hcb {}; (BH)max {}\n", rated_text(g.normal_coercivity, 1e-3, 0, "kA/m"),
                                     rated_text(g.energy_product, 1e-3, 0, "kJ/m^3"));
        std::cout << fmt::format("Br(T): {}\nHcj(T): {}\n", model_text(g.remanence_model), model_text(g.coercivity_model));
        if (!g.measured_curves.empty()) {
            std::vector<std::string> curves;
            for (const auto& c : g.measured_curves)
                curves.push_back(fmt::format("{:g} °C ({})", units::to_celsius(c.temperature), c.minimum ? "min" : "typ"));
            std::cout << fmt::format("measured curves: {} — used at these temperatures on their basis\n",
                                     fmt::join(curves, ", "));
        }
        std::cout << fmt::format("recoil permeability {:.3f}{}; squareness Hk/Hcj {:.2f}{}; density {:.2f} g/cm^3{}\n",
                                 g.recoil_permeability.value, origin_text(g.recoil_permeability.origin),
                                 g.squareness.value, origin_text(g.squareness.origin), g.density.value.value() / 1000.0,
                                 origin_text(g.density.origin));
        std::string hre = "-";
        if (g.heavy_rare_earth)
            hre = fmt::format("{:.1f} wt % ({})", g.heavy_rare_earth->dy_tb_fraction * 100.0,
                              g.heavy_rare_earth->estimated ? "estimated" : "published");
        std::cout << fmt::format("rated max. temperature: {}; Dy+Tb: {}; heavy-rare-earth-free: {}\n",
                                 g.max_operating_temperature
                                     ? fmt::format("{:g} °C", units::to_celsius(*g.max_operating_temperature))
                                     : std::string("not stated"),
                                 hre, hre_free_text(g));
        if (g.composition) {
            std::vector<std::string> parts;
            for (const auto& e : g.composition->elements)
                parts.push_back(fmt::format("{} {:.2f}", e.element, e.fraction * 100.0));
            std::cout << fmt::format("composition [wt %]: {}{}\n", fmt::join(parts, ", "),
                                     g.composition->origin == ValueOrigin::family_default ? " (family default)"
                                     : g.composition->estimated                           ? " (estimated)"
                                                                                          : "");
        }
        if (cost)
            std::cout << fmt::format("cost ≈ {:.1f} USD/kg (prices of {} and later; `magsel cost {}` for the lines); "
                                     "export-controlled: {}; supply risk {:.3f}\n",
                                     cost->total.value(), cost->price_date, g.name,
                                     exposure.controlled.empty() ? "none" : fmt::format("{}", fmt::join(exposure.controlled, ", ")),
                                     exposure.supply_risk);
        std::cout << fmt::format("\nproperties on the {} basis:\n", to_string(basis)) << render(t, format);
    }
    for (const auto& p : points)
        for (const auto& w : p.warnings)
            (format == TableFormat::csv ? std::cerr : std::cout) << "warning: " << w << '\n';
    return ExitCode::success;
}

}  // namespace

void register_grades(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto* grades = app.add_subcommand("grades", "List the grade catalogue or show one grade");
    grades->require_subcommand(1);

    auto list_options = std::make_shared<ListOptions>();
    auto* list = grades->add_subcommand("list", "One row per grade: Br and Hcj at a temperature, ratings, Dy+Tb");
    list->footer("Examples:\n  magsel grades list\n  magsel grades list --family ferrite --at -40degC\n"
                 "  magsel grades list --min-br 1.3T --min-hcj 20kOe --at 150degC --format json");
    list->add_option("--family", list_options->family, "Only this family")
        ->check(CLI::IsMember({"sintered-ndfeb", "hot-deformed-ndfeb", "bonded-ndfeb", "ferrite", "smco5", "sm2co17"}));
    list->add_flag("--hre-free", list_options->hre_free, "Only grades free of Dy and Tb (any basis: stated, composition, estimated)");
    list->add_option("--at", list_options->at, "Temperature of the Br and Hcj columns (e.g. 150degC)")
        ->capture_default_str();
    list->add_option("--min-br", list_options->min_br, "Only grades with at least this Br at --at (e.g. 1.3T, 13kG)");
    list->add_option("--min-hcj", list_options->min_hcj, "Only grades with at least this Hcj at --at (e.g. 1600kA/m)");
    list->add_option("--basis", list_options->basis, "min (guaranteed, default) or typ (typical) values")
        ->check(CLI::IsMember({"min", "typ"}))
        ->capture_default_str();
    add_format_option(*list, list_options->format, {"table", "json", "csv", "md"});
    list->callback([&global, &exit_code, list_options] { exit_code = run_list(global, *list_options); });

    auto show_options = std::make_shared<ShowOptions>();
    auto* show = grades->add_subcommand("show", "Every property of one grade at each temperature");
    show->footer("Examples:\n  magsel grades show N52SH --at 20degC --at 150degC\n"
                 "  magsel grades show Y30BH --at -40degC --at 20degC --format json\n"
                 "  magsel grades show n48sh --at 302degF --units cgs");
    show->add_option("grade", show_options->grade, "Grade name or alias (case, spaces and dashes do not matter)")
        ->required();
    show->add_option("--at", show_options->at, "A temperature (repeatable; default 20degC)");
    show->add_option("--basis", show_options->basis, "min (guaranteed, default) or typ (typical) values")
        ->check(CLI::IsMember({"min", "typ"}))
        ->capture_default_str();
    show->add_option("--units", show_options->units, "si (T, kA/m, kJ/m^3) or cgs (kG, kOe, MGOe) in tables")
        ->check(CLI::IsMember({"si", "cgs"}))
        ->capture_default_str();
    add_format_option(*show, show_options->format, {"table", "json", "csv", "md"});
    show->callback([&global, &exit_code, show_options] { exit_code = run_show(global, *show_options); });
}

}  // namespace magsel::cli
