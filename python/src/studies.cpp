// studies.cpp — requirements, prices, and the studies the CLI runs on them: match, cost and
// Monte Carlo, each returned as the report layer's JSON (the CLI's --format json) converted to
// Python data, so that the keys are the CLI's by construction.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "magsel/cost_comparison.hpp"
#include "magsel/error.hpp"
#include "magsel/geometry.hpp"
#include "magsel/montecarlo.hpp"
#include "magsel/report/cost_report.hpp"
#include "magsel/report/match_report.hpp"
#include "magsel/report/montecarlo_report.hpp"
#include "magsel/select.hpp"

namespace magsel::python {
namespace {

PricesHandle make_prices(const std::optional<std::string>& file, const std::optional<std::string>& market,
                         const std::vector<std::string>& edits) {
    auto baseline = file ? PriceTable::load(*file) : PriceTable::builtin();
    if (market) baseline.select_market(*market);
    auto priced = baseline;
    for (const auto& edit : edits) priced.apply(edit);
    return {std::move(baseline), std::move(priced), edits};
}

/// The CLI's warning for a price edit that moves no cost of `grades` (`which` names them).
std::vector<std::string> edit_warnings(const PricesHandle& p, const std::vector<const Grade*>& grades,
                                       const std::string& which) {
    std::vector<std::string> out;
    for (const auto& edit : edits_moving_no_cost(grades, p.priced, p.edits))
        out.push_back(fmt::format("price {} changes no cost: no {} in {}", edit, price_edit_key(edit), which));
    return out;
}

std::vector<const Grade*> all_grades(const Catalogue& c) {
    std::vector<const Grade*> out;
    for (const auto& g : c.grades()) out.push_back(&g);
    return out;
}

/// `match --format json`, and the warnings the CLI prints on stderr.
py::tuple match_py(const CatalogueHandle& c, const RequirementHandle& handle, const PricesHandle& p,
                   const std::string& scenario_name, std::optional<std::size_t> top, const std::string& weights) {
    const auto scenario = supply_scenario_from_string(scenario_name);
    RequirementHandle r = handle;  // weights edit a copy (as --weights does)
    if (!weights.empty()) edit_weights(r.requirement.weights, weights);
    const auto& catalogue = *c.catalogue;
    const auto supply = SupplyData::builtin();
    report::Json doc;
    {
        py::gil_scoped_release release;
        const auto baseline = match(catalogue, r.requirement, p.priced, supply);
        std::optional<MatchResult> under;
        std::optional<ScenarioChange> change;
        if (scenario != SupplyScenario::none) {
            under = match(catalogue, under_scenario(r.requirement, scenario), p.priced, supply);
            change = scenario_change(baseline, *under, scenario);
        }
        const auto& result = under ? *under : baseline;
        const std::size_t shown = top ? std::min(*top, result.candidates.size()) : result.candidates.size();
        doc = report::match_json(r.requirement, result, shown, change, p.priced);
    }
    return py::make_tuple(to_python(doc), edit_warnings(p, all_grades(catalogue), "any grade of the catalogue"));
}

/// `cost --format json`.
py::tuple cost_py(const CatalogueHandle& c, const std::vector<std::string>& names, const PricesHandle& p,
                  std::optional<double> mass_kg, std::optional<double> volume_m3) {
    if (names.empty()) throw UsageError("cost: name at least one grade");
    std::vector<const Grade*> grades;
    for (const auto& name : names) grades.push_back(&c.catalogue->find(name));
    PartSize part;
    if (mass_kg) part.mass = *mass_kg * units::kilogram;
    if (volume_m3) part.volume = *volume_m3 * units::cubic_metre;
    const auto rows = compare_costs(grades, p.priced, p.baseline, SupplyData::builtin(), part);
    return py::make_tuple(to_python(report::costs_json(rows, p.priced)),
                          edit_warnings(p, grades, fmt::format("{}", fmt::join(names, ", "))));
}

/// `montecarlo --format json`, and the warnings the CLI prints on stderr.
py::tuple montecarlo_py(const CatalogueHandle& c, const RequirementHandle& handle, const std::vector<std::string>& names,
                        std::size_t samples, std::uint64_t seed, unsigned threads, const std::string& distribution,
                        double temperature_shift_K, double temperature_sd_K, double field_sd_fraction,
                        double field_sd_A_m, std::size_t top, const PricesHandle& p, const std::string& geometry,
                        std::optional<double> ld) {
    // geometry / ld replace the requirement's Pc, as montecarlo --geometry / --ld do (on a copy)
    RequirementHandle r = handle;
    if (!geometry.empty() && ld) throw UsageError("give geometry or ld, not both");
    if (!geometry.empty() || ld) {
        if (!r.requirement.permeance_coefficient)
            throw UsageError(fmt::format("{} has no demagnetization block: geometry and ld replace its Pc",
                                         r.requirement.name));
        const auto from_shape = ld ? shape_permeance(cylinder_with_ratio(*ld), fmt::format("cylinder L/D {:g}", *ld))
                                   : shape_permeance(parse_shape(geometry));
        r.requirement.permeance_coefficient = from_shape.pc;
        r.requirement.geometry = from_shape.shape;
    }
    if (threads > 1024) throw UsageError(fmt::format("threads: 0 (every core) to 1024, not {}", threads));
    if (top < 1 || top > 1000) throw UsageError(fmt::format("top: 1 to 1000, not {}", top));
    if (field_sd_fraction != 0.0 && field_sd_A_m != 0.0)
        throw UsageError("give field_sd_fraction or field_sd_A_m, not both");
    MonteCarloSpec spec;
    spec.samples = samples;
    spec.seed = seed;
    spec.threads = threads;
    spec.distribution = tolerance_distribution_from_string(distribution);
    spec.temperature_shift = temperature_shift_K * units::kelvin;
    spec.temperature_sd = temperature_sd_K * units::kelvin;
    spec.field_relative_sd = field_sd_fraction;
    spec.field_sd = field_sd_A_m * units::ampere_per_metre;
    const auto& catalogue = *c.catalogue;
    std::vector<const Grade*> grades;
    for (const auto& name : names) grades.push_back(&catalogue.find(name));
    std::vector<MonteCarloResult> results;
    {
        py::gil_scoped_release release;
        if (grades.empty()) grades = montecarlo_grades(catalogue, r.requirement, top, p.priced, SupplyData::builtin());
        for (const Grade* g : grades) results.push_back(run_montecarlo(*g, r.requirement, spec));
    }
    if (grades.empty())
        throw UsageError(fmt::format("no grade meets {} (see magsel.match); name one with grades=[...]", r.requirement.name));
    std::vector<std::string> warnings;  // a warning about the requirement is the same for every grade: once
    for (const auto& res : results)
        for (const auto& w : res.warnings)
            if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(w);
    return py::make_tuple(to_python(report::montecarlo_json(results, spec, r.requirement)), warnings);
}

}  // namespace

void bind_studies(py::module_& m) {
    py::class_<PricesHandle>(m, "Prices",
                             "A price table as the CLI builds it: the built-in table or a price file (--prices), a market\n"
                             "(--market) and scenario edits (--price Dy=2x ...).")
        .def(py::init(&make_prices), py::arg("file") = std::nullopt, py::arg("market") = std::nullopt,
             py::arg("edits") = std::vector<std::string>{},
             "Prices(file=None, market=None, edits=[]): edits like \"Dy=2x\", \"Tb=+50%\", \"PrNd=95USD/kg\".\n"
             "Raises InputError for a bad price file, UsageError for an unknown market or a bad edit.")
        .def_property_readonly("market", [](const PricesHandle& p) { return p.priced.market().id; })
        .def_property_readonly("market_name", [](const PricesHandle& p) { return p.priced.market().name; })
        .def_property_readonly("currency", [](const PricesHandle& p) { return p.priced.currency(); })
        .def_property_readonly("edits", [](const PricesHandle& p) { return p.edits; })
        .def_property_readonly("markets",
                               [](const PricesHandle& p) {
                                   std::vector<std::string> out;
                                   for (const auto& market : p.priced.markets()) out.push_back(market.id);
                                   return out;
                               })
        .def("price_usd_per_kg",
             [](const PricesHandle& p, std::string_view key) {
                 const auto* price = p.priced.find(key);
                 if (!price) throw UsageError(fmt::format("no price for `{}`", key));
                 return price->per_kg.value();
             },
             py::arg("key"), "The price of an element (or \"PrNd\") under the edits [USD per kg of the element].");

    py::class_<RequirementHandle>(m, "Requirement", "A requirement or design file, read (docs/requirement-file-format.md).")
        .def_property_readonly("name", [](const RequirementHandle& r) { return r.requirement.name; })
        .def_property_readonly("file", [](const RequirementHandle& r) { return r.requirement.file; })
        .def_property_readonly("application", [](const RequirementHandle& r) { return r.requirement.application; })
        .def_property_readonly("min_temperature_C",
                               [](const RequirementHandle& r) { return units::to_celsius(r.requirement.min_temperature); })
        .def_property_readonly("max_temperature_C",
                               [](const RequirementHandle& r) { return units::to_celsius(r.requirement.max_temperature); })
        .def_property_readonly("permeance_coefficient", [](const RequirementHandle& r) { return r.requirement.permeance_coefficient; })
        .def_property_readonly("opposing_field_A_m",
                               [](const RequirementHandle& r) { return r.requirement.opposing_field.value(); })
        .def_property_readonly("grade", [](const RequirementHandle& r) { return r.requirement.grade; },
                               "A design file's grade, or None.")
        .def("__repr__", [](const RequirementHandle& r) { return "<magsel.Requirement " + r.requirement.name + ">"; });

    m.def("_read_requirement_file", [](const std::string& path) { return RequirementHandle{read_requirement_file(path)}; },
          py::arg("path"));
    m.def("_parse_requirement",
          [](const std::string& text, const std::string& name) { return RequirementHandle{parse_requirement(text, name)}; },
          py::arg("text"), py::arg("name"));
    m.def("_match", &match_py, py::arg("catalogue"), py::arg("requirement"), py::arg("prices"), py::arg("scenario"),
          py::arg("top"), py::arg("weights"));
    m.def("_cost", &cost_py, py::arg("catalogue"), py::arg("grades"), py::arg("prices"), py::arg("mass_kg"),
          py::arg("volume_m3"));
    m.def("_montecarlo", &montecarlo_py, py::arg("catalogue"), py::arg("requirement"), py::arg("grades"),
          py::arg("samples"), py::arg("seed"), py::arg("threads"), py::arg("distribution"),
          py::arg("temperature_shift_K"), py::arg("temperature_sd_K"), py::arg("field_sd_fraction"),
          py::arg("field_sd_A_m"), py::arg("top"), py::arg("prices"), py::arg("geometry"), py::arg("ld"));
}

}  // namespace magsel::python
