// The built-in catalogue: coverage the foundation issue asks for, provenance, name lookup,
// user directories.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"

using magsel::Catalogue;
using magsel::Family;
using Catch::Matchers::Contains;

namespace {
std::size_t count_if(const Catalogue& c, const std::function<bool(const magsel::Grade&)>& pred) {
    return static_cast<std::size_t>(std::count_if(c.grades().begin(), c.grades().end(), pred));
}
}  // namespace

TEST_CASE("the built-in catalogue covers every family the foundation issue names", "[catalogue]") {
    const auto c = Catalogue::builtin();
    static const std::regex standard_name(R"(N\d\d(M|H|SH|UH|EH|AH)?)");
    const auto standard = count_if(c, [](const auto& g) {
        return g.family == Family::sintered_ndfeb && std::regex_match(g.name, standard_name);
    });
    const auto low_hre = count_if(c, [](const auto& g) {
        return g.process == "grain-boundary-diffusion" || g.process == "hre-free" || g.hre_free_statement.has_value();
    });
    const auto ferrite = count_if(c, [](const auto& g) { return g.family == Family::ferrite; });
    const auto smco5 = count_if(c, [](const auto& g) { return g.family == Family::smco5; });
    const auto sm2co17 = count_if(c, [](const auto& g) { return g.family == Family::sm2co17; });
    const auto bonded_or_hd = count_if(c, [](const auto& g) {
        return g.family == Family::bonded_ndfeb || g.family == Family::hot_deformed_ndfeb;
    });
    INFO("standard sintered " << standard << ", low-HRE " << low_hre << ", ferrite " << ferrite << ", SmCo5 "
                              << smco5 << ", Sm2Co17 " << sm2co17 << ", bonded/hot-deformed " << bonded_or_hd);
    CHECK(standard >= 50);
    CHECK(low_hre >= 4);
    CHECK(ferrite >= 10);
    CHECK(smco5 >= 1);
    CHECK(sm2co17 >= 1);
    CHECK(smco5 + sm2co17 >= 4);
    CHECK(bonded_or_hd >= 2);
    // every coercivity class of the standard series is present
    for (const char* cls : {"M", "H", "SH", "UH", "EH", "AH"}) {
        const std::regex with_class(std::string(R"(N\d\d)") + cls);
        CAPTURE(cls);
        CHECK(count_if(c, [&](const auto& g) { return std::regex_match(g.name, with_class); }) >= 2);
    }
}

TEST_CASE("every built-in grade cites a dated source", "[catalogue][provenance]") {
    const auto c = Catalogue::builtin();
    for (const auto& g : c.grades()) {
        CAPTURE(g.name, g.file);
        CHECK(!g.source.title.empty());
        CHECK((!g.source.url.empty() || !g.source.document.empty()));
        CHECK(!g.source.date.empty());
        CHECK(!g.source.retrieved.empty());
        CHECK(g.remanence.min.has_value());  // the built-in data gives guaranteed minima
        if (magsel::is_ndfeb(g.family)) CHECK(g.heavy_rare_earth.has_value());
        if (g.hre_free_statement) CHECK(g.heavy_rare_earth->dy_tb_fraction == 0.0);
    }
}

TEST_CASE("ferrite coercivity rises with temperature in every ferrite grade's data", "[catalogue]") {
    const auto c = Catalogue::builtin();
    for (const auto& g : c.grades()) {
        if (g.family != Family::ferrite) continue;
        CAPTURE(g.name);
        CHECK(g.coercivity_model.coefficients.at(1) > 0.0);
    }
}

TEST_CASE("grade names resolve forgiving case, spaces, dashes and the leading N", "[catalogue][names]") {
    const auto c = Catalogue::builtin();
    for (const char* name : {"N48SH", "48SH", "n48sh", "N 48 SH", "n-48-sh"}) {
        CAPTURE(name);
        REQUIRE(c.try_find(name) != nullptr);
        CHECK(c.try_find(name)->name == "N48SH");
    }
    CHECK(c.find("y30bh").name == "Y30BH");
    CHECK(c.find("YXG-22").name == "YXG-22");
    CHECK(c.find("yxg22").name == "YXG-22");
    CHECK(c.try_find("") == nullptr);
    CHECK(c.try_find("---") == nullptr);
}

TEST_CASE("an unknown grade name suggests the closest ones", "[catalogue][names]") {
    const auto c = Catalogue::builtin();
    CHECK_THROWS_AS(c.find("N48XH"), magsel::UsageError);
    CHECK_THROWS_WITH(c.find("N48XH"), Contains("unknown grade `N48XH`") && Contains("did you mean") &&
                                           Contains("N48SH"));
    CHECK_THROWS_WITH(c.find("zzzzzzzzzzzz"), Contains("no grade or alias in the catalogue is near it"));
}

