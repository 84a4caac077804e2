// Grade files: the bad-input catalogue (tests/data/bad/grades) and good edge cases.
// Each bad file's first line says what it must give: `# expect: LINE:COL: part of the message`
// (0:0 for errors with no position, like an empty file).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"
#include "magsel/thermal.hpp"
#include "bad_file_cases.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

TEST_CASE("every bad grade file fails with its message at its line:column", "[grade-file][bad-input]") {
    const auto count = check_bad_files(std::filesystem::path(MAGSEL_TEST_DATA) / "bad" / "grades", [](const std::string& f) {
        auto catalogue = magsel::Catalogue::empty();
        catalogue.add_file(f);
    });
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

TEST_CASE("binary garbage and very long lines are input errors, not crashes", "[grade-file][bad-input]") {
    auto catalogue = magsel::Catalogue::empty();
    std::string garbage;
    std::uint32_t x = 2463534242u;  // xorshift: the same bytes every run
    for (int i = 0; i < 200000; ++i) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        garbage += static_cast<char>(x & 0xFF);
    }
    CHECK_THROWS_AS(catalogue.add_text(garbage, "garbage.yaml"), magsel::InputError);
    const std::string long_line = "family: sintered-ndfeb\nseries: " + std::string(1 << 20, 'x') + "\nbogus: 1\n";
    try {
        catalogue.add_text(long_line, "long.yaml");
        FAIL("no error");
    } catch (const magsel::InputError& e) {
        CHECK(e.where().line == 3);
        CHECK(std::string(e.what()).size() < 2000);  // the long line is not printed whole
    }
}

TEST_CASE("a user grade may not take a built-in grade's name as its alias", "[grade-file][bad-input]") {
    auto catalogue = magsel::Catalogue::builtin();
    const std::string text = R"(family: sintered-ndfeb
series: user grades
source: {title: "user data", document: "test", date: 2026-11-26, retrieved: 2026-11-26}
grades:
  - name: USER-42
    aliases: [N42]
    remanence: {min: 1.30 T}
    coercivity_intrinsic: {min: 1000 kA/m}
    temperature_coefficients: {remanence: -0.11 %/K, coercivity: -0.6 %/K, range: [20 degC, 100 degC]}
    heavy_rare_earth: {dy_tb: 0 %, basis: published, note: "test"}
)";
    CHECK_THROWS_WITH(catalogue.add_text(text, "user.yaml"), Contains("already uses") && Contains("N42"));
}

TEST_CASE("inputs the fuzzers found give an InputError, nothing else", "[grade-file][bad-input][fuzz]") {
    // tests/data/bad/fuzz: crashes found by tests/fuzz, kept as regression cases. The first:
    // yaml-cpp's mark pointed past the end of the line magsel shows (binary with lone CRs),
    // and placing the caret threw std::out_of_range from substr.
    namespace fs = std::filesystem;
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(MAGSEL_TEST_DATA) / "bad" / "fuzz")) {
        CAPTURE(entry.path().filename().string());
        auto catalogue = magsel::Catalogue::empty();
        CHECK_THROWS_AS(catalogue.add_file(entry.path().string()), magsel::InputError);
        ++count;
    }
    CHECK(count >= 1);
}

TEST_CASE("a lone CR (not a line break for yaml-cpp 0.7) still gives a located error", "[grade-file][bad-input]") {
    auto catalogue = magsel::Catalogue::empty();
    try {
        catalogue.add_text("family: sintered-ndfeb\rseries: x\rbogus: 1\r", "cr.yaml");
        FAIL("no error");
    } catch (const magsel::InputError& e) {
        CHECK(e.where().line == 1);  // yaml-cpp counts one line
        CHECK_THAT(e.where().line_text, Contains("series: x"));
        CHECK_THAT(std::string(e.what()), Contains("^"));
    }
}
