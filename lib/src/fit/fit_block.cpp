#include "fit/fit_block.hpp"

#include <cmath>

#include <fmt/format.h>

#include "data/grade_file.hpp"
#include "data/source_reader.hpp"

namespace magsel::detail {
namespace {

/// {rms_residual, max_residual} of dimension `d`, RMS ≤ max; returns nothing (checked only).
void check_residuals(const YamlValue& v, Dimension d) {
    const double rms = v.require("rms_residual").quantity(d);
    const auto max_node = v.require("max_residual");
    const double max = max_node.quantity(d);
    if (rms < 0.0) v.require("rms_residual").fail("a residual is zero or positive");
    if (rms > max * (1.0 + 1e-3) + 1e-12) max_node.fail("the max residual is smaller than the RMS residual");
}

int count(const YamlValue& v, int at_least) {
    const double x = v.number();
    if (x != std::floor(x) || x < at_least) v.fail(fmt::format("expected a whole number, at least {}", at_least));
    return static_cast<int>(x);
}

}  // namespace

void check_fit_block(const YamlValue& v) {
    v.check_keys({"method", "criterion", "date", "inputs", "temperature_range", "remanence", "coercivity_intrinsic",
                  "coercivity_normal", "knee", "notes"});
    v.require("method").text();
    if (auto c = v.find("criterion")) c->text();
    read_date(v.require("date"), false);
    for (const auto& f : v.require("inputs").items()) f.text();
    if (auto range = v.find("temperature_range")) {
        const auto ends = range->items();
        if (ends.size() != 2) range->fail("expected [low, high], two temperatures");
        if (!(read_temperature(ends[0]) <= read_temperature(ends[1]))) range->fail("the low end is above the high end");
    }
    for (const char* key : {"remanence", "coercivity_intrinsic", "coercivity_normal"}) {
        const auto p = v.find(key);
        if (!p) continue;
        p->check_keys({"points", "temperatures", "degree", "rms_residual", "max_residual"});
        const int points = count(p->require("points"), 1);
        if (count(p->require("temperatures"), 1) > points) p->fail("more temperatures than points");
        const auto degree = p->require("degree");
        const int d = count(degree, 0);
        if (d > 2) degree.fail("the degree of a fitted temperature model is 0, 1 or 2");
        check_residuals(*p, std::string_view(key) == "remanence" ? Dimension::flux_density : Dimension::field_strength);
    }
    if (auto k = v.find("knee")) {
        k->check_keys({"curves", "points", "field_range", "rms_residual", "max_residual", "iterations", "converged",
                       "per_curve"});
        count(k->require("curves"), 1);
        count(k->require("points"), 1);
        if (auto range = k->find("field_range")) {
            const auto ends = range->items();
            if (ends.size() != 2) range->fail("expected [low, high], two fields");
            ends[0].quantity(Dimension::field_strength);
            ends[1].quantity(Dimension::field_strength);
        }
        check_residuals(*k, Dimension::flux_density);
        if (auto i = k->find("iterations")) count(*i, 0);
        if (auto c = k->find("converged")) c->boolean();
        if (auto list = k->find("per_curve")) {
            for (const auto& c : list->items()) {
                c.check_keys({"T", "remanence", "coercivity_intrinsic", "coercivity_held", "points", "rms_residual",
                              "max_residual"});
                read_temperature(c.require("T"));
                c.require("remanence").quantity(Dimension::flux_density);
                c.require("coercivity_intrinsic").quantity(Dimension::field_strength);
                if (auto h = c.find("coercivity_held")) h->boolean();
                count(c.require("points"), 1);
                check_residuals(c, Dimension::flux_density);
            }
        }
    }
    if (auto n = v.find("notes"))
        for (const auto& item : n->items()) item.text();
}

}  // namespace magsel::detail
