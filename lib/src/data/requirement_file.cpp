#include "magsel/requirement.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "data/source_reader.hpp"
#include "data/yaml_reader.hpp"

namespace magsel {
namespace {

using detail::YamlValue;

double fraction_in(const YamlValue& v, double low, double high, const char* what) {
    const double x = v.quantity(Dimension::fraction);
    if (x < low || x > high) {
        // "25" read as a fraction is 2500 %: say so
        const bool bare = v.text().find('%') == std::string::npos && x > 1.0;
        v.fail(fmt::format("{} must be between {:g} % and {:g} %{}", what, low * 100, high * 100,
                           bare ? fmt::format(" (a bare number is a fraction: write {:g} % or {:g})", x, x / 100.0) : ""));
    }
    return x;
}

void read_performance(const YamlValue& v, Requirement& r) {
    v.check_keys({"min_remanence", "min_flux_density"});
    if (auto b = v.find("min_remanence")) {
        const double t = b->quantity(Dimension::flux_density);
        if (!(t > 0.0 && t < 2.0)) b->fail("a minimum remanence is between 0 and 2 T");
        r.min_remanence = t * units::tesla;
    }
    if (auto b = v.find("min_flux_density")) {
        const double t = b->quantity(Dimension::flux_density);
        if (!(t > 0.0 && t < 2.0)) b->fail("a minimum flux density is between 0 and 2 T");
        r.min_flux_density = t * units::tesla;
    }
}

/// `exposure:` (hours at temperature) asks for time-dependent loss, which magsel does not model:
/// say so plainly instead of calling it an unknown key.
void reject_exposure(const YamlValue& v) {
    if (auto e = v.find("exposure"))
        e->fail("magsel has no model of time-dependent loss (magnetic viscosity: % flux lost after hours at "
                "temperature, as in makers' and IEC TR 62518 stability data); its losses are instantaneous, on "
                "recoil from the working point. Remove `exposure` and see docs/physics.md, \"Instantaneous and "
                "time-dependent loss\"");
}

/// `geometry: {shape: cylinder, length: 10 mm, diameter: 10 mm}` (or ring, block): the shape of an
/// isolated magnet, from which the permeance coefficient follows (geometry.hpp).
MagnetShape read_geometry(const YamlValue& g) {
    const auto shape = g.require("shape");
    auto length = [&](const char* key) {
        const auto x = g.require(key);
        const double m = x.quantity(Dimension::length);
        if (!(m > 0.0)) x.fail("a size must be positive");
        return m * units::metre;
    };
    const auto kind = shape.text();
    if (kind == "cylinder") {
        g.check_keys({"shape", "length", "diameter"});
        return Cylinder{length("length"), length("diameter")};
    }
    if (kind == "ring") {
        g.check_keys({"shape", "length", "outer_diameter", "inner_diameter"});
        const auto inner = g.require("inner_diameter");
        const double id = inner.quantity(Dimension::length);
        if (!(id >= 0.0)) inner.fail("an inner diameter is 0 or more");
        Ring ring{length("length"), length("outer_diameter"), id * units::metre};
        if (!(ring.inner_diameter < ring.outer_diameter)) inner.fail("the inner diameter must be below the outer one");
        return ring;
    }
    if (kind == "block") {
        g.check_keys({"shape", "length", "width", "height"});
        return Block{length("length"), length("width"), length("height")};
    }
    shape.fail(fmt::format("unknown shape `{}`: cylinder, ring or block", kind));
}

void read_demagnetization(const YamlValue& v, Requirement& r) {
    reject_exposure(v);
    v.check_keys({"permeance_coefficient", "geometry", "opposing_field", "opposing_field_at", "safety_margin",
                  "max_irreversible_loss"});
    const auto geometry = v.find("geometry");
    if (geometry && v.find("permeance_coefficient"))
        geometry->fail("give `permeance_coefficient` or `geometry`, not both");
    if (geometry) {
        r.geometry = read_geometry(*geometry);
        try {
            r.permeance_coefficient = permeance_coefficient(*r.geometry);
        } catch (const UsageError& e) {
            geometry->fail(e.what());
        }
        if (!(*r.permeance_coefficient > 0.0 && *r.permeance_coefficient <= 100.0))
            geometry->fail(fmt::format("this shape gives Pc {:.3g}; magsel works with Pc above 0 and at most 100",
                                       *r.permeance_coefficient));
    } else {
        const auto pc = v.require("permeance_coefficient");
        r.permeance_coefficient = pc.number();
        if (!(*r.permeance_coefficient > 0.0 && *r.permeance_coefficient <= 100.0))
            pc.fail("the permeance coefficient must be above 0 and at most 100");
    }
    if (auto h = v.find("opposing_field")) {
        const double a = h->quantity(Dimension::field_strength);
        if (!(a >= 0.0 && a <= 10e6)) h->fail("the opposing field must be between 0 and 10 MA/m (a magnitude, ≥ 0)");
        r.opposing_field = a * units::ampere_per_metre;
    }
    if (auto at = v.find("opposing_field_at")) {
        if (at->is_scalar()) {
            if (at->text() != "all") at->fail("`opposing_field_at` is `all` or a list of temperatures");
        } else {
            const auto temperatures = at->items();
            if (temperatures.size() > 1000) at->fail("at most 1000 temperatures (or `all`)");
            for (const auto& t : temperatures) {
                const auto k = units::kelvin_point(t.quantity(Dimension::temperature));
                if (k < r.min_temperature || k > r.max_temperature)
                    t.fail("this temperature lies outside the requirement's temperature range");
                r.opposing_field_at.push_back(k);
            }
            if (r.opposing_field_at.empty()) at->fail("give at least one temperature, or `all`");
        }
    }
    if (auto m = v.find("safety_margin")) r.safety_margin = fraction_in(*m, 0.0, 2.0, "the safety margin");
    if (auto l = v.find("max_irreversible_loss"))
        r.max_irreversible_loss = fraction_in(*l, 0.0, 0.5, "the loss limit");
}

void read_constraints(const YamlValue& v, Requirement& r) {
    v.check_keys({"families", "heavy_rare_earth_free", "export_controlled_free", "max_dy_tb", "max_cost", "exclude_elements",
                  "min_recycled_content", "require_rated_temperature"});
    if (auto f = v.find("families")) {
        for (const auto& item : f->items()) {
            const auto family = family_from_string(item.text());
            if (!family) {
                std::vector<std::string> names;
                for (auto x : all_families()) names.emplace_back(to_string(x));
                item.fail(fmt::format("unknown family `{}`; one of: {}", item.text(), fmt::join(names, ", ")));
            }
            r.families.push_back(*family);
        }
        if (r.families.empty()) f->fail("an empty family list allows no grade: leave `families` out to allow all");
    }
    if (auto h = v.find("heavy_rare_earth_free")) r.heavy_rare_earth_free = h->boolean();
    if (auto x = v.find("export_controlled_free")) r.export_controlled_free = x->boolean();
    if (auto d = v.find("max_dy_tb")) r.max_dy_tb = fraction_in(*d, 0.0, 0.2, "max_dy_tb");
    if (auto c = v.find("max_cost")) {
        const double usd = c->quantity(Dimension::money_per_mass);
        if (!(usd > 0.0)) c->fail("a maximum cost must be positive");
        r.max_cost = usd * units::usd_per_kilogram;
    }
    if (auto e = v.find("exclude_elements")) {
        for (const auto& item : e->items()) {
            const auto s = item.text();
            if (s != "export-controlled" && !detail::is_known_element(s))
                item.fail(fmt::format("unknown element `{}` (element symbols like Dy, Tb, Co, or `export-controlled`)", s));
            r.exclude_elements.push_back(s);
        }
    }
    if (auto m = v.find("min_recycled_content")) r.min_recycled_content = fraction_in(*m, 0.0, 1.0, "min_recycled_content");
    if (auto t = v.find("require_rated_temperature")) r.require_rated_temperature = t->boolean();
}

}  // namespace

Requirement parse_requirement(const std::string& text, const std::string& name) {
    const auto doc = detail::YamlDocument::parse(text, name);
    const auto root = doc->root();
    reject_exposure(root);
    root.check_keys({"name", "application", "notes", "temperature", "basis", "temperature_step", "performance",
                     "demagnetization", "constraints", "magnet", "ranking", "robustness", "grade"});
    Requirement r;
    r.file = name;
    r.name = root.require("name").text();
    const auto app = root.require("application");
    r.application = app.text();
    if (r.application != "motor" && r.application != "generator") app.fail("`application` is motor or generator");
    if (auto n = root.find("notes")) r.notes = n->text();

    const auto t = root.require("temperature");
    t.check_keys({"min", "max"});
    const auto tmin = t.require("min"), tmax = t.require("max");
    r.min_temperature = units::kelvin_point(tmin.quantity(Dimension::temperature));
    r.max_temperature = units::kelvin_point(tmax.quantity(Dimension::temperature));
    if (r.max_temperature < r.min_temperature) tmax.fail("`max` is below `min`");
    if (units::to_celsius(r.max_temperature) > 600.0) tmax.fail("above 600 °C no permanent magnet in magsel works");
    if (auto b = root.find("basis")) {
        if (b->text() != "min" && b->text() != "typ") b->fail("`basis` is min or typ");
        r.basis = b->text() == "min" ? Basis::minimum : Basis::typical;
    }
    if (auto s = root.find("temperature_step")) {
        const double k = s->quantity(Dimension::temperature_difference);
        if (!(k >= 0.1 && k <= 5.0)) s->fail("the temperature step is between 0.1 K and 5 K");
        r.temperature_step = k * units::kelvin;
    }
    if (auto p = root.find("performance")) read_performance(*p, r);
    if (auto d = root.find("demagnetization")) read_demagnetization(*d, r);
    if (r.min_flux_density && !r.permeance_coefficient)
        root.find("performance")->find("min_flux_density")->fail(
            "min_flux_density needs demagnetization.permeance_coefficient (the working point depends on it)");
    if (auto c = root.find("constraints")) read_constraints(*c, r);
    if (auto m = root.find("magnet")) {
        m->check_keys({"mass", "volume"});
        if (m->find("mass") && m->find("volume")) m->fail("give `mass` or `volume`, not both");
        if (auto x = m->find("mass")) {
            const double kg = x->quantity(Dimension::mass);
            if (!(kg > 0.0 && kg <= 1e5)) x->fail("a magnet mass is above 0 and at most 100 t");
            r.magnet_mass = kg * units::kilogram;
        }
        if (auto x = m->find("volume")) {
            const double m3 = x->quantity(Dimension::volume);
            if (!(m3 > 0.0 && m3 <= 20.0)) x->fail("a magnet volume is above 0 and at most 20 m^3");
            r.magnet_volume = m3 * units::cubic_metre;
        }
    }
    if (auto w = root.find("ranking")) {
        w->check_keys({"performance", "demag_margin", "cost", "supply_risk"});
        auto weight = [&](const char* key, double& out) {
            if (auto x = w->find(key)) {
                out = x->number();
                if (!(out >= 0.0 && out <= 100.0)) x->fail("a ranking weight is between 0 and 100");
            }
        };
        weight("performance", r.weights.performance);
        weight("demag_margin", r.weights.demag_margin);
        weight("cost", r.weights.cost);
        weight("supply_risk", r.weights.supply_risk);
        if (r.weights.performance + r.weights.demag_margin + r.weights.cost + r.weights.supply_risk <= 0.0)
            w->fail("at least one ranking weight must be above 0");
    }
    if (auto rb = root.find("robustness")) {
        rb->check_keys({"temperature", "field"});
        if (auto target = rb->find("temperature")) {
            const double k = target->quantity(Dimension::temperature_difference);
            if (!(k >= 0.0 && k <= 100.0)) target->fail("a temperature margin target is between 0 K and 100 K");
            r.robustness.temperature = k * units::kelvin;
        }
        if (auto f = rb->find("field")) r.robustness.field = fraction_in(*f, 0.0, 9.0, "the field margin target");
    }
    if (auto g = root.find("grade")) {
        r.grade = g->text();
        if (r.grade->empty() || r.grade->size() > 64) g->fail("a grade name has 1 to 64 characters");
        r.grade_location = g->location();
    } else {
        r.grade_location = root.location();  // where a design file's missing `grade:` is reported
    }
    return r;
}

Requirement read_requirement_file(const std::string& path) {
    return parse_requirement(detail::read_input_file(path, path), path);
}

}  // namespace magsel
