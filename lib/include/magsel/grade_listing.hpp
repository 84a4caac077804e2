// magsel/grade_listing.hpp — the catalogue as a designer browses it: grades filtered by family,
// HRE-free and minimum Br/Hcj at a temperature, each with its properties there, cost and supply
// exposure (`magsel grades list`); and one grade's sheet at several temperatures (`grades show`).
#pragma once

#include <optional>
#include <vector>

#include "magsel/catalogue.hpp"
#include "magsel/economics.hpp"
#include "magsel/envelope.hpp"
#include "magsel/thermal.hpp"

namespace magsel {

struct GradeFilter {
    std::optional<Family> family;
    bool hre_free = false;  ///< only grades free of Dy and Tb, on any basis (hre_free_basis)
    units::Temperature temperature = units::reference_temperature();  ///< where Br and Hcj are read
    Basis basis = Basis::minimum;
    std::optional<units::FluxDensity> min_remanence;             ///< at `temperature`
    std::optional<units::FieldStrength> min_intrinsic_coercivity;  ///< at `temperature`
};

/// One grade of a listing, at the filter's temperature.
struct GradeRow {
    const Grade* grade = nullptr;
    MagnetProperties properties;               ///< at the filter's temperature (unused when `outside`)
    std::optional<CostBreakdown> cost;         ///< per kg, when the grade has a composition
    std::string currency;                      ///< of the price table
    SupplyExposure exposure;
    std::optional<EnvelopeViolation> outside;  ///< the temperature is outside the validity envelope
};

/// The grades that pass `filter`, in catalogue order. A grade whose validity envelope excludes
/// the temperature is listed without values, and dropped by any minimum-Br/Hcj filter.
std::vector<GradeRow> list_grades(const Catalogue& catalogue, const GradeFilter& filter, const PriceTable& prices,
                                  const SupplyData& supply);

/// Every grade of a family, in catalogue order.
std::vector<const Grade*> grades_of_family(const Catalogue& catalogue, Family family);

/// One grade at several temperatures.
struct GradeSheet {
    const Grade* grade = nullptr;
    Basis basis = Basis::minimum;
    std::vector<MagnetProperties> points;  ///< one per temperature, in the given order
    std::optional<CostBreakdown> cost;
    std::string currency;
    SupplyExposure exposure;
};

/// Throws UsageError (require_within_envelope) when a temperature is beyond a physical limit.
GradeSheet grade_sheet(const Grade& grade, const std::vector<units::Temperature>& temperatures, Basis basis,
                       const PriceTable& prices, const SupplyData& supply);

}  // namespace magsel
