#include "magsel/report/check_report.hpp"

#include <fmt/format.h>

#include "magsel/report/match_report.hpp"

namespace magsel::report {

Json check_json(const std::vector<DesignCheck>& checks) {
    auto out = Json::array();
    for (const auto& d : checks) {
        if (d.error) {
            out.push_back({{"file", d.file}, {"error", *d.error}});
            continue;
        }
        const auto& e = d.evaluation;
        auto list = Json::array();
        for (const auto& c : e.checks)
            list.push_back({{"check", to_string(c.check)}, {"passed", c.passed}, {"message", c.message},
                            {"value", c.unit.empty() ? Json(nullptr) : Json(c.value)},
                            {"limit", c.unit.empty() ? Json(nullptr) : Json(c.limit)},
                            {"unit", c.unit}});
        Json item{{"file", d.file}, {"grade", d.grade->name}, {"passes", !d.failed}, {"checks", list}};
        if (e.margins) {
            item["margins"] = to_json(margin_schema(), *e.margins);
            item["robust"] = d.robustness_shortfall.empty();
            item["robustness_shortfall"] = d.robustness_shortfall.empty() ? Json(nullptr) : Json(d.robustness_shortfall);
        }
        out.push_back(item);
    }
    return out;
}

std::string check_text(const DesignCheck& d) {
    if (d.error) return {};
    const auto& e = d.evaluation;
    std::string out = fmt::format("{}: {} for {} — {}\n", d.file, d.grade->name, d.requirement_name, d.failed ? "FAIL" : "PASS");
    for (const auto& c : e.checks)
        out += fmt::format("  {} {:<22} {}\n", c.passed ? "pass" : "FAIL", to_string(c.check), c.message);
    if (e.checks.empty()) out += "  (the file states no check)\n";
    if (e.margins) out += fmt::format("  margins: {}\n", margins_text(*e.margins));
    if (!d.robustness_shortfall.empty())
        out += fmt::format("  {} {:<22} {}\n", d.strict ? "FAIL" : "warn", "robustness", d.robustness_shortfall);
    return out;
}

std::vector<JUnitSuite> check_junit(const std::vector<DesignCheck>& checks) {
    std::vector<JUnitSuite> suites;
    for (const auto& d : checks) {
        JUnitSuite suite{d.file, {}, {}};
        if (d.error) {
            suite.cases.push_back(JUnitCase{"read", d.file, {}, *d.error});
            suites.push_back(std::move(suite));
            continue;
        }
        const auto& e = d.evaluation;
        for (const auto& c : e.checks)
            suite.cases.push_back(JUnitCase{std::string(to_string(c.check)), d.grade->name,
                                            c.passed ? std::nullopt : std::optional<std::string>(c.message), {}});
        if (e.margins) {
            suite.properties = margin_properties(*e.margins);
            const auto& shortfall = d.robustness_shortfall;
            if (d.strict)
                suite.cases.push_back(JUnitCase{"robustness", d.grade->name,
                                                shortfall.empty() ? std::nullopt : std::optional<std::string>(shortfall), {}});
            else if (!shortfall.empty())
                suite.properties.emplace_back("robustness_warning", shortfall);
        }
        suites.push_back(std::move(suite));
    }
    return suites;
}

}  // namespace magsel::report
