#include "context.hpp"

#include <iostream>

#include <fmt/format.h>

#include "kept.hpp"

namespace magsel::cli {

void apply_weights(RankingWeights& w, std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(',', start), text.size());
        const auto item = text.substr(start, end - start);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            throw UsageError(fmt::format("--weights `{}`: weights are NAME=NUMBER, e.g. performance=1,cost=2", item));
        const std::string key(item.substr(0, eq));
        const std::string value(item.substr(eq + 1));
        double x = 0.0;
        try {
            std::size_t used = 0;
            x = std::stod(value, &used);
            if (used != value.size()) throw std::invalid_argument("trailing");
        } catch (const std::exception&) {
            throw UsageError(fmt::format("--weights `{}`: the weight is not a number", item));
        }
        if (!(x >= 0.0 && x <= 100.0)) throw UsageError(fmt::format("--weights `{}`: a weight is between 0 and 100", item));
        if (key == "performance") w.performance = x;
        else if (key == "demag_margin") w.demag_margin = x;
        else if (key == "cost") w.cost = x;
        else if (key == "supply_risk") w.supply_risk = x;
        else throw UsageError(fmt::format("--weights `{}`: unknown weight; use performance, demag_margin, cost, supply_risk", key));
        start = end + 1;
    }
    if (w.performance + w.demag_margin + w.cost + w.supply_risk <= 0.0)
        throw UsageError("--weights: at least one ranking weight must be above 0");
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
