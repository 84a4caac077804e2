#include "sweep_inputs.hpp"

#include <iostream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "magsel/error.hpp"
#include "magsel/grade_listing.hpp"
#include "magsel/load_case.hpp"
#include "magsel/report/demag_report.hpp"
#include "magsel/report/sweep_report.hpp"
#include "magsel/select.hpp"

namespace magsel::cli {
namespace {

/// The sweep's ends in the swept quantity's type.
SweepValues parse_ends(const std::string& vary, const std::string& from, const std::string& to) {
    if (from.empty() || to.empty()) throw UsageError("--from and --to are required");
    if (vary == "temperature") return SweepRange<units::Temperature>{units::parse_temperature(from), units::parse_temperature(to)};
    if (vary == "field") return SweepRange<units::FieldStrength>{units::parse_field_strength(from), units::parse_field_strength(to)};
    return SweepRange<double>{parse_plain_number(from, "a permeance coefficient"), parse_plain_number(to, "a permeance coefficient")};
}

std::vector<const Grade*> chosen_grades(const GlobalOptions& global, const SweepOptions& o, const Catalogue& catalogue,
                                        const std::optional<Requirement>& requirement) {
    if (!o.grades.empty() + !o.family.empty() + !o.requirement.empty() != 1)
        throw UsageError("choose the grades with one of --grades, --family or --req");
    std::vector<const Grade*> grades;
    if (!o.family.empty()) return grades_of_family(catalogue, *family_from_string(o.family));
    if (!o.grades.empty()) {
        std::stringstream list(o.grades);
        for (std::string name; std::getline(list, name, ',');)
            if (!name.empty()) grades.push_back(&catalogue.find(name));
        return grades;
    }
    const auto m = match(catalogue, *requirement, load_prices(global), SupplyData::builtin());
    for (const auto& c : m.candidates) grades.push_back(c.evaluation.grade);
    if (grades.empty()) throw UsageError(fmt::format("no grade of the catalogue meets {}", o.requirement));
    return grades;
}

}  // namespace

SweepInputs sweep_inputs(const GlobalOptions& global, const SweepOptions& o, const Catalogue& catalogue) {
    std::optional<Requirement> requirement;
    if (!o.requirement.empty()) requirement = read_requirement_file(o.requirement);
    SweepInputs in;
    in.grades = chosen_grades(global, o, catalogue, requirement);
    if (in.grades.empty()) throw UsageError("no grade to sweep");
    auto& spec = in.spec;
    spec.values = parse_ends(o.vary, o.from, o.to);
    spec.steps = o.steps;
    spec.load = LoadLine{o.pc, units::parse_field_strength(o.field)};
    spec.temperature = units::parse_temperature(o.at);
    spec.basis = basis_from_string(o.basis);
    const auto from_shape = shape_permeance(o.shape);
    if (from_shape) {
        if (o.pc_given) throw UsageError("give --pc, or the shape (--geometry, --ld), not both");
        if (o.vary == "pc") throw UsageError("--vary pc sweeps the Pc: leave out --geometry and --ld");
        spec.load.permeance_coefficient = from_shape->pc;
        std::cerr << "magsel: " << report::shape_permeance_text(*from_shape);  // stdout carries the table only
    }
    if (requirement) {
        // what the command line leaves open comes from the requirement, as `match` evaluates it
        const auto load = load_case(*requirement);
        report::SweepFromRequirement taken;
        taken.pc = !o.pc_given && !from_shape && o.vary != "pc" && load.permeance_coefficient.has_value();
        const bool field_open = !o.field_given && o.vary != "field" && load.permeance_coefficient.has_value();
        if (field_open && !requirement->opposing_field_at.empty()) taken.field_only_at = requirement->opposing_field_at;
        taken.field = field_open && requirement->opposing_field_at.empty();
        taken.basis = !o.basis_given;
        taken.safety_margin = requirement->safety_margin;
        if (taken.pc) spec.load.permeance_coefficient = *load.permeance_coefficient;
        if (taken.field) spec.load.opposing_field = load.opposing_field;
        if (taken.basis) spec.basis = load.basis;
        for (const auto& note : report::sweep_requirement_notes(o.requirement, spec, taken))
            std::cerr << "magsel: " << note << '\n';
    }
    return in;
}

}  // namespace magsel::cli
