#include "data/grade_file.hpp"
#include "fit/fit_block.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <array>
#include <regex>
#include <utility>

#include <fmt/format.h>

#include "data/measured_curve_reader.hpp"
#include "data/source_reader.hpp"
#include "physics/temperature_model.hpp"

namespace magsel::detail {
namespace {

// ---- plausibility limits (what `magsel validate` checks) ------------------------------------
// Wider than any real grade, narrow enough to catch a wrong unit or a slipped decimal point.
constexpr double br_low_tesla = 0.1, br_high_tesla = 1.6;
constexpr double hcj_high_ampere_per_metre = 4.5e6;
constexpr double alpha_low = -0.005, alpha_high = 0.0;           // 1/K (−0.5 … 0 %/K)
constexpr double beta_ndfeb_smco_low = -0.012, beta_ndfeb_smco_high = 0.0;
constexpr double beta_ferrite_low = 0.0, beta_ferrite_high = 0.008;
constexpr double mu_rec_low = 1.0, mu_rec_high = 1.5;
constexpr double squareness_low = 0.2, squareness_high = 0.99;
constexpr double density_low = 3000.0, density_high = 9500.0;    // kg/m³
constexpr double kelvin_high = 1273.15;                           // 1000 °C

Family read_family(const YamlValue& v) {
    const auto text = v.text();
    if (auto f = family_from_string(text)) return *f;
    std::vector<std::string> names;
    for (auto f : all_families()) names.emplace_back(to_string(f));
    v.fail(fmt::format("unknown family `{}`; one of: {}", text, fmt::join(names, ", ")));
}

void check_range(const YamlValue& v, double value, double low, double high, const std::string& what) {
    if (value < low || value > high) v.fail(fmt::format("{} is outside the plausible range {}", what, fmt::format("[{:g}, {:g}]", low, high)));
}

/// A rated value: {min, typ, max, source, estimated}; returns SI doubles in a Rated<Q>.
template <class Q>
Rated<Q> read_rated(const YamlValue& v, Dimension dim, const Q& unit_one, const std::vector<Source>& sources,
                    bool require_min_or_typ) {
    v.check_keys({"min", "typ", "max", "source", "estimated"});
    Rated<Q> r;
    auto get = [&](const char* key) -> std::optional<Q> {
        if (auto x = v.find(key)) return x->quantity(dim) * unit_one;
        return std::nullopt;
    };
    r.min = get("min");
    r.typ = get("typ");
    r.max = get("max");
    if (auto s = v.find("source")) {
        r.source_id = s->text();
        check_source_id(*s, r.source_id, sources);
    }
    if (auto e = v.find("estimated")) r.estimated = e->text();
    if (require_min_or_typ && !r.min && !r.typ) v.fail("needs `min` (guaranteed) or `typ` (typical)");
    if (!r.min && !r.typ && !r.max) v.fail("needs at least one of `min`, `typ`, `max`");
    if (r.min && r.typ && *r.min > *r.typ) v.fail("`min` is larger than `typ`");
    if (r.min && r.max && *r.min > *r.max) v.fail("`min` is larger than `max`");
    if (r.typ && r.max && *r.typ > *r.max) v.fail("`typ` is larger than `max`");
    return r;
}

template <class Q>
double lowest_si(const Rated<Q>& r) {
    if (r.min) return r.min->value();
    if (r.typ) return r.typ->value();
    return r.max->value();
}

template <class Q>
double highest_si(const Rated<Q>& r) {
    if (r.max) return r.max->value();
    if (r.typ) return r.typ->value();
    return r.min->value();
}

template <class Q>
void check_rated_range(const YamlValue& v, const Rated<Q>& r, double low, double high, const std::string& what,
                       double display_scale, const char* display_unit) {
    for (const auto& q : {r.min, r.typ, r.max}) {
        if (!q) continue;
        const double x = q->value();
        if (x <= low || x > high)
            v.fail(fmt::format("{} {:g} {} is outside the plausible range ({:g}, {:g}] {}", what, x / display_scale,
                               display_unit, low / display_scale, high / display_scale, display_unit));
    }
}

/// `1.05` or {value: 1.05, source: id, estimated: "..."}
Sourced<double> read_sourced_number(const YamlValue& v, const std::vector<Source>& sources) {
    Sourced<double> s;
    if (v.is_map()) {
        v.check_keys({"value", "source", "estimated"});
        s.value = v.require("value").number();
        if (auto id = v.find("source")) {
            s.source_id = id->text();
            check_source_id(*id, s.source_id, sources);
        }
        if (auto e = v.find("estimated")) s.estimated = e->text();
    } else {
        s.value = v.number();
    }
    return s;
}

Sourced<units::Density> read_sourced_density(const YamlValue& v, const std::vector<Source>& sources) {
    Sourced<units::Density> s;
    const auto* value_node = &v;
    std::optional<YamlValue> inner;
    if (v.is_map()) {
        v.check_keys({"value", "source", "estimated"});
        inner = v.require("value");
        value_node = &*inner;
        if (auto id = v.find("source")) {
            s.source_id = id->text();
            check_source_id(*id, s.source_id, sources);
        }
        if (auto e = v.find("estimated")) s.estimated = e->text();
    }
    const double rho = value_node->quantity(Dimension::density);
    check_range(*value_node, rho, density_low, density_high, "the density (kg/m^3)");
    s.value = rho * units::kilogram_per_cubic_metre;
    return s;
}

Composition read_composition(const YamlValue& v, const std::vector<Source>& sources, bool family_defaults) {
    if (family_defaults) v.check_keys({"elements", "heavy_rare_earth", "basis", "note", "source"});
    else v.check_keys({"elements", "basis", "note", "source"});
    Composition c;
    double total = 0.0;
    for (const auto& [element, value] : v.require("elements").entries()) {
        if (!is_known_element(element)) {
            const auto names = known_element_names();
            const auto near = closest_matches(element, names, 1);
            value.fail(near.empty() ? fmt::format("unknown element `{}`", element)
                                    : fmt::format("unknown element `{}` (did you mean `{}`?)", element, near.front()));
        }
        const double x = value.quantity(Dimension::fraction);
        check_range(value, x * 100.0, 0.0, 100.0, "a mass fraction in %");
        c.elements.push_back({element, x});
        total += x;
    }
    if (std::abs(total - 1.0) > 0.01)
        v.require("elements").fail(fmt::format("the elements add up to {:.2f} %, not 100 % ± 1 %", total * 100.0));
    const auto basis = v.require("basis");
    if (basis.text() != "published" && basis.text() != "estimated") basis.fail("`basis` is `published` or `estimated`");
    c.estimated = basis.text() == "estimated";
    if (auto n = v.find("note")) c.note = n->text();
    if (c.estimated && c.note.empty()) v.fail("an estimated composition needs a `note` saying how");
    if (auto id = v.find("source")) {
        c.source_id = id->text();
        check_source_id(*id, c.source_id, sources);
    }
    if (auto h = v.find("heavy_rare_earth")) {
        h->check_keys({"replaces", "dy_share"});
        const auto replaces = h->require("replaces");
        c.heavy_rare_earth_replaces = replaces.text();
        if (c.fraction_of(c.heavy_rare_earth_replaces) <= 0.0)
            replaces.fail(fmt::format("`{}` is not among the elements", c.heavy_rare_earth_replaces));
        if (auto share = h->find("dy_share")) {
            c.dy_share = share->number();
            check_range(*share, c.dy_share, 0.0, 1.0, "the Dy share of Dy + Tb");
        }
    }
    return c;
}

/// A grade's composition from its family's: the grade's Dy + Tb takes the place of part of the
/// family's `replaces` element (PrNd for NdFeB).
Composition derive_composition(const YamlValue& grade_node, const Composition& family, const Grade& g) {
    Composition c = family;
    c.origin = ValueOrigin::family_default;
    c.heavy_rare_earth_replaces.clear();
    if (!g.heavy_rare_earth || family.heavy_rare_earth_replaces.empty() || g.heavy_rare_earth->dy_tb_fraction == 0.0)
        return c;
    const double x = g.heavy_rare_earth->dy_tb_fraction;
    const double tb_share = g.heavy_rare_earth->tb_share.value_or(1.0 - family.dy_share);
    for (auto& e : c.elements) {
        if (e.element != family.heavy_rare_earth_replaces) continue;
        if (e.fraction < x)
            grade_node.fail(fmt::format("Dy + Tb ({:.1f} %) exceeds the family composition's {} ({:.1f} %)", x * 100.0,
                                        e.element, e.fraction * 100.0));
        e.fraction -= x;
    }
    if (x * (1.0 - tb_share) > 0.0) c.elements.push_back({"Dy", x * (1.0 - tb_share)});
    if (x * tb_share > 0.0) c.elements.push_back({"Tb", x * tb_share});
    c.note = fmt::format("the family's typical composition with this grade's Dy + Tb ({:.1f} wt %) in place of {}; {}",
                         x * 100.0, family.heavy_rare_earth_replaces, family.note);
    c.estimated = true;
    return c;
}


/// The errors of one grade entry (or one block of it). Each independent value is read in its own
/// `attempt`, so an entry with several bad values reports them all in one run; a check that needs
/// another value (Hcb ≤ Hcj, (BH)max under Br²/4μ0, the temperature models, the Dy + Tb
/// cross-checks) runs only when that value read cleanly, so one mistake never shows up again as a
/// second, derived error.
class EntryErrors {
public:
    /// Run `read`: true when it throws nothing; the InputError(s) it throws are kept, and false.
    template <class Read>
    bool attempt(Read&& read) {
        try {
            read();
            return true;
        } catch (InputErrors& e) {
            for (const auto& one : e.errors()) errors_.push_back(one);
        } catch (InputError& e) {
            errors_.push_back(e);
        }
        return false;
    }
    /// Keep these errors too (YamlValue::key_errors); false when there were any.
    bool add(std::vector<InputError> errors) {
        for (auto& e : errors) errors_.push_back(std::move(e));
        return errors.empty();
    }
    std::size_t count() const { return errors_.size(); }
    std::vector<InputError>& errors() { return errors_; }
    /// For a block read on its own: throw what was kept (InputErrors for several), if anything.
    void throw_if_any() const {
        if (errors_.size() == 1) throw errors_.front();
        if (!errors_.empty()) throw InputErrors(errors_, 0);
    }

private:
    std::vector<InputError> errors_;
};

void read_coefficients(const YamlValue& v, Grade& g, const std::vector<Source>& sources) {
    // each value on its own, as a grade entry's (EntryErrors)
    EntryErrors errors;
    if (!v.is_map()) v.expect_map();
    errors.add(v.key_errors({"remanence", "coercivity", "range", "source", "estimated"}));
    TemperatureCoefficients c;
    errors.attempt([&] {
        const auto alpha = v.require("remanence");
        c.remanence_per_kelvin = alpha.quantity(Dimension::temperature_coefficient);
        check_range(alpha, c.remanence_per_kelvin * 100, alpha_low * 100, alpha_high * 100, "α(Br) in %/K");
    });
    errors.attempt([&] {
        const auto beta = v.require("coercivity");
        c.coercivity_per_kelvin = beta.quantity(Dimension::temperature_coefficient);
        if (g.family == Family::ferrite)
            check_range(beta, c.coercivity_per_kelvin * 100, beta_ferrite_low * 100, beta_ferrite_high * 100,
                        "β(Hcj) of a ferrite in %/K (ferrite coercivity rises with temperature)");
        else
            check_range(beta, c.coercivity_per_kelvin * 100, beta_ndfeb_smco_low * 100, beta_ndfeb_smco_high * 100,
                        "β(Hcj) in %/K");
    });
    errors.attempt([&] {
        const auto range = v.require("range");
        const auto ends = range.items();
        if (ends.size() != 2) range.fail("expected [low, high], two temperatures");
        const double low = read_temperature(ends[0]), high = read_temperature(ends[1]);
        if (!(low < high)) range.fail("the range's low end must be below its high end");
        c.range_low = units::kelvin_point(low);
        c.range_high = units::kelvin_point(high);
    });
    errors.attempt([&] {
        if (auto s = v.find("source")) {
            c.source_id = s->text();
            check_source_id(*s, c.source_id, sources);
        }
    });
    errors.attempt([&] {
        if (auto e = v.find("estimated")) c.estimated = e->text();
    });
    errors.throw_if_any();
    g.coefficients = c;
}

/// A grade name or alias: 1 to 64 characters, ASCII letters, digits, spaces and `-_.+/()`, at
/// least one letter or digit. Lookups compare letters and digits only, so a name of punctuation
/// (`---`) could never be found, and a non-ASCII look-alike (Cyrillic `Н48SH`) would silently
/// mean another grade.
void check_grade_name(const YamlValue& node, const std::string& name) {
    if (name.empty() || name.size() > 64) node.fail("a grade name must have 1 to 64 characters");
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c >= 0x80) {
            std::size_t n = 1;
            while (i + n < name.size() && (static_cast<unsigned char>(name[i + n]) & 0xC0) == 0x80) ++n;
            node.fail(fmt::format("`{}` in the grade name `{}` is not an ASCII letter or digit (a look-alike letter "
                                  "from another alphabet?): grade names are ASCII",
                                  name.substr(i, n), name));
        }
        if (!std::isalnum(c) && std::string_view(" -_.+/()").find(static_cast<char>(c)) == std::string_view::npos)
            node.fail(fmt::format("`{}` in the grade name `{}`: a grade name has letters, digits, spaces and -_.+/()",
                                  name.substr(i, 1), name));
    }
    if (std::none_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
        node.fail(fmt::format("the grade name `{}` has no letter or digit: it could never be looked up", name));
}

/// One value of temperature_points, where it stands in the file.
struct PointValue {
    double temperature;  // K
    double value;        // SI
    YamlValue node;
};

/// Plausibility of one quantity's points: where the physics fixes the sign of the trend, no rise
/// with temperature beyond 1 % between neighbouring points (measurement scatter). Br falls with temperature in every family; Hcj falls in NdFeB and
/// SmCo (ferrite's Hcj rises, and is not checked).
void check_points_plausible(const std::vector<PointValue>& points, const char* what, double display_unit, const char* unit,
                            std::optional<std::string_view> falls_for) {
    // sorted by index: a YamlValue must not be assigned (yaml-cpp's Node assignment writes
    // through to the document)
    std::vector<std::size_t> order(points.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return points[a].temperature < points[b].temperature; });
    for (std::size_t i = 1; i < order.size(); ++i) {
        const auto& lo = points[order[i - 1]];
        const auto& hi = points[order[i]];
        const double t_lo = units::to_celsius(units::kelvin_point(lo.temperature));
        const double t_hi = units::to_celsius(units::kelvin_point(hi.temperature));
        // (two values at one temperature are repeated measurements, fitted together by least
        // squares as `magsel fit` writes them: `magsel validate` warns about them)
        if (hi.temperature == lo.temperature) continue;
        if (falls_for && hi.value > lo.value * 1.01)
            hi.node.fail(fmt::format("{} rises from {:g} {} at {:g} °C to {:g} {} at {:g} °C; in {} it falls as the "
                                     "temperature rises",
                                     what, lo.value / display_unit, unit, t_lo, hi.value / display_unit, unit, t_hi,
                                     *falls_for));
    }
}

