// The cost model: material cost from the composition and the price table, yield and processing
// per family (magsel/economics.hpp; docs/economics.md).
#include "magsel/economics.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "magsel/error.hpp"

namespace magsel {
namespace {
/// The older of two ISO dates (an empty one is no date).
const std::string& oldest(const std::string& a, const std::string& b) { return a.empty() || (!b.empty() && b < a) ? b : a; }
}  // namespace

CostBreakdown cost_per_kg(const Grade& grade, const PriceTable& prices) {
    if (!grade.composition)
        throw UsageError(fmt::format("grade {} has no composition (grade file or family defaults): its cost is unknown",
                                     grade.name));
    CostBreakdown b;
    b.market = prices.market().id;
    b.market_name = prices.market().name;
    const auto* family = prices.family_cost(grade.family);
    if (family == nullptr) {
        b.warnings.push_back(fmt::format("no yield or processing cost for the family {}: material cost only, yield 1",
                                         to_string(grade.family)));
    } else {
        b.yield = family->yield;
        b.processing = family->processing;
    }
    double material = 0.0;
    b.lines.reserve(grade.composition->elements.size());
    for (const auto& e : grade.composition->elements) {
        CostLine line{e.element, e.fraction, std::nullopt, 0.0 * units::usd_per_kilogram};
        const MaterialPrice* p = price_for_element(prices, e.element);
        if (p != nullptr) {
            line.price = *p;
            line.contribution = b.yield * e.fraction * p->per_kg;
            material += line.contribution.value();
            b.price_date = oldest(b.price_date, p->date);
        } else if (e.element != "O" && e.fraction > 0.0) {
            b.warnings.push_back(fmt::format("no price for {} ({:.1f} wt %): counted as 0", e.element, e.fraction * 100.0));
        }
        b.lines.push_back(std::move(line));
    }
    b.material = material * units::usd_per_kilogram;
    b.total = b.material + b.processing;
    b.composition_estimated = grade.composition->estimated;
    if (family) b.price_date = oldest(b.price_date, family->date);
    return b;
}

const MaterialPrice* price_for_element(const PriceTable& prices, std::string_view element) {
    const MaterialPrice* p = prices.find(element);
    if (p == nullptr && (element == "Nd" || element == "Pr")) p = prices.find("PrNd");
    return p;
}

std::string price_edit_key(std::string_view edit) {
    const auto eq = edit.find('=');
    if (eq == std::string_view::npos)
        throw UsageError(fmt::format("`{}`: a price edit is KEY=VALUE, e.g. Dy=+100%, Tb=2x, PrNd=95USD/kg", edit));
    return std::string(edit.substr(0, eq));
}

bool price_enters_cost(const Grade& grade, const PriceTable& prices, std::string_view key) {
    if (!grade.composition) return false;
    for (const auto& e : grade.composition->elements) {
        if (!(e.fraction > 0.0)) continue;
        const auto* p = price_for_element(prices, e.element);
        if (p != nullptr && p->key == key) return true;
    }
    return false;
}

std::vector<std::string> edits_moving_no_cost(const std::vector<const Grade*>& grades, const PriceTable& prices,
                                              const std::vector<std::string>& edits) {
    std::vector<std::string> none;
    for (const auto& edit : edits) {
        const auto key = price_edit_key(edit);
        if (std::none_of(grades.begin(), grades.end(),
                         [&](const Grade* g) { return price_enters_cost(*g, prices, key); }))
            none.push_back(edit);
    }
    return none;
}

units::Money part_cost(const CostBreakdown& cost, units::Mass mass) {
    return cost.total.value() * mass.value() * units::usd;
}

units::Mass mass_of(const Grade& grade, units::Volume volume) {
    return grade.density.value.value() * volume.value() * units::kilogram;
}

}  // namespace magsel
