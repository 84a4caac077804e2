// magsel/svg_plot.hpp — a small, self-contained SVG line chart (axes, ticks, legend, markers).
// Formatting only: callers pass numbers already in display units.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace magsel {

struct PlotSeries {
    std::string label;  ///< legend text; empty: not in the legend
    std::string color;  ///< CSS colour
    std::vector<std::pair<double, double>> points;
    bool dashed = false;
    double width = 2.0;
};

enum class MarkerShape {
    circle,  ///< a dot (filled) or a ring
    cross,   ///< an X: a point that fails a check
};

struct PlotMarker {
    std::string label;  ///< legend text; empty: not in the legend
    std::string color;
    double x = 0.0, y = 0.0;
    bool filled = true;  ///< filled circle, or a ring
    std::string annotation;  ///< small text beside the point (e.g. a grade name); empty: none
    bool annotation_below = false;  ///< put it below-right instead of above-right (neighbours)
    MarkerShape shape = MarkerShape::circle;
};

struct Plot {
    std::string title;
    std::string x_label;
    std::string y_label;
    std::vector<PlotSeries> series;
    std::vector<PlotMarker> markers;
    std::optional<std::pair<double, double>> x_range;  ///< default: the data's extent
    std::optional<std::pair<double, double>> y_range;
    std::vector<std::string> notes;  ///< small print under the chart
};

/// A colour-blind-safe palette of 7 colours (Okabe & Ito 2008), for series 0, 1, 2 ...
const char* plot_color(std::size_t index);

/// The chart as a standalone SVG document (960 px wide; taller with more notes).
std::string render_svg(const Plot& plot);

}  // namespace magsel
