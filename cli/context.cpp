#include "context.hpp"

#include <iostream>

#include <fmt/format.h>

namespace magsel::cli {

Catalogue load_catalogue(const GlobalOptions& options) {
    auto catalogue = Catalogue::builtin();
    catalogue.add_environment_directories();
    for (const auto& dir : options.grade_dirs) catalogue.add_directory(dir);
    for (const auto& notice : catalogue.notices()) std::cerr << "magsel: note: " << notice << '\n';
    return catalogue;
}

void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& choices) {
    format = choices.front();
    app.add_option("--format", format, fmt::format("Output format: {}", fmt::join(choices, ", ")))
        ->check(CLI::IsMember(choices))
        ->capture_default_str();
}

}  // namespace magsel::cli
