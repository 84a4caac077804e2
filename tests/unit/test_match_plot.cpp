// The scatter chart of match's candidates: the two-objective Pareto front by hand, and the
// chart's content for a real requirement.
#include <catch2/catch.hpp>

#include "magsel/catalogue.hpp"
#include "magsel/match_plot.hpp"

using namespace magsel;

TEST_CASE("Pareto front: lower x and higher y are better", "[match-plot]") {
    // (cost, Br): A dominates D (cheaper and stronger); B and C trade cost for Br; E ties A on
    // cost with less Br (dominated); F equals B exactly (neither dominates the other).
    const std::vector<std::pair<double, double>> points = {
        {10.0, 1.20},  // A: front
        {20.0, 1.30},  // B: front
        {30.0, 1.40},  // C: front
        {15.0, 1.10},  // D: dominated by A
        {10.0, 1.00},  // E: dominated by A (same cost, lower Br)
        {20.0, 1.30},  // F: same as B, front
        {35.0, 1.35},  // G: dominated by C
    };
    const auto front = pareto_front(points);
    CHECK(front == std::vector<bool>{true, true, true, false, false, true, false});
    CHECK(pareto_front({}).empty());
    CHECK(pareto_front({{1.0, 1.0}}) == std::vector<bool>{true});
}

TEST_CASE("scatter chart of the industrial IE5 candidates", "[match-plot]") {
    const auto catalogue = Catalogue::builtin();
    const auto r = read_requirement_file(std::string(MAGSEL_EXAMPLES_DIR) + "/industrial-ie5-motor.yaml");
    const auto result = match(catalogue, r, PriceTable::builtin(), SupplyData::builtin());
    REQUIRE(result.candidates.size() >= 3);
    const auto plot = candidates_scatter_plot(result, r, ScatterAxis::dy_tb);
    std::size_t filled = 0;
    for (const auto& m : plot.markers) filled += m.filled ? 1 : 0;
    // every front point is filled and named; the staircase visits each of them
    CHECK(plot.markers.size() == result.candidates.size());
    REQUIRE(plot.series.size() == 1);
    CHECK(plot.series[0].points.size() == 2 * filled - 1);
    for (const auto& m : plot.markers) {
        if (m.filled) CHECK_FALSE(m.annotation.empty());
        // no candidate is both above and left of a front point
        if (!m.filled) continue;
        for (const auto& other : plot.markers)
            CHECK_FALSE((other.x < m.x && other.y > m.y));
    }
    CHECK(plot.y_label == "Br at the worst temperature [T]");
    CHECK(plot.x_label == "Dy + Tb [wt %]");
}
