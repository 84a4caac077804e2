#include "magsel/demag_plot.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace magsel {
Plot demag_curves_plot(const Grade& grade, const std::vector<units::Temperature>& temperatures,
                       const std::optional<LoadLine>& load, Basis basis, PlotUnits plot_units, double loss_limit) {
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
    // the working points first: the axes must reach every one of them
    std::vector<WorkingPoint> points;
    double b_min = 0.0;  // the lowest B shown [T]: below 0 when a working point is
    if (load)
        for (const auto& c : curves) {
            points.push_back(working_point(c, *load));
            h_max = std::max(h_max, points.back().working_field.value() / 1.1 * 1.05);
            b_min = std::min(b_min, points.back().flux_density.value());
        }
    h_max *= 1.1;
    if (b_min < 0.0) b_min -= 0.08 * (b_max * 1.1 - b_min);  // room below the lowest point
    const double b_top = b_max * 1.1;
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
    if (b_min < 0.0)  // the B = 0 axis inside the chart
        plot.series.push_back({"", "#888888", {{-h_max * h_scale, 0.0}, {0.0, 0.0}}, false, 1.0});
    if (load) {
        const double pc = load->permeance_coefficient, ha = load->opposing_field.value();
        // B = μ0·Pc·(h − Ha): from the bottom of the chart (h < Ha when B < 0) up to the top
        const double h_bottom = ha + b_min / (units::mu0 * pc);
        const double h_top = ha + b_top / (units::mu0 * pc);
        const char* h_unit = cgs ? "kOe" : "kA/m";
        const char* b_unit = cgs ? "kG" : "T";
        plot.series.push_back({fmt::format("load line Pc {:g}{}", pc, ha > 0 ? fmt::format(", Ha {:.4g} {}", ha * h_scale, h_unit) : ""),
                               "#444444", {{-h_bottom * h_scale, b_min * b_scale}, {-h_top * h_scale, b_top * b_scale}}, false, 1.2});
        bool passing_labelled = false, failing_labelled = false;
        for (std::size_t i = 0; i < curves.size(); ++i) {
            const auto& w = points[i];
            const bool fails = w.irreversible_loss > loss_limit;
            PlotMarker m{"", plot_color(i), -w.working_field.value() * h_scale, w.flux_density.value() * b_scale, true, {}, false};
            if (fails) {
                m.shape = MarkerShape::cross;
                m.annotation = fmt::format("loss {:.3g} %", w.irreversible_loss * 100.0);
                if (!failing_labelled)
                    m.label = fmt::format("failing point, loss > {:g} %", loss_limit * 100.0);
                failing_labelled = true;
            } else {
                if (!passing_labelled)
                    m.label = fmt::format("working point, loss ≤ {:g} %", loss_limit * 100.0);
                passing_labelled = true;
            }
            plot.markers.push_back(std::move(m));
            plot.notes.push_back(fmt::format("{:g} °C: h = {:.4g} {}, B = {:.3f} {}, knee margin {:.4g} {}, "
                                             "irreversible loss {:.2f} %{}",
                                             units::to_celsius(temperatures[i]), w.working_field.value() * h_scale, h_unit,
                                             w.flux_density.value() * b_scale, b_unit, w.knee_margin.value() * h_scale,
                                             h_unit, w.irreversible_loss * 100.0,
                                             fails ? fmt::format(": FAILS the {:g} % limit", loss_limit * 100.0) : ""));
        }
    }
    plot.x_range = std::pair{-h_max * h_scale, 0.0};
    plot.y_range = std::pair{b_min * b_scale, b_top * b_scale};
    plot.notes.push_back(fmt::format("magsel {}-basis model; curves from Br(T), Hcj(T), μrec {:.3f}, Hk/Hcj {:.2f} "
                                     "(docs/physics.md)",
                                     to_string(basis), grade.recoil_permeability.value, grade.squareness.value));
    return plot;
}

}  // namespace magsel