void read_points(const YamlValue& v, Grade& g, const std::vector<Source>& sources) {
    // each value of each point on its own, as a grade entry's (EntryErrors); the plausibility of
    // the points together only when every point read cleanly
    EntryErrors errors;
    std::vector<PointValue> br_values, hcj_values;
    for (const auto& p : v.items()) {
        if (!p.is_map()) p.expect_map();
        const auto before = errors.count();
        errors.add(p.key_errors({"T", "remanence", "coercivity_intrinsic", "source"}));
        TemperaturePoint point;
        const bool t_ok = errors.attempt([&] { point.temperature = units::kelvin_point(read_temperature(p.require("T"))); });
        std::optional<PointValue> br_value, hcj_value;
        errors.attempt([&] {
            auto br = p.find("remanence");
            if (!br) return;
            const double b = br->quantity(Dimension::flux_density);
            check_range(*br, b, 0.0, br_high_tesla, "Br in T");
            point.remanence = b * units::tesla;
            br_value = PointValue{point.temperature.value(), b, *br};
        });
        errors.attempt([&] {
            auto h = p.find("coercivity_intrinsic");
            if (!h) return;
            const double x = h->quantity(Dimension::field_strength);
            check_range(*h, x, 0.0, hcj_high_ampere_per_metre, "Hcj in A/m");
            point.intrinsic_coercivity = x * units::ampere_per_metre;
            hcj_value = PointValue{point.temperature.value(), x, *h};
        });
        if (!p.find("remanence") && !p.find("coercivity_intrinsic"))
            errors.attempt([&] { p.fail("a point needs `remanence` and/or `coercivity_intrinsic`"); });
        errors.attempt([&] {
            if (auto s = p.find("source")) {
                point.source_id = s->text();
                check_source_id(*s, point.source_id, sources);
            }
        });
        if (!t_ok || errors.count() != before) continue;
        if (br_value) br_values.push_back(*br_value);
        if (hcj_value) hcj_values.push_back(*hcj_value);
        g.temperature_points.push_back(point);
    }
    errors.throw_if_any();
    const auto family = to_string(g.family);
    check_points_plausible(br_values, "Br", 1.0, "T", family);
    check_points_plausible(hcj_values, "Hcj", 1000.0, "kA/m",
                           g.family == Family::ferrite ? std::nullopt : std::optional<std::string_view>(family));
}

