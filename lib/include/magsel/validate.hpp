// magsel/validate.hpp — check grade files: schema, units, plausibility, sources, unique names.
#pragma once

#include <string>
#include <vector>

namespace magsel {

struct ValidationReport {
    std::vector<std::string> files;     ///< every file checked
    std::size_t grade_count = 0;        ///< grades read from files without errors
    std::vector<std::string> errors;    ///< one located message per problem (file:line:col: ...)
    std::vector<std::string> warnings;  ///< things worth a look that are not wrong
    std::size_t errors_not_shown = 0;   ///< errors past a file's cap, counted but not listed
    std::size_t not_shown_lines = 0;    ///< lines of `errors` that only say "N more error(s) not shown"
    bool ok() const { return errors.empty(); }
    /// Every error found, listed or not.
    std::size_t error_count() const { return errors.size() - not_shown_lines + errors_not_shown; }
};

/// Validate files and directories (a directory: its *.yaml, with families/ first).
/// Every file is checked even after an error in another. With no paths, validates the
/// built-in catalogue.
ValidationReport validate_paths(const std::vector<std::string>& paths);

}  // namespace magsel
