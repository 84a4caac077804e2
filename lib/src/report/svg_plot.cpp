#include "magsel/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <unistd.h>

#include <fmt/format.h>

#include "magsel/error.hpp"
#include "report/xml_escape.hpp"

namespace magsel {
namespace {

constexpr double width = 960, plot_height = 480;
constexpr double left = 80, right = 270, top = 50;  // margins; the legend sits on the right

std::string escape(const std::string& s) { return detail::xml_escape(s); }

/// "Nice" tick step for a span: 1, 2 or 5 × 10^k, about 8 ticks.
double tick_step(double span) {
    const double raw = span / 8.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * magnitude) return m * magnitude;
    return 10.0 * magnitude;
}

/// One marker's symbol at (x, y) in pixels.
std::string marker_svg(const PlotMarker& m, double x, double y) {
    if (m.shape == MarkerShape::cross)
        return fmt::format("<path d=\"M{0:.2f},{1:.2f} L{2:.2f},{3:.2f} M{0:.2f},{3:.2f} L{2:.2f},{1:.2f}\" stroke=\"{4}\" "
                           "stroke-width=\"3\" stroke-linecap=\"round\" fill=\"none\"/>\n",
                           x - 6, y - 6, x + 6, y + 6, m.color);
    return fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>\n", x, y,
                       m.filled ? m.color : "white", m.color);
}

std::pair<double, double> extent(const Plot& p, bool x_axis) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : p.series)
        for (const auto& [x, y] : s.points) {
            const double v = x_axis ? x : y;
            lo = std::min(lo, v), hi = std::max(hi, v);
        }
    if (!(lo < hi)) return {0.0, 1.0};
    return {lo, hi};
}

}  // namespace

const char* plot_color(std::size_t index) {
    static constexpr const char* palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    return palette[index % 7];
}

std::string render_svg(const Plot& p) {
    const auto x_span = p.x_range ? *p.x_range : extent(p, true);
    const auto y_span = p.y_range ? *p.y_range : extent(p, false);
    const double x0 = x_span.first, x1 = x_span.second, y0 = y_span.first, y1 = y_span.second;
    const double bottom = 60.0 + 15.0 * static_cast<double>(p.notes.size());  // axis label, then the notes
    const double height = top + plot_height + bottom;
    const double plot_w = width - left - right, plot_h = plot_height;
    auto sx = [&](double x) { return left + (x - x0) / (x1 - x0) * plot_w; };
    auto sy = [&](double y) { return top + (y1 - y) / (y1 - y0) * plot_h; };

    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
        "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">\n"
        "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        "<text x=\"{2}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{3}</text>\n",
        width, height, left, escape(p.title));
    svg += fmt::format("<defs><clipPath id=\"plot\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>\n",
                       left, top, plot_w, plot_h);
    // grid and ticks
    const double dx = tick_step(x1 - x0), dy = tick_step(y1 - y0);
    for (double x = std::ceil(x0 / dx) * dx; x <= x1 + 1e-9 * dx; x += dx) {
        svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#e0e0e0\"/>\n", sx(x), top,
                           top + plot_h);
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:g}</text>\n", sx(x), top + plot_h + 18,
                           std::abs(x) < 1e-9 * dx ? 0.0 : x);
    }
    for (double y = std::ceil(y0 / dy) * dy; y <= y1 + 1e-9 * dy; y += dy) {
        svg += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#e0e0e0\"/>\n", left, sy(y),
                           left + plot_w);
        svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:g}</text>\n", left - 6, sy(y) + 4,
                           std::abs(y) < 1e-9 * dy ? 0.0 : y);
    }
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n", left, top,
                       plot_w, plot_h);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", left + plot_w / 2,
                       top + plot_h + 40, escape(p.x_label));
    svg += fmt::format("<text transform=\"translate(22,{:.1f}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                       top + plot_h / 2, escape(p.y_label));
    // series and markers, clipped to the plot area
    svg += "<g clip-path=\"url(#plot)\">\n";
    for (const auto& s : p.series) {
        if (s.points.empty()) continue;
        std::string d;
        for (std::size_t i = 0; i < s.points.size(); ++i)
            d += fmt::format("{}{:.2f},{:.2f}", i == 0 ? "M" : " L", sx(s.points[i].first), sy(s.points[i].second));
        svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n", d, s.color, s.width,
                           s.dashed ? " stroke-dasharray=\"7,4\"" : "");
    }
    for (const auto& m : p.markers) {
        svg += marker_svg(m, sx(m.x), sy(m.y));
        if (!m.annotation.empty())
            svg += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" font-size=\"11\" fill=\"#333\">{}</text>\n", sx(m.x) + 7,
                               sy(m.y) + (m.annotation_below ? 16 : -7), escape(m.annotation));
    }
    svg += "</g>\n";
    // legend
    double ly = top + 10;
    const double lx = width - right + 15;
    for (const auto& s : p.series) {
        if (s.label.empty()) continue;
        svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n", lx, ly,
                           lx + 28, ly, s.color, s.width, s.dashed ? " stroke-dasharray=\"7,4\"" : "");
        svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", lx + 34, ly + 4, escape(s.label));
        ly += 20;
    }
    for (const auto& m : p.markers) {
        if (m.label.empty()) continue;
        svg += marker_svg(m, lx + 14, ly);
        svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", lx + 34, ly + 4, escape(m.label));
        ly += 20;
    }
    double ny = top + plot_h + 62;
    for (auto it = p.notes.begin(); it != p.notes.end(); ++it, ny += 15)
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555\">{}</text>\n", left, ny, escape(*it));
    svg += "</svg>\n";
    return svg;
}

}  // namespace magsel