/// Build Br(T) and Hcj(T) models: points where two or more temperatures are given, else the
/// linear coefficients.
void build_temperature_models(const YamlValue& grade_node, Grade& g) {
    std::vector<std::pair<double, double>> br_points, hcj_points;
    for (const auto& p : g.temperature_points) {
        if (p.remanence) br_points.emplace_back(p.temperature.value(), p.remanence->value());
        if (p.intrinsic_coercivity) hcj_points.emplace_back(p.temperature.value(), p.intrinsic_coercivity->value());
    }
    auto build = [&](const std::vector<std::pair<double, double>>& pts, double coefficient, const char* what)
        -> RelativeTemperatureModel {
        if (pts.size() >= 2) {
            auto r = model_from_points(pts);
            if (!r.error.empty()) grade_node.find("temperature_points")->fail(fmt::format("{}: {}", what, r.error));
            return r.model;
        }
        if (!g.coefficients)
            grade_node.fail(fmt::format("{}: needs `temperature_coefficients`, or `temperature_points` at two or more "
                                        "temperatures", what));
        return model_from_coefficient(coefficient, g.coefficients->range_low.value(), g.coefficients->range_high.value());
    };
    const double alpha = g.coefficients ? g.coefficients->remanence_per_kelvin : 0.0;
    const double beta = g.coefficients ? g.coefficients->coercivity_per_kelvin : 0.0;
    g.remanence_model = build(br_points, alpha, "remanence");
    g.coercivity_model = build(hcj_points, beta, "coercivity_intrinsic");
}

