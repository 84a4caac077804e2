#include "magsel/validate.hpp"

#include <algorithm>
#include <optional>
#include <cmath>
#include <filesystem>
#include <functional>

#include <fmt/format.h>

#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"
#include "data/builtin_data.hpp"
#include "data/grade_file.hpp"
#include "magsel/economics.hpp"

namespace magsel {
namespace {

namespace fs = std::filesystem;

bool in_families_dir(const fs::path& p) { return p.parent_path().filename() == "families"; }

// ---- plausibility bands of the temperature coefficients, sintered NdFeB -------------------
//
// A sintered NdFeB grade is put in the Hcj class (N, M, H, SH, UH, EH, AH) whose nominal class
// minimum (12, 14, 17, 20, 25, 30, 35 kOe) is nearest to its Hcj at 20 °C (min, else typ), so
// that published class members slightly below the nominal minimum (N48H 16 kOe, N45SH 19,
// Arnold N42EH 29, N38AH 33) stay in their class. Each band is the range of β that sourced maker
// tables print for that class, widened by 0.05 %/K on each side:
//   N   -0.76 (en.sdsdxt.com, en.shanghaimagnet.com)  -0.65 (Tai Han)                 -> -0.81 .. -0.60
//   M   -0.76 (supplement N54M) -0.70 (sdsdxt) -0.68 (shanghaimagnet) -0.65 (Tai Han) -> -0.81 .. -0.60
//   H   -0.62 / -0.58 (Tai Han H rows)                                               -> -0.67 .. -0.53
//   SH  -0.55 (Tai Han N33SH); HL MAG normal grades -0.58..-0.70, 'T' grades -0.46..-0.59 -> -0.75 .. -0.41
//   UH  -0.51 (Arnold N38UH, N42UH)                                                  -> -0.56 .. -0.46
//       widened to -0.59 so that the SH-class secant -0.539 (advancedmagnets.com worked
//       example, carried by N28UH-N33UH in grades/sintered-ndfeb-standard.yaml) stays inside
//   EH  -0.47 (Arnold N35EH), -0.42 (Arnold N42EH)                                    -> -0.52 .. -0.37
//   AH  -0.375 (Arnold N33AH), -0.393 (Arnold catalog N38AH)                           -> -0.44 .. -0.32
// α is nearly class-independent: makers print -0.095 (HL MAG 'T' grades) to -0.12 %/K for every
// class, so one band -0.13 .. -0.085 %/K applies to all. See docs/thermal.md.
struct CoefficientBand {
    const char* name;
    double class_minimum_koe;
    double beta_low, beta_high;  // %/K, low = most negative
};
constexpr CoefficientBand sintered_beta_bands[] = {
    {"N", 12.0, -0.81, -0.60},  {"M", 14.0, -0.81, -0.60},  {"H", 17.0, -0.67, -0.53},
    {"SH", 20.0, -0.75, -0.41}, {"UH", 25.0, -0.59, -0.46}, {"EH", 30.0, -0.52, -0.37},
    {"AH", 35.0, -0.44, -0.32},
};
constexpr double sintered_alpha_low = -0.13, sintered_alpha_high = -0.085;  // %/K

const CoefficientBand& hcj_class_of(double hcj_koe) {
    const CoefficientBand* best = &sintered_beta_bands[0];
    for (const auto& b : sintered_beta_bands)
        if (std::abs(hcj_koe - b.class_minimum_koe) < std::abs(hcj_koe - best->class_minimum_koe)) best = &b;
    return *best;
}

void warn_about_coefficient_bands(const Grade& g, const std::string& at, ValidationReport& report) {
    if (g.family != Family::sintered_ndfeb || !g.coefficients) return;
    const auto& hcj = g.intrinsic_coercivity.min ? g.intrinsic_coercivity.min : g.intrinsic_coercivity.typ;
    if (!hcj) return;
    const double hcj_koe = hcj->value() / units::oersted_in_ampere_per_metre / 1000.0;
    const auto& band = hcj_class_of(hcj_koe);
    const double beta = g.coefficients->coercivity_per_kelvin * 100.0;
    const double alpha = g.coefficients->remanence_per_kelvin * 100.0;
    constexpr double eps = 1e-9;
    if (beta < band.beta_low - eps || beta > band.beta_high + eps)
        report.warnings.push_back(fmt::format(
            "{}: {}: beta {:.3g} %/K is outside the {}-class band {:.2f} .. {:.2f} %/K (Hcj {:.1f} kOe at 20 °C; "
            "class bands from maker tables, docs/thermal.md)",
            at, g.name, beta, band.name, band.beta_low, band.beta_high, hcj_koe));
    if (alpha < sintered_alpha_low - eps || alpha > sintered_alpha_high + eps)
        report.warnings.push_back(fmt::format(
            "{}: {}: alpha {:.3g} %/K is outside the sintered NdFeB band {:.3f} .. {:.3f} %/K (maker tables, "
            "docs/thermal.md)",
            at, g.name, alpha, sintered_alpha_low, sintered_alpha_high));
}

/// Two values of one quantity at one temperature are fitted together (least squares): said, since
/// a typo there moves the model without an error.
void warn_about_repeated_points(const Grade& g, const std::string& at, ValidationReport& report) {
    auto check = [&](auto value_of, const char* what, double display_unit, const char* unit) {
        for (std::size_t i = 0; i < g.temperature_points.size(); ++i)
            for (std::size_t j = 0; j < i; ++j) {
                const auto& a = g.temperature_points[j];
                const auto& b = g.temperature_points[i];
                const auto va = value_of(a), vb = value_of(b);
                if (!va || !vb || a.temperature.value() != b.temperature.value() || *va == *vb) continue;
                report.warnings.push_back(fmt::format(
                    "{}: {}: temperature_points[{}] and [{}] give two {} values at {:g} °C ({:g} and {:g} {}); they are "
                    "fitted together as repeated measurements (give one value per temperature otherwise)",
                    at, g.name, j, i, what, units::to_celsius(b.temperature), *va / display_unit, *vb / display_unit, unit));
                break;
            }
    };
    check([](const TemperaturePoint& p) { return p.remanence ? std::optional<double>(p.remanence->value()) : std::nullopt; },
          "Br", 1.0, "T");
    check([](const TemperaturePoint& p) {
              return p.intrinsic_coercivity ? std::optional<double>(p.intrinsic_coercivity->value()) : std::nullopt;
          },
          "Hcj", 1000.0, "kA/m");
}

void warn_about(const Grade& g, ValidationReport& report) {
    const auto at = fmt::format("{}:{}", g.file, g.line);
    warn_about_coefficient_bands(g, at, report);
    warn_about_repeated_points(g, at, report);
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
            // every YAML entry is validated or named: one that cannot be read is never skipped
            fs::recursive_directory_iterator it(p, ec);
            for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                const auto& entry = *it;
                const auto ext = entry.path().extension();
                if (ext != ".yaml" && ext != ".yml") continue;
                std::error_code status_error;
                const auto status = fs::status(entry.path(), status_error);
                if (!status_error && fs::is_directory(status)) continue;  // its files are visited
                if (status_error || !fs::is_regular_file(status)) {
                    report.errors.push_back(fmt::format("{}: error: cannot read: {}", entry.path().string(),
                                                        status_error ? status_error.message() : "not a regular file"));
                    continue;
                }
                sort_into(entry.path());
            }
            if (ec) report.errors.push_back(fmt::format("{}: error: cannot read the directory: {}", p, ec.message()));
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
        } catch (const InputErrors& e) {  // one entry per located error
            for (const auto& one : e.errors()) report.errors.emplace_back(one.what());
            if (e.not_shown() > 0) {
                report.errors.push_back(fmt::format("{}: error: {} more error(s) not shown", f.string(), e.not_shown()));
                report.errors_not_shown += e.not_shown();
                ++report.not_shown_lines;
            }
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
