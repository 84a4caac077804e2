// magsel/report/html_report.hpp — a design-review page for a requirement: one self-contained
// HTML file (inline CSS and SVG, no network, no external scripts or fonts) with the requirement,
// the ranked candidates and their margins, every rejection with its numbers, the HRE-free and
// export-control-free alternatives, the no-export-controlled supply scenario, cost lines with
// their prices' dates and market, the demagnetization charts of the front-runners with their
// load lines, the Pareto scatter, and the sources of every number shown. docs/report.md.
#pragma once

#include <cstddef>
#include <string>

#include "magsel/catalogue.hpp"
#include "magsel/economics.hpp"
#include "magsel/requirement.hpp"

namespace magsel::report {

struct ReviewOptions {
    std::size_t charted = 3;  ///< front-runners with a demagnetization chart and cost lines
};

/// The page. Runs the match (and the supply scenario) itself; when nothing qualifies the page
/// still lists every rejection with its numbers. Throws what match() throws.
struct ReviewPage {
    std::string html;
    std::size_t candidates = 0;  ///< grades that qualify (`magsel report` exits 1 at 0, as `match`)
};
ReviewPage design_review(const Requirement& requirement, const Catalogue& catalogue, const PriceTable& prices,
                         const SupplyData& supply, const ReviewOptions& options = {});

/// The newest `retrieved` date of the catalogue's grade sources ("the catalogue's date").
std::string catalogue_date(const Catalogue& catalogue);

}  // namespace magsel::report
