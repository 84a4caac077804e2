#include "magsel/validate.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>

#include <fmt/format.h>

#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"
#include "builtin_data.hpp"
#include "grade_file.hpp"
#include "magsel/economics.hpp"

namespace magsel {
namespace {

namespace fs = std::filesystem;

bool in_families_dir(const fs::path& p) { return p.parent_path().filename() == "families"; }

void warn_about(const Grade& g, ValidationReport& report) {
    const auto at = fmt::format("{}:{}", g.file, g.line);
    if (!g.max_operating_temperature)
        report.warnings.push_back(fmt::format("{}: {}: no rated maximum operating temperature", at, g.name));
    if (g.coefficients && !g.coefficients->estimated.empty() && g.temperature_points.empty())
        report.warnings.push_back(fmt::format("{}: {}: temperature coefficients are estimated ({})", at, g.name,
                                              g.coefficients->estimated));
}

}  // namespace

ValidationReport validate_paths(const std::vector<std::string>& paths) {
    ValidationReport report;
    if (paths.empty()) {
        try {
            const auto c = Catalogue::builtin();
            report.files.emplace_back("(built-in catalogue)");
            report.grade_count = c.grades().size();
            for (const auto& g : c.grades()) warn_about(g, report);
        } catch (const Error& e) {
            report.errors.emplace_back(e.what());
        }
        return report;
    }

    // Collect files: family-defaults files first, so grade files see them.
    std::vector<fs::path> family_files, grade_files, price_files, supply_files;
    auto sort_into = [&](const fs::path& f) {
        if (in_families_dir(f)) family_files.push_back(f);
        else if (f.filename() == detail::prices_file_name) price_files.push_back(f);
        else if (f.filename() == detail::supply_file_name) supply_files.push_back(f);
        else grade_files.push_back(f);
    };
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& entry : fs::recursive_directory_iterator(p, ec)) {
                const auto ext = entry.path().extension();
                if (!entry.is_regular_file() || (ext != ".yaml" && ext != ".yml")) continue;
                sort_into(entry.path());
            }
        } else if (fs::exists(p, ec)) {
            sort_into(fs::path(p));
        } else {
            report.errors.push_back(fmt::format("{}: error: no such file or directory", p));
        }
    }
    std::sort(family_files.begin(), family_files.end());
    std::sort(grade_files.begin(), grade_files.end());

    auto catalogue = Catalogue::empty();
    for (const auto& f : family_files) {
        report.files.push_back(f.string());
        try {
            catalogue.add_file(f.string(), true);
        } catch (const Error& e) {
            report.errors.emplace_back(e.what());
        }
    }
    for (const auto& f : grade_files) {
        report.files.push_back(f.string());
        try {
            const auto before = catalogue.grades().size();
            catalogue.add_file(f.string(), false);
            report.grade_count += catalogue.grades().size() - before;
        } catch (const Error& e) {
            report.errors.emplace_back(e.what());
        }
    }
    auto check_file = [&](const fs::path& f, const std::function<void(const std::string&)>& load) {
        report.files.push_back(f.string());
        try {
            load(f.string());
        } catch (const Error& e) {
            report.errors.emplace_back(e.what());
        }
    };
    for (const auto& f : price_files) check_file(f, [](const std::string& p) { PriceTable::load(p); });
    for (const auto& f : supply_files) check_file(f, [](const std::string& p) { SupplyData::load(p); });
    for (const auto& g : catalogue.grades()) warn_about(g, report);
    return report;
}

}  // namespace magsel
