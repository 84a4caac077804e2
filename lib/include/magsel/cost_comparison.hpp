// magsel/cost_comparison.hpp — several grades' costs side by side: per kg and per part, against a
// baseline price table (a --price scenario), with each grade's cost rank before and after.
#pragma once

#include <optional>
#include <vector>

#include "magsel/economics.hpp"

namespace magsel {

struct GradeCost {
    const Grade* grade = nullptr;
    CostBreakdown cost;                ///< under the prices (the scenario, if any)
    CostBreakdown baseline;            ///< under the baseline prices
    SupplyExposure exposure;
    std::optional<units::Mass> part_mass;   ///< given, or from a volume × the grade's density
    std::optional<units::Money> part_cost;
    int rank = 0;                      ///< 1 = cheapest per kg under the prices (equal costs share a rank)
    int baseline_rank = 0;             ///< the same under the baseline prices
};

/// What a part is: its mass, or its volume (the mass then follows from each grade's density).
struct PartSize {
    std::optional<units::Mass> mass;
    std::optional<units::Volume> volume;
};

/// Each grade's cost. UsageError when a grade has no composition, or both mass and volume are
/// given, or the mass or volume is not positive and finite.
std::vector<GradeCost> compare_costs(const std::vector<const Grade*>& grades, const PriceTable& prices,
                                     const PriceTable& baseline, const SupplyData& supply, const PartSize& part = {});

}  // namespace magsel
