// Grade files: the bad-input catalogue (tests/data/bad/grades) and good edge cases.
// Each bad file's first line says what it must give: `# expect: LINE:COL: part of the message`
// (0:0 for errors with no position, like an empty file).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"
#include "magsel/thermal.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

struct Expectation {
    int line = 0;
    int column = 0;
    std::string message;
};

Expectation read_expectation(const fs::path& file) {
    std::ifstream in(file);
    std::string first;
    std::getline(in, first);
    static const std::regex pattern(R"(# expect: (\d+):(\d+): (.+))");
    std::smatch m;
    REQUIRE(std::regex_match(first, m, pattern));
    return {std::stoi(m[1]), std::stoi(m[2]), m[3]};
}

}  // namespace

TEST_CASE("every bad grade file fails with its message at its line:column", "[grade-file][bad-input]") {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(MAGSEL_TEST_DATA) / "bad" / "grades")) {
        const auto path = entry.path();
        const auto expected = read_expectation(path);
        CAPTURE(path.filename().string());
        auto catalogue = magsel::Catalogue::empty();
        try {
            catalogue.add_file(path.string());
            FAIL("no error for " << path.filename().string());
        } catch (const magsel::InputError& e) {
            CAPTURE(e.what());
            CHECK(e.where().file == path.string());
            CHECK(e.where().line == expected.line);
            CHECK(e.where().column == expected.column);
            CHECK_THAT(e.message(), Contains(expected.message));
            if (expected.line > 0) CHECK_THAT(std::string(e.what()), Contains("^"));  // the caret line
        }
        ++count;
    }
    CHECK(count >= 30);
}

TEST_CASE("a grade file with a UTF-8 byte-order mark and CRLF line ends reads", "[grade-file]") {
    auto catalogue = magsel::Catalogue::empty();
    catalogue.add_file(std::string(MAGSEL_TEST_DATA) + "/good/crlf-bom.yaml");
    REQUIRE(catalogue.grades().size() == 1);
    CHECK(catalogue.grades().front().name == "T48SH");
    CHECK(catalogue.grades().front().remanence.min->value() == Approx(1.37));
}

TEST_CASE("a missing file is an input error naming it", "[grade-file][bad-input]") {
    auto catalogue = magsel::Catalogue::empty();
    CHECK_THROWS_WITH(catalogue.add_file("/nonexistent/grades.yaml"), Contains("/nonexistent/grades.yaml") &&
                                                                          Contains("cannot open"));
}

TEST_CASE("every built-in grade has its curve-model parameters", "[grade-file]") {
    // A grade of a family without defaults can only come from a defaults map without it; the
    // built-in families all have one, so every built-in family must load.
    const auto c = magsel::Catalogue::builtin();
    for (const auto& g : c.grades()) {
        CAPTURE(g.name);
        CHECK(g.recoil_permeability.value >= 1.0);
        CHECK(g.squareness.value > 0.0);
        CHECK(g.density.value.value() > 3000.0);
    }
}
