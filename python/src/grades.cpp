// grades.cpp — the catalogue and its grades, and a grade's properties at temperatures
// (thermal.hpp properties_at over a NumPy array of temperatures in °C).
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "magsel/envelope.hpp"
#include "magsel/error.hpp"
#include "magsel/properties.hpp"
#include "magsel/thermal.hpp"

namespace magsel::python {
namespace {

using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

/// The Python name of a property: its JSON key with the SI unit in place of the display unit
/// ("intrinsic_coercivity_kA_m" -> "intrinsic_coercivity_A_m", "energy_product_kJ_m3" ->
/// "energy_product_J_m3"), so that one table (properties.hpp) names it everywhere.
std::string unit_suffix(std::string_view unit) {
    std::string out;
    for (char c : unit) {
        if (c == '/') out += '_';
        else if (c != '^') out += c;
    }
    return out;
}
std::string python_name(const PropertyInfo& info) {
    const std::string json_key(info.json_key);
    const std::string display = "_" + unit_suffix(info.display_unit);
    if (json_key.size() <= display.size() || json_key.compare(json_key.size() - display.size(), display.size(), display) != 0)
        throw std::logic_error("property table: JSON key " + json_key + " does not end with its display unit");
    return json_key.substr(0, json_key.size() - display.size()) + "_" + unit_suffix(info.si_unit);
}

py::object optional_float(const std::optional<double>& v) { return v ? py::object(py::float_(*v)) : py::object(py::none()); }
template <class Q>
py::object celsius_or_none(const std::optional<Q>& t) {
    return t ? py::object(py::float_(units::to_celsius(*t))) : py::object(py::none());
}

template <class Q>
py::dict rated_dict(const Rated<Q>& r) {
    auto value = [](const std::optional<Q>& q) { return q ? py::object(py::float_(q->value())) : py::object(py::none()); };
    py::dict d;
    d["min"] = value(r.min);
    d["typ"] = value(r.typ);
    d["max"] = value(r.max);
    d["estimated"] = r.estimated.empty() ? py::object(py::none()) : py::object(py::str(r.estimated));
    return d;
}

py::dict source_dict(const Source& s) {
    py::dict d;
    d["id"] = s.id;
    d["title"] = s.title;
    d["publisher"] = s.publisher;
    d["url"] = s.url;
    d["document"] = s.document;
    d["date"] = s.date;
    d["retrieved"] = s.retrieved;
    d["notes"] = s.notes;
    d["citation"] = s.citation();
    return d;
}

/// Temperatures [°C] as a C-contiguous float64 array; UsageError when they are not numbers.
DoubleArray temperatures_of(py::handle temperature_C) {
    auto array = DoubleArray::ensure(temperature_C);
    if (!array) throw UsageError("temperature_C: give a number or an array of numbers (temperatures in °C)");
    return array;
}

void check_temperature(double t, py::ssize_t i, py::ssize_t size) {
    if (!std::isfinite(t) || t <= -units::celsius_zero_in_kelvin) {
        const std::string where = size == 1 ? "temperature_C" : "temperature_C[" + std::to_string(i) + "]";
        throw UsageError(where + " = " + std::to_string(t) + ": not a temperature in °C (finite, above -273.15)");
    }
}

/// Each property at each temperature; NaN where the temperature lies outside the grade's
/// validity envelope (envelope.hpp), as the batch working-point API does.
struct PropertyTable {
    std::vector<std::vector<double>> values;  // per property of property_table()
    std::vector<bool> extrapolated, knee_limited, measured_curve, outside_envelope;
    std::vector<std::string> warnings;        // each distinct warning once
};

PropertyTable evaluate(const Grade& grade, const double* t_C, std::size_t n, Basis basis) {
    const auto& table = property_table();
    PropertyTable out;
    out.values.assign(table.size(), std::vector<double>(n, std::numeric_limits<double>::quiet_NaN()));
    out.extrapolated.assign(n, false);
    out.knee_limited.assign(n, false);
    out.measured_curve.assign(n, false);
    out.outside_envelope.assign(n, false);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
        const auto t = units::celsius(t_C[i]);
        if (const auto violation = envelope_violation(grade, t)) {
            out.outside_envelope[i] = true;
            if (seen.insert(violation->message).second) out.warnings.push_back(violation->message);
            continue;
        }
        const auto p = properties_at(grade, t, basis);
        out.extrapolated[i] = p.extrapolated;
        out.knee_limited[i] = p.knee_limited;
        out.measured_curve[i] = p.measured_curve;
        for (const auto& w : p.warnings)
            if (seen.insert(w).second) out.warnings.push_back(w);
        for (std::size_t k = 0; k < table.size(); ++k) out.values[k][i] = si_value(p, table[k].property);
    }
    return out;
}

template <class T>
py::array_t<T> shaped(const std::vector<T>& v, const DoubleArray& like) {
    py::array_t<T> a(std::vector<py::ssize_t>(like.shape(), like.shape() + like.ndim()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}
py::array_t<bool> shaped_bool(const std::vector<bool>& v, const DoubleArray& like) {
    py::array_t<bool> a(std::vector<py::ssize_t>(like.shape(), like.shape() + like.ndim()));
    bool* out = a.mutable_data();
    for (std::size_t i = 0; i < v.size(); ++i) out[i] = v[i];
    return a;
}

/// Validated temperatures and the table, computed with the GIL released.
PropertyTable compute(const GradeHandle& g, const DoubleArray& t, const std::string& basis_name) {
    const Basis basis = basis_from_string(basis_name);
    const double* data = t.data();
    const auto n = static_cast<std::size_t>(t.size());
    for (py::ssize_t i = 0; i < t.size(); ++i) check_temperature(data[i], i, t.size());
    py::gil_scoped_release release;
    return evaluate(*g, data, n, basis);
}

/// One property: a float for a Python number, else an array shaped like the temperatures.
py::object one_property(const GradeHandle& g, py::handle temperature_C, const std::string& basis, std::size_t k) {
    const auto t = temperatures_of(temperature_C);
    const Basis b = basis_from_string(basis);
    const auto n = static_cast<std::size_t>(t.size());
    for (py::ssize_t i = 0; i < t.size(); ++i) check_temperature(t.data()[i], i, t.size());
    std::vector<double> values(n, std::numeric_limits<double>::quiet_NaN());
    {
        py::gil_scoped_release release;
        const auto property = property_table()[k].property;
        for (std::size_t i = 0; i < n; ++i) {
            const auto temperature = units::celsius(t.data()[i]);
            if (envelope_violation(*g, temperature)) continue;
            values[i] = si_value(properties_at(*g, temperature, b), property);
        }
    }
    if (!py::isinstance<py::array>(temperature_C) && t.ndim() == 0) return py::float_(values[0]);
    return shaped(values, t);
}

}  // namespace

void bind_grades(py::module_& m) {
    py::class_<CatalogueHandle>(m, "Catalogue",
                                "The grades magsel knows: the built-in catalogue, the MAGSEL_GRADES directories and\n"
                                "user grade directories (as the CLI's --grades DIR). A grade named like a built-in one\n"
                                "replaces it (see notices).")
        .def(py::init([](const std::vector<std::string>& grades_dirs, bool builtin, bool environment) {
                 auto c = builtin ? Catalogue::builtin() : Catalogue::empty();
                 if (environment) c.add_environment_directories();
                 for (const auto& dir : grades_dirs) c.add_directory(dir);
                 return CatalogueHandle{std::make_shared<const Catalogue>(std::move(c))};
             }),
             py::arg("grades_dirs") = std::vector<std::string>{}, py::arg("builtin") = true,
             py::arg("environment") = true,
             "Catalogue(grades_dirs=[], builtin=True, environment=True): the built-in grades (builtin), those of\n"
             "the MAGSEL_GRADES directories (environment) and of each directory in grades_dirs.\n"
             "Raises InputError (file:line:col) for a bad grade file.")
        .def("grades",
             [](const CatalogueHandle& c) {
                 std::vector<GradeHandle> out;
                 for (const auto& g : c.catalogue->grades()) out.push_back({c.catalogue, &g});
                 return out;
             },
             "Every grade, in catalogue order.")
        .def("find", [](const CatalogueHandle& c, std::string_view name) { return GradeHandle{c.catalogue, &c.catalogue->find(name)}; },
             py::arg("name"),
             "The grade with this name or alias, forgiving case, spaces and dashes (\"n 52 sh\" finds N52SH).\n"
             "Raises UsageError naming the closest grades when there is none.")
        .def("suggestions",
             [](const CatalogueHandle& c, std::string_view name, std::size_t max) { return c.catalogue->suggestions(name, max); },
             py::arg("name"), py::arg("max") = 3, "Names close to `name`, best first.")
        .def_property_readonly("notices", [](const CatalogueHandle& c) { return c.catalogue->notices(); },
                               "What a user should know about the catalogue (a built-in grade replaced).")
        .def("__len__", [](const CatalogueHandle& c) { return c.catalogue->grades().size(); });

    m.def("_default_catalogue", [] { return CatalogueHandle{default_catalogue()}; },
          "The built-in catalogue plus the MAGSEL_GRADES directories, as the CLI loads it (made once).");
    m.def("_families", [] {
        std::vector<std::string> out;
        for (Family f : all_families()) out.emplace_back(to_string(f));
        return out;
    });

    py::class_<GradeHandle> grade(m, "Grade", "One magnet grade of a catalogue, as its data file describes it.");
    grade.def_property_readonly("name", [](const GradeHandle& g) { return g.grade->name; })
        .def_property_readonly("aliases", [](const GradeHandle& g) { return g.grade->aliases; })
        .def_property_readonly("family", [](const GradeHandle& g) { return std::string(to_string(g.grade->family)); },
                               "\"sintered-ndfeb\", \"hot-deformed-ndfeb\", \"bonded-ndfeb\", \"ferrite\", \"smco5\", \"sm2co17\"")
        .def_property_readonly("process", [](const GradeHandle& g) { return g.grade->process; })
        .def_property_readonly("series", [](const GradeHandle& g) { return g.grade->series; })
        .def_property_readonly("file", [](const GradeHandle& g) { return g.grade->file; },
                               "The file it came from (\"builtin:...\" for the built-in catalogue).")
        .def_property_readonly("line", [](const GradeHandle& g) { return g.grade->line; })
        .def_property_readonly("builtin", [](const GradeHandle& g) { return g.grade->builtin; })
        .def_property_readonly("source", [](const GradeHandle& g) { return source_dict(g.grade->source); },
                               "The grade's main source: id, title, publisher, url, document, date, retrieved, notes, citation.")
        .def_property_readonly("sources",
                               [](const GradeHandle& g) {
                                   py::list out;
                                   out.append(source_dict(g.grade->source));
                                   for (const auto& s : g.grade->other_sources) out.append(source_dict(s));
                                   return out;
                               },
                               "Every source: the main one first, then those its values cite by id.")
        .def_property_readonly("hre_free", [](const GradeHandle& g) { return is_hre_free(*g); },
                               "Free of Dy and Tb (on any basis: see hre_free_basis).")
        .def_property_readonly("hre_free_basis",
                               [](const GradeHandle& g) {
                                   const auto b = hre_free_basis(*g);
                                   return b ? py::object(py::str(std::string(to_string(*b)))) : py::object(py::none());
                               },
                               "\"stated\", \"composition\", \"estimated\", or None (contains Dy or Tb, or unknown).")
        .def_property_readonly("dy_tb_fraction",
                               [](const GradeHandle& g) {
                                   return g.grade->heavy_rare_earth ? optional_float(g.grade->heavy_rare_earth->dy_tb_fraction)
                                                                    : py::object(py::none());
                               },
                               "Dy + Tb mass fraction (0.035 = 3.5 wt %), or None when the grade states none.")
        .def_property_readonly("dy_tb_estimated",
                               [](const GradeHandle& g) {
                                   return g.grade->heavy_rare_earth ? py::object(py::bool_(g.grade->heavy_rare_earth->estimated))
                                                                    : py::object(py::none());
                               })
        .def_property_readonly("composition",
                               [](const GradeHandle& g) {
                                   py::dict d;
                                   if (g.grade->composition)
                                       for (const auto& e : g.grade->composition->elements) d[py::str(e.element)] = e.fraction;
                                   return d;
                               },
                               "Mass fraction by element ({} when unknown).")
        .def_property_readonly("max_operating_temperature_C",
                               [](const GradeHandle& g) { return celsius_or_none(g.grade->max_operating_temperature); },
                               "The maker's rating [°C], or None.")
        .def_property_readonly("curie_temperature_C",
                               [](const GradeHandle& g) {
                                   return g.grade->curie_limit ? py::object(py::float_(units::to_celsius(g.grade->curie_limit->temperature)))
                                                               : py::object(py::none());
                               },
                               "The Curie temperature magsel enforces (the grade's or its family's) [°C], or None.")
        .def_property_readonly("remanence_20_T", [](const GradeHandle& g) { return rated_dict(g.grade->remanence); },
                               "Rated Br at 20 °C [T]: {min, typ, max, estimated}.")
        .def_property_readonly("intrinsic_coercivity_20_A_m",
                               [](const GradeHandle& g) { return rated_dict(g.grade->intrinsic_coercivity); },
                               "Rated Hcj at 20 °C [A/m]: {min, typ, max, estimated}.")
        .def_property_readonly("recoil_permeability", [](const GradeHandle& g) { return g.grade->recoil_permeability.value; })
        .def_property_readonly("squareness", [](const GradeHandle& g) { return g.grade->squareness.value; },
                               "Hk/Hcj at 20 °C, held at every temperature.")
        .def_property_readonly("density_kg_m3", [](const GradeHandle& g) { return g.grade->density.value.value(); })
        .def_property_readonly("estimated_values", [](const GradeHandle& g) { return estimated_values(*g); })
        .def_property_readonly("notes", [](const GradeHandle& g) { return g.grade->notes; })
        .def("__eq__", [](const GradeHandle& a, const GradeHandle& b) { return a.grade == b.grade; })
        .def("__hash__", [](const GradeHandle& g) { return std::hash<const Grade*>{}(g.grade); })
        .def("__repr__", [](const GradeHandle& g) {
            return "<magsel.Grade " + g.grade->name + " (" + std::string(to_string(g.grade->family)) + ")>";
        });

    // One method per property of the property table, in SI: remanence_T(temperature_C, basis="min") ...
    const auto& table = property_table();
    std::vector<std::string> names;
    for (std::size_t k = 0; k < table.size(); ++k) {
        const auto& info = table[k];
        const std::string name = python_name(info);
        names.push_back(name);
        const std::string doc = std::string(info.symbol) + "(T) [" + std::string(info.si_unit) + "] — " +
                                std::string(info.description) +
                                ".\n\ntemperature_C: temperature(s) in °C, a number or an array of any shape.\n"
                                "basis: \"min\" (guaranteed values, the default) or \"typ\".\n"
                                "Returns a float for a number, else a float64 array of the same shape; NaN where the\n"
                                "temperature is outside the grade's validity envelope (at or above its Curie temperature,\n"
                                "or below NdFeB's spin reorientation). Raises UsageError for a temperature that is not\n"
                                "finite or not above -273.15 °C, or a bad basis. Model: docs/physics.md, docs/thermal.md.";
        grade.def(
            name.c_str(),
            [k](const GradeHandle& g, py::handle temperature_C, const std::string& basis) {
                return one_property(g, temperature_C, basis, k);
            },
            py::arg("temperature_C"), py::arg("basis") = "min", doc.c_str());
    }
    m.attr("_property_names") = names;

    grade.def(
        "properties",
        [names](const GradeHandle& g, py::handle temperature_C, const std::string& basis) {
            const auto t = temperatures_of(temperature_C);
            const auto table_values = compute(g, t, basis);
            py::dict out;
            out["temperature_C"] = t;
            for (std::size_t k = 0; k < names.size(); ++k) out[py::str(names[k])] = shaped(table_values.values[k], t);
            out["extrapolated"] = shaped_bool(table_values.extrapolated, t);
            out["knee_limited"] = shaped_bool(table_values.knee_limited, t);
            out["measured_curve"] = shaped_bool(table_values.measured_curve, t);
            out["outside_envelope"] = shaped_bool(table_values.outside_envelope, t);
            out["warnings"] = table_values.warnings;
            return out;
        },
        py::arg("temperature_C"), py::arg("basis") = "min",
        "Every property at temperature(s) temperature_C [°C] (an array of any shape) on basis \"min\" or \"typ\".\n"
        "Returns a dict of arrays shaped like the temperatures: temperature_C, remanence_T,\n"
        "intrinsic_coercivity_A_m, normal_coercivity_A_m, knee_field_A_m, hd5_A_m, energy_product_J_m3\n"
        "(NaN outside the validity envelope), the bool arrays extrapolated, knee_limited, measured_curve,\n"
        "outside_envelope, and warnings (each distinct message once). docs/physics.md.");
}

}  // namespace magsel::python
