// Units as datasheets print them (issue 15): accepted where unambiguous, refused with a
// did-you-mean where letter case would decide the meaning; all bad values of a grade file in one run.
// Expected SI values are converted by hand from the unit definitions (1 G = 1e-4 T,
// 1 Oe = 1000/(4π) A/m, 1 MGOe = 1e5/(4π) J/m³, °C = K − 273.15).
#include <catch2/catch.hpp>

#include <string>

#include "magsel/catalogue.hpp"
#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"

using magsel::Dimension;
using magsel::parse_quantity;
using Approx = Catch::Detail::Approx;

namespace {
constexpr double pi = 3.141592653589793;
constexpr double oe = 1000.0 / (4.0 * pi);
std::string error_of(const std::string& text, Dimension d) {
    try {
        parse_quantity(text, d);
    } catch (const magsel::UnitError& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("datasheet spellings read as their units", "[units][datasheet]") {
    struct Case {
        const char* text;
        Dimension dimension;
        double si;
    };
    const Case cases[] = {
        {"13.7 KGs", Dimension::flux_density, 1.37},
        {"13700 Gs", Dimension::flux_density, 1.37},
        {"13.7 kGs", Dimension::flux_density, 1.37},
        {"13.7 kGauss", Dimension::flux_density, 1.37},
        {"13700 Gauss", Dimension::flux_density, 1.37},
        {"20 KOe", Dimension::field_strength, 20000.0 * oe},
        {"1592 KA/m", Dimension::field_strength, 1.592e6},
        {"366 KJ/m3", Dimension::energy_density, 366000.0},
        {"366 kJ/m³", Dimension::energy_density, 366000.0},
        {"366 KJ/m^3", Dimension::energy_density, 366000.0},
        {"7.5 g/cm3", Dimension::density, 7500.0},
        {"12 cm3", Dimension::volume, 12e-6},
        {"150 ℃", Dimension::temperature, 423.15},    // U+2103
        {"150 ºC", Dimension::temperature, 423.15},   // masculine ordinal U+00BA
        {"150 ˚C", Dimension::temperature, 423.15},   // ring above U+02DA
        {"302 ℉", Dimension::temperature, 423.15},    // U+2109
        {"-0.12 %/℃", Dimension::temperature_coefficient, -0.0012},
        {"-0.539 %/ºC", Dimension::temperature_coefficient, -0.00539},
        {"10 ℃", Dimension::temperature_difference, 10.0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(parse_quantity(c.text, c.dimension) == Approx(c.si).epsilon(1e-12));
    }
}

TEST_CASE("letter case never silently changes a prefix", "[units][datasheet]") {
    using Catch::Matchers::Contains;
    // both are SI and both stay what they are
    CHECK(parse_quantity("1 MA/m", Dimension::field_strength) == Approx(1e6));
    CHECK(parse_quantity("1 mA/m", Dimension::field_strength) == Approx(1e-3));
    // what only letter case would decide is refused, naming both readings
    CHECK_THAT(error_of("1 ma/m", Dimension::field_strength), Contains("ambiguous unit `ma`") && Contains("`MA`") &&
                                                                     Contains("`mA`"));
    CHECK_THAT(error_of("12 KG", Dimension::flux_density), Contains("ambiguous unit `KG`") && Contains("`kG`") &&
                                                               Contains("`kg`"));
    // one reading: a suggestion, still an error
    CHECK_THAT(error_of("14 kgs", Dimension::flux_density), Contains("did you mean `kGs`?"));
    CHECK_THAT(error_of("20 koe", Dimension::field_strength), Contains("did you mean `kOe`?"));
    CHECK_THAT(error_of("20 KOE", Dimension::field_strength), Contains("did you mean `kOe`?"));
    CHECK_THAT(error_of("1.37 Tesla", Dimension::flux_density), Contains("unknown unit `Tesla`"));  // not a datasheet spelling
}

TEST_CASE("a grade pasted as printed on a Chinese datasheet reads like the SI one", "[units][datasheet]") {
    auto c = magsel::Catalogue::empty();
    c.add_file(std::string(MAGSEL_TEST_DATA) + "/good/datasheet-units/chinese-datasheet.yaml");
    const auto& ds = c.find("DS-N48SH");
    const auto builtin = magsel::Catalogue::builtin();
    const auto& si = builtin.find("N48SH");
    CHECK(ds.remanence.min->value() == Approx(si.remanence.min->value()).epsilon(1e-12));  // 13.7 KGs = 13.7 kG
    CHECK(ds.intrinsic_coercivity.min->value() == Approx(si.intrinsic_coercivity.min->value()).epsilon(1e-12));
    CHECK(ds.normal_coercivity.min->value() == Approx(12.8e3 * oe).epsilon(1e-4));       // 1018.6 KA/m
    CHECK(ds.energy_product.min->value() == Approx(46.0 * 1e5 / (4.0 * pi)).epsilon(1e-4));  // 366.06 KJ/m3
    REQUIRE(ds.coefficients);
    CHECK(ds.coefficients->remanence_per_kelvin == Approx(si.coefficients->remanence_per_kelvin));
    CHECK(ds.coefficients->coercivity_per_kelvin == Approx(si.coefficients->coercivity_per_kelvin));
    CHECK(ds.coefficients->range_high.value() == Approx(423.15));
    CHECK(ds.max_operating_temperature->value() == Approx(423.15));
}

TEST_CASE("five bad values in a grade file: five located errors in one run", "[units][datasheet][bad-input]") {
    auto c = magsel::Catalogue::empty();
    const auto path = std::string(MAGSEL_TEST_DATA) + "/bad/grades/five-bad-values.yaml";
    try {
        c.add_file(path);
        FAIL("no error");
    } catch (const magsel::InputErrors& e) {
        REQUIRE(e.errors().size() == 5);
        const int lines[] = {7, 13, 17, 23, 29};
        for (std::size_t i = 0; i < 5; ++i) {
            CHECK(e.errors()[i].where().file == path);
            CHECK(e.errors()[i].where().line == lines[i]);
            CHECK(e.errors()[i].where().column > 0);
        }
        CHECK_THAT(e.errors()[2].message(), Catch::Matchers::Contains("ambiguous unit `KG`"));
        CHECK(e.not_shown() == 0);
        CHECK_THAT(std::string(e.what()), Catch::Matchers::Contains(":29:94: error:"));
    }
}

TEST_CASE("five bad values in one grade entry: five located errors in one run, in the file's order",
          "[units][datasheet][bad-input]") {
    // An entry pasted from a datasheet row with five mistakes (tests/data/bad/grades/
    // five-bad-values-one-entry.yaml): every value is read on its own, so each gets its error.
    auto c = magsel::Catalogue::empty();
    const auto path = std::string(MAGSEL_TEST_DATA) + "/bad/grades/five-bad-values-one-entry.yaml";
    try {
        c.add_file(path);
        FAIL("no error");
    } catch (const magsel::InputErrors& e) {
        REQUIRE(e.errors().size() == 5);
        const int lines[] = {7, 8, 10, 11, 13};
        const char* says[] = {"unknown unit `KGss`", "KOe/m", "%/X", "g/cm4", "unknown key `colour`"};
        for (std::size_t i = 0; i < 5; ++i) {
            CHECK(e.errors()[i].where().file == path);
            CHECK(e.errors()[i].where().line == lines[i]);
            CHECK(e.errors()[i].where().column > 0);
            CHECK_THAT(e.errors()[i].message(), Catch::Matchers::Contains(says[i]));
        }
        CHECK(e.not_shown() == 0);
    }
}

TEST_CASE("a bad value another check needs does not come back as a second, derived error", "[units][bad-input]") {
    // Br unreadable: the (BH)max ceiling (needs Br) and Hcb <= Hcj (needs Hcj) are not checked,
    // so the only errors are the two values themselves.
    auto c = magsel::Catalogue::empty();
    const std::string text = R"(family: sintered-ndfeb
series: test
source: {title: T, publisher: P, url: "https://example.com/t.pdf", date: 2024-05, retrieved: 2026-12-06}
grades:
  - name: T1
    remanence: {min: 1.2 Tt}
    coercivity_intrinsic: {min: 1592 kA/mm}
    coercivity_normal: {min: 900 kA/m}
    energy_product: {min: 900 kJ/m3}
    temperature_coefficients: {remanence: -0.12 %/K, coercivity: -0.55 %/K, range: [20 degC, 150 degC]}
    heavy_rare_earth: {dy_tb: 3 %, basis: estimated, note: "test"}
)";
    try {
        c.add_text(text, "derived.yaml");
        FAIL("no error");
    } catch (const magsel::InputErrors& e) {
        REQUIRE(e.errors().size() == 2);
        CHECK(e.errors()[0].where().line == 6);
        CHECK(e.errors()[1].where().line == 7);
    }
}

TEST_CASE("a misspelt required key is one error, not also a missing key", "[units][bad-input]") {
    auto c = magsel::Catalogue::empty();
    const auto path = std::string(MAGSEL_TEST_DATA) + "/bad/grades/unknown-key-typo.yaml";
    try {
        c.add_file(path);
        FAIL("no error");
    } catch (const magsel::InputErrors& e) {
        FAIL("several errors: " << e.what());
    } catch (const magsel::InputError& e) {
        CHECK_THAT(e.message(), Catch::Matchers::Contains("unknown key `remanance` (did you mean `remanence`?)"));
    }
}

TEST_CASE("every unknown key, and every bad value inside the coefficient and point blocks, in one run",
          "[units][bad-input]") {
    // tests/data/bad/grades/seven-bad-values-in-blocks.yaml: two unknown keys before and after the
    // values (one a misspelt `remanence`, which is then not also "missing"), two bad units in
    // `temperature_coefficients`, one in each of two temperature points, a third unknown key.
    auto c = magsel::Catalogue::empty();
    const auto path = std::string(MAGSEL_TEST_DATA) + "/bad/grades/seven-bad-values-in-blocks.yaml";
    try {
        c.add_file(path);
        FAIL("no error");
    } catch (const magsel::InputErrors& e) {
        REQUIRE(e.errors().size() == 7);
        const int lines[] = {7, 8, 10, 10, 12, 13, 15};
        const char* says[] = {"unknown key `colour`", "unknown key `remanance` (did you mean `remanence`?)", "`-0.6 %/X`",
                              "`150 Y`", "`1.25 Tesla`", "`150 C`", "unknown key `flavour`"};
        for (std::size_t i = 0; i < 7; ++i) {
            CHECK(e.errors()[i].where().line == lines[i]);
            CHECK_THAT(e.errors()[i].message(), Catch::Matchers::Contains(says[i]));
        }
    }
}

TEST_CASE("every unknown key of a rated value is reported, not only the first", "[units][bad-input]") {
    auto c = magsel::Catalogue::empty();
    const std::string text = R"(family: sintered-ndfeb
series: test
source: {title: T, publisher: P, url: "https://example.com/t.pdf", date: 2024-05, retrieved: 2026-12-06}
grades:
  - name: T1
    remanence: {min: 1.3 T, minimum: 1.2 T, foo: 1 T}
    coercivity_intrinsic: {min: 1592 kA/m}
    temperature_coefficients: {remanence: -0.12 %/K, coercivity: -0.55 %/K, range: [20 degC, 150 degC]}
    heavy_rare_earth: {dy_tb: 3 %, basis: estimated, note: "test"}
)";
    try {
        c.add_text(text, "rated.yaml");
        FAIL("no error");
    } catch (const magsel::InputErrors& e) {
        REQUIRE(e.errors().size() == 2);
        CHECK_THAT(e.errors()[0].message(), Catch::Matchers::Contains("unknown key `minimum`"));
        CHECK_THAT(e.errors()[1].message(), Catch::Matchers::Contains("unknown key `foo`"));
        CHECK(e.errors()[0].where().column < e.errors()[1].where().column);
    }
}
