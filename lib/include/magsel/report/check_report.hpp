// magsel/report/check_report.hpp — how `magsel check` is reported: per design file the verdict,
// every check with its numbers and the margins, as text, JSON or a JUnit suite.
#pragma once

#include <string>
#include <vector>

#include "magsel/design_check.hpp"
#include "magsel/junit.hpp"
#include "magsel/report/fields.hpp"

namespace magsel::report {

/// One object per file: file, grade, passes, checks [{check, passed, message, value, limit,
/// unit}], and with margins: margins, robust, robustness_shortfall; or file, error.
Json check_json(const std::vector<DesignCheck>& checks);
/// "FILE: GRADE for NAME — PASS", a line per check, the margins (empty for an unreadable file:
/// its error goes to stderr).
std::string check_text(const DesignCheck& check);
/// One suite per file, one case per check (and `robustness` when strict), margins as properties.
std::vector<JUnitSuite> check_junit(const std::vector<DesignCheck>& checks);

}  // namespace magsel::report
