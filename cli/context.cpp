#include "context.hpp"

#include <iostream>

#include <fmt/format.h>

#include "kept.hpp"
#include "magsel/select.hpp"

namespace magsel::cli {

void apply_weights(RankingWeights& w, std::string_view text) {
    try {
        edit_weights(w, text);
    } catch (const UsageError& e) {
        throw UsageError(fmt::format("--{}", e.what()));  // the library's messages start "weights"
    }
}

const Catalogue& load_catalogue(const GlobalOptions& options) {
    auto catalogue = Catalogue::builtin();
    catalogue.add_environment_directories();
    for (const auto& dir : options.grade_dirs) catalogue.add_directory(dir);
    for (const auto& notice : catalogue.notices()) std::cerr << "magsel: note: " << notice << '\n';
    return keep(std::move(catalogue));
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

double parse_plain_number(const std::string& text, const char* what) {
    try {
        std::size_t used = 0;
        const double x = std::stod(text, &used);
        if (used == text.size()) return x;
    } catch (const std::exception&) {
    }
    throw UsageError(fmt::format("`{}`: {} is a plain number", text, what));
}

CLI::Option* add_family_option(CLI::App& app, std::string& family, const std::string& help) {
    std::vector<std::string> names;
    for (auto f : all_families()) names.emplace_back(to_string(f));
    return app.add_option("--family", family, help)->check(CLI::IsMember(names));
}

}  // namespace magsel::cli