void copy_family_source(Grade& g, const FamilyDefaults& d, std::string& source_id) {
    const std::string wanted = source_id.empty() ? "file" : source_id;
    for (const auto& s : d.sources) {
        if (s.id != wanted) continue;
        Source copy = s;
        copy.id = "family:" + s.id;
        source_id = copy.id;
        if (std::none_of(g.other_sources.begin(), g.other_sources.end(),
                         [&](const Source& o) { return o.id == copy.id; }))
            g.other_sources.push_back(copy);
        return;
    }
}

/// `hre_free: true` (stated by the grade's source) or `hre_free: {basis: stated|estimated,
/// source: ID, note: ...}`. `hre_free: false` is an error: it would state nothing the composition
/// does not already say, and a reader could take it for an override.
std::optional<HreFreeStatement> read_hre_free(const YamlValue& v, const Grade& g, const std::vector<Source>& sources) {
    HreFreeStatement h;
    if (v.is_scalar()) {
        if (!v.boolean())
            v.fail("`hre_free: false` states nothing magsel can use: leave it out (a grade with Dy or Tb gives them in "
                   "`heavy_rare_earth`)");
    } else {
        v.check_keys({"basis", "source", "note"});
        const auto basis = v.require("basis");
        if (basis.text() == "stated") h.basis = HreFreeBasis::stated;
        else if (basis.text() == "estimated") h.basis = HreFreeBasis::estimated;
        else basis.fail("`basis` is `stated` (a maker or paper says so) or `estimated` (say why in `note`)");
        if (auto s = v.find("source")) {
            h.source_id = s->text();
            check_source_id(*s, h.source_id, sources);
        }
        if (auto n = v.find("note")) h.note = n->text();
        if (h.basis == HreFreeBasis::estimated && h.note.empty()) v.fail("an estimated `hre_free` needs a `note` saying why");
    }
    if (g.heavy_rare_earth && g.heavy_rare_earth->dy_tb_fraction > 0.0)
        v.fail(fmt::format("`hre_free` contradicts this grade's Dy + Tb content of {:g} %",
                           g.heavy_rare_earth->dy_tb_fraction * 100.0));
    return h;
}

