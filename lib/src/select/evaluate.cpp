#include <fmt/format.h>

#include "select/checks.hpp"

namespace magsel {

const CheckResult* Evaluation::first_failure() const {
    for (const auto& c : checks)
        if (!c.passed) return &c;
    return nullptr;
}

Evaluation evaluate(const Grade& g, const Requirement& r, const PriceTable& prices, const SupplyData& supply,
                    bool stop_at_first_failure) {
    Evaluation e;
    e.grade = &g;
    e.exposure = supply_exposure(g, supply);
    if (g.composition) {
        e.cost = cost_per_kg(g, prices);
        if (r.magnet_mass) e.part_cost = part_cost(*e.cost, *r.magnet_mass);
        if (r.magnet_volume) e.part_cost = part_cost(*e.cost, mass_of(g, *r.magnet_volume));
    }
    if (!detail::constraint_checks(g, r, e, stop_at_first_failure)) return e;
    detail::physics_checks(g, r, e, stop_at_first_failure);
    return e;
}

const Grade& design_grade(const Catalogue& catalogue, const Requirement& design) {
    if (!design.grade)
        throw InputError(design.grade_location.file.empty() ? SourceLocation{design.file, 1, 1, {}} : design.grade_location,
                         "a design file needs `grade:` (the grade to check)");
    if (const Grade* g = catalogue.try_find(*design.grade)) return *g;
    const auto near = catalogue.suggestions(*design.grade);
    throw InputError(design.grade_location,
                     near.empty() ? fmt::format("unknown grade `{}`", *design.grade)
                                  : fmt::format("unknown grade `{}`; did you mean {}?", *design.grade, fmt::join(near, ", ")));
}

}  // namespace magsel
