// magsel grades list [--family F] [--hre-free] [--at T] [--min-br B] [--min-hcj H] — one row per grade.
#include <iostream>
#include <memory>

#include "context.hpp"
#include "magsel/grade_listing.hpp"
#include "magsel/report/grade_report.hpp"

namespace magsel::cli {
namespace {

struct ListOptions {
    std::string family;
    bool hre_free = false;
    std::string at = "20 degC";
    std::string min_br;
    std::string min_hcj;
    std::string basis = "min";
    std::string format;
};

ExitCode run_list(const GlobalOptions& global, const ListOptions& o) {
    const auto& catalogue = load_catalogue(global);
    GradeFilter filter;
    if (!o.family.empty()) filter.family = family_from_string(o.family);
    filter.hre_free = o.hre_free;
    filter.temperature = units::parse_temperature(o.at);
    filter.basis = basis_from_string(o.basis);
    if (!o.min_br.empty()) filter.min_remanence = units::parse_flux_density(o.min_br);
    if (!o.min_hcj.empty()) filter.min_intrinsic_coercivity = units::parse_field_strength(o.min_hcj);
    const auto rows = list_grades(catalogue, filter, load_prices(global), SupplyData::builtin());
    if (o.format == "json")
        std::cout << report::json_text(report::grade_list_json(rows));
    else
        std::cout << report::grade_list_text(rows, filter, report::table_format(o.format));
    return ExitCode::success;
}

}  // namespace

void register_grades_list(CLI::App& grades, const GlobalOptions& global, ExitCode& exit_code) {
    auto o = std::make_shared<ListOptions>();
    auto* list = grades.add_subcommand("list", "One row per grade: Br and Hcj at a temperature, ratings, Dy+Tb");
    list->footer("Examples:\n  magsel grades list\n  magsel grades list --family ferrite --at -40degC\n"
                 "  magsel grades list --min-br 1.3T --min-hcj 20kOe --at 150degC --format json");
    add_family_option(*list, o->family, "Only this family");
    list->add_flag("--hre-free", o->hre_free, "Only grades free of Dy and Tb (any basis: stated, composition, estimated)");
    list->add_option("--at", o->at, "Temperature of the Br and Hcj columns (e.g. 150degC)")->capture_default_str();
    list->add_option("--min-br", o->min_br, "Only grades with at least this Br at --at (e.g. 1.3T, 13kG)");
    list->add_option("--min-hcj", o->min_hcj, "Only grades with at least this Hcj at --at (e.g. 1600kA/m)");
    list->add_option("--basis", o->basis, "min (guaranteed, default) or typ (typical) values")
        ->check(CLI::IsMember({"min", "typ"}))
        ->capture_default_str();
    add_format_option(*list, o->format, {"table", "json", "csv", "md"});
    list->callback([&global, &exit_code, o] { exit_code = run_list(global, *o); });
}

}  // namespace magsel::cli