/// `recycled_content: {value: 25 %, basis: stated, source: ID}`: a supplier's statement.
RecycledContent read_recycled_content(const YamlValue& v, const std::vector<Source>& sources) {
    v.check_keys({"value", "basis", "source"});
    RecycledContent c;
    const auto value = v.require("value");
    c.fraction = value.quantity(Dimension::fraction);
    check_range(value, c.fraction * 100.0, 0.0, 100.0, "a recycled share in %");
    const auto basis = v.require("basis");
    if (basis.text() != "stated")
        basis.fail("`basis` is `stated`: a recycled share is what a supplier states (there is no estimate of it)");
    c.basis = basis.text();
    if (auto s = v.find("source")) {
        c.source_id = s->text();
        check_source_id(*s, c.source_id, sources);
    }
    return c;
}

/// One grade entry: the grade, or every error found in it (the grade is then incomplete).
struct EntryResult {
    Grade grade;
    std::vector<InputError> errors;
};

EntryResult read_grade(const YamlValue& v, const std::string& series, Family family, const std::vector<Source>& sources,
                       const FamilyDefaultsMap& defaults, bool builtin) {
    EntryErrors errors;
    auto done = [&](Grade g) {
        // in the file's order, whatever order the values are read in
        auto& found = errors.errors();
        std::stable_sort(found.begin(), found.end(), [](const InputError& a, const InputError& b) {
            return std::pair(a.where().line, a.where().column) < std::pair(b.where().line, b.where().column);
        });
        return EntryResult{std::move(g), std::move(found)};
    };
    const std::initializer_list<std::string_view> keys{
        "name", "aliases", "source", "process", "remanence", "coercivity_intrinsic", "coercivity_normal",
        "energy_product", "temperature_coefficients", "temperature_points", "recoil_permeability",
        "squareness", "density", "max_operating_temperature", "curie_temperature", "heavy_rare_earth",
        "hre_free", "composition", "recycled_content", "notes", "fit", "demagnetization_curves"};
    Grade g;
    if (!errors.attempt([&] { v.expect_map(); })) return done(std::move(g));  // nothing else to read
    errors.add(v.key_errors(keys));
    // A required key that a misspelt key stands for (`remanance`) is not reported missing too.
    const auto misspelt = v.misspelt_keys(keys);
    auto required = [&](std::string_view key) -> std::optional<YamlValue> {
        if (!v.find(key) && misspelt.count(std::string(key)) > 0) return std::nullopt;
        return v.require(key);
    };
    g.family = family;
    g.series = series;
    g.builtin = builtin;
    g.file = v.location().file;
    g.line = v.location().line;
    errors.attempt([&] {
        const auto name = required("name");
        if (!name) return;
        g.name = name->text();
        check_grade_name(*name, g.name);
    });
    errors.attempt([&] {
        if (auto a = v.find("aliases"))
            for (const auto& item : a->items()) {
                g.aliases.push_back(item.text());
                check_grade_name(item, g.aliases.back());
            }
    });

    std::string source_id = "file";
    errors.attempt([&] {
        if (auto s = v.find("source")) {
            source_id = s->text();
            check_source_id(*s, source_id, sources);
        }
    });
    for (const auto& s : sources) {
        if (s.id == source_id) g.source = s;
        else g.other_sources.push_back(s);
    }
    g.other_sources.push_back(sources.front());  // the file's source stays reachable as "file"

    errors.attempt([&] {
        if (auto p = v.find("process")) {
            g.process = p->text();
            if (g.process != "conventional" && g.process != "grain-boundary-diffusion" && g.process != "hre-free")
                p->fail("`process` is one of conventional, grain-boundary-diffusion, hre-free");
        }
    });

    bool br_ok = false, hcj_ok = false;
    errors.attempt([&] {
        const auto br = required("remanence");
        if (!br) return;
        g.remanence = read_rated(*br, Dimension::flux_density, 1.0 * units::tesla, sources, true);
        check_rated_range(*br, g.remanence, br_low_tesla, br_high_tesla, "Br", 1.0, "T");
        br_ok = true;
    });
    errors.attempt([&] {
        const auto hcj = required("coercivity_intrinsic");
        if (!hcj) return;
        g.intrinsic_coercivity = read_rated(*hcj, Dimension::field_strength, 1.0 * units::ampere_per_metre, sources, true);
        check_rated_range(*hcj, g.intrinsic_coercivity, 0.0, hcj_high_ampere_per_metre, "Hcj", 1000.0, "kA/m");
        hcj_ok = true;
    });
    errors.attempt([&] {
        auto hcb = v.find("coercivity_normal");
        if (!hcb) return;
        g.normal_coercivity = read_rated(*hcb, Dimension::field_strength, 1.0 * units::ampere_per_metre, sources, false);
        check_rated_range(*hcb, g.normal_coercivity, 0.0, hcj_high_ampere_per_metre, "Hcb", 1000.0, "kA/m");
        if (hcj_ok && lowest_si(g.normal_coercivity) > highest_si(g.intrinsic_coercivity) * 1.0000001)
            hcb->fail("Hcb is larger than Hcj: the normal coercivity can never exceed the intrinsic one");
    });
    errors.attempt([&] {
        auto bh = v.find("energy_product");
        if (!bh) return;
        g.energy_product = read_rated(*bh, Dimension::energy_density, 1.0 * units::joule_per_cubic_metre, sources, false);
        if (!br_ok) return;
        // (BH)max ≤ Br²/(4 μ0) for any magnet (the ideal μrec = 1 recoil line): the lowest
        // rated (BH)max must fit under the highest rated Br, with 5 % for rounding.
        const double br_top = highest_si(g.remanence);
        const double ceiling = br_top * br_top / (4.0 * units::mu0) * 1.05;
        if (lowest_si(g.energy_product) > ceiling)
            bh->fail(fmt::format("(BH)max {:g} kJ/m^3 is above Br²/(4μ0) = {:g} kJ/m^3, impossible for Br {:g} T",
                                 lowest_si(g.energy_product) / 1000.0, ceiling / 1.05 / 1000.0, br_top));
    });

    const bool coefficients_ok = errors.attempt([&] {
        if (auto c = v.find("temperature_coefficients")) read_coefficients(*c, g, sources);
    });
    const bool points_ok = errors.attempt([&] {
        if (auto p = v.find("temperature_points")) read_points(*p, g, sources);
    });
    if (coefficients_ok && points_ok) errors.attempt([&] { build_temperature_models(v, g); });
    errors.attempt([&] {
        if (auto c = v.find("demagnetization_curves")) g.measured_curves = read_measured_curves(*c, sources);
    });

    const auto family_defaults = defaults.find(family);
    if (family_defaults == defaults.end()) {
        errors.attempt([&] {
            v.fail(fmt::format("no family defaults loaded for `{}` (grades/families/{}.yaml)", to_string(family),
                               to_string(family)));
        });
        return done(std::move(g));
    }
    const auto& d = family_defaults->second;
    // μrec and squareness: the grade's own value (range-checked), else the family's with its source
    auto own_or_family = [&](const char* key, Sourced<double>& out, const Sourced<double>& fallback, double low,
                             double high, const char* what) {
        errors.attempt([&] {
            if (auto x = v.find(key)) {
                out = read_sourced_number(*x, sources);
                check_range(*x, out.value, low, high, what);
            } else {
                out = fallback;
                out.origin = ValueOrigin::family_default;
                copy_family_source(g, d, out.source_id);
            }
        });
    };
    own_or_family("recoil_permeability", g.recoil_permeability, d.recoil_permeability, mu_rec_low, mu_rec_high,
                  "the recoil permeability");
    own_or_family("squareness", g.squareness, d.squareness, squareness_low, squareness_high, "the squareness Hk/Hcj");
    errors.attempt([&] {
        if (auto rho = v.find("density")) {
            g.density = read_sourced_density(*rho, sources);
        } else {
            g.density = d.density;
            g.density.origin = ValueOrigin::family_default;
            copy_family_source(g, d, g.density.source_id);
        }
    });

    errors.attempt([&] {
        if (auto t = v.find("max_operating_temperature"))
            g.max_operating_temperature = units::kelvin_point(read_temperature(*t));
    });
    errors.attempt([&] {
        if (auto t = v.find("curie_temperature")) {
            g.curie_temperature = units::kelvin_point(read_temperature(*t));
            g.curie_limit = PhysicalLimit{*g.curie_temperature, "", "", "stated by the grade's source"};
        } else if (d.curie) {
            g.curie_limit = d.curie;
            copy_family_source(g, d, g.curie_limit->source_id);
        }
    });
    if (d.spin_reorientation) {
        g.spin_reorientation_limit = d.spin_reorientation;
        copy_family_source(g, d, g.spin_reorientation_limit->source_id);
    }
    // false also when a misspelt key stands for a missing `heavy_rare_earth` (reported as that key)
    bool hre_ok = false;
    errors.attempt([&] {
        if (auto h = v.find("heavy_rare_earth")) {
            h->check_keys({"dy_tb", "basis", "note", "tb_share"});
            HeavyRareEarth hre;
            const auto amount = h->require("dy_tb");
            hre.dy_tb_fraction = amount.quantity(Dimension::fraction);
            check_range(amount, hre.dy_tb_fraction * 100, 0.0, 20.0, "Dy + Tb in wt %");
            const auto basis = h->require("basis");
            const auto b = basis.text();
            if (b != "published" && b != "estimated") basis.fail("`basis` is `published` or `estimated`");
            hre.estimated = b == "estimated";
            if (auto n = h->find("note")) hre.note = n->text();
            if (hre.estimated && hre.note.empty()) h->fail("an estimated content needs a `note` saying how");
            if (auto tb = h->find("tb_share")) {
                hre.tb_share = tb->number();
                check_range(*tb, *hre.tb_share, 0.0, 1.0, "the Tb share of Dy + Tb");
            }
            g.heavy_rare_earth = hre;
        } else if (is_ndfeb(family)) {
            if (misspelt.count("heavy_rare_earth") > 0) return;
            v.fail("NdFeB grades need `heavy_rare_earth` (Dy + Tb content, published or estimated)");
        }
        hre_ok = true;
    });
    if (hre_ok)
        errors.attempt([&] {
            if (auto f = v.find("hre_free")) g.hre_free_statement = read_hre_free(*f, g, sources);
        });
    errors.attempt([&] {
        if (auto c = v.find("composition")) {
            g.composition = read_composition(*c, sources, false);
            if (hre_ok && g.heavy_rare_earth) {
                const double stated = g.composition->fraction_of("Dy") + g.composition->fraction_of("Tb");
                if (std::abs(stated - g.heavy_rare_earth->dy_tb_fraction) > 0.001)
                    c->fail(fmt::format("Dy + Tb in the composition ({:.2f} %) differs from `heavy_rare_earth` ({:.2f} %)",
                                        stated * 100.0, g.heavy_rare_earth->dy_tb_fraction * 100.0));
            }
        } else if (d.composition && hre_ok) {
            g.composition = derive_composition(v, *d.composition, g);
            copy_family_source(g, d, g.composition->source_id);
        }
    });
    errors.attempt([&] {
        if (auto r = v.find("recycled_content")) g.recycled_content = read_recycled_content(*r, sources);
    });
    errors.attempt([&] {
        if (auto n = v.find("notes")) g.notes = n->text();
    });
    errors.attempt([&] {
        if (auto f = v.find("fit")) check_fit_block(*f);
    });
    return done(std::move(g));
}

}  // namespace

