// Ranking weights edited from text ("cost=3,supply_risk=2"): the CLI's --weights and the
// Python module's match(weights=...).
#include <algorithm>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "magsel/error.hpp"
#include "magsel/select.hpp"

namespace magsel {

void edit_weights(RankingWeights& w, std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(',', start), text.size());
        const auto item = text.substr(start, end - start);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            throw UsageError(fmt::format("weights `{}`: weights are NAME=NUMBER, e.g. performance=1,cost=2", item));
        const std::string key(item.substr(0, eq));
        const std::string value(item.substr(eq + 1));
        double x = 0.0;
        try {
            std::size_t used = 0;
            x = std::stod(value, &used);
            if (used != value.size()) throw std::invalid_argument("trailing");
        } catch (const std::exception&) {
            throw UsageError(fmt::format("weights `{}`: the weight is not a number", item));
        }
        if (!(x >= 0.0 && x <= 100.0)) throw UsageError(fmt::format("weights `{}`: a weight is between 0 and 100", item));
        if (key == "performance") w.performance = x;
        else if (key == "demag_margin") w.demag_margin = x;
        else if (key == "cost") w.cost = x;
        else if (key == "supply_risk") w.supply_risk = x;
        else throw UsageError(fmt::format("weights `{}`: unknown weight; use performance, demag_margin, cost, supply_risk", key));
        start = end + 1;
    }
    if (w.performance + w.demag_margin + w.cost + w.supply_risk <= 0.0)
        throw UsageError("weights: at least one ranking weight must be above 0");
}

}  // namespace magsel
