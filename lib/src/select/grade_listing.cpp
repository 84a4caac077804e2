#include "magsel/grade_listing.hpp"

namespace magsel {

std::vector<GradeRow> list_grades(const Catalogue& catalogue, const GradeFilter& filter, const PriceTable& prices,
                                  const SupplyData& supply) {
    std::vector<GradeRow> rows;
    for (const auto& g : catalogue.grades()) {
        if (filter.family && g.family != *filter.family) continue;
        if (filter.hre_free && !is_hre_free(g)) continue;
        GradeRow row;
        row.grade = &g;
        row.properties = properties_at(g, filter.temperature, filter.basis);
        row.outside = envelope_violation(g, filter.temperature);
        const bool filtered = filter.min_remanence || filter.min_intrinsic_coercivity;
        // outside the validity envelope there are no values, and no minimum can be met
        if (row.outside && filtered) continue;
        if (!row.outside && filter.min_remanence && row.properties.remanence < *filter.min_remanence) continue;
        if (!row.outside && filter.min_intrinsic_coercivity &&
            row.properties.intrinsic_coercivity < *filter.min_intrinsic_coercivity)
            continue;
        if (g.composition) row.cost = cost_per_kg(g, prices);
        row.currency = prices.currency();
        row.exposure = supply_exposure(g, supply);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<const Grade*> grades_of_family(const Catalogue& catalogue, Family family) {
    std::vector<const Grade*> out;
    for (const auto& g : catalogue.grades())
        if (g.family == family) out.push_back(&g);
    return out;
}

GradeSheet grade_sheet(const Grade& grade, const std::vector<units::Temperature>& temperatures, Basis basis,
                       const PriceTable& prices, const SupplyData& supply) {
    // Beyond a physical limit (Curie, spin reorientation) there is no property to show.
    for (const auto& t : temperatures) require_within_envelope(grade, t);
    GradeSheet sheet;
    sheet.grade = &grade;
    sheet.basis = basis;
    for (const auto& t : temperatures) sheet.points.push_back(properties_at(grade, t, basis));
    if (grade.composition) sheet.cost = cost_per_kg(grade, prices);
    sheet.currency = prices.currency();
    sheet.exposure = supply_exposure(grade, supply);
    return sheet;
}

}  // namespace magsel