/// A magnet temperature [K] (a located error beyond the plausible range).
double read_temperature(const YamlValue& v) {
    const double k = v.quantity(Dimension::temperature);
    if (k > kelvin_high) v.fail(fmt::format("{:g} degC is not a plausible magnet temperature", k - 273.15));
    return k;
}

/// `curie_temperature: {value: 310 degC, source: ID, note: ..., estimated: ...}` in a family's `limits`.
PhysicalLimit read_limit(const YamlValue& v, const std::vector<Source>& sources) {
    v.check_keys({"value", "source", "note", "estimated"});
    PhysicalLimit l;
    l.temperature = units::kelvin_point(read_temperature(v.require("value")));
    const auto id = v.require("source");
    l.source_id = id.text();
    check_source_id(id, l.source_id, sources);
    if (auto n = v.find("note")) l.note = n->text();
    if (auto e = v.find("estimated")) l.estimated = e->text();
    return l;
}

FamilyDefaults read_family_defaults(const YamlDocument& doc) {
    const auto root = doc.root();
    root.check_keys({"family", "source", "sources", "notes", "recoil_permeability", "squareness", "density",
                     "composition", "limits"});
    FamilyDefaults d;
    d.file = doc.file_name();
    d.family = read_family(root.require("family"));
    d.sources = read_sources(root);
    const auto m = root.require("recoil_permeability");
    d.recoil_permeability = read_sourced_number(m, d.sources);
    check_range(m, d.recoil_permeability.value, mu_rec_low, mu_rec_high, "the recoil permeability");
    const auto s = root.require("squareness");
    d.squareness = read_sourced_number(s, d.sources);
    check_range(s, d.squareness.value, squareness_low, squareness_high, "the squareness Hk/Hcj");
    d.density = read_sourced_density(root.require("density"), d.sources);
    if (auto c = root.find("composition")) d.composition = read_composition(*c, d.sources, true);
    if (auto l = root.find("limits")) {
        l->check_keys({"curie_temperature", "spin_reorientation_temperature"});
        if (auto c = l->find("curie_temperature")) d.curie = read_limit(*c, d.sources);
        if (auto sr = l->find("spin_reorientation_temperature")) d.spin_reorientation = read_limit(*sr, d.sources);
        if (d.curie && d.spin_reorientation && !(d.spin_reorientation->temperature < d.curie->temperature))
            l->fail("the spin-reorientation temperature must lie below the Curie temperature");
    }
    return d;
}

