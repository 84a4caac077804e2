// magsel grades show GRADE [--at T]... [--basis min|typ] [--units si|cgs] — every property of one grade.
#include <iostream>
#include <memory>

#include "context.hpp"
#include "magsel/grade_listing.hpp"
#include "magsel/report/grade_report.hpp"

namespace magsel::cli {
namespace {

struct ShowOptions {
    std::string grade;
    std::vector<std::string> at;
    std::string basis = "min";
    std::string units = "si";
    std::string format;
};

ExitCode run_show(const GlobalOptions& global, const ShowOptions& o) {
    const auto& catalogue = load_catalogue(global);
    const auto& g = catalogue.find(o.grade);
    std::vector<units::Temperature> temperatures;
    for (const auto& t : o.at) temperatures.push_back(units::parse_temperature(t));
    if (temperatures.empty()) temperatures.push_back(units::reference_temperature());
    const auto sheet = grade_sheet(g, temperatures, basis_from_string(o.basis), load_prices(global), SupplyData::builtin());
    if (o.format == "json") {
        std::cout << report::json_text(report::grade_sheet_json(sheet));
        return ExitCode::success;
    }
    const auto format = report::table_format(o.format);
    std::cout << report::grade_sheet_text(sheet, o.units == "cgs" ? report::UnitSystem::cgs : report::UnitSystem::si,
                                          format);
    // with CSV, stdout carries the table only
    (format == report::TableFormat::csv ? std::cerr : std::cout) << report::grade_sheet_warnings(sheet);
    return ExitCode::success;
}

}  // namespace

void register_grades_show(CLI::App& grades, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<ShowOptions>();
    auto* show = grades.add_subcommand("show", "Every property of one grade at each temperature");
    show->footer("Examples:\n  magsel grades show N52SH --at 20degC --at 150degC\n"
                 "  magsel grades show Y30BH --at -40degC --at 20degC --format json\n"
                 "  magsel grades show n48sh --at 302degF --units cgs");
    show->add_option("grade", o->grade, "Grade name or alias (case, spaces and dashes do not matter)")->required();
    show->add_option("--at", o->at, "A temperature (repeatable; default 20degC)");
    show->add_option("--basis", o->basis, "min (guaranteed, default) or typ (typical) values")
        ->check(CLI::IsMember({"min", "typ"}))
        ->capture_default_str();
    show->add_option("--units", o->units, "si (T, kA/m, kJ/m^3) or cgs (kG, kOe, MGOe) in tables")
        ->check(CLI::IsMember({"si", "cgs"}))
        ->capture_default_str();
    add_format_option(*show, o->format, {"table", "json", "csv", "md"});
    show->callback([&global, &exit_code, o] { exit_code = run_show(global, *o); });
}

}  // namespace magsel::cli
