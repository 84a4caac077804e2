#include "magsel/design_check.hpp"

#include "magsel/error.hpp"

namespace magsel {

DesignCheck check_design(const Catalogue& catalogue, const std::string& file, const PriceTable& prices,
                         const SupplyData& supply, bool strict) {
    DesignCheck d;
    d.file = file;
    d.strict = strict;
    try {
        const auto r = read_requirement_file(file);
        d.requirement_name = r.name;
        d.grade = &design_grade(catalogue, r);
        d.evaluation = evaluate(*d.grade, r, prices, supply, false);
        if (d.evaluation.passes) d.evaluation.margins = margins_of(d.evaluation, r);
        if (d.evaluation.margins) d.robustness_shortfall = robustness_shortfall(*d.evaluation.margins, r);
        d.failed = !d.evaluation.passes || (strict && !d.robustness_shortfall.empty());
    } catch (const Error& e) {
        d.grade = nullptr;
        d.error = e.what();
    }
    return d;
}

}  // namespace magsel