std::vector<Grade> read_grade_file(const YamlDocument& doc, const FamilyDefaultsMap& defaults, bool builtin) {
    const auto root = doc.root();
    root.check_keys({"family", "series", "source", "sources", "notes", "grades"});
    const Family family = read_family(root.require("family"));
    const auto series = root.require("series").text();
    const auto sources = read_sources(root);
    const auto list = root.require("grades");
    std::vector<Grade> grades;
    // Each entry is read on its own, and each value of an entry (read_grade): a file with several
    // bad values, in one entry or in several, reports them all (up to max_reported) in one run,
    // not one per run.
    constexpr std::size_t max_reported = 20;
    std::vector<InputError> errors;
    std::size_t not_shown = 0;
    const auto items = list.items();
    for (const auto& item : items) {
        auto entry = read_grade(item, series, family, sources, defaults, builtin);
        if (entry.errors.empty()) grades.push_back(std::move(entry.grade));
        for (auto& e : entry.errors) {
            if (errors.size() < max_reported) errors.push_back(std::move(e));
            else ++not_shown;
        }
    }
    if (errors.size() == 1 && not_shown == 0) throw errors.front();
    if (!errors.empty()) throw InputErrors(std::move(errors), not_shown);
    if (grades.empty()) list.fail("a grade file needs at least one grade");
    return grades;
}

}  // namespace magsel::detail