TEST_CASE("did-you-mean compares aliases and the name with its leading N", "[catalogue][names]") {
    auto c = Catalogue::empty();
    c.add_text(R"(family: sintered-ndfeb
series: test
source: {title: t, document: t, date: 2026-12-06, retrieved: 2026-12-06}
grades:
  - {name: ACME-G52SH, aliases: [G52SH], remanence: {min: 1.42 T}, coercivity_intrinsic: {min: 1592 kA/m},
     temperature_coefficients: {remanence: -0.11 %/K, coercivity: -0.6 %/K, range: [20 degC, 150 degC]},
     heavy_rare_earth: {dy_tb: 1 %, basis: estimated, note: t}}
  - {name: N48SX, remanence: {min: 1.37 T}, coercivity_intrinsic: {min: 1592 kA/m},
     temperature_coefficients: {remanence: -0.11 %/K, coercivity: -0.6 %/K, range: [20 degC, 150 degC]},
     heavy_rare_earth: {dy_tb: 1 %, basis: estimated, note: t}}
)",
               "names.yaml");
    // "52SH" is one edit from the alias G52SH: the alias is shown with the grade it names
    REQUIRE(!c.suggestions("52SH").empty());
    CHECK(c.suggestions("52SH").front() == "G52SH (ACME-G52SH)");
    // "48SH" is not a name, but with the leading N the lookup adds it is one edit from N48SX
    CHECK(c.suggestions("48SH").front() == "N48SX");
    CHECK_THROWS_WITH(c.find("G52 S"), Contains("G52SH (ACME-G52SH)"));
}

TEST_CASE("a user grade replaces a built-in one of the same name, with a notice", "[catalogue][user]") {
    auto c = Catalogue::builtin();
    const auto before = c.grades().size();
    c.add_directory(std::string(MAGSEL_TEST_DATA) + "/good/override");
    CHECK(c.grades().size() == before);
    REQUIRE(c.notices().size() == 1);
    CHECK_THAT(c.notices().front(), Contains("replaces the built-in grade"));
    const auto& g = c.find("N42");
    CHECK_FALSE(g.builtin);
    CHECK(g.remanence.min->value() == Approx(1.31));
}

TEST_CASE("two user grades with one name are an error naming both", "[catalogue][user][bad-input]") {
    auto c = Catalogue::builtin();
    CHECK_THROWS_WITH(c.add_directory(std::string(MAGSEL_TEST_DATA) + "/good/override-clash"),
                      Contains("already uses") && Contains("a.yaml"));
    CHECK_THROWS_AS(c.add_directory("/nonexistent-dir"), magsel::UsageError);
}

TEST_CASE("the built-in snapshot equals the grade files read as YAML", "[catalogue][snapshot]") {
    // The build turns grades/ into a binary snapshot; reading the same files with the YAML
    // reader must give identical grades, field for field.
    const auto builtin = Catalogue::builtin();
    auto from_yaml = Catalogue::empty();
    from_yaml.add_directory(MAGSEL_GRADES_DIR);
    REQUIRE(from_yaml.grades().size() == builtin.grades().size());
    for (auto g : from_yaml.grades()) {
        CAPTURE(g.name);
        const auto* b = builtin.try_find(g.name);
        REQUIRE(b != nullptr);
        // only where the file was read from differs
        CHECK(b->file == "grades/" + std::filesystem::path(g.file).filename().string());
        g.file = b->file;
        g.builtin = true;
        CHECK(g == *b);
    }
}

TEST_CASE("names stay unique however the user files are split", "[catalogue][user][bad-input]") {
    // the name index is kept from file to file: a clash with a grade of an earlier file, or with
    // a built-in grade another user grade replaced, is found and named as before
    const auto grade = [](const std::string& name, const std::string& alias) {
        return fmt::format(R"(  - name: {}
    aliases: [{}]
    remanence: {{min: 1.31 T}}
    coercivity_intrinsic: {{min: 1000 kA/m}}
    temperature_coefficients: {{remanence: -0.11 %/K, coercivity: -0.60 %/K, range: [20 degC, 100 degC]}}
    heavy_rare_earth: {{dy_tb: 0 %, basis: published, note: "test"}}
)",
                           name, alias);
    };
    const std::string head = "family: sintered-ndfeb\nseries: split\nsource: {title: \"user test data\", document: \"x\", "
                             "date: 2026-11-26, retrieved: 2026-11-26}\ngrades:\n";
    auto c = Catalogue::builtin();
    const auto builtin_count = c.grades().size();
    for (int i = 0; i < 300; ++i) c.add_text(head + grade(fmt::format("SPLIT-{}", i), fmt::format("SP{}X", i)),
                                             fmt::format("f{}.yaml", i));
    CHECK(c.grades().size() == builtin_count + 300);
    CHECK(c.find("split 299").name == "SPLIT-299");
    CHECK(c.find("sp7x").name == "SPLIT-7");
    c.add_text(head + grade("N42", "MY-N42"), "replace.yaml");  // replaces the built-in N42
    CHECK(c.grades().size() == builtin_count + 300);
    CHECK(c.find("N42").file == "replace.yaml");
    CHECK(c.find("SPLIT-150").name == "SPLIT-150");  // positions after the replaced grade moved
    CHECK_THROWS_WITH(c.add_text(head + grade("OTHER", "SPLIT 12"), "late.yaml"),
                      Contains("grade OTHER has a name or alias that SPLIT-12 (f12.yaml:5) already uses"));
    CHECK_THROWS_WITH(c.add_text(head + grade("OTHER2", "MY N42"), "later.yaml"),
                      Contains("grade OTHER2 has a name or alias that N42 (replace.yaml:5) already uses"));
    CHECK_THROWS_WITH(c.add_text(head + grade("N42", "ANOTHER-N42"), "again.yaml"),
                      Contains("grade N42 has a name or alias that N42 (replace.yaml:5) already uses"));
}
