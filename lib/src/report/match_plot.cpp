#include "magsel/match_plot.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace magsel {

std::vector<bool> pareto_front(const std::vector<std::pair<double, double>>& points) {
    std::vector<bool> front(points.size(), true);
    for (std::size_t i = 0; i < points.size(); ++i)
        for (std::size_t j = 0; j < points.size() && front[i]; ++j) {
            const auto [xi, yi] = points[i];
            const auto [xj, yj] = points[j];
            if (j != i && xj <= xi && yj >= yi && (xj < xi || yj > yi)) front[i] = false;
        }
    return front;
}

Plot candidates_scatter_plot(const MatchResult& result, const Requirement& requirement, ScatterAxis x) {
    const bool by_cost = x == ScatterAxis::cost;
    Plot plot;
    plot.title = fmt::format("{}: Br at the worst temperature vs {}", requirement.name, by_cost ? "cost" : "Dy + Tb");
    plot.x_label = by_cost ? "material + processing cost [USD/kg]" : "Dy + Tb [wt %]";
    plot.y_label = "Br at the worst temperature [T]";

    std::vector<std::pair<double, double>> points;
    std::vector<const Candidate*> shown;
    std::size_t no_cost = 0;
    for (const auto& c : result.candidates) {
        const auto& e = c.evaluation;
        if (by_cost && !e.cost) {
            ++no_cost;
            continue;
        }
        const double xv = by_cost ? e.cost->total.value() : e.exposure.dy_tb_fraction * 100.0;
        points.emplace_back(xv, e.remanence_at_worst.value());
        shown.push_back(&c);
    }
    const auto front = pareto_front(points);

    // the front as a staircase: from each front point across to the next one's x, then up
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (front[i]) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return points[a] < points[b]; });
    PlotSeries stairs{"Pareto front", plot_color(0), {}, true, 1.5};
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (k > 0) stairs.points.emplace_back(points[order[k]].first, points[order[k - 1]].second);
        stairs.points.push_back(points[order[k]]);
    }
    if (!stairs.points.empty()) plot.series.push_back(std::move(stairs));

    // names of neighbouring front points alternate above and below their markers
    std::vector<bool> below(points.size(), false);
    for (std::size_t k = 1; k < order.size(); k += 2) below[order[k]] = true;
    bool front_labelled = false, other_labelled = false;
    for (std::size_t i = 0; i < points.size(); ++i) {
        PlotMarker m;
        m.x = points[i].first;
        m.y = points[i].second;
        m.filled = front[i];
        m.color = front[i] ? plot_color(0) : plot_color(1);
        m.annotation_below = below[i];
        const bool rank1 = shown[i]->rank == 1;
        if (front[i] || rank1) m.annotation = shown[i]->evaluation.grade->name + (rank1 ? " (rank 1)" : "");
        if (front[i] && !front_labelled) m.label = "on the front", front_labelled = true;
        if (!front[i] && !other_labelled) m.label = "other candidates", other_labelled = true;
        plot.markers.push_back(std::move(m));
    }
    // a margin around the points, so markers and names stay inside the frame
    if (!points.empty()) {
        auto [xmin, xmax] = std::minmax_element(points.begin(), points.end(),
                                                [](auto a, auto b) { return a.first < b.first; });
        auto [ymin, ymax] = std::minmax_element(points.begin(), points.end(),
                                                [](auto a, auto b) { return a.second < b.second; });
        const double dx = std::max(xmax->first - xmin->first, 1e-3 * std::max(1.0, std::abs(xmax->first)));
        const double dy = std::max(ymax->second - ymin->second, 0.01);
        plot.x_range = std::pair{std::max(0.0, xmin->first - 0.08 * dx), xmax->first + 0.15 * dx};
        plot.y_range = std::pair{ymin->second - 0.08 * dy, ymax->second + 0.12 * dy};
    }
    const auto on_front = static_cast<std::size_t>(std::count(front.begin(), front.end(), true));
    plot.notes.push_back(fmt::format("{} candidate(s) of `magsel match`, {} on the front: no other candidate has both a "
                                     "higher Br at its worst temperature and a lower {}.",
                                     points.size(), on_front, by_cost ? "cost" : "Dy + Tb content"));
    if (no_cost > 0) plot.notes.push_back(fmt::format("{} candidate(s) without a price are not shown.", no_cost));
    plot.notes.push_back(fmt::format("Worst temperature over {:g}…{:g} °C, {} values; rank 1 is match's weighted "
                                     "ranking over four objectives.",
                                     units::to_celsius(requirement.min_temperature),
                                     units::to_celsius(requirement.max_temperature), to_string(requirement.basis)));
    return plot;
}

}  // namespace magsel
