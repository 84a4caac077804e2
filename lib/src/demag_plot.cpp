#include "magsel/demag_plot.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace magsel {
Plot demag_curves_plot(const Grade& grade, const std::vector<units::Temperature>& temperatures,
                       const std::optional<LoadLine>& load, Basis basis, PlotUnits plot_units) {
    const bool cgs = plot_units == PlotUnits::cgs;
    // display per SI: H in kA/m or kOe, B and J in T or kG
    const double h_scale = cgs ? 1.0 / (1000.0 * units::oersted_in_ampere_per_metre) : 1e-3;
    const double b_scale = cgs ? 1.0 / (1000.0 * units::gauss_in_tesla) : 1.0;
    Plot plot;
    plot.title = fmt::format("{} ({}): demagnetization curves, {} values", grade.name, to_string(grade.family),
                             to_string(basis));
    plot.x_label = cgs ? "H [kOe]" : "H [kA/m]";
    plot.y_label = cgs ? "B, J [kG]" : "B, J [T]";

    double h_max = 0.0, b_max = 0.0;
    std::vector<DemagCurve> curves;
    for (const auto& t : temperatures) {
        curves.push_back(curve_at(grade, t, basis));
        h_max = std::max(h_max, curves.back().intrinsic_coercivity().value());
        b_max = std::max(b_max, curves.back().remanence().value());
    }
    h_max *= 1.1;
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const auto& c = curves[i];
        const char* color = plot_color(i);
        PlotSeries normal{fmt::format("B, {:g} °C", units::to_celsius(temperatures[i])), color, {}, false, 2.2};
        PlotSeries intrinsic{fmt::format("J, {:g} °C", units::to_celsius(temperatures[i])), color, {}, true, 1.6};
        constexpr int n = 400;
        for (int k = 0; k <= n; ++k) {
            const double h = h_max * k / n;
            normal.points.emplace_back(-h * h_scale, c.flux_density_si(h) * b_scale);
            intrinsic.points.emplace_back(-h * h_scale, c.polarization_si(h) * b_scale);
        }
        plot.series.push_back(std::move(normal));
        plot.series.push_back(std::move(intrinsic));
        const double hk = c.knee_field().value();
        plot.markers.push_back({i == 0 ? "knee Hk (J = 0.9 Br)" : "", color, -hk * h_scale, c.polarization_si(hk) * b_scale,
                                false, {}, false});
    }
    if (load) {
        const double pc = load->permeance_coefficient, ha = load->opposing_field.value();
        // B = μ0·Pc·(h − Ha): from B = 0 at h = Ha up to the top of the chart
        const double h_top = ha + b_max * 1.1 / (units::mu0 * pc);
        const char* h_unit = cgs ? "kOe" : "kA/m";
        const char* b_unit = cgs ? "kG" : "T";
        plot.series.push_back({fmt::format("load line Pc {:g}{}", pc, ha > 0 ? fmt::format(", Ha {:.4g} {}", ha * h_scale, h_unit) : ""),
                               "#444444", {{-ha * h_scale, 0.0}, {-h_top * h_scale, b_max * 1.1 * b_scale}}, false, 1.2});
        for (std::size_t i = 0; i < curves.size(); ++i) {
            const auto w = working_point(curves[i], *load);
            plot.markers.push_back({i == 0 ? "working point" : "", plot_color(i),
                                    -w.working_field.value() * h_scale, w.flux_density.value() * b_scale, true, {}, false});
            plot.notes.push_back(fmt::format("{:g} °C: h = {:.4g} {}, B = {:.3f} {}, knee margin {:.4g} {}, "
                                             "irreversible loss {:.2f} %",
                                             units::to_celsius(temperatures[i]), w.working_field.value() * h_scale, h_unit,
                                             w.flux_density.value() * b_scale, b_unit, w.knee_margin.value() * h_scale,
                                             h_unit, w.irreversible_loss * 100.0));
        }
    }
    plot.x_range = std::pair{-h_max * h_scale, 0.0};
    plot.y_range = std::pair{0.0, b_max * 1.1 * b_scale};
    plot.notes.push_back(fmt::format("magsel {}-basis model; curves from Br(T), Hcj(T), μrec {:.3f}, Hk/Hcj {:.2f} "
                                     "(docs/physics.md)",
                                     to_string(basis), grade.recoil_permeability.value, grade.squareness.value));
    return plot;
}

}  // namespace magsel
