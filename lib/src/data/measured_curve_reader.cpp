#include "data/measured_curve_reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "data/source_reader.hpp"

namespace magsel::detail {
namespace {

constexpr std::size_t min_points = 5;
constexpr double noise_tesla = 0.005;  // a rise this small is digitizing noise, flattened

MeasuredCurve read_one(const YamlValue& v, const std::vector<Source>& sources) {
    v.check_keys({"T", "curve", "basis", "points", "source"});
    MeasuredCurve c;
    const auto t = v.require("T");
    c.temperature = units::kelvin_point(t.quantity(Dimension::temperature));
    const auto kind = v.require("curve");
    if (kind.text() == "normal") c.normal_curve = true;
    else if (kind.text() != "intrinsic") kind.fail("`curve` is `normal` (B against H) or `intrinsic` (J against H)");
    if (auto b = v.find("basis")) {
        if (b->text() == "min") c.minimum = true;
        else if (b->text() != "typ") b->fail("`basis` is `typ` (a typical curve, the default) or `min` (guaranteed)");
    }
    if (auto s = v.find("source")) {
        c.source_id = s->text();
        check_source_id(*s, c.source_id, sources);
    }
    const auto points = v.require("points");
    const auto items = points.items();
    if (items.size() < min_points)
        points.fail(fmt::format("a measured curve needs at least {} points, not {}", min_points, items.size()));

    // read (H, B or J); every H of one sign
    std::vector<double> field, value;
    int sign = 0;  // −1: H ≤ 0 as plotted; +1: magnitudes
    for (const auto& p : items) {
        const auto pair = p.items();
        if (pair.size() != 2) p.fail("a point is [H, B] or [H, J]: two quantities, e.g. [-400 kA/m, 0.85 T]");
        const double h = pair[0].quantity(Dimension::field_strength);
        const double y = pair[1].quantity(Dimension::flux_density);
        const int s = h < 0.0 ? -1 : (h > 0.0 ? 1 : 0);
        if (s != 0 && sign != 0 && s != sign)
            pair[0].fail("H changes sign: give every H as plotted (≤ 0) or every H as a magnitude (≥ 0)");
        if (s != 0) sign = s;
        field.push_back(std::abs(h));
        value.push_back(y);
    }
    // |H| rising, J (or B) falling
    for (std::size_t i = 1; i < field.size(); ++i) {
        if (!(field[i] > field[i - 1]))
            items[i].fail(fmt::format("|H| must rise from point to point ({:g} kA/m after {:g} kA/m)", field[i] / 1000.0,
                                      field[i - 1] / 1000.0));
    }
    std::vector<double> j(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) j[i] = c.normal_curve ? value[i] + units::mu0 * field[i] : value[i];
    for (std::size_t i = 1; i < j.size(); ++i) {
        if (j[i] > j[i - 1] + noise_tesla)
            items[i].fail(fmt::format("the curve rises here ({} goes from {:.4f} T to {:.4f} T): a demagnetization "
                                      "curve falls as |H| grows",
                                      c.normal_curve ? "J = B + μ0·|H|" : "J", j[i - 1], j[i]));
        j[i] = std::min(j[i], j[i - 1]);
    }
    // start at H = 0
    if (field.front() > 0.02 * field.back()) {
        items[0].fail(fmt::format("the curve must start at H = 0 (Br) or within 2 % of its span; it starts at "
                                  "{:g} kA/m",
                                  field.front() / 1000.0));
    }
    if (field.front() > 0.0) {
        const double m = (j[1] - j[0]) / (field[1] - field[0]);
        field.insert(field.begin(), 0.0);
        j.insert(j.begin(), j[0] - m * field[1]);
    }
    if (!(j.front() > 0.1 && j.front() < 1.6))
        items[0].fail(fmt::format("Br = {:.4f} T at H = 0 is outside the plausible range [0.1, 1.6] T", j.front()));
    if (j.back() < -1.05 * j.front())
        items.back().fail("J falls below −Br: a magnet cannot reverse further than its remanence");
    c.field = std::move(field);
    c.polarization = std::move(j);
    return c;
}

}  // namespace

std::vector<MeasuredCurve> read_measured_curves(const YamlValue& list, const std::vector<Source>& sources) {
    std::vector<MeasuredCurve> curves;
    for (const auto& item : list.items()) {
        auto c = read_one(item, sources);
        for (const auto& other : curves)
            if (std::abs(other.temperature.value() - c.temperature.value()) < 0.5 && other.minimum == c.minimum)
                item.require("T").fail("a second curve at this temperature and basis");
        curves.push_back(std::move(c));
    }
    return curves;
}

}  // namespace magsel::detail
