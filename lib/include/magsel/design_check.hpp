// magsel/design_check.hpp — a design file checked as CI does (`magsel check`): the grade it
// names against every requirement in it, with margins and the robustness target.
#pragma once

#include <optional>
#include <string>

#include "magsel/select.hpp"

namespace magsel {

struct DesignCheck {
    std::string file;
    std::string requirement_name;
    const Grade* grade = nullptr;       ///< null when the file could not be read
    Evaluation evaluation;              ///< every check (not only the first failure), margins when it passes
    std::string robustness_shortfall;   ///< empty: the margins meet the file's robustness target
    bool strict = false;                ///< a robustness shortfall fails the design
    bool failed = false;                ///< a check failed (or, when strict, the robustness target)
    std::optional<std::string> error;   ///< bad input: the reader's message (file:line:col ...)
};

/// Read `file` and check its grade. Bad input (InputError, UsageError, ...) does not throw: it
/// is returned in `error`, so that one bad file does not stop a run over many.
DesignCheck check_design(const Catalogue& catalogue, const std::string& file, const PriceTable& prices,
                         const SupplyData& supply, bool strict);

}  // namespace magsel
