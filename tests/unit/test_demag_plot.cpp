// The demag chart: its axes reach every working point (below B = 0 too), and a working point
// whose irreversible loss is above the limit is marked as failing (an X with a legend entry).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "magsel/catalogue.hpp"
#include "magsel/demag_plot.hpp"

using namespace magsel;
using Catch::Matchers::Contains;

namespace {
std::vector<units::Temperature> at(std::initializer_list<double> celsius) {
    std::vector<units::Temperature> t;
    for (double c : celsius) t.push_back(units::celsius(c));
    return t;
}
std::vector<const PlotMarker*> working_point_markers(const Plot& p) {
    std::vector<const PlotMarker*> m;
    for (const auto& x : p.markers)
        if (x.filled || x.shape == MarkerShape::cross) m.push_back(&x);  // knee markers are rings
    return m;
}
}  // namespace

TEST_CASE("demag chart: failing working points below B = 0 are on the chart and marked", "[demag-plot]") {
    const auto catalogue = Catalogue::builtin();
    const auto& g = catalogue.find("N48SH");
    const LoadLine load{2.0, 600e3 * units::ampere_per_metre};
    const auto plot = demag_curves_plot(g, at({20, 150, 180}), load);
    REQUIRE(plot.x_range);
    REQUIRE(plot.y_range);
    const auto marks = working_point_markers(plot);
    REQUIRE(marks.size() == 3);
    std::size_t failing = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto w = working_point(g, at({20, 150, 180})[i], load);
        const auto& m = *marks[i];
        CAPTURE(i, m.x, m.y, w.irreversible_loss);
        // on the load line: B = μ0·Pc·(h − Ha) = 4π·1e-7 · 2 · (h − 600e3) [T], h in A/m (x is −h in kA/m)
        const double h = -m.x * 1e3;
        CHECK(m.y == Approx(4e-7 * M_PI * 2.0 * (h - 600e3)).margin(1e-9));
        // inside the axes
        CHECK(m.x >= plot.x_range->first);
        CHECK(m.x <= plot.x_range->second);
        CHECK(m.y >= plot.y_range->first);
        CHECK(m.y <= plot.y_range->second);
        const bool fails = w.irreversible_loss > 0.01;
        CHECK((m.shape == MarkerShape::cross) == fails);
        failing += fails ? 1 : 0;
    }
    // 20 °C: h ≈ 751 kA/m > Ha, B > 0 and no loss; 150 and 180 °C: the curves cross the load line
    // below B = 0 (h < Ha), far past their knees
    CHECK(marks[0]->y > 0.0);
    CHECK(marks[1]->y < 0.0);
    CHECK(marks[2]->y < 0.0);
    CHECK(failing == 2);
    CHECK(plot.y_range->first < std::min(marks[1]->y, marks[2]->y));
    // one legend entry each for passing and failing points
    CHECK(std::count_if(plot.markers.begin(), plot.markers.end(),
                        [](const PlotMarker& m) { return m.label == "failing point, loss > 1 %"; }) == 1);
    CHECK(std::count_if(plot.markers.begin(), plot.markers.end(),
                        [](const PlotMarker& m) { return m.label == "working point, loss ≤ 1 %"; }) == 1);
    const auto svg = render_svg(plot);
    CHECK_THAT(svg, Contains("failing point, loss &gt; 1 %"));
    CHECK_THAT(svg, Contains("stroke-linecap=\"round\""));  // the X
}

TEST_CASE("demag chart: with every working point above B = 0 the axis starts at 0 and nothing fails", "[demag-plot]") {
    const auto catalogue = Catalogue::builtin();
    const auto& g = catalogue.find("N48SH");
    const auto plot = demag_curves_plot(g, at({20}), LoadLine{2.0, 300e3 * units::ampere_per_metre});
    REQUIRE(plot.y_range);
    CHECK(plot.y_range->first == 0.0);
    const auto marks = working_point_markers(plot);
    REQUIRE(marks.size() == 1);
    CHECK(marks[0]->shape == MarkerShape::circle);
    CHECK(marks[0]->y > 0.0);
    // and no point is drawn as failing
    CHECK(std::none_of(plot.markers.begin(), plot.markers.end(),
                       [](const PlotMarker& m) { return m.shape == MarkerShape::cross; }));
}

TEST_CASE("demag chart: the loss limit decides which point fails", "[demag-plot]") {
    const auto catalogue = Catalogue::builtin();
    const auto& g = catalogue.find("N48SH");
    const LoadLine load{2.0, 600e3 * units::ampere_per_metre};
    const auto w150 = working_point(g, units::celsius(150), load);
    REQUIRE(w150.irreversible_loss > 0.5);
    REQUIRE(w150.irreversible_loss < 0.99);
    // a limit above the 150 °C loss: the point passes; the default 1 %: it fails
    // (the plots are held: the markers point into them)
    const auto lenient_plot = demag_curves_plot(g, at({150}), load, Basis::minimum, PlotUnits::si, 0.99);
    const auto lenient = working_point_markers(lenient_plot);
    REQUIRE(lenient.size() == 1);
    CHECK(lenient[0]->shape == MarkerShape::circle);
    const auto strict_plot = demag_curves_plot(g, at({150}), load);
    const auto strict = working_point_markers(strict_plot);
    REQUIRE(strict.size() == 1);
    CHECK(strict[0]->shape == MarkerShape::cross);
}
