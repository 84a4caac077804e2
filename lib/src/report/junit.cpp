#include "magsel/junit.hpp"

#include <fmt/format.h>

#include "report/xml_escape.hpp"

namespace magsel {
using detail::xml_escape;

std::string junit_xml(const std::vector<JUnitSuite>& suites) {
    std::size_t tests = 0, failures = 0, errors = 0;
    std::string body;
    for (const auto& s : suites) {
        std::size_t f = 0, e = 0;
        std::string cases;
        if (!s.properties.empty()) {
            cases += "    <properties>\n";
            for (const auto& [name, value] : s.properties)
                cases += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", xml_escape(name), xml_escape(value));
            cases += "    </properties>\n";
        }
        for (const auto& c : s.cases) {
            cases += fmt::format("    <testcase name=\"{}\" classname=\"{}\"", xml_escape(c.name), xml_escape(c.classname));
            if (c.failure) {
                ++f;
                cases += fmt::format(">\n      <failure message=\"{0}\">{0}</failure>\n    </testcase>\n", xml_escape(*c.failure));
            } else if (c.error) {
                ++e;
                cases += fmt::format(">\n      <error message=\"{0}\">{0}</error>\n    </testcase>\n", xml_escape(*c.error));
            } else {
                cases += "/>\n";
            }
        }
        body += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}  </testsuite>\n",
                            xml_escape(s.name), s.cases.size(), f, e, cases);
        tests += s.cases.size(), failures += f, errors += e;
    }
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<testsuites name=\"magsel check\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}</testsuites>\n",
                       tests, failures, errors, body);
}

}  // namespace magsel
