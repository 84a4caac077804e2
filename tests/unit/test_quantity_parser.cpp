// The quantity parser against hand-converted values, and its error messages.
#include <catch2/catch.hpp>

#include <string>

#include "magsel/error.hpp"
#include "magsel/quantity_parser.hpp"
#include "magsel/units.hpp"

using magsel::Dimension;
using magsel::parse_quantity;

namespace {
struct Case {
    const char* text;
    Dimension dimension;
    double si;  // converted by hand from the unit definitions
};
}  // namespace

TEST_CASE("quantity strings from files and the command line", "[units][parser]") {
    const Case cases[] = {
        {"1.45 T", Dimension::flux_density, 1.45},
        {"14.5kG", Dimension::flux_density, 1.45},
        {"1200 mT", Dimension::flux_density, 1.2},
        {"14500 G", Dimension::flux_density, 1.45},
        {"1592 kA/m", Dimension::field_strength, 1.592e6},
        {"20 kOe", Dimension::field_strength, 20000.0 * 1000.0 / (4.0 * 3.141592653589793)},
        {"398 kJ/m^3", Dimension::energy_density, 398000.0},
        {"398 kJ/m³", Dimension::energy_density, 398000.0},
        {"50 MGOe", Dimension::energy_density, 50.0e6 * 1e-4 * 1000.0 / (4.0 * 3.141592653589793)},
        {"150 degC", Dimension::temperature, 423.15},
        {"150 °C", Dimension::temperature, 423.15},
        {"423.15 K", Dimension::temperature, 423.15},
        {"302 degF", Dimension::temperature, 423.15},   // (302 − 32)·5/9 = 150 °C
        {"-40degC", Dimension::temperature, 233.15},
        {"10 K", Dimension::temperature_difference, 10.0},
        {"18 degF", Dimension::temperature_difference, 10.0},
        {"-0.12 %/K", Dimension::temperature_coefficient, -0.0012},
        {"-0.12 %/degC", Dimension::temperature_coefficient, -0.0012},
        {"+0.27 %/°C", Dimension::temperature_coefficient, 0.0027},
        {"7.55 g/cm^3", Dimension::density, 7550.0},
        {"7550 kg/m^3", Dimension::density, 7550.0},
        {"1.6 kg", Dimension::mass, 1.6},
        {"250 g", Dimension::mass, 0.25},
        {"2.5 t", Dimension::mass, 2500.0},
        {"12 cm^3", Dimension::volume, 12e-6},
        {"85 USD/kg", Dimension::money_per_mass, 85.0},
        {"1 %", Dimension::fraction, 0.01},
        {"0.01", Dimension::fraction, 0.01},
        {"1.2e3 kA/m", Dimension::field_strength, 1.2e6},
        {"  1.45   T  ", Dimension::flux_density, 1.45},
        {"1 A*m^-1", Dimension::field_strength, 1.0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(parse_quantity(c.text, c.dimension) == Approx(c.si).epsilon(1e-12));
    }
}

TEST_CASE("typed parse functions return Boost.Units quantities", "[units][parser]") {
    using namespace magsel::units;
    CHECK(parse_flux_density("12 kG").value() == Approx(1.2));
    CHECK(parse_field_strength("12 kOe").value() == Approx(954929.658551372));
    CHECK(to_celsius(parse_temperature("302 degF")) == Approx(150.0));
    CHECK(parse_money_per_mass("85 USD/kg").value() == Approx(85.0));
}

namespace {
std::string error_of(const char* text, Dimension d) {
    try {
        parse_quantity(text, d);
    } catch (const magsel::UnitError& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("bad quantity strings say what is wrong and what was expected", "[units][parser]") {
    using Catch::Matchers::Contains;
    CHECK_THAT(error_of("1.2 kg", Dimension::flux_density), Contains("a mass") && Contains("expected a flux density"));
    CHECK_THAT(error_of("1.2 kOhm", Dimension::flux_density), Contains("unknown unit `kOhm`"));
    CHECK_THAT(error_of("1.2", Dimension::flux_density), Contains("no unit"));
    CHECK_THAT(error_of("nan T", Dimension::flux_density), Contains("finite"));
    CHECK_THAT(error_of("inf T", Dimension::flux_density), Contains("finite"));
    CHECK_THAT(error_of("1e400 T", Dimension::flux_density), Contains("out of range"));
    CHECK_THAT(error_of("abc", Dimension::flux_density), Contains("does not start with a number"));
    CHECK_THAT(error_of("", Dimension::flux_density), Contains("empty"));
    CHECK_THAT(error_of("-300 degC", Dimension::temperature), Contains("below absolute zero"));
    CHECK_THAT(error_of("150 degC/s", Dimension::temperature), Contains("expected a temperature"));
    CHECK_THAT(error_of("150 K*K", Dimension::temperature), Contains("expected a temperature"));
    CHECK_THAT(error_of("1.2 T T", Dimension::flux_density), Contains("unexpected"));
    CHECK_THAT(error_of("1 kA/m^x", Dimension::field_strength), Contains("bad power"));
    CHECK_THAT(error_of("4G^1111111111", Dimension::flux_density), Contains("bad power"));  // found by fuzzing
    CHECK_THAT(error_of("4 m^-13", Dimension::volume), Contains("bad power"));
    CHECK(parse_quantity("1 m^12/m^9", Dimension::volume) == Approx(1.0));
    CHECK_THAT(error_of("12 kOe", Dimension::flux_density),
               Contains("a magnetic field strength") && Contains("expected a flux density"));
    CHECK_THAT(error_of("1.45 T", Dimension::field_strength), Contains("a flux density"));
    // issue 16: a look-alike letter is said to be one; absolute zero in any unit is absolute zero
    CHECK_THAT(error_of("1.2 \xD0\xA2", Dimension::flux_density), Contains("not ASCII (a look-alike"));
    CHECK(parse_quantity("-459.67 degF", Dimension::temperature) == 0.0);
    CHECK(parse_quantity("-273.15 degC", Dimension::temperature) == 0.0);
    CHECK_THAT(error_of("-459.68 degF", Dimension::temperature), Contains("below absolute zero"));
}

TEST_CASE("NaN and infinity in every spelling YAML and C allow are refused", "[units][parser][bad-input]") {
    using Catch::Matchers::Contains;
    for (const char* text : {".nan T", ".NaN T", ".NAN T", "nan T", "NaN T", "NAN T", "-nan T", ".inf T", ".Inf T",
                             ".INF T", "-.inf T", "+.inf T", "inf T", "Infinity T", "-infinity T", "+inf T"}) {
        CAPTURE(text);
        CHECK_THAT(error_of(text, Dimension::flux_density), Contains("finite"));
    }
    CHECK_THAT(error_of("nan", Dimension::fraction), Contains("finite"));
    CHECK_THAT(error_of("1e308 MGOe", Dimension::energy_density), Contains("overflows"));
}
