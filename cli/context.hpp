// context.hpp — what every subcommand shares: global options, the catalogue, exit codes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "magsel/catalogue.hpp"
#include "magsel/economics.hpp"
#include "magsel/requirement.hpp"

namespace magsel::cli {

/// The process exit codes: a stable contract for scripts and CI.
enum class ExitCode : int {
    success = 0,      ///< done; every check passed
    failed = 1,       ///< a check failed, or no grade qualifies
    bad_input = 2,    ///< bad input file, unknown grade, bad option: message on stderr
};

/// Options every subcommand sees.
struct GlobalOptions {
    std::vector<std::string> grade_dirs;  ///< --grades DIR (repeatable)
    std::string prices_file;              ///< --prices FILE: replaces the built-in price table
    std::vector<std::string> price_edits; ///< --price KEY=VALUE (repeatable): scenario edits
    std::string market;                   ///< --market NAME: a market of the price table (empty: its default)
};

/// The built-in catalogue plus MAGSEL_GRADES and --grades directories; prints notices
/// (a built-in grade replaced) on stderr. Kept to the end of the process (kept.hpp).
const Catalogue& load_catalogue(const GlobalOptions& options);

/// `--weights performance=1,cost=2`: edits of the ranking weights; UsageError when malformed.
void apply_weights(RankingWeights& weights, std::string_view text);

/// The price table: built-in or --prices, priced in the --market, with every --price edit applied.
PriceTable load_prices(const GlobalOptions& options);
/// The same without the --price edits (the baseline of a scenario).
PriceTable load_baseline_prices(const GlobalOptions& options);
/// load_prices, and a warning on stderr for every --price edit that moves the cost of none of
/// `grades`, named by `which` ("--price Tb=5x changes no cost: no Tb in N42, N42SH"; for match
/// and check: all_grades(catalogue), "any grade of the catalogue").
PriceTable load_prices(const GlobalOptions& options, const std::vector<const Grade*>& grades, std::string_view which);
/// Every grade of the catalogue (for the warning above in match and check).
std::vector<const Grade*> all_grades(const Catalogue& catalogue);

/// Add `--format` with the given choices (first is the default).
void add_format_option(CLI::App& app, std::string& format, const std::vector<std::string>& choices);

/// A plain number (no unit), e.g. a permeance coefficient; UsageError naming `what` otherwise.
double parse_plain_number(const std::string& text, const char* what);

/// Add `--family` whose choices are the library's family names (all_families()).
CLI::Option* add_family_option(CLI::App& app, std::string& family, const std::string& help);

/// Each subcommand registers itself and sets `exit_code` when it runs.
void register_grades(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_grades_list(CLI::App& grades, const GlobalOptions& global, ExitCode& exit_code);
void register_grades_show(CLI::App& grades, const GlobalOptions& global, ExitCode& exit_code);
void register_validate(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_demag(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_plot(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_report(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_cost(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_match(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_check(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_sweep(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_montecarlo(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);
void register_fit(CLI::App& app, const GlobalOptions& global, ExitCode& exit_code);

}  // namespace magsel::cli
