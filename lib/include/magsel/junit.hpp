// magsel/junit.hpp — JUnit XML for CI systems: one testsuite per design file, one testcase
// per check. Formatting only.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace magsel {

struct JUnitCase {
    std::string name;       ///< the check ("irreversible_loss")
    std::string classname;  ///< the grade or file
    std::optional<std::string> failure;  ///< the failure message; empty: passed
    std::optional<std::string> error;    ///< the file could not be read (bad input)
};

struct JUnitSuite {
    std::string name;  ///< the design file
    std::vector<JUnitCase> cases;
    std::vector<std::pair<std::string, std::string>> properties;  ///< <property name= value=> (e.g. margins)
};

/// <testsuites> with one <testsuite> each; XML-escaped; counts of tests, failures, errors.
std::string junit_xml(const std::vector<JUnitSuite>& suites);

}  // namespace magsel
