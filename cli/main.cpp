// magsel — permanent-magnet grade selection for electric machines.
// main() builds the command line (one file per subcommand) and maps errors to exit codes.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "context.hpp"
#include "kept.hpp"
#include "magsel/error.hpp"
#include "magsel/text.hpp"
#include "magsel/version.hpp"

int main(int argc, char** argv) {
    using magsel::cli::ExitCode;
    CLI::App app{"magsel: select and specify permanent-magnet grades for electric machines"};
    app.set_version_flag("--version", std::string("magsel ") + magsel::version_string);
    // An option error reads like every other error ("magsel: error: ..."); set before the
    // subcommands are added, which copy it.
    app.failure_message([](const CLI::App* a, const CLI::Error& e) {
        // `magsel frobnicate`, `magsel grades lst`: CLI11 says only "A subcommand is required";
        // name the word and the choices of the command it follows
        const CLI::App* cmd = a;
        while (!cmd->get_subcommands().empty()) cmd = cmd->get_subcommands().back();
        const auto rest = a->remaining();
        if (!cmd->get_subcommands({}).empty() && !rest.empty() && !rest.front().empty() && rest.front().front() != '-') {
            std::string names;
            for (const auto* sub : cmd->get_subcommands({}))
                names += (names.empty() ? "" : ", ") + sub->get_name();
            const std::string of = cmd == a ? "" : " of `" + cmd->get_name() + "`";
            return "magsel: error: unknown subcommand `" + magsel::printable(rest.front()) + "`" + of +
                   "; the subcommands are " + names + "\nRun with --help for more information.\n";
        }
        return "magsel: error: " + magsel::printable(CLI::FailureMessage::simple(a, e));
    });
    app.require_subcommand(1);
    app.fallthrough();  // global options (--grades, --prices, --price, --market) may also follow the subcommand
    app.footer("Exit codes: 0 success, 1 a check failed or no grade qualifies, 2 bad input or usage.\n"
               "Quantities take units: 1.2T, 12kG, 950kA/m, 12kOe, 150degC, 302degF.");
    magsel::cli::GlobalOptions global;
    app.add_option("--grades", global.grade_dirs,
                   "Add the grade files of a directory (repeatable; also MAGSEL_GRADES=dir1:dir2)")
        ->type_name("DIR");
    app.add_option("--prices", global.prices_file, "Use this price table instead of the built-in one")
        ->type_name("FILE");
    app.add_option("--price", global.price_edits,
                   "Price scenario, repeatable: Dy=+100%, Tb=2x, PrNd=95USD/kg (per kg of element)")
        ->type_name("KEY=VALUE");
    app.add_option("--market", global.market,
                   "Price the raw materials in this market of the price table (e.g. europe; "
                   "default: the table's default market, `magsel cost` names it)")
        ->type_name("NAME");
    ExitCode exit_code = ExitCode::success;
    magsel::cli::register_match(app, global, exit_code);
    magsel::cli::register_check(app, global, exit_code);
    magsel::cli::register_grades(app, global, exit_code);
    magsel::cli::register_demag(app, global, exit_code);
    magsel::cli::register_plot(app, global, exit_code);
    magsel::cli::register_report(app, global, exit_code);
    magsel::cli::register_cost(app, global, exit_code);
    magsel::cli::register_sweep(app, global, exit_code);
    magsel::cli::register_montecarlo(app, global, exit_code);
    magsel::cli::register_fit(app, global, exit_code);
    magsel::cli::register_validate(app, global, exit_code);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);  // prints help, version or the parse error
        return code == 0 ? 0 : static_cast<int>(ExitCode::bad_input);
    } catch (const magsel::InputError& e) {
        std::cerr << magsel::printable(e.what()) << '\n';  // starts with file:line:col, as compilers print
        return static_cast<int>(ExitCode::bad_input);
    } catch (const magsel::Error& e) {
        std::cerr << "magsel: error: " << magsel::printable(e.what()) << '\n';
        return static_cast<int>(ExitCode::bad_input);
    } catch (const std::exception& e) {
        std::cerr << "magsel: internal error: " << magsel::printable(e.what()) << '\n';
        return static_cast<int>(ExitCode::bad_input);
    }
    // A result that did not reach stdout (a full disk, a closed pipe, /dev/full) is an error.
    std::cout.flush();
    errno = 0;
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        const int e = errno;
        std::cerr << "magsel: error: cannot write the result to stdout"
                  << (e != 0 ? std::string(": ") + std::strerror(e) : std::string()) << '\n';
        return static_cast<int>(ExitCode::bad_input);
    }
    return magsel::cli::finish(static_cast<int>(exit_code));
}
