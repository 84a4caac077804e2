// fit_output.cpp — the grade file `magsel fit` writes (docs/fit.md, docs/grade-file-format.md)
// and its chart. The fitted values are TYPICAL values: they are written under `typ`, never
// under `min` (a guaranteed minimum is the maker's statement, not something a fit can give).
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "data/builtin_data.hpp"
#include "fit/fit_detail.hpp"
#include "data/grade_file.hpp"
#include "magsel/demag_curve.hpp"
#include "magsel/quantity_parser.hpp"
#include "magsel/version.hpp"
#include "data/yaml_reader.hpp"

namespace magsel {
namespace {

/// A YAML double-quoted string.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string celsius_text(units::Temperature t) { return fmt::format("{:g} degC", units::to_celsius(t)); }
std::string tesla(double t) { return fmt::format("{:.4f} T", t); }
std::string kilo_ampere(double a) { return fmt::format("{:.1f} kA/m", a / 1000.0); }

/// An SI value in the data's own unit ("0.21 kG"), for the residuals.
std::string in_unit(double si, const std::string& unit, Dimension d) {
    const double one = parse_quantity("1 " + unit, d);
    return fmt::format("{:.4g} {}", si / one, unit);
}

template <class Q>
std::string residual_block(const PropertyFit<Q>& f, const std::string& unit, Dimension d) {
    return fmt::format("{{points: {}, temperatures: {}, degree: {}, rms_residual: {}, max_residual: {}}}", f.data.size(),
                       f.distinct_temperatures, f.degree(), in_unit(f.rms_residual.value(), unit, d),
                       in_unit(f.max_residual.value(), unit, d));
}

std::string temperatures_of(const std::vector<KneeCurveFit>& curves) {
    std::vector<std::string> t;
    for (const auto& c : curves) t.push_back(fmt::format("{:g}", units::to_celsius(c.temperature)));
    return fmt::format("{} °C", fmt::join(t, ", "));
}

}  // namespace

std::vector<FitGradeField> missing_fields(const FitGradeInfo& info) {
    std::vector<FitGradeField> missing;
    if (info.name.empty()) missing.push_back(FitGradeField::name);
    const auto family = family_from_string(info.family);
    if (!family) missing.push_back(FitGradeField::family);
    if (!info.source) missing.push_back(FitGradeField::source);
    if (family && is_ndfeb(*family) && !info.dy_tb) missing.push_back(FitGradeField::dy_tb);
    return missing;
}

std::string fit_grade_file(const FitData& data, const FitResult& r, const FitGradeInfo& info, const std::string& date) {
    if (info.name.empty()) throw UsageError("the grade needs a name (`name:` in a YAML input)");
    const auto family = family_from_string(info.family);
    if (!family)
        throw UsageError(info.family.empty() ? "the grade needs a family (`family:` in a YAML input)"
                                             : fmt::format("unknown family `{}`", info.family));
    if (!info.source) throw UsageError("the grade file needs the datasheet as its source (`source:` in a YAML input)");
    if (is_ndfeb(*family) && !info.dy_tb)
        throw UsageError("an NdFeB grade needs its Dy + Tb content (`heavy_rare_earth:` in a YAML input)");
    const auto& s = *info.source;
    std::vector<std::string> source_fields{fmt::format("title: {}", quoted(s.title))};
    if (!s.publisher.empty()) source_fields.push_back(fmt::format("publisher: {}", quoted(s.publisher)));
    if (!s.url.empty()) source_fields.push_back(fmt::format("url: {}", quoted(s.url)));
    if (!s.document.empty()) source_fields.push_back(fmt::format("document: {}", quoted(s.document)));
    source_fields.push_back(fmt::format("date: {}", quoted(s.date)));
    source_fields.push_back(fmt::format("retrieved: {}", quoted(s.retrieved.empty() ? date : s.retrieved)));
    if (!s.notes.empty()) source_fields.push_back(fmt::format("notes: {}", quoted(s.notes)));

    std::string y;
    y += fmt::format("# Written by magsel fit {} on {} from: {}.\n", version_string, date, fmt::join(data.files, ", "));
    y += "# The values are TYPICAL values fitted to the datasheet's points (typ, never min); see `fit:`.\n";
    y += fmt::format("family: {}\n", info.family);
    y += fmt::format("series: {}\n", quoted("Fitted by magsel fit to datasheet points"));
    y += fmt::format("source: {{{}}}\n", fmt::join(source_fields, ", "));
    y += "grades:\n";
    y += fmt::format("  - name: {}\n", quoted(info.name));
    y += fmt::format("    remanence: {{typ: {}}}\n", tesla(r.remanence.at_reference.value()));
    y += fmt::format("    coercivity_intrinsic: {{typ: {}}}\n", kilo_ampere(r.intrinsic_coercivity.at_reference.value()));
    if (r.normal_coercivity)
        y += fmt::format("    coercivity_normal: {{typ: {}}}\n", kilo_ampere(r.normal_coercivity->at_reference.value()));

    // The data themselves as temperature_points: magsel's loader fits them with the same rule,
    // so the grade's Br(T)/Br(20 °C) and Hcj(T)/Hcj(20 °C) are exactly the shapes fitted here.
    y += "    temperature_points:\n";
    std::vector<bool> hcj_used(r.intrinsic_coercivity.data.size(), false);
    for (const auto& [t, br] : r.remanence.data) {
        std::string point = fmt::format("T: {}, remanence: {}", celsius_text(t), tesla(br.value()));
        for (std::size_t i = 0; i < hcj_used.size(); ++i) {
            if (hcj_used[i] || std::abs(r.intrinsic_coercivity.data[i].first.value() - t.value()) > 1e-6) continue;
            point += fmt::format(", coercivity_intrinsic: {}", kilo_ampere(r.intrinsic_coercivity.data[i].second.value()));
            hcj_used[i] = true;
            break;
        }
        y += fmt::format("      - {{{}}}\n", point);
    }
    for (std::size_t i = 0; i < hcj_used.size(); ++i)
        if (!hcj_used[i])
            y += fmt::format("      - {{T: {}, coercivity_intrinsic: {}}}\n",
                             celsius_text(r.intrinsic_coercivity.data[i].first),
                             kilo_ampere(r.intrinsic_coercivity.data[i].second.value()));
    if (r.remanence.degree() == 1 && r.intrinsic_coercivity.degree() == 1) {
        // For reference (the points above win): α and β of the straight lines, over the data.
        const double lo = std::max(r.remanence.low().value(), r.intrinsic_coercivity.low().value());
        const double hi = std::min(r.remanence.high().value(), r.intrinsic_coercivity.high().value());
        if (lo < hi)
            y += fmt::format("    temperature_coefficients: {{remanence: {:.4f} %/K, coercivity: {:.4f} %/K, range: "
                             "[{}, {}], estimated: {}}}\n",
                             100.0 * r.remanence.coefficients[1] / r.remanence.coefficients[0],
                             100.0 * r.intrinsic_coercivity.coefficients[1] / r.intrinsic_coercivity.coefficients[0],
                             celsius_text(units::kelvin_point(lo)), celsius_text(units::kelvin_point(hi)),
                             quoted("slopes of the least-squares lines of magsel fit, relative to their 20 °C values"));
    }
    if (r.knee) {
        const auto how = fmt::format("fitted by magsel fit to the demagnetization curves at {} (shared by all)",
                                     temperatures_of(r.knee->curves));
        y += fmt::format("    recoil_permeability: {{value: {:.4f}, estimated: {}}}\n", r.knee->recoil_permeability,
                         quoted(how));
        if (r.knee->squareness_determined)
            y += fmt::format("    squareness: {{value: {:.4f}, estimated: {}}}\n", r.knee->squareness, quoted(how));
    }
    if ((!r.knee || !r.knee->squareness_determined) && r.row_squareness)
        y += fmt::format("    squareness: {{value: {:.4f}, estimated: {}}}\n", *r.row_squareness,
                         quoted("mean of Hk/Hcj(T) over the rows that give Hk (magsel fit)"));
    if (info.dy_tb) {
        y += fmt::format("    heavy_rare_earth: {{dy_tb: {:g} %, basis: {}", *info.dy_tb * 100.0,
                         info.dy_tb_estimated.empty() ? "published" : "estimated");
        if (!info.dy_tb_estimated.empty()) y += fmt::format(", note: {}", quoted(info.dy_tb_estimated));
        y += "}\n";
    }

    // The fit: block (checked by the grade-file reader, not used by the physics).
    double t_low = r.remanence.low().value(), t_high = r.remanence.high().value();
    t_low = std::min(t_low, r.intrinsic_coercivity.low().value());
    t_high = std::max(t_high, r.intrinsic_coercivity.high().value());
    y += "    fit:\n";
    y += fmt::format("      method: {}\n",
                     quoted(fmt::format("magsel fit {}: least-squares polynomials in T - 20 degC (Eigen QR); knee "
                                        "model of docs/physics.md by bounded Levenberg-Marquardt",
                                        version_string)));
    y += fmt::format("      criterion: {}\n",
                     quoted("degree 1; degree 2 only with 4 or more distinct temperatures and a smaller PRESS "
                            "(leave-one-out error) than degree 1"));
    y += fmt::format("      date: {}\n", date);
    std::vector<std::string> inputs;
    for (const auto& f : data.files) inputs.push_back(quoted(f));
    y += fmt::format("      inputs: [{}]\n", fmt::join(inputs, ", "));
    y += fmt::format("      temperature_range: [{}, {}]\n", celsius_text(units::kelvin_point(t_low)),
                     celsius_text(units::kelvin_point(t_high)));
    y += fmt::format("      remanence: {}\n", residual_block(r.remanence, data.flux_unit, Dimension::flux_density));
    y += fmt::format("      coercivity_intrinsic: {}\n",
                     residual_block(r.intrinsic_coercivity, data.field_unit, Dimension::field_strength));
    if (r.normal_coercivity)
        y += fmt::format("      coercivity_normal: {}\n",
                         residual_block(*r.normal_coercivity, data.field_unit, Dimension::field_strength));
    if (r.knee) {
        const auto& k = *r.knee;
        double h_max = 0.0;
        std::size_t points = 0;
        for (const auto& c : data.curves) {
            h_max = std::max(h_max, c.points.back().field.value());
            points += c.points.size();
        }
        y += "      knee:\n";
        y += fmt::format("        curves: {}\n        points: {}\n", k.curves.size(), points);
        y += fmt::format("        field_range: [0 kA/m, {}]\n", kilo_ampere(h_max));
        y += fmt::format("        rms_residual: {}\n        max_residual: {}\n",
                         in_unit(k.rms_residual.value(), data.flux_unit, Dimension::flux_density),
                         in_unit(k.max_residual.value(), data.flux_unit, Dimension::flux_density));
        y += fmt::format("        iterations: {}\n        converged: {}\n", k.iterations, k.converged ? "true" : "false");
        y += "        per_curve:\n";
        for (const auto& c : k.curves)
            y += fmt::format("          - {{T: {}, remanence: {}, coercivity_intrinsic: {}{}, points: {}, "
                             "rms_residual: {}, max_residual: {}}}\n",
                             celsius_text(c.temperature), tesla(c.remanence.value()),
                             kilo_ampere(c.intrinsic_coercivity.value()), c.coercivity_held ? ", coercivity_held: true" : "",
                             c.point_count, in_unit(c.rms_residual.value(), data.flux_unit, Dimension::flux_density),
                             in_unit(c.max_residual.value(), data.flux_unit, Dimension::flux_density));
    }
    if (!r.notes.empty() || !r.warnings.empty()) {
        y += "      notes:\n";
        for (const auto& n : r.notes) y += fmt::format("        - {}\n", quoted(n));
        for (const auto& w : r.warnings) y += fmt::format("        - {}\n", quoted("warning: " + w));
    }

    // What we write must load: read it back as magsel would (its size included).
    if (y.size() > detail::max_input_file_bytes)
        throw UsageError(fmt::format("the fitted grade file would have {} bytes, more than the {} MiB magsel reads",
                                     y.size(), detail::max_input_file_bytes >> 20));
    try {
        const auto doc = detail::YamlDocument::parse(y, info.name + " (fitted grade file)");
        detail::read_grade_file(*doc, detail::builtin_data().defaults, false);
    } catch (const InputError& e) {
        throw UsageError(fmt::format("the fitted grade would not be a valid grade file: {}", e.message()));
    }
    return y;
}

Plot fit_plot(const FitData& data, const FitResult& r, const std::string& title) {
    Plot plot;
    plot.title = title;
    if (!r.knee) {
        // No curves: Br(T) and Hcj(T) relative to their 20 °C values, points over the fit.
        plot.x_label = "T [°C]";
        plot.y_label = "X(T) / X(20 °C) [%]";
        auto draw = [&](const auto& fit, const char* name, std::size_t color) {
            const double ref = fit.at_reference.value();
            PlotSeries s{fmt::format("{} fit", name), plot_color(color), {}, false, 2.0};
            const double lo = fit.low().value(), hi = fit.high().value();
            for (int i = 0; i <= 100; ++i) {
                const auto t = units::kelvin_point(lo + (hi - lo) * i / 100.0);
                s.points.emplace_back(units::to_celsius(t), 100.0 * fit.value_at(t).value() / ref);
            }
            plot.series.push_back(std::move(s));
            for (const auto& [t, v] : fit.data)
                plot.markers.push_back({"", plot_color(color), units::to_celsius(t), 100.0 * v.value() / ref, true, {}, false});
        };
        draw(r.remanence, "Br", 0);
        draw(r.intrinsic_coercivity, "Hcj", 1);
        plot.notes.push_back("points: the data; lines: the fitted temperature model (magsel fit)");
        return plot;
    }
    plot.x_label = "H [kA/m]";
    plot.y_label = "J or B [T]";
    // One colour per temperature.
    std::map<double, std::size_t> color_of;
    for (const auto& c : data.curves) color_of.emplace(c.temperature.value(), 0);
    std::size_t next = 0;
    for (auto& [t, c] : color_of) c = next++;
    const auto& k = *r.knee;
    for (std::size_t i = 0; i < data.curves.size(); ++i) {
        const auto& c = data.curves[i];
        const auto& f = k.curves[i];
        const DemagCurve model(f.remanence, f.intrinsic_coercivity, k.recoil_permeability, k.squareness);
        const bool b = c.quantity == CurveQuantity::flux_density;
        const auto color = plot_color(color_of[c.temperature.value()]);
        PlotSeries s{fmt::format("{} at {:g} °C", b ? "B" : "J", units::to_celsius(c.temperature)), color, {}, b, 2.0};
        const double h_end = c.points.back().field.value() * 1.05;
        for (int m = 0; m <= 200; ++m) {
            const double h = h_end * m / 200.0;
            if (model.polarization_si(h) < 0.0) break;  // past Hcj
            const double v = b ? model.flux_density_si(h) : model.polarization_si(h);
            s.points.emplace_back(-h / 1000.0, v);
        }
        plot.series.push_back(std::move(s));
        for (const auto& p : c.points)
            plot.markers.push_back({"", color, -p.field.value() / 1000.0, p.value.value(), false, {}, false});
    }
    plot.notes.push_back(fmt::format("rings: the data; lines: the fitted knee model (μrec {:.3f}, squareness {:.3f}, "
                                     "shared); RMS residual {:.4f} T, max {:.4f} T",
                                     k.recoil_permeability, k.squareness, k.rms_residual.value(), k.max_residual.value()));
    return plot;
}

std::string fit_summary(const std::string& name, const FitResult& result) {
    auto out = fmt::format("{}: Br(20 °C) {:.4f} T (RMS residual {:.4f} T), Hcj(20 °C) {:.1f} kA/m (RMS residual "
                           "{:.1f} kA/m), degrees {} and {}",
                           name, result.remanence.at_reference.value(), result.remanence.rms_residual.value(),
                           result.intrinsic_coercivity.at_reference.value() / 1000.0,
                           result.intrinsic_coercivity.rms_residual.value() / 1000.0, result.remanence.degree(),
                           result.intrinsic_coercivity.degree());
    if (result.knee)
        out += fmt::format("; knee: μrec {:.4f}, squareness {:.4f}{}, RMS residual {:.4f} T over {} curve(s)",
                           result.knee->recoil_permeability, result.knee->squareness,
                           result.knee->squareness_determined ? "" : " (not determined)",
                           result.knee->rms_residual.value(), result.knee->curves.size());
    return out;
}

}  // namespace magsel
