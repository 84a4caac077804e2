#include "magsel/cost_comparison.hpp"

#include <algorithm>
#include <cmath>

#include "magsel/error.hpp"

namespace magsel {
namespace {

int rank_of(const std::vector<double>& values, std::size_t i) {
    return 1 + static_cast<int>(std::count_if(values.begin(), values.end(), [&](double v) { return v < values[i]; }));
}

}  // namespace

std::vector<GradeCost> compare_costs(const std::vector<const Grade*>& grades, const PriceTable& prices,
                                     const PriceTable& baseline, const SupplyData& supply, const PartSize& part) {
    if (part.mass && part.volume) throw UsageError("a part is given by its mass or by its volume, not both");
    // bounds as for a requirement's magnet (docs/errors.md): up to 100 t and 20 m³
    if (part.mass && !(part.mass->value() > 0.0 && part.mass->value() <= 1e5))
        throw UsageError(part.mass->value() > 0.0 ? "a part's mass is at most 100 t" : "a part's mass must be positive");
    if (part.volume && !(part.volume->value() > 0.0 && part.volume->value() <= 20.0))
        throw UsageError(part.volume->value() > 0.0 ? "a part's volume is at most 20 m^3" : "a part's volume must be positive");
    std::vector<GradeCost> rows;
    for (const Grade* g : grades) {
        GradeCost r{g, cost_per_kg(*g, prices), cost_per_kg(*g, baseline), supply_exposure(*g, supply), {}, {}, 0, 0};
        if (part.mass) r.part_mass = *part.mass;
        if (part.volume) r.part_mass = mass_of(*g, *part.volume);
        if (r.part_mass) r.part_cost = magsel::part_cost(r.cost, *r.part_mass);
        rows.push_back(std::move(r));
    }
    std::vector<double> now, before;
    for (const auto& r : rows) now.push_back(r.cost.total.value()), before.push_back(r.baseline.total.value());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].rank = rank_of(now, i), rows[i].baseline_rank = rank_of(before, i);
    return rows;
}

}  // namespace magsel
