#include "context.hpp"

#include <iostream>

#include <fmt/format.h>

namespace magsel::cli {

const Grade& design_grade(const Catalogue& catalogue, const Requirement& design) {
    if (!design.grade)
        throw InputError(design.grade_location.file.empty() ? SourceLocation{design.file, 0, 0, {}} : design.grade_location,
                         "a design file needs `grade:` (the grade to check)");
    if (const Grade* g = catalogue.try_find(*design.grade)) return *g;
    const auto near = catalogue.suggestions(*design.grade);
    throw InputError(design.grade_location,
                     near.empty() ? fmt::format("unknown grade `{}`", *design.grade)
                                  : fmt::format("unknown grade `{}`; did you mean {}?", *design.grade, fmt::join(near, ", ")));
}

Catalogue load_catalogue(const GlobalOptions& options) {
    auto catalogue = Catalogue::builtin();
    catalogue.add_environment_directories();
    for (const auto& dir : options.grade_dirs) catalogue.add_directory(dir);
    for (const auto& notice : catalogue.notices()) std::cerr << "magsel: note: " << notice << '\n';
    return catalogue;
}

PriceTable load_baseline_prices(const GlobalOptions& options) {
    auto prices = options.prices_file.empty() ? PriceTable::builtin() : PriceTable::load(options.prices_file);
    if (!options.market.empty()) prices.select_market(options.market);
    return prices;
}

PriceTable load_prices(const GlobalOptions& options) {
    auto prices = load_baseline_prices(options);
    for (const auto& edit : options.price_edits) prices.apply(edit);
    return prices;
}

PriceTable load_prices(const GlobalOptions& options, const std::vector<const Grade*>& grades, std::string_view which) {
    auto prices = load_prices(options);
    for (const auto& edit : edits_moving_no_cost(grades, prices, options.price_edits))
        std::cerr << fmt::format("magsel: warning: --price {} changes no cost: no {} in {}\n", edit,
                                 price_edit_key(edit), which);
    return prices;
}

std::vector<const Grade*> all_grades(const Catalogue& catalogue) {
    std::vector<const Grade*> grades;
    for (const auto& g : catalogue.grades()) grades.push_back(&g);
    return grades;
}

void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& choices) {
    format = choices.front();
    app.add_option("--format", format, fmt::format("Output format: {}", fmt::join(choices, ", ")))
        ->check(CLI::IsMember(choices))
        ->capture_default_str();
}

}  // namespace magsel::cli
