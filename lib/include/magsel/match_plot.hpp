// magsel/match_plot.hpp — the candidates of a match as a scatter chart with their Pareto front.
#pragma once

#include <utility>
#include <vector>

#include "magsel/select.hpp"
#include "magsel/svg_plot.hpp"

namespace magsel {

/// What the scatter chart puts on its x axis (y is Br at the worst temperature).
enum class ScatterAxis {
    cost,   ///< material + processing cost [USD/kg]
    dy_tb,  ///< Dy + Tb content [wt %]
};

/// For points (x, y) where a smaller x and a larger y are better: true for each point that no
/// other point dominates (another point at least as good in both and better in one).
std::vector<bool> pareto_front(const std::vector<std::pair<double, double>>& points);

/// Every candidate of `result` at (x, Br at its worst temperature), the two-objective Pareto
/// front drawn as a staircase and its points named. Candidates without a cost are left out of
/// a cost chart (a note says how many).
Plot candidates_scatter_plot(const MatchResult& result, const Requirement& requirement, ScatterAxis x);

}  // namespace magsel
