// magsel grades list | show — the catalogue, and one grade's properties at temperature.
#include "context.hpp"

namespace magsel::cli {

void register_grades(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code) {
    auto* grades = app.add_subcommand("grades", "List the grade catalogue or show one grade");
    grades->require_subcommand(1);
    register_grades_list(*grades, global, exit_code);
    register_grades_show(*grades, global, exit_code);
}

}  // namespace magsel::cli
